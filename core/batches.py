"""Import batches, shared by the survey importer and the systems loaders: the batch record
(table import_batches), recognising a file imported before, the list of batches, rolling one back
in one transaction (restoring the rows it replaced from core/versions.py) with its audit entry,
and restoring a rolled-back batch (its rows were parked by the rollback, core.versions.parked_table).

Restore is the exact inverse of the rollback: the batch's rows are current again, the versions it
had replaced go back to the history, the chain of versions is as before the rollback. It is refused
(RestoreRefusedError, with the reason) when the data has moved on since the rollback: the same file
was imported again, or a later import or rollback touched the same rows (their current version or
their history is not what the rollback left). Roll those back first, in reverse order, and the
restore goes through.
"""

from __future__ import annotations

import uuid
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from typing import Literal

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.db import SCHEMA_DIR
from core.load_kinds import DEMO, LOAD_KINDS, SURVEYS, BatchKind, KindName
from core.problems import Problem, report_csv
from core.transaction import write_transaction
from core.versions import ensure_parked, ensure_versions, keyed, parked_table, raw_columns

Status = Literal["imported", "rejected", "already_imported"]
BatchStatus = Literal["active", "rolled_back"]
BATCH_COLUMNS = (
    "batch_id",
    "kind",
    "source_file",
    "file_hash",
    "imported_by",
    "imported_at",
    "row_count",
    "status",
)


@dataclass
class BatchResult:
    """What an import did with one file; surveys.importer.ImportResult and
    pipelines.loaders.LoadResult add what is their own."""

    status: Status
    source_file: str
    _: KW_ONLY
    batch_id: str | None = None  # the new batch, or the earlier one of the same file
    rows_read: int = 0
    rows_skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    format: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "already_imported")

    def report_csv(self) -> str:
        return report_csv(self.problems)


def new_batch_id(kind: BatchKind) -> str:
    """'contacts-20260301101500-1a2b3c4d': the kind, the local time and a random part."""
    return f"{kind}-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"


def record_batch(
    con: duckdb.DuckDBPyConnection,
    batch_id: str,
    kind: BatchKind,
    source_file: str,
    file_hash: str | None,
    imported_by: str,
    row_count: int,
    imported_at: datetime | None = None,
) -> None:
    """The batch row, active (inside the caller's transaction)."""
    con.execute(
        "insert into import_batches (batch_id, kind, source_file, file_hash, imported_by, "
        "imported_at, row_count, status) values (?, ?, ?, ?, ?, ?, ?, 'active')",
        [batch_id, kind, source_file, file_hash, imported_by, imported_at or datetime.now(), row_count],
    )


def already_imported(con: duckdb.DuckDBPyConnection, kind: BatchKind, file_hash: str) -> str | None:
    """Batch id of an active import of this exact file (same SHA-256) as this kind, if any."""
    rows = con.execute(
        "select batch_id from import_batches where file_hash = ? and kind = ? "
        "and status = 'active' order by imported_at limit 1",
        [file_hash, kind],
    ).fetchall()
    return rows[0][0] if rows else None


def list_batches(con: duckdb.DuckDBPyConnection, kind: BatchKind | None = None) -> list[dict]:
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
    """What rolling back one batch did to the rows it had written."""

    batch_id: str
    kind: KindName
    deleted: int = 0  # the batch's current rows taken out
    restored: int = 0  # of those, rows put back to the version the batch replaced
    already_rolled_back: bool = False
    superseded: int = 0  # the batch's versions a later batch had replaced: kept as is

    @property
    def removed(self) -> int:
        """Rows that exist no more (the batch had written them first)."""
        return self.deleted - self.restored

    @property
    def undone(self) -> int:
        """Current rows that came from this batch and were taken back."""
        return self.deleted

    def message(self) -> str:
        if self.already_rolled_back:
            return f"batch {self.batch_id} was already rolled back; nothing changed"
        if self.kind != SURVEYS:
            return (
                f"rolled back {self.batch_id} ({self.kind}): {self.deleted} rows removed, "
                f"{self.restored} replaced rows restored"
            )
        text = (
            f"rolled back {self.batch_id}: {self.removed} responses removed, "
            f"{self.restored} restored to their earlier version"
        )
        if self.superseded:
            text += f", {self.superseded} already replaced by later imports left as they are"
        return text

    def audit_detail(self) -> dict:
        """The audit entry's detail (surveys count per response, as they always have)."""
        if self.kind == SURVEYS:
            return {
                "kind": self.kind,
                "removed": self.removed,
                "restored": self.restored,
                "superseded": self.superseded,
            }
        return {"kind": self.kind, "removed": self.deleted, "restored": self.restored}


