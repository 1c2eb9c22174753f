"""Deadlines dated when they pass, on the walkthrough shop's map (delivery starts only when the
parcel is delivered, and the estimated delivery date rides on every order row): given rows ->
expected rows for stages, exposure, positions, and ties in time."""

from __future__ import annotations

from datetime import datetime as dt

import pandas as pd
import pytest

from core.db import connect
from pipelines.runner import refresh
from tests import pipeline_scenario as ps
from tests.conftest import ROOT

SHOP_MAP = ROOT / "data" / "examples" / "shop_journey_map.yaml"
PROMISE = dt(2026, 3, 5, 3, 0)  # Thu 5 March 00:00 in São Paulo (UTC-3), stored as UTC

EVENTS = [  # event_id, customer, order, activity, occurred_at (UTC), outcome, promised_at
    # o1: delivered a day after the promise
    ("e11", "c1", "o1", "purchase", dt(2026, 3, 2, 13, 0), "ok", PROMISE),
    ("e12", "c1", "o1", "approved", dt(2026, 3, 2, 13, 5), "ok", PROMISE),
    ("e13", "c1", "o1", "handed_to_carrier", dt(2026, 3, 3, 12, 0), "ok", PROMISE),
    ("e14", "c1", "o1", "delivered", dt(2026, 3, 6, 15, 0), "ok", PROMISE),
    # o2: shipped, never delivered
    ("e21", "c2", "o2", "purchase", dt(2026, 3, 2, 13, 0), "ok", PROMISE),
    ("e22", "c2", "o2", "approved", dt(2026, 3, 2, 14, 0), "ok", PROMISE),
    ("e23", "c2", "o2", "handed_to_carrier", dt(2026, 3, 3, 12, 0), "ok", PROMISE),
    # o3: approved in the purchase's second; the file lists the purchase first although the
    # event ids sort the other way
    ("e39", "c3", "o3", "purchase", dt(2026, 3, 2, 13, 0), "ok", PROMISE),
    ("e31", "c3", "o3", "approved", dt(2026, 3, 2, 13, 0), "ok", PROMISE),
    ("e32", "c3", "o3", "handed_to_carrier", dt(2026, 3, 3, 9, 0), "ok", PROMISE),
    ("e33", "c3", "o3", "delivered", dt(2026, 3, 4, 18, 0), "ok", PROMISE),
    # o4: approved, never handed to the carrier (48 h SLA passes on Wed 4 March 13:00)
    ("e41", "c4", "o4", "purchase", dt(2026, 3, 2, 13, 0), "ok", PROMISE),
    ("e42", "c4", "o4", "approved", dt(2026, 3, 2, 13, 0), "ok", PROMISE),
    # o5: promised after the end of the data, not delivered yet
    ("e51", "c5", "o5", "purchase", dt(2026, 3, 6, 13, 0), "ok", dt(2026, 3, 12, 3, 0)),
    ("e52", "c5", "o5", "approved", dt(2026, 3, 6, 13, 30), "ok", dt(2026, 3, 12, 3, 0)),
    ("e53", "c5", "o5", "handed_to_carrier", dt(2026, 3, 7, 10, 0), "ok", dt(2026, 3, 12, 3, 0)),
]
RESPONSES = [  # id, metric, score, min, max, customer, order, channel, responded_at
    ("r1", "csat", 1, 1, 5, "c1", "o1", "web", dt(2026, 3, 5, 23, 0)),  # waiting, after the promise
    ("r2", "csat", 4, 1, 5, "c1", "o1", "web", dt(2026, 3, 4, 15, 0)),  # before the promise
    ("r3", "csat", 1, 1, 5, "c2", "o2", "web", dt(2026, 3, 6, 12, 0)),  # never delivered
    ("r4", "csat", 5, 1, 5, "c3", "o3", "web", dt(2026, 3, 5, 12, 0)),  # delivered on time
]
CONTACTS = [  # a call about o2 without a reason, while it is overdue
    (
        "k1",
        "b1",
        "c2",
        None,
        dt(2026, 3, 6, 9, 0),
        None,
        "phone",
        None,
        "customer_service",
        0,
        True,
        None,
        None,
        None,
    )
]


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = connect(tmp_path_factory.mktemp("deadlines") / "d.duckdb")
    ps.write_frames(
        connection,
        {
            "raw_customers": ps.customers_frame([(f"c{i}", "household") for i in range(1, 6)]),
            "raw_journey_events": ps.events_frame(EVENTS),
            "raw_survey_responses": pd.DataFrame(
                [
                    (r, "b1", "s", m, float(s), lo, hi, c, j, None, ch, t, None, None, "en")
                    for r, m, s, lo, hi, c, j, ch, t in RESPONSES
                ],
                columns=ps.RESPONSE_COLUMNS,
            ),
            "raw_contacts": pd.DataFrame(CONTACTS, columns=ps.CONTACT_COLUMNS),
        },
    )
    refresh(connection, SHOP_MAP)
    yield connection
    connection.close()


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def test_delivery_is_late_from_the_promise_reached_or_not(con):
    assert rows(
        con,
        """
        select journey_id, reached, done_at, late, first_friction_at, open_deadline_at
        from int_journey_stages where stage = 'delivery' order by 1""",
    ) == [
        ("o1", True, dt(2026, 3, 6, 15, 0), True, PROMISE, None),  # done late
        ("o2", False, None, True, PROMISE, None),  # never delivered
        ("o3", True, dt(2026, 3, 4, 18, 0), False, None, None),  # on time
        ("o4", False, None, True, PROMISE, None),  # never even shipped
        ("o5", False, None, False, None, dt(2026, 3, 12, 3, 0)),  # deadline after the data
    ]


