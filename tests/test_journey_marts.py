"""Journey-flow models: given the hand-made journeys (tests/scenario_journey.py) -> the expected rows."""

from __future__ import annotations

import json
from datetime import date, timedelta
from datetime import datetime as dt

import pandas as pd
import pytest

from core.db import connect
from dashboard import data_journey
from pipelines.incremental_rebuild import incremental_key
from pipelines.runner import discover_models, refresh
from tests import pipeline_scenario as ps
from tests import scenario_journey
from tests.scenario_db import refreshed, rows

JAN, FEB, MAR = date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)
PATH_A = "account > browse > payment > browse > payment > picking > delivery > invoicing"


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with refreshed(tmp_path_factory.mktemp("journey_scenario"), scenario_journey) as connection:
        yield connection


def test_drill_down_marts_are_views_and_visits_are_rebuilt_per_customer():
    models = {m.name: m for m in discover_models()}
    assert models["mart_customer_timeline"].materialized == "view"
    assert models["mart_stage_responses"].materialized == "view"
    assert models["int_stage_visits"].materialized == models["mart_stage_transitions"].materialized == "table"
    # visits depend only on the customer's own events; outcomes depend on the latest event of all,
    # so they are computed when read (pipelines/incremental.py notes the months they move in)
    assert incremental_key(models["int_stage_visits"]) == "customer_id"
    assert models["int_journey_outcomes"].materialized == "view"


def test_int_stage_visits_holds_the_runs_of_journeys_whose_stages_interleave(con):
    d = dt
    got = rows(
        con,
        """
        select visit_number, stage, stage_order, entered_at, left_at, customer_id, period_month
        from int_stage_visits where journey_id = 'jA' order by visit_number""",
    )
    assert got == [
        (1, "account", 1, d(2026, 1, 1, 10, 0), d(2026, 1, 1, 10, 0), "cA", JAN),
        (2, "browse", 2, d(2026, 1, 1, 10, 5), d(2026, 1, 1, 10, 10), "cA", JAN),
        (3, "payment", 3, d(2026, 1, 1, 10, 15), d(2026, 1, 1, 10, 15), "cA", JAN),
        # back to browse and on to payment again: browse's and payment's spans overlap
        (4, "browse", 2, d(2026, 1, 1, 10, 20), d(2026, 1, 1, 10, 20), "cA", JAN),
        (5, "payment", 3, d(2026, 1, 1, 10, 30), d(2026, 1, 1, 10, 30), "cA", JAN),
        (6, "picking", 4, d(2026, 1, 2, 9, 0), d(2026, 1, 2, 10, 0), "cA", JAN),
        (7, "delivery", 5, d(2026, 1, 2, 12, 0), d(2026, 1, 5, 12, 0), "cA", JAN),
        (8, "invoicing", 6, d(2026, 1, 5, 13, 0), d(2026, 1, 5, 13, 0), "cA", JAN),
    ]


def test_int_stage_visits_breaks_a_tie_by_file_order_and_leaves_out_simple_journeys(con):
    # jC: login and product_viewed share a timestamp (the file lists login first); jB (an
    # unmapped event inside its browse visit), jD and jE (back from delivery to picking, but one
    # stage after the other) have stages that follow one another: their visits are their
    # int_journey_stages rows, not stored here
    assert rows(
        con,
        """
        select journey_id, visit_number, stage, entered_at, left_at from int_stage_visits
        where journey_id <> 'jA' order by 1, 2""",
    ) == [
        ("jC", 1, "account", dt(2026, 3, 1, 9, 0), dt(2026, 3, 1, 9, 0)),
        ("jC", 2, "browse", dt(2026, 3, 1, 9, 0), dt(2026, 3, 1, 9, 30)),
    ]


