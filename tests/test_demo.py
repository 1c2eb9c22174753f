"""The demo company generator: shape, realism and the planted truth."""

from __future__ import annotations

import datetime as dt
import json
from fnmatch import fnmatchcase

import pytest

from core.db import RAW_TABLES, connect
from pipelines.demo import generate_demo, run_demo
from pipelines.journey_map import load_journey_map

END = dt.date(2026, 1, 1)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    con = connect(tmp_path_factory.mktemp("demo") / "demo.duckdb")
    truth = generate_demo(con, "S", seed=7, end_date=END)
    yield con, truth
    con.close()


@pytest.fixture(scope="module")
def jm():
    return load_journey_map()


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def one(con, sql: str):
    return rows(con, sql)[0][0]


def counts(con) -> dict[str, int]:
    return {t: one(con, f"select count(*) from {t}") for t in RAW_TABLES}


def test_row_counts_are_plausible(demo):
    con, _ = demo
    n = counts(con)
    assert n["raw_customers"] == 5000
    journeys = one(con, "select count(distinct journey_id) from raw_journey_events")
    assert 5000 <= journeys <= 6500  # 1.0-1.3 journeys per customer
    assert 10 * journeys <= n["raw_journey_events"] <= 20 * journeys
    assert 0.2 * journeys <= n["raw_contacts"] <= 0.7 * journeys
    assert 0.3 * journeys <= n["raw_survey_responses"] <= 0.8 * journeys
    assert one(con, "select count(distinct customer_id) from raw_journey_events") == 5000
    batch = rows(con, "select batch_id, kind, imported_by, row_count from import_batches")
    assert batch == [("demo-S-7", "demo", "demo generator", sum(n.values()))]


def test_segments_and_regions(demo):
    con, _ = demo
    share = dict(rows(con, "select segment, count(*) / 5000 from raw_customers group by 1"))
    assert set(share) == {"household", "small_business", "premium"}
    assert 0.70 < share["household"] < 0.80 and 0.02 < share["premium"] < 0.08
    uusimaa = one(con, "select avg((region = 'Uusimaa')::int) from raw_customers")
    assert 0.30 < uusimaa < 0.40
    assert {r[0] for r in rows(con, "select distinct tier from raw_customers")} == {"basic", "plus"}


def test_every_activity_maps_to_a_stage(demo, jm):
    con, _ = demo
    activities = [r[0] for r in rows(con, "select distinct activity from raw_journey_events")]
    for activity in activities:
        assert any(fnmatchcase(activity, pattern) for pattern, _ in jm.activity_rules), activity
    stages = {next(s for p, s in jm.activity_rules if fnmatchcase(a, p)) for a in activities}
    assert stages == set(jm.stage_ids)


def test_events_are_well_formed(demo):
    con, _ = demo
    assert {r[0] for r in rows(con, "select distinct outcome from raw_journey_events")} == {"ok", "failed"}
    promised = {
        r[0]
        for r in rows(con, "select distinct activity from raw_journey_events where promised_at is not null")
    }
    # the order system writes the promised delivery time on every delivery event
    assert promised == {"shipped", "out_for_delivery", "delivered", "refund_paid"}
    assert (
        one(
            con,
            "select count(*) from raw_journey_events where activity in "
            "('shipped', 'out_for_delivery', 'delivered') and promised_at is null",
        )
        == 0
    )
    # stored in UTC: the year in Helsinki starts at 22:00 UTC on 31 December
    lo, hi = rows(con, "select min(occurred_at), max(occurred_at) from raw_journey_events")[0]
    assert dt.datetime(2024, 12, 31, 22) <= lo and hi < dt.datetime(2025, 12, 31, 22)
    # the export lists each journey's events in time order (source_row); the event ids, like a
    # real system's, carry no order
    assert (
        one(
            con,
            """select count(*) from (select occurred_at < lag(occurred_at) over
               (partition by journey_id order by source_row) as back from raw_journey_events)
               where back""",
        )
        == 0
    )
    assert one(con, "select count(distinct source_row) = count(*) from raw_journey_events")
    # some payments are logged in the order's second; some parcels never arrive
    same = one(
        con,
        """select count(*) from raw_journey_events o join raw_journey_events p
               using (journey_id) where o.activity = 'order_placed'
               and p.activity = 'payment_authorised' and p.occurred_at = o.occurred_at""",
    )
    assert same > 100
    lost = one(
        con,
        """select count(distinct journey_id) from raw_journey_events s
               where activity = 'shipped' and promised_at < timestamp '2025-12-01'
               and not exists (select 1 from raw_journey_events d where d.journey_id = s.journey_id
                               and d.activity = 'delivered')""",
    )
    assert 20 < lost < 150
    late = one(
        con,
        "select avg((occurred_at > promised_at)::int) from raw_journey_events where activity = 'delivered'",
    )
    assert 0.10 < late < 0.22
    # a failed login is followed by a successful login or a password reset
    assert (
        one(
            con,
            """select count(*) from raw_journey_events f where activity = 'login'
               and outcome = 'failed' and not exists (select 1 from raw_journey_events e
               where e.journey_id = f.journey_id and e.occurred_at > f.occurred_at
               and e.activity in ('login', 'password_reset') and e.outcome = 'ok')""",
        )
        == 0
    )


