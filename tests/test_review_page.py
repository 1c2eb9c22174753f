"""The Review page (dashboard/views/review.py), run with AppTest against the demo database: the view
a link opens, what changed (significant moves only), the evidence, the actions and whether they
worked, the next review, the register, Finnish, and a viewer without forms."""

from __future__ import annotations

import json
import re
from datetime import date, timedelta
from urllib.parse import parse_qs

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.db import connect
from dashboard import data_review
from dashboard.data_review import since_windows
from dashboard.review_changes import MOVES, scope_points
from pipelines import actions
from pipelines.action_effect import action_effect, compare_periods, data_last_day
from tests import app_pages
from tests.app_pages import copy_link_urls, frame
from tests.test_actions_ui import (  # noqa: F401 - app_db is a fixture
    EDITOR,
    VIEWER,
    app_db,
    click,
    form_titles,
    open_actions,
    open_as,
    successes,
)

pytestmark = pytest.mark.usefixtures("demo_db")  # every test reads the demo database
VERDICTS_EN = {"improved": "▲ improved", "worse": "▼ worse", "no_change": "= no measurable change"}
CHANGE = re.compile(r"[−+]?[\d,.]+( pp| €)? \([−+]?[\d,.]+ to [−+]?[\d,.]+\)")


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("review", query_params)


def texts(at: AppTest) -> str:
    return app_pages.texts(at, metrics=False)


def planted(db) -> list[dict]:
    return json.loads((db.parent / (db.name + ".truth.json")).read_text())["actions"]


def read(db, fn):
    con = connect(db)  # same settings as the app: shares its database instance
    try:
        return fn(con)
    finally:
        con.close()


def test_a_link_opens_the_function_meeting_date_and_window_it_names(demo_db):
    at = open_page({"fn": "billing", "meeting": "2026-11-02", "window": "12"})
    assert at.selectbox(key="rv_function").value == "billing"
    assert at.date_input(key="rv_meeting").value == date(2026, 11, 2)
    assert at.button_group(key="rv_window").value == 12
    page = texts(at)
    for header in (
        "Review meeting",
        "Top friction points and the evidence",
        "Actions and whether they worked",
        "Next review",
        "All actions",
        "Link to this view",
    ):
        assert header in page, header
    link = copy_link_urls(at)[-1]
    assert "fn=billing" in link and "meeting=2026-11-02" in link and "window=12" in link
    assert link.startswith("review?")
    assert dict(at.query_params)["fn"] == ["billing"] or at.query_params["fn"] == "billing"
    # the evidence: billing's friction is at invoicing, with its numbers and comments
    assert "**1. Invoicing (stage)" in page
    assert re.search(
        r"friction rate [\d.]+% · [\d.]+ contacts per 100 journeys · avoidable cost €[\d,]+", page
    )
    # comments: a table per point (cell text, never Markdown) with how many gave each; each row is
    # a same-tab link to the newest such customer (a row link, never a Markdown link or a link
    # column: those open a new tab)
    (said,) = app_pages.html_table_payloads(at, "rv_comments_")[:1]
    comments = app_pages.html_table.frame_of(said)
    assert list(comments.columns) == ["Comment", "Answers", "Newest customer"]
    assert 1 <= len(comments) <= 3 and comments["Comment"].str.startswith("“").all()
    assert comments["Answers"].str.fullmatch(r"\d[\d,]*").all()
    assert [customer_of(link) for link in said["links"]] == list(comments["Newest customer"])
    assert not [c.value for c in at.caption if "](customer?" in c.value]
    # example customers: a table per point, each row a same-tab link to the customer's timeline,
    # with when the friction first met them and what happened
    assert "Customers whose timelines show it" in page
    examples = app_pages.html_table_payloads(at, "rv_customers_")
    assert examples
    happened = r"(failed|late|SLA missed)(, (late|SLA missed))*"
    for table in examples:
        shown = app_pages.html_table.frame_of(table)
        assert list(shown.columns) == ["Customer", "First friction", "What happened"]
        assert 1 <= len(shown) <= 3 and shown["Customer"].str.fullmatch(r"C\d{7}").all()
        assert [customer_of(link) for link in table["links"]] == list(shown["Customer"])
        assert shown["First friction"].str.fullmatch(r"\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}").all()
        assert shown["What happened"].str.fullmatch(happened).all(), list(shown["What happened"])


