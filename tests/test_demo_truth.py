"""The planted friction of the demo company is recovered by the pipelines (scale M)."""

from __future__ import annotations

import json
import math

import pandas as pd
import pytest

from core.db import connect
from pipelines.cli import main as cli_main
from pipelines.friction import friction_table


@pytest.fixture(scope="module")
def demo_m(demo_db_m):
    return demo_db_m


@pytest.fixture(scope="module")
def truth(demo_m):
    return json.loads((demo_m.parent / (demo_m.name + ".truth.json")).read_text())


@pytest.fixture(scope="module")
def report(demo_m):
    from pipelines.cli import friction_report

    return friction_report(demo_m, "stage")


def row_for(report, stage, metric):
    return next(r for r in report if r["stage"] == stage and r["metric"] == metric)


def test_truth_file_shape(truth):
    assert {tuple(sorted(t)) for t in truth} <= {
        ("effect", "metric", "owner", "stage"),
        ("description", "effect", "metric", "owner", "stage"),
        ("deadline", "description", "effect", "metric", "owner", "stage"),
    }
    assert sum(1 for t in truth if t["effect"] == 0) >= 1
    assert sum(1 for t in truth if t["effect"] != 0) >= 2


def test_planted_friction_found_with_right_owner_and_unbiased(report, truth):
    for planted in (t for t in truth if t["effect"] != 0):
        row = row_for(report, planted["stage"], planted["metric"])
        assert row["owner"] == planted["owner"], planted
        assert row["significant"] is True, (planted, row)
        se = (row["ci_high"] - row["ci_low"]) / (2 * 1.959964)
        # a single 95% CI misses 1 time in 20 by design (see the coverage study in
        # test_demo_coverage.py); 4 standard errors off would mean a biased estimate
        assert abs(row["delta"] - planted["effect"]) < 4 * se, (planted, row)
        assert row["points_at_stake"] > 0


def test_planted_friction_ranks_above_no_effect_stage(report, truth):
    null_stages = [t for t in truth if t["effect"] == 0]
    for null in null_stages:
        null_row = row_for(report, null["stage"], null["metric"])
        assert null_row["significant"] is False, null_row
        assert null_row["enough_n"] is True  # tested, not just skipped for lack of data
        for planted in (t for t in truth if t["effect"] != 0):
            assert row_for(report, planted["stage"], planted["metric"])["rank"] < null_row["rank"]


def test_no_effect_stage_not_flagged_on_any_metric(report, truth):
    for null in (t for t in truth if t["effect"] == 0):
        flagged = [r for r in report if r["stage"] == null["stage"] and r["significant"]]
        assert flagged == []