def rollback(
    con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor, only: BatchKind | None = None
) -> RollbackResult:
    """Undo one batch in one transaction (with its audit entry); `actor` needs the rollback
    permission. `only`: the batch must be of this kind (else KeyError, as for an unknown id).

    Per row: if the batch wrote the current version, the version it replaced comes back (or the
    row goes when there was none); if a later batch has replaced it since, the later version
    stays and the chain of kept versions skips this batch. Rolling back twice changes nothing.
    A demo batch is refused (ValueError: regenerate the demo instead).
    """
    require(actor, Permission.ROLLBACK)
    with write_transaction(con):
        rows = con.execute(
            "select kind, status from import_batches where batch_id = ?", [batch_id]
        ).fetchall()
        if not rows or (only is not None and rows[0][0] != only):
            raise KeyError(f"no {'survey ' if only == SURVEYS else ''}import batch {batch_id!r}")
        kind, status = rows[0]
        if kind not in LOAD_KINDS:
            raise ValueError(
                f"batch {batch_id!r} is a {kind} batch and cannot be rolled back here"
                + ("; run 'python -m pipelines demo' to regenerate the demo data" if kind == DEMO else "")
            )
        if status == "rolled_back":
            return RollbackResult(batch_id, kind, already_rolled_back=True)  # nothing written
        result = _undo(con, kind, batch_id)
        con.execute("update import_batches set status = 'rolled_back' where batch_id = ?", [batch_id])
        _record_change(con, batch_id, "rollback", actor)
        audit.record(con, actor, "rollback", "batch", batch_id, result.audit_detail())
    return result


CHANGES_DDL = SCHEMA_DIR / "batch_changes.sql"


def _record_change(con: duckdb.DuckDBPyConnection, batch_id: str, action: str, actor: Actor) -> None:
    con.execute(CHANGES_DDL.read_text(encoding="utf-8"))  # a connection not opened by core.db.connect
    con.execute(
        "insert into batch_changes (batch_id, action, changed_at, changed_by) values (?, ?, ?, ?)",
        [batch_id, action, datetime.now(), actor.name],
    )


def last_changes(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, datetime, str]]:
    """Per batch that was ever rolled back or restored: its latest (action, when, by whom)."""
    if not _table_exists(con, "batch_changes"):
        return {}
    latest = con.execute(
        "select batch_id, arg_max(action, changed_at), max(changed_at), arg_max(changed_by, changed_at) "
        "from batch_changes group by 1"
    ).fetchall()
    return {b: (a, at, by) for b, a, at, by in latest}


