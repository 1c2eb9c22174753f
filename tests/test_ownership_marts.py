"""Ownership and contact marts: given the ownership scenario rows -> the expected rows."""

from __future__ import annotations

from datetime import date
from datetime import datetime as dt

import pytest

from tests import scenario_ownership
from tests.scenario_db import refreshed, rows

JAN, FEB, MAY = date(2026, 1, 1), date(2026, 2, 1), date(2026, 5, 1)


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with refreshed(tmp_path_factory.mktemp("ownership"), scenario_ownership) as connection:
        yield connection


def test_days_since_previous_same_reason_any_channel(con):
    got = dict(rows(con, "select contact_id, days_since_previous_same_reason from int_contacts_attributed"))
    assert got == {
        "k1": None,
        "k2": 2.5,
        "k3": 0.0,
        "k4": 108.5,
        "k5": None,
        "k6": None,
        "k7": None,
        "k8": None,
    }
    repeat = dict(rows(con, "select contact_id, is_repeat from int_contacts_attributed"))
    assert [c for c, r in sorted(repeat.items()) if r] == ["k2", "k3"]  # 7-day window unchanged


def test_mart_contact_repeats_by_gap_day(con):
    assert rows(
        con,
        """select period_month, stage, owner, reason, channel, segment, gap_day, contacts
                        from mart_contact_repeats order by gap_day""",
    ) == [
        (JAN, "delivery", "logistics", "where_is_my_order", "email", "household", 0, 1),
        (JAN, "delivery", "logistics", "where_is_my_order", "chat", "household", 3, 1),
    ]  # k4 (108.5 days) and first contacts are left out


def test_repeats_within_the_journey_map_window_equal_is_repeat(con):
    window = rows(con, "select number from map_settings where key = 'repeat_contact_window_days'")[0][0]
    from_gaps = rows(con, f"select sum(contacts) from mart_contact_repeats where gap_day <= {window}")[0][0]
    assert from_gaps == rows(con, "select sum(repeat_contacts) from mart_contacts")[0][0] == 2
    two_days = "select coalesce(sum(contacts), 0) from mart_contact_repeats where gap_day <= 2"
    assert rows(con, two_days)[0][0] == 1


def test_mart_escalations_one_row_per_escalated_contact(con):
    assert rows(
        con,
        """select contact_id, period_month, escalated_to, handling_team, owner, stage, reason,
                               asked_at, answered_at, escalation_hours
                        from mart_escalations order by contact_id""",
    ) == [
        # asked/answered as the page shows them: Helsinki time, UTC+2 in winter
        (
            "k1",
            JAN,
            "logistics",
            "customer_service",
            "logistics",
            "delivery",
            "where_is_my_order",
            dt(2026, 1, 10, 12, 0),
            dt(2026, 1, 10, 18, 0),
            6.0,
        ),
        (
            "k2",
            JAN,
            "logistics",
            "customer_service",
            "logistics",
            "delivery",
            "where_is_my_order",
            dt(2026, 1, 12, 23, 30),
            None,
            None,
        ),
        (
            "k6",
            FEB,
            "digital",
            "customer_service",
            "digital",
            "account",
            "login_problem",
            dt(2026, 2, 2, 12, 0),
            dt(2026, 2, 3, 18, 0),
            30.0,
        ),
    ]


def test_mart_function_monthly(con):
    got = {
        (r[0], r[1], r[2]): r[3:]
        for r in rows(
            con,
            """
        select period_month, owner, segment, journeys_reached, journeys_with_friction, contacts_caused,
               avoidable_contacts_caused, round(avoidable_cost_eur, 2), repeat_contacts_caused,
               escalations_received, escalations_answered, escalation_hours_sum
        from mart_function_monthly""",
        )
    }
    assert got[(JAN, "logistics", "household")] == (1, 1, 3, 3, 15.6, 2, 2, 1, 6.0)
    assert got[(MAY, "logistics", "household")] == (0, 0, 1, 1, 7.2, 0, 0, 0, 0.0)
    assert got[(FEB, "digital", "small_business")] == (1, 1, 1, 1, 3.6, 0, 1, 1, 30.0)
    assert got[(FEB, "logistics", "small_business")] == (1, 0, 1, 0, 0.0, 0, 0, 0, 0.0)  # k8 by position
    assert got[(FEB, "payments", "small_business")] == (1, 0, 1, 0, 0.0, 0, 0, 0, 0.0)  # k7 by position
    assert got[(JAN, "billing", "household")] == (0, 0, 1, 1, 4.8, 0, 0, 0, 0.0)
    total = rows(con, "select sum(contacts_caused) from mart_function_monthly")[0][0]
    assert total == 8


def test_mart_caused_handled(con):
    got = rows(
        con,
        """select period_month, owner, handling_team, channel, segment, contacts,
                              avoidable_contacts, round(cost_eur, 2), transferred_contacts, transfers,
                              escalated_contacts
                       from mart_caused_handled order by period_month, owner, handling_team, channel""",
    )
    assert got == [
        (JAN, "billing", "billing", "email", "household", 1, 1, 4.8, 1, 2, 0),
        (JAN, "logistics", "customer_service", "chat", "household", 1, 1, 3.6, 0, 0, 1),
        (JAN, "logistics", "customer_service", "email", "household", 1, 1, 4.8, 0, 0, 0),
        (JAN, "logistics", "customer_service", "phone", "household", 1, 1, 7.2, 1, 1, 1),
        (FEB, "digital", "customer_service", "chat", "small_business", 1, 1, 3.6, 0, 0, 1),
        (FEB, "logistics", "unknown", "web_form", "small_business", 1, 0, 3.9, 0, 0, 0),
        (FEB, "payments", "customer_service", "phone", "small_business", 1, 0, 7.2, 0, 0, 0),
        (MAY, "logistics", "customer_service", "phone", "household", 1, 1, 7.2, 0, 0, 0),
    ]


def test_mart_contact_list_is_a_view_with_every_contact(con):
    kind = rows(
        con,
        """select table_type from information_schema.tables
                        where table_name = 'mart_contact_list'""",
    )
    assert kind == [("VIEW",)]
    got = rows(
        con,
        """select contact_id, reason, reason_mapped, stage, owner, handling_team, is_repeat
                       from mart_contact_list where customer_id = 'c2' order by contact_id""",
    )
    assert got == [
        ("k6", "login_problem", True, "account", "digital", "customer_service", False),
        ("k7", "unknown", False, "payment", "payments", "customer_service", False),
        ("k8", "mystery", False, "delivery", "logistics", "unknown", False),
    ]
