"""The Review page's evidence queries (dashboard/data_review.py) answer every friction point of the
page in one scan each; given the demo's rows they must give exactly what one query per point
gives (the queries they replaced, kept here as the reference)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest

from core.db import connect
from dashboard import data_review
from dashboard.query_parts import where

MONTHS = (date(2026, 5, 1), date(2026, 10, 1))


def _clause(kind: str, key: str, months, segments, metric: str | None = None) -> tuple[str, list]:
    column = "stage" if kind == "stage" else "owner"
    return where(months, segments, {column: key, **({"metric": metric} if metric else {})})


def comments_of_one(cur, kind, key, months, segments, metric) -> pd.DataFrame:
    clause, params = _clause(kind, key, months, segments, metric)
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
        order by excess desc, responses desc, a.comment limit {data_review.COMMENT_LIMIT}""",
        params,
    ).df()


def customers_of_one(cur, kind, key, months, segments) -> pd.DataFrame:
    clause, params = _clause(kind, key, months, segments)
    return cur.execute(
        f"""
        select customer_id, stage, max(first_friction_at) as first_friction_at,
               bool_or(failed) as failed, bool_or(late) as late, bool_or(sla_breached) as sla_breached
        from mart_stage_friction_journeys where {clause}
        group by customer_id, stage
        order by first_friction_at desc, customer_id limit {data_review.CUSTOMER_LIMIT}""",
        params,
    ).df()


@pytest.fixture(scope="module")
def cur(demo_db):
    con = connect(demo_db)  # the configuration the app's own connection uses (same process)
    yield con.cursor()
    con.close()


def _same(got: pd.DataFrame, expected: pd.DataFrame) -> None:
    assert list(got.columns) == list(expected.columns)
    pd.testing.assert_frame_equal(
        got.reset_index(drop=True), expected.reset_index(drop=True), check_dtype=False
    )


@pytest.mark.parametrize("months, segments", [(MONTHS, ()), (None, ()), (MONTHS, ("premium",))])
def test_one_scan_for_every_point_equals_one_query_per_point(cur, months, segments):
    stages = [
        r[0] for r in cur.execute("select distinct stage from mart_stage_responses order by 1").fetchall()
    ]
    owners = [
        r[0] for r in cur.execute("select distinct owner from mart_stage_responses order by 1").fetchall()
    ]
    points = tuple(
        [("stage", s, m) for s in stages for m in (None, "nps", "ces")]
        + [("function", o, m) for o in owners for m in (None, "csat")]
        + [("stage", "no such stage", None)]
    )
    comments = data_review.recurring_comments.uncached(cur, points, months, segments)
    customers = data_review.example_customers.uncached(cur, points, months, segments)
    assert len(comments) == len(customers) == len(points)
    filled = 0
    for (kind, key, metric), said, who in zip(points, comments, customers, strict=True):
        _same(said, comments_of_one(cur, kind, key, months, segments, metric))
        _same(who, customers_of_one(cur, kind, key, months, segments))
        filled += not said.empty and not who.empty
    assert filled >= len(stages)  # the comparison is not between empty frames
    assert comments[-1].empty and customers[-1].empty
