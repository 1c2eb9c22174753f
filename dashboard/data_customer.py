"""Queries of the Customer page: one customer's timeline and segment, and example customers.
The journey map's names (stages, functions, reasons) come from dashboard.data."""

from __future__ import annotations

import duckdb
import pandas as pd

from dashboard.cached_query import cached_query


@cached_query(max_entries=64)
def customer_timeline(cur: duckdb.DuckDBPyConnection, customer_id: str) -> pd.DataFrame:
    """Every event, contact and response of one customer in time order (empty if unknown)."""
    return cur.execute(
        """
        select occurred_at, kind, journey_id, stage, owner, what, detail, friction, outcome, late,
               channel, handling_team, score, comment, item_id, journey_outcome
        from mart_customer_timeline where customer_id = ?
        order by occurred_at, kind, item_id""",
        [customer_id],
    ).df()


@cached_query(max_entries=64)
def customer_segment(cur: duckdb.DuckDBPyConnection, customer_id: str) -> str | None:
    """The customer's segment ('unknown' when the customer has none; None if no activity)."""
    found = cur.execute(
        """
        select segment from mart_customer_timeline where customer_id = ? and segment is not null
        limit 1""",
        [customer_id],
    ).fetchall()
    return found[0][0] if found else None


@cached_query(max_entries=16)
def example_customers(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """A few customers who met friction (suggestions for the search box)."""
    return [
        r[0]
        for r in cur.execute("""
        select customer_id from mart_stage_friction_journeys
        group by 1 order by count(*) desc, 1 limit 5""").fetchall()
    ]
