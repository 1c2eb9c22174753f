"""Roll back one import batch in one transaction (restoring the rows it replaced from
core/versions.py) with its audit entry; the rows it took out are parked
(core.versions.parked_table) so that core.batch_restore can undo the rollback.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.batch_changes import record_change
from core.load_kinds import DEMO, LOAD_KINDS, SURVEYS, BatchKind, KindName
from core.transaction import write_transaction
from core.versions import ensure_parked, ensure_versions, keyed, parked_table, raw_columns


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
        record_change(con, batch_id, "rollback", actor)
        audit.record(con, actor, "rollback", "batch", batch_id, result.audit_detail())
    return result


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
    result.superseded = count_batch_rows(con, f"{versions} where batch_id = ?", batch_id)
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
    result.deleted = count_batch_rows(con, f"{table} where batch_id = ?", batch_id)
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


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor) -> int:
    """Roll back one batch (see rollback); returns its rows taken out, 0 if already done."""
    return rollback(con, batch_id, actor=actor).deleted


def _inserted(con: duckdb.DuckDBPyConnection, sql: str, batch_id: str | None = None) -> int:
    params = [batch_id, batch_id] if batch_id is not None else []
    return int(con.execute(sql, params).fetchall()[0][0])


def count_batch_rows(con: duckdb.DuckDBPyConnection, from_where: str, batch_id: str) -> int:
    """Rows of `from_where` (a table and a where clause with one ? for the batch id)."""
    return int(con.execute(f"select count(*) from {from_where}", [batch_id]).fetchall()[0][0])
