"""`python -m pipelines actions list|add|update|close|history`: the action register from a script,
acting as the command-line actor; CSV cells formula-neutralised; errors one line with exit 2."""

from __future__ import annotations

import csv
import io
from datetime import date, timedelta

import pytest

from core.access import cli_actor
from core.console import run
from core.db import connect
from pipelines.cli import main
from tests.test_actions import empty_register

HYPERLINK = '=HYPERLINK("http://evil.example","click")'


def _cli(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out = capsys.readouterr()
    return code, out.out, out.err


@pytest.fixture()
def db(writable_db) -> str:
    con = connect(writable_db)
    try:
        empty_register(con)
    finally:
        con.close()
    return str(writable_db)


def _add(capsys, db: str, *argv: str) -> str:
    code, out, err = _cli(capsys, "actions", "add", *argv, "--db", db)
    assert code == 0 and err == "", err
    assert out.startswith("added A-") and len(out.splitlines()) == 1, out
    return out.split()[1]


def test_add_update_close_and_history(capsys, db):
    action_id = _add(capsys, db, "--stage", "delivery", "--title", "Courier checklist", "--metric", "nps")
    code, out, _ = _cli(
        capsys, "actions", "update", action_id, "--due", "2026-03-31", "--responsible", "Matti", "--db", db
    )
    assert (code, out) == (
        0,
        f"updated {action_id} (open, due 2026-03-31): stage delivery, owner logistics\n",
    )
    assert (
        _cli(capsys, "actions", "update", action_id, "--due", "", "--status", "in_progress", "--db", db)[0]
        == 0
    )
    code, out, _ = _cli(
        capsys, "actions", "close", action_id, "--effective-from", "2026-02-01", "--notes", "done", "--db", db
    )
    assert (code, out) == (0, f"closed {action_id} (done): stage delivery, owner logistics\n")
    code, out, _ = _cli(capsys, "actions", "history", action_id, "--db", db)
    who = cli_actor().name
    rows = [line.split("\t") for line in out.splitlines()]
    assert rows[0] == ["seq", "changed_at_utc", "changed_by", "field", "old_value", "new_value"]
    assert [[r[0], *r[2:]] for r in rows[1:]] == [
        ["1", who, "created", "", "Courier checklist"],
        ["2", who, "responsible", "", "Matti"],
        ["3", who, "due_date", "", "2026-03-31"],
        ["4", who, "due_date", "2026-03-31", ""],
        ["5", who, "status", "open", "in_progress"],
        ["6", who, "status", "in_progress", "done"],
        ["7", who, "notes", "", "done"],
        ["8", who, "effective_from", "", "2026-02-01"],
    ]
    con = connect(db, read_only=True)
    try:
        stored = con.execute("select owner_function, created_by, status from actions").fetchall()
        assert stored == [("logistics", who, "done")]  # owner defaults to the stage's owner
    finally:
        con.close()


def test_list_filters_and_formats(capsys, db):
    past, future = date.today() - timedelta(days=30), date.today() + timedelta(days=30)
    late = _add(capsys, db, "--stage", "delivery", "--title", "Late one", "--due", past.isoformat())
    _add(capsys, db, "--function", "billing", "--title", HYPERLINK, "--due", future.isoformat())
    owned = _add(capsys, db, "--stage", "picking", "--owner", "logistics", "--title", "Tab\there\nnewline")
    code, out, _ = _cli(capsys, "actions", "list", "--function", "logistics", "--db", db)
    lines = out.splitlines()
    assert code == 0 and lines[0].split("\t") == [
        "action_id",
        "status",
        "due_date",
        "point",
        "metric",
        "owner_function",
        "responsible",
        "title",
    ]
    assert [line.split("\t")[0] for line in lines[1:]] == [late, owned]
    assert lines[2].split("\t")[-1] == "Tab\\there\\nnewline"  # one line, one cell per column
    code, out, _ = _cli(capsys, "actions", "list", "--overdue", "--db", db)
    assert [line.split("\t")[0] for line in out.splitlines()[1:]] == [late]
    code, out, _ = _cli(capsys, "actions", "list", "--status", "done", "--db", db)
    assert out.splitlines()[1:] == []
    code, out, _ = _cli(capsys, "actions", "list", "--format", "csv", "--db", db)
    cells = list(csv.reader(io.StringIO(out, newline="")))
    assert cells[0][:5] == ["action_id", "point_kind", "point_key", "metric", "title"]
    titles = [row[4] for row in cells[1:]]
    assert titles == ["Late one", "'" + HYPERLINK, "Tab\there\nnewline"]


def test_errors_are_one_line_with_exit_2(capsys, db, tmp_path):
    cases = [
        (
            ["add", "--stage", "lunch", "--title", "x"],
            "error: point_key: no stage 'lunch' in the journey map",
        ),
        (
            ["add", "--stage", "delivery", "--title", "x", "--due", "31.3."],
            "error: due_date: '31.3.' is not a date",
        ),
        (["add", "--stage", "delivery", "--title", " "], "error: title: must not be empty"),
        (
            ["add", "--function", "billing", "--title", "x", "--metric", "nss"],
            "error: metric: 'nss' is not one",
        ),
        (["update", "A-00000000", "--title", "x"], "error: no action 'A-00000000'"),
        (["history", "A-00000000"], "error: no action 'A-00000000'"),
        (["close", "A-00000000"], "error: no action 'A-00000000'"),
    ]
    for argv, expected in cases:
        code, out, err = _cli(capsys, "actions", *argv, "--db", db)
        assert code == 2 and out == "", argv
        assert len(err.splitlines()) == 1 and err.startswith(expected), (argv, err)
    missing = str(tmp_path / "none.duckdb")
    code, _, err = _cli(capsys, "actions", "list", "--db", missing)
    assert code == 2 and err == "error: database none.duckdb does not exist\n"
    with pytest.raises(SystemExit) as done:  # as `python -m pipelines` runs it
        run(lambda: main(["actions", "add", "--stage", "lunch", "--title", "x", "--db", db]))
    assert done.value.code == 2 and "Traceback" not in capsys.readouterr().err
