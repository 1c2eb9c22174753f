"""The adjusted drivers (pipelines/drivers.py) under the page's filters, for the Journey and
Functions pages: one model per metric of every answer's score on all stages' friction, segment
and channel. Fitting takes ~1-3 s at scale L, so the table is cached per filters and data version."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import duckdb

from core.db import table_exists
from dashboard.cached_query import cached_query

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.drivers import DriverTable


@cached_query(max_entries=32)
def drivers(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None = None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> DriverTable | None:
    """The driver table, or None when the database has no drivers mart (refreshed by an older version)."""
    if not table_exists(cur, "mart_driver_responses"):
        return None
    from pipelines.drivers import driver_table  # numpy and statsmodels: only when a page asks

    return driver_table(cur, segments=list(segments) or None, channels=list(channels) or None, months=months)
