"""A tiny company for the ownership marts: repeats at known gaps, escalations, handling teams."""

from __future__ import annotations

from datetime import datetime as dt

import pandas as pd

from tests import pipeline_scenario as ps

CUSTOMERS = [("c1", "household"), ("c2", "small_business")]

EVENTS = [  # event_id, customer, journey, activity, occurred_at, outcome, promised_at
    ("e01", "c1", "j1", "login", dt(2026, 1, 2, 10, 0), "ok", None),
    ("e02", "c1", "j1", "order_placed", dt(2026, 1, 2, 10, 10), "ok", None),
    ("e03", "c1", "j1", "payment_authorised", dt(2026, 1, 2, 10, 15), "ok", None),
    ("e04", "c1", "j1", "order_packed", dt(2026, 1, 3, 10, 0), "ok", None),
    ("e05", "c1", "j1", "shipped", dt(2026, 1, 3, 12, 0), "ok", None),
    ("e06", "c1", "j1", "delivered", dt(2026, 1, 13, 12, 0), "ok", dt(2026, 1, 8, 18, 0)),  # late
    ("e11", "c2", "j2", "login", dt(2026, 2, 1, 8, 0), "failed", None),
    ("e12", "c2", "j2", "login", dt(2026, 2, 1, 8, 5), "ok", None),
    ("e13", "c2", "j2", "order_placed", dt(2026, 2, 1, 8, 30), "ok", None),
    ("e14", "c2", "j2", "payment_authorised", dt(2026, 2, 1, 8, 40), "ok", None),
    ("e15", "c2", "j2", "delivered", dt(2026, 2, 5, 9, 0), "ok", dt(2026, 2, 6, 18, 0)),
]

# id, customer, opened, channel, reason, handling team, transfers, escalated_to, asked, answered
CONTACTS = [
    (
        "k1",
        "c1",
        dt(2026, 1, 10, 9, 0),
        "phone",
        "where_is_my_order",
        "customer_service",
        1,
        "logistics",
        dt(2026, 1, 10, 10, 0),
        dt(2026, 1, 10, 16, 0),
    ),
    (
        "k2",
        "c1",
        dt(2026, 1, 12, 21, 0),
        "chat",
        "where_is_my_order",
        "customer_service",
        0,
        "logistics",
        dt(2026, 1, 12, 21, 30),
        None,
    ),  # 2.5 days after k1
    (
        "k3",
        "c1",
        dt(2026, 1, 12, 21, 0),
        "email",
        "where_is_my_order",
        "customer_service",
        0,
        None,
        None,
        None,
    ),  # same moment as k2
    (
        "k4",
        "c1",
        dt(2026, 5, 1, 9, 0),
        "phone",
        "where_is_my_order",
        "customer_service",
        0,
        None,
        None,
        None,
    ),  # 108.5 days after k3
    ("k5", "c1", dt(2026, 1, 15, 9, 0), "email", "invoice_error", "billing", 2, None, None, None),
    (
        "k6",
        "c2",
        dt(2026, 2, 2, 9, 0),
        "chat",
        "login_problem",
        "customer_service",
        0,
        "digital",
        dt(2026, 2, 2, 10, 0),
        dt(2026, 2, 3, 16, 0),
    ),  # answered in 30 h
    ("k7", "c2", dt(2026, 2, 3, 9, 0), "phone", None, "customer_service", 0, None, None, None),
    ("k8", "c2", dt(2026, 2, 10, 9, 0), "web_form", "mystery", None, 0, None, None, None),
]


def load(con) -> None:
    """Insert the scenario into an empty raw schema."""
    frames = {
        "raw_customers": ps.customers_frame(CUSTOMERS),
        "raw_journey_events": ps.events_frame(EVENTS),
        "raw_contacts": pd.DataFrame(
            [
                (k, "b1", c, None, o, None, ch, r, team, tr, False, esc, a, an)
                for k, c, o, ch, r, team, tr, esc, a, an in CONTACTS
            ],
            columns=ps.CONTACT_COLUMNS,
        ),
    }
    ps.write_frames(con, frames)
