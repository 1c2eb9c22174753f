"""The demo's driver pair (issue 16): two correlated frictions at different stages, only one hurts.

Failed order confirmation e-mails (browse) come far more often with late deliveries and move no
score. The with/without view flags both stages; the adjusted driver model
(pipelines.drivers.driver_table) must find late delivery and not the e-mails. Scale M unless noted.
"""

from __future__ import annotations

import json
from dataclasses import asdict

import pytest

from core.db import connect
from pipelines import demo_model as m

DRIVER_KEYS = ("description", "effect", "kind", "metric", "owner", "stage")


def read_truth(db) -> dict:
    return json.loads((db.parent / (db.name + ".truth.json")).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def drivers(demo_db_m) -> list[dict]:
    return read_truth(demo_db_m)["drivers"]


def _pair(drivers: list[dict]) -> tuple[dict, dict]:
    """(the one that hurts, the harmless one)."""
    (hurts,) = [d for d in drivers if d["effect"] != 0]
    (harmless,) = [d for d in drivers if d["effect"] == 0]
    return hurts, harmless


def _records(table) -> list[dict]:
    """driver_table's rows (DriverRow dataclasses) as dicts."""
    return [asdict(row) for row in table]


def test_truth_file_records_the_driver_pair(demo_db_m, drivers):
    truth = read_truth(demo_db_m)
    assert {tuple(sorted(d)) for d in drivers} == {DRIVER_KEYS}
    assert [d["kind"] for d in drivers] == ["driver", "driver"]
    hurts, harmless = _pair(drivers)
    assert (hurts["stage"], hurts["metric"], hurts["effect"]) == ("delivery", "nps", -30)
    assert (harmless["stage"], harmless["metric"], harmless["owner"]) == ("browse", "nps", "sales")
    # the one that hurts is the planted late delivery; the frictions list is unchanged (its
    # entries stay unbiased for with/without) and holds no driver entry
    planted = {(t["stage"], t["metric"]): t for t in truth["frictions"]}
    assert planted[("delivery", "nps")]["effect"] == hurts["effect"]
    assert planted[("delivery", "nps")]["owner"] == hurts["owner"]
    assert ("browse", "nps") not in planted and all("kind" not in t for t in truth["frictions"])


def test_the_pair_is_correlated_in_the_raw_data_and_only_late_delivery_hurts(demo_db_m):
    """Raw tables: confirmation failures in ~35% of late deliveries and ~4% of the others; among
    the late ones (and among the others) the NPS is the same with or without a failure."""
    con = connect(demo_db_m, read_only=True)
    try:
        rows = con.execute(
            """
            with j as (
                select journey_id,
                       bool_or(activity = 'delivered' and occurred_at > promised_at) as late,
                       bool_or(activity = 'order_confirmation_sent' and outcome = 'failed') as failed
                from raw_journey_events group by journey_id
                having bool_or(activity = 'delivered'))
            select late, failed, count(distinct j.journey_id), count(r.score),
                   100 * avg(case when r.score >= 9 then 1 when r.score <= 6 then -1 else 0 end)
                       filter (where r.score is not null)
            from j left join raw_survey_responses as r on r.journey_id = j.journey_id and r.metric = 'nps'
            group by all""",
        ).fetchall()
    finally:
        con.close()
    cell = {(late, failed): (journeys, answers, nps) for late, failed, journeys, answers, nps in rows}
    late_rate = cell[(True, True)][0] / (cell[(True, True)][0] + cell[(True, False)][0])
    other_rate = cell[(False, True)][0] / (cell[(False, True)][0] + cell[(False, False)][0])
    assert 0.32 < late_rate < 0.38 and 0.035 < other_rate < 0.045, (late_rate, other_rate)
    # the +1/0/-1 score of one answer has sd <= 1 (100 points): 4 standard errors of a difference
    for late in (True, False):
        (_, n_with, with_), (_, n_without, without) = cell[(late, True)], cell[(late, False)]
        se = 100 * (1 / n_with + 1 / n_without) ** 0.5
        assert abs(with_ - without) < 4 * se, (late, with_, without, se)
    assert cell[(True, False)][2] < cell[(False, False)][2] - 20  # late delivery hurts (-30)


def test_the_confirmation_failure_comes_before_every_nps_answer(demo_db_m):
    """A customer answering the NPS about a journey whose confirmation e-mail failed has had that
    friction: every such answer counts "with friction" at browse."""
    con = connect(demo_db_m, read_only=True)
    try:
        with_failure, counted = con.execute(
            """
            with failed as (select distinct journey_id from stg_journey_events
                            where activity = 'order_confirmation_sent' and is_failed)
            select count(*), count(*) filter (where x.had_friction)
            from int_responses_attributed as r
            join failed using (journey_id)
            left join int_response_stage_exposure as x
                   on x.response_id = r.response_id and x.stage = 'browse'
            where r.metric = 'nps' and r.attachment = 'given'""",
        ).fetchall()[0]
    finally:
        con.close()
    assert with_failure > 500
    assert counted == with_failure


def test_with_without_flags_both_driver_stages(demo_db_m, drivers):
    from pipelines.cli import friction_report

    report = friction_report(demo_db_m, "stage")
    for planted in drivers:
        row = next(r for r in report if (r["stage"], r["metric"]) == (planted["stage"], planted["metric"]))
        assert row["owner"] == planted["owner"], row
        assert row["significant"] is True, (planted, row)
        assert row["delta"] < -5 and row["ci_high"] < 0, (planted, row)


def test_adjusted_driver_model_finds_the_friction_that_hurts(demo_db_m, drivers):
    from pipelines.drivers import driver_table  # issue 16, item 4 (helper DRIVERS)

    con = connect(demo_db_m, read_only=True)
    try:
        rows = _records(driver_table(con))
    finally:
        con.close()
    hurts, harmless = _pair(drivers)

    def row_for(planted: dict) -> dict:
        (row,) = [r for r in rows if (r["stage"], r["metric"]) == (planted["stage"], planted["metric"])]
        return row

    found = row_for(hurts)
    assert found["owner"] == hurts["owner"]
    assert bool(found["significant"]) is True, found
    assert found["ci_high"] < 0, found
    # a single 95% CI misses 1 time in 20 by design; 4 standard errors off would be a bias
    assert abs(found["effect"] - hurts["effect"]) < 4 * found["se"], found
    null = row_for(harmless)
    assert null["owner"] == harmless["owner"]
    assert bool(null["significant"]) is False, null
    assert null["ci_low"] <= 0 <= null["ci_high"], null
    assert abs(null["effect"]) < abs(found["effect"]) / 3, (null, found)


def test_the_demo_model_keeps_the_planted_values_together():
    """The generator reads the pair from demo_model: the harmless stage has no other planted
    effect, the hurting one is the planted late delivery, and the draw probabilities differ."""
    assert m.DRIVER_EFFECTS[m.HARMLESS_DRIVER] == 0
    assert m.HARMLESS_DRIVER not in m.EFFECTS
    assert all(stage != m.HARMLESS_DRIVER[0] for stage, _ in m.EFFECTS)
    assert m.DRIVER_EFFECTS[("delivery", "nps")] == m.EFFECTS[("delivery", "nps")]
    assert m.P_CONFIRM_FAIL_LATE > 5 * m.P_CONFIRM_FAIL
