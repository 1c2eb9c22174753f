"""`python -m pipelines load|batches|rollback`, and loaded data flowing through refresh into the marts."""

from __future__ import annotations

import csv
import io
from pathlib import Path

from core.db import connect
from pipelines.cli import main

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "systems"
MAPS = ROOT / "data" / "mappings"


def _query(db: Path, sql: str) -> list[tuple]:
    con = connect(db, read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def _load(db: Path, *args: str) -> int:
    return main(["load", *args, "--db", str(db)])


def test_loaded_systems_data_reaches_the_marts(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    assert (
        _load(
            db,
            "customers",
            str(FIX / "customers_fi.csv"),
            "--mapping",
            str(MAPS / "billing_customers_fi.yaml"),
            "--no-refresh",
        )
        == 0
    )
    assert _load(db, "events", str(FIX / "events.csv"), "--no-refresh") == 0
    assert (
        _load(db, "contacts", str(FIX / "ticketing_fi.csv"), "--mapping", str(MAPS / "ticketing_fi.yaml"))
        == 0
    )  # refreshes
    out = capsys.readouterr()
    assert "loaded batch contacts-" in out.out and "full refresh" in out.err
    rows = _query(
        db,
        "select reason, stage, owner, attribution, channel, segment, contacts "
        "from mart_contacts where reason in ('invoice_error', 'where_is_my_order', "
        "'damaged_delivery') order by reason",
    )
    assert rows == [
        ("damaged_delivery", "delivery", "logistics", "reason", "web_form", "household", 1),
        ("invoice_error", "invoicing", "billing", "reason", "phone", "household", 1),
        ("where_is_my_order", "delivery", "logistics", "reason", "email", "small_business", 1),
    ]
    # the loaded journey's late delivery and failed invoice are friction in staging
    events = _query(
        db,
        "select event_id, activity, is_failed, is_late from stg_journey_events "
        "where is_failed or is_late order by event_id",
    )
    assert events == [("E-5", "delivered", False, True), ("E-6", "invoice_sent", True, False)]
    assert _query(db, "select count(*) from int_journeys where journey_id = 'J000000001'") == [(1,)]


def test_rejected_load_prints_the_report_on_stdout_and_writes_nothing(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    code = _load(
        db, "contacts", str(FIX / "ticketing_fi_broken.csv"), "--mapping", str(MAPS / "ticketing_fi.yaml")
    )
    out = capsys.readouterr()
    assert code == 1
    report = list(csv.DictReader(io.StringIO(out.out)))
    assert len(report) == 10
    assert report[0] == {
        "row": "3",
        "column": "Avattu",
        "value": "31.2.2026 9:00",
        "reason": report[0]["reason"],
    }
    assert report[0]["reason"].startswith("unparseable opened_at")
    assert "nothing was written" in out.err and "--valid-rows-only" in out.err
    assert _query(db, "select count(*) from raw_contacts") == [(0,)]
    assert _query(db, "select count(*) from import_batches") == [(0,)]
    assert (
        _load(
            db,
            "contacts",
            str(FIX / "ticketing_fi_broken.csv"),
            "--mapping",
            str(MAPS / "ticketing_fi.yaml"),
            "--valid-rows-only",
            "--no-refresh",
        )
        == 0
    )
    assert _query(db, "select count(*) from raw_contacts") == [(2,)]


def test_invalid_mapping_file_exits_2(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "m.yaml"
    bad.write_text("kind: events\ntimezone: Atlantis\n", encoding="utf-8")
    code = _load(tmp_path / "cx.duckdb", "events", str(FIX / "events.csv"), "--mapping", str(bad))
    assert code == 2
    assert "m.yaml: invalid mapping" in capsys.readouterr().err


def test_reimport_batches_and_rollback(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    assert _load(db, "events", str(FIX / "events.csv"), "--no-refresh") == 0
    assert _load(db, "events", str(FIX / "events.csv"), "--no-refresh") == 0
    assert "already imported as batch events-" in capsys.readouterr().out
    assert _load(db, "events", str(FIX / "events_overlap.csv"), "--no-refresh") == 0
    capsys.readouterr()
    assert main(["batches", "--kind", "events", "--db", str(db)]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].split("\t")[:4] == ["batch_id", "kind", "status", "rows"]
    assert [line.split("\t")[1:4] for line in lines[1:]] == [
        ["events", "active", "8"],
        ["events", "active", "3"],
    ]
    second = lines[2].split("\t")[0]
    assert main(["rollback", second, "--db", str(db)]) == 0
    out = capsys.readouterr()
    assert "3 rows removed, 2 replaced rows restored" in out.out and "full refresh" in out.err
    assert _query(db, "select count(*) from stg_journey_events") == [(8,)]  # refreshed
    assert main(["rollback", "nope", "--db", str(db)]) == 2  # a user error: one line, exit 2
    assert "no import batch 'nope'" in capsys.readouterr().err


def test_incremental_refresh_sees_customers_whose_rows_a_load_replaced(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    head = "event_id,customer_id,journey_id,activity,occurred_at\n"
    first = tmp_path / "e1.csv"
    first.write_text(
        head + "E-1,C1,J1,order_placed,2026-03-01 10:00\nE-2,C2,J2,order_placed,2026-03-01 11:00\n",
        encoding="utf-8",
    )
    second = tmp_path / "e2.csv"  # E-1 was booked on the wrong customer and order
    second.write_text(head + "E-1,C3,J3,order_placed,2026-03-01 10:00\n", encoding="utf-8")
    assert _load(db, "events", str(first)) == 0
    assert _load(db, "events", str(second)) == 0
    assert "incremental refresh" in capsys.readouterr().err
    # int_journeys is rebuilt only for the changed customers: C1 must be among them (its row
    # was replaced, found through raw_journey_event_versions), else J1 would stay
    journeys = "select journey_id, customer_id from int_journeys order by 1"
    assert _query(db, journeys) == [("J2", "C2"), ("J3", "C3")]
    batch = _query(db, "select batch_id from import_batches order by imported_at desc limit 1")[0][0]
    assert main(["rollback", batch, "--db", str(db)]) == 0
    assert "full refresh" in capsys.readouterr().err
    assert _query(db, journeys) == [("J1", "C1"), ("J2", "C2")]