def _undo(con: duckdb.DuckDBPyConnection, kind: str, batch_id: str) -> RollbackResult:
    spec = LOAD_KINDS[kind]
    key, table, versions = spec.key, spec.table, spec.versions
    ensure_versions(con, spec)
    ensure_parked(con, spec)
    parked = parked_table(spec)
    cols = ", ".join(raw_columns(con, table))
    con.execute(f"delete from {parked} where parked_batch = ?", [batch_id])  # none: a fresh start

    def park(role: str, select: str, params: list) -> None:
        """Keep rows for a restore: `select` yields the raw columns, superseded_by, superseded_at."""
        con.execute(
            f"insert into {parked} ({cols}, superseded_by, superseded_at, parked_batch, parked_role) "
            f"select *, ?, ? from ({select})",
            [batch_id, role, *params],  # the outer ? come first
        )

    result = RollbackResult(batch_id, kind)
    # 1. the batch's versions that a later batch replaced: link what the batch itself had
    #    replaced directly to that later batch, then forget the batch's version
    result.superseded = _count(con, f"{versions} where batch_id = ?", batch_id)
    if result.superseded:
        park(
            "superseded",
            f"select {cols}, superseded_by, superseded_at from {versions} where batch_id = ?",
            [batch_id],
        )
        park(
            "relinked",
            f"select {', '.join('h.' + c for c in raw_columns(con, table))}, l.later, h.superseded_at "
            f"from {versions} as h join (select {key} as k, min(superseded_by) as later from {versions} "
            f"where batch_id = ? group by 1) l on h.{key} = l.k where h.superseded_by = ?",
            [batch_id, batch_id],
        )
        con.execute(
            f"update {versions} as h set superseded_by = l.later from (select {key} as k, "
            f"min(superseded_by) as later from {versions} where batch_id = ? group by 1) l "
            f"where h.{key} = l.k and h.superseded_by = ?",
            [batch_id, batch_id],
        )
        con.execute(f"delete from {versions} where batch_id = ?", [batch_id])
    # 2. where the batch's current row had replaced a version, that version back in its place
    #    (one upsert when the key is the raw table's primary key: deleting and inserting the same
    #    keys of its index in one transaction made the commit several times slower)
    park(
        "current",
        f"select {cols}, null::varchar, null::timestamp from {table} where batch_id = ?",
        [batch_id],
    )
    park(
        "replaced",
        f"select {cols}, superseded_by, superseded_at from {versions} where superseded_by = ?",
        [batch_id],
    )
    back = (
        f"select {cols} from {versions} where superseded_by = ? and {key} in "
        f"(select {key} from {table} where batch_id = ?)"
    )
    result.deleted = _count(con, f"{table} where batch_id = ?", batch_id)
    if keyed(con, spec):
        result.restored = _inserted(con, f"insert or replace into {table} ({cols}) {back}", batch_id)
    else:
        owned = f"__rollback_rows_{uuid.uuid4().hex[:12]}"
        con.execute(f"create temp table {owned} as {back}", [batch_id, batch_id])
        con.execute(f"delete from {table} where batch_id = ?", [batch_id])
        result.restored = _inserted(con, f"insert into {table} ({cols}) select {cols} from {owned}")
        con.execute(f"drop table {owned}")
    # 3. the rows the batch wrote first go; what is left of its versions was replaced by other
    #    means (e.g. a regenerated demo): nothing of it comes back
    con.execute(f"delete from {table} where batch_id = ?", [batch_id])
    con.execute(f"delete from {versions} where superseded_by = ?", [batch_id])
    return result


RefusalReason = Literal["not_restorable_kind", "not_rolled_back", "nothing_kept", "imported_again", "changed"]


class RestoreRefusedError(ValueError):
    """The batch cannot be restored; the message says why and what to do. `reason` is a code the
    Upload page words in its language; `batches` are the other batches concerned, `rows` how many
    of the batch's rows."""

    def __init__(self, message: str, reason: RefusalReason, batches: tuple[str, ...] = (), rows: int = 0):
        super().__init__(message)
        self.reason, self.batches, self.rows = reason, batches, rows


@dataclass
class RestoreResult:
    """What restoring one rolled-back batch put back."""

    batch_id: str
    kind: KindName
    restored: int = 0  # the batch's rows current again
    versions: int = 0  # versions (the batch's own, or rows it had replaced) back in the history

    def message(self) -> str:
        rows = "responses" if self.kind == SURVEYS else "rows"
        return (
            f"restored {self.batch_id} ({self.kind}): {self.restored} {rows} current again, "
            f"{self.versions} replaced versions back in the history"
        )

    def audit_detail(self) -> dict:
        return {"kind": self.kind, "restored": self.restored, "versions": self.versions}


