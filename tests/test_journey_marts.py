"""Journey-flow models: given the hand-made journeys (tests/scenario_journey.py) -> the expected rows."""

from __future__ import annotations

import json
from datetime import date, timedelta
from datetime import datetime as dt

import pytest

from core.db import connect
from pipelines.incremental import incremental_key
from pipelines.runner import discover_models, refresh
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
    # visits depend only on the customer's own events; outcomes depend on the latest event of all
    assert incremental_key(models["int_stage_visits"]) == "customer_id"
    assert incremental_key(models["int_journey_outcomes"]) is None


def test_int_stage_visits_splits_runs_and_flags_rework(con):
    got = rows(
        con,
        """
        select visit_number, stage, entered_at, left_at, events, failed, is_rework, is_last_visit
        from int_stage_visits where journey_id = 'jA' order by visit_number""",
    )
    d = dt
    assert got == [
        (1, "account", d(2026, 1, 1, 10, 0), d(2026, 1, 1, 10, 0), 1, False, False, False),
        (2, "browse", d(2026, 1, 1, 10, 5), d(2026, 1, 1, 10, 10), 2, False, False, False),
        (3, "payment", d(2026, 1, 1, 10, 15), d(2026, 1, 1, 10, 15), 1, True, False, False),
        # back to browse: its stage order is lower than payment's, and browse was visited before
        (4, "browse", d(2026, 1, 1, 10, 20), d(2026, 1, 1, 10, 20), 1, False, True, False),
        (5, "payment", d(2026, 1, 1, 10, 30), d(2026, 1, 1, 10, 30), 1, False, True, False),
        (6, "picking", d(2026, 1, 2, 9, 0), d(2026, 1, 2, 10, 0), 2, False, False, False),
        (7, "delivery", d(2026, 1, 2, 12, 0), d(2026, 1, 5, 12, 0), 2, False, False, False),
        (8, "invoicing", d(2026, 1, 5, 13, 0), d(2026, 1, 5, 13, 0), 1, False, False, True),
    ]


def test_going_back_to_an_earlier_stage_is_rework_even_on_a_first_visit(con):
    assert rows(
        con,
        """
        select visit_number, stage, is_rework, next_stage, next_is_rework, is_last_visit
        from int_stage_visits where journey_id = 'jE' order by visit_number""",
    ) == [
        (1, "delivery", False, "picking", True, False),
        (2, "picking", True, None, False, True),
    ]


def test_int_stage_visits_ignores_unmapped_events_and_breaks_ties_by_file_order(con):
    assert rows(
        con,
        """
        select journey_id, visit_number, stage, events, customer_id from int_stage_visits
        where journey_id in ('jB', 'jC') order by 1, 2""",
    ) == [
        ("jB", 1, "account", 1, "cB"),
        ("jB", 2, "browse", 2, "cB"),  # product_viewed, (mystery_event), cart_updated: one visit
        ("jB", 3, "payment", 1, "cB"),
        ("jC", 1, "account", 1, "cC"),  # login listed before product_viewed at the same time
        ("jC", 2, "browse", 2, "cC"),
    ]


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
        select journey_id, from_visit, period_month, segment, from_stage, to_stage,
               round(hours, 4), is_rework
        from mart_stage_transitions order by journey_id, from_visit""",
    )
    assert got == [
        ("jA", 1, JAN, "household", "account", "browse", round(5 / 60, 4), False),
        ("jA", 2, JAN, "household", "browse", "payment", round(5 / 60, 4), False),
        ("jA", 3, JAN, "household", "payment", "browse", round(5 / 60, 4), True),
        ("jA", 4, JAN, "household", "browse", "payment", round(10 / 60, 4), True),
        ("jA", 5, JAN, "household", "payment", "picking", 22.5, False),
        ("jA", 6, JAN, "household", "picking", "delivery", 2.0, False),
        ("jA", 7, JAN, "household", "delivery", "invoicing", 1.0, False),
        ("jA", 8, JAN, "household", "invoicing", "(end)", None, False),
        ("jB", 1, JAN, "small_business", "account", "browse", round(5 / 60, 4), False),
        ("jB", 2, JAN, "small_business", "browse", "payment", round(3 / 60, 4), False),
        ("jB", 3, JAN, "small_business", "payment", "(dropped)", None, False),
        ("jC", 1, MAR, "unknown", "account", "browse", 0.0, False),
        ("jC", 2, MAR, "unknown", "browse", "(in progress)", None, False),
        ("jD", 1, MAR, "household", "browse", "payment", round(5 / 60, 4), False),
        ("jD", 2, MAR, "household", "payment", "delivery", round(23 + 55 / 60, 4), False),
        ("jD", 3, MAR, "household", "delivery", "returns", 72.0, False),
        ("jD", 4, MAR, "household", "returns", "(end)", None, False),
        ("jE", 1, FEB, "small_business", "delivery", "picking", 24.0, True),
        ("jE", 2, FEB, "small_business", "picking", "(end)", None, False),
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
        "int_journey_outcomes",
        "raw_customers",
    ):
        assert "customer_id = 'cA'" in filters[table], (table, filters)
