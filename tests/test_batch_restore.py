"""Restore of a rolled-back batch: systems kinds (keyed and not), the marts after the refresh, the
CLIs' restore commands. (Survey batches: tests/test_surveys_versions.py.)"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from core.batch_restore import RestoreRefusedError, restore
from core.batch_rollback import rollback
from core.db import connect
from pipelines.cli import main as pipelines_main
from pipelines.loaders import load_file
from pipelines.refresh_gate import refresh_as
from surveys.cli import main as surveys_main
from surveys.importer import import_file
from tests.actors import EDITOR, VIEWER

FIX = Path(__file__).parent / "fixtures" / "systems"
EVENT_HEAD = ["event_id", "customer_id", "journey_id", "activity", "occurred_at", "outcome", "promised_at"]
MARTS = ("mart_scores", "mart_friction", "mart_friction_cells", "mart_stage_responses", "mart_contacts")


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    yield c
    c.close()


def _tables(con, *names: str) -> dict[str, list[tuple]]:
    return {n: sorted(con.execute(f"select * from {n}").fetchall(), key=repr) for n in names}


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


EVENTS = ("raw_journey_events", "raw_journey_event_versions", "import_batches")
CONTACTS = ("raw_contacts", "raw_contact_versions", "import_batches")


def test_events_rollback_then_restore_gives_the_tables_before_the_rollback(con) -> None:
    """Events are not keyed by their id in the raw table: the delete-and-insert path."""
    load_file(con, "events", FIX / "events.csv", actor=EDITOR)
    second = load_file(con, "events", FIX / "events_overlap.csv", actor=EDITOR)
    before = _tables(con, *EVENTS)
    rollback(con, second.batch_id, actor=EDITOR)
    assert _tables(con, *EVENTS) != before
    done = restore(con, second.batch_id, actor=EDITOR)
    assert (done.restored, done.versions) == (3, 2)
    assert _tables(con, *EVENTS) == before


def test_events_middle_batch_restored_into_its_place_in_the_chain(con, tmp_path) -> None:
    def load(name: str, activity: str) -> str:
        path = _write_csv(
            tmp_path / name, [EVENT_HEAD, ["E-1", "C1", "J1", activity, "2026-03-01 10:00", "ok", ""]]
        )
        return load_file(con, "events", path, actor=EDITOR).batch_id

    load("a.csv", "login")
    b = load("b.csv", "login_b")
    load("c.csv", "login_c")
    before = _tables(con, *EVENTS)
    rollback(con, b, actor=EDITOR)  # b was superseded by c: only the history changes
    assert _tables(con, *EVENTS) != before
    assert restore(con, b, actor=EDITOR).versions == 1
    assert _tables(con, *EVENTS) == before


def test_contacts_over_earlier_rows_restored_with_one_upsert(con, tmp_path) -> None:
    """Contacts are keyed by contact_id: the earlier version goes back to the history."""
    head = ["contact_id", "customer_id", "opened_at", "channel"]
    first = _write_csv(tmp_path / "k1.csv", [head, ["K1", "C1", "2026-01-01 10:00", "chat"]])
    second = _write_csv(
        tmp_path / "k2.csv",
        [head, ["K1", "C1", "2026-01-01 10:00", "phone"], ["K2", "C2", "2026-01-02 10:00", "email"]],
    )
    load_file(con, "contacts", first, actor=EDITOR)
    batch = load_file(con, "contacts", second, actor=EDITOR).batch_id
    before = _tables(con, *CONTACTS)
    rollback(con, batch, actor=EDITOR)
    assert con.execute("select channel from raw_contacts").fetchall() == [("chat",)]
    restore(con, batch, actor=EDITOR)
    assert _tables(con, *CONTACTS) == before
    with pytest.raises(RestoreRefusedError, match="not rolled back"):
        restore(con, batch, actor=EDITOR)


def test_viewer_may_not_restore_and_demo_batches_are_not_restored(con) -> None:
    from core.access import PermissionDeniedError

    done = load_file(con, "events", FIX / "events.csv", actor=EDITOR)
    rollback(con, done.batch_id, actor=EDITOR)
    with pytest.raises(PermissionDeniedError):
        restore(con, done.batch_id, actor=VIEWER)
    con.execute(
        "insert into import_batches (batch_id, kind, source_file, imported_by, imported_at, row_count, "
        "status) values ('demo-S-7', 'demo', 'demo', 'demo', '2026-01-01', 1, 'active')"
    )
    with pytest.raises(RestoreRefusedError, match="demo batch"):
        restore(con, "demo-S-7", actor=EDITOR)
    with pytest.raises(KeyError):
        restore(con, "no-such-batch", actor=EDITOR)


def _marts(con) -> dict[str, list[tuple]]:
    """The marts' rows, floats rounded (a sum may differ in its last bits between two runs)."""

    def clean(row: tuple) -> tuple:
        return tuple(round(v, 9) if isinstance(v, float) else v for v in row)

    return {
        name: sorted((clean(r) for r in con.execute(f"select * from {name}").fetchall()), key=repr)
        for name in MARTS
    }