def restore(
    con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor, only: BatchKind | None = None
) -> RestoreResult:
    """Undo the rollback of one batch in one transaction (with its audit entry): exactly the rows,
    versions and chain of versions there were before the rollback. `actor` needs the import and
    the rollback permissions. `only`: the batch must be of this kind (else KeyError).

    RestoreRefusedError (a ValueError) when the batch is not rolled back (so restoring twice is
    refused), when nothing of it was kept (rolled back before restore existed), when the same
    file was imported again since, or when a later import or rollback changed its rows.
    """
    require(actor, Permission.IMPORT)
    require(actor, Permission.ROLLBACK)
    with write_transaction(con):
        refused = restore_refusal(con, batch_id, only=only)
        if refused is not None:
            raise refused
        spec = LOAD_KINDS[
            con.execute("select kind from import_batches where batch_id = ?", [batch_id]).fetchall()[0][0]
        ]
        result = _redo(con, spec, batch_id)
        con.execute("update import_batches set status = 'active' where batch_id = ?", [batch_id])
        _record_change(con, batch_id, "restore", actor)
        audit.record(con, actor, "restore", "batch", batch_id, result.audit_detail())
    return result


def restore_refusal(
    con: duckdb.DuckDBPyConnection, batch_id: str, *, only: BatchKind | None = None
) -> RestoreRefusedError | None:
    """Why the batch cannot be restored now (None: it can); writes nothing, so the Upload page asks
    before it offers the button. KeyError for an unknown batch (or one not of kind `only`)."""
    rows = con.execute(
        "select kind, status, file_hash from import_batches where batch_id = ?", [batch_id]
    ).fetchall()
    if not rows or (only is not None and rows[0][0] != only):
        raise KeyError(f"no {'survey ' if only == SURVEYS else ''}import batch {batch_id!r}")
    kind, status, file_hash = rows[0]
    if kind not in LOAD_KINDS:
        return RestoreRefusedError(
            f"batch {batch_id!r} is a {kind} batch and cannot be restored", "not_restorable_kind"
        )
    if status != "rolled_back":
        return RestoreRefusedError(
            f"batch {batch_id} is not rolled back; nothing to restore", "not_rolled_back"
        )
    spec = LOAD_KINDS[kind]
    parked = parked_table(spec)
    if not _table_exists(con, parked) or not _count(con, f"{parked} where parked_batch = ?", batch_id):
        return RestoreRefusedError(
            f"batch {batch_id} cannot be restored: none of its rows were kept when it was rolled back "
            "(rolled back before restoring existed, or its rows had been replaced); import the file again",
            "nothing_kept",
        )
    again = con.execute(
        "select batch_id from import_batches where kind = ? and file_hash = ? and status = 'active' "
        "and batch_id <> ? order by imported_at limit 1",
        [kind, file_hash, batch_id],
    ).fetchall()
    if file_hash and again:
        return RestoreRefusedError(
            f"batch {batch_id} cannot be restored: the same file was imported again as batch "
            f"{again[0][0]}; roll that batch back first if this one should be current",
            "imported_again",
            (again[0][0],),
        )
    blockers = _restore_blockers(con, spec, batch_id)
    if blockers:
        return RestoreRefusedError(
            f"batch {batch_id} cannot be restored: {blockers[0]} of its rows have changed since the "
            f"rollback (batch {', '.join(blockers[1])}); roll back the later batches first, newest first",
            "changed",
            tuple(blockers[1]),
            blockers[0],
        )
    return None


