"""The append-only audit log: who did what, when, to which batch or version (table audit_log).

Each row carries the hash of the row before it, so an edited, deleted or reordered row breaks
the chain that verify() recomputes. There is deliberately no update or delete function. The chain
shows tampering by anyone who edits rows without recomputing every later hash; someone who can
write the database file can rewrite the whole chain, so keep the head hash (printed by
`python -m pipelines audit --verify`) somewhere else to anchor it.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

import duckdb

from core.access import Actor, Permission, require
from core.db import SCHEMA_DIR
from core.transaction import WRITE_LOCK

GENESIS = "0" * 64
COLUMNS = (
    "seq",
    "logged_at",
    "actor",
    "role",
    "via",
    "action",
    "object_kind",
    "object_id",
    "detail",
    "prev_hash",
    "hash",
)
DDL = SCHEMA_DIR / "audit_log.sql"


def ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    """Create audit_log on connections not opened through core.db.connect (idempotent)."""
    con.execute(DDL.read_text(encoding="utf-8"))


def utc_now() -> datetime:
    """Naive UTC, as every time in the database."""
    return datetime.now(UTC).replace(tzinfo=None)


def _canonical(
    seq: int,
    at: datetime,
    actor: str,
    role: str,
    via: str,
    action: str,
    object_kind: str | None,
    object_id: str | None,
    detail: str,
) -> str:
    return json.dumps(
        [
            seq,
            at.isoformat(timespec="microseconds"),
            actor,
            role,
            via,
            action,
            object_kind,
            object_id,
            detail,
        ],
        ensure_ascii=False,
        separators=(",", ":"),
    )


def row_hash(prev_hash: str, *fields: Any) -> str:
    """The entry's hash: sha256 of the previous hash and the entry's fields (those of _canonical)."""
    content = _canonical(*fields)
    return hashlib.sha256((prev_hash + content).encode("utf-8")).hexdigest()


def record(
    con: duckdb.DuckDBPyConnection,
    actor: Actor | None,
    action: str,
    object_kind: str | None = None,
    object_id: str | None = None,
    detail: dict[str, Any] | None = None,
    *,
    name: str | None = None,
    via: str | None = None,
) -> int:
    """Append one entry (inside the caller's transaction when there is one); returns its seq.

    A caller's transaction must be a core.transaction.write_transaction, so that it began
    after every earlier entry was committed.

    `name`/`via` describe who tried when there is no actor (a failed sign-in).
    """
    ensure_table(con)
    who = actor.name if actor is not None else (name or "")
    role = actor.role if actor is not None else ""
    how = actor.via if actor is not None else (via or "")
    text = json.dumps(detail or {}, ensure_ascii=False, sort_keys=True, separators=(",", ":"), default=str)
    with WRITE_LOCK:  # the previous writer has committed: its entry is the last one we read
        last = con.execute("select seq, hash from audit_log order by seq desc limit 1").fetchall()
        seq, prev = (last[0][0] + 1, last[0][1]) if last else (1, GENESIS)
        at = utc_now()
        digest = row_hash(prev, seq, at, who, role, how, action, object_kind, object_id, text)
        con.execute(
            f"insert into audit_log ({', '.join(COLUMNS)}) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [seq, at, who, role, how, action, object_kind, object_id, text, prev, digest],
        )
    return seq


def entries(
    con: duckdb.DuckDBPyConnection,
    actor: Actor,
    since: datetime | None = None,
    action: str | None = None,
    limit: int | None = None,
) -> list[dict[str, Any]]:
    """Entries newest first (admins only), optionally since a UTC time and of one action."""
    require(actor, Permission.READ_AUDIT)
    ensure_table(con)
    sql, params = f"select {', '.join(COLUMNS)} from audit_log where true", []
    if since is not None:
        sql += " and logged_at >= ?"
        params.append(since)
    if action:
        sql += " and action = ?"
        params.append(action)
    sql += " order by seq desc"
    if limit:
        sql += f" limit {int(limit)}"
    return [dict(zip(COLUMNS, row)) for row in con.execute(sql, params).fetchall()]


@dataclass
class Verification:
    rows: int
    broken_seq: int | None = None  # the first row whose hash or link does not match
    reason: str = ""
    head: str = GENESIS  # hash of the last row

    @property
    def ok(self) -> bool:
        return self.broken_seq is None


def verify(con: duckdb.DuckDBPyConnection) -> Verification:
    """Recompute the chain from the first row; report the first row that does not match."""
    ensure_table(con)
    prev, expected_seq, n = GENESIS, 1, 0
    cur = con.cursor()
    try:
        cur.execute(f"select {', '.join(COLUMNS)} from audit_log order by seq")
        while batch := cur.fetchmany(10_000):
            for seq, at, who, role, via, action, kind, oid, detail, prev_hash, digest in batch:
                n += 1
                if seq != expected_seq:
                    return Verification(n, seq, f"sequence gap: expected {expected_seq}", prev)
                if prev_hash != prev:
                    return Verification(n, seq, "previous-hash link does not match", prev)
                if row_hash(prev, seq, at, who, role, via, action, kind, oid, detail) != digest:
                    return Verification(n, seq, "row content does not match its hash", prev)
                prev, expected_seq = digest, seq + 1
    finally:
        cur.close()
    return Verification(n, head=prev)
