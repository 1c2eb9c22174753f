"""The refresh as a user triggers it: permission check, refresh, audit entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.db import checkpoint_in_background
from pipelines.incremental import refresh_changed


def refresh_as(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    reason: str = "",
    force_full: bool = False,
    journey_map_path: str | Path | None = None,
    background_checkpoint: bool = False,
) -> dict[str, Any]:
    """Rebuild the models for `actor` (needs the refresh permission); recorded in the audit log
    after the refresh's own transaction committed (a failed refresh raises RefreshError and is
    not recorded). `background_checkpoint`: then write the changes into the database file on a
    thread of its own (a long-running process: the dashboard); else the close writes them."""
    require(actor, Permission.REFRESH)
    summary = refresh_changed(con, journey_map_path, force_full=force_full)
    audit.record(
        con,
        actor,
        "refresh",
        "models",
        None,
        {
            "mode": summary.get("mode"),
            "reason": reason or summary.get("reason"),
            "map_version": summary.get("map_version"),
        },
    )
    if background_checkpoint:
        checkpoint_in_background(con)
    return summary
