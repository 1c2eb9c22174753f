"""A hand-made company for the journey-flow models: a rework loop, a drop-off, a journey
still under way, a journey completed by a return, a journey that goes back to an earlier
stage, an unmapped activity and a timestamp tie."""

from __future__ import annotations

from datetime import datetime as dt

import pandas as pd

from tests import pipeline_scenario as ps

CUSTOMERS = [("cA", "household"), ("cB", "small_business"), ("cC", None), ("cD", "small_business")]

EVENTS = [  # event_id, customer, journey, activity, occurred_at, outcome, promised_at
    # jA: payment fails, the customer goes back to the cart and pays again (rework), delivery is late
    ("a01", "cA", "jA", "login", dt(2026, 1, 1, 10, 0), "ok", None),
    ("a02", "cA", "jA", "product_viewed", dt(2026, 1, 1, 10, 5), "ok", None),
    ("a03", "cA", "jA", "order_placed", dt(2026, 1, 1, 10, 10), "ok", None),
    ("a04", "cA", "jA", "payment_authorised", dt(2026, 1, 1, 10, 15), "failed", None),
    ("a05", "cA", "jA", "cart_updated", dt(2026, 1, 1, 10, 20), "ok", None),
    ("a06", "cA", "jA", "payment_authorised", dt(2026, 1, 1, 10, 30), "ok", None),
    ("a07", "cA", "jA", "order_picked", dt(2026, 1, 2, 9, 0), "ok", None),
    ("a08", "cA", "jA", "order_packed", dt(2026, 1, 2, 10, 0), "ok", None),
    ("a09", "cA", "jA", "shipped", dt(2026, 1, 2, 12, 0), "ok", None),
    ("a10", "cA", "jA", "delivered", dt(2026, 1, 5, 12, 0), "ok", dt(2026, 1, 4, 18, 0)),
    ("a11", "cA", "jA", "invoice_sent", dt(2026, 1, 5, 13, 0), "ok", None),
    # jB: an unmapped activity inside the browse visit; payment fails and nothing follows (dropped)
    ("b01", "cB", "jB", "login", dt(2026, 1, 10, 8, 0), "ok", None),
    ("b02", "cB", "jB", "product_viewed", dt(2026, 1, 10, 8, 5), "ok", None),
    ("b03", "cB", "jB", "mystery_event", dt(2026, 1, 10, 8, 6), "ok", None),
    ("b04", "cB", "jB", "cart_updated", dt(2026, 1, 10, 8, 7), "ok", None),
    ("b05", "cB", "jB", "payment_authorised", dt(2026, 1, 10, 8, 10), "failed", None),
    # jC: started 19 days before the latest event (within in_progress_days = 30): under way.
    # c02 and c01 share a timestamp: the file's order decides (login, then product_viewed),
    # not the event ids, which sort the other way
    ("c02", "cC", "jC", "login", dt(2026, 3, 1, 9, 0), "ok", None),
    ("c01", "cC", "jC", "product_viewed", dt(2026, 3, 1, 9, 0), "ok", None),
    ("c03", "cC", "jC", "order_placed", dt(2026, 3, 1, 9, 30), "ok", None),
    # jE: starts at delivery and goes back to picking: the second visit is rework although
    # picking was never visited before (its stage order is lower than delivery's)
    ("e01", "cD", "jE", "shipped", dt(2026, 2, 1, 12, 0), "ok", None),
    ("e02", "cD", "jE", "order_packed", dt(2026, 2, 2, 12, 0), "ok", None),
    # jD: cA's second journey, completed by a return whose refund is late; the latest event
    ("d01", "cA", "jD", "order_placed", dt(2026, 3, 10, 10, 0), "ok", None),
    ("d02", "cA", "jD", "payment_authorised", dt(2026, 3, 10, 10, 5), "ok", None),
    ("d03", "cA", "jD", "shipped", dt(2026, 3, 11, 10, 0), "ok", None),
    ("d04", "cA", "jD", "delivered", dt(2026, 3, 12, 10, 0), "ok", dt(2026, 3, 13, 18, 0)),
    ("d05", "cA", "jD", "return_requested", dt(2026, 3, 15, 10, 0), "ok", None),
    ("d06", "cA", "jD", "refund_paid", dt(2026, 3, 20, 10, 0), "ok", dt(2026, 3, 19, 20, 0)),
]

CONTACTS = [  # id, customer, journey, opened_at, channel, reason, handling team
    ("k1", "cA", None, dt(2026, 1, 4, 20, 0), "phone", "where_is_my_order", "customer_service"),
    ("k2", "cB", None, dt(2026, 1, 10, 8, 12), "email", "payment_failed", "customer_service"),
    ("k3", "cA", "jA", dt(2026, 1, 1, 10, 17), "chat", "product_question", "sales_desk"),
]

RESPONSES = [  # id, metric, score, min, max, customer, journey, channel, responded_at, comment
    ("r1", "nps", 3, 0, 10, "cA", "jA", "email", dt(2026, 1, 6, 12, 0), "Parcel came a day late"),
    ("r2", "csat", 2, 1, 5, "cB", None, "web", dt(2026, 1, 11, 9, 0), "Payment kept failing"),
    ("r3", "nps", 9, 0, 10, "cC", None, "chat", dt(2026, 3, 1, 9, 10), None),
]


def load(con) -> None:
    """Insert the scenario into an empty raw schema."""
    frames = {
        "raw_customers": ps.customers_frame(CUSTOMERS),
        "raw_journey_events": ps.events_frame(EVENTS),
        "raw_contacts": pd.DataFrame(
            [
                (k, "b1", c, j, o, None, ch, r, team, 0, True, None, None, None)
                for k, c, j, o, ch, r, team in CONTACTS
            ],
            columns=ps.CONTACT_COLUMNS,
        ),
        "raw_survey_responses": pd.DataFrame(
            [
                (r, "b1", "s", m, float(s), lo, hi, c, j, None, ch, t, text, None, "en")
                for r, m, s, lo, hi, c, j, ch, t, text in RESPONSES
            ],
            columns=ps.RESPONSE_COLUMNS,
        ),
    }
    ps.write_frames(con, frames)
