"""The Upload page's own words for what Streamlit and the importers say in English: the file
uploaders' texts on the Finnish page (CSS, checked in a browser by tests/test_upload_browser.py)
and where a survey file states its time zone."""

from __future__ import annotations

from dashboard.upload.survey_mapping import zone_detail
from dashboard.upload.surveys import SURVEY_TYPES
from dashboard.upload.systems import SYSTEM_TYPES
from dashboard.upload.uploader_texts import UPLOADERS, css_string, uploader_css


def test_english_keeps_streamlits_own_uploader_texts():
    assert uploader_css(200, "en") == ""


def test_finnish_uploader_texts_cover_every_uploader_of_the_page_with_its_limit_and_types():
    css = uploader_css(150, "fi")
    assert css.startswith("<style>") and css.endswith("</style>")
    for prefix in ("upl_survey_file_", "upl_sys_file_", "upl_mapfile_", "upl_sys_mapping_file_"):
        assert f'[class*="st-key-{prefix}"]' in css
    assert '"Valitse tiedosto"' in css and '"Pudota tiedosto tähän"' in css
    assert '"Enintään 150 Mt / tiedosto • CSV, XLSX, TXT, TSV, GZ, ZIP"' in css
    assert '"Enintään 150 Mt / tiedosto • CSV, XLSX, PARQUET, TXT, TSV, GZ, ZIP"' in css
    assert UPLOADERS["upl_survey_file_"] == SURVEY_TYPES and UPLOADERS["upl_sys_file_"] == SYSTEM_TYPES


def test_css_strings_are_escaped():
    assert css_string('a "b" \\ c') == '"a \\"b\\" \\\\ c"'
    assert "<" not in css_string("</style>")


def test_where_the_file_states_its_zone_is_said_in_finnish():
    assert zone_detail("Qualtrics header row 3 of RecordedDate", "fi") == (
        "Qualtricsin 3. otsikkorivi, sarake RecordedDate"
    )
    assert zone_detail("the header 'Aika (UTC)'", "fi") == "sarakkeen otsikko 'Aika (UTC)'"
    assert zone_detail("Qualtrics header row 3 of RecordedDate", "en") == (
        "Qualtrics header row 3 of RecordedDate"
    )
    assert zone_detail("something new", "fi") == "something new"  # unknown: as it came


def test_one_batch_row_is_singular_and_other_counts_plural():
    from dashboard import i18n

    fields = {"file": "a.csv", "when": "1.1.2026", "rows": "1", "status": "active", "batch": "B1"}
    assert "· 1 row ·" in i18n.t_count("upload_rollback_label", 1, "en", **fields)
    assert "· 1 rivi ·" in i18n.t_count("upload_rollback_label", 1, "fi", **fields)
    fields["rows"] = "2"
    assert "· 2 rows ·" in i18n.t_count("upload_rollback_label", 2, "en", **fields)
    assert "· 2 riviä ·" in i18n.t_count("upload_rollback_label", 2, "fi", **fields)
    assert i18n.t_count("upload_col_rows", 1, "en") == "Rows"  # no singular text: the key's own


def test_the_demo_batch_is_named_in_the_page_language_and_files_stay_as_they_are(monkeypatch):
    from core.load_kinds import DEMO
    from dashboard import i18n
    from dashboard.upload.history import by_text, source_text

    recorded = "Pohjolan Kotitavara Oy demo, scale S, seed 7, 2025-06-01 - 2026-11-27"
    monkeypatch.setattr(i18n, "lang", lambda: "fi")  # outside a Streamlit run
    assert source_text(DEMO, recorded) == (
        "Pohjolan Kotitavara Oy: luotu esimerkkiaineisto, koko S, siemenluku 7, 2025-06-01 - 2026-11-27"
    )
    assert by_text(DEMO, "demo generator") == "esimerkkiaineiston luonti"
    assert source_text("surveys", recorded) == recorded  # a user's file name is never rewritten
    assert source_text(DEMO, "something else") == "something else"
    assert by_text("surveys", "demo generator") == "demo generator"
