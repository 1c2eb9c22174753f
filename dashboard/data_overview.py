"""Queries of the Overview page: sufficient statistics per month and metric (the tiles and the
trends); the friction table comes from dashboard.data (shared with Journey and Functions)."""

from __future__ import annotations

import duckdb
import pandas as pd

from core.metrics import Cell
from dashboard.cached_query import cached_query
from dashboard.query_parts import as_date, where

CELL_COLUMNS = ["n", "n_positive", "n_negative", "score_sum", "score_sumsq"]


@cached_query(max_entries=256)
def monthly_cells(
    cur: duckdb.DuckDBPyConnection, segments: tuple[str, ...] = (), channels: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Sufficient statistics per month and metric under the segment/channel filters.

    Columns: period_month (date), metric, n, n_positive, n_negative, score_sum, score_sumsq.
    Roll these up into a ``core.metrics.Cell`` and call ``estimate``; never average values.
    """
    condition, params = where(None, segments, channel=channels)
    frame = cur.execute(
        f"""
        select period_month, metric,
               sum(n)::bigint as n, sum(n_positive)::bigint as n_positive,
               sum(n_negative)::bigint as n_negative,
               sum(score_sum)::double as score_sum, sum(score_sumsq)::double as score_sumsq
        from mart_scores where {condition}
        group by all order by period_month, metric""",
        params,
    ).df()
    frame["period_month"] = [as_date(v) for v in frame["period_month"]]
    return frame


def cell_of(frame: pd.DataFrame) -> Cell:
    """Sum rows of sufficient statistics into one Cell."""
    if frame.empty:
        return Cell()
    sums = frame[CELL_COLUMNS].sum()
    return Cell(
        int(sums["n"]),
        int(sums["n_positive"]),
        int(sums["n_negative"]),
        float(sums["score_sum"]),
        float(sums["score_sumsq"]),
    )
