"""Qualtrics derived columns are never scores; preview/test rows are skipped; the score shows before
import."""

from __future__ import annotations

from pathlib import Path

import pytest

from core.db import connect
from core.metrics import cell_from_scores, estimate
from surveys.cli import main
from surveys.importer import check, import_file, preview_file
from surveys.summary import score_preview
from tests.actors import EDITOR
from tests.fixtures.surveys.exports import (
    CSAT_TEXT,
    NPS_TEXT,
    REASON_TEXT,
    nps_of,
    nps_scores,
    qualtrics_rows,
    write_csv,
    write_xlsx,
)

NPS_Q, CSAT_Q, REASON_Q = f"Q1: {NPS_TEXT}", f"Q3: {CSAT_TEXT}", f"Q2: {REASON_TEXT}"
SCORES = nps_scores(promoters=80, passives=70, detractors=90)  # NPS -4.2 over 240 answers


@pytest.mark.parametrize("choice_text", [False, True], ids=["numeric values", "choice text"])
def test_nps_group_and_other_derived_columns_are_never_scores(tmp_path: Path, choice_text: bool) -> None:
    path = write_csv(tmp_path / "nps_export.csv", qualtrics_rows(SCORES, choice_text=choice_text))
    preview = preview_file(path)
    assert preview.table.format == "qualtrics"
    assert preview.mapping.scores == {NPS_Q: "nps", CSAT_Q: "csat"}
    assert preview.mapping.comment == REASON_Q  # "What is the main reason for your score?"
    assert preview.mapping.responded_at.startswith("RecordedDate")
    assert preview.mapping.journey_id == "order_id"
    if not choice_text:  # numeric group codes 1-3 would pass as NPS answers: said why not
        assert preview.not_scores[f"Q1_NPS_GROUP: {NPS_TEXT}"].startswith("NPS group derived from Q1")
    assert "copies the score column" in preview.not_scores["nps"]  # embedded data equal to Q1


def test_score_before_import_is_the_true_nps_not_double_counted(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "nps_export.csv", qualtrics_rows(SCORES))
    preview = preview_file(path)
    checked = check(preview)
    assert checked.problems == []
    nps = next(m for m in score_preview(checked, preview.mapping) if m.metric == "nps")
    expected = nps_of(SCORES)
    assert expected == pytest.approx(-4.1667, abs=1e-3)
    assert nps.n == 240 and nps.estimate.value == pytest.approx(expected)
    assert nps.describe() == "NPS \u22124.2 from 240 responses, one per row"
    # what the old proposal did: the group column as a second NPS answer per row
    doubled = estimate(
        "nps", cell_from_scores("nps", SCORES + [1 if s <= 6 else 2 if s <= 8 else 3 for s in SCORES])
    )
    assert doubled.value < -45


def test_one_row_gives_at_most_one_response_per_question(tmp_path: Path) -> None:
    con = connect(tmp_path / "cx.duckdb")
    result = import_file(con, write_csv(tmp_path / "nps_export.csv", qualtrics_rows(SCORES)), actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    per_row = con.execute(
        "select count(*), count(distinct response_id) from raw_survey_responses where metric = 'nps'"
    ).fetchall()
    assert per_row == [(240, 240)]
    got = con.execute(
        "select 100.0 * (count_if(score >= 9) - count_if(score <= 6)) / count(*) "
        "from raw_survey_responses where metric = 'nps'"
    ).fetchall()[0][0]
    con.close()
    assert got == pytest.approx(nps_of(SCORES))


def test_preview_and_test_responses_are_skipped_with_the_reason(tmp_path: Path) -> None:
    for choice_text, reasons in (
        (False, {"Status = 1 (Survey Preview)", "Status = 2 (Survey Test)", "Status = 8 (Spam)"}),
        (True, {"Status = Survey Preview", "Status = Survey Test", "Status = Spam"}),
    ):
        path = write_csv(
            tmp_path / f"export_{choice_text}.csv", qualtrics_rows(SCORES, tests=6, choice_text=choice_text)
        )
        checked = check(preview_file(path))
        assert checked.rows_read == 246 and checked.rows_skipped_as_tests == 6
        assert set(checked.skipped) == reasons and checked.problems == []
        assert "6 preview/test responses skipped (" in "\n".join(checked.notes())


def test_distribution_channel_preview_is_skipped_in_any_file(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "one_header.csv",
        [
            ["ResponseId", "RecordedDate", "DistributionChannel", "Q1 How likely to recommend (0-10)"],
            ["R_1", "2026-01-05 10:00:00", "anonymous", "9"],
            ["R_2", "2026-01-05 11:00:00", "preview", "0"],
            ["R_3", "2026-01-05 12:00:00", "email", "7"],
        ],
    )
    checked = check(preview_file(path))
    assert dict(checked.skipped) == {"DistributionChannel = preview": 1}
    assert checked.n_records == 2


def test_xlsx_export_the_same(tmp_path: Path) -> None:
    path = write_xlsx(tmp_path / "nps_export.xlsx", qualtrics_rows(SCORES))
    preview = preview_file(path)
    assert preview.mapping.scores == {NPS_Q: "nps", CSAT_Q: "csat"}
    nps = score_preview(check(preview), preview.mapping)[0]
    assert nps.describe() == "NPS \u22124.2 from 240 responses, one per row"


def test_google_forms_long_text_answers_are_the_comment(tmp_path: Path) -> None:
    answers = [
        "Delivery was late and the chat could not tell me where the parcel was.",
        "Very good, the courier even carried it upstairs for me.",
        "",
        "Billing was confusing: two invoices for one order, had to call twice.",
        "Nothing to add, everything went as promised this time.",
    ]
    rows = [
        [
            "Timestamp",
            "Email Address",
            "How likely are you to recommend us?",
            "Is there anything we could do better?",
            "Which store did you visit?",
        ]
    ]
    rows += [
        [f"1/{i + 5}/2026 9:0{i}:11", f"p{i}@example.com", str(i * 2), text, "Kamppi"]
        for i, text in enumerate(answers)
    ]
    preview = preview_file(write_csv(tmp_path / "forms.csv", rows))
    assert preview.table.format == "google_forms"
    assert preview.mapping.comment == "Is there anything we could do better?"  # by its values


def test_cli_prints_skips_and_the_score_before_importing(tmp_path: Path, capsys) -> None:
    path = write_csv(tmp_path / "nps_export.csv", qualtrics_rows(SCORES))
    code = main(["import", str(path), "--db", str(tmp_path / "cx.duckdb"), "--no-refresh"])
    out = capsys.readouterr().out
    assert code == 0, out
    assert "format: Qualtrics" in out
    assert "not a score: Q1_NPS_GROUP" in out
    assert "3 preview/test responses skipped (Status = 1 (Survey Preview): 1" in out
    assert "score before import: NPS \u22124.2 from 240 responses, one per row" in out
    assert out.index("score before import") < out.index("imported batch")
    assert "480 responses from 243 rows" in out  # NPS + CSAT per real row; test rows skipped
