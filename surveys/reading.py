"""Read survey export files (CSV, XLSX) into rows of cells, with size and safety limits."""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable

Cell = Any  # str | int | float | datetime | None


class FileRejectedError(ValueError):
    """The file cannot be read safely; the message names the file and the reason."""


@dataclass(frozen=True)
class Limits:
    """Refuse files above these sizes; env CX_MAX_UPLOAD_MB / CX_MAX_ROWS override (from_env)."""

    max_bytes: int = 200 * 1024 * 1024
    max_rows: int = 2_000_000
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # XLSX: sum of uncompressed zip members
    max_compression_ratio: float = 200.0

    @classmethod
    def from_env(cls, max_mb: float | None = None, max_rows: int | None = None) -> "Limits":
        """Defaults, overridden by env CX_MAX_UPLOAD_MB and CX_MAX_ROWS, then by the arguments."""
        base = cls()
        mb = max_mb if max_mb is not None else _env_number("CX_MAX_UPLOAD_MB")
        rows = max_rows if max_rows is not None else _env_number("CX_MAX_ROWS")
        for name, value in (("maximum upload size (MB)", mb), ("maximum rows", rows)):
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be a positive number, got {value!r}")
        return cls(max_bytes=int(mb * 1024 * 1024) if mb is not None else base.max_bytes,
                   max_rows=int(rows) if rows is not None else base.max_rows,
                   max_uncompressed_bytes=base.max_uncompressed_bytes,
                   max_compression_ratio=base.max_compression_ratio)


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
    kind: str = "csv"              # csv | xlsx
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)


def _reject(path: Path, reason: str) -> FileRejectedError:
    return FileRejectedError(f"{path.name}: {reason}")


def decode_bytes(data: bytes, path: Path) -> tuple[str, str]:
    """Return (text, encoding): UTF-8 (BOM or not), UTF-16 with BOM, else Windows-1252 / Latin-1."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), "utf-16"
        except UnicodeDecodeError as exc:
            raise _reject(path, "UTF-16 byte order mark but the text cannot be decoded") from exc
    if b"\x00" in data:
        raise _reject(path, "contains NUL bytes: this is a binary file, not a CSV text export")
    for encoding in ("utf-8-sig", "cp1252", "latin-1"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        break
    controls = sum(1 for ch in text[:65536] if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(5, len(text[:65536]) // 100):
        raise _reject(path, "contains control characters: this is a binary file, not a CSV text export")
    return text, ("utf-8" if encoding == "utf-8-sig" and not data.startswith(b"\xef\xbb\xbf")
                  else encoding)


def sniff_delimiter(text: str) -> str:
    """Pick , ; or tab: the one giving the most columns consistently over the first lines."""
    sample = text[:65536].splitlines()[:30]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t"):
        widths = [len(r) for r in csv.reader(sample, delimiter=delim) if r]
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = common * widths.count(common) / len(widths) if common > 1 else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def read_csv(path: Path, limits: Limits = Limits()) -> RawTable:
    data = path.read_bytes()
    text, encoding = decode_bytes(data, path)
    delimiter = sniff_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    line = 0
    for record in reader:
        start, line = line + 1, reader.line_num
        if not any(c.strip() for c in record):
            continue
        rows.append(record)
        numbers.append(start)
        if len(rows) > limits.max_rows + 3:
            raise _reject(path, f"more than the maximum of {limits.max_rows:,} rows")
    return RawTable(str(path), rows, numbers, "csv", encoding, delimiter)


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse zip bombs by reading the zip directory before anything is decompressed."""
    try:
        with zipfile.ZipFile(path) as zf:
            infos = zf.infolist()
    except zipfile.BadZipFile as exc:
        raise _reject(path, "is not a valid .xlsx file (not a zip archive)") from exc
    total = sum(i.file_size for i in infos)
    packed = sum(i.compress_size for i in infos) or 1
    if total > limits.max_uncompressed_bytes:
        raise _reject(path, f"would expand to {total:,} bytes, over the limit of "
                            f"{limits.max_uncompressed_bytes:,} (possible zip bomb)")
    if total / packed > limits.max_compression_ratio and total > 10 * 1024 * 1024:
        raise _reject(path, f"compression ratio {total / packed:.0f}:1 is suspicious (possible zip bomb)")


