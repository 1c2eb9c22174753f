"""Read survey export files (CSV, XLSX) into rows of cells, with size and safety limits."""

from __future__ import annotations

import codecs
import csv
import gc
import struct
import zipfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

Cell = Any  # str | int | float | datetime | None


class FileRejectedError(ValueError):
    """The file cannot be read safely; the message names the file and the reason (English, for the
    command line). ``code`` and ``params`` let a page say it in its own language
    (core.problems codes, texts in dashboard/text/problems.py); without a code it is shown as its
    message."""

    def __init__(self, message: str, *, code: str = "", params: dict | None = None):
        super().__init__(message)
        self.code, self.params = code, params or {}  # a core.problems code and its params


@dataclass(frozen=True)
class Limits:
    """Refuse files above these sizes; env CX_MAX_UPLOAD_MB / CX_MAX_ROWS override (from_env)."""

    max_bytes: int = 200 * 1024 * 1024
    max_rows: int = 2_000_000
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # XLSX: sum of uncompressed zip members
    max_compression_ratio: float = 200.0
    max_cells: int = 10_000_000  # XLSX: cells per sheet, and highest row x highest column
    max_cell_chars: int = 131_072  # one cell (CSV: Python csv's field limit; XLSX: x8 XML bytes)
    max_shared_strings: int = 5_000_000  # XLSX: entries of the shared-strings table

    @classmethod
    def from_env(cls, max_mb: float | None = None, max_rows: int | None = None) -> Limits:
        """Defaults, overridden by env CX_MAX_UPLOAD_MB and CX_MAX_ROWS, then by the arguments."""
        base = cls()
        mb = max_mb if max_mb is not None else _env_number("CX_MAX_UPLOAD_MB")
        rows = max_rows if max_rows is not None else _env_number("CX_MAX_ROWS")
        for name, value in (("maximum upload size (MB)", mb), ("maximum rows", rows)):
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be a positive number, got {value!r}")
        return replace(
            base,
            max_bytes=int(mb * 1024 * 1024) if mb is not None else base.max_bytes,
            max_rows=int(rows) if rows is not None else base.max_rows,
        )


def _env_number(name: str) -> float | None:
    """A positive number from the environment variable `name`; None when unset or blank."""
    import os

    text = os.environ.get(name, "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{name} must be a positive number, got {text!r}") from None
    if not value > 0:
        raise ValueError(f"{name} must be a positive number, got {text!r}")
    return value


@dataclass
class RawTable:
    """All non-empty rows of one CSV file or one XLSX sheet, with the row numbers the user sees."""

    source: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    kind: Literal["csv", "xlsx"] = "csv"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)


def _reject(path: Path, reason: str, *, code: str = "", params: dict | None = None) -> FileRejectedError:
    return FileRejectedError(f"{path.name}: {reason}", code=code, params=params)


def _unreadable_workbook(path: Path, exc: Exception) -> FileRejectedError:
    return _reject(
        path,
        f"is not a readable Excel workbook ({exc})",
        code="unreadable_file",
        params={"file": path.name, "detail": str(exc)},
    )


def _utf16_error(path: Path) -> FileRejectedError:
    return _reject(
        path,
        "UTF-16 byte order mark but the text cannot be decoded",
        code="utf16_undecodable",
        params={"file": path.name},
    )


SAMPLE_CHARS = 65536
SCAN_BYTES = 1 << 22  # 4 MiB: the encoding scan reads the whole file
LINE_CAP = 32 * 1024 * 1024  # characters in one physical line of a CSV file
_CP1252_UNDEFINED = (b"\x81", b"\x8d", b"\x8f", b"\x90", b"\x9d")  # five finds: 15x faster than a regex


class BinaryFileError(FileRejectedError):
    """A NUL byte in what should be a text export; `offset` is where it is."""

    def __init__(self, message: str, offset: int, file: str = ""):
        super().__init__(message, code="binary_file", params={"file": file})
        self.offset = offset


