"""The log of rollbacks and restores (table batch_changes): who rolled back or restored which
batch, and when; the Upload page shows each batch's latest change."""

from __future__ import annotations

from datetime import datetime

import duckdb

from core.access import Actor
from core.db import SCHEMA_DIR, table_exists

CHANGES_DDL = SCHEMA_DIR / "batch_changes.sql"


def record_change(con: duckdb.DuckDBPyConnection, batch_id: str, action: str, actor: Actor) -> None:
    """One rollback or restore of a batch, by `actor` (inside the caller's transaction)."""
    con.execute(CHANGES_DDL.read_text(encoding="utf-8"))  # a connection not opened by core.db.connect
    con.execute(
        "insert into batch_changes (batch_id, action, changed_at, changed_by) values (?, ?, ?, ?)",
        [batch_id, action, datetime.now(), actor.name],
    )


def last_changes(con: duckdb.DuckDBPyConnection) -> dict[str, tuple[str, datetime, str]]:
    """Per batch that was ever rolled back or restored: its latest (action, when, by whom)."""
    if not table_exists(con, "batch_changes"):
        return {}
    latest = con.execute(
        "select batch_id, arg_max(action, changed_at), max(changed_at), arg_max(changed_by, changed_at) "
        "from batch_changes group by 1"
    ).fetchall()
    return {b: (a, at, by) for b, a, at, by in latest}
