"""Open an XLSX export as a Source: one sheet read by core.table_reader (with its limits), its
cells as text in a temp table."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from core.reading import FileRejectedError, Limits
from core.table_reader import read_table
from pipelines.loaders.source import Source, SourceError, column_types, header_names


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return (
            value.isoformat(sep=" ")
            if hasattr(value, "hour") and hasattr(value, "date")
            else value.isoformat()
        )
    return str(value)


def read_xlsx_source(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, sheet: str | None, limits: Limits
) -> Source:
    try:
        raw = read_table(path, sheet, limits)
    except FileRejectedError as exc:
        raise SourceError(str(exc), code=exc.code, params=exc.params) from exc
    if not raw.rows:
        raise SourceError(
            f"{path.name}: sheet {raw.sheet!r} is empty",
            code="empty_sheet",
            params={"file": path.name, "sheet": raw.sheet},
        )
    headers = header_names(raw.rows[0])
    data = raw.rows[1:]
    arrays = {
        f"c{i}": pa.array([_cell_text(r[i]) if i < len(r) else None for r in data], type=pa.string())
        for i in range(len(headers))
    }
    frame = pa.table(arrays)
    name = f"{table}_arrow"
    con.register(name, frame)
    try:
        con.execute(f"create temp table {table} as select * from {name}")
    finally:
        con.unregister(name)
    return Source(
        path,
        "xlsx",
        table,
        headers,
        column_types(con, table),
        len(data),
        header_row=raw.row_numbers[0],
        sheet=raw.sheet,
        sheets=raw.sheets,
        xlsx_rows=raw.row_numbers[1:],
        owned_table=table,
    )
