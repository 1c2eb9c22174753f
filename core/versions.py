"""The version history of the raw tables: raw_<row>_versions keeps every row an import replaced,
with the batch that replaced it (superseded_by) and when (superseded_at), so that rolling that
batch back can put the row back (core/batches.py). The incremental refresh finds the customers
whose rows a new batch replaced through these tables (pipelines/incremental.py).

One definition for every kind: the versions table is derived from its raw table (core/schema/),
never written out twice.
"""

from __future__ import annotations

from datetime import datetime

import duckdb

from core.load_kinds import LoadKind


def raw_columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    """The table's columns in table order."""
    return [r[0] for r in con.execute(f"describe {table}").fetchall()]


def keyed(con: duckdb.DuckDBPyConnection, kind: LoadKind) -> bool:
    """True when the kind's key is its raw table's primary key (not so for journey events)."""
    return any(
        name == kind.key and key == "PRI"
        for name, _, _, key, *_ in con.execute(f"describe {kind.table}").fetchall()
    )


def versions_ddl(con: duckdb.DuckDBPyConnection, kind: LoadKind) -> str:
    """`create table if not exists` of the versions table: the raw table's columns with their types
    and not-null constraints, then superseded_by and superseded_at; keyed by (key, batch_id) when
    the raw table is keyed by its key (one version of a row per batch that wrote it)."""
    columns = [
        f"{name} {dtype}{' not null' if null == 'NO' else ''}"
        for name, dtype, null, *_ in con.execute(f"describe {kind.table}").fetchall()
    ]
    columns += ["superseded_by varchar not null", "superseded_at timestamp not null"]
    if keyed(con, kind):
        columns.append(f"primary key ({kind.key}, batch_id)")
    return f"create table if not exists {kind.versions} (\n    " + ",\n    ".join(columns) + "\n)"


def ensure_versions(con: duckdb.DuckDBPyConnection, kind: LoadKind) -> None:
    """Create the versions table, or add the raw table's columns it lacks (e.g. source_row, added
    to raw_journey_events after databases with versions tables existed)."""
    con.execute(versions_ddl(con, kind))
    have = set(raw_columns(con, kind.versions))
    for name, dtype, *_ in con.execute(f"describe {kind.table}").fetchall():
        if name not in have:
            con.execute(f"alter table {kind.versions} add column {name} {dtype}")


def archive_rows(
    con: duckdb.DuckDBPyConnection, kind: LoadKind, condition: str, batch_id: str, at: datetime | None = None
) -> int:
    """Copy the raw rows matching the SQL `condition` into the versions table, superseded by
    `batch_id` at `at` (default now); returns how many. Column lists are explicit: an older
    versions table may hold the columns in another order."""
    cols = ", ".join(raw_columns(con, kind.table))
    return int(
        con.execute(
            f"insert into {kind.versions} ({cols}, superseded_by, superseded_at) "
            f"select {cols}, ?, ? from {kind.table} where {condition}",
            [batch_id, at or datetime.now()],
        ).fetchall()[0][0]
    )


# --- rows of rolled-back batches, kept so that a rollback can be undone (core/batches.py restore) ---
# parked_role: 'current'    the batch's rows that were current (taken out of the raw table)
#              'replaced'   the versions the batch had replaced (out of the versions table; those of
#                           the current rows went back into the raw table)
#              'superseded' the batch's own versions a later batch had replaced
#              'relinked'   versions the batch had replaced whose superseded_by the rollback moved
#                           to the later batch (superseded_by here: that later batch)
PARKED_ROLES = ("current", "replaced", "superseded", "relinked")


def parked_table(kind: LoadKind) -> str:
    """Where a rolled-back batch's rows wait for a restore: raw_contacts -> parked_raw_contacts
    (not raw_*: the one-off UTC migration of raw tables never touches it)."""
    return f"parked_{kind.table}"


def ensure_parked(con: duckdb.DuckDBPyConnection, kind: LoadKind) -> None:
    """Create the parked table (the raw table's columns, nullable, then superseded_by and
    superseded_at of a version, the rolled-back batch and the row's role), or add the raw table's
    columns it lacks."""
    table = parked_table(kind)
    columns = [f"{name} {dtype}" for name, dtype, *_ in con.execute(f"describe {kind.table}").fetchall()]
    columns += [
        "superseded_by varchar",
        "superseded_at timestamp",
        "parked_batch varchar not null",
        "parked_role varchar not null",
    ]
    con.execute(f"create table if not exists {table} (\n    " + ",\n    ".join(columns) + "\n)")
    have = set(raw_columns(con, table))
    for name, dtype, *_ in con.execute(f"describe {kind.table}").fetchall():
        if name not in have:
            con.execute(f"alter table {table} add column {name} {dtype}")
