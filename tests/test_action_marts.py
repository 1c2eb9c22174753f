"""The day-grain marts of "did it work?": given a hand-made company -> the expected rows.

Warehouse owns two stages (picking, returns): a function counts a journey once, on the day the
first of its stages concerned it, with friction if any of them had it. Days are the company's
(Europe/Helsinki, UTC+2 in January): an event at 22:30 UTC falls on the next local day.
"""

from __future__ import annotations

from datetime import date
from datetime import datetime as dt

import pandas as pd
import pytest

from tests import pipeline_scenario as ps
from tests.scenario_db import refreshed, rows

JAN = date(2026, 1, 1)
D = {n: date(2026, 1, n) for n in range(1, 32)}

EVENTS = [  # event_id, customer, journey, activity, occurred_at, outcome, promised_at
    ("e01", "c1", "j1", "login", dt(2026, 1, 5, 10, 0), "ok", None),
    ("e02", "c1", "j1", "order_placed", dt(2026, 1, 5, 10, 10), "ok", None),
    ("e03", "c1", "j1", "payment_authorised", dt(2026, 1, 5, 10, 15), "ok", None),
    ("e04", "c1", "j1", "order_packed", dt(2026, 1, 6, 10, 0), "failed", None),  # picking friction
    ("e05", "c1", "j1", "shipped", dt(2026, 1, 6, 12, 0), "ok", dt(2026, 1, 9, 18, 0)),
    ("e06", "c1", "j1", "delivered", dt(2026, 1, 8, 12, 0), "ok", dt(2026, 1, 9, 18, 0)),
    ("e07", "c1", "j1", "return_requested", dt(2026, 1, 10, 21, 30), "ok", None),  # local Jan 10 23:30
    ("e08", "c1", "j1", "return_received", dt(2026, 1, 12, 9, 0), "ok", None),
    ("e09", "c1", "j1", "refund_paid", dt(2026, 1, 13, 9, 0), "ok", dt(2026, 1, 20, 18, 0)),
    ("e11", "c2", "j2", "login", dt(2026, 1, 5, 22, 30), "ok", None),  # local Jan 6 00:30
    ("e12", "c2", "j2", "order_placed", dt(2026, 1, 5, 22, 35), "ok", None),
    ("e13", "c2", "j2", "payment_authorised", dt(2026, 1, 5, 22, 40), "ok", None),
    ("e14", "c2", "j2", "order_packed", dt(2026, 1, 6, 9, 0), "ok", None),
    ("e15", "c2", "j2", "shipped", dt(2026, 1, 6, 11, 0), "ok", None),
    ("e16", "c2", "j2", "delivered", dt(2026, 1, 9, 11, 0), "ok", None),
]
CONTACTS = [  # id, customer, opened (UTC), channel, reason
    ("k1", "c1", dt(2026, 1, 6, 21, 0), "phone", "wrong_item"),  # local Jan 6 23:00, 7.20 €
    ("k2", "c1", dt(2026, 1, 7, 8, 0), "email", "wrong_item"),  # the same customer again, 4.80 €
    ("k3", "c2", dt(2026, 1, 6, 22, 30), "chat", "product_question"),  # local Jan 7, not avoidable
]
RESPONSES = [  # id, score, customer, journey, responded_at (UTC)
    ("r1", 3, "c1", "j1", dt(2026, 1, 7, 12, 0)),  # after the packing failure: with friction
    ("r2", 9, "c2", "j2", dt(2026, 1, 9, 22, 30)),  # local Jan 10, without
]


class Scenario:
    @staticmethod
    def load(con) -> None:
        ps.write_frames(
            con,
            {
                "raw_customers": ps.customers_frame([("c1", "household"), ("c2", "household")]),
                "raw_journey_events": ps.events_frame(EVENTS),
                "raw_contacts": pd.DataFrame(
                    [
                        (k, "b1", c, None, o, None, ch, r, "customer_service", 0, True, None, None, None)
                        for k, c, o, ch, r in CONTACTS
                    ],
                    columns=ps.CONTACT_COLUMNS,
                ),
                "raw_survey_responses": pd.DataFrame(
                    [
                        (r, "b1", "s", "nps", float(s), 0, 10, c, j, None, "email", t, None, None, "fi")
                        for r, s, c, j, t in RESPONSES
                    ],
                    columns=ps.RESPONSE_COLUMNS,
                ),
            },
        )


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with refreshed(tmp_path_factory.mktemp("action_marts"), Scenario) as connection:
        yield connection


