"""Systems loads: formats, mappings, row-level problems, all-or-nothing, idempotency, upsert, rollback."""

from __future__ import annotations

import csv
import io
import shutil
from datetime import datetime
from pathlib import Path

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from core.batch_rollback import RollbackResult, rollback, rollback_batch
from core.batches import list_batches
from core.db import connect
from core.reading import Limits
from pipelines.loaders import LoadMapping, load_file, preview_load
from tests.actors import EDITOR

ROOT = Path(__file__).resolve().parent.parent
FIX = Path(__file__).parent / "fixtures" / "systems"
MAPS = ROOT / "data" / "mappings"
T = datetime


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    yield c
    c.close()


def _rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


def _snapshot(con) -> dict[str, list[tuple]]:
    """Every row of every table, sorted (the database content a rejected load must not change)."""
    names = [
        r[0]
        for r in _rows(
            con, "select table_name from information_schema.tables where table_schema = 'main' order by 1"
        )
    ]
    return {n: sorted(_rows(con, f"select * from {n}"), key=repr) for n in names}


def _write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


EVENT_HEAD = ["event_id", "customer_id", "journey_id", "activity", "occurred_at", "outcome", "promised_at"]


# --- formats and mappings ------------------------------------------------------------------------


def test_finnish_ticketing_csv_with_mapping(con) -> None:
    result = load_file(con, "contacts", FIX / "ticketing_fi.csv", MAPS / "ticketing_fi.yaml", actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert (result.rows_read, result.rows_written, result.rows_skipped) == (6, 6, 0)
    got = _rows(
        con,
        "select contact_id, customer_id, journey_id, opened_at, closed_at, channel, "
        "reason, handling_team, transfers, resolved, escalated_to, escalation_asked_at, "
        "escalation_answered_at from raw_contacts order by contact_id",
    )
    # the file's times are Finnish local time (EET, +2 in early March); stored as UTC
    assert got == [
        (
            "T-10001",
            "C0000001",
            "J000000001",
            T(2026, 3, 3, 7, 15),
            T(2026, 3, 3, 7, 31),
            "phone",
            "invoice_error",
            "billing",
            1,
            True,
            "billing",
            T(2026, 3, 3, 7, 20),
            T(2026, 3, 4, 8, 5),
        ),
        (
            "T-10002",
            "C0000002",
            None,
            T(2026, 3, 4, 12, 2),
            T(2026, 3, 5, 6, 40),
            "email",
            "where_is_my_order",
            "customer_service",
            0,
            False,
            None,
            None,
            None,
        ),
        (
            "T-10003",
            "C0000003",
            "J000000003",
            T(2026, 3, 5, 8, 0),
            T(2026, 3, 5, 8, 12),
            "chat",
            "product_question",
            "customer_service",
            0,
            True,
            None,
            None,
            None,
        ),
        (
            "T-10004",
            "C0000001",
            "J000000001",
            T(2026, 3, 6, 6, 5),
            None,
            "web_form",
            "damaged_delivery",
            "customer_service",
            2,
            None,
            "logistics",
            T(2026, 3, 6, 7, 0),
            None,
        ),
        (
            "T-10005",
            "C0000004",
            None,
            T(2026, 3, 7, 14, 45),
            T(2026, 3, 7, 15, 1),
            "phone",
            "complaint",
            "customer_service",
            0,
            True,
            None,
            None,
            None,
        ),
        # ISO times are accepted beside the mapping's formats; "0,0" with decimal_comma is 0
        (
            "T-10006",
            "C0000005",
            None,
            T(2026, 3, 8, 9, 30),
            T(2026, 3, 8, 9, 41),
            "social",
            "other",
            "customer_service",
            0,
            False,
            None,
            None,
            None,
        ),
    ]
    assert (result.timezone, result.timezone_source) == ("Europe/Helsinki", "mapping")
    assert _rows(con, "select kind, source_file, row_count, status from import_batches") == [
        ("contacts", "ticketing_fi.csv", 6, "active")
    ]


def test_telephony_xlsx_sheet_constant_channel_and_utc_times(con) -> None:
    result = load_file(con, "contacts", FIX / "telephony.xlsx", MAPS / "telephony_utc.yaml", actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    got = _rows(
        con,
        "select contact_id, opened_at, closed_at, channel, reason, handling_team, "
        "transfers, resolved from raw_contacts order by contact_id",
    )
    assert got == [
        # the report's times are UTC (timezone: UTC) and are stored as they are
        (
            "CALL-5001",
            T(2026, 3, 3, 7, 15),
            T(2026, 3, 3, 7, 24),
            "phone",
            "where_is_my_order",
            "customer_service",
            0,
            True,
        ),
        (
            "CALL-5002",
            T(2026, 3, 3, 8, 2),
            T(2026, 3, 3, 8, 19),
            "phone",
            "invoice_error",
            "billing",
            1,
            False,
        ),
        (
            "CALL-5003",
            T(2026, 6, 10, 6, 0),
            T(2026, 6, 10, 6, 6),
            "phone",
            "login_problem",
            "customer_service",
            0,
            True,
        ),
    ]


def test_order_events_parquet_typed_utc_columns(con) -> None:
    result = load_file(con, "events", FIX / "order_events.parquet", MAPS / "order_events.yaml", actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    got = _rows(
        con,
        "select event_id, journey_id, activity, occurred_at, outcome, promised_at "
        "from raw_journey_events order by event_id",
    )
    # TIMESTAMP WITH TIME ZONE columns are instants: stored as their UTC time
    assert got[:3] == [
        ("ev-0001", "ORD-77001", "order_placed", T(2026, 3, 10, 8, 0), "ok", None),
        ("ev-0002", "ORD-77001", "payment_authorised", T(2026, 3, 10, 8, 1), "failed", None),
        ("ev-0003", "ORD-77001", "payment_authorised", T(2026, 3, 10, 8, 4), "ok", None),
    ]
    assert got[-1] == ("ev-0006", "ORD-77001", "delivered", T(2026, 7, 1, 9, 0), "ok", T(2026, 6, 30, 15, 0))


def test_customers_csv_with_bom_and_value_maps(con) -> None:
    result = load_file(
        con, "customers", FIX / "customers_fi.csv", MAPS / "billing_customers_fi.yaml", actor=EDITOR
    )
    assert result.status == "imported", result.report_csv()
    assert _rows(con, "select customer_id, segment, region, tier from raw_customers order by 1") == [
        ("C0000001", "household", "Uusimaa", "plus"),
        ("C0000002", "small_business", "Pirkanmaa", "basic"),
        ("C0000003", "premium", "Lappi", "plus"),
        ("C0000004", "household", "Pohjois-Pohjanmaa", "basic"),
    ]


def test_no_mapping_uses_target_names_and_synonyms(con, tmp_path) -> None:
    assert load_file(con, "events", FIX / "events.csv", actor=EDITOR).status == "imported"
    assert load_file(con, "customers", FIX / "customers.csv", actor=EDITOR).status == "imported"
    assert _rows(con, "select count(*) from raw_journey_events")[0][0] == 8
    path = _write_csv(
        tmp_path / "tiketit.csv",
        [
            ["Yhteydenotto", "Asiakasnumero", "Avattu", "Suljettu", "Kanava", "Syy", "Siirrot"],
            ["K1", "C1", "2026-03-01 10:00", "2026-03-01 10:05", "Puhelin", "invoice_error", "0"],
        ],
        ";",
    )
    preview = preview_load(con, "contacts", path)
    how = {m.target: (m.how, m.source) for m in preview.columns}
    assert how["contact_id"] == ("auto", "Yhteydenotto")
    assert how["opened_at"] == ("auto", "Avattu")
    assert how["reason"] == ("auto", "Syy")
    assert how["journey_id"] == ("missing", None)
    assert preview.mapping.columns["channel"] == "Kanava"  # the effective mapping, editable
    assert preview.ok and preview.rows_read == 1
    assert load_file(con, "contacts", path, actor=EDITOR).status == "imported"
    assert _rows(con, "select channel, transfers from raw_contacts") == [("phone", 0)]


def test_mapping_from_dict_decimal_comma_timezone_and_constants(con, tmp_path) -> None:
    path = _write_csv(
        tmp_path / "calls.csv",
        [
            ["id", "asiakas", "alku", "siirtoja", "ok"],
            ["P1", "C1", "1.2.2026 08.30", "2,0", "K"],
            ["P2", "C2", "2026-02-01T06:00:00Z", "1", "E"],
        ],
        ";",
    )
    mapping = LoadMapping.from_dict(
        {
            "columns": {
                "contact_id": "id",
                "customer_id": "asiakas",
                "opened_at": "alku",
                "transfers": "siirtoja",
                "resolved": "ok",
            },
            "timestamp_formats": ["%d.%m.%Y %H.%M"],
            "decimal_comma": True,
            "timezone": "UTC",
            "constants": {"channel": "Puhelu", "handling_team": "contact_centre"},
            "values": {"resolved": {"K": True, "E": False}},
        },
        "contacts",
    )
    assert mapping.constants["channel"] == "phone"  # built-in synonym applied to the constant
    result = load_file(con, "contacts", path, mapping, actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert _rows(
        con,
        "select contact_id, opened_at, channel, handling_team, transfers, resolved "
        "from raw_contacts order by 1",
    ) == [
        ("P1", T(2026, 2, 1, 8, 30), "phone", "contact_centre", 2, True),  # timezone: UTC
        ("P2", T(2026, 2, 1, 6, 0), "phone", "contact_centre", 1, False),  # explicit Z
    ]
    assert LoadMapping.from_dict(mapping.to_dict(), "contacts") == mapping


def test_iso_offsets_are_instants_and_naive_times_are_in_the_company_zone(con, tmp_path) -> None:
    path = _write_csv(
        tmp_path / "events.csv",
        [
            EVENT_HEAD,
            ["e1", "C1", "J1", "login", "2026-07-01T10:00:00+00:00", "ok", ""],
            ["e2", "C1", "J1", "login", "2026-07-01 10:00:00+03:00", "ok", ""],
            ["e3", "C1", "J1", "login", "2026-07-01 10:00", "ok", ""],
            ["e4", "C1", "J1", "login", "2026-01-15", "ok", ""],
        ],
    )
    result = load_file(con, "events", path, actor=EDITOR)
    assert result.status == "imported"
    # no --timezone, no mapping: naive times are in the company's zone (Europe/Helsinki)
    assert (result.timezone, result.timezone_source) == ("Europe/Helsinki", "company")
    assert _rows(con, "select occurred_at from raw_journey_events order by event_id") == [
        (T(2026, 7, 1, 10, 0),),
        (T(2026, 7, 1, 7, 0),),
        (T(2026, 7, 1, 7, 0),),
        (T(2026, 1, 14, 22, 0),),
    ]


def test_events_without_id_column_get_a_stable_generated_id(con, tmp_path) -> None:
    rows = [
        ["case", "activity", "timestamp", "customer"],
        ["J1", "order_placed", "2026-03-01 10:00", "C1"],
        ["J1", "shipped", "2026-03-02 10:00", "C1"],
    ]
    first = _write_csv(tmp_path / "a.csv", rows)
    second = _write_csv(tmp_path / "b.csv", rows + [["J1", "delivered", "2026-03-03 10:00", "C1"]])
    assert load_file(con, "events", first, actor=EDITOR).status == "imported"
    result = load_file(con, "events", second, actor=EDITOR)
    assert result.status == "imported" and result.rows_replaced == 2
    ids = _rows(con, "select event_id from raw_journey_events order by occurred_at")
    assert len(ids) == 3 and all(i[0].startswith("gen-") for i in ids)
    dup = _write_csv(tmp_path / "c.csv", rows + [rows[1]])
    bad = load_file(con, "events", dup, actor=EDITOR)
    assert bad.status == "rejected"
    assert (bad.problems[0].row, bad.problems[0].column) == (4, "event_id")
    assert "same customer, journey, activity and time as row 2" in bad.problems[0].reason


# --- validation: row, column, value and reason ---------------------------------------------------


def test_every_contact_rule_names_row_column_and_value(con) -> None:
    before = _snapshot(con)
    result = load_file(
        con, "contacts", FIX / "ticketing_fi_broken.csv", MAPS / "ticketing_fi.yaml", actor=EDITOR
    )
    assert result.status == "rejected" and result.rows_written == 0
    got = [(p.row, p.column, p.value, p.reason.split(" (")[0]) for p in result.problems]
    assert got == [
        (3, "Avattu", "31.2.2026 9:00", "unparseable opened_at"),
        (4, "Suljettu", "5.3.2026 9:00", "closed before opened"),
        (5, "Kanava", "Faksi", "unknown channel"),
        (6, "Siirrot", "-1", "negative transfers"),
        (7, "Tiketin ID", "T-20001", "duplicate contact_id"),
        # line 8 is blank: the row numbers below are the file's lines
        (9, "Asiakasnumero", "", "missing customer_id"),
        (10, "Ratkaistu", "ehkä", "resolved is not a yes/no value"),
        (11, "Siirrot", "kaksi", "transfers is not a number"),
        (12, "Eskalointiin vastattu", "5.3.2026 12:00", "escalation answered before it was asked"),
        (13, "Siirrot", "1,5", "transfers must be a whole number"),
    ]
    assert "also on row 2" in result.problems[4].reason
    assert "%d.%m.%Y %H:%M" in result.problems[0].reason
    assert (result.rows_read, result.rows_skipped) == (12, 10)
    assert _snapshot(con) == before
    report = list(csv.reader(io.StringIO(result.report_csv())))
    assert report[0] == ["row", "column", "value", "reason"] and len(report) == 11


def test_every_event_rule_names_row_column_and_value(con) -> None:
    result = load_file(con, "events", FIX / "events_broken.csv", actor=EDITOR)
    got = [(p.row, p.column, p.value, p.reason.split(" (")[0]) for p in result.problems]
    assert got == [
        (3, "outcome", "pending", "unknown outcome"),
        (4, "event_id", "E-1", "duplicate event_id"),
        (5, "occurred_at", "eilen", "unparseable occurred_at"),
        (6, "journey_id", "", "missing journey_id"),
        (7, "promised_at", "huomenna", "unparseable promised_at"),
    ]


def test_missing_required_column_rejects_the_file(con) -> None:
    result = load_file(
        con, "contacts", FIX / "telephony_no_start.xlsx", MAPS / "telephony_utc.yaml", actor=EDITOR
    )
    assert result.status == "rejected"
    [problem] = result.problems
    assert (problem.row, problem.column) == (1, "Call start (UTC)")
    assert "opened_at" in problem.reason and "not in the file" in problem.reason
    path = FIX / "customers.csv"
    result = load_file(con, "contacts", path, actor=EDITOR)
    assert {p.column for p in result.problems} == {"contact_id", "opened_at", "channel"}
    assert all("required column" in p.reason for p in result.problems)


def test_xlsx_problem_rows_are_sheet_rows(con, tmp_path) -> None:
    import openpyxl

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["customer_id", "segment"])
    ws.append(["C1", "household"])
    ws.append([None, None])
    ws.append([None, "premium"])
    ws.append(["C1", "premium"])
    wb.save(tmp_path / "y.xlsx")
    result = load_file(con, "customers", tmp_path / "y.xlsx", actor=EDITOR)
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (4, "customer_id", "missing customer_id"),
        (5, "customer_id", "duplicate customer_id (also on row 2)"),
    ]


def test_malformed_csv_is_a_problem_not_a_crash(con, tmp_path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("customer_id,segment\nC1,household\nC2,premium,extra,fields\n", encoding="utf-8")
    result = load_file(con, "customers", path, actor=EDITOR)
    assert result.status == "rejected"
    assert result.problems[0].row == 3 and "fields" in result.problems[0].reason
    short = tmp_path / "short.csv"
    short.write_text("customer_id,segment,region\nC1,household\nC2,premium,Lappi\n", encoding="utf-8")
    assert load_file(con, "customers", short, actor=EDITOR).status == "imported"  # short rows are padded
    assert _rows(con, "select customer_id, region from raw_customers order by 1") == [
        ("C1", None),
        ("C2", "Lappi"),
    ]
    empty = tmp_path / "empty.csv"
    empty.write_text("", encoding="utf-8")
    assert "empty" in load_file(con, "customers", empty, actor=EDITOR).problems[0].reason
    only_header = tmp_path / "header.csv"
    only_header.write_text("customer_id,segment\n,\n", encoding="utf-8")
    result = load_file(con, "customers", only_header, actor=EDITOR)
    assert result.status == "rejected" and result.problems[0].reason == "the file has no data rows"


def test_row_limit(con) -> None:
    result = load_file(con, "events", FIX / "events.csv", limits=Limits(max_rows=5), actor=EDITOR)
    assert result.status == "rejected" and "maximum of 5" in result.problems[0].reason
    assert _rows(con, "select count(*) from raw_journey_events")[0][0] == 0


def test_valid_rows_only_loads_the_rest(con) -> None:
    result = load_file(
        con,
        "contacts",
        FIX / "ticketing_fi_broken.csv",
        MAPS / "ticketing_fi.yaml",
        valid_rows_only=True,
        actor=EDITOR,
    )
    assert result.status == "imported"
    assert (result.rows_written, result.rows_skipped, len(result.problems)) == (2, 10, 10)
    assert _rows(con, "select contact_id, customer_id from raw_contacts order by 1") == [
        ("T-20001", "C0000001"),
        ("T-20012", "C0000012"),
    ]  # the first T-20001 is kept
    assert _rows(con, "select row_count from import_batches") == [(2,)]


# --- idempotency, upsert, rollback ---------------------------------------------------------------


def test_reimport_of_the_same_file_is_a_no_op(con, tmp_path) -> None:
    first = load_file(con, "events", FIX / "events.csv", actor=EDITOR)
    before = _snapshot(con)
    copy = tmp_path / "renamed.csv"
    shutil.copy(FIX / "events.csv", copy)
    again = load_file(con, "events", copy, actor=EDITOR)
    assert again.status == "already_imported" and again.batch_id == first.batch_id
    assert _snapshot(con) == before


def test_overlapping_file_upserts_by_event_id(con) -> None:
    load_file(con, "events", FIX / "events.csv", actor=EDITOR)
    second = load_file(con, "events", FIX / "events_overlap.csv", actor=EDITOR)
    assert (second.status, second.rows_written, second.rows_replaced) == ("imported", 3, 2)
    assert _rows(con, "select count(*), count(distinct event_id) from raw_journey_events") == [(9, 9)]
    assert _rows(
        con,
        "select event_id, outcome from raw_journey_events where event_id in ('E-6', 'E-8', 'E-9') order by 1",
    ) == [("E-6", "ok"), ("E-8", "failed"), ("E-9", "ok")]


def test_rollback_restores_replaced_rows(con) -> None:
    first = load_file(con, "events", FIX / "events.csv", actor=EDITOR)
    original = _snapshot(con)["raw_journey_events"]
    second = load_file(con, "events", FIX / "events_overlap.csv", actor=EDITOR)
    done = rollback(con, second.batch_id, actor=EDITOR)
    assert done == RollbackResult(second.batch_id, "events", deleted=3, restored=2)
    assert _snapshot(con)["raw_journey_events"] == original
    statuses = {b["batch_id"]: b["status"] for b in list_batches(con, "events")}
    assert statuses == {first.batch_id: "active", second.batch_id: "rolled_back"}
    # rolling back again changes nothing; the same file may be loaded again after a rollback
    assert rollback(con, second.batch_id, actor=EDITOR).already_rolled_back
    assert rollback_batch(con, second.batch_id, actor=EDITOR) == 0
    assert load_file(con, "events", FIX / "events_overlap.csv", actor=EDITOR).status == "imported"


def test_rollback_of_a_middle_batch_hands_its_archive_to_the_later_one(con, tmp_path) -> None:
    def load(name: str, activity: str) -> str:
        path = _write_csv(
            tmp_path / name, [EVENT_HEAD, ["E-1", "C1", "J1", activity, "2026-03-01 10:00", "ok", ""]]
        )
        result = load_file(con, "events", path, actor=EDITOR)
        assert result.status == "imported", result.report_csv()
        return result.batch_id

    def current() -> list[tuple]:
        return _rows(con, "select batch_id, activity from raw_journey_events")

    a, b, c = load("a.csv", "login"), load("b.csv", "login_b"), load("c.csv", "login_c")
    assert current() == [(c, "login_c")]
    # b's row was already replaced by c: nothing of b is current, nothing comes back
    assert rollback(con, b, actor=EDITOR) == RollbackResult(b, "events", deleted=0, restored=0, superseded=1)
    assert current() == [(c, "login_c")]
    # rolling back c restores what b had replaced (a's row), never b's rolled-back row
    assert rollback(con, c, actor=EDITOR).restored == 1
    assert current() == [(a, "login")]
    assert rollback_batch(con, a, actor=EDITOR) == 1
    assert current() == []
    assert _rows(con, "select count(*) from raw_journey_event_versions") == [(0,)]


def test_rollback_of_a_contacts_load_over_demo_rows(con, tmp_path) -> None:
    con.execute(
        "insert into raw_contacts (contact_id, batch_id, customer_id, opened_at, channel) "
        "values ('K1', 'demo-S-7', 'C1', '2026-01-01 10:00', 'chat')"
    )
    con.execute(
        "insert into import_batches values ('demo-S-7', 'demo', 'demo', null, 'demo', "
        "'2026-01-01', 1, 'active')"
    )
    before = _snapshot(con)["raw_contacts"]
    path = _write_csv(
        tmp_path / "k.csv",
        [
            ["contact_id", "customer_id", "opened_at", "channel"],
            ["K1", "C1", "2026-01-01 10:00", "phone"],
            ["K2", "C2", "2026-01-02 10:00", "email"],
        ],
    )
    result = load_file(con, "contacts", path, actor=EDITOR)
    assert result.rows_replaced == 1
    assert _rows(con, "select channel from raw_contacts where contact_id = 'K1'") == [("phone",)]
    assert rollback(con, result.batch_id, actor=EDITOR).restored == 1
    assert _snapshot(con)["raw_contacts"] == before
    with pytest.raises(ValueError, match="demo"):
        rollback_batch(con, "demo-S-7", actor=EDITOR)
    with pytest.raises(KeyError):
        rollback_batch(con, "no-such-batch", actor=EDITOR)


def test_list_batches_all_kinds(con) -> None:
    load_file(con, "events", FIX / "events.csv", actor=EDITOR)
    load_file(con, "customers", FIX / "customers.csv", actor=EDITOR)
    assert [b["kind"] for b in list_batches(con)] == ["events", "customers"]
    assert [b["source_file"] for b in list_batches(con, "customers")] == ["customers.csv"]


def test_preview_writes_nothing_and_shows_samples(con) -> None:
    before = _snapshot(con)
    preview = preview_load(con, "contacts", FIX / "telephony.xlsx", MAPS / "telephony_utc.yaml")
    assert _snapshot(con) == before
    assert preview.format == "xlsx" and preview.sheet == "Calls"
    assert preview.sheets == ["Summary", "Calls"]
    assert preview.unused_columns == ["Agent"]
    assert list(preview.sample.columns)[:2] == ["Call ID", "Customer number"]
    assert preview.mapped_sample["channel"].tolist() == ["phone"] * 3
    assert preview.mapped_sample["opened_at"].iloc[0] == T(2026, 3, 3, 7, 15)  # as stored: UTC
    assert {m.target: m.how for m in preview.columns}["channel"] == "constant"
    assert preview.ok and preview.already_imported is None
    broken = preview_load(con, "events", FIX / "events_broken.csv")
    assert not broken.ok and broken.rows_with_problems == 5
    load_file(con, "contacts", FIX / "telephony.xlsx", MAPS / "telephony_utc.yaml", actor=EDITOR)
    again = preview_load(con, "contacts", FIX / "telephony.xlsx", MAPS / "telephony_utc.yaml")
    assert again.already_imported is not None


def test_progress_is_reported(con) -> None:
    seen: list[tuple[float, str]] = []
    load_file(con, "events", FIX / "events.csv", progress=lambda f, m: seen.append((f, m)), actor=EDITOR)
    assert seen[-1] == (1.0, "done")
    assert [f for f, _ in seen] == sorted(f for f, _ in seen)


def test_parquet_without_mapping_and_nested_columns(con, tmp_path) -> None:
    table = pa.table(
        {
            "customer_id": ["C1", "C2"],
            "segment": ["household", None],
            "tags": pa.array([[1, 2], []], type=pa.list_(pa.int64())),
        }
    )
    pq.write_table(table, tmp_path / "c.parquet")
    result = load_file(con, "customers", tmp_path / "c.parquet", actor=EDITOR)
    assert result.status == "imported"
    assert _rows(con, "select customer_id, segment from raw_customers order by 1") == [
        ("C1", "household"),
        ("C2", None),
    ]
    dup = pa.table({"customer_id": ["C3", "C3"]})
    pq.write_table(dup, tmp_path / "d.parquet")
    bad = load_file(con, "customers", tmp_path / "d.parquet", actor=EDITOR)
    assert [(p.row, p.reason) for p in bad.problems] == [(2, "duplicate customer_id (also on row 1)")]


def test_notes_name_values_the_journey_map_does_not_know(con) -> None:
    mapped = load_file(con, "events", FIX / "order_events.parquet", MAPS / "order_events.yaml", actor=EDITOR)
    assert mapped.status == "imported" and mapped.notes == []
    raw = LoadMapping.from_yaml(MAPS / "order_events.yaml")
    del raw.values["activity"]
    preview = preview_load(con, "events", FIX / "order_events.parquet", raw)
    [note] = preview.notes
    assert "'PAYMENT_AUTHORISED' (2 rows)" in note and "no activity rule" in note
    contacts = preview_load(
        con,
        "contacts",
        FIX / "ticketing_fi.csv",
        {
            "kind": "contacts",
            "timestamp_formats": ["%d.%m.%Y %H:%M"],
            "decimal_comma": True,
            "columns": {"contact_id": "Tiketin ID", "channel": "Kanava"},
        },
    )
    assert contacts.ok, contacts.report_csv()
    [note] = contacts.notes
    assert "'Laskuvirhe' (1 rows)" in note and "'Muu' (1 rows)" in note


def test_preview_of_a_file_missing_a_column_still_shows_it(con) -> None:
    preview = preview_load(con, "contacts", FIX / "telephony_no_start.xlsx", MAPS / "telephony_utc.yaml")
    assert not preview.ok and preview.problems[0].column == "Call start (UTC)"
    assert preview.sample["Call ID"].tolist() == ["CALL-5001", "CALL-5002", "CALL-5003"]
    assert preview.mapping.columns["opened_at"] == "Call start (UTC)"  # kept for editing
    assert {m.target: m.how for m in preview.columns}["opened_at"] == "missing"
    fixed = preview.mapping.to_dict()
    fixed["columns"]["opened_at"] = "Call end (UTC)"
    del fixed["columns"]["closed_at"]
    assert preview_load(con, "contacts", FIX / "telephony_no_start.xlsx", fixed).ok


def test_customers_overlap_upserts_and_stale_rollback_restores_nothing(con) -> None:
    first = load_file(
        con, "customers", FIX / "customers_fi.csv", MAPS / "billing_customers_fi.yaml", actor=EDITOR
    )
    second = load_file(con, "customers", FIX / "customers.csv", actor=EDITOR)
    assert (second.rows_written, second.rows_replaced) == (2, 1)
    assert _rows(
        con,
        "select customer_id, batch_id, segment, tier from raw_customers "
        "where customer_id in ('C0000001', 'C0000002') order by 1",
    ) == [
        ("C0000001", second.batch_id, "household", "plus"),
        ("C0000002", first.batch_id, "small_business", "basic"),
    ]
    # the raw rows were replaced by other means (e.g. a regenerated demo): nothing is resurrected
    con.execute("delete from raw_customers")
    assert rollback(con, second.batch_id, actor=EDITOR) == RollbackResult(second.batch_id, "customers")
    assert _rows(con, "select count(*) from raw_customers") == [(0,)]
    assert _rows(con, "select count(*) from raw_customer_versions") == [(0,)]


def test_utf16_and_quoted_line_breaks_keep_row_numbers(con, tmp_path) -> None:
    text = 'customer_id\tsegment\tregion\r\nC1\thousehold\t"Uusi-\r\nmaa"\r\nC1\tpremium\tLappi\r\n'
    (tmp_path / "u16.csv").write_bytes(text.encode("utf-16"))
    result = load_file(con, "customers", tmp_path / "u16.csv", actor=EDITOR)
    # the duplicate record starts on line 4: the quoted region spans lines 2-3
    assert [(p.row, p.value) for p in result.problems] == [(4, "C1")]
    ok = load_file(con, "customers", tmp_path / "u16.csv", valid_rows_only=True, actor=EDITOR)
    assert _rows(con, "select region from raw_customers") == [("Uusi-\r\nmaa",)]
    assert ok.rows_written == 1


def test_rollback_passes_survey_batches_to_the_survey_importer(con) -> None:
    from surveys.importer import import_file

    survey = import_file(
        con, Path(__file__).parent / "fixtures" / "surveys" / "google_forms.csv", actor=EDITOR
    )
    assert survey.status == "imported"
    done = rollback(con, survey.batch_id, actor=EDITOR)
    assert (done.kind, done.deleted) == ("surveys", 3)
    assert _rows(con, "select count(*) from raw_survey_responses") == [(0,)]
    assert [b["status"] for b in list_batches(con, "surveys")] == ["rolled_back"]
