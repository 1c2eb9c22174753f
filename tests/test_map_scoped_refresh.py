"""After a change of the journey map alone the refresh rebuilds only the models that read what
changed (pipelines/map_scope.py), and every table equals what a full refresh gives."""

from __future__ import annotations

import shutil

import pytest

from core.db import connect
from pipelines.incremental import refresh_changed
from pipelines.journey_map import default_map_path
from pipelines.map_scope import changed_map_tables
from pipelines.model_files import discover_models
from pipelines.runner import refresh
from tests.test_incremental_refresh import add_new_data, assert_same_tables, model_tables

JOURNEY_MODELS = {"int_journey_stages", "int_journeys", "int_stage_visits", "int_response_stage_exposure"}
LEMMA_MODELS = {"int_comment_lemmas", "int_note_lemmas"}
THEME_MODELS = {"int_comment_themes", "int_note_themes", "mart_theme_comments", "mart_theme_scores"}

# (name, text to replace in the default map, replacement, models that must be rebuilt, models that must not)
EDITS = [
    (
        "a theme gets a term with a word no text has",
        "terms: ['*kulut', delivery fee, shipping cost]",
        "terms: ['*kulut', delivery fee, shipping cost, zyxwvut postage]",
        # the new word enters the lemma cache, but no text has it: the lemma models stand, and the
        # themes' rows come out the same, so the theme marts stand too
        {"int_comment_themes", "int_note_themes"},
        JOURNEY_MODELS | LEMMA_MODELS | {"mart_theme_comments", "mart_theme_scores"},
    ),
    (
        "a theme term is dropped",
        "terms: [myöhässä, myöhästyi, myöhemmin, yli luvatun ajan, late, past the promised]",
        "terms: [myöhässä, myöhästyi, myöhemmin, late, past the promised]",
        THEME_MODELS,
        JOURNEY_MODELS | LEMMA_MODELS,
    ),
    (
        "a contact reason moves to another stage",
        "{reason: wrong_item, stage: picking, avoidable: true,",
        "{reason: wrong_item, stage: delivery, avoidable: true,",
        {"int_contacts_attributed", "mart_contacts", "mart_friction_operations", "mart_friction"},
        JOURNEY_MODELS | THEME_MODELS,
    ),
    (
        "a channel costs more",
        "phone: 7.20",
        "phone: 8.10",
        {"int_contacts_attributed", "mart_contacts"},
        JOURNEY_MODELS | THEME_MODELS,
    ),
    (
        "a function is renamed",
        "name: {en: Billing, fi: Laskutus}",
        "name: {en: Invoicing & billing, fi: Laskutus}",
        {"mart_friction"},
        JOURNEY_MODELS | THEME_MODELS | {"int_contacts_attributed", "mart_friction_cells"},
    ),
    (
        "the minimum group size changes",
        "min_n: 30",
        "min_n: 31",
        {"mart_friction", "int_journeys_end", "int_contacts_attributed"},
        # int_journeys_end reads map_settings but comes out the same: what reads it stands
        JOURNEY_MODELS | THEME_MODELS | {"mart_stage_transitions", "mart_journey_paths"},
    ),
    (
        "a stage's SLA changes",
        "sla_hours: 72                # deadline",
        "sla_hours: 60                # deadline",
        {
            "int_journey_stages",
            "int_journeys",
            "mart_stage_transitions",
            "mart_friction_operations",
            "mart_friction",
        },
        LEMMA_MODELS | {"int_comment_themes", "int_note_themes"},
    ),
]


@pytest.mark.parametrize(("name", "old", "new", "rebuilt", "kept"), EDITS, ids=[e[0] for e in EDITS])
def test_a_map_change_rebuilds_what_reads_it_and_equals_a_full_refresh(
    refreshed_copy, tmp_path, name, old, new, rebuilt, kept
):
    con, path = refreshed_copy
    text = default_map_path().read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    changed_map = tmp_path / "map.yaml"
    changed_map.write_text(text.replace(old, new), encoding="utf-8")

    result = refresh_changed(con, changed_map)
    assert result["mode"] == "map", result["reason"]
    assert rebuilt <= set(result["rebuilt"]), sorted(rebuilt - set(result["rebuilt"]))
    assert not kept & set(result["rebuilt"]), sorted(kept & set(result["rebuilt"]))
    assert result["models"] == len(result["rebuilt"]) < len(discover_models())
    scoped = model_tables(con)
    assert refresh_changed(con)["mode"] == "none"  # the change is recorded as applied

    con.execute("checkpoint")
    copy = tmp_path / "full.duckdb"
    shutil.copy(path, copy)
    full_con = connect(copy)
    try:
        refresh(full_con)  # the same map: the version just stored is the newest
        assert_same_tables(scoped, model_tables(full_con))
    finally:
        full_con.close()


def test_a_time_zone_a_missing_table_or_new_batches_make_a_map_change_full(refreshed_copy, tmp_path):
    con, _ = refreshed_copy
    text = default_map_path().read_text(encoding="utf-8")
    moved = tmp_path / "zone.yaml"
    moved.write_text(
        text.replace("timezone: Europe/Helsinki", "timezone: Europe/Stockholm"), encoding="utf-8"
    )
    result = refresh_changed(con, moved)  # every model uses the zone through company_tz()
    assert result["mode"] == "full" and "journey map" in result["reason"]
    assert result["models"] == len(discover_models())

    con.execute("drop table mart_journey_volume")  # by hand: a map refresh would leave it missing
    min_n = tmp_path / "min_n.yaml"
    min_n.write_text(moved.read_text(encoding="utf-8").replace("min_n: 30", "min_n: 32"), encoding="utf-8")
    assert refresh_changed(con, min_n)["mode"] == "full"
    assert con.execute("select count(*) from mart_journey_volume").fetchall()[0][0] > 0

    add_new_data(con, tmp_path)
    changed_map = tmp_path / "map.yaml"
    changed_map.write_text(
        moved.read_text(encoding="utf-8").replace("min_n: 30", "min_n: 31"), encoding="utf-8"
    )
    result = refresh_changed(con, changed_map)
    assert result["mode"] == "full" and "journey map" in result["reason"]


def test_a_new_version_with_the_same_tables_is_logged_as_applied_without_rebuilding(refreshed_copy, tmp_path):
    con, _ = refreshed_copy
    same = tmp_path / "same.yaml"
    text = default_map_path().read_text(encoding="utf-8")
    old = "company: Pohjolan Kotitavara Oy (demo online retailer)"
    assert text.count(old) == 1
    same.write_text(text.replace(old, "company: Pohjolan Kotitavara Oyj"), encoding="utf-8")  # in no table
    result = refresh_changed(con, same)
    assert result["mode"] == "map" and result["models"] == 0, result
    logged = con.execute(
        "select journey_map from mart_refresh_log order by refreshed_at desc limit 1"
    ).fetchall()
    assert logged == [(f"db:version {result['map_version']}",)]
    assert refresh_changed(con)["mode"] == "none"


def test_the_changed_tables_are_told_only_from_recorded_digests_and_the_same_time_zone():
    assert changed_map_tables(None, {"map_stages": "a"}) is None  # refreshed before digests were kept
    before = '{"map_stages": "a", "company_tz()": "x"}'
    assert changed_map_tables(before, {"map_stages": "a", "company_tz()": "y"}) is None
    assert changed_map_tables(
        '{"map_stages": "a", "map_themes": "t", "company_tz()": "x"}',
        {"map_stages": "a", "map_themes": "u", "company_tz()": "x"},
    ) == {"map_themes"}
