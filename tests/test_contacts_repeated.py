"""The Contacts page's Repeated questions section, headless (AppTest) on the demo database (scale S):
its figures equal the mart under the page's filters and window, the notes show as written (never
Markdown or HTML), and a row opens its customer."""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect
from pipelines.runner import refresh
from tests import app_pages

HOSTILE_NOTE = "**Paketti** <b>myöhässä</b> [klikkaa](http://example.com) <script>alert(1)</script>"


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("contacts", query_params)


query = app_pages.query


def metric(at: AppTest, label_start: str):
    return next(m for m in at.metric if m.label.startswith(label_start))


def number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def table(at: AppTest, key: str):
    (data,) = app_pages.html_table_payloads(at, key)
    return app_pages.html_table.frame_of(data)


def mart_counts(db, months, window: int) -> tuple[int, int, float]:
    (row,) = query(
        db,
        """select sum(contacts), sum(contacts) filter (where topic_kind = 'theme'), sum(cost_eur)
           from mart_repeated_questions where period_month between ? and ? and gap_day <= ?""",
        [months[0], months[1], window],
    )
    return int(row[0] or 0), int(row[1] or 0), float(row[2] or 0)


@pytest.mark.parametrize("window", [7, 30])
def test_the_figures_are_the_marts_under_the_window(demo_db, window):
    at = open_page()
    if window != 7:
        at.slider(key="ct_repeat_window").set_value(window).run()
    count, via_note, _cost = mart_counts(demo_db, at.session_state["flt_months"], window)
    assert count > via_note > 0
    assert number(metric(at, f"Repeated questions ({window} d)").value) == count
    assert number(metric(at, "Found through notes").value) == via_note
    by_stage = table(at, "rq_stage_owner")
    assert sum(number(v) for v in by_stage["Repeated questions"]) == count
    assert sum(number(v) for v in by_stage["Through notes"]) == via_note
    assert "Delivery" in set(by_stage["Journey stage"])  # names, not ids
    topics = table(at, "rq_topics")
    assert {"Same reason", "Theme in notes"} <= set(topics["Matched by"])
    shown = set(topics["Topic asked again"])
    assert {"Late delivery", "Where is my order?"} <= shown  # a theme's and a reason's name
    assert not shown & {"late_delivery", "where_is_my_order"}  # never their ids


def test_the_examples_show_both_notes_and_open_the_customer(demo_db):
    at = open_page()
    examples = table(at, "rq_examples")
    assert len(examples) == 20
    assert examples["Note"].str.len().min() > 0 and examples["Earlier note"].str.len().min() > 0
    (payload,) = app_pages.html_table_payloads(at, "rq_examples")
    first_customer = examples["Customer"].iloc[0]
    assert f"customer={first_customer}" in payload["links"][0]


def test_a_hostile_note_is_shown_as_written(writable_db):
    (contact_id,) = query(
        writable_db,
        "select contact_id from int_repeated_questions order by opened_at desc, contact_id limit 1",
    )[0]
    con = connect(writable_db)
    try:
        con.execute("update raw_contacts set note = ? where contact_id = ?", [HOSTILE_NOTE, contact_id])
        con.execute("update raw_contacts set opened_at = opened_at + interval 1 second")
        refresh(con)
    finally:
        con.close()
    at = open_page()
    assert HOSTILE_NOTE in set(table(at, "rq_examples")["Note"])
    page = app_pages.texts(at)
    assert "<script>" not in page and "klikkaa" not in page


def test_a_database_missing_the_repeated_questions_marts_gets_them_at_start_up(writable_db):
    con = connect(writable_db)
    try:
        con.execute("drop table mart_repeated_questions")  # e.g. dropped by hand
    finally:
        con.close()
    at = open_page()  # the start-up's refresh is full when a model's table is missing
    assert "have not been computed" not in app_pages.texts(at)
    assert query(writable_db, "select count(*) from mart_repeated_questions")[0][0] > 0


def test_without_the_repeated_questions_marts_the_section_says_so(writable_db, monkeypatch):
    # only when the start-up could not build them (above: it does); the rest of the page stands
    from dashboard import data_contacts

    monkeypatch.setattr(data_contacts, "repeated_questions_available", lambda *args: False)
    at = open_page()
    assert "have not been computed" in app_pages.texts(at)
    assert "Why customers contact us" in app_pages.texts(at)
