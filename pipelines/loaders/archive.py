"""Batches of systems loads: list them, and roll one back (restoring the rows it replaced)."""
from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import datetime

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.db import versions_table
from pipelines.loaders.targets import KINDS, Kind
from core.transaction import write_transaction

BATCH_COLUMNS = ("batch_id", "kind", "source_file", "file_hash", "imported_by", "imported_at",
                 "row_count", "status")


VERSION_TABLES = {name: versions_table(kind.table) for name, kind in KINDS.items()}


def archive_table(spec: Kind) -> str:
    """Table of the row versions loads replaced: the raw table's columns + superseded_by/_at.

    Named raw_<row>_versions like raw_survey_response_versions, which is how the incremental
    refresh (pipelines/incremental.py) finds the customers whose rows a new batch replaced.
    """
    return VERSION_TABLES[spec.name]


def ensure_archive(con: duckdb.DuckDBPyConnection, spec: Kind) -> None:
    """Create the versions table, or add the raw table's columns it lacks (e.g. source_row)."""
    archive = archive_table(spec)
    con.execute(f"create table if not exists {archive} as select *, "
                "cast(null as varchar) as superseded_by, cast(null as timestamp) as superseded_at "
                f"from {spec.table} limit 0")
    have = set(_columns(con, archive))
    for name, dtype, *_ in con.execute(f"describe {spec.table}").fetchall():
        if name not in have:
            con.execute(f"alter table {archive} add column {name} {dtype}")


def archive_rows(con: duckdb.DuckDBPyConnection, spec: Kind, condition: str, batch_id: str) -> None:
    """Copy the raw rows matching `condition` into the versions table, superseded by batch_id.

    Column lists are explicit: an older versions table may hold the columns in another order.
    """
    cols = ", ".join(_columns(con, spec.table))
    con.execute(f"insert into {archive_table(spec)} ({cols}, superseded_by, superseded_at) "
                f"select {cols}, ?, ? from {spec.table} where {condition}",
                [batch_id, datetime.now()])


def list_batches(con: duckdb.DuckDBPyConnection, kind: str | None = None) -> list[dict]:
    """Every import batch (all kinds, or one), oldest first, as dicts of BATCH_COLUMNS."""
    sql = f"select {', '.join(BATCH_COLUMNS)} from import_batches"
    params: list = []
    if kind:
        sql += " where kind = ?"
        params.append(kind)
    rows = con.execute(sql + " order by imported_at, batch_id", params).fetchall()
    return [dict(zip(BATCH_COLUMNS, r)) for r in rows]


@dataclass
class RollbackResult:
    """What rolling back one batch did."""

    batch_id: str
    kind: str
    deleted: int = 0                 # the batch's current rows taken out
    restored: int = 0                # earlier versions put back in their place
    already_rolled_back: bool = False

    def message(self) -> str:
        if self.already_rolled_back:
            return f"batch {self.batch_id} was already rolled back; nothing changed"
        return (f"rolled back {self.batch_id} ({self.kind}): {self.deleted} rows removed, "
                f"{self.restored} replaced rows restored")


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor) -> int:
    """Roll back one batch (see rollback); returns its rows taken out, 0 if already done."""
    return rollback(con, batch_id, actor=actor).deleted


def rollback(con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor) -> RollbackResult:
    """Remove a batch's rows and restore the rows it replaced, in one transaction (with its audit
    entry); `actor` needs the rollback permission.

    Survey batches are passed to the survey importer's rollback; demo batches are refused
    (ValueError: regenerate the demo instead); an unknown batch id is a KeyError.
    """
    require(actor, Permission.ROLLBACK)
    rows = con.execute("select kind, status from import_batches where batch_id = ?",
                       [batch_id]).fetchall()
    if not rows:
        raise KeyError(f"no import batch {batch_id!r}")
    kind, status = rows[0]
    if kind == "surveys":
        from surveys.importer import rollback as rollback_survey_batch
        done = rollback_survey_batch(con, batch_id, actor=actor)
        return RollbackResult(batch_id, kind, done.undone, done.restored, done.already_rolled_back)
    if kind not in KINDS:
        raise ValueError(f"batch {batch_id!r} is a {kind} batch and cannot be rolled back here"
                         + ("; run 'python -m pipelines demo' to regenerate the demo data"
                            if kind == "demo" else ""))
    if status == "rolled_back":
        return RollbackResult(batch_id, kind, already_rolled_back=True)
    spec = KINDS[kind]
    key, table, archive = spec.key, spec.table, archive_table(spec)
    owned = f"__rollback_keys_{uuid.uuid4().hex[:12]}"
    with write_transaction(con):
        ensure_archive(con, spec)
        con.execute(f"create temp table {owned} as select distinct {key} as k from {table} "
                    "where batch_id = ?", [batch_id])
        deleted = con.execute(f"select count(*) from {table} where batch_id = ?",
                              [batch_id]).fetchall()[0][0]
        con.execute(f"delete from {table} where batch_id = ?", [batch_id])
        # what this batch replaced comes back where the batch's own row was still current
        restore = f"superseded_by = ? and {key} in (select k from {owned})"
        restored = con.execute(f"select count(*) from {archive} where {restore}",
                               [batch_id]).fetchall()[0][0]
        cols = ", ".join(c for c in _columns(con, table))
        con.execute(f"insert into {table} ({cols}) select {cols} from {archive} where {restore}",
                    [batch_id])
        con.execute(f"delete from {archive} where {restore}", [batch_id])
        # a later batch replaced this batch's row: it now replaced what this batch had replaced
        con.execute(f"update {archive} as a set superseded_by = (select min(b.superseded_by) "
                    f"from {archive} b where b.batch_id = ? and b.{key} = a.{key}) "
                    "where a.superseded_by = ?", [batch_id, batch_id])
        con.execute(f"delete from {archive} where batch_id = ? or superseded_by is null",
                    [batch_id])
        con.execute("update import_batches set status = 'rolled_back' where batch_id = ?",
                    [batch_id])
        con.execute(f"drop table {owned}")
        audit.record(con, actor, "rollback", "batch", batch_id,
                     {"kind": kind, "removed": int(deleted), "restored": int(restored)})
    return RollbackResult(batch_id, kind, int(deleted), int(restored))


def _columns(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[0] for r in con.execute(f"describe {table}").fetchall()]
