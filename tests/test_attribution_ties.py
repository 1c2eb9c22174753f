"""Responses and contacts are attached the same way every refresh, even when timestamps tie.

A response (or contact) without a journey goes to the customer's latest journey started by then;
two journeys started at the same moment: the larger journey_id. Its stage is the one the journey
entered last by then; two stages entered at the same moment: the later one in journey order.
"""

from __future__ import annotations

from datetime import datetime as dt

import pandas as pd

from core.db import connect
from pipelines.runner import refresh
from tests.pipeline_scenario import (
    CONTACT_COLUMNS,
    RESPONSE_COLUMNS,
    customers_frame,
    events_frame,
    write_frames,
)

T0 = dt(2026, 3, 2, 9, 0)
EVENTS = [  # two journeys of c1 start together; in jB, browse and payment are entered together
    ("a1", "c1", "jA", "login", T0, "ok", None),
    ("b1", "c1", "jB", "product_viewed", T0, "ok", None),
    ("b2", "c1", "jB", "payment_authorised", T0, "ok", None),
    ("b3", "c1", "jB", "order_picked", dt(2026, 3, 5, 9, 0), "ok", None),
]


def test_ties_are_broken_by_journey_id_then_stage_order(tmp_path):
    con = connect(tmp_path / "ties.duckdb")
    write_frames(
        con,
        {
            "raw_customers": customers_frame([("c1", "household")]),
            "raw_journey_events": events_frame(EVENTS),
            "raw_survey_responses": pd.DataFrame(
                [
                    (
                        "r1",
                        "b1",
                        "s",
                        "nps",
                        7,
                        0,
                        10,
                        "c1",
                        None,
                        None,
                        "email",
                        dt(2026, 3, 3),
                        None,
                        None,
                        "en",
                    ),
                    (
                        "r2",
                        "b1",
                        "s",
                        "nps",
                        7,
                        0,
                        10,
                        "c1",
                        "jA",
                        None,
                        "email",
                        dt(2026, 3, 3),
                        None,
                        None,
                        "en",
                    ),
                    (
                        "r3",
                        "b1",
                        "s",
                        "nps",
                        7,
                        0,
                        10,
                        "c1",
                        None,
                        None,
                        "email",
                        dt(2026, 3, 1),
                        None,
                        None,
                        "en",
                    ),
                ],
                columns=RESPONSE_COLUMNS,
            ),
            "raw_contacts": pd.DataFrame(
                [
                    (
                        "k1",
                        "b1",
                        "c1",
                        None,
                        dt(2026, 3, 3),
                        None,
                        "phone",
                        "other",
                        None,
                        0,
                        True,
                        None,
                        None,
                        None,
                    )
                ],
                columns=CONTACT_COLUMNS,
            ),
        },
    )
    refresh(con)
    responses = {
        r[0]: r[1:]
        for r in con.execute(
            "select response_id, journey_id, attachment, stage from int_responses_attributed"
        ).fetchall()
    }
    assert responses == {
        "r1": ("jB", "under_way", "payment"),  # jA and jB started together; browse and payment too
        "r2": ("jA", "given", "account"),
        "r3": (None, "none", "unattached"),  # before any journey
    }
    contacts = con.execute(
        "select journey_id, journey_inferred, stage, attribution from int_contacts_attributed"
    ).fetchall()
    assert contacts == [("jB", True, "payment", "journey_position")]
    con.close()
