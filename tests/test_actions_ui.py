"""The action forms (dashboard/actions_ui.py) on the Functions page and the Journey drill-down, run
with AppTest as an editor and as a viewer against a private copy of the demo database."""

from __future__ import annotations

import shutil
from datetime import date

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from core.access import Actor
from core.db import connect
from dashboard import auth
from dashboard.actions_labels import Point
from dashboard.actions_ui import NEW, expander_key
from pipelines import actions, users
from tests import app_pages
from tests.actors import ADMIN
from tests.app_pages import frame

PASSWORD = "a long enough password"
EDITOR = Actor("eddie", "editor", "password")
VIEWER = Actor("vera", "viewer", "password")


@pytest.fixture()
def app_db(demo_db, tmp_path, monkeypatch):
    """A private copy of the demo database with an editor and a viewer; password sign-in."""
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    users.add(con, ADMIN, EDITOR.name, EDITOR.role, PASSWORD)
    users.add(con, ADMIN, VIEWER.name, VIEWER.role, PASSWORD)
    con.close()
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    yield path
    st.cache_resource.clear()


def signed_in(who: Actor):
    """An AppTest setup: `who` signed in just now (the gate re-reads the user from the database)."""

    def setup(at: AppTest) -> None:
        now = auth.clock()
        at.session_state[auth.ACTOR_KEY] = who
        at.session_state[auth.SINCE_KEY] = at.session_state[auth.SEEN_KEY] = now

    return setup


def open_as(who: Actor, url_path: str, query_params: dict | None = None) -> AppTest:
    return app_pages.open_page(url_path, query_params, setup=signed_in(who))


def register(path, **filters) -> list[actions.Action]:
    con = connect(path)  # same settings as the app: shares its database instance
    try:
        return actions.list_actions(con, **filters)
    finally:
        con.close()


def history(path, action_id: str) -> list[tuple]:
    con = connect(path)
    try:
        return [
            (c.field, c.old_value, c.new_value, c.changed_by) for c in actions.action_history(con, action_id)
        ]
    finally:
        con.close()


def click(at: AppTest, key: str) -> AppTest:
    at.button(key=key).click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def open_actions(at: AppTest, key: str) -> AppTest:
    """Open a friction point's actions expander (as a click on it does: its state, then a rerun)."""
    at.session_state[expander_key(key)] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def form_titles(at: AppTest) -> list[str]:
    """The keys of the action forms' title inputs on the page."""
    return [str(w.key) for w in at.text_input if str(w.key or "").endswith("_title")]


def successes(at: AppTest) -> str:
    return "\n".join(s.value for s in at.success)


def test_an_editor_creates_edits_and_closes_an_action_on_a_scorecard(app_db):
    at = open_as(EDITOR, "functions")
    assert not [k for k in form_titles(at) if k.startswith("fn_card_")]  # closed cards: no form
    open_actions(at, "fn_card_logistics")
    form = "fn_card_logistics_new"
    assert [k for k in form_titles(at) if k.startswith("fn_card_")] == [f"{form}_title"]  # that card's only
    at.text_input(key=f"{form}_title").set_value("Text customers before a late delivery")
    at.text_input(key=f"{form}_responsible").set_value("Maija M.")
    at.date_input(key=f"{form}_due").set_value(date(2026, 12, 15))
    click(at, f"{form}_save")
    assert "Action “Text customers before a late delivery” recorded." in successes(at)
    (action,) = [
        a for a in register(app_db, point_kind="function", point_key="logistics") if a.created_by == "eddie"
    ]
    assert (action.owner_function, action.responsible, action.due_date, action.status) == (
        "logistics",
        "Maija M.",
        date(2026, 12, 15),
        "open",
    )
    assert action.metric == "nps"  # prefilled from the scorecard's ranking metric
    assert at.text_input(key=f"{form}_1_title").value == ""  # a new generation of the form: empty

    at.selectbox(key="fn_card_logistics_pick").set_value(action.action_id).run()
    edit = f"fn_card_logistics_{action.action_id}"
    assert at.text_input(key=f"{edit}_1_title").value == "Text customers before a late delivery"
    at.text_input(key=f"{edit}_1_title").set_value("Text customers the day before a late delivery")
    at.selectbox(key=f"{edit}_1_status").set_value("in_progress")
    click(at, f"{edit}_1_save")
    assert "saved" in successes(at)
    assert at.selectbox(key=f"{edit}_2_status").value == "in_progress"  # the stored values
    at.date_input(key=f"{edit}_2_effective").set_value(date(2026, 9, 1))
    click(at, f"{edit}_2_done")
    assert "marked done" in successes(at)
    (closed,) = [a for a in register(app_db, point_key="logistics") if a.action_id == action.action_id]
    assert (closed.status, closed.effective_from, closed.updated_by) == ("done", date(2026, 9, 1), "eddie")
    fields = [(f, old, new) for f, old, new, who in history(app_db, action.action_id) if who == "eddie"]
    assert fields == [
        ("created", None, "Text customers before a late delivery"),
        ("title", "Text customers before a late delivery", "Text customers the day before a late delivery"),
        ("status", "open", "in_progress"),
        ("status", "in_progress", "done"),
        ("effective_from", None, "2026-09-01"),
    ]


