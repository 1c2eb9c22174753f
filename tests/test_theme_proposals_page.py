"""The journey map page's Proposed themes tab, headless, against a COPY of the S demo (it writes):
proposals only on request, their examples as cell text, Add as theme saves a version through the
editor's save and tags the comments, a viewer cannot add, the id is a unique slug."""

from __future__ import annotations

import shutil

import pytest
import yaml
from streamlit.testing.v1 import AppTest

from core.access import PermissionDeniedError
from core.db import connect
from core.identity import login_name
from dashboard import auth, data
from dashboard import data_journey_map as jd
from dashboard.data_journey_map_frames import parse_document
from dashboard.journey_map_editor.proposal_theme import slug, split_terms, theme_entry, unique_id, with_theme
from pipelines.journey_map_model import ID_PATTERN
from pipelines.runner import refresh
from pipelines.theme_proposals import propose_themes
from tests import app_pages
from tests.actors import VIEWER

HOSTILE = "**bold** <b>x</b> [klikkaa](http://example.com) <script>alert(1)</script> zebra kaleidoscope"
TIMEOUT = 180


@pytest.fixture()
def page_db(demo_db, tmp_path, monkeypatch):
    """A copy of the S demo database (seed 7), refreshed: version 1 is the shipped map."""
    data.close_connections()  # the shared demo database is checkpointed before it is copied
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.delenv("CX_JOURNEY_MAP", raising=False)
    yield path
    data.close_connections()


def query(sql: str, params: list | None = None) -> list[tuple]:
    """Read through the dashboard's own connection (the file is held open by it)."""
    cur = data._process_connection(data.db_path()).cursor()
    try:
        return cur.execute(sql, params or []).fetchall()
    finally:
        cur.close()


def expected_proposals():
    cur = data._process_connection(data.db_path()).cursor()
    try:
        return propose_themes(cur)
    finally:
        cur.close()


def open_proposals(lang: str = "en") -> AppTest:
    at = app_pages.open_page("journey-map", {"lang": lang}, run_first=True)
    at.button(key="tp_propose").click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def default_tab(at: AppTest) -> str:
    """The label of the tab the page opens on (its tab container's default tab)."""
    (container,) = list(at.get("tab_container"))
    proto = getattr(container.proto, "tab_container", container.proto)
    return [tab.label for tab in at.tabs][proto.default_tab_index]


def form_keys(at: AppTest) -> list[str]:
    """The key part of each proposal's form, in page order."""
    return [w.key.removeprefix("tp_terms_") for w in at.text_input if w.key.startswith("tp_terms_")]


def texts(at: AppTest, *kinds: str) -> str:
    return "\n".join(str(el.value) for kind in kinds for el in at.get(kind))


def latest_theme(theme_id: str) -> dict:
    (text,) = query("select yaml from journey_map_versions order by version desc limit 1")[0]
    return next(t for t in yaml.safe_load(text)["themes"] if t["id"] == theme_id)


# survey comments and contact notes together (two models each: one per side of the refresh)
ALL_LEMMAS = "(select * from int_comment_lemmas union all select * from int_note_lemmas)"
ALL_THEMES = "(select * from int_comment_themes union all select * from int_note_themes)"


def comments_with(terms: list[tuple[str, ...]]) -> set[tuple[str, str]]:
    """The comments whose lemmas hold one of the terms (word sequences) in a row."""
    found = set()
    for source, source_id, lemmas in query(f"select source, source_id, lemmas from {ALL_LEMMAS}"):
        for term in terms:
            n = len(term)
            if any(tuple(lemmas[i : i + n]) == term for i in range(len(lemmas) - n + 1)):
                found.add((source, source_id))
    return found