def _table_exists(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    return bool(
        con.execute("select count(*) from information_schema.tables where table_name = ?", [name]).fetchall()[
            0
        ][0]
    )


def _restore_blockers(con: duckdb.DuckDBPyConnection, spec, batch_id: str) -> tuple[int, list[str]] | None:
    """(rows, the batches that changed them) when the data is no longer as the rollback left it."""
    key, table, versions, parked = spec.key, spec.table, spec.versions, parked_table(spec)
    p = f"(select * from {parked} where parked_batch = $b)"
    checks = [
        # the batch's current rows: the raw table holds, for the key, only the version the batch
        # had replaced (or nothing when the batch wrote the row first)
        f"select c.{key} as k, t.batch_id as who from {p} c join {table} t on t.{key} = c.{key} "
        f"where c.parked_role = 'current' and t.batch_id not in "
        f"(select r.batch_id from {p} r where r.parked_role = 'replaced' and r.{key} = c.{key})",
        f"select r.{key}, r.batch_id from {p} r join {p} c on c.{key} = r.{key} "
        f"and c.parked_role = 'current' where r.parked_role = 'replaced' and not exists "
        f"(select 1 from {table} t where t.{key} = r.{key} and t.batch_id = r.batch_id)",
        # versions going back to the history must not be there already
        f"select r.{key}, v.superseded_by from {p} r join {versions} v on v.{key} = r.{key} "
        f"and v.batch_id = r.batch_id where r.parked_role in ('replaced', 'superseded')",
        # the later batch that had replaced the batch's rows is still active, its history intact
        f"select s.{key}, s.superseded_by from {p} s "
        "left join import_batches b on b.batch_id = s.superseded_by "
        "where s.parked_role = 'superseded' and coalesce(b.status, '') <> 'active'",
        f"select l.{key}, l.superseded_by from {p} l where l.parked_role = 'relinked' and not exists "
        f"(select 1 from {versions} v where v.{key} = l.{key} and v.batch_id = l.batch_id "
        f"and v.superseded_by = l.superseded_by)",
    ]
    found = con.execute(
        "select count(distinct k), list(distinct who order by who) "
        f"from ({' union all '.join(checks)}) as x(k, who)",
        {"b": batch_id},
    ).fetchall()[0]
    if not found[0]:
        return None
    return int(found[0]), [b for b in found[1] if b]


def _redo(con: duckdb.DuckDBPyConnection, spec, batch_id: str) -> RestoreResult:
    """The rollback undone (inside the caller's transaction; the checks have passed)."""
    key, table, versions, parked = spec.key, spec.table, spec.versions, parked_table(spec)
    cols = ", ".join(raw_columns(con, table))
    result = RestoreResult(batch_id, spec.name)
    current = f"select {cols} from {parked} where parked_batch = ? and parked_role = 'current'"
    if keyed(con, spec):  # one upsert over the versions the rollback had put back (see _undo)
        result.restored = _one(con, f"insert or replace into {table} ({cols}) {current}", batch_id)
    else:
        con.execute(
            f"delete from {table} where {key} in (select {key} from {parked} "
            "where parked_batch = ? and parked_role = 'current')",
            [batch_id],
        )
        result.restored = _one(con, f"insert into {table} ({cols}) {current}", batch_id)
    result.versions = _one(
        con,
        f"insert into {versions} ({cols}, superseded_by, superseded_at) select {cols}, superseded_by, "
        f"superseded_at from {parked} where parked_batch = ? and parked_role in ('replaced', 'superseded')",
        batch_id,
    )
    con.execute(
        f"update {versions} as v set superseded_by = ? from {parked} as l where l.parked_batch = ? "
        f"and l.parked_role = 'relinked' and v.{key} = l.{key} and v.batch_id = l.batch_id "
        "and v.superseded_by = l.superseded_by",
        [batch_id, batch_id],
    )
    con.execute(f"delete from {parked} where parked_batch = ?", [batch_id])
    return result


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor) -> int:
    """Roll back one batch (see rollback); returns its rows taken out, 0 if already done."""
    return rollback(con, batch_id, actor=actor).deleted


def _inserted(con: duckdb.DuckDBPyConnection, sql: str, batch_id: str | None = None) -> int:
    params = [batch_id, batch_id] if batch_id is not None else []
    return int(con.execute(sql, params).fetchall()[0][0])


def _one(con: duckdb.DuckDBPyConnection, sql: str, batch_id: str) -> int:
    return int(con.execute(sql, [batch_id]).fetchall()[0][0])


def _count(con: duckdb.DuckDBPyConnection, from_where: str, batch_id: str) -> int:
    return int(con.execute(f"select count(*) from {from_where}", [batch_id]).fetchall()[0][0])