def test_marts_after_restore_and_refresh_equal_those_before_the_rollback(demo_db, tmp_path) -> None:
    """Given the demo and a survey file that re-scores 30 of its NPS responses and adds 5: after
    rollback + refresh the marts change, after restore + refresh they are those of the import."""
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    try:
        old = con.execute(
            "select response_id, customer_id, strftime(responded_at, '%Y-%m-%d %H:%M:%S') "
            "from raw_survey_responses where metric = 'nps' order by response_id limit 30"
        ).fetchall()
        rows = [["Response ID", "Customer ID", "Date", "NPS"]]
        rows += [[rid, cust, when, "0"] for rid, cust, when in old]
        rows += [[f"NEW{i}", old[i][1], old[i][2], "10"] for i in range(5)]
        batch = import_file(con, _write_csv(tmp_path / "rescored.csv", rows), actor=EDITOR)
        assert batch.status == "imported" and batch.responses_replaced == 30, batch.report_csv()
        refresh_as(con, actor=EDITOR, force_full=True)
        imported = _marts(con)
        raw = _tables(con, "raw_survey_responses", "raw_survey_response_versions")
        rollback(con, batch.batch_id, actor=EDITOR)
        refresh_as(con, actor=EDITOR)
        assert _marts(con) != imported
        restore(con, batch.batch_id, actor=EDITOR)
        summary = refresh_as(con, actor=EDITOR)
        assert summary["mode"] == "full"  # the batch's status changed: never an incremental refresh
        assert _tables(con, "raw_survey_responses", "raw_survey_response_versions") == raw
        assert _marts(con) == imported
    finally:
        con.close()


def test_pipelines_cli_restore(tmp_path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    assert pipelines_main(["load", "events", str(FIX / "events.csv"), "--db", str(db), "--no-refresh"]) == 0
    con = connect(db)
    batch = con.execute("select batch_id from import_batches").fetchall()[0][0]
    con.close()
    assert pipelines_main(["rollback", batch, "--db", str(db), "--no-refresh"]) == 0
    capsys.readouterr()
    assert pipelines_main(["restore", batch, "--db", str(db), "--no-refresh"]) == 0
    assert capsys.readouterr().out.startswith(f"restored {batch} (events): ")
    assert pipelines_main(["restore", batch, "--db", str(db), "--no-refresh"]) == 2
    assert "is not rolled back; nothing to restore" in capsys.readouterr().err


def test_surveys_cli_restore(tmp_path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    path = _write_csv(tmp_path / "s.csv", [["Response ID", "Date", "NPS"], ["r1", "2024-01-01 10:00", "9"]])
    assert surveys_main(["import", str(path), "--db", str(db), "--no-refresh"]) == 0
    con = connect(db)
    batch = con.execute("select batch_id from import_batches").fetchall()[0][0]
    con.close()
    assert surveys_main(["rollback", batch, "--db", str(db), "--no-refresh"]) == 0
    assert surveys_main(["import", str(path), "--db", str(db), "--no-refresh"]) == 0  # the same file again
    capsys.readouterr()
    assert surveys_main(["restore", batch, "--db", str(db), "--no-refresh"]) == 2
    assert "the same file was imported again as batch" in capsys.readouterr().err