def test_events_of_two_files_at_one_moment_go_file_by_file_in_journey_map_order(tmp_path):
    """jX: the payment file (loaded first, its batch id sorts first) and the order file both log
    the same second: the order file's block goes first (browse comes before payment in the map).
    jY, from one file only, keeps that file's order at its tie (payment listed before browse)."""
    at = dt(2026, 3, 2, 13, 0)
    con = connect(tmp_path / "files.duckdb")
    try:
        ps.write_frames(
            con,
            {
                "raw_customers": ps.customers_frame([("cX", "household"), ("cY", "household")]),
                "raw_journey_events": pd.concat(
                    [
                        ps.events_frame([("p1", "cX", "jX", "payment_authorised", at, "ok", None)], "a-pay"),
                        ps.events_frame(
                            [
                                ("o1", "cX", "jX", "order_placed", at, "ok", None),
                                ("o2", "cX", "jX", "order_picked", at + timedelta(days=1), "ok", None),
                                ("y1", "cY", "jY", "payment_authorised", at, "ok", None),
                                ("y2", "cY", "jY", "order_placed", at, "ok", None),
                            ],
                            "b-orders",
                        ),
                    ]
                ),
            },
        )
        refresh(con)
        assert rows(con, "select journey_id, visit_number, stage from int_stage_visits order by 1, 2") == [
            ("jX", 1, "browse"),
            ("jX", 2, "payment"),
            ("jX", 3, "picking"),
            ("jY", 1, "payment"),
            ("jY", 2, "browse"),
        ]
        assert rows(
            con,
            """select from_stage, to_stage, is_rework, from_first_visit, transitions, min_seconds
               from mart_stage_transitions where min_seconds is not null order by 1""",
        ) == [
            ("browse", "payment", False, True, 1, 0),
            ("payment", "browse", True, True, 1, 0),
            ("payment", "picking", False, False, 1, 86400),
        ]
    finally:
        con.close()


def test_int_journey_outcomes(con):
    got = dict(rows(con, "select journey_id, outcome from int_journey_outcomes"))
    assert got == {
        "jA": "completed",  # reached invoicing (completes)
        "jB": "dropped",  # last event 69 days before the latest event in the data
        "jC": "in_progress",  # last event 19 days before it (in_progress_days = 30)
        "jD": "completed",  # reached returns (completes)
        "jE": "completed",
    }  # reached delivery (completes)


def test_in_progress_days_setting_decides_between_dropped_and_in_progress(tmp_path):
    journey_map = tmp_path / "map.yaml"
    from pipelines.journey_map import DEFAULT_MAP_PATH

    journey_map.write_text(
        DEFAULT_MAP_PATH.read_text(encoding="utf-8").replace("in_progress_days: 30", "in_progress_days: 10"),
        encoding="utf-8",
    )
    connection = connect(tmp_path / "j.duckdb")
    try:
        scenario_journey.load(connection)
        refresh(connection, journey_map)
        assert rows(
            connection,
            """select outcome from int_journey_outcomes
                                   where journey_id = 'jC'""",
        ) == [("dropped",)]
    finally:
        connection.close()


def test_mart_stage_transitions(con):
    got = rows(
        con,
        """
        select period_month, segment, from_stage, to_stage, is_rework, from_first_visit,
               duration_bucket, transitions, min_seconds, max_seconds
        from mart_stage_transitions
        order by period_month, segment, from_first_visit desc, min_seconds, from_stage, to_stage""",
    )
    end = (-1, 1, None, None)  # to a pseudo stage: no duration

    def one(seconds: int, bucket: int) -> tuple:
        return (bucket, 1, seconds, seconds)

    assert got == [
        # jA: account 10:00, browse 10:05-10:10, payment 10:15 (failed), browse 10:20, payment
        # 10:30, picking, delivery, invoicing: completed
        (JAN, "household", "account", "browse", False, True, *one(300, 300)),
        (JAN, "household", "browse", "payment", False, False, *one(300, 300)),
        (JAN, "household", "payment", "browse", True, False, *one(300, 300)),
        (JAN, "household", "browse", "payment", True, False, *one(600, 600)),  # 4 s buckets
        (JAN, "household", "delivery", "invoicing", False, False, *one(3600, 3600)),
        (JAN, "household", "picking", "delivery", False, False, *one(7200, 7200)),
        (JAN, "household", "payment", "picking", False, False, *one(81000, 80992)),  # 32 s buckets
        (JAN, "household", "invoicing", "(end)", False, False, *end),
        # jB: dropped after a failed payment; 180 s in a 1 s bucket
        (JAN, "small_business", "account", "browse", False, True, *one(300, 300)),
        (JAN, "small_business", "browse", "payment", False, False, *one(180, 180)),
        (JAN, "small_business", "payment", "(dropped)", False, False, *end),
        # jE: from delivery back to picking is rework
        (FEB, "small_business", "delivery", "picking", True, True, *one(86400, 86400)),
        (FEB, "small_business", "picking", "(end)", False, False, *end),
        (MAR, "household", "browse", "payment", False, True, *one(300, 300)),
        (MAR, "household", "payment", "delivery", False, False, *one(86100, 86080)),
        (MAR, "household", "delivery", "returns", False, False, *one(259200, 259200)),
        (MAR, "household", "returns", "(end)", False, False, *end),
        # jC: account and browse entered at the same moment, still under way
        (MAR, "unknown", "account", "browse", False, True, *one(0, 0)),
        (MAR, "unknown", "browse", "(in progress)", False, False, *end),
    ]


