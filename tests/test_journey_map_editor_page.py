"""The journey map editor page, headless, against a COPY of the demo database (it writes)."""

from __future__ import annotations

import json
import re
import shutil
from datetime import datetime as dt

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect
from core.identity import login_name
from dashboard import data
from pipelines.runner import refresh
from tests import app_pages
from tests.actors import EDITOR
from tests.conftest import ROOT

EMPTY_EDITS = {"edited_rows": {}, "added_rows": [], "deleted_rows": []}


@pytest.fixture()
def editor_db(demo_db, tmp_path, monkeypatch):
    """A copy of the demo database with an activity and a contact reason the map does not know:
    3 'gift_wrapped' events in 2 journeys and 2 'gift_card' contacts."""
    data.close_connections()  # the shared demo database is checkpointed before it is copied
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    try:
        (j1, c1), (j2, c2) = con.execute("""select journey_id, any_value(customer_id)
            from raw_journey_events group by 1 order by 1 limit 2""").fetchall()
        events = pd.DataFrame(
            [
                ("gw1", "t", c1, j1, "gift_wrapped", dt(2026, 3, 1, 10), "ok", None),
                ("gw2", "t", c1, j1, "gift_wrapped", dt(2026, 3, 1, 11), "ok", None),
                ("gw3", "t", c2, j2, "gift_wrapped", dt(2026, 3, 2, 10), "ok", None),
            ],
            columns=[
                "event_id",
                "batch_id",
                "customer_id",
                "journey_id",
                "activity",
                "occurred_at",
                "outcome",
                "promised_at",
            ],
        )
        contacts = pd.DataFrame(
            [
                ("gc1", "t", c1, j1, dt(2026, 3, 3, 9), "phone", "gift_card", 0),
                ("gc2", "t", c2, None, dt(2026, 3, 4, 9), "chat", "gift_card", 0),
            ],
            columns=[
                "contact_id",
                "batch_id",
                "customer_id",
                "journey_id",
                "opened_at",
                "channel",
                "reason",
                "transfers",
            ],
        )
        for table, frame in (("raw_journey_events", events), ("raw_contacts", contacts)):
            con.register("extra", frame)
            con.execute(f"insert into {table} by name select * from extra")
            con.unregister("extra")
        refresh(con)
    finally:
        con.close()
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.delenv("CX_JOURNEY_MAP", raising=False)
    yield path
    data.close_connections()


def query(sql: str) -> list[tuple]:
    """Read through the dashboard's own connection (the file is held open by it)."""
    cur = data._process_connection(data.db_path()).cursor()
    try:
        return cur.execute(sql).fetchall()
    finally:
        cur.close()


def open_editor() -> AppTest:
    return app_pages.open_page("journey-map", run_first=True)


def edit(at: AppTest, key: str, rows: dict[int, dict]) -> None:
    at.session_state[key] = {**EMPTY_EDITS, "edited_rows": rows}


def texts(at: AppTest, *kinds: str) -> str:
    return "\n".join(str(el.value) for kind in kinds for el in at.get(kind))


def test_page_shows_every_section_and_what_falls_out(editor_db):
    at = open_editor()
    assert at.title[0].value == "Journey map"
    keys = {e.key: e.value for e in at.data_editor}
    assert {
        "jme_ed_stages_0",
        "jme_ed_functions_0",
        "jme_ed_activities_0",
        "jme_ed_contact_reasons_0",
        "jme_ed_channel_costs_0",
        "jme_ed_targets_0",
        "jme_ed_settings_0",
    } <= set(keys)
    assert list(keys["jme_ed_stages_0"]["id"]) == [
        "account",
        "browse",
        "payment",
        "picking",
        "delivery",
        "invoicing",
        "returns",
    ]
    assert len(keys["jme_ed_activities_0"]) == 16 and len(keys["jme_ed_contact_reasons_0"]) == 12
    unmapped_acts = keys["jme_ed_unmapped_activities_0"]
    assert list(unmapped_acts["activity"]) == ["gift_wrapped"]
    assert list(unmapped_acts[["events", "journeys"]].iloc[0]) == ["3", "2"]
    unmapped_reasons = keys["jme_ed_unmapped_reasons_0"]
    assert list(unmapped_reasons["reason"]) == ["gift_card"]
    assert list(unmapped_reasons[["contacts", "customers"]].iloc[0]) == ["2", "2"]
    assert "1 activities (3 events)" in texts(at, "warning")
    assert "In effect: version 1, saved by journey map file" in texts(at, "caption")
    assert query("select count(*) from journey_map_versions") == [(1,)]  # seeded by the first refresh
    at.button_group(key="lang").set_value("fi").run()
    assert not at.exception
    assert at.title[0].value == "Polkukartta"
    assert "Tarkista ja tallenna" in [b.label for b in at.button]


