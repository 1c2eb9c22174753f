"""Open the embedded DuckDB database and create the raw schema."""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from pathlib import Path

import duckdb

from core.load_kinds import LOAD_KINDS, RAW_TABLES, SURVEYS
from core.versions import ensure_versions

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DB = ROOT / "data" / "cx.duckdb"
SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
SURVEY_TABLE = LOAD_KINDS[SURVEYS].table  # the survey importer's; the loaders fill the others
# Committed changes wait in the write-ahead log until this much has gathered (DuckDB's default is
# 16 MB), so a commit does not stop to rewrite the changed row groups into the file: an incremental
# refresh at scale L wrote ~15 MB and its commit took 1.5 s instead of 0.1 s. The file is brought
# up to date by checkpoint_in_background() after a refresh the dashboard ran, and on close.
CHECKPOINT_THRESHOLD = "1GB"
log = logging.getLogger(__name__)


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
                "dashboard). Stop it, or refresh from the dashboard instead."
            ) from exc
        raise
    if not read_only:
        con.execute(f"set checkpoint_threshold = '{CHECKPOINT_THRESHOLD}'")
        ensure_schema(con)
    return con


def checkpoint_in_background(con: duckdb.DuckDBPyConnection) -> threading.Thread:
    """Write what is committed into the database file on a thread of its own, so the user does not
    wait for it: readers go on meanwhile (a writer waits until it is done); should it fail, the
    changes stay safe in the write-ahead log and the next checkpoint or the close writes them."""

    def run() -> None:
        try:
            cursor = con.cursor()
            try:
                cursor.execute("checkpoint")
            finally:
                cursor.close()
        except duckdb.Error as exc:  # e.g. the connection was closed first
            log.warning("background checkpoint not done: %s", exc)

    thread = threading.Thread(target=run, name="cx-checkpoint")
    thread.start()
    return thread


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    """Create the raw tables and their versions tables if they do not exist, and migrate older
    databases (idempotent)."""
    for sql_file in sorted(SCHEMA_DIR.glob("*.sql")):
        con.execute(sql_file.read_text(encoding="utf-8"))
    for kind in LOAD_KINDS.values():
        ensure_versions(con, kind)
    migrate_raw_times_to_utc(con)


MIGRATIONS_DDL = (
    "create table if not exists schema_migrations (name varchar primary key, applied_at timestamp not null)"
)
UTC_MIGRATION = "raw_times_utc"
LEGACY_ZONE = "Europe/Helsinki"  # the zone raw times were stored in before they were UTC
NOT_DATA_TIMES = ("superseded_at",)  # when a row was replaced: the server's clock, not the data's


def migrate_raw_times_to_utc(con: duckdb.DuckDBPyConnection) -> int:
    """Raw tables of a database created before times were stored in UTC hold Helsinki wall-clock
    times (as the loaders and the demo wrote them): turn every data time into UTC once, in one
    transaction. A new database is only marked. Returns the number of columns converted."""
    con.execute(MIGRATIONS_DDL)
    done = con.execute("select count(*) from schema_migrations where name = ?", [UTC_MIGRATION]).fetchall()[
        0
    ][0]
    if done:
        return 0
    columns = con.execute(r"""
        select c.table_name, c.column_name
        from information_schema.columns as c
        join information_schema.tables as t using (table_catalog, table_schema, table_name)
        where t.table_schema = 'main' and t.table_type = 'BASE TABLE'
          and c.table_name like 'raw\_%' escape '\' and c.data_type = 'TIMESTAMP'
        order by 1, 2""").fetchall()
    columns = [(t, c) for t, c in columns if c not in NOT_DATA_TIMES]
    tables = sorted({t for t, _ in columns})
    has_rows = any(con.execute(f"select count(*) from {t}").fetchall()[0][0] for t in tables)
    con.execute("begin transaction")
    try:
        if has_rows:
            for table in tables:
                sets = ", ".join(
                    f"{c} = timezone('UTC', timezone('{LEGACY_ZONE}', {c}))" for t, c in columns if t == table
                )
                con.execute(f"update {table} set {sets}")
        con.execute("insert into schema_migrations values (?, current_localtimestamp())", [UTC_MIGRATION])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return len(columns) if has_rows else 0


def table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    rows = con.execute(
        "select count(*) from information_schema.tables where table_name = ?", [name]
    ).fetchall()
    return rows[0][0] > 0


def same_rows(con: duckdb.DuckDBPyConnection, a: str, b: str) -> bool:
    """Whether two relations of the same columns hold the same rows, as multisets."""
    differing = con.execute(
        f"""select count(*) from (
              (select * from {a} except all select * from {b})
              union all
              (select * from {b} except all select * from {a}))"""
    ).fetchall()[0][0]
    return differing == 0


def is_empty(con: duckdb.DuckDBPyConnection) -> bool:
    """True when no raw data has been loaded at all."""
    for table in RAW_TABLES:
        if table_exists(con, table) and con.execute(f"select count(*) from {table}").fetchall()[0][0]:
            return False
    return True


@contextmanager
def setting(con: duckdb.DuckDBPyConnection, name: str, value: bool | int | str) -> Iterator[None]:
    """DuckDB's setting `name` at `value` for the block, put back afterwards."""
    before = con.execute(f"select current_setting('{name}')").fetchall()[0][0]
    con.execute(f"set {name} = {_literal(value)}")
    try:
        yield
    finally:
        con.execute(f"set {name} = {_literal(before)}")


def one_thread(con: duckdb.DuckDBPyConnection) -> AbstractContextManager[None]:
    """DuckDB on one thread for the block: committing a large primary-key index on two threads
    took ~0.6 GB more at 4M survey responses."""
    return setting(con, "threads", 1)


def _literal(value: bool | int | str) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    return "'" + str(value).replace("'", "''") + "'"