def test_the_journey_page_reads_counts_and_medians_from_the_buckets(con):
    got = data_journey.transitions.uncached(con, None, ())
    medians = {
        (r.from_stage, r.to_stage, r.is_rework): (r.transitions, r.median_hours) for r in got.itertuples()
    }
    assert medians[("account", "browse", False)] == (3, 300 / 3600)  # 0, 300, 300 s
    assert medians[("browse", "payment", False)] == (3, 300 / 3600)  # 180, 300, 300 s
    assert medians[("payment", "delivery", False)] == (1, 86100 / 3600)  # exact in a 32 s bucket
    count, median = medians[("invoicing", "(end)", False)]
    assert count == 1 and pd.isna(median)
    assert sum(n for n, _ in medians.values()) == 19
    january = data_journey.transitions.uncached(con, (JAN, JAN), ("small_business",))
    assert sorted(
        (
            r.from_stage,
            r.to_stage,
            r.is_rework,
            r.transitions,
            None if pd.isna(r.median_hours) else r.median_hours,
        )
        for r in january.itertuples()
    ) == [
        ("account", "browse", False, 1, 300 / 3600),
        ("browse", "payment", False, 1, 180 / 3600),
        ("payment", "(dropped)", False, 1, None),
    ]


def test_mart_journey_paths(con):
    assert rows(
        con,
        """
        select period_month, segment, path, outcome, journeys, journeys_with_friction
        from mart_journey_paths order by period_month, segment, path""",
    ) == [
        (JAN, "household", PATH_A, "completed", 1, 1),
        (JAN, "small_business", "account > browse > payment", "dropped", 1, 1),
        (FEB, "small_business", "delivery > picking", "completed", 1, 0),
        (MAR, "household", "browse > payment > delivery > returns", "completed", 1, 1),
        (MAR, "unknown", "account > browse", "in_progress", 1, 0),
    ]


def test_mart_stage_friction_journeys(con):
    assert rows(
        con,
        """
        select journey_id, customer_id, stage, owner, period_month, segment, failed, late,
               sla_breached, first_friction_at
        from mart_stage_friction_journeys order by journey_id, stage""",
    ) == [
        # times in the company's zone (Helsinki, UTC+2 in winter); a late delivery and a late
        # refund count from their promise (18:00 and 20:00 UTC), not from when they came
        ("jA", "cA", "delivery", "logistics", JAN, "household", False, True, False, dt(2026, 1, 4, 20, 0)),
        ("jA", "cA", "payment", "payments", JAN, "household", True, False, False, dt(2026, 1, 1, 12, 15)),
        (
            "jB",
            "cB",
            "payment",
            "payments",
            JAN,
            "small_business",
            True,
            False,
            False,
            dt(2026, 1, 10, 10, 10),
        ),
        ("jD", "cA", "returns", "warehouse", MAR, "household", False, True, False, dt(2026, 3, 19, 22, 0)),
    ]


def test_mart_stage_responses(con):
    got = rows(
        con,
        """
        select response_id, stage, owner, had_friction, metric, score, comment, customer_id,
               journey_id, period_month, segment, channel, language
        from mart_stage_responses order by response_id, stage""",
    )
    r1 = [
        ("r1", s, o, f, "nps", 3.0, "Parcel came a day late", "cA", "jA", JAN, "household", "email", "en")
        for s, o, f in [
            ("account", "digital", False),
            ("browse", "sales", False),
            ("delivery", "logistics", True),
            ("invoicing", "billing", False),
            ("payment", "payments", True),
            ("picking", "warehouse", False),
        ]
    ]
    r2 = [
        ("r2", s, o, f, "csat", 2.0, "Payment kept failing", "cB", "jB", JAN, "small_business", "web", "en")
        for s, o, f in [
            ("account", "digital", False),
            ("browse", "sales", False),
            ("payment", "payments", True),
        ]
    ]
    r3 = [
        ("r3", s, o, False, "nps", 9.0, None, "cC", "jC", MAR, "unknown", "chat", "en")
        for s, o in [("account", "digital"), ("browse", "sales")]
    ]
    assert got == r1 + r2 + r3