def test_a_missed_sla_of_a_stage_never_reached_counts_from_the_deadline(con):
    assert rows(
        con,
        """
        select journey_id, reached, sla_breached, first_friction_at
        from int_journey_stages where stage = 'fulfilment' and not reached""",
    ) == [("o4", False, True, dt(2026, 3, 4, 13, 0))]


def test_an_answer_while_waiting_is_with_friction_and_positioned_at_the_overdue_stage(con):
    exposure = {
        (r, s): f
        for r, s, f in rows(
            con,
            """
        select response_id, stage, had_friction from int_response_stage_exposure""",
        )
    }
    assert exposure[("r1", "delivery")] is True  # answered after the promise, before delivery
    assert ("r2", "delivery") not in exposure  # before the promise: delivery not yet due
    assert exposure[("r3", "delivery")] is True  # never delivered
    assert exposure[("r4", "delivery")] is False  # delivered on time
    stages = dict(rows(con, "select response_id, stage from int_responses_attributed"))
    assert stages == {"r1": "delivery", "r2": "fulfilment", "r3": "delivery", "r4": "delivery"}
    assert rows(con, "select stage, attribution from int_contacts_attributed") == [
        ("delivery", "journey_position")
    ]


def test_the_friction_table_counts_the_waiting_customers(con):
    # reach: o1, o3 reached delivery; o2, o4 are overdue for it; o5's promise has not passed
    assert rows(
        con,
        """select reach, n_with, n_without, late_rate from mart_friction
                        where dimension = 'stage' and key = 'delivery'""",
    ) == [(4, 2, 1, 3 / 4)]


def test_events_in_the_same_second_keep_file_order(con):
    assert rows(
        con,
        """select visit_number, stage from int_stage_visits where journey_id = 'o3'
                        order by visit_number""",
    ) == [(1, "order"), (2, "payment"), (3, "fulfilment"), (4, "delivery")]
    assert rows(
        con,
        """select what from mart_customer_timeline where customer_id = 'c3'
                        and kind = 'event' order by occurred_at, sequence""",
    ) == [("purchase",), ("approved",), ("handed_to_carrier",), ("delivered",)]


def test_files_loaded_separately_order_ties_by_the_journey_map(tmp_path):
    """The payment system's file (loaded first) and the order system's file both log o9 at the
    same second: across files the journey map's stage order decides, not the load order."""
    con = connect(tmp_path / "ties.duckdb")
    try:
        at = dt(2026, 3, 2, 13, 0)
        ps.write_frames(
            con,
            {
                "raw_customers": ps.customers_frame([("c9", "household")]),
                "raw_journey_events": pd.concat(
                    [
                        ps.events_frame([("p1", "c9", "o9", "approved", at, "ok", None)], batch_id="a-pay"),
                        ps.events_frame(
                            [
                                ("o1", "c9", "o9", "purchase", at, "ok", None),
                                ("o2", "c9", "o9", "handed_to_carrier", dt(2026, 3, 3), "ok", None),
                            ],
                            batch_id="b-orders",
                        ),
                    ]
                ),
            },
        )
        refresh(con, SHOP_MAP)
        assert rows(con, "select stage from int_stage_visits order by visit_number") == [
            ("order",),
            ("payment",),
            ("fulfilment",),
        ]
    finally:
        con.close()