def test_contacts_are_well_formed(demo, jm):
    con, _ = demo
    reasons = {r[0] for r in rows(con, "select distinct reason from raw_contacts")}
    assert None in reasons
    assert reasons - {None} <= {r.reason for r in jm.contact_reasons}
    assert "where_is_my_order" in reasons and "invoice_error" in reasons
    channels = {r[0] for r in rows(con, "select distinct channel from raw_contacts")}
    assert channels == {"phone", "email", "chat", "social", "web_form", "store"}
    assert 0.01 < one(con, "select avg((reason is null)::int) from raw_contacts") < 0.06
    assert 0.33 < one(con, "select avg((journey_id is null)::int) from raw_contacts") < 0.47
    assert one(con, "select count(*) from raw_contacts where transfers not between 0 and 3") == 0
    assert (
        one(
            con,
            "select count(*) from raw_contacts where escalated_to is not null "
            "and escalation_asked_at is null",
        )
        == 0
    )
    wait = dict(
        rows(
            con,
            """select escalated_to, median(epoch(escalation_answered_at
                  - escalation_asked_at)) from raw_contacts where escalated_to is not null
                  group by 1""",
        )
    )
    assert wait["billing"] > 3 * wait["logistics"]
    # late deliveries drive where-is-my-order contacts (failure demand)
    per_journey = dict(
        rows(
            con,
            """
        with d as (select journey_id, occurred_at > promised_at as late from raw_journey_events
                   where activity = 'delivered')
        select late, count(c.contact_id) / count(distinct d.journey_id) from d left join
        raw_contacts c on c.journey_id = d.journey_id and c.reason = 'where_is_my_order'
        group by 1""",
        )
    )
    assert per_journey[True] > 5 * per_journey[False]


def test_surveys_use_exact_scales(demo):
    con, _ = demo
    got = set(rows(con, "select survey, metric, scale_min, scale_max from raw_survey_responses group by all"))
    assert got == {
        ("post_delivery_nps", "nps", 0, 10),
        ("checkout_ces", "ces", 1, 7),
        ("contact_csat", "csat", 1, 5),
    }
    assert (
        one(
            con,
            "select count(*) from raw_survey_responses "
            "where score < scale_min or score > scale_max or score <> round(score)",
        )
        == 0
    )
    assert (
        one(con, "select count(*) from raw_survey_responses where customer_id is null or segment is not null")
        == 0
    )
    assert {r[0] for r in rows(con, "select distinct language from raw_survey_responses")} == {"fi", "en"}


def test_about_thirty_percent_of_responses_lack_journey_id(demo):
    con, _ = demo
    share = one(con, "select avg((journey_id is null)::int) from raw_survey_responses")
    assert 0.26 < share < 0.34


def test_comments_in_both_languages(demo):
    con, _ = demo
    by_lang = dict(rows(con, "select language, count(comment) from raw_survey_responses group by 1"))
    assert by_lang["fi"] > 100 and by_lang["en"] > 30
    fi = [
        r[0]
        for r in rows(
            con, "select comment from raw_survey_responses where language = 'fi' and comment is not null"
        )
    ]
    assert any("ä" in c for c in fi) and any("ö" in c for c in fi)
    assert any(c.startswith("Toimitus myöhästyi") for c in fi)
    nps_share = one(
        con, "select avg((comment is not null)::int) from raw_survey_responses where metric = 'nps'"
    )
    assert 0.28 < nps_share < 0.42
    # late-delivery comments only on journeys whose delivery was late
    assert (
        one(
            con,
            """select count(*) from raw_survey_responses r join raw_journey_events e
               using (journey_id) where e.activity = 'delivered' and e.occurred_at <= e.promised_at
               and (r.comment like 'Delivery was % late%' or r.comment like 'Toimitus myöhästyi%')""",
        )
        == 0
    )


