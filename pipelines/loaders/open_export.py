"""Open a CSV, XLSX or Parquet export as a Source: its size checked, its format told from its
first bytes (or refused by its name), then the reader for that format, within the limits."""

from __future__ import annotations

import uuid
from pathlib import Path

import duckdb

from core.reading import Limits
from pipelines.loaders.csv_source import csv_rows_within, read_csv_source
from pipelines.loaders.parquet_source import read_parquet_source
from pipelines.loaders.source import Source, SourceError
from pipelines.loaders.xlsx_source import read_xlsx_source


def detect_format(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == b"PAR1":
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"PK\x05\x06"):
        raise SourceError(
            f"{path.name} is an empty zip archive: it holds no file",
            code="empty_zip",
            params={"file": path.name},
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raise SourceError(
            f"{path.name} has an Excel name but is not an .xlsx workbook",
            code="not_xlsx",
            params={"file": path.name},
        )
    if suffix == ".parquet":
        raise SourceError(
            f"{path.name} has a .parquet name but is not a Parquet file",
            code="not_parquet",
            params={"file": path.name},
        )
    if suffix == ".xls":
        raise SourceError(
            f"{path.name} is an old Excel .xls file: save it as .xlsx or CSV",
            code="old_xls",
            params={"file": path.name},
        )
    return "csv"


def open_source(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    sheet: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Source:
    """Open the file as a relation (XLSX: read it); SourceError when it cannot be read."""
    path, limits = Path(path), limits or Limits()
    if not path.is_file():
        raise SourceError(f"{path.name}: file not found", code="file_not_found", params={"file": path.name})
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"{path.name} is empty", code="file_empty", params={"file": path.name})
    if size > limits.max_bytes:
        raise SourceError(
            f"{path.name} is {size:,} bytes, over the maximum of {limits.max_bytes:,}",
            code="file_too_large",
            params={"file": path.name, "size": size, "limit": limits.max_bytes},
        )
    fmt = detect_format(path)
    table = f"__load_src_{uuid.uuid4().hex[:12]}"
    if fmt == "parquet":
        source = read_parquet_source(con, path)
    elif fmt == "xlsx":
        source = read_xlsx_source(con, path, table, sheet, limits)
    else:
        source = read_csv_source(path, delimiter, encoding)
        try:
            source.rows = csv_rows_within(con, source, limits)
        except BaseException:
            source.close(con)
            raise
    if source.rows > limits.max_rows:
        source.close(con)
        raise SourceError(
            f"{path.name} has more than the maximum of {limits.max_rows:,} rows (reading stopped there)",
            code="over_row_limit",
            params={"file": path.name, "limit": limits.max_rows},
        )
    return source
