"""The planted friction of the demo company is recovered by the pipelines (scale M), and the verdicts
of its two planted actions by pipelines.action_effect (scale S)."""

from __future__ import annotations

import datetime as dt
import json
import math
import shutil

import pandas as pd
import pytest

from core.access import Actor
from core.db import connect
from pipelines.action_effect import action_effect
from pipelines.actions import add_action, get_action
from pipelines.cli import main as cli_main
from pipelines.demo import run_demo
from pipelines.demo_actions import plant_actions
from pipelines.friction import friction_table
from pipelines.runner import refresh


@pytest.fixture(scope="module")
def demo_m(demo_db_m):
    return demo_db_m


@pytest.fixture(scope="module")
def truth(demo_m):
    return json.loads((demo_m.parent / (demo_m.name + ".truth.json")).read_text())["frictions"]


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
        loops = con.execute("""select coalesce(sum(transitions), 0) from mart_stage_transitions
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


# --- the planted actions of the review meetings: did it work? (scale S) ---------------------------

ACTIONS_END = dt.date(2026, 11, 1)  # a fixed period: the verdicts are one draw, checked once


@pytest.fixture(scope="module")
def demo_s_fixed(tmp_path_factory):
    """The demo at scale S (seed 7) for a fixed period, refreshed: the same data every month."""
    path = tmp_path_factory.mktemp("actions_s") / "s.duckdb"
    run_demo(path, "S", seed=7, end_date=ACTIONS_END)
    con = connect(path)
    try:
        refresh(con)
    finally:
        con.close()
    return path


def planted_actions(db) -> list[dict]:
    return json.loads((db.parent / (db.name + ".truth.json")).read_text())["actions"]


def test_two_planted_actions_in_the_register_and_the_truth(demo_db):
    planted = planted_actions(demo_db)
    assert sorted(a["expected_verdict"] for a in planted) == ["improved", "no_change"]
    con = connect(demo_db)  # same settings as the app's pages: shares their database instance
    try:
        for entry in planted:
            action = get_action(con, entry["action_id"])
            assert action.created_by == "demo" and action.status == "done"
            assert (action.point_kind, action.point_key, action.metric) == (
                entry["point_kind"],
                entry["point_key"],
                entry["metric"],
            )
            assert action.effective_from.isoformat() == entry["effective_from"]
    finally:
        con.close()


def test_planted_action_verdicts_recovered(demo_s_fixed):
    con = connect(demo_s_fixed, read_only=True)
    try:
        for entry in planted_actions(demo_s_fixed):
            comparison = action_effect(con, get_action(con, entry["action_id"]))
            assert comparison is not None
            assert comparison.verdict == entry["expected_verdict"], (entry, comparison)
            assert comparison.after[1] - comparison.after[0] == dt.timedelta(days=55)  # not cut
    finally:
        con.close()


def test_the_fix_removes_the_friction_from_its_date(demo_db):
    """The improved action on today's demo: no friction at its stage from the effective date on
    (login failures, ~12 % before), so the friction rate after is 0."""
    fix = next(a for a in planted_actions(demo_db) if a["expected_verdict"] == "improved")
    con = connect(demo_db)  # same settings as the app's pages: shares their database instance
    try:
        comparison = action_effect(con, get_action(con, fix["action_id"]))
        after_rate = comparison.measure("friction_rate")
        friction_after = con.execute(
            """select count(*) from int_journey_stages
               where stage = ? and first_friction_at is not null
                 and cast(local_time(concerned_from) as date) >= ?""",
            [fix["point_key"], dt.date.fromisoformat(fix["effective_from"])],
        ).fetchall()[0][0]
    finally:
        con.close()
    assert friction_after == 0
    assert after_rate.after == 0.0 and after_rate.before > 0 and after_rate.change < 0


def test_a_new_demo_replaces_its_planted_actions_and_keeps_peoples(demo_s_fixed, tmp_path):
    db = tmp_path / "copy.duckdb"
    shutil.copy(demo_s_fixed, db)
    con = connect(db)
    try:
        mine = add_action(
            con,
            actor=Actor("maija", "editor", "local"),
            point_kind="function",
            point_key="logistics",
            title="Weekly carrier review",
            owner_function="logistics",
        )
        truth = plant_actions(con, ACTIONS_END)
        demo_ids = [
            r[0] for r in con.execute("select action_id from actions where created_by = 'demo'").fetchall()
        ]
        assert sorted(demo_ids) == sorted(a["action_id"] for a in truth) and len(demo_ids) == 2
        assert get_action(con, mine.action_id).title == "Weekly carrier review"
        orphans = "select count(*) from action_changes where action_id not in (select action_id from actions)"
        assert con.execute(orphans).fetchall()[0][0] == 0
    finally:
        con.close()
