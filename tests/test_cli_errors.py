"""Command lines never show a traceback (issue 11): a database the dashboard holds is one "in use"
line with exit 2 for every subcommand; user errors are one line with exit 2; a bug is one line with
an error id (exit 3) while the traceback goes to the log; file names print escaped."""

from __future__ import annotations

import csv
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.console import run
from pipelines.cli import main as pipelines_main
from surveys.cli import main as surveys_main
from tests.conftest import ROOT

HOLD = (
    "import duckdb, sys, time\n"
    "con = duckdb.connect(sys.argv[1])\n"
    "print('held', flush=True)\n"
    "time.sleep(120)\n"
)


def _env(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "CX_LOG_FILE": str(tmp_path / "cli-errors.log"), "CX_DEBUG": ""}


def _survey_csv(path: Path) -> Path:
    rows = [["Response ID", "Date", "NPS"]] + [[f"R{i}", "2026-01-05", str(i % 11)] for i in range(12)]
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


@pytest.fixture()
def held_db(tmp_path):
    """A database file another process (as the dashboard would) keeps open for writing."""
    db = tmp_path / "cx.duckdb"
    assert pipelines_main(["batches", "--db", str(db)]) == 0  # creates it
    holder = subprocess.Popen([sys.executable, "-c", HOLD, str(db)], stdout=subprocess.PIPE, text=True)
    assert holder.stdout.readline().strip() == "held"
    yield db
    holder.kill()
    holder.wait(timeout=30)


def _run(main, argv: list[str], capsys) -> tuple[int, list[str]]:
    """The command as `python -m ...` runs it (core.console.run), in this process."""
    with pytest.raises(SystemExit) as done:
        run(lambda: main(argv))
    captured = capsys.readouterr()
    return done.value.code, (captured.out + captured.err).strip().splitlines()


