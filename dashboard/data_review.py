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
from dashboard.query_parts import where
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


Point = tuple[PointKind, str, str | None]  # kind, key (a stage or a function), metric or None


def _points(points: tuple[Point, ...]) -> tuple[str, list]:
    """The points as a relation ``points(i, kind, point_key, metric)`` (i = position) for a join,
    and its parameters (they come before the page filters' in a query)."""
    relation = (
        "select unnest(?::integer[]) as i, unnest(?::varchar[]) as kind, "
        "unnest(?::varchar[]) as point_key, unnest(?::varchar[]) as metric"
    )
    return relation, [
        list(range(len(points))),
        [kind for kind, _, _ in points],
        [key for _, key, _ in points],
        [metric for _, _, metric in points],
    ]


def _at_points(rows: str, columns: str, by_metric: bool = True) -> str:
    """``rows`` joined to the points they belong to (a stage point by its stage, a function point
    by its owner, and by the point's metric when it has one and ``by_metric``) as
    ``i, <columns>``: two equi-joins (hash joins) instead of one join on a condition that picks
    the column per point, which DuckDB can only run as a nested loop."""
    metric = " and (p.metric is null or x.metric = p.metric)" if by_metric else ""
    return " union all ".join(
        f"select p.i, {columns} from {rows} as x join points as p "
        f"on p.kind = '{kind}' and x.{column} = p.point_key{metric}"
        for kind, column in (("stage", "stage"), ("function", "owner"))
    )


# the rows of any of the points, before they are joined to each (both evidence queries)
_AT_ANY_POINT = (
    "(stage in (select point_key from points where kind = 'stage') "
    "or owner in (select point_key from points where kind = 'function'))"
)


@cached_query(max_entries=128)
def recurring_comments(
    cur: duckdb.DuckDBPyConnection,
    points: tuple[Point, ...],
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
) -> list[pd.DataFrame]:
    """For each point (in order), representative comments of customers who met friction there
    before answering: the ones given more often by them than by customers who did not (share
    with minus share without), each with how many gave it and the newest such customer; the
    point's metric only when it has one. One scan for every point of the page."""
    relation, point_params = _points(points)
    clause, params = where(months, segments, {})
    frame = cur.execute(
        f"""
        with points as ({relation}),
        commented as materialized (
            select stage, owner, metric, comment, had_friction, customer_id, responded_at
            from mart_stage_responses
            where {clause} and comment is not null and trim(comment) <> ''
              and {_AT_ANY_POINT}),
        answers as ({_at_points("commented", "x.comment, x.had_friction, x.customer_id, x.responded_at")}),
        totals as (
            select i, count(*) filter (where had_friction) as n_with,
                   count(*) filter (where not had_friction) as n_without
            from answers group by i),
        scored as (
            select a.i, a.comment,
                   (count(*) filter (where a.had_friction))::bigint as responses,
                   arg_max(a.customer_id, a.responded_at) filter (where a.had_friction) as customer_id,
                   count(*) filter (where a.had_friction) / any_value(t.n_with) - coalesce(
                       count(*) filter (where not a.had_friction) / nullif(any_value(t.n_without), 0), 0
                   ) as excess
            from answers as a join totals as t using (i)
            group by a.i, a.comment having count(*) filter (where a.had_friction) > 0)
        select i, comment, responses, customer_id, excess from scored
        qualify row_number() over (partition by i order by excess desc, responses desc, comment)
                <= {COMMENT_LIMIT}
        order by i, excess desc, responses desc, comment""",
        point_params + params,
    ).df()
    return _split(frame, len(points))


@cached_query(max_entries=128)
def example_customers(
    cur: duckdb.DuckDBPyConnection,
    points: tuple[Point, ...],
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
) -> list[pd.DataFrame]:
    """For each point (in order), the newest customers whose journey met friction there (for
    their timelines). One scan for every point of the page."""
    relation, point_params = _points(points)
    clause, params = where(months, segments, {})
    columns = "x.customer_id, x.stage, x.first_friction_at, x.failed, x.late, x.sla_breached"
    # the newest three per point: min_by(..., 3) keeps a heap of three per point instead of a
    # window sorting every customer of the window (ties: customer, then stage)
    frame = cur.execute(
        f"""
        with points as ({relation}),
        friction as materialized (
            select stage, owner, customer_id, first_friction_at, failed, late, sla_breached
            from mart_stage_friction_journeys
            where {clause}
              and {_AT_ANY_POINT}),
        at_points as ({_at_points("friction", columns, by_metric=False)}),
        per_customer as (
            select i, customer_id, stage, max(first_friction_at) as first_friction_at,
                   bool_or(failed) as failed, bool_or(late) as late, bool_or(sla_breached) as sla_breached
            from at_points group by i, customer_id, stage),
        newest as (
            select i, unnest(min_by(
                {{'customer_id': customer_id, 'stage': stage, 'first_friction_at': first_friction_at,
                  'failed': failed, 'late': late, 'sla_breached': sla_breached}},
                {{'t': -epoch_us(first_friction_at), 'customer_id': customer_id, 'stage': stage}},
                {CUSTOMER_LIMIT})) as c
            from per_customer group by i)
        select i, c.customer_id as customer_id, c.stage as stage, c.first_friction_at as first_friction_at,
               c.failed as failed, c.late as late, c.sla_breached as sla_breached
        from newest order by i, c.first_friction_at desc, c.customer_id, c.stage""",
        point_params + params,
    ).df()
    return _split(frame, len(points))


def _split(frame: pd.DataFrame, count: int) -> list[pd.DataFrame]:
    """One frame per point position ``i`` (without the column), empty where a point has no rows."""
    parts = {i: part.drop(columns="i").reset_index(drop=True) for i, part in frame.groupby("i", sort=False)}
    empty = frame.drop(columns="i").iloc[:0]
    return [parts.get(i, empty) for i in range(count)]


def since_windows(since: date, meeting: date, last: date | None) -> tuple[Window, Window] | None:
    """Equal windows for 'what changed since the previous review': after = from `since` to the
    day before the meeting (cut at the data's last day), before = as many days just before
    `since`. None when no day of data lies after `since`."""
    stop = meeting - timedelta(days=1) if last is None else min(meeting - timedelta(days=1), last)
    days = (stop - since).days + 1
    if days <= 0:
        return None
    return (since - timedelta(days=days), since - timedelta(days=1)), (since, stop)