def detect_encoding(path: Path) -> str:
    """The encoding of a text file, read once in chunks: utf-16 (a byte order mark), utf-8-sig
    (UTF-8 with a BOM), utf-8, cp1252, else latin-1. A NUL byte outside UTF-16 is refused
    (BinaryFileError with its offset), and so is UTF-16 that cannot be decoded. Used by the
    survey reader and the systems loaders (pipelines/loaders/source.py)."""
    utf8 = codecs.getincrementaldecoder("utf-8")()
    utf16 = codecs.getincrementaldecoder("utf-16")()
    is_utf8, is_cp1252, offset, head = True, True, 0, None
    for chunk in _byte_chunks(path):
        if head is None:
            head = chunk[:4]
        if head.startswith((b"\xff\xfe", b"\xfe\xff")):
            try:
                utf16.decode(chunk)
            except UnicodeDecodeError as exc:
                raise _utf16_error(path) from exc
            continue
        nul = chunk.find(b"\x00")
        if nul >= 0:
            raise BinaryFileError(
                f"{path.name}: contains a NUL byte (at byte {offset + nul:,}): this "
                "is a binary file, not a CSV text export",
                offset + nul,
                path.name,
            )
        if is_utf8:
            try:
                utf8.decode(chunk)
            except UnicodeDecodeError:
                is_utf8 = False
        if is_cp1252 and any(byte in chunk for byte in _CP1252_UNDEFINED):
            is_cp1252 = False
        offset += len(chunk)
    head = head or b""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            utf16.decode(b"", final=True)
        except UnicodeDecodeError as exc:
            raise _utf16_error(path) from exc
        return "utf-16"
    if is_utf8:
        try:
            utf8.decode(b"", final=True)
        except UnicodeDecodeError:
            is_utf8 = False
    if is_utf8:
        return "utf-8-sig" if head.startswith(b"\xef\xbb\xbf") else "utf-8"
    return "cp1252" if is_cp1252 else "latin-1"


def _check_controls(sample: str, path: Path) -> None:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(5, len(sample) // 100):
        raise _reject(
            path,
            "contains control characters: this is a binary file, not a CSV text export",
            code="control_characters",
            params={"file": path.name},
        )
    if "\x00" in sample:
        raise _reject(
            path,
            "contains NUL characters: this is a binary file, not a CSV text export",
            code="binary_file",
            params={"file": path.name},
        )


def sniff_delimiter(text: str) -> str:
    """Pick , ; or tab: the one giving the most columns consistently over the first lines."""
    sample = text[:65536].splitlines()[:30]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t"):
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=delim) if r]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = common * widths.count(common) / len(widths) if common > 1 else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def _byte_chunks(path: Path) -> Iterator[bytes]:
    with path.open("rb") as fh:
        yield from iter(lambda: fh.read(SCAN_BYTES), b"")


def _lines(fh: Any, path: Path) -> Iterator[str]:
    """Physical lines of the text; a line longer than LINE_CAP characters is refused."""
    number = 0
    readline = fh.readline
    while line := readline(LINE_CAP):
        number += 1
        if len(line) >= LINE_CAP and not line.endswith(("\n", "\r")):
            raise _reject(
                path,
                f"line {number:,} is longer than {LINE_CAP:,} characters",
                code="line_too_long",
                params={"file": path.name, "limit": LINE_CAP},
            )
        if "\x00" in line:
            raise _reject(
                path,
                f"line {number:,} contains a NUL character: this is a binary file, not a CSV text export",
                code="binary_file",
                params={"file": path.name},
            )
        yield line


def read_csv(path: Path, limits: Limits = Limits()) -> RawTable:
    """Stream the file: encoding and NUL check in one pass over the bytes, then csv.reader over
    the decoded lines, stopping at the row limit, the cell length cap or a row wider than the header."""
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(SAMPLE_CHARS)
        _check_controls(sample, path)
        delimiter = sniff_delimiter(sample)
        fh.seek(0)  # the codec drops a byte order mark again
        rows, numbers = _csv_rows(fh, path, delimiter, limits)
    return RawTable(str(path), rows, numbers, "csv", encoding, delimiter)


def _csv_rows(fh: Any, path: Path, delimiter: str, limits: Limits) -> tuple[list[list[Cell]], list[int]]:
    with _no_gc():
        return _csv_records(fh, path, delimiter, limits)