def test_truth_lists_the_five_planted_effects(demo, jm):
    _, truth = demo
    got = {(t["stage"], t["metric"]): t for t in truth}
    assert set(got) == {
        ("delivery", "nps"),
        ("invoicing", "nps"),
        ("picking", "nps"),
        ("payment", "ces"),
        ("account", "nps"),
    }
    assert [
        got[k]["effect"]
        for k in [
            ("delivery", "nps"),
            ("invoicing", "nps"),
            ("picking", "nps"),
            ("payment", "ces"),
            ("account", "nps"),
        ]
    ] == [-30, -25, -15, -1.5, 0]
    for (stage, _), t in got.items():
        assert t["owner"] == jm.stage(stage).owner
    deadline = got[("delivery", "nps")]["deadline"]
    assert deadline["answers_while_overdue"] > 30 and deadline["journeys_overdue_never_done"] > 20
    assert deadline["same_second_order_payment"] > 100 and deadline["cutoff_utc"] < "2025-12-31 22:00"
    assert deadline["picking_overdue_never_reached"] > 5


def test_planted_delivery_effect_is_in_the_raw_data(demo):
    con, _ = demo
    nps = con.execute(
        "select journey_id, score from raw_survey_responses where metric = 'nps' and journey_id is not null"
    ).df()
    ev = con.execute(
        "select journey_id, occurred_at, promised_at from raw_journey_events where activity = 'delivered'"
    ).df()
    df = nps.merge(ev, on="journey_id")
    df["late"] = df["occurred_at"] > df["promised_at"]
    df["nps"] = (df["score"] >= 9).astype(int) - (df["score"] <= 6).astype(int)
    by = df.groupby("late")["nps"].mean() * 100
    assert abs((by[True] - by[False]) - (-30)) < 20


def test_planted_payment_effect_on_ces(demo):
    con, _ = demo
    ces = con.execute(
        "select journey_id, score from raw_survey_responses where metric = 'ces' and journey_id is not null"
    ).df()
    failed = con.execute(
        "select distinct journey_id, true as failed from raw_journey_events "
        "where activity like 'payment%' and outcome = 'failed'"
    ).df()
    df = ces.merge(failed, on="journey_id", how="left")
    df["failed"] = df["failed"].astype("boolean").fillna(False)
    by = df.groupby("failed")["score"].mean()
    assert abs((by[True] - by[False]) - (-1.5)) < 0.6
    assert 5.2 < by[False] < 6.0


def test_same_seed_same_data_and_rerun_replaces(tmp_path):
    con = connect(tmp_path / "a.duckdb")
    generate_demo(con, "S", seed=3, end_date=END)
    first = counts(con), one(con, "select sum(score) from raw_survey_responses")
    generate_demo(con, "s", seed=3, end_date=END)
    again = counts(con), one(con, "select sum(score) from raw_survey_responses")
    assert again == first  # replaced, not appended
    assert one(con, "select count(*) from import_batches where kind = 'demo'") == 1
    con.close()
    other = connect(tmp_path / "b.duckdb")
    generate_demo(other, "S", seed=3, end_date=END)
    assert (counts(other), one(other, "select sum(score) from raw_survey_responses")) == first
    generate_demo(other, "S", seed=4, end_date=END)
    assert one(other, "select sum(score) from raw_survey_responses") != first[1]
    other.close()


def test_unknown_scale_is_refused(tmp_path):
    con = connect(tmp_path / "x.duckdb")
    with pytest.raises(ValueError, match="scale"):
        generate_demo(con, "XXL")
    con.close()


def test_run_demo_writes_truth_file(tmp_path, jm):
    db = tmp_path / "cx.duckdb"
    summary = run_demo(db, "S")
    assert summary["counts"]["raw_customers"] == 5000
    assert summary["seconds"] < 30
    path = tmp_path / "cx.duckdb.truth.json"
    assert summary["truth_path"] == str(path)
    written = json.loads(path.read_text(encoding="utf-8"))
    truth = written["frictions"]
    assert len(truth) == 5
    for t in truth:
        assert {"stage", "owner", "metric", "effect"} <= set(t)
        assert t["owner"] == jm.stage(t["stage"]).owner
    # the driver pair (issue 16): late delivery hurts, failed confirmation e-mails do not
    drivers = {(d["stage"], d["metric"]): d for d in written["drivers"]}
    assert {k: d["effect"] for k, d in drivers.items()} == {("delivery", "nps"): -30, ("browse", "nps"): 0}
    assert all(d["kind"] == "driver" and d["owner"] == jm.stage(d["stage"]).owner for d in drivers.values())
    con = connect(db, read_only=True)
    assert one(con, "select count(*) from raw_customers") == 5000
    con.close()
