"""CLI: python -m surveys import / batches / rollback, exit codes, database unchanged on rejection."""

from __future__ import annotations

import csv
import subprocess
import sys
from pathlib import Path

from core.db import connect

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "surveys"


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "surveys", *args], cwd=ROOT, capture_output=True, text=True, timeout=120
    )


def state(db: Path) -> tuple:
    con = connect(db)
    try:
        return (
            con.execute("select * from raw_survey_responses order by 1").fetchall(),
            con.execute("select batch_id, status from import_batches order by 1").fetchall(),
        )
    finally:
        con.close()


def test_import_batches_rollback(tmp_path: Path) -> None:
    db = tmp_path / "cx.duckdb"
    done = run("import", str(FIX / "qualtrics.csv"), "--db", str(db))
    assert done.returncode == 0, done.stdout + done.stderr
    assert "format: Qualtrics" in done.stdout and "-> nps" in done.stdout
    assert "9 responses" in done.stdout and "refreshed" in done.stdout
    con = connect(db)
    assert con.execute("select count(*) from mart_scores").fetchall()[0][0] > 0  # dashboard sees it
    con.close()
    again = run("import", str(FIX / "qualtrics.csv"), "--db", str(db))
    assert again.returncode == 0 and "already imported" in again.stdout
    listed = run("batches", "--db", str(db))
    batch_id = listed.stdout.split("\t")[0]
    assert listed.returncode == 0 and "qualtrics.csv" in listed.stdout and "active" in listed.stdout
    back = run("rollback", batch_id, "--db", str(db))
    assert back.returncode == 0 and "9 responses removed" in back.stdout
    rows, batches = state(db)
    assert rows == [] and batches == [(batch_id, "rolled_back")]
    assert run("rollback", "no-such-batch", "--db", str(db)).returncode != 0


def test_rejected_file_leaves_database_unchanged(tmp_path: Path) -> None:
    db = tmp_path / "cx.duckdb"
    assert run("import", str(FIX / "typeform.csv"), "--db", str(db), "--no-refresh").returncode == 0
    before = state(db)
    bad = tmp_path / "bad.csv"
    with bad.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(
            [["Response ID", "Date", "NPS"], ["B1", "2024-01-01", "9"], ["B2", "2024-01-02", "12"]]
        )
    done = run("import", str(bad), "--db", str(db))
    assert done.returncode == 1
    assert "row,column,value,reason" in done.stdout and "3,NPS,12,outside the NPS scale" in done.stdout
    assert state(db) == before
    partial = run("import", str(bad), "--db", str(db), "--valid-rows-only", "--no-refresh")
    assert partial.returncode == 0 and "1 responses" in partial.stdout


def test_binary_and_sheet_errors(tmp_path: Path) -> None:
    db = tmp_path / "cx.duckdb"
    fake = tmp_path / "scores.csv"
    fake.write_bytes(b"PK\x00\x00garbage\x00\x01\x02" * 100)
    done = run("import", str(fake), "--db", str(db))
    assert done.returncode == 2 and "scores.csv" in done.stdout
    ok = run("import", str(FIX / "handmade.xlsx"), "--sheet", "Vastaukset", "--db", str(db), "--no-refresh")
    assert ok.returncode == 0 and "sheet 'Vastaukset'" in ok.stdout
    assert state(db)[0] and len(state(db)[0]) == 6


def test_rollback_restores_and_twice_is_a_no_op(tmp_path: Path) -> None:
    db = tmp_path / "cx.duckdb"
    first, second = tmp_path / "jan.csv", tmp_path / "jan_fix.csv"
    for path, score in ((first, "3"), (second, "8")):
        with path.open("w", encoding="utf-8", newline="") as fh:
            csv.writer(fh).writerows([["Response ID", "Date", "NPS"], ["V1", "2024-01-01", score]])
    assert run("import", str(first), "--db", str(db), "--no-refresh").returncode == 0
    fixed = run("import", str(second), "--db", str(db), "--no-refresh")
    assert fixed.returncode == 0 and "1 responses replaced" in fixed.stdout
    batch_id = fixed.stdout.split("imported batch ")[1].split(":")[0]
    back = run("rollback", batch_id, "--db", str(db), "--no-refresh")
    assert back.returncode == 0 and "0 responses removed, 1 restored" in back.stdout
    assert [r[4] for r in state(db)[0]] == [3.0]
    again = run("rollback", batch_id, "--db", str(db))
    assert again.returncode == 0 and "already rolled back; nothing changed" in again.stdout
    assert "refreshed" not in again.stdout and [r[4] for r in state(db)[0]] == [3.0]