def test_proposals_show_on_request_with_size_terms_and_examples(page_db):
    at = app_pages.open_page("journey-map", run_first=True)
    assert default_tab(at) == "Stages"
    assert "Proposed themes" in [tab.label for tab in at.tabs]
    assert not [e for e in at.expander if e.label.startswith("1. ")]  # nothing computed yet
    assert not form_keys(at)
    at.button(key="tp_propose").click().run()
    assert not at.exception, [e.value for e in at.exception]
    expected = expected_proposals()
    assert len(expected) >= 2
    assert [e.label for e in at.expander] == [
        f"{p.cluster}. {', '.join(p.top_terms[:3])} · {p.size} comments ({100 * p.share:.1f}%)"
        for p in expected
    ]
    assert f"{len(expected)} groups of the {sum(p.size for p in expected)} comments" in texts(at, "caption")
    tables = app_pages.html_table_payloads(at, "tp_examples_")
    source = {"response": "Survey", "contact": "Contact note"}
    assert [app_pages.html_table.frame_of(t).values.tolist() for t in tables] == [
        [[source[e["source"]], e["text"]] for e in p.examples] for p in expected
    ]
    # the examples are texts no theme tags, up to three different ones per cluster
    assert all(1 <= len({e["text"] for e in p.examples}) == len(p.examples) <= 3 for p in expected)
    ids = [f"{e['source']}:{e['source_id']}" for p in expected for e in p.examples]
    assert not query(
        f"select 1 from {ALL_THEMES} where source || ':' || source_id in (select unnest(?))", [ids]
    )
    keys = form_keys(at)
    assert [at.text_input(key=f"tp_terms_{k}").value for k in keys] == [
        ", ".join(p.top_terms[:3]) for p in expected
    ]
    stage = at.selectbox(key=f"tp_stage_{keys[0]}")
    assert stage.value is None and stage.options[:2] == ["Account & login", "Browse & order"]  # names
    assert at.selectbox(key=f"tp_owner_{keys[0]}").value is None  # the stage's owner
    assert [b.label for b in at.button if b.key and b.key.startswith("tp_add_")] == ["Add as theme"] * len(
        expected
    )
    at.button_group(key="lang").set_value("fi").run()  # the proposals stay, in Finnish
    assert not at.exception
    assert "Ehdotetut aiheet" in [tab.label for tab in at.tabs]
    share = f"{100 * expected[0].share:.1f}".replace(".", ",")
    assert at.expander[0].label.endswith(f"{expected[0].size} kommenttia ({share}\u00a0%)")
    assert [b.label for b in at.button if b.key and b.key.startswith("tp_add_")][0] == "Lisää aiheeksi"
    fi_sources = {"response": "Kysely", "contact": "Yhteydenotto"}
    first = app_pages.html_table.frame_of(app_pages.html_table_payloads(at, "tp_examples_")[0])
    assert list(first["Lähde"]) == [fi_sources[e["source"]] for e in expected[0].examples]


