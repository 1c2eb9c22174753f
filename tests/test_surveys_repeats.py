"""Repeated response ids: the same answer twice (one review, two orders) vs. two different answers."""

from __future__ import annotations

from pathlib import Path

from core.db import connect
from surveys.importer import check, import_file, preview_file
from surveys.mapping_file import read_mapping_text
from tests.actors import EDITOR
from tests.fixtures.surveys.exports import review_rows, write_csv

MAPPING = read_mapping_text("""\
columns: {response_id: review_id, customer_id: client, journey_id: order_ref,
          responded_at: answered_at, comment: review_comment}
scores: {satisfaction_1_to_5: {metric: csat, scale: 1-5}}
""")


def test_same_answer_is_reported_as_a_repeat_and_can_be_kept_once(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reviews.csv", review_rows(900, repeat=(11, 846)))
    preview = preview_file(path)
    preview.mapping = MAPPING
    checked = check(preview)
    assert [(p.row, p.column, p.value) for p in checked.problems] == [(847, "review_id", "rv00010")]
    assert checked.problems[0].reason.startswith(
        "the same response id on rows 12 and 847 with the same answer"
    )
    assert [(r.first_row, r.row) for r in checked.repeats] == [(12, 847)]

    con = connect(tmp_path / "cx.duckdb")
    assert import_file(con, path, mapping=MAPPING, actor=EDITOR).status == "rejected"
    result = import_file(con, path, mapping=MAPPING, keep_one_of_repeats=True, actor=EDITOR)
    assert result.status == "imported" and result.responses_written == 899
    assert result.rows_skipped == 0 and result.problems == []
    kept = con.execute("select journey_id from raw_survey_responses where response_id = 'rv00010'").fetchall()
    con.close()
    assert kept == [("o70010",)]  # the first row's order is the one kept


def test_different_answers_stay_an_error_naming_both_rows(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "reviews.csv", review_rows(900, repeat=(11, 846), differ=True))
    preview = preview_file(path)
    preview.mapping = MAPPING
    for keep in (False, True):
        checked = check(preview, keep_one_of_repeats=keep)
        assert [(p.row, p.value, p.reason) for p in checked.problems] == [
            (847, "rv00010", "duplicate response id (rows 12 and 847) with different answers")
        ]
        assert checked.repeats == []


def test_generated_ids_repeat_too(tmp_path: Path) -> None:
    rows = [
        ["Timestamp", "How likely are you to recommend us? (0-10)", "Anything else?"],
        ["3/14/2026 9:05:11", "9", "All good"],
        ["3/14/2026 9:05:11", "9", "All good"],
        ["3/14/2026 9:06:00", "4", ""],
    ]
    checked = check(preview_file(write_csv(tmp_path / "forms.csv", rows)), keep_one_of_repeats=True)
    assert checked.problems == [] and checked.n_records == 2 and len(checked.repeats) == 1