def test_mart_customer_timeline(con):
    got = rows(
        con,
        """
        select occurred_at, kind, journey_id, stage, owner, what, detail, friction, journey_outcome
        from mart_customer_timeline where customer_id = 'cB' order by occurred_at, kind""",
    )

    def d(*parts):  # the stored UTC time as the page shows it: Helsinki, UTC+2 in January
        return dt(*parts) + timedelta(hours=2)

    assert got == [
        (d(2026, 1, 10, 8, 0), "event", "jB", "account", "digital", "login", "ok", False, "dropped"),
        (d(2026, 1, 10, 8, 5), "event", "jB", "browse", "sales", "product_viewed", "ok", False, "dropped"),
        (d(2026, 1, 10, 8, 6), "event", "jB", None, None, "mystery_event", "ok", False, "dropped"),
        (d(2026, 1, 10, 8, 7), "event", "jB", "browse", "sales", "cart_updated", "ok", False, "dropped"),
        (
            d(2026, 1, 10, 8, 10),
            "event",
            "jB",
            "payment",
            "payments",
            "payment_authorised",
            "failed",
            True,
            "dropped",
        ),
        (
            d(2026, 1, 10, 8, 12),
            "contact",
            "jB",
            "payment",
            "payments",
            "payment_failed",
            "email, customer_service",
            True,
            "dropped",
        ),
        (
            d(2026, 1, 11, 9, 0),
            "response",
            "jB",
            "payment",
            "payments",
            "csat",
            "2.0: Payment kept failing",
            True,
            "dropped",
        ),
    ]


def test_mart_customer_timeline_counts_every_item_of_a_customer(con):
    got = dict(
        rows(
            con,
            """select kind, count(*) from mart_customer_timeline
                            where customer_id = 'cA' group by kind""",
        )
    )
    assert got == {"event": 17, "deadline": 2, "contact": 2, "response": 1}
    missed = rows(
        con,
        """select occurred_at, journey_id, what, detail from mart_customer_timeline
                          where customer_id = 'cA' and kind = 'deadline' order by occurred_at""",
    )
    assert missed == [
        (dt(2026, 1, 4, 20, 0), "jA", "delivery", "promise, done late"),
        (dt(2026, 3, 19, 22, 0), "jD", "returns", "promise, done late"),
    ]
    late = rows(
        con,
        """select what, detail, friction from mart_customer_timeline
                        where customer_id = 'cA' and kind = 'event' and friction order by occurred_at""",
    )
    assert late == [
        ("payment_authorised", "failed", True),
        ("delivered", "ok, late", True),
        ("refund_paid", "ok, late", True),
    ]
    # the product question is not failure demand; the where-is-my-order contact is
    contacts = rows(
        con,
        """select what, friction from mart_customer_timeline
                            where customer_id = 'cA' and kind = 'contact' order by occurred_at""",
    )
    assert contacts == [("product_question", False), ("where_is_my_order", True)]


def _scans(node: dict) -> list[dict]:
    found = [node] if node.get("name") == "SEQ_SCAN" else []
    for child in node.get("children", []):
        found += _scans(child)
    return found


def test_mart_customer_timeline_filter_is_pushed_down(con):
    plan = json.loads(
        rows(
            con,
            """explain (format json)
        select * from mart_customer_timeline where customer_id = 'cA'""",
        )[0][1]
    )
    filters = {
        scan["extra_info"]["Table"].split(".")[-1]: str(scan["extra_info"].get("Filters"))
        for root in plan
        for scan in _scans(root)
    }
    for table in (
        "raw_journey_events",
        "int_contacts_attributed",
        "int_responses_attributed",
        "int_journeys",  # through the view int_journey_outcomes
        "raw_customers",
    ):
        assert "customer_id = 'cA'" in filters[table], (table, filters)
