"""Read survey export files (CSV, XLSX) into rows of cells, with size and safety limits."""
from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Cell = Any  # str | int | float | datetime | None


class FileRejectedError(ValueError):
    """The file cannot be read safely; the message names the file and the reason."""


@dataclass(frozen=True)
class Limits:
    max_bytes: int = 200 * 1024 * 1024
    max_rows: int = 2_000_000
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # XLSX: sum of uncompressed zip members
    max_compression_ratio: float = 200.0


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


def list_sheets(path: str | Path, limits: Limits = Limits()) -> list[str]:
    import openpyxl
    path = Path(path)
    check_zip(path, limits)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        return list(wb.sheetnames)
    finally:
        wb.close()


def read_xlsx(path: Path, sheet: str | None = None, limits: Limits = Limits()) -> RawTable:
    import openpyxl
    check_zip(path, limits)
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        names = list(wb.sheetnames)
        if sheet is None:
            sheet = names[0]
        if sheet not in names:
            raise _reject(path, f"has no sheet {sheet!r}; sheets: {', '.join(names)}")
        rows: list[list[Cell]] = []
        numbers: list[int] = []
        for number, values in enumerate(wb[sheet].iter_rows(values_only=True), start=1):
            if not any(v is not None and str(v).strip() != "" for v in values):
                continue
            rows.append(list(values))
            numbers.append(number)
            if len(rows) > limits.max_rows + 3:
                raise _reject(path, f"sheet {sheet!r} has more than the maximum of {limits.max_rows:,} rows")
    finally:
        wb.close()
    width = max((max((i + 1 for i, v in enumerate(r) if v not in (None, "")), default=0)
                 for r in rows), default=0)
    rows = [r[:width] + [None] * (width - len(r)) for r in rows]
    return RawTable(str(path), rows, numbers, "xlsx", None, None, sheet, names)


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
