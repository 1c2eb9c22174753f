"""Systems loads store naive UTC: the load's time zone, offsets, the autumn clock change, and
events in the same second keeping the order of their file (source_row)."""

from __future__ import annotations

import csv
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import openpyxl
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
import yaml

from core.batch_rollback import rollback
from core.db import connect
from pipelines.cli import main
from pipelines.journey_map import default_map_path
from pipelines.journey_map_store import save_version
from pipelines.loaders import MappingError, load_file, preview_load
from tests.actors import EDITOR

T = datetime
HELPDESK_HEAD = ["Case ID", "Activity", "Resource", "Complete Timestamp", "Variant", "customer", "product"]
HELPDESK_MAPPING = {
    "kind": "events",
    "columns": {
        "journey_id": "Case ID",
        "activity": "Activity",
        "occurred_at": "Complete Timestamp",
        "customer_id": "customer",
    },
    "timestamp_formats": ["%Y/%m/%d %H:%M:%S.%g"],
}


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    c.execute("set TimeZone = 'America/New_York'")  # nothing may depend on the session's zone
    yield c
    c.close()


def _write_csv(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


def _times(con, sql: str = "select event_id, occurred_at from raw_journey_events order by 1"):
    return con.execute(sql).fetchall()


def _set_company_zone(con, zone: str) -> None:
    data = yaml.safe_load(default_map_path().read_text(encoding="utf-8"))
    data["settings"]["timezone"] = zone
    save_version(con, yaml.safe_dump(data, allow_unicode=True, sort_keys=False), EDITOR)


# --- the load's time zone ------------------------------------------------------------------------


def _order_log(tmp_path: Path) -> Path:
    """An order system's event log exported in local time, with one row carrying an offset."""
    return _write_csv(
        tmp_path / "pedidos.csv",
        [
            ["event_id", "customer_id", "order_id", "event", "timestamp", "promised"],
            ["P-1", "C1", "O1", "order_placed", "2026-07-01 09:00:00", "2026-07-05 18:00:00"],
            ["P-2", "C1", "O1", "payment_authorised", "2026-07-01T12:00:05Z", ""],
            ["P-3", "C1", "O1", "delivered", "2026-07-04 10:30:00-03:00", ""],
        ],
    )


def test_naive_times_are_in_the_company_zone_by_default(con, tmp_path) -> None:
    result = load_file(con, "events", _order_log(tmp_path), actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert (result.timezone, result.timezone_source) == ("Europe/Helsinki", "company")
    assert _times(con, "select event_id, occurred_at, promised_at from raw_journey_events order by 1") == [
        ("P-1", T(2026, 7, 1, 6, 0), T(2026, 7, 5, 15, 0)),  # Helsinki summer time, +3
        ("P-2", T(2026, 7, 1, 12, 0, 5), None),  # Z: already UTC
        ("P-3", T(2026, 7, 4, 13, 30), None),
    ]  # -03:00 honoured


def test_company_zone_comes_from_the_journey_map_in_effect(con, tmp_path) -> None:
    _set_company_zone(con, "America/Sao_Paulo")
    result = load_file(con, "events", _order_log(tmp_path), actor=EDITOR)
    assert (result.timezone, result.timezone_source) == ("America/Sao_Paulo", "company")
    assert _times(con)[0] == ("P-1", T(2026, 7, 1, 12, 0))  # Sao Paulo is UTC-3


def test_given_zone_beats_the_mapping_and_the_mapping_beats_the_company(con, tmp_path) -> None:
    path = _order_log(tmp_path)
    preview = preview_load(con, "events", path, {"kind": "events", "timezone": "UTC"})
    assert (preview.timezone, preview.timezone_source) == ("UTC", "mapping")
    assert preview.mapped_sample["occurred_at"].iloc[0] == T(2026, 7, 1, 9, 0)
    result = load_file(
        con, "events", path, {"kind": "events", "timezone": "UTC"}, timezone="America/Sao_Paulo", actor=EDITOR
    )
    assert (result.timezone, result.timezone_source) == ("America/Sao_Paulo", "given")
    assert _times(con) == [
        ("P-1", T(2026, 7, 1, 12, 0)),
        ("P-2", T(2026, 7, 1, 12, 0, 5)),
        ("P-3", T(2026, 7, 4, 13, 30)),
    ]
    with pytest.raises(MappingError, match="'Mars/Olympus' is not a time zone name"):
        load_file(con, "events", path, timezone="Mars/Olympus", actor=EDITOR)


def test_parquet_naive_timestamps_are_in_the_load_zone_and_tz_aware_ones_are_instants(con, tmp_path) -> None:
    naive = [T(2026, 1, 10, 12, 0)]
    aware = [T(2026, 1, 10, 12, 0)]
    pq.write_table(
        pa.table(
            {
                "event_id": ["X1"],
                "customer_id": ["C1"],
                "journey_id": ["J1"],
                "activity": ["a"],
                "occurred_at": pa.array(naive, type=pa.timestamp("ms")),
                "promised_at": pa.array(aware, type=pa.timestamp("us", tz="America/New_York")),
            }
        ),
        tmp_path / "e.parquet",
    )
    assert load_file(con, "events", tmp_path / "e.parquet", timezone="Asia/Tokyo", actor=EDITOR).ok
    assert _times(con, "select occurred_at, promised_at from raw_journey_events") == [
        (T(2026, 1, 10, 3, 0), T(2026, 1, 10, 12, 0))
    ]  # Tokyo +9; the instant stays 12:00 UTC


def test_xlsx_times_are_in_the_load_zone(con, tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["event_id", "customer_id", "journey_id", "activity", "occurred_at"])
    ws.append(["X1", "C1", "J1", "shipped", T(2026, 3, 2, 8, 0)])
    wb.save(tmp_path / "e.xlsx")
    assert load_file(con, "events", tmp_path / "e.xlsx", timezone="Europe/London", actor=EDITOR).ok
    assert _times(con) == [("X1", T(2026, 3, 2, 8, 0))]  # London is UTC in March


def test_closed_before_opened_compares_instants_and_reports_local_time(con, tmp_path) -> None:
    path = _write_csv(
        tmp_path / "tickets.csv",
        [
            ["contact_id", "customer_id", "opened_at", "closed_at", "channel"],
            # across the autumn change: closed 03:20 EET is 30 minutes AFTER opened 03:50 EEST
            ["K1", "C1", "2026-10-25 03:50+03:00", "2026-10-25 03:20+02:00", "phone"],
            ["K2", "C1", "2026-10-26 10:00", "2026-10-26 09:00", "phone"],
        ],
    )
    result = load_file(con, "contacts", path, actor=EDITOR)
    assert [(p.row, p.column, p.reason) for p in result.problems] == [
        (3, "closed_at", "closed before opened (opened_at 2026-10-26 10:00)")
    ]  # the file's time


# --- the autumn clock change ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "times, zone",
    [
        (["2026-10-25T03:50:00+03:00", "2026-10-25T03:30:00+02:00"], None),  # local time with offsets
        (["2026-10-25 00:50:00", "2026-10-25 01:30:00"], "UTC"),  # exported in UTC
        (["2026-10-25T00:50:00Z", "2026-10-25T01:30:00Z"], None),  # Z
    ],
)
def test_events_across_the_autumn_change_keep_their_real_order(con, tmp_path, times, zone) -> None:
    """03:50 summer time and, 40 minutes later, 03:30 winter time: stored 00:50 and 01:30 UTC."""
    path = _write_csv(
        tmp_path / "log.csv",
        [
            ["event_id", "customer_id", "journey_id", "activity", "occurred_at"],
            ["A", "C1", "J1", "out_for_delivery", times[0]],
            ["B", "C1", "J1", "delivered", times[1]],
        ],
    )
    assert load_file(con, "events", path, timezone=zone, actor=EDITOR).status == "imported"
    assert _times(con, "select event_id, occurred_at from raw_journey_events order by occurred_at") == [
        ("A", T(2026, 10, 25, 0, 50)),
        ("B", T(2026, 10, 25, 1, 30)),
    ]


def test_parquet_instants_across_the_autumn_change_keep_their_order(con, tmp_path) -> None:
    utc = [T(2026, 10, 25, 0, 50, tzinfo=UTC), T(2026, 10, 25, 1, 30, tzinfo=UTC)]
    pq.write_table(
        pa.table(
            {
                "event_id": ["A", "B"],
                "customer_id": ["C1", "C1"],
                "journey_id": ["J1", "J1"],
                "activity": ["out_for_delivery", "delivered"],
                "occurred_at": pa.array(utc, type=pa.timestamp("us", tz="Europe/Helsinki")),
            }
        ),
        tmp_path / "log.parquet",
    )
    assert load_file(con, "events", tmp_path / "log.parquet", actor=EDITOR).ok
    assert _times(con, "select event_id from raw_journey_events order by occurred_at") == [("A",), ("B",)]


# --- source_row: ties keep file order ------------------------------------------------------------


def _helpdesk_log(tmp_path: Path) -> Path:
    """A helpdesk ticket log (process-mining shape, no event id): the first two events of each
    case share their second, as when a system writes them in one transaction."""
    rows = [HELPDESK_HEAD]
    for case in range(1, 9):
        customer, resource = f"Value {case % 3 + 1}", f"Value {case % 5 + 1}"
        second = f"2026/03/{case + 1:02d} 09:{case:02d}:17.000"
        rows += [
            [f"Case {case}", "Insert ticket", resource, second, "Variant 1", customer, "Value 7"],
            [f"Case {case}", "Assign seriousness", resource, second, "Variant 1", customer, "Value 7"],
            [
                f"Case {case}",
                "Take in charge ticket",
                resource,
                f"2026/03/{case + 1:02d} 10:00:00.000",
                "Variant 1",
                customer,
                "Value 7",
            ],
        ]
    return _write_csv(tmp_path / "helpdesk.csv", rows)


def _file_order(con) -> list[tuple[str, str]]:
    return con.execute(
        "select journey_id, activity from raw_journey_events order by occurred_at, source_row"
    ).fetchall()


def test_events_in_the_same_second_keep_file_order_whatever_the_customer_column(tmp_path) -> None:
    path = _helpdesk_log(tmp_path)
    expected = [
        (f"Case {c}", a)
        for c in range(1, 9)
        for a in ("Insert ticket", "Assign seriousness", "Take in charge ticket")
    ]
    by_id = []
    for i, customer_column in enumerate(("customer", "Resource")):
        con = connect(tmp_path / f"cx{i}.duckdb")
        try:
            mapping = {
                **HELPDESK_MAPPING,
                "columns": {**HELPDESK_MAPPING["columns"], "customer_id": customer_column},
            }
            result = load_file(con, "events", path, mapping, timezone="Europe/Rome", actor=EDITOR)
            assert result.status == "imported", result.report_csv()
            assert _file_order(con) == expected
            assert con.execute(
                "select min(source_row), max(source_row), count(distinct source_row) from raw_journey_events"
            ).fetchall() == [(1, 24, 24)]
            by_id.append(
                con.execute(
                    "select journey_id, activity from raw_journey_events order by occurred_at, event_id"
                ).fetchall()
            )
        finally:
            con.close()
    # the generated ids (a hash including the customer) order ties differently per mapping:
    # source_row is what keeps "Insert ticket" before "Assign seriousness"
    assert all(order != expected for order in by_id) and by_id[0] != by_id[1]


def test_source_row_is_the_position_in_the_file_also_with_skipped_rows(con, tmp_path) -> None:
    path = tmp_path / "events.csv"
    path.write_text(
        "event_id,customer_id,journey_id,activity,occurred_at\n"
        "E1,C1,J1,order_placed,2026-03-01 10:00:00\n"
        "\n"
        "E2,C1,J1,payment_failed,not a time\n"
        "E3,C1,J1,payment_authorised,2026-03-01 10:00:00\n",
        encoding="utf-8",
    )
    result = load_file(con, "events", path, valid_rows_only=True, actor=EDITOR)
    assert result.rows_written == 2
    rows = con.execute("select event_id, source_row from raw_journey_events order by 2").fetchall()
    assert [r[0] for r in rows] == ["E1", "E3"] and rows[0][1] == 1 and rows[1][1] > 2


def test_source_row_in_xlsx_and_parquet(con, tmp_path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["event_id", "customer_id", "journey_id", "activity", "occurred_at"])
    for eid in ("X3", "X1", "X2"):
        ws.append([eid, "C1", "J1", f"step {eid}", "2026-03-01 10:00:00"])
    wb.save(tmp_path / "e.xlsx")
    pq.write_table(
        pa.table(
            {
                "event_id": ["Q9", "Q8"],
                "customer_id": ["C2", "C2"],
                "journey_id": ["J2", "J2"],
                "activity": ["a", "b"],
                "occurred_at": ["2026-03-01 10:00:00"] * 2,
            }
        ),
        tmp_path / "e.parquet",
    )
    assert load_file(con, "events", tmp_path / "e.xlsx", actor=EDITOR).ok
    assert load_file(con, "events", tmp_path / "e.parquet", actor=EDITOR).ok
    assert con.execute(
        "select event_id, source_row from raw_journey_events order by journey_id, source_row"
    ).fetchall() == [("X3", 1), ("X1", 2), ("X2", 3), ("Q9", 1), ("Q8", 2)]


def test_file_order_survives_a_connection_without_insertion_order(con, tmp_path) -> None:
    con.execute("set preserve_insertion_order = false")  # as the model refresh sets it
    rows = [["event_id", "customer_id", "journey_id", "activity", "occurred_at"]]
    rows += [[f"E{i:05d}", "C1", f"J{i // 10}", "step", "2026-03-01 10:00:00"] for i in range(30000)]
    assert load_file(con, "events", _write_csv(tmp_path / "big.csv", rows), actor=EDITOR).ok
    assert con.execute(
        "select count(*) from raw_journey_events where source_row <> cast(substr(event_id, 2) as int) + 1"
    ).fetchall() == [(0,)]
    assert con.execute("select current_setting('preserve_insertion_order')").fetchall() == [(False,)]


def test_an_old_versions_table_without_source_row_is_migrated(con, tmp_path) -> None:
    """A database whose raw_journey_event_versions predates source_row keeps working: archive
    inserts name their columns, and the missing column is added."""
    con.execute(
        "create or replace table raw_journey_event_versions as select event_id, batch_id, "
        "customer_id, journey_id, activity, occurred_at, outcome, promised_at, "
        "cast(null as varchar) as superseded_by, cast(null as timestamp) as superseded_at "
        "from raw_journey_events limit 0"
    )
    head = ["event_id", "customer_id", "journey_id", "activity", "occurred_at"]
    first = _write_csv(
        tmp_path / "a.csv",
        [
            head,
            ["E1", "C1", "J1", "order_placed", "2026-03-01 10:00"],
            ["E2", "C1", "J1", "shipped", "2026-03-01 10:00"],
        ],
    )
    second = _write_csv(
        tmp_path / "b.csv",
        [
            head,
            ["E0", "C1", "J1", "login", "2026-03-01 09:00"],
            ["E2", "C1", "J1", "delivered", "2026-03-02 10:00"],
        ],
    )
    assert load_file(con, "events", first, actor=EDITOR).ok
    batch = load_file(con, "events", second, actor=EDITOR)
    assert batch.rows_replaced == 1
    cols = [r[0] for r in con.execute("describe raw_journey_event_versions").fetchall()]
    assert "source_row" in cols
    assert con.execute(
        "select event_id, activity, source_row from raw_journey_event_versions"
    ).fetchall() == [("E2", "shipped", 2)]
    rollback(con, batch.batch_id, actor=EDITOR)
    assert con.execute(
        "select event_id, activity, source_row from raw_journey_events order by 1"
    ).fetchall() == [("E1", "order_placed", 1), ("E2", "shipped", 2)]


# --- command line ---------------------------------------------------------------------------------


def test_cli_timezone_option(tmp_path: Path, capsys) -> None:
    db = tmp_path / "cx.duckdb"
    path = _order_log(tmp_path)
    assert (
        main(
            ["load", "events", str(path), "--timezone", "America/Sao_Paulo", "--no-refresh", "--db", str(db)]
        )
        == 0
    )
    err = capsys.readouterr().err
    assert "times without an offset are in America/Sao_Paulo (given for this load); stored as UTC" in err
    con = connect(db, read_only=True)
    try:
        assert _times(con)[0] == ("P-1", T(2026, 7, 1, 12, 0))
    finally:
        con.close()
    assert main(["load", "events", str(path), "--timezone", "Helsinki", "--db", str(db)]) == 2
    assert "--timezone: 'Helsinki' is not a time zone name" in capsys.readouterr().err


def test_a_constant_time_is_in_the_load_zone_unless_it_has_an_offset(con, tmp_path) -> None:
    path = _write_csv(
        tmp_path / "e.csv",
        [
            ["event_id", "customer_id", "journey_id", "activity", "occurred_at"],
            ["E1", "C1", "J1", "campaign_sent", "2026-05-04 08:00"],
        ],
    )
    mapping = {"kind": "events", "constants": {"promised_at": "2026-05-05 12:00"}}
    assert load_file(con, "events", path, mapping, timezone="Europe/Helsinki", actor=EDITOR).ok
    assert _times(con, "select occurred_at, promised_at from raw_journey_events") == [
        (T(2026, 5, 4, 5, 0), T(2026, 5, 5, 9, 0))
    ]
    rollback(con, con.execute("select batch_id from import_batches").fetchall()[0][0], actor=EDITOR)
    mapping = {"kind": "events", "constants": {"promised_at": "2026-05-05T12:00:00+00:00"}}
    assert load_file(con, "events", path, mapping, timezone="Europe/Helsinki", actor=EDITOR).ok
    assert _times(con, "select promised_at from raw_journey_events") == [(T(2026, 5, 5, 12, 0),)]