@contextmanager
def _no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of (acyclic) row lists are built: its
    full passes over them made reading a 2M-row file several times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class _SharedValues:
    """One str object per distinct value in repetitive columns (channel, segment, score, ...)
    instead of one per cell: the columns are chosen from the first SAMPLE rows. Saves about a
    third of the memory of a large export's rows for ~0.3 s per million rows."""

    SAMPLE = 2000
    MAX_SHARE = 0.2  # a column is shared when its distinct values are <= 20% of the sample
    MAX_DISTINCT = 50_000  # a column whose values keep changing stops being shared

    def __init__(self) -> None:
        self.columns: list[int] = []
        self.cache: dict[str, str] = {}

    def choose(self, rows: list[list[Cell]]) -> None:
        sample = rows[1:]
        width = max((len(r) for r in sample), default=0)
        self.columns = [
            i
            for i in range(width)
            if len({r[i] for r in sample if i < len(r)}) <= self.MAX_SHARE * len(sample)
        ]
        for row in sample:
            self.apply(row)

    def add(self, rows: list[list[Cell]], record: list[Cell]) -> None:
        """Append the record to rows, its repetitive values shared (chosen after SAMPLE rows)."""
        if self.columns:
            self.apply(record)
        elif len(rows) == self.SAMPLE:
            self.choose(rows)
        rows.append(record)

    def apply(self, record: list[Cell]) -> None:
        cache = self.cache
        get = cache.setdefault
        n = len(record)
        for i in self.columns:
            if i < n:
                value = record[i]
                if type(value) is str:  # never 1 / 1.0 / True: equal keys of other types
                    record[i] = get(value, value)
        if len(cache) > self.MAX_DISTINCT:
            self.columns, self.cache = [], {}


def _csv_records(fh: Any, path: Path, delimiter: str, limits: Limits) -> tuple[list[list[Cell]], list[int]]:
    reader = csv.reader(_lines(fh, path), delimiter=delimiter)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    width = header_line = line = 0
    cap = limits.max_rows + 3
    shared = _SharedValues()
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not (record and record[0].strip()) and not any(c.strip() for c in record):
                continue
            if not rows:
                width, header_line = len(record), start
            elif len(record) > width:
                if any(c.strip() for c in record[width:]):
                    raise _reject(
                        path,
                        f"row at line {start:,} has {len(record)} fields but the "
                        f"header (line {header_line}) has {width} columns; check "
                        "the delimiter and quoting",
                        code="wrong_field_count",
                        params={"file": path.name, "fields": len(record), "header_columns": width},
                    )
                del record[width:]
            shared.add(rows, record)
            numbers.append(start)
            if len(rows) > cap:
                raise _reject(
                    path,
                    f"more than the maximum of {limits.max_rows:,} rows",
                    code="over_row_limit",
                    params={"file": path.name, "limit": limits.max_rows},
                )
    except csv.Error as exc:
        where = f"line {reader.line_num:,}"
        if "field larger than field limit" in str(exc):
            raise _reject(
                path,
                f"{where}: a cell is longer than the limit of {csv.field_size_limit():,} characters",
                code="cell_too_long",
                params={"file": path.name, "row": reader.line_num, "limit": csv.field_size_limit()},
            ) from None
        raise _reject(
            path,
            f"{where}: cannot be read as CSV ({exc})",
            code="unreadable_file",
            params={"file": path.name, "detail": str(exc)},
        ) from None
    return rows, numbers


