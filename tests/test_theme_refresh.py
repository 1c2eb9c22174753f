"""Comment themes through the real refresh: the demo at scale S, then a survey import with words the
lemma cache has not seen, refreshed incrementally (only the new words are lemmatised, the themes
equal a full refresh's)."""

from __future__ import annotations

import shutil

import pytest

from core.db import connect
from pipelines.incremental import refresh_changed
from pipelines.lemmas import language_key, tokenize
from pipelines.runner import refresh
from pipelines.themes_report import themes_report
from surveys.importer import import_file
from tests.actors import EDITOR

THEME_TABLES = ("int_comment_lemmas", "int_comment_themes", "mart_theme_scores")


def rows(con, table: str) -> list[tuple]:
    return sorted(map(repr, con.execute(f"select * from {table}").fetchall()))


@pytest.fixture()
def demo_copy(demo_db, tmp_path):
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    yield con, path
    con.close()


def test_every_word_of_every_comment_and_note_is_in_the_cache_after_a_refresh(demo_copy):
    con, _ = demo_copy
    cached = set(con.execute("select language, token from text_lemmas").fetchall())
    comments = con.execute(
        "select comment, language from stg_survey_responses where comment is not null"
    ).fetchall()
    notes = con.execute("select note, null from stg_contacts where note is not null").fetchall()
    words = {(language_key(lang), w) for text, lang in comments + notes for w in tokenize(text)}
    assert comments and notes and words <= cached
    counts = dict(con.execute("select theme, count(*) from int_comment_themes group by theme").fetchall())
    assert counts["late_delivery"] > 0 and counts["invoice_problem"] > 0
    texts = con.execute(
        "select (select count(*) from int_comment_lemmas), (select count(*) from int_note_lemmas)"
    ).fetchall()
    assert texts == [(len(comments), len(notes))]


def test_new_comments_are_tagged_incrementally_as_a_full_refresh_tags_them(demo_copy, tmp_path):
    con, path = demo_copy
    customers = [
        r[0] for r in con.execute("select customer_id from raw_customers order by 1 limit 3").fetchall()
    ]
    last = con.execute("select max(responded_at) from raw_survey_responses").fetchall()[0][0]
    comments = [
        ("fi", "Kotiinkuljetus zyxvuorokautta myöhässä, aivan qwertyhirveää"),
        ("en", "The invoice was wrong again, plonkish service"),
        ("", "Toimitukset aina myöhässä"),
    ]
    lines = ["Response ID,Customer ID,Date,How likely are you to recommend us? (0-10),Comment,Language"]
    for i, (customer, (lang, text)) in enumerate(zip(customers, comments)):
        lines.append(f'theme-{i},{customer},{last:%Y-%m-%d %H:%M:%S},{i},"{text}",{lang}')
    csv = tmp_path / "comments.csv"
    csv.write_text("\n".join(lines) + "\n", encoding="utf-8")
    before = con.execute("select count(*) from text_lemmas").fetchall()[0][0]
    assert import_file(con, csv, actor=EDITOR).status == "imported"
    result = refresh_changed(con)
    assert result["mode"] == "incremental", result
    assert {result["rebuilt"][t] for t in THEME_TABLES} == {"appended", "additive"}  # new responses only
    new = set(con.execute("select language, token from text_lemmas").fetchall())
    assert {("fi", "zyxvuorokautta"), ("fi", "qwertyhirveää"), ("en", "plonkish")} <= new
    assert len(new) - before <= 6  # only words not seen before
    tagged = dict(
        con.execute(
            "select source_id, list(theme order by theme) from int_comment_themes "
            "where source_id like 'theme-%' group by source_id"
        ).fetchall()
    )
    assert tagged == {
        "theme-0": ["late_delivery"],
        "theme-1": ["invoice_problem"],
        "theme-2": ["late_delivery"],
    }
    incremental = {t: rows(con, t) for t in THEME_TABLES}
    con.execute("checkpoint")
    full_path = tmp_path / "full.duckdb"
    shutil.copy(path, full_path)
    full = connect(full_path)
    try:
        refresh(full)
        assert {t: rows(full, t) for t in THEME_TABLES} == incremental
    finally:
        full.close()


def test_the_report_reads_the_refreshed_database(demo_db):
    report = themes_report(demo_db)
    late = next(r for r in report if r["theme"] == "late_delivery" and r["metric"] == "nps")
    assert late["owner"] == "logistics" and late["mentions"] > 0
    assert late["delta"] < 0 and late["significant"]  # late deliveries are planted to hurt NPS
