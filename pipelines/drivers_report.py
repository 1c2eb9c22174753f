"""`python -m pipelines report drivers`: the adjusted drivers table (pipelines/drivers.py) as
plain records, stage by stage or owner by owner."""

from __future__ import annotations

import math
from pathlib import Path

from core.db import connect, table_exists

STAGE_COLUMNS = [
    "stage",
    "owner",
    "metric",
    "status",
    "effect",
    "se",
    "ci_low",
    "ci_high",
    "p",
    "p_adjusted",
    "significant",
    "n_with",
    "n_all",
    "points_gained",
    "gained_ci_low",
    "gained_ci_high",
]
OWNER_COLUMNS = [
    "owner",
    "metric",
    "stages",
    "stages_left_out",
    "points_gained",
    "gained_ci_low",
    "gained_ci_high",
]
NEEDED = ("mart_driver_responses", "map_stages", "map_settings")


class DriversUnavailableError(RuntimeError):
    """The database has no drivers mart yet (never refreshed, or refreshed by an older version)."""


def columns(by: str = "stage") -> list[str]:
    return OWNER_COLUMNS if by == "owner" else STAGE_COLUMNS


def drivers_report(db_path: Path, by: str = "stage") -> list[dict]:
    """The driver rows (by="stage": one per stage x metric) or the owners' points gained
    together (by="owner"); stage lists joined by ' '."""
    from pipelines.drivers import driver_table, owner_rows  # numpy, statsmodels: only here

    con = connect(db_path, read_only=True)
    try:
        missing = [name for name in NEEDED if not table_exists(con, name)]
        if missing:
            raise DriversUnavailableError(
                f"database {db_path} has no {missing[0]} yet; run 'python -m pipelines refresh' first"
            )
        table = driver_table(con)
    finally:
        con.close()
    if by == "owner":
        return [
            {
                "owner": o.owner,
                "metric": o.metric,
                "stages": " ".join(o.stages),
                "stages_left_out": " ".join(o.stages_left_out),
                "points_gained": _number(o.points_gained),
                "gained_ci_low": _number(o.gained_ci_low),
                "gained_ci_high": _number(o.gained_ci_high),
            }
            for o in owner_rows(table)
        ]
    return [{c: _number(getattr(r, c)) for c in STAGE_COLUMNS} for r in table.rows]


def _number(value):
    """None for NaN; other values as they are."""
    return None if isinstance(value, float) and math.isnan(value) else value