def test_the_one_function_detail_records_an_action_on_one_of_its_stages(app_db):
    at = open_as(EDITOR, "functions", {"owner": "warehouse"})
    assert at.selectbox(key="fn_select").value == "warehouse"
    points = at.selectbox(key="fn_drill_point_warehouse")
    assert points.options == [
        "Warehouse (function)",
        "Picking & packing (stage)",
        "Returns & refunds (stage)",
    ]
    points.set_value(Point("stage", "returns")).run()
    assert not [k for k in form_titles(at) if k.startswith("fn_drill_")]  # the form once asked for
    at.selectbox(key="fn_drill_stage_returns_pick").set_value(NEW).run()
    form = "fn_drill_stage_returns_new"
    assert at.selectbox(key=f"{form}_owner").value == "warehouse"  # names shown, the id stored
    assert at.selectbox(key=f"{form}_owner").options[0] == "IT & digital services"
    at.text_input(key=f"{form}_title").set_value("Prepaid return labels in every parcel")
    click(at, f"{form}_save")
    (action,) = [a for a in register(app_db, point_key="returns") if a.created_by == "eddie"]
    assert (action.point_kind, action.owner_function, action.metric) == ("stage", "warehouse", None)
    assert "Prepaid return labels in every parcel" in list(frame(at, "Action")["Action"])


def test_the_journey_drill_down_records_an_action_on_its_stage(app_db):
    at = open_as(EDITOR, "journey", {"stage": "delivery"})
    assert at.selectbox(key="journey_drill_stage").value == "delivery"
    assert not form_titles(at)
    open_actions(at, "journey_drill_delivery")
    form = "journey_drill_delivery_new"
    at.text_input(key=f"{form}_title").set_value("Second courier for the Oulu region")
    at.selectbox(key=f"{form}_metric").set_value("nps")
    click(at, f"{form}_save")
    (action,) = [a for a in register(app_db, point_key="delivery") if a.created_by == "eddie"]
    assert (action.point_kind, action.owner_function, action.metric) == ("stage", "logistics", "nps")
    assert "Second courier for the Oulu region" in successes(at)


def test_what_people_typed_is_shown_as_text_and_errors_name_the_field(app_db):
    at = open_as(EDITOR, "functions")
    at.session_state["fn_more_cards"] = True  # Billing is below the scorecards drawn with the page
    open_actions(at, "fn_card_billing")
    form = "fn_card_billing_new"
    click(at, f"{form}_save")  # no title
    assert any("Not saved: title" in e.value for e in at.error)
    assert not [a for a in register(app_db) if a.created_by == "eddie"]  # nothing written: same form
    title = "**Bold** [click](http://example.com) :smile: =HYPERLINK(1)"
    at.text_input(key=f"{form}_title").set_value(title)
    at.text_area(key=f"{form}_notes").set_value("# not a heading\n<b>not bold</b>")
    click(at, f"{form}_save")
    message = successes(at)
    assert "\\*\\*Bold\\*\\*" in message and "\\[click\\]" in message  # escaped Markdown
    assert title in list(frame(at, "Action")["Action"])  # a table cell: never Markdown


def test_a_viewer_sees_the_actions_but_no_form(app_db):
    con = connect(app_db)
    try:
        actions.add_action(
            con,
            actor=ADMIN,
            point_kind="function",
            point_key="logistics",
            title="Seen by all",
            owner_function="logistics",
        )
    finally:
        con.close()
    at = open_as(VIEWER, "functions")
    open_actions(at, "fn_card_logistics")
    assert "Seen by all" in list(frame(at, "Action")["Action"])
    assert not [w for w in at.text_input if str(w.key or "").endswith("_title")]
    assert not [b for b in at.button if str(b.key or "").endswith(("_save", "_done"))]
    assert any("Editors and admins record" in c.value for c in at.caption)
    at = open_actions(open_as(VIEWER, "journey", {"stage": "delivery"}), "journey_drill_delivery")
    assert "No action recorded for this friction point yet." in [c.value for c in at.caption]
    assert not [w for w in at.text_input if str(w.key or "").endswith("_title")]