def test_every_subcommand_on_a_held_database_prints_one_in_use_line(held_db, tmp_path, capsys):
    survey = str(_survey_csv(tmp_path / "s.csv"))
    events = str(ROOT / "tests" / "fixtures" / "systems" / "events.csv")
    db = str(held_db)
    commands = [
        (surveys_main, ["import", survey, "--db", db]),
        (surveys_main, ["batches", "--db", db]),
        (surveys_main, ["rollback", "x", "--db", db]),
        (pipelines_main, ["refresh", "--db", db]),
        (pipelines_main, ["load", "events", events, "--db", db]),
        (pipelines_main, ["batches", "--db", db]),
        (pipelines_main, ["rollback", "x", "--db", db]),
        (pipelines_main, ["report", "friction", "--db", db]),
        (pipelines_main, ["demo", "--db", db]),
        (pipelines_main, ["audit", "--db", db]),
        (pipelines_main, ["users", "list", "--db", db]),
    ]
    for main, argv in commands:
        code, lines = _run(main, argv, capsys)
        assert code == 2, (argv, lines)
        assert len(lines) == 1 and "in use by another process" in lines[0], (argv, lines)
    # and through the real entry point, as a user types it
    done = subprocess.run(
        [sys.executable, "-m", "surveys", "import", survey, "--db", db],
        cwd=ROOT,
        env=_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2 and done.stdout == "" and "Traceback" not in done.stderr
    assert done.stderr.startswith("error: Database ") and len(done.stderr.splitlines()) == 1


def test_user_errors_are_one_line_with_exit_2(tmp_path, capsys):
    db = str(tmp_path / "cx.duckdb")
    cases = [
        (surveys_main, ["import", str(tmp_path / "missing.csv"), "--db", db], "missing.csv: file not found"),
        (surveys_main, ["rollback", "nope", "--db", db], "no survey import batch 'nope'"),
        (
            pipelines_main,
            ["load", "events", str(tmp_path / "missing.csv"), "--db", db],
            "missing.csv: file not found",
        ),
        (pipelines_main, ["rollback", "nope", "--db", db], "no import batch 'nope'"),
        (
            pipelines_main,
            ["refresh", "--journey-map", str(tmp_path / "none.yaml"), "--db", db],
            "none.yaml cannot be read",
        ),
    ]
    for main, argv, expected in cases:
        assert main(argv) == 2, argv
        captured = capsys.readouterr()
        lines = (captured.out + captured.err).strip().splitlines()
        assert len(lines) == 1 and expected in lines[0], (argv, lines)


def test_a_database_path_that_is_a_folder_is_one_line(tmp_path, capsys):
    for main in (surveys_main, pipelines_main):
        code, lines = _run(main, ["batches", "--db", str(tmp_path)], capsys)
        assert code == 2 and len(lines) == 1 and "Is a directory" in lines[0], lines


BUG = "from core.console import run\ndef main():\n    raise RuntimeError('boom\\nsecond line')\nrun(main)\n"


def test_a_bug_is_one_line_with_an_error_id_and_the_traceback_is_logged(tmp_path):
    env = _env(tmp_path)
    done = subprocess.run(
        [sys.executable, "-c", BUG], cwd=ROOT, env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 3 and done.stdout == ""
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in done.stderr, lines
    assert lines[0].startswith("error: unexpected RuntimeError: boom second line (error id ")
    error_id = lines[0].split("error id ")[1][:8]
    log = Path(env["CX_LOG_FILE"]).read_text(encoding="utf-8")
    assert f"error id {error_id}" in log and "Traceback" in log and "RuntimeError: boom" in log
    debug = subprocess.run(
        [sys.executable, "-c", BUG],
        cwd=ROOT,
        env={**env, "CX_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert debug.returncode == 3 and "Traceback" in debug.stderr  # asked for: shown


def test_file_names_with_newlines_and_tabs_forge_no_line_or_column(tmp_path, capsys):
    db = str(tmp_path / "cx.duckdb")
    survey = _survey_csv(tmp_path / "x\nforged\tline.csv")
    assert surveys_main(["import", str(survey), "--db", db, "--no-refresh"]) == 0
    events = tmp_path / "ev\r\nforged\tline.csv"
    events.write_bytes((ROOT / "tests" / "fixtures" / "systems" / "events.csv").read_bytes())
    assert pipelines_main(["load", "events", str(events), "--db", db, "--no-refresh"]) == 0
    capsys.readouterr()
    assert surveys_main(["batches", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1 and len(lines[0].split("\t")) == 6
    assert lines[0].endswith("\tx\\nforged\\tline.csv")
    assert pipelines_main(["batches", "--db", db]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 3 and all(len(line.split("\t")) == 7 for line in lines)
    assert {line.split("\t")[-1] for line in lines[1:]} == {
        "x\\nforged\\tline.csv",
        "ev\\r\\nforged\\tline.csv",
    }


def test_ctrl_c_is_one_line(tmp_path):
    code = "from core.console import run\ndef main():\n    raise KeyboardInterrupt\nrun(main)\n"
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=_env(tmp_path), capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 130 and done.stderr.strip() == "error: interrupted"


def test_a_report_before_any_refresh_says_to_refresh(tmp_path, capsys):
    from core.db import connect

    path = tmp_path / "new.duckdb"
    connect(path).close()  # raw tables only, no models
    code, lines = _run(pipelines_main, ["report", "friction", "--db", str(path)], capsys)
    assert code == 2
    assert len(lines) == 1 and "no models yet" in lines[0] and "refresh" in lines[0]
    for report in ("drivers", "themes"):
        code, lines = _run(pipelines_main, ["report", report, "--db", str(path)], capsys)
        assert code == 2 and len(lines) == 1 and "refresh" in lines[0], (report, lines)
        code, lines = _run(pipelines_main, ["report", report, "--format", "xlsx", "--db", str(path)], capsys)
        assert code == 2 and lines == [f"error: report {report} writes json or csv"]
