"""Progress callback of the import, Limits.from_env (CX_MAX_UPLOAD_MB, CX_MAX_ROWS) and CLI limit flags."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

import pytest

from core.db import connect
from core.reading import FileRejectedError, Limits
from surveys.importer import import_file, import_preview, preview_file
from tests.actors import EDITOR

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "surveys"


def _rows_csv(path: Path, n: int) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(["Response ID", "Date", "NPS"])
        w.writerows([[f"R{i}", "2024-01-01", str(i % 11)] for i in range(n)])
    return path


def test_progress_stages_in_order_and_done_last(tmp_path: Path) -> None:
    con = connect(tmp_path / "cx.duckdb")
    calls: list[tuple[float, str]] = []
    result = import_file(con, FIX / "qualtrics.csv", progress=lambda f, s: calls.append((f, s)), actor=EDITOR)
    assert result.status == "imported"
    stages = [s for _, s in calls]
    assert stages[0] == "reading" and stages[-1] == "done" and calls[-1][0] == 1.0
    assert stages.index("validating") < stages.index("writing") < stages.index("done")
    fractions = [f for f, _ in calls]
    assert fractions == sorted(fractions) and all(0.0 <= f <= 1.0 for f in fractions)
    calls.clear()
    again = import_preview(
        con,
        preview_file(FIX / "qualtrics.csv", con),
        progress=lambda f, s: calls.append((f, s)),
        actor=EDITOR,
    )
    assert again.status == "already_imported" and calls == [(1.0, "done")]
    con.close()


def test_progress_reports_during_validation_of_a_big_file(tmp_path: Path) -> None:
    con = connect(tmp_path / "cx.duckdb")
    calls: list[tuple[float, str]] = []
    import_file(
        con, _rows_csv(tmp_path / "big.csv", 12_000), progress=lambda f, s: calls.append((f, s)), actor=EDITOR
    )
    assert [s for _, s in calls].count("validating") >= 3  # start + every 5000 rows
    assert con.execute("select count(*) from raw_survey_responses").fetchall() == [(12_000,)]
    con.close()


def test_limits_from_env(monkeypatch) -> None:
    monkeypatch.delenv("CX_MAX_UPLOAD_MB", raising=False)
    monkeypatch.delenv("CX_MAX_ROWS", raising=False)
    assert Limits.from_env() == Limits()
    monkeypatch.setenv("CX_MAX_UPLOAD_MB", "1.5")
    monkeypatch.setenv("CX_MAX_ROWS", "10")
    limits = Limits.from_env()
    assert (limits.max_bytes, limits.max_rows) == (1_572_864, 10)
    assert Limits.from_env(max_mb=2, max_rows=3).max_rows == 3  # explicit values win
    monkeypatch.setenv("CX_MAX_ROWS", "lots")
    with pytest.raises(ValueError, match="CX_MAX_ROWS"):
        Limits.from_env()


def test_env_limits_apply_by_default(tmp_path: Path, monkeypatch) -> None:
    path = _rows_csv(tmp_path / "twenty.csv", 20)
    monkeypatch.setenv("CX_MAX_ROWS", "10")
    with pytest.raises(FileRejectedError, match="maximum of 10 rows"):
        preview_file(path)
    assert len(preview_file(path, limits=Limits()).table.rows) == 20  # explicit limits win
    monkeypatch.setenv("CX_MAX_ROWS", "100")
    monkeypatch.setenv("CX_MAX_UPLOAD_MB", "0.0001")
    with pytest.raises(FileRejectedError, match="over the maximum"):
        preview_file(path)


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "surveys", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def test_cli_limit_flags(tmp_path: Path) -> None:
    db = tmp_path / "cx.duckdb"
    path = _rows_csv(tmp_path / "twenty.csv", 20)
    rows = run("import", str(path), "--db", str(db), "--no-refresh", "--max-rows", "10")
    assert rows.returncode == 2 and "maximum of 10 rows" in rows.stdout
    size = run("import", str(path), "--db", str(db), "--no-refresh", "--max-mb", "0.0001")
    assert size.returncode == 2 and "over the maximum" in size.stdout
    bad = run("import", str(path), "--db", str(db), "--no-refresh", "--max-rows", "0")
    assert bad.returncode == 2 and "positive" in bad.stdout
    ok = run("import", str(path), "--db", str(db), "--no-refresh", "--max-rows", "20")
    assert ok.returncode == 0 and "20 responses" in ok.stdout
