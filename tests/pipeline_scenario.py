"""A tiny hand-made company for given-rows -> expected-rows model tests."""

from __future__ import annotations

from datetime import datetime as dt

import pandas as pd

CUSTOMERS = [("c1", "household"), ("c2", "small_business"), ("c3", None)]

EVENTS = [  # event_id, customer, journey, activity, occurred_at, outcome, promised_at
    ("e01", "c1", "j1", "login", dt(2026, 1, 1, 10, 0), "ok", None),
    ("e02", "c1", "j1", "order_placed", dt(2026, 1, 1, 10, 10), "ok", None),
    ("e03", "c1", "j1", "payment_authorised", dt(2026, 1, 1, 10, 15), "ok", None),
    ("e04", "c1", "j1", "order_picked", dt(2026, 1, 2, 9, 0), "ok", None),
    ("e05", "c1", "j1", "order_packed", dt(2026, 1, 2, 10, 0), "ok", None),
    ("e06", "c1", "j1", "shipped", dt(2026, 1, 2, 12, 0), "ok", None),
    ("e07", "c1", "j1", "delivered", dt(2026, 1, 5, 12, 0), "ok", dt(2026, 1, 4, 18, 0)),
    ("e11", "c2", "j2", "login", dt(2026, 1, 3, 8, 0), "failed", None),
    ("e12", "c2", "j2", "login", dt(2026, 1, 3, 8, 1), "ok", None),
    ("e13", "c2", "j2", "order_placed", dt(2026, 1, 3, 8, 30), "ok", None),
    ("e14", "c2", "j2", "payment_authorised", dt(2026, 1, 3, 8, 40), "ok", None),
    ("e15", "c2", "j2", "order_packed", dt(2026, 1, 7, 12, 0), "ok", None),
    ("e16", "c2", "j2", "delivered", dt(2026, 1, 8, 9, 0), "ok", dt(2026, 1, 8, 18, 0)),
    ("e17", "c2", "j2", "mystery_event", dt(2026, 1, 8, 10, 0), "ok", None),
]

CONTACTS = [  # id, customer, journey, opened, channel, reason, transfers, resolved, esc_to, asked, answered
    (
        "k1",
        "c1",
        None,
        dt(2026, 1, 4, 20, 0),
        "phone",
        "where_is_my_order",
        1,
        False,
        "logistics",
        dt(2026, 1, 4, 21, 0),
        dt(2026, 1, 5, 9, 0),
    ),
    ("k2", "c1", None, dt(2026, 1, 6, 9, 0), "chat", "where_is_my_order", 0, True, None, None, None),
    ("k3", "c2", None, dt(2026, 1, 3, 8, 35), "email", None, 0, True, None, None, None),
    ("k4", "c2", "j2", dt(2026, 1, 9, 9, 0), "Social", "complaint", 2, True, None, None, None),
]

RESPONSES = [  # id, metric, score, min, max, customer, journey, channel, responded_at
    ("r1", "nps", 3, 0, 10, "c1", "j1", "email", dt(2026, 1, 6, 12, 0)),
    ("r2", "nps", 10, 0, 10, "c2", None, "email", dt(2026, 1, 9, 12, 0)),
    ("r3", "csat", 4, 1, 5, "c1", None, "chat", dt(2026, 1, 4, 21, 0)),
    ("r4", "nps", 4, 1, 5, "c1", "j1", "email", dt(2026, 1, 6, 12, 0)),
    ("r5", "ces", 6, 1, 7, "c3", None, None, dt(2026, 2, 1, 12, 0)),
]

EVENT_COLUMNS = [
    "event_id",
    "batch_id",
    "customer_id",
    "journey_id",
    "activity",
    "occurred_at",
    "outcome",
    "promised_at",
    "source_row",
]
CONTACT_COLUMNS = [
    "contact_id",
    "batch_id",
    "customer_id",
    "journey_id",
    "opened_at",
    "closed_at",
    "channel",
    "reason",
    "handling_team",
    "transfers",
    "resolved",
    "escalated_to",
    "escalation_asked_at",
    "escalation_answered_at",
]
RESPONSE_COLUMNS = [
    "response_id",
    "batch_id",
    "survey",
    "metric",
    "score",
    "scale_min",
    "scale_max",
    "customer_id",
    "journey_id",
    "touchpoint",
    "channel",
    "responded_at",
    "comment",
    "segment",
    "language",
]


def customers_frame(customers) -> pd.DataFrame:
    """(customer_id, segment) pairs as raw_customers rows of batch b1."""
    return pd.DataFrame(
        [(c, "b1", s, None, None) for c, s in customers],
        columns=["customer_id", "batch_id", "segment", "region", "tier"],
    )


def events_frame(events, batch_id: str = "b1") -> pd.DataFrame:
    """(event_id, customer, journey, activity, occurred_at, outcome, promised_at) rows of one
    batch, numbered in list order as a loaded file's rows are (source_row)."""
    return pd.DataFrame(
        [(e, batch_id, c, j, a, t, o, p, i) for i, (e, c, j, a, t, o, p) in enumerate(events, start=1)],
        columns=EVENT_COLUMNS,
    )


def write_frames(con, frames: dict[str, pd.DataFrame]) -> None:
    """Insert each frame into the raw table of that name."""
    for table, frame in frames.items():
        con.register("scenario_frame", frame)
        con.execute(f"insert into {table} by name select * from scenario_frame")
        con.unregister("scenario_frame")


def load(con) -> None:
    """Insert the scenario into an empty raw schema."""
    frames = {
        "raw_customers": customers_frame(CUSTOMERS),
        "raw_journey_events": events_frame(EVENTS),
        "raw_contacts": pd.DataFrame(
            [
                (k, "b1", c, j, o, None, ch, r, "customer_service", tr, res, esc, a, an)
                for k, c, j, o, ch, r, tr, res, esc, a, an in CONTACTS
            ],
            columns=CONTACT_COLUMNS,
        ),
        "raw_survey_responses": pd.DataFrame(
            [
                (r, "b1", "s", m, float(s), lo, hi, c, j, None, ch, t, None, None, "fi")
                for r, m, s, lo, hi, c, j, ch, t in RESPONSES
            ],
            columns=RESPONSE_COLUMNS,
        ),
    }
    write_frames(con, frames)
