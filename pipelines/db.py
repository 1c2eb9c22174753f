"""Open the embedded DuckDB database and create the raw schema."""
from __future__ import annotations

import os
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "cx.duckdb"
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
RAW_TABLES = ("raw_survey_responses", "raw_contacts", "raw_journey_events", "raw_customers")


class DatabaseBusyError(RuntimeError):
    """Another process holds the database file open for writing."""


def default_db_path() -> Path:
    """The database file: env CX_DB if set, else data/cx.duckdb."""
    return Path(os.environ.get("CX_DB") or DEFAULT_DB)


def connect(path: str | Path | None = None, read_only: bool = False) -> duckdb.DuckDBPyConnection:
    """Open the database (creating file and raw schema unless read-only)."""
    db_path = Path(path) if path is not None else default_db_path()
    if not read_only:
        db_path.parent.mkdir(parents=True, exist_ok=True)
    config = {"memory_limit": os.environ.get("CX_MEMORY_LIMIT", "8GB")}
    try:
        con = duckdb.connect(str(db_path), read_only=read_only, config=config)
    except duckdb.IOException as exc:
        if "lock" in str(exc).lower():
            raise DatabaseBusyError(
                f"Database {db_path} is in use by another process (for example the running "
                "dashboard). Stop it, or refresh from the dashboard instead.") from exc
        raise
    if not read_only:
        ensure_schema(con)
    return con


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables if they do not exist (idempotent)."""
    for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
        con.execute(sql_file.read_text(encoding="utf-8"))


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]).fetchall()
    return rows[0][0] > 0


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no raw data has been loaded at all."""
    for table in RAW_TABLES:
        if table_exists(con, table) and con.execute(f"select count(*) from {table}").fetchall()[0][0]:
            return False
    return True
