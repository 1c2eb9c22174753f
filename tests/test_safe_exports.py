"""Every CSV the product writes neutralises cells a spreadsheet would run as a formula (issue 11).

Writers: surveys.validate.report_csv (the survey and systems row reports, the Upload page
downloads and both CLIs print it), `python -m pipelines report friction --format csv`, and
core.safe_cells for any other export. Plus property tests of the rule and of the CSV round trip.
"""

from __future__ import annotations

import csv
import io
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.problems import Problem, report_csv
from core.safe_cells import FORMULA_TRIGGERS, neutralise_cell, safe_csv_bytes, safe_csv_text, safe_frame
from pipelines import cli as pipelines_cli
from tests.conftest import ROOT

ATTACKS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-1+1", "@SUM(1)", "\t=1", "\r=1"]
ORDINARY = ["hello", "C0000001", "2026-03-01 10:00", "1.5", "ä ö å", "a=b", "x+1", "", "'quoted"]


def _cells(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _is_safe(cell: str) -> bool:
    return not cell.startswith(FORMULA_TRIGGERS)


# --- the rule ---------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ATTACKS)
def test_each_attack_gets_a_leading_apostrophe(value):
    assert neutralise_cell(value) == "'" + value


@pytest.mark.parametrize("value", ORDINARY)
def test_ordinary_text_is_unchanged(value):
    assert neutralise_cell(value) == value


def test_numbers_stay_numbers_text_that_looks_like_one_is_text():
    assert neutralise_cell(-3) == -3 and neutralise_cell(-3.5) == -3.5 and neutralise_cell(None) is None
    assert neutralise_cell("-3") == "'-3"  # text from a file: neutralised
    frame = pd.DataFrame({"n": [-3, 4], "text": ["-3", "ok"], "=col": ["=1", None]})
    safe = safe_frame(frame)
    assert safe["n"].tolist() == [-3, 4] and safe["n"].dtype == frame["n"].dtype
    assert safe["text"].tolist() == ["'-3", "ok"] and list(safe.columns) == ["n", "text", "'=col"]
    assert _cells(safe_csv_bytes(frame).decode()) == [
        ["n", "text", "'=col"],
        ["-3", "'-3", "'=1"],
        ["4", "ok", ""],
    ]


# --- the writers ------------------------------------------------------------------------------


def test_the_row_report_neutralises_every_attack():
    problems = [Problem(i + 2, attack, attack, "not a score") for i, attack in enumerate(ATTACKS)]
    rows = _cells(report_csv(problems))
    assert rows[0] == ["row", "column", "value", "reason"]
    for attack, row in zip(ATTACKS, rows[1:]):
        assert row[1] == row[2] == "'" + attack


def _survey_file(tmp_path: Path) -> Path:
    rows = [["Response ID", "Date", "NPS"], ["R0", "2026-01-05", "9"]]
    rows += [[f"R{i + 1}", "2026-01-05", attack] for i, attack in enumerate(ATTACKS)]
    path = tmp_path / "attacks.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _reported_values(stdout: str) -> list[str]:
    """The value column of the CSV report that follows the CLI's summary line."""
    start = stdout.index("row,column,value,reason")
    return [r[2] for r in _cells(stdout[start:])[1:]]


def _assert_neutralised(values: list[str]) -> None:
    assert len(values) == len(ATTACKS), values
    for attack, value in zip(ATTACKS, values):
        assert value.startswith("'") and value[1:] in (attack, attack.strip()), (attack, value)


def test_surveys_cli_prints_a_neutralised_report(tmp_path):
    mapping = tmp_path / "mapping.yaml"
    mapping.write_text(
        "kind: surveys\nsurvey: s\ncolumns: {response_id: Response ID, responded_at: Date}\n"
        "scores: {NPS: {metric: nps, scale: 0-10}}\n",
        encoding="utf-8",
    )
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "surveys",
            "import",
            str(_survey_file(tmp_path)),
            "--mapping",
            str(mapping),
            "--db",
            str(tmp_path / "cx.duckdb"),
            "--no-refresh",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stdout + done.stderr  # rejected: problems in rows
    _assert_neutralised(_reported_values(done.stdout))


def test_systems_loader_report_and_cli_are_neutralised(tmp_path, capsys):
    rows = [["event_id", "customer_id", "journey_id", "activity", "occurred_at"]]
    rows += [[f"E-{i}", "C1", "J1", "order_placed", attack] for i, attack in enumerate(ATTACKS)]
    path = tmp_path / "events.csv"
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    code = pipelines_cli.main(
        ["load", "events", str(path), "--db", str(tmp_path / "cx.duckdb"), "--no-refresh"]
    )
    out = capsys.readouterr().out
    assert code == 1, out
    _assert_neutralised(_reported_values(out))


def test_friction_report_csv_is_neutralised(tmp_path, monkeypatch, capsys):
    record = {c: None for c in pipelines_cli.REPORT_COLUMNS}
    rows = [
        dict(record, rank=i + 1, stage=attack, owner="ops", metric="nps", delta=-3.5)
        for i, attack in enumerate(ATTACKS)
    ]
    monkeypatch.setattr(pipelines_cli, "friction_report", lambda db, by="stage": rows)
    db = tmp_path / "cx.duckdb"
    db.touch()
    assert pipelines_cli.main(["report", "friction", "--format", "csv", "--db", str(db)]) == 0
    table = _cells(capsys.readouterr().out)
    assert table[0] == pipelines_cli.REPORT_COLUMNS
    stage, delta = table[0].index("stage"), table[0].index("delta")
    assert [r[stage] for r in table[1:]] == ["'" + a for a in ATTACKS]
    assert {r[delta] for r in table[1:]} == {"-3.5"}  # a number stays a number


# --- properties -------------------------------------------------------------------------------

cells = st.one_of(
    st.text(max_size=20),
    st.sampled_from(ATTACKS + ORDINARY).flatmap(lambda a: st.text(max_size=5).map(lambda tail: a + tail)),
)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(cells, min_size=1, max_size=5), min_size=1, max_size=5))
def test_csv_round_trip_never_starts_a_cell_with_a_trigger(rows):
    width = max(len(r) for r in rows)
    rows = [r + [""] * (width - len(r)) for r in rows]
    parsed = _cells(safe_csv_text(rows))
    assert len(parsed) == len(rows)
    for written, read in zip(rows, parsed):
        assert len(read) == len(written)
        for original, cell in zip(written, read):
            assert _is_safe(cell)
            assert cell == (("'" + original) if original.startswith(FORMULA_TRIGGERS) else original)


@settings(max_examples=100, deadline=None)
@given(st.one_of(st.integers(), st.floats(allow_nan=False), st.booleans(), st.none()))
def test_non_text_values_are_never_changed(value):
    assert neutralise_cell(value) == value