def customer_of(link: str) -> str | None:
    """The customer a row link opens on the Customer page (None for another page)."""
    path, _, query = link.partition("?")
    return parse_qs(query)["customer"][0] if path == "customer" else None


def test_only_significant_moves_are_listed_each_with_its_ci(demo_db):
    at = open_page({"fn": "all", "meeting": "2026-11-01", "since": "2026-09-01"})
    assert "What changed since 1 Sep 2026" in texts(at)
    last = read(demo_db, data_last_day)
    before, after = since_windows(date(2026, 9, 1), date(2026, 11, 1), last)
    assert after == (date(2026, 9, 1), min(date(2026, 10, 31), last))  # up to the day before the meeting
    assert before[1] - before[0] == after[1] - after[0] and before[1] == date(2026, 8, 31)  # equal, adjacent

    def expected(con):
        stages = con.execute("select stage, owner from map_stages order by stage_order").df()
        functions = [r[0] for r in con.execute("select function_id from map_functions").fetchall()]
        count = 0
        for point in scope_points("all", stages, functions):
            comparison = compare_periods(con, point.kind, point.key, before, after)
            count += sum(m.verdict in MOVES for m in comparison.measures)
        return count

    wanted = read(demo_db, expected)
    if wanted == 0:
        assert "No significant move" in texts(at)
        return
    moves = frame(at, "Measure")
    assert len(moves) == wanted
    assert set(moves["Verdict"]) <= {VERDICTS_EN["improved"], VERDICTS_EN["worse"]}
    assert all(CHANGE.fullmatch(v) for v in moves["Change"]), list(moves["Change"])
    assert not any(re.fullmatch(r"[a-z_]+", v) for v in moves["Friction point"])  # names, not ids


def test_the_planted_actions_show_whether_they_worked(demo_db):
    meeting = date(2026, 11, 1)
    at = open_page({"fn": "all", "meeting": meeting.isoformat(), "window": "8"})
    table = frame(at, "Did it work?")
    last = read(demo_db, data_last_day)
    for truth in planted(demo_db):
        action = read(demo_db, lambda con, i=truth["action_id"]: actions.get_action(con, i))
        comparison = read(
            demo_db, lambda con, a=action: action_effect(con, a, 56, min(meeting - timedelta(days=1), last))
        )
        row = table[table["Action"] == action.title]
        assert len(row) == 1, action.title
        assert row["Did it work?"].iloc[0] == VERDICTS_EN.get(comparison.verdict, "")
        assert CHANGE.search(row["Change"].iloc[0])


def test_an_action_opened_from_the_link_shows_its_measures_and_history(demo_db):
    truth = next(a for a in planted(demo_db) if a["expected_verdict"] == "improved")
    action = read(demo_db, lambda con: actions.get_action(con, truth["action_id"]))
    at = open_page({"fn": action.owner_function, "meeting": "2026-11-01", "action": truth["action_id"]})
    assert at.selectbox(key="rv_action").value == truth["action_id"]
    (measures,) = [df for df in app_pages.tables(at) if "Measure" in df and "Friction point" not in df]
    assert list(measures["Measure"]) == [
        "NPS difference with vs without friction",
        "CSAT difference with vs without friction",
        "CES difference with vs without friction",
        "Friction rate",
        "Contacts per 100 journeys",
        "Avoidable cost per 100 journeys",
    ]
    history = frame(at, "Who")
    assert list(history["What"])[0] == "created" and "demo" in set(history["Who"])
    assert f"action={truth['action_id']}" in copy_link_urls(at)[-1]


def test_an_editor_records_the_meeting_and_it_becomes_the_previous_review(app_db):  # noqa: F811
    at = open_as(EDITOR, "review", {"fn": "billing", "meeting": "2026-10-15"})
    assert "This meeting is not recorded yet." in texts(at)
    at.date_input(key="rv_next_date").set_value(date(2026, 11, 12))
    at.button(key="rv_next_record").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("The review meeting of 15 Oct 2026 is recorded." in s.value for s in at.success)
    assert "the next review is on **12 Nov 2026**" in texts(at)
    assert read(app_db, lambda con: actions.reviews(con, "billing")) == [
        (date(2026, 10, 15), date(2026, 11, 12))
    ]
    st.cache_resource.clear()
    at = open_as(EDITOR, "review", {"fn": "billing", "meeting": "2026-11-12"})
    page = texts(at)
    assert "Previous review: 15 Oct 2026" in page and "What changed since 15 Oct 2026" in page
    assert "since=" not in copy_link_urls(at)[-1]  # the recorded review, not a chosen date