def test_invalid_edit_lists_every_problem_and_saves_nothing(editor_db):
    at = open_editor()
    edit(at, "jme_ed_stages_0", {4: {"owner": "logstics"}})
    edit(at, "jme_ed_settings_0", {0: {"value": 1}})
    at.run()
    assert "has problems" in texts(at, "caption")
    at.button(key="jme_save").click().run()
    assert not at.exception
    assert "Not saved: the map has 6 problem(s)" in texts(at, "error")
    # shown as plain text: Markdown characters of the map's values are escaped in the source
    problems = texts(at, "markdown").replace("\\_", "_")
    assert "\\_is\\_my\\_order" in texts(at, "markdown")
    assert "Stages › delivery › Owner: 'logstics' is not a function" in problems
    assert "Contact reasons › where_is_my_order › Owner: 'logstics' is not a function" in problems
    assert "Themes › late_delivery › Owner: 'logstics' is not a function" in problems  # stage's owner
    assert "Settings › min_n: 1 must be a whole number, at least 2" in problems
    assert query("select count(*) from journey_map_versions") == [(1,)]
    assert query("select journey_map from mart_refresh_log order by refreshed_at desc limit 1") == [
        ("db:version 1",)
    ]


def test_mapping_what_fell_out_saves_version_2_and_re_attributes(editor_db):
    at = open_editor()
    # one click per unmapped item: pick a stage, add to the working map
    edit(at, "jme_ed_unmapped_activities_0", {0: {"add_stage": "delivery"}})
    at.run()
    at.button(key="jme_add_rules").click().run()
    assert not at.exception
    rules = at.data_editor(key="jme_ed_activities_1").value
    assert list(rules.iloc[-1][["match", "stage"]]) == ["gift_wrapped", "delivery"]
    edit(at, "jme_ed_unmapped_reasons_1", {0: {"stage": "payment", "avoidable": True}})
    at.run()
    at.button(key="jme_add_reasons").click().run()
    assert not at.exception
    edit(at, "jme_ed_stages_2", {4: {"sla_hours": 48}})
    at.run()
    # file-derived text is Markdown-escaped (gift\\_wrapped): compare without the escapes
    assert "rule gift_wrapped added at position 17: stage delivery" in texts(at, "markdown").replace("\\", "")
    assert query("select count(*) from journey_map_versions") == [(1,)]  # nothing saved yet
    at.button(key="jme_save").click().run()
    assert not at.exception, [e.value for e in at.exception]
    summary = (
        "stage delivery: sla_hours none -> 48; rule gift_wrapped added at position 17: "
        "stage delivery; reason gift_card added: stage payment, avoidable true"
    )
    assert f"Saved version 2 and re-attributed the data. Changes: {summary}" in texts(at, "success").replace(
        "\\", ""
    )
    assert query("select version, changed_by, summary from journey_map_versions order by 1") == [
        (1, "journey map file", f"starting point: the file {ROOT / 'data' / 'journey_map.yaml'}"),
        (2, login_name(), summary),
    ]  # the signed-in (local) user
    assert query("select journey_map from mart_refresh_log order by refreshed_at desc limit 1") == [
        ("db:version 2",)
    ]
    assert query("select count(*) from mart_unmapped_activities") == [(0,)]
    assert query("select reason from mart_unmapped_reasons") == [("unknown",)]
    assert query("select stage, owner, avoidable from int_contacts_attributed where contact_id = 'gc2'") == [
        ("payment", "payments", True)
    ]
    # single-user mode: the computer's login ("root") is not shown, the page says whose it is
    assert "In effect: version 2, saved by this computer's user" in texts(at, "caption")
    assert not re.search(rf"\b{re.escape(login_name())}\b", main_texts(at)), login_name()
    assert "jme_ed_unmapped_activities_3" not in {e.key for e in at.data_editor}
    # restore the file's version: a new version 3 and the activity falls out again
    at.selectbox(key="jme_restore_version").set_value(1)
    at.button(key="jme_restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Restored version 1 as version 3" in texts(at, "success")
    assert query("select summary from journey_map_versions where version = 3")[0][0].startswith(
        "restored version 1; stage delivery: sla_hours 48 -> none"
    )
    assert query("select activity, events from mart_unmapped_activities") == [("gift_wrapped", 3)]


def test_saving_an_unchanged_map_stores_nothing(editor_db):
    at = open_editor()
    at.button(key="jme_save").click().run()
    assert not at.exception
    assert "Nothing to save" in texts(at, "info")
    assert query("select count(*) from journey_map_versions") == [(1,)]


def test_tables_round_trip_the_map_and_rows_follow_the_order_column():
    from dashboard import data_journey_map as jd
    from dashboard.data_journey_map_frames import frames_from_document, parse_document
    from pipelines.journey_map import DEFAULT_MAP_PATH, load_journey_map_text
    from pipelines.journey_map_diff import diff_summary

    text = DEFAULT_MAP_PATH.read_text(encoding="utf-8")
    doc = parse_document(text)
    frames = frames_from_document(doc)
    stages = frames["stages"]
    stages.loc[len(stages)] = [None, None, None, None, None, float("nan"), False, None, False]  # empty row
    again = jd.to_yaml(jd.document_from_frames(frames, doc["company"], doc["version"], kept=doc), "anna")
    assert again.startswith("# Journey map saved from the dashboard's journey map editor by anna")
    assert diff_summary(text, again) == []
    assert load_journey_map_text(again).themes == load_journey_map_text(text).themes  # no table: kept
    # what the tables cannot show as numbers survives the round trip: deadlines and the time zone
    reread = load_journey_map_text(again)
    assert reread.stage("delivery").done_when == ("delivered",) and reread.stage("delivery").promised
    assert reread.timezone == "Europe/Helsinki"
    frames["timezone"].loc[0, "timezone"] = "America/Sao_Paulo"
    frames["functions"].loc[0, "name_fi"] = None  # one language is enough
    changed = jd.document_from_frames(frames, doc["company"], doc["version"])
    assert changed["settings"]["timezone"] == "America/Sao_Paulo"
    assert changed["functions"][0]["name"] == {"en": "IT & digital services"}
    assert load_journey_map_text(jd.to_yaml(changed)).functions["digital"] == ("IT & digital services",) * 2
    rules = frames["activities"]
    rules.loc[rules["match"] == "refund_paid", "order"] = 0.5  # moved to the top
    rules.loc[len(rules)] = [None, "gift_*", "browse"]  # no order: last
    moved = jd.document_from_frames(frames, doc["company"])
    assert [r["match"] for r in moved["activities"]][:2] == ["refund_paid", "account_created"]
    assert moved["activities"][-1] == {"match": "gift_*", "stage": "browse"}


def test_data_refreshed_with_another_map_is_flagged_and_can_be_refreshed(editor_db):
    from pipelines.journey_map_store import save_version

    text = (ROOT / "data" / "journey_map.yaml").read_text(encoding="utf-8")
    at = open_editor()
    cur = data._process_connection(data.db_path()).cursor()
    try:  # a version stored while the dashboard runs, without a refresh (a script's Python API)
        assert save_version(cur, text.replace("sla_hours: 72", "sla_hours: 60"), EDITOR) == 2
    finally:
        cur.close()
    at.run()
    assert "last refreshed with version 1, not with the map in effect (version 2)" in texts(at, "warning")
    at.button(key="jme_refresh_now").click().run()
    assert not at.exception
    assert "last refreshed with" not in texts(at, "warning")
    assert query("select journey_map from mart_refresh_log order by refreshed_at desc limit 1") == [
        ("db:version 2",)
    ]


# --- what the page shows: names not ids, blank not "None", no OS login, no server paths ---------


def owner_labels(at: AppTest, key: str, column: str = "owner") -> dict[str, str]:
    """The picker's stored values and the labels the browser shows for them."""
    config = json.loads(at.data_editor(key=key).proto.columns)[column]["type_config"]
    return {o["value"]: o["label"] for o in config["options"]}


def main_texts(at: AppTest) -> str:
    """Every text of the page's main area (not the sidebar), tables included."""
    kinds = ("title", "subheader", "caption", "markdown", "info", "warning", "error", "success")
    parts = [str(el.value) for kind in kinds for el in getattr(at.main, kind)]
    for value in app_pages.tables(at):  # the sidebar has no tables
        parts.append(value.astype(str).to_csv(index=False))
    return "\n".join(parts)


def test_owners_and_stages_are_picked_by_name_and_stored_as_ids(editor_db):
    at = open_editor()
    owners = owner_labels(at, "jme_ed_stages_0")
    assert owners["logistics"] == "Logistics" and owners["digital"] == "IT & digital services"
    assert owner_labels(at, "jme_ed_contact_reasons_0")["logistics"] == "Logistics"
    assert owner_labels(at, "jme_ed_contact_reasons_0", "stage")["delivery"] == "Delivery"
    assert owner_labels(at, "jme_ed_activities_0", "stage")["picking"] == "Picking & packing"
    assert owner_labels(at, "jme_ed_unmapped_activities_0", "add_stage")["delivery"] == "Delivery"
    stages = at.data_editor(key="jme_ed_stages_0").value
    assert stages.loc[stages["id"] == "delivery", "owner"].item() == "logistics"  # the stored value
    # the print copy of the table shows the names too
    prints = "\n".join(str(el.proto.body) for el in at.main.get("html"))
    assert "<td>Toimitus</td><td>Logistics</td>" in prints  # delivery's row: Finnish name, owner
    assert "<td>Toimitus</td><td>logistics</td>" not in prints
    at.button_group(key="lang").set_value("fi").run()
    assert not at.exception
    assert owner_labels(at, "jme_ed_stages_0")["logistics"] == "Logistiikka"
    assert owner_labels(at, "jme_ed_activities_0", "stage")["delivery"] == "Toimitus"
    # a function added in the table is offered by its name at once
    edit_rows = {**EMPTY_EDITS, "added_rows": [{"id": "returns_desk", "name_en": "Returns desk"}]}
    at.session_state["jme_ed_functions_0"] = edit_rows
    at.run()
    assert owner_labels(at, "jme_ed_stages_0")["returns_desk"] == "Returns desk"  # fi falls back to en


def test_empty_cells_are_blank_not_none(editor_db):
    at = open_editor()
    editors = list(at.main.data_editor)
    assert len(editors) >= 9
    for editor in editors:  # Streamlit shows "None" for a missing value unless told otherwise
        assert editor.proto.HasField("placeholder") and editor.proto.placeholder == "", editor.key
    stages = at.data_editor(key="jme_ed_stages_0").value
    assert stages["sla_hours"].isna().sum() >= 5  # the cells that used to read "None"
    assert "None" not in main_texts(at)


def test_no_os_login_or_server_path_on_the_page(editor_db):
    at = open_editor()
    shown = main_texts(at)
    assert not re.search(rf"\b{re.escape(login_name())}\b", shown), login_name()
    assert "single-user mode" in texts(at, "caption").lower()
    assert str(ROOT) not in shown and "journey_map.yaml" not in shown and "db:version" not in shown
    history = app_pages.frame(at, "What changed")
    assert list(history["What changed"]) == ["starting point: the shipped example map"]
    assert list(history["By"]) == ["journey map file"]
    assert "Source: version 1" in texts(at, "caption")
    at.button_group(key="lang").set_value("fi").run()
    assert not at.exception
    fi = main_texts(at)
    assert "lähtökohta: toimitettu esimerkkikartta" in fi and "polkukarttatiedosto" in fi
    assert str(ROOT) not in fi and "db:version" not in fi


def test_where_a_map_came_from_is_told_without_a_path(tmp_path):
    from dashboard.journey_map_editor.state import author_label, source_label, summary_label
    from pipelines.journey_map import DEFAULT_MAP_PATH

    assert source_label("db:version 12") == "version 12"
    assert source_label(str(DEFAULT_MAP_PATH)) == "the shipped example map"
    given = tmp_path / "our_map.yaml"
    assert source_label(str(given)) == "a map file given at start"
    assert summary_label(f"starting point: the file {given}") == "starting point: a map file given at start"
    assert summary_label("stage delivery: sla_hours none -> 48") == "stage delivery: sla_hours none -> 48"
    assert author_label("journey map file") == "journey map file" and author_label("anna") == "anna"
    assert author_label(None) == ""
    # single-user mode: the computer's login is shown as whose it is, never as "root"
    assert author_label("root", "root") == "this computer's user" and author_label("anna", "root") == "anna"
