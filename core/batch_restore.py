"""Restore a rolled-back import batch (its rows were parked by the rollback,
core.versions.parked_table), with its audit entry.

Restore is the exact inverse of the rollback: the batch's rows are current again, the versions it
had replaced go back to the history, the chain of versions is as before the rollback. It is refused
(RestoreRefusedError, with the reason) when the data has moved on since the rollback: the same file
was imported again, or a later import or rollback touched the same rows (their current version or
their history is not what the rollback left). Roll those back first, in reverse order, and the
restore goes through.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.batch_changes import record_change
from core.batch_rollback import count_batch_rows
from core.db import table_exists
from core.load_kinds import LOAD_KINDS, SURVEYS, BatchKind, KindName
from core.transaction import write_transaction
from core.versions import keyed, parked_table, raw_columns

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
        record_change(con, batch_id, "restore", actor)
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
    if not table_exists(con, parked) or not count_batch_rows(
        con, f"{parked} where parked_batch = ?", batch_id
    ):
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
    if keyed(con, spec):  # one upsert over the versions the rollback put back (core.batch_rollback)
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


def _one(con: duckdb.DuckDBPyConnection, sql: str, batch_id: str) -> int:
    return int(con.execute(sql, [batch_id]).fetchall()[0][0])