_INSPECTED: dict[tuple, None] = {}  # workbooks that passed the guard: (path, size, mtime, limits)


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse zip bombs and hostile workbooks before any XML is parsed (core.xlsx_guard).
    A workbook that passed (same path, size, modification time and limits) is not scanned again:
    the Upload page lists the sheets, then reads one."""
    from core import xlsx_guard

    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, limits)
    if key in _INSPECTED:
        return
    try:
        xlsx_guard.inspect(path, limits)
        _INSPECTED[key] = None
        while len(_INSPECTED) > 16:
            del _INSPECTED[next(iter(_INSPECTED))]
    except xlsx_guard.Refused as exc:
        raise _reject(
            path, str(exc), code="xlsx_refused", params={"file": path.name, "detail": str(exc)}
        ) from None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
        struct.error,
    ) as exc:
        raise _reject(
            path,
            f"is not a valid .xlsx file (not a readable zip archive: {exc})",
            code="not_xlsx",
            params={"file": path.name},
        ) from None


def list_sheets(path: str | Path, limits: Limits = Limits()) -> list[str]:
    """Worksheet names in workbook order, after the archive checks."""
    from core.xlsx_reader import WorkbookError, sheet_names

    path = Path(path)
    check_zip(path, limits)
    try:
        return sheet_names(path)
    except WorkbookError as exc:
        raise _unreadable_workbook(path, exc) from None


def read_xlsx(path: Path, sheet: str | None = None, limits: Limits = Limits()) -> RawTable:
    """Read one sheet with python-calamine, after the archive checks (core.xlsx_guard)."""
    from core.xlsx_reader import WorkbookError, read_rows

    check_zip(path, limits)
    try:
        names, chosen, rows = read_rows(path, sheet)
        if chosen not in names:
            raise _reject(
                path,
                f"has no sheet {chosen!r}; sheets: {', '.join(names)}",
                code="no_such_sheet",
                params={"file": path.name, "sheet": chosen, "sheets": ", ".join(names)},
            )
        return _xlsx_table(path, names, chosen, rows, limits)
    except WorkbookError as exc:
        raise _unreadable_workbook(path, exc) from None


def _xlsx_table(
    path: Path, names: list[str], sheet: str, numbered: Iterable[tuple[int, list[Cell]]], limits: Limits
) -> RawTable:
    """Non-empty rows of one sheet with their sheet row numbers, trimmed to the widest non-empty column."""
    with _no_gc():
        return _xlsx_rows(path, names, sheet, numbered, limits)


def _xlsx_rows(
    path: Path, names: list[str], sheet: str, numbered: Iterable[tuple[int, list[Cell]]], limits: Limits
) -> RawTable:
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    shared = _SharedValues()
    for number, values in numbered:
        if _blank(values):
            continue
        shared.add(rows, values)
        numbers.append(number)
        if len(rows) > limits.max_rows + 3:
            raise _reject(
                path,
                f"sheet {sheet!r} has more than the maximum of {limits.max_rows:,} rows",
                code="over_row_limit",
                params={"file": path.name, "limit": limits.max_rows},
            )
    width = max((_filled_width(r) for r in rows), default=0)
    rows = [r if len(r) == width else r[:width] + [None] * (width - len(r)) for r in rows]
    return RawTable(str(path), rows, numbers, "xlsx", None, None, sheet, names)


def _blank(values: list[Cell]) -> bool:
    """True when every cell is None or whitespace (stops at the first filled cell)."""
    for v in values:
        if v is not None and (type(v) is not str or v.strip()):
            return False
    return True


def _filled_width(row: list[Cell]) -> int:
    """1 + index of the last cell that is neither None nor "" (0 for none): scans from the end."""
    for i in range(len(row) - 1, -1, -1):
        if row[i] not in (None, ""):
            return i + 1
    return 0


def read_table(path: str | Path, sheet: str | None = None, limits: Limits = Limits()) -> RawTable:
    """Read a CSV or XLSX file (the sheet the user picked, else the first)."""
    path = Path(path)
    if not path.is_file():
        raise FileRejectedError(
            f"{path.name}: file not found", code="file_not_found", params={"file": path.name}
        )
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _reject(
            path,
            f"is {size:,} bytes, over the maximum of {limits.max_bytes:,} bytes",
            code="file_too_large",
            params={"file": path.name, "size": size, "limit": limits.max_bytes},
        )
    if size == 0:
        raise _reject(path, "is empty", code="file_empty", params={"file": path.name})
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK"):
            raise _reject(
                path,
                "has an .xlsx name but is not an Excel workbook",
                code="not_xlsx",
                params={"file": path.name},
            )
        return read_xlsx(path, sheet, limits)
    return read_csv(path, limits)
