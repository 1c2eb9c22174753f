"""The demo's contact notes and the follow-ups logged under "other" (pipelines/demo_notes.py):
every note of a themed reason is tagged by a staged theme of the demo map, both templates of a
reason by the same one, and the repeated-questions model finds exactly the follow-ups logged under
"other" that the generator counts from the true reasons."""

from __future__ import annotations

import json

import pytest

from core.db import connect
from pipelines.demo_contacts import REASONS
from pipelines.demo_notes import AGAIN, LANGUAGES, NOTES, PER_REASON, THEME_OF, note_texts
from tests.theme_db import map_with_themes, tag


@pytest.fixture(scope="module")
def staged_themes_of_notes() -> dict[str, set[str]]:
    """note text -> the staged themes of the demo map that tag it (read as contacts are: fi+en)."""
    jm = map_with_themes()
    staged = {t.id for t in jm.themes if t.stage}
    texts = note_texts()
    found = tag({f"n{i}": (None, text) for i, text in enumerate(texts)}, jm)
    return {text: found[f"n{i}"] & staged for i, text in enumerate(texts)}


def test_note_indices_follow_the_documented_layout() -> None:
    texts = note_texts()
    assert len(texts) == len(REASONS) * len(LANGUAGES) * 2 * PER_REASON
    reason, language, again, template = REASONS.index("invoice_error"), 1, 1, 1
    index = ((reason * 2 + language) * 2 + again) * PER_REASON + template
    assert texts[index] == AGAIN["en"] + NOTES["invoice_error"]["en"][1]


def test_every_note_of_a_reason_mentions_its_theme_and_no_other_staged_one(staged_themes_of_notes) -> None:
    for reason in REASONS:
        expected = {THEME_OF[reason]} if reason in THEME_OF else set()
        for language in LANGUAGES:
            for template in NOTES[reason][language]:
                for prefix in ("", AGAIN[language]):
                    assert staged_themes_of_notes[prefix + template] == expected, (reason, template)


def test_the_model_finds_exactly_the_follow_ups_logged_under_other(demo_db) -> None:
    truth = json.loads((demo_db.parent / (demo_db.name + ".truth.json")).read_text(encoding="utf-8"))
    planted = truth["repeated_questions"]["relogged_as_other"]
    con = connect(demo_db)  # same settings as the app: shares its database instance
    try:
        found = con.execute(
            "select count(*) from int_repeated_questions where topic_kind = 'theme' and reason = 'other'"
        ).fetchall()[0][0]
        same_reason = con.execute(
            "select count(*) from int_repeated_questions where topic_kind = 'reason' and reason = 'other'"
        ).fetchall()[0][0]
    finally:
        con.close()
    assert planted > 10
    assert found == planted
    assert same_reason == 0  # "other" has no stage: two "other" contacts are not the same question
