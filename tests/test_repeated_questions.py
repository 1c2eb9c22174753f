"""Repeated questions (int_repeated_questions, mart_repeated_questions, mart_repeated_question_list)
on given contacts: same reason, a follow-up only its note ties to the first contact, the 90-day
limit, themes without a stage, and a reason/theme tie."""

import pytest

from tests import scenario_repeats as sc
from tests.scenario_db import refreshed, rows


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    with refreshed(tmp_path_factory.mktemp("repeats"), sc) as con:
        yield con


def test_each_repeated_question_names_its_topic_and_the_earlier_contact(con):
    got = {
        r[0]: r[1:]
        for r in rows(
            con,
            """select contact_id, topic_kind, topic, stage, owner, previous_contact_id, gap_day,
                      period_month::varchar
               from int_repeated_questions""",
        )
    }
    assert got == sc.EXPECTED


def test_the_mart_sums_contacts_and_cost_per_gap_day(con):
    got = rows(
        con,
        """select period_month::varchar, stage, owner, topic_kind, topic, channel, gap_day, contacts,
                  round(cost_eur, 2)
           from mart_repeated_questions order by period_month, topic""",
    )
    assert got == [
        ("2026-01-01", "delivery", "logistics", "theme", "late_delivery", "email", 5, 1, 4.8),
        ("2026-01-01", "delivery", "logistics", "reason", "where_is_my_order", "chat", 3, 1, 3.6),
        ("2026-02-01", "account", "digital", "reason", "login_problem", "chat", 2, 1, 3.6),
    ]


def test_the_list_shows_both_notes(con):
    got = rows(
        con,
        """select contact_id, previous_contact_id, previous_reason, note, previous_note
           from mart_repeated_question_list where contact_id = 'k3'""",
    )
    assert got == [("k3", "k1", "where_is_my_order", sc.CONTACTS[2][5], sc.CONTACTS[0][5])]
