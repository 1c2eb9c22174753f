"""One export opened as a DuckDB relation with columns c0..cN, in file order (Source), and the
error when a file cannot be read as one (SourceError). Opening a file is
pipelines.loaders.open_export's; the readers are csv_source, xlsx_source and parquet_source."""

from __future__ import annotations

import csv
import re
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb

from core.problems import Problem

NUMERIC_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
)


class SourceError(ValueError):
    """The file cannot be read as a table; `row` is the row the problem is on (0 = the file)."""

    def __init__(
        self, message: str, row: int = 0, value: str = "", *, code: str = "", params: dict | None = None
    ):
        super().__init__(message)
        self.row, self.value = row, value
        # core.problems code and params; a message from elsewhere (core.reading) is passed on as is
        self.code, self.params = code, params or {}

    def problem(self) -> Problem:
        """The error as the file's one problem."""
        if self.code:
            return Problem(self.row, "", self.value, str(self), code=self.code, params=self.params)
        return Problem(
            self.row, "", self.value, str(self), code="file_rejected", params={"detail": str(self)}
        )


@dataclass
class Source:
    """One export as the SQL relation `relation` (columns c0..cN, all rows, in file order).

    CSV and Parquet are read by DuckDB straight from the file when the relation is scanned (a
    CSV whose fast read fails is retried with `fallback`); XLSX is read once into a temp table.
    """

    path: Path
    format: Literal["csv", "xlsx", "parquet"]
    relation: str
    headers: list[str]
    types: list[str]  # DuckDB type of each column
    rows: int = -1  # data rows; -1 until the relation has been scanned
    header_row: int = 1  # row number of the header as the user sees it
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    xlsx_rows: list[int] | None = None  # sheet row number of each data row
    text_path: Path | None = None  # the UTF-8 text DuckDB read (CSV)
    workdir: Path | None = None
    fallback: str | None = None  # CSV: the slower reader that pads short rows
    owned_table: str | None = None  # XLSX: the temp table to drop

    def read_error(self, exc: Exception) -> SourceError:
        """A DuckDB error while scanning the file, as a SourceError naming the line."""
        if self.format == "csv":
            return _csv_error(self.path, exc, len(self.headers))
        detail = first_line(exc)
        return SourceError(
            f"{self.path.name} cannot be read: {detail}",
            code="unreadable_file",
            params={"file": self.path.name, "detail": detail},
        )

    def display_rows(self, recs: list[int]) -> dict[int, int]:
        """Row numbers as the user sees them (CSV line, sheet row, Parquet record 1..n) for record indexes."""
        if self.format == "xlsx" and self.xlsx_rows is not None:
            return {r: self.xlsx_rows[r] for r in recs}
        if self.format == "parquet":
            return {r: r + 1 for r in recs}
        return _csv_lines(self.text_path or self.path, self.delimiter or ",", set(recs))

    def column(self, index: int) -> str:
        return f"c{index}"

    def close(self, con: duckdb.DuckDBPyConnection) -> None:
        """Drop the temp table and remove converted copies of the file."""
        try:
            if self.owned_table:
                con.execute(f"drop table if exists {self.owned_table}")
        finally:
            if self.workdir is not None:
                shutil.rmtree(self.workdir, ignore_errors=True)


def header_names(raw: list) -> list[str]:
    out = []
    for i, h in enumerate(raw):
        text = "" if h is None else str(h).strip()
        out.append(text or f"column {i + 1}")
    return out


def column_types(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"describe {table}").fetchall()]


def first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0].split("Error: ", 1)[-1]


def _csv_error(path: Path, exc: Exception, n_columns: int) -> SourceError:
    text = str(exc)
    line = re.search(r"Line: (\d+)", text)
    original = re.search(r"Original Line: (.*)", text)
    found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    too_long = re.search(r"Maximum line size of (\d+) bytes exceeded", text)
    if too_long:
        limit = int(too_long.group(1))
        reason = f"the line is longer than the maximum of {limit:,} bytes (a cell this long is refused)"
        code, params = "line_too_long", {"file": path.name, "limit": limit}
    elif found:
        reason = (
            f"the row has {found.group(2)} fields but the header has {n_columns} columns "
            "(check the delimiter and quoting)"
        )
        code, params = (
            "wrong_field_count",
            {"file": path.name, "fields": int(found.group(2)), "header_columns": n_columns},
        )
    else:
        reason = f"cannot be read as CSV: {first_line(exc)}"
        code, params = "unreadable_file", {"file": path.name, "detail": first_line(exc)}
    return SourceError(
        f"{path.name}: {reason}",
        int(line.group(1)) if line else 0,
        original.group(1).strip()[:200] if original else "",
        code=code,
        params=params,
    )


def _csv_lines(path: Path, delimiter: str, wanted: set[int]) -> dict[int, int]:
    """The line each wanted data record starts on (blank lines skipped, like DuckDB's reader)."""
    out: dict[int, int] = {}
    if not wanted:
        return out
    last = max(wanted)
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        end, rec, header_seen = 0, -1, False
        for record in reader:
            start, end = end + 1, reader.line_num
            if not record:
                continue
            if not header_seen:
                if any(c.strip() for c in record):
                    header_seen = True
                continue
            rec += 1
            if rec in wanted:
                out[rec] = start
            if rec >= last:
                break
    for rec in wanted - out.keys():
        out[rec] = rec + 2
    return out