def test_journeys_by_the_local_day_the_point_concerned_them(con):
    got = rows(
        con,
        """select dimension, key, period_month, day, reached, with_friction
           from mart_point_daily_operations
           where key in ('account', 'picking', 'returns', 'warehouse') and reached > 0
           order by dimension, key, day""",
    )
    assert got == [
        ("owner", "warehouse", JAN, D[6], 2, 1),  # j1 once (picking and returns), with friction
        ("stage", "account", JAN, D[5], 1, 0),
        ("stage", "account", JAN, D[6], 1, 0),  # j2 logged in at 00:30 local time
        ("stage", "picking", JAN, D[6], 2, 1),
        ("stage", "returns", JAN, D[10], 1, 0),  # 23:30 local, still Jan 10
    ]


def test_contacts_and_avoidable_cost_by_local_day_with_customer_clusters(con):
    got = rows(
        con,
        """select dimension, key, day, contacts, contacts_sq, avoidable_contacts,
                  round(avoidable_cost_eur, 2), round(avoidable_cost_sq, 2)
           from mart_point_daily_operations
           where contacts > 0 order by dimension, key, day""",
    )
    assert got == [
        ("owner", "sales", D[7], 1, 1, 0, 0.0, 0.0),
        ("owner", "warehouse", D[6], 1, 2, 1, 7.2, 86.4),  # 7.20 x (7.20 + 4.80)
        ("owner", "warehouse", D[7], 1, 2, 1, 4.8, 57.6),
        ("stage", "browse", D[7], 1, 1, 0, 0.0, 0.0),
        ("stage", "picking", D[6], 1, 2, 1, 7.2, 86.4),
        ("stage", "picking", D[7], 1, 2, 1, 4.8, 57.6),
    ]
    # summed over the window, the squares are the customer's totals squared: 2^2 and 12.00^2
    assert rows(
        con,
        """select sum(contacts_sq), round(sum(avoidable_cost_sq), 2) from mart_point_daily_operations
           where dimension = 'stage' and key = 'picking'""",
    ) == [(4, 144.0)]


def test_scores_with_and_without_by_the_local_answer_day(con):
    got = rows(
        con,
        """select dimension, key, metric, period_month, day, n_with, pos_with, neg_with, sum_with,
                  n_without, pos_without, neg_without, sum_without
           from mart_point_daily_scores
           where key in ('picking', 'returns', 'warehouse') order by dimension, key, day""",
    )
    assert got == [
        ("owner", "warehouse", "nps", JAN, D[7], 1, 0, 1, 3.0, 0, 0, 0, 0.0),
        ("owner", "warehouse", "nps", JAN, D[10], 0, 0, 0, 0.0, 1, 1, 0, 9.0),
        ("stage", "picking", "nps", JAN, D[7], 1, 0, 1, 3.0, 0, 0, 0, 0.0),
        ("stage", "picking", "nps", JAN, D[10], 0, 0, 0, 0.0, 1, 1, 0, 9.0),
    ]  # returns: r1 was answered before the return, so it is not about returns


def test_day_marts_add_up_to_the_month_marts(con):
    """Summed over days, the day marts give the month marts' counts (same definitions)."""
    days = rows(
        con,
        """select dimension, key, sum(reached), sum(with_friction), sum(contacts),
                  round(sum(avoidable_cost_eur), 2)
           from mart_point_daily_operations group by all order by all""",
    )
    months = rows(
        con,
        """select dimension, key, sum(reached), sum(with_friction), sum(contacts),
                  round(sum(avoidable_cost_eur), 2)
           from mart_friction_operations where reached > 0 or contacts > 0 group by all order by all""",
    )
    assert days == months
    score_days = rows(
        con,
        """select dimension, key, metric, sum(n_with), sum(sum_with), sum(n_without), sum(sum_without)
           from mart_point_daily_scores group by all order by all""",
    )
    score_months = rows(
        con,
        """select dimension, key, metric, sum(n_with), sum(sum_with), sum(n_without), sum(sum_without)
           from mart_friction_cells group by all order by all""",
    )
    assert score_days == score_months
