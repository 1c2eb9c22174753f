"""Quoted SQL identifiers and string literals, and paths as DuckDB's read_parquet arguments that
match only themselves: DuckDB reads every path as a glob, so a folder named 'm[1]' would otherwise
read 'm1' (used by export-raw, the incremental refresh, the comparison of Spark's marts and the
dashboard's Parquet marts mode, dashboard/marts_source.py)."""

from __future__ import annotations

from pathlib import Path


def glob_literal(path: Path | str) -> str:
    """A path as a pattern read_parquet matches only literally ('[', '*', '?' in brackets)."""
    return "".join(f"[{c}]" if c in "[*?" else c for c in str(path))


def sql_identifier(name: str) -> str:
    """A column or table name as a quoted SQL identifier (double quotes doubled)."""
    return '"' + name.replace('"', '""') + '"'


def sql_string(value: str) -> str:
    """A SQL string literal (quotes doubled); a NUL, which no real path holds, is refused."""
    if "\x00" in value:
        raise ValueError("a path may not contain a NUL character")
    return "'" + value.replace("'", "''") + "'"


def files_sql(files: tuple[Path, ...]) -> str:
    """read_parquet's argument for exactly these files: a list of escaped, quoted literals."""
    return "[" + ", ".join(sql_string(glob_literal(f)) for f in files) + "]"


def folder_files_sql(folder: Path | str) -> str:
    """read_parquet's argument for the Parquet files directly in ``folder`` (its name escaped)."""
    return sql_string(glob_literal(folder) + "/*.parquet")