def test_add_as_theme_saves_a_version_and_tags_the_comments(page_db):
    at = open_proposals()
    key = form_keys(at)[1]
    at.text_input(key=f"tp_name_en_{key}").set_value("Ordered many times")
    at.text_input(key=f"tp_name_fi_{key}").set_value("Tilannut monta kertaa")
    at.selectbox(key=f"tp_stage_{key}").set_value("browse")
    at.selectbox(key=f"tp_owner_{key}").set_value("customer_service")
    at.text_input(key=f"tp_terms_{key}").set_value("tilata moni,  toimia, ")
    at.button(key=f"tp_add_{key}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert "Theme “Ordered many times” added: saved version 2" in texts(at, "success")
    assert default_tab(at) == "Proposed themes"  # back where the user was, not on the first tab
    assert query("select version, changed_by from journey_map_versions order by 1") == [
        (1, "journey map file"),
        (2, login_name()),
    ]
    assert latest_theme("ordered_many_times") == {
        "id": "ordered_many_times",
        "name": {"en": "Ordered many times", "fi": "Tilannut monta kertaa"},
        "stage": "browse",
        "owner": "customer_service",
        "terms": ["tilata moni", "toimia"],
    }
    assert query("select journey_map from mart_refresh_log order by refreshed_at desc limit 1") == [
        ("db:version 2",)
    ]
    tagged = set(query(f"select source, source_id from {ALL_THEMES} where theme = 'ordered_many_times'"))
    assert tagged and tagged == comments_with([("tilata", "moni"), ("toimia",)])
    assert set(query(f"select owner from {ALL_THEMES} where theme = 'ordered_many_times'")) == {
        ("customer_service",)
    }
    # the proposals are computed again without the comments now tagged
    assert set(form_keys(at)).isdisjoint({key})
    assert [e.label for e in at.expander][0].startswith("1. ")

    # the next one with the owner left to default: the theme has no owner, the stage's applies
    key = form_keys(at)[0]
    at.text_input(key=f"tp_name_en_{key}").set_value("Nothing special")
    at.text_input(key=f"tp_name_fi_{key}").set_value("")
    at.selectbox(key=f"tp_stage_{key}").set_value("delivery")
    at.text_input(key=f"tp_terms_{key}").set_value("mikään erityinen")
    at.button(key=f"tp_add_{key}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert latest_theme("nothing_special") == {
        "id": "nothing_special",
        "name": {"en": "Nothing special"},
        "stage": "delivery",
        "terms": ["mikään erityinen"],
    }
    assert query("select owner from map_themes where theme = 'nothing_special'") == [("logistics",)]
    assert query("select count(*) from int_comment_themes where theme = 'nothing_special'")[0][0] > 0


def test_a_bad_entry_is_refused_with_the_problem_and_saves_nothing(page_db):
    at = open_proposals()
    key = form_keys(at)[0]
    at.button(key=f"tp_add_{key}").click().run()  # no stage, no owner
    assert [e.value for e in at.error] == [
        "Pick a stage or an owner: a theme needs a function that answers for it."
    ]
    at.selectbox(key=f"tp_stage_{key}").set_value("delivery")
    at.text_input(key=f"tp_name_en_{key}").set_value(" ")
    at.text_input(key=f"tp_name_fi_{key}").set_value("")
    at.text_input(key=f"tp_terms_{key}").set_value("kul*jetus, 123, toimitus")
    at.button(key=f"tp_add_{key}").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert [e.value.replace("\\", "") for e in at.error] == [
        "Give the theme a name (English or Finnish; one is enough).",
        "A term cannot be used: 'kul*jetus': '*' may stand once, at the start or the end of a word "
        "(*kuljetus, lasku*)",
        "A term cannot be used: '123' has no words (letters)",
    ]
    at.text_input(key=f"tp_terms_{key}").set_value(" , ")
    at.button(key=f"tp_add_{key}").click().run()
    assert "Give at least one term: a word or a phrase." in texts(at, "error")
    assert query("select count(*) from journey_map_versions") == [(1,)]


def test_unsaved_table_edits_must_be_saved_before_adding(page_db):
    at = open_proposals()
    key = form_keys(at)[0]
    assert not at.button(key=f"tp_add_{key}").disabled
    at.session_state["jme_ed_stages_0"] = {
        "edited_rows": {4: {"sla_hours": 48}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.run()
    assert at.button(key=f"tp_add_{key}").disabled
    assert "The tables have unsaved changes" in texts(at, "caption")


def _section_as_session_actor() -> None:
    from dashboard import auth, data
    from dashboard import data_journey_map as jd
    from dashboard.journey_map_editor.proposals import REQUESTED, show_proposals
    from dashboard.journey_map_editor.state import load_state

    cur = data.cursor()
    state = load_state(*jd.active(cur))
    import streamlit as st

    st.session_state[REQUESTED] = True
    show_proposals(cur, state, auth.actor(), state["frames"], state["doc"].get("company"))


def test_a_viewer_cannot_add_a_theme(page_db):
    # the page refuses a viewer; the section itself shows a viewer the proposals without a form
    at = AppTest.from_function(_section_as_session_actor, default_timeout=TIMEOUT)
    at.session_state[auth.ACTOR_KEY] = VIEWER
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert len(at.expander) == len(expected_proposals()) >= 2
    assert not at.text_input and not at.selectbox and not at.button
    assert "Only users who may edit the journey map can add" in texts(at, "caption")
    # and the save path refuses a viewer whatever calls it
    text, _ = jd.active(data._process_connection(data.db_path()).cursor())
    doc = with_theme(parse_document(text), {"id": "x", "name": {"en": "X"}, "owner": "sales", "terms": ["x"]})
    with pytest.raises(PermissionDeniedError):
        jd.save_and_refresh(data._process_connection(data.db_path()).cursor(), jd.to_yaml(doc), VIEWER)
    assert query("select count(*) from journey_map_versions") == [(1,)]


def test_a_hostile_comment_shows_as_plain_text(page_db):
    data.close_connections()
    con = connect(page_db)
    try:
        con.execute(
            """update raw_survey_responses set comment = ?, language = 'en' where response_id in (
                select response_id from raw_survey_responses where comment is null
                order by response_id limit 40)""",
            [HOSTILE],
        )
        refresh(con)
        assert any(e["text"] == HOSTILE for p in propose_themes(con) for e in p.examples)
    finally:
        con.close()
    at = open_proposals()
    cells = [
        cell
        for table in app_pages.html_table_payloads(at, "tp_examples_")
        for cell in app_pages.html_table.frame_of(table)["Comment"]
    ]
    assert HOSTILE in cells  # cell text, as written
    page = texts(at, "markdown", "caption") + "\n".join(e.label for e in at.expander)
    assert "<b>" not in page and "<script>" not in page and "**bold**" not in page


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Myöhästynyt toimitus", "myohastynyt_toimitus"),
        ("Where is my order?", "where_is_my_order"),
        ("24/7 service", "theme_24_7_service"),
        ("**bold** <b>", "bold_b"),
        ("", "theme"),
        ("!!!", "theme"),
        ("Åsa's ünïcode ß", "asa_s_unicode"),
        (
            "a very long name of a theme that goes on and on and on",
            "a_very_long_name_of_a_theme_that_goes_on",
        ),
    ],
)
def test_the_id_is_a_valid_slug_of_the_name(name, expected):
    assert slug(name) == expected
    assert ID_PATTERN.match(slug(name)) and len(slug(name)) <= 40


def test_the_id_is_unique_among_the_themes():
    assert unique_id("Late delivery", {"fast_delivery"}) == "late_delivery"
    assert unique_id("Late delivery", {"late_delivery", "late_delivery_2"}) == "late_delivery_3"
    doc = {"themes": [{"id": "prices", "name": {"en": "Prices"}, "terms": ["hinta"]}]}
    entry = theme_entry(doc, " Prices ", "Hinnat", "browse", None, "hinta, , kallis\nhinta")
    assert entry == {
        "id": "prices_2",
        "name": {"en": "Prices", "fi": "Hinnat"},
        "stage": "browse",
        "terms": ["hinta", "kallis"],
    }
    assert with_theme(doc, entry)["themes"] == [*doc["themes"], entry] and len(doc["themes"]) == 1
    assert theme_entry({}, "", "Hinnat", None, "sales", "x")["id"] == "hinnat"  # the Finnish name
    assert split_terms("a  b, c,,a b") == ["a b", "c"]