def test_the_register_filters_by_status_function_and_overdue(app_db, demo_db):  # noqa: F811
    def add(con):
        return actions.add_action(
            con,
            actor=EDITOR,
            point_kind="stage",
            point_key="delivery",
            title="Late already",
            owner_function="logistics",
            due_date=date(2026, 10, 1),
        )

    late = read(app_db, add)
    at = open_as(EDITOR, "review", {"fn": "all", "meeting": "2026-11-01"})
    register = frame(at, "ID")
    assert "Late already" in set(register["Action"])  # open and in progress by default
    assert "Open · overdue" in set(register["Status"])
    at.checkbox(key="rv_reg_overdue").check().run()
    assert list(frame(at, "ID")["ID"]) == [late.action_id]
    at.checkbox(key="rv_reg_overdue").uncheck()
    at.multiselect(key="rv_reg_status").set_value(["done"]).run()
    done = frame(at, "ID")
    assert set(done["ID"]) == {a["action_id"] for a in planted(demo_db)}
    assert set(done["Status"]) == {"Done"}


def test_the_page_in_finnish(demo_db):
    at = open_page({"fn": "all", "meeting": "2026-11-01", "lang": "fi"})
    page = texts(at)
    assert "Katselmointi" in page and "Suurimmat kitkakohdat ja näyttö" in page
    table = frame(at, "Toimiko se?")
    assert set(table["Toimiko se?"]) <= {
        "▲ parani",
        "▼ heikkeni",
        "= ei mitattavaa muutosta",
        "… ei vielä mitattavaa muutosta – liian pieni n",
    }
    assert "lang=fi" in copy_link_urls(at)[-1]


def test_a_viewer_sees_the_review_but_no_form(app_db):  # noqa: F811
    at = open_as(VIEWER, "review", {"fn": "all", "meeting": "2026-11-01"})
    assert "Actions and whether they worked" in texts(at)
    assert frame(at, "Did it work?") is not None
    assert not [
        b for b in at.button if str(b.key or "") == "rv_next_record" or str(b.key or "").endswith("_save")
    ]
    assert not [w for w in at.text_input if str(w.key or "").endswith("_title")]


def test_a_point_draws_its_action_form_only_when_opened(app_db):  # noqa: F811
    at = open_as(EDITOR, "review", {"fn": "billing", "meeting": "2026-11-01"})
    assert "**1. Invoicing (stage)" in texts(at)
    assert not form_titles(at)  # every point's actions closed: no form drawn
    assert [e.label for e in at.get("expander") if e.label.startswith("Actions:")]
    open_actions(at, "rv_point_stage_invoicing")
    assert form_titles(at) == ["rv_point_stage_invoicing_new_title"]
    at.text_input(key="rv_point_stage_invoicing_new_title").set_value("A clearer invoice layout")
    click(at, "rv_point_stage_invoicing_new_save")
    assert "Action “A clearer invoice layout” recorded." in successes(at)
    assert form_titles(at) == ["rv_point_stage_invoicing_new_1_title"]  # still open, a new empty form
    # the follow-up table is kept between runs, but not past a change of the actions
    assert "A clearer invoice layout" in set(frame(at, "Did it work?")["Action"])


def test_a_filter_change_keeps_what_changed_and_the_follow_up(demo_db, monkeypatch):
    at = open_page({"fn": "all", "meeting": "2026-11-01", "since": "2026-09-01"})
    moves, followup = frame(at, "Measure"), frame(at, "Did it work?")
    looked_up = []
    for name in ("comparison", "effect"):
        original = getattr(data_review, name)
        monkeypatch.setattr(
            data_review, name, lambda *a, _f=original, **k: looked_up.append(a) or _f(*a, **k)
        )
    segment = at.multiselect(key="flt_segments").options[0]
    at.multiselect(key="flt_segments").set_value([segment]).run()
    assert not at.exception
    assert not looked_up  # the sidebar's filters do not touch these tables: kept, not looked up again
    assert frame(at, "Measure").equals(moves) and frame(at, "Did it work?").equals(followup)
    at.button_group(key="lang").set_value("fi").run()  # another language: the kept tables are not reused
    assert "Toimiko se?" in frame(at, "Toimiko se?").columns
