"""Read a survey export (CSV or XLSX) into a RawTable: the file's size checked, then the reader its
first bytes or its name call for (core.csv_reader, core.xlsx_table)."""

from __future__ import annotations

from pathlib import Path

from core.csv_reader import read_csv
from core.reading import FileRejectedError, Limits, RawTable, reject
from core.xlsx_table import read_xlsx


def read_table(path: str | Path, sheet: str | None = None, limits: Limits = Limits()) -> RawTable:
    """Read a CSV or XLSX file (the sheet the user picked, else the first)."""
    path = Path(path)
    if not path.is_file():
        raise FileRejectedError(
            f"{path.name}: file not found", code="file_not_found", params={"file": path.name}
        )
    size = path.stat().st_size
    if size > limits.max_bytes:
        raise reject(
            path,
            f"is {size:,} bytes, over the maximum of {limits.max_bytes:,} bytes",
            code="file_too_large",
            params={"file": path.name, "size": size, "limit": limits.max_bytes},
        )
    if size == 0:
        raise reject(path, "is empty", code="file_empty", params={"file": path.name})
    with path.open("rb") as fh:
        head = fh.read(4)
    if head.startswith(b"PK\x03\x04") or path.suffix.lower() in (".xlsx", ".xlsm"):
        if not head.startswith(b"PK"):
            raise reject(
                path,
                "has an .xlsx name but is not an Excel workbook",
                code="not_xlsx",
                params={"file": path.name},
            )
        return read_xlsx(path, sheet, limits)
    return read_csv(path, limits)
