"""Queries of the Review page: the data's last day, before/after comparisons of friction points
(pipelines.action_effect), and the evidence behind a friction point (recurring comments, example
customers). Marts are read through @cached_query; the action register itself is read uncached
(dashboard/actions_ui.py), because it changes without a refresh."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Literal

import duckdb
import pandas as pd

from core import db as cxdb
from dashboard.cached_query import cached_query
from dashboard.data import where
from pipelines.actions import Action

PointKind = Literal["stage", "function"]
Window = tuple[date, date]  # first and last day, both included
COMMENT_LIMIT = 3
CUSTOMER_LIMIT = 3


@cached_query(max_entries=8)
def last_day(cur: duckdb.DuckDBPyConnection) -> date | None:
    """The last day of the data in the company's time zone, None before the first refresh."""
    from pipelines.action_effect import data_last_day

    return data_last_day(cur) if cxdb.table_exists(cur, "int_data_end") else None


@cached_query(max_entries=256)
def comparison(
    cur: duckdb.DuckDBPyConnection,
    point_kind: PointKind,
    point_key: str,
    before: Window,
    after: Window,
    metric: str | None = None,
):
    """pipelines.action_effect.compare_periods of one friction point (Comparison; windows of
    days, both ends included)."""
    from pipelines.action_effect import compare_periods

    return compare_periods(cur, point_kind, point_key, before, after, metric=metric)


@cached_query(max_entries=256)
def effect(cur: duckdb.DuckDBPyConnection, action: Action, window_days: int, as_of: date | None = None):
    """Did it work: pipelines.action_effect.action_effect of one action (None: no effect date)."""
    from pipelines.action_effect import action_effect

    return action_effect(cur, action, window_days=window_days, as_of=as_of)


def _filters(
    point_kind: PointKind,
    point_key: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...],
    **equal,
) -> tuple[str, list]:
    """The page filters and the point (a stage, or a function's stages: the marts' owner)."""
    column = "stage" if point_kind == "stage" else "owner"
    return where(months, segments, {column: point_key, **{k: v for k, v in equal.items() if v}})


@cached_query(max_entries=128)
def recurring_comments(
    cur: duckdb.DuckDBPyConnection,
    point_kind: PointKind,
    point_key: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    metric: str | None = None,
) -> pd.DataFrame:
    """Representative comments of customers who met friction at the point before answering: the
    ones given more often by them than by customers who did not (share with minus share without),
    each with how many gave it and the newest such customer."""
    clause, params = _filters(point_kind, point_key, months, segments, metric=metric)
    return cur.execute(
        f"""
        with answers as (
            select comment, had_friction, response_id, customer_id, responded_at
            from mart_stage_responses
            where {clause} and comment is not null and trim(comment) <> ''),
        totals as (
            select count(*) filter (where had_friction) as n_with,
                   count(*) filter (where not had_friction) as n_without from answers)
        select a.comment,
               (count(*) filter (where a.had_friction))::bigint as responses,
               arg_max(a.customer_id, a.responded_at) filter (where a.had_friction) as customer_id,
               count(*) filter (where a.had_friction) / any_value(t.n_with) - coalesce(
                   count(*) filter (where not a.had_friction) / nullif(any_value(t.n_without), 0), 0
               ) as excess
        from answers as a cross join totals as t
        group by a.comment having count(*) filter (where a.had_friction) > 0
        order by excess desc, responses desc, a.comment limit {COMMENT_LIMIT}""",
        params,
    ).df()


@cached_query(max_entries=128)
def example_customers(
    cur: duckdb.DuckDBPyConnection,
    point_kind: PointKind,
    point_key: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
) -> pd.DataFrame:
    """The newest customers whose journey met friction at the point (for their timelines)."""
    clause, params = _filters(point_kind, point_key, months, segments)
    return cur.execute(
        f"""
        select customer_id, stage, max(first_friction_at) as first_friction_at,
               bool_or(failed) as failed, bool_or(late) as late, bool_or(sla_breached) as sla_breached
        from mart_stage_friction_journeys where {clause}
        group by customer_id, stage
        order by first_friction_at desc, customer_id limit {CUSTOMER_LIMIT}""",
        params,
    ).df()


def since_windows(since: date, meeting: date, last: date | None) -> tuple[Window, Window] | None:
    """Equal windows for 'what changed since the previous review': after = from `since` to the
    day before the meeting (cut at the data's last day), before = as many days just before
    `since`. None when no day of data lies after `since`."""
    stop = meeting - timedelta(days=1) if last is None else min(meeting - timedelta(days=1), last)
    days = (stop - since).days + 1
    if days <= 0:
        return None
    return (since - timedelta(days=days), since - timedelta(days=1)), (since, stop)