def _fast_reader_refused(path: Path, exc: Exception) -> None:
    """Log why the streaming reader handed the file to openpyxl."""
    import logging
    from surveys.xlsx_stream import Unsupported
    log = logging.getLogger(__name__)
    if isinstance(exc, Unsupported):
        log.info("%s: fast XLSX reader refused (%s); reading with openpyxl", path.name, exc)
    else:
        log.warning("%s: fast XLSX reader failed (%r); reading with openpyxl", path.name, exc)


def list_sheets(path: str | Path, limits: Limits = Limits()) -> list[str]:
    """Sheet names in workbook order (streaming reader, else openpyxl), after the zip checks."""
    from surveys.xlsx_stream import sheet_names
    path = Path(path)
    check_zip(path, limits)
    try:
        return sheet_names(path)
    except Exception as exc:  # anything the fast reader cannot do, openpyxl decides
        _fast_reader_refused(path, exc)
    wb = _open_workbook(path)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_xlsx(path: Path, sheet: str | None = None, limits: Limits = Limits()) -> RawTable:
    """Read one sheet with the streaming reader (surveys.xlsx_stream), else with openpyxl."""
    from surveys.xlsx_stream import XlsxStream
    check_zip(path, limits)
    try:
        with XlsxStream(path) as book:
            return _xlsx_table(path, book.sheetnames, book.iter_rows, sheet, limits)
    except FileRejectedError:
        raise
    except Exception as exc:  # anything the fast reader cannot do, openpyxl decides
        _fast_reader_refused(path, exc)
    return _read_xlsx_openpyxl(path, sheet, limits)


def _open_workbook(path: Path):  # noqa: ANN202 - an openpyxl Workbook
    """openpyxl's read-only workbook; a file it cannot open is refused, naming the file."""
    import openpyxl
    try:
        return openpyxl.load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds for a broken workbook
        raise _reject(path, f"is not a readable Excel workbook ({type(exc).__name__}: {exc})") from exc


def _read_xlsx_openpyxl(path: Path, sheet: str | None, limits: Limits) -> RawTable:
    wb = _open_workbook(path)
    try:
        return _xlsx_table(path, wb.sheetnames,
                           lambda name: wb[name].iter_rows(values_only=True), sheet, limits)
    finally:
        wb.close()


def _xlsx_table(path: Path, sheetnames: list[str], rows_of: Callable[[str], Iterable[Any]],
                sheet: str | None, limits: Limits) -> RawTable:
    """Non-empty rows of one sheet, numbered from 1, trimmed to the widest non-empty column."""
    names = list(sheetnames)
    if sheet is None:
        sheet = names[0]
    if sheet not in names:
        raise _reject(path, f"has no sheet {sheet!r}; sheets: {', '.join(names)}")
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    for number, values in enumerate(rows_of(sheet), start=1):
        if not any(v is not None and str(v).strip() != "" for v in values):
            continue
        rows.append(list(values))
        numbers.append(number)
        if len(rows) > limits.max_rows + 3:
            raise _reject(path, f"sheet {sheet!r} has more than the maximum of {limits.max_rows:,} rows")
    width = max((_filled_width(r) for r in rows), default=0)
    rows = [r if len(r) == width else r[:width] + [None] * (width - len(r)) for r in rows]
    return RawTable(str(path), rows, numbers, "xlsx", None, None, sheet, names)


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
        raise FileRejectedError(f"{path.name}: file not found")
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise _reject(path, f"is {size:,} bytes, over the maximum of {limits.max_bytes:,} bytes")
    if size == 0:
        raise _reject(path, "is empty")
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK"):
            raise _reject(path, "has an .xlsx name but is not an Excel workbook")
        return read_xlsx(path, sheet, limits)
    return read_csv(path, limits)
