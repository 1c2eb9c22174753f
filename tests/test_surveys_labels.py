"""Answer labels without numbers (Qualtrics choice text, EN and FI) -> scores; unknown -> row errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from core.db import connect
from surveys.importer import import_file, preview_file
from surveys.parsing import SCALE_LABELS, parse_score
from tests.actors import EDITOR

FIX = Path(__file__).parent / "fixtures" / "surveys"
NPS_Q = "Q1: How likely are you to recommend us to a friend or colleague?"
CSAT_Q = "Q2: Overall, how satisfied were you with the service?"
CES_Q = "Q3: The company made it easy for me to handle my issue."


@pytest.mark.parametrize(
    "value, metric, expected",
    [
        ("Extremely likely", "nps", 10),
        ("  not at ALL likely ", "nps", 0),
        ("Erittäin todennäköisesti", "nps", 10),
        ("Ei lainkaan todennäköistä", "nps", 0),
        ("Very satisfied", "csat", 5),
        ("Somewhat dissatisfied", "csat", 2),
        ("Neither satisfied nor dissatisfied", "csat", 3),
        ("Erittäin tyytyväinen", "csat", 5),
        ("Melko tyytymätön", "csat", 2),
        ("Strongly agree", "ces", 7),
        ("Disagree", "ces", 2),
        ("Somewhat disagree", "ces", 3),
        ("Täysin samaa mieltä", "ces", 7),
        ("Ei samaa eikä eri mieltä", "ces", 4),
        ("Jokseenkin eri mieltä", "ces", 3),
        ("7 - Somewhat agree", "ces", 7),  # a number always wins
        ("Strongly agree", "csat", None),  # labels belong to one scale
        ("Extremely likely", None, None),  # no metric, no labels
        ("Kinda happy", "csat", None),
    ],
)
def test_label_to_number(value, metric, expected) -> None:
    got = parse_score(value, metric)
    assert got == (float(expected) if expected is not None else None)


def test_every_label_is_on_its_metric_scale() -> None:
    scales = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
    for metric, labels in SCALE_LABELS.items():
        lo, hi = scales[metric]
        assert all(lo <= n <= hi for n in labels.values()), metric
    assert set(SCALE_LABELS["csat"].values()) == {1, 2, 3, 4, 5}
    assert set(SCALE_LABELS["ces"].values()) == set(range(1, 8))


def test_choice_text_export_mapping_and_scores(tmp_path: Path) -> None:
    preview = preview_file(FIX / "qualtrics_choice_text.csv")
    assert preview.table.format == "qualtrics"
    assert preview.mapping.scores == {NPS_Q: "nps", CSAT_Q: "csat", CES_Q: "ces"}
    con = connect(tmp_path / "cx.duckdb")
    result = import_file(con, FIX / "qualtrics_choice_text.csv", actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    rows = con.execute("select response_id, score from raw_survey_responses order by 1").fetchall()
    con.close()
    assert dict(rows) == {
        "R_c1-ces": 7,
        "R_c1-csat": 5,
        "R_c1-nps": 10,
        "R_c2-ces": 1,
        "R_c2-csat": 1,
        "R_c2-nps": 0,
        "R_c3-ces": 5,
        "R_c3-csat": 2,
        "R_c3-nps": 7,
        "R_c4-ces": 1,
        "R_c4-csat": 3,
        "R_c4-nps": 0,
        "R_c5-ces": 7,
        "R_c5-csat": 5,
        "R_c5-nps": 10,
        "R_c6-ces": 3,
        "R_c6-csat": 4,
        "R_c6-nps": 9,
    }


def _write(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def test_unknown_label_is_a_row_error_naming_row_column_value(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "labels.csv",
        [
            ["Response ID", "Date", "How satisfied were you?"],
            ["A1", "2024-01-01", "Very satisfied"],
            ["A2", "2024-01-02", "Kinda happy"],
            ["A3", "2024-01-03", "Strongly agree"],
            ["A4", "2024-01-04", "Tyytyväinen"],
        ],
    )
    con = connect(tmp_path / "cx.duckdb")
    mapping = preview_file(path).mapping
    assert mapping.scores == {}  # half the answers unknown: not proposed as a score column
    mapping.scores = {"How satisfied were you?": "csat"}
    result = import_file(con, path, mapping=mapping, actor=EDITOR)
    assert result.status == "rejected"
    got = [(p.row, p.column, p.value) for p in result.problems]
    assert got == [
        (3, "How satisfied were you?", "Kinda happy"),
        (4, "How satisfied were you?", "Strongly agree"),
    ]
    assert "known CSAT answer label" in result.problems[0].reason
    partial = import_file(con, path, mapping=mapping, valid_rows_only=True, actor=EDITOR)
    assert partial.responses_written == 2
    assert con.execute("select response_id, score from raw_survey_responses order by 1").fetchall() == [
        ("A1", 5.0),
        ("A4", 4.0),
    ]
    con.close()


def test_label_columns_recognised_without_header_words(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "plain.csv",
        [
            ["Response ID", "Date", "Q7", "Q8", "Consent"],
            ["A1", "2024-01-01", "Samaa mieltä", "Very satisfied", "Agree"],
            ["A2", "2024-01-02", "Eri mieltä", "Satisfied", "Agree"],
            ["A3", "2024-01-03", "Täysin samaa mieltä", "Dissatisfied", "Agree"],
        ],
    )
    mapping = preview_file(path).mapping
    assert mapping.scores == {"Q7": "ces", "Q8": "csat"}  # one repeated 'Agree' is no scale