def test_report_json_and_csv(demo_m, capsys):
    assert cli_main(["report", "friction", "--format", "json", "--db", str(demo_m)]) == 0
    rows = json.loads(capsys.readouterr().out)
    required = {
        "stage",
        "owner",
        "metric",
        "reach",
        "contacts_per_100",
        "avoidable_share",
        "delta",
        "ci_low",
        "ci_high",
        "p_adjusted",
        "significant",
        "points_at_stake",
    }
    assert rows and required <= set(rows[0])
    assert [r["rank"] for r in rows] == sorted(r["rank"] for r in rows)
    assert cli_main(["report", "friction", "--format", "csv", "--db", str(demo_m)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].startswith("rank,stage,owner,metric") and len(lines) == len(rows) + 1


@pytest.mark.parametrize("by", ["stage", "owner"])
def test_python_recomputation_equals_sql_mart(demo_m, by):
    con = connect(demo_m, read_only=True)
    try:
        python = friction_table(con, by=by).set_index([by, "metric"]).sort_index()
        sql = con.execute("select * from mart_friction where dimension = ?", [by]).df()
    finally:
        con.close()
    sql = sql.set_index([by if by == "stage" else "key", "metric"]).sort_index()
    sql.index.names = [by, "metric"]
    assert list(python.index) == list(sql.index)
    for column in [
        "reach",
        "reach_rate",
        "failure_rate",
        "late_rate",
        "friction_rate",
        "contacts_per_100",
        "avoidable_share",
        "avoidable_cost_eur",
        "n_with",
        "score_with",
        "n_without",
        "score_without",
        "delta",
        "ci_low",
        "ci_high",
        "p_value",
        "p_adjusted",
        "points_at_stake",
        "stake_ci_low",
        "stake_ci_high",
    ]:
        a = pd.to_numeric(python[column], errors="coerce").astype(float)
        b = pd.to_numeric(sql[column], errors="coerce").astype(float)
        assert list(a.isna()) == list(b.isna()), column
        for x, y in zip(a.dropna(), b.dropna()):
            assert math.isclose(x, y, rel_tol=1e-6, abs_tol=1e-9), (column, x, y)
    assert list(python["significant"]) == list(sql["significant"])
    assert list(python["rank"]) == list(sql["rank"])


def test_filters_change_the_friction_table(demo_m):
    con = connect(demo_m, read_only=True)
    try:
        everyone = friction_table(con)
        households = friction_table(con, segments=["household"])
        months = con.execute("select min(period_month), max(period_month) from mart_scores").fetchall()[0]
        last_month = friction_table(con, months=(months[1], months[1]))
    finally:
        con.close()
    assert households["n_with"].sum() < everyone["n_with"].sum()
    assert last_month["reach"].sum() < everyone["reach"].sum()


# --- deadlines: friction dated when the promise passes, not when the late parcel arrives ---------


def _deadline(truth) -> dict:
    return next(t for t in truth if (t["stage"], t["metric"]) == ("delivery", "nps"))["deadline"]


def test_planted_deadline_effect_is_within_the_reported_interval(report, truth):
    row = row_for(report, "delivery", "nps")
    planted = next(t for t in truth if (t["stage"], t["metric"]) == ("delivery", "nps"))
    assert row["ci_low"] <= planted["effect"] <= row["ci_high"], row


def test_answers_given_while_waiting_for_an_overdue_parcel_count_as_friction(demo_m, truth):
    """The generator counts the NPS answers (journey given, before the cutoff) given after the
    promise had passed and before the parcel arrived, if it ever did. Dating lateness at the
    delivery event would put every one of them in 'without friction'."""
    deadline = _deadline(truth)
    con = connect(demo_m, read_only=True)
    try:
        got = con.execute(
            """
            with delivered as (select journey_id, min(occurred_at) as at from stg_journey_events
                               where activity = 'delivered' group by journey_id)
            select count(*) filter (where x.had_friction), count(*)
            from int_response_stage_exposure as x
            join int_responses_attributed as r using (response_id)
            left join delivered as d on d.journey_id = r.journey_id
            join int_journey_stages as s on s.journey_id = r.journey_id and s.stage = 'delivery'
            where x.stage = 'delivery' and r.attachment = 'given' and r.metric = 'nps'
              and s.late and r.responded_at >= s.deadline_at
              and r.responded_at < coalesce(d.at, 'infinity'::timestamp)
              and r.responded_at < ?::timestamp""",
            [deadline["cutoff_utc"]],
        ).fetchall()[0]
    finally:
        con.close()
    assert deadline["answers_while_overdue"] > 100
    assert got == (deadline["answers_while_overdue"], deadline["answers_while_overdue"])


def test_a_parcel_never_delivered_past_its_promise_is_friction(demo_m, truth):
    deadline = _deadline(truth)
    con = connect(demo_m, read_only=True)
    try:
        never, in_marts = con.execute(
            """
            select count(*), count(f.journey_id)
            from int_journey_stages as s
            left join mart_stage_friction_journeys as f using (journey_id, stage)
            where s.stage = 'delivery' and s.late and s.done_at is null
              and s.deadline_at < ?::timestamp""",
            [deadline["cutoff_utc"]],
        ).fetchall()[0]
    finally:
        con.close()
    assert deadline["journeys_overdue_never_done"] > 100
    assert never == in_marts == deadline["journeys_overdue_never_done"]


def test_events_in_the_same_second_keep_the_export_order(demo_m, truth):
    """Payments logged in the order's second: the export lists the order first. Ordering ties
    by the (random-looking) event id would draw a payment -> browse loop for about half."""
    assert _deadline(truth)["same_second_order_payment"] > 1000
    con = connect(demo_m, read_only=True)
    try:
        loops = con.execute("""select count(*) from mart_stage_transitions
                               where from_stage = 'payment' and to_stage = 'browse'""").fetchall()[0][0]
    finally:
        con.close()
    assert loops == 0


def test_a_paid_order_never_picked_misses_the_picking_sla_although_never_reached(demo_m, truth):
    deadline = _deadline(truth)
    con = connect(demo_m, read_only=True)
    try:
        got = con.execute(
            """
            select count(*) from int_journey_stages
            where stage = 'picking' and not reached and sla_breached
              and deadline_at < ?::timestamp""",
            [deadline["cutoff_utc"]],
        ).fetchall()[0][0]
    finally:
        con.close()
    assert deadline["picking_overdue_never_reached"] > 100
    assert got == deadline["picking_overdue_never_reached"]
