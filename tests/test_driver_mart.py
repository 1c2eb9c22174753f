"""mart_driver_responses: given int_responses_attributed and int_response_stage_exposure rows ->
the expected rows; on the demo it agrees with mart_scores and mart_friction_cells."""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import pytest

from core.db import connect
from core.metrics import METRICS
from pipelines.drivers import driver_table
from pipelines.friction import friction_table
from pipelines.runner import MODELS_DIR, model_macros_sql

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)
# response_id, customer_id, metric, score, is_positive, is_negative, segment, channel, period_month
RESPONSES = [
    ("r1", "c1", "nps", 10.0, True, False, "household", "email", JAN),  # promoter: 100
    ("r2", "c1", "nps", 8.0, False, False, "household", "sms", JAN),  # passive: 0
    ("r3", "c2", "nps", 3.0, False, True, "business", None, FEB),  # detractor: -100
    ("r4", "c3", "csat", 4.0, True, False, "unknown", "web", FEB),  # top two: 100
    ("r5", "c3", "csat", 3.5, False, False, "unknown", "web", FEB),  # not top two: 0
    ("r6", None, "ces", 5.5, True, False, "unknown", "app", JAN),  # anonymous, no journey: stays
    ("r7", "c4", "ces", 2.0, False, False, "premium", "app", JAN),  # reached stages, no friction
]
# response_id, stage, had_friction
EXPOSURE = [
    ("r1", "delivery", True),
    ("r1", "account", True),
    ("r1", "payment", False),
    ("r2", "delivery", False),
    ("r3", "invoicing", True),
    ("r4", "picking", True),
    ("r7", "account", False),
    ("r7", "delivery", False),
]


def build_mart(responses: list[tuple], exposure: list[tuple]) -> duckdb.DuckDBPyConnection:
    """Only the two tables the mart reads (the columns it uses), the macros, then the mart."""
    con = duckdb.connect()
    con.execute(model_macros_sql())
    attributed = pd.DataFrame(  # noqa: F841 (read by the create below)
        responses,
        columns=[
            "response_id",
            "customer_id",
            "metric",
            "score",
            "is_positive",
            "is_negative",
            "segment",
            "channel",
            "period_month",
        ],
    )
    stages = pd.DataFrame(exposure, columns=["response_id", "stage", "had_friction"])  # noqa: F841
    con.execute("create table int_responses_attributed as select * from attributed")
    con.execute("create table int_response_stage_exposure as select * from stages")
    sql = (MODELS_DIR / "marts" / "mart_driver_responses.sql").read_text(encoding="utf-8")
    con.execute(f"create table mart_driver_responses as {sql}")
    return con


def test_one_row_per_response_with_its_score_and_the_stages_it_had_friction_at():
    con = build_mart(RESPONSES, EXPOSURE)
    got = con.execute("select * from mart_driver_responses order by response_id").fetchall()
    assert got == [
        ("r1", "c1", "nps", 100.0, "household", "email", JAN, ["account", "delivery"]),
        ("r2", "c1", "nps", 0.0, "household", "sms", JAN, []),
        ("r3", "c2", "nps", -100.0, "business", None, FEB, ["invoicing"]),
        ("r4", "c3", "csat", 100.0, "unknown", "web", FEB, ["picking"]),
        ("r5", "c3", "csat", 0.0, "unknown", "web", FEB, []),
        ("r6", None, "ces", 5.5, "unknown", "app", JAN, []),
        ("r7", "c4", "ces", 2.0, "premium", "app", JAN, []),
    ]
    assert con.execute(
        "select column_type from (describe mart_driver_responses) where column_name = 'friction_stages'"
    ).fetchall() == [("VARCHAR[]",)]


@pytest.fixture(scope="module")
def demo_con(demo_db):
    con = connect(demo_db)  # the settings of the dashboard's connection (page tests may hold one)
    yield con
    con.close()


def test_the_mean_of_value_is_the_metric_of_mart_scores(demo_con):
    got = dict(
        demo_con.execute("select metric, avg(value) from mart_driver_responses group by metric").fetchall()
    )
    expected = dict(
        demo_con.execute(
            """select metric, metric_value(metric, sum(n), sum(n_positive), sum(n_negative), sum(score_sum))
            from mart_scores group by metric"""
        ).fetchall()
    )
    assert set(got) == set(METRICS)
    assert got == pytest.approx(expected, rel=1e-12)


def test_friction_counts_agree_with_the_friction_table(demo_con):
    """Every stage's n_with and every metric's n_all are those of the with/without table."""
    ours = {(r.stage, r.metric): (r.n_with, r.n_all) for r in driver_table(demo_con)}
    theirs = {
        (row["stage"], row["metric"]): (row["n_with"], row["n_all"])
        for row in friction_table(demo_con).to_dict("records")
    }
    assert theirs and all(ours[key] == value for key, value in theirs.items())
    every_response = demo_con.execute(
        """select (select count(*) from mart_driver_responses),
                  (select count(*) from int_responses_attributed)"""
    ).fetchall()[0]
    assert every_response[0] == every_response[1]
