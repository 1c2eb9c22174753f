"""A tiny company for repeated questions: follow-ups with the same reason, a follow-up logged under
another reason that only its note ties to the first contact, a question asked again after the
window, notes whose only theme has no stage, and a tie between a reason and a theme."""

from __future__ import annotations

from datetime import datetime as dt

import pandas as pd

from tests import pipeline_scenario as ps

CUSTOMERS = [("c1", "household"), ("c2", "small_business"), ("c3", "household")]

# id, customer, opened, channel, reason, note
CONTACTS = [
    ("k1", "c1", dt(2026, 1, 10, 9, 0), "phone", "where_is_my_order", "Paketti myöhässä."),
    ("k2", "c1", dt(2026, 1, 12, 21, 0), "chat", "where_is_my_order", None),
    ("k3", "c1", dt(2026, 1, 14, 10, 0), "email", "other", "Taas: toimitus edelleen myöhässä."),
    ("k4", "c1", dt(2026, 1, 20, 9, 0), "phone", "invoice_error", "Laskussa väärä summa."),
    ("k5", "c1", dt(2026, 5, 1, 9, 0), "phone", "invoice_error", "Lasku taas väärin."),
    ("k6", "c2", dt(2026, 2, 1, 9, 0), "phone", "other", "Asia ei ratkennut."),
    ("k7", "c2", dt(2026, 2, 2, 9, 0), "phone", "other", "Asia ei ratkennut vieläkään."),
    ("k8", "c2", dt(2026, 2, 3, 9, 0), "chat", "login_problem", "Kirjautuminen ei onnistu."),
    ("k9", "c3", dt(2026, 2, 4, 9, 0), "chat", "login_problem", "Kirjautuminen ei onnistu."),
    ("k10", "c2", dt(2026, 2, 5, 9, 0), "chat", "login_problem", "Kirjautuminen ei vieläkään onnistu."),
]  # fmt: skip

# contact_id -> (topic_kind, topic, stage, owner, previous_contact_id, gap_day, period_month)
EXPECTED = {
    "k2": ("reason", "where_is_my_order", "delivery", "logistics", "k1", 3, "2026-01-01"),
    "k3": ("theme", "late_delivery", "delivery", "logistics", "k1", 5, "2026-01-01"),
    "k10": ("reason", "login_problem", "account", "digital", "k8", 2, "2026-02-01"),
}


def load(con) -> None:
    """Insert the scenario into an empty raw schema (no journeys: contacts are attributed by reason)."""
    ps.write_frames(
        con,
        {
            "raw_customers": ps.customers_frame(CUSTOMERS),
            "raw_contacts": pd.DataFrame(
                [
                    (k, "b1", c, None, o, None, ch, r, "customer_service", 0, True, None, None, None, n)
                    for k, c, o, ch, r, n in CONTACTS
                ],
                columns=[*ps.CONTACT_COLUMNS, "note"],
            ),
        },
    )
