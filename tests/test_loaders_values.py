"""Value maps with "*": every other non-empty value becomes one value (choice, text, yes/no and
whole-number targets), never overriding a value the column already reads, and the load says which."""

from __future__ import annotations

import csv
import gzip
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from core.db import connect
from pipelines.loaders import load_file, preview_load
from tests.actors import EDITOR

MAPS = Path(__file__).resolve().parent.parent / "data" / "mappings"

STATUSES = ["delivered"] * 6 + [
    "shipped",
    "invoiced",
    "processing",
    "canceled",
    "unavailable",
    "approved",
    "Delivered",
    "failed",
    "error",
    "",
]


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    yield c
    c.close()


def _write_csv(path: Path, rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(rows)
    return path


def _order_status_log(tmp_path: Path) -> Path:
    """An e-commerce order export: one status event per order, statuses nobody listed."""
    rows = [["order_id", "customer_unique_id", "order_status", "order_purchase_timestamp"]]
    rows += [
        [f"ord-{i:03d}", f"cust-{i % 5}", status, f"2026-02-{i + 1:02d} 14:{i:02d}:00"]
        for i, status in enumerate(STATUSES)
    ]
    return _write_csv(tmp_path / "olist_orders.csv", rows)


MAPPING = {
    "kind": "events",
    "columns": {
        "journey_id": "order_id",
        "customer_id": "customer_unique_id",
        "outcome": "order_status",
        "occurred_at": "order_purchase_timestamp",
    },
    "constants": {"activity": "order_status_update"},
}


def test_without_a_catch_all_unlisted_statuses_are_refused(con, tmp_path) -> None:
    mapping = {**MAPPING, "values": {"outcome": {"canceled": "failed", "unavailable": "failed"}}}
    result = load_file(con, "events", _order_status_log(tmp_path), mapping, actor=EDITOR)
    assert result.status == "rejected"
    assert {p.value for p in result.problems} == {
        "delivered",
        "Delivered",
        "shipped",
        "invoiced",
        "processing",
        "approved",
    }
    assert all(p.reason.startswith("unknown outcome") for p in result.problems)


def test_catch_all_outcome_loads_every_status(con, tmp_path) -> None:
    mapping = {**MAPPING, "values": {"outcome": {"canceled": "failed", "unavailable": "failed", "*": "ok"}}}
    preview = preview_load(con, "events", _order_status_log(tmp_path), mapping)
    assert preview.ok, preview.report_csv()
    [note] = [n for n in preview.notes if '"*"' in n]
    assert note.startswith(
        "11 row(s) of column 'order_status' have a value that 'values: outcome:' "
        "does not list, loaded as outcome 'ok'"
    )
    assert "'delivered' (6 rows)" in note and "'shipped' (1 rows)" in note
    result = load_file(con, "events", _order_status_log(tmp_path), mapping, actor=EDITOR)
    assert result.status == "imported"
    got = dict(con.execute("select journey_id, outcome from raw_journey_events").fetchall())
    by_status = {status: got[f"ord-{i:03d}"] for i, status in enumerate(STATUSES)}
    assert by_status == {
        "delivered": "ok",
        "shipped": "ok",
        "invoiced": "ok",
        "processing": "ok",
        "approved": "ok",
        "Delivered": "ok",
        "canceled": "failed",
        "unavailable": "failed",  # listed
        "failed": "failed",  # already a valid outcome: kept
        "error": "failed",  # a built-in synonym: kept
        "": "ok",  # empty: the column's default, not "*"
    }


def test_catch_all_failed_keeps_recognised_values(con, tmp_path) -> None:
    mapping = {**MAPPING, "values": {"outcome": {"delivered": "ok", "*": "failed"}}}
    assert load_file(con, "events", _order_status_log(tmp_path), mapping, actor=EDITOR).ok
    assert con.execute(
        "select outcome, count(*) from raw_journey_events group by 1 order by 1"
    ).fetchall() == [("failed", 8), ("ok", 8)]  # 7 delivered + the empty one


def test_catch_all_for_text_yes_no_and_number_columns(con, tmp_path) -> None:
    path = _write_csv(
        tmp_path / "tiketit.csv",
        [
            ["Tiketin ID", "Asiakas", "Avattu", "Kanava", "Aihe", "Ratkaistu", "Siirrot"],
            ["T1", "C1", "2026-03-01 10:00", "Puhelu", "Laskuvirhe", "kyllä", "2"],
            ["T2", "C2", "2026-03-01 11:00", "Puhelu", "Toimitus myöhässä", "ehkä", "-"],
            ["T3", "C3", "2026-03-01 12:00", "Puhelu", "Muu asia", "ei", ""],
            ["T4", "C4", "2026-03-01 13:00", "Puhelu", "", "", "n/a"],
        ],
    )
    mapping = {
        "kind": "contacts",
        "columns": {
            "contact_id": "Tiketin ID",
            "customer_id": "Asiakas",
            "opened_at": "Avattu",
            "channel": "Kanava",
            "reason": "Aihe",
            "resolved": "Ratkaistu",
            "transfers": "Siirrot",
        },
        "values": {
            "reason": {"Laskuvirhe": "invoice_error", "*": "other"},
            "resolved": {"*": False},
            "transfers": {"*": 0},
        },
    }
    result = load_file(con, "contacts", path, mapping, actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert con.execute(
        "select contact_id, reason, resolved, transfers from raw_contacts order by 1"
    ).fetchall() == [
        ("T1", "invoice_error", True, 2),
        ("T2", "other", False, 0),
        ("T3", "other", False, 0),  # 'ei' is a yes/no word; empty transfers = default 0
        ("T4", None, None, 0),
    ]  # empty cells stay empty
    notes = [n for n in result.notes if '"*"' in n]
    assert len(notes) == 3
    assert any(
        "'Toimitus myöhässä' (1 rows), 'Muu asia' (1 rows)" in n
        or "'Muu asia' (1 rows), 'Toimitus myöhässä' (1 rows)" in n
        for n in notes
    )


def test_shipped_order_log_mapping_on_a_compressed_export(con, tmp_path) -> None:
    """data/mappings/order_log_status.yaml: a .csv.gz order log in Sao Paulo time, free statuses."""
    head = "order_id,customer_unique_id,event,event_timestamp,order_status,order_estimated_delivery_date\n"
    body = (
        "o-1,u-1,order_purchase,2026-02-10 21:05:11,delivered,2026-02-20 00:00:00\n"
        "o-1,u-1,order_approved,2026-02-10 21:05:11,delivered,\n"
        "o-1,u-1,delivered_carrier,2026-02-12 09:00:00,shipped,\n"
        "o-1,u-1,delivered_customer,2026-02-23 15:30:00,delivered,2026-02-20 00:00:00\n"
        "o-2,u-2,order_purchase,2026-02-11 08:00:00,canceled,\n"
    )
    path = tmp_path / "orders.csv.gz"
    path.write_bytes(gzip.compress((head + body).encode("utf-8")))
    result = load_file(con, "events", path, MAPS / "order_log_status.yaml", actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert (result.timezone, result.timezone_source, result.compressed) == (
        "America/Sao_Paulo",
        "mapping",
        "gzip",
    )
    [note] = result.notes  # every activity is mapped; "*" caught delivered and shipped
    assert "'delivered' (3 rows), 'shipped' (1 rows)" in note
    rows = con.execute(
        "select journey_id, activity, occurred_at, outcome, promised_at, source_row "
        "from raw_journey_events order by occurred_at, source_row"
    ).fetchall()
    assert rows == [
        ("o-1", "order_placed", datetime(2026, 2, 11, 0, 5, 11), "ok", datetime(2026, 2, 20, 3, 0), 1),
        ("o-1", "payment_authorised", datetime(2026, 2, 11, 0, 5, 11), "ok", None, 2),
        ("o-2", "order_placed", datetime(2026, 2, 11, 11, 0), "failed", None, 5),
        ("o-1", "shipped", datetime(2026, 2, 12, 12, 0), "ok", None, 3),
        ("o-1", "delivered", datetime(2026, 2, 23, 18, 30), "ok", datetime(2026, 2, 20, 3, 0), 4),
    ]
