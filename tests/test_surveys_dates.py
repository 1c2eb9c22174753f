"""Dates as tools write them, the day/month order decided from the whole column, time zones to UTC."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta, timezone
from pathlib import Path

import pytest

from core.db import connect
from core.timezones import choose_zone, to_utc
from surveys import preview as survey_preview
from surveys.cli import main
from surveys.date_formats import format_problem
from surveys.date_values import parse_any
from surveys.dates import read_column
from surveys.importer import check, import_file, preview_file
from surveys.parsing import parse_datetime
from tests.actors import EDITOR
from tests.fixtures.surveys.exports import (
    SM_NPS,
    nps_scores,
    qualtrics_rows,
    surveymonkey_rows,
    us_date,
    write_csv,
    write_xlsx,
)

UTC = UTC


@pytest.mark.parametrize(
    "text, expected",
    [
        ("2026-03-01 10:03:11", datetime(2026, 3, 1, 10, 3, 11)),  # Qualtrics
        ("2026-03-01T10:03:11+02:00", datetime(2026, 3, 1, 10, 3, 11, tzinfo=timezone(timedelta(hours=2)))),
        ("2026-03-01T08:03:11Z", datetime(2026, 3, 1, 8, 3, 11, tzinfo=UTC)),
        ("5.3.2026", datetime(2026, 3, 5)),  # Finnish Excel
        ("15.3.2026 14.05", datetime(2026, 3, 15, 14, 5)),
        ("15.3.2026 14:05:09", datetime(2026, 3, 15, 14, 5, 9)),
        ("15.3.2026 klo 9.05", datetime(2026, 3, 15, 9, 5)),
        ("09/01/2026 08:02:00 AM", datetime(2026, 9, 1, 8, 2)),  # SurveyMonkey
        ("09/01/2026 12:02:00 PM", datetime(2026, 9, 1, 12, 2)),
        ("09/01/2026 12:30:00 AM", datetime(2026, 9, 1, 0, 30)),
        ("3/14/2026 17:45:02", datetime(2026, 3, 14, 17, 45, 2)),  # Google Sheets US
        (
            "2026/03/14 9:05:11 PM GMT+2",
            datetime(2026, 3, 14, 21, 5, 11, tzinfo=timezone(timedelta(hours=2))),
        ),
        ("46082", datetime(2026, 3, 1)),  # Excel serial
        (46082.5, datetime(2026, 3, 1, 12)),
        (datetime(2026, 3, 1, 12), datetime(2026, 3, 1, 12)),  # date cell
    ],
)
def test_formats_real_tools_write(text, expected) -> None:
    assert parse_any(text) == expected


@pytest.mark.parametrize("text", ["31.2.2026", "eilen", "13/13/2026", "09/01/2026 13:00:00 PM", ""])
def test_not_dates(text) -> None:
    assert parse_any(text) is None


def test_order_decided_by_the_whole_column() -> None:
    ambiguous = ["01/02/2026", "03/04/2026"]
    assert read_column(ambiguous + ["23/01/2026"], [2, 3, 4]).order == "dmy"
    late = read_column(ambiguous * 500 + ["01/23/2026"], list(range(2, 1003)))
    assert late.order == "mdy" and late.evidence.row == 1002  # not only the first rows count
    assert "row 1002 has 01/23/2026" in late.describe()
    none = read_column(ambiguous, [2, 3], file_format="surveymonkey")
    assert none.order == "mdy" and none.source == "assumed"
    assert (
        "no value decides; month first assumed, as SurveyMonkey writes; "
        "use date format dmy (--date-format dmy) to change"
    ) in none.describe()
    given = read_column(ambiguous, [2, 3], "dmy")
    assert given.order == "dmy" and "date format dmy given" in given.describe()
    iso = read_column(["2026-01-02 10:00:00"], [2])
    assert iso.describe() == "dates are ISO 8601 (year-month-day)"


def test_a_column_with_both_orders_reports_the_rows(tmp_path: Path) -> None:
    path = write_csv(
        tmp_path / "mixed.csv",
        [
            ["Response ID", "Date", "NPS"],
            ["A1", "01/02/2026", "9"],
            ["A2", "14/02/2026", "7"],
            ["A3", "02/20/2026", "3"],
            ["A4", "05/06/2026", "10"],
        ],
    )
    checked = check(preview_file(path))
    assert checked.dates.order == "dmy" and checked.dates.conflict.row == 4
    assert [(p.row, p.value) for p in checked.problems] == [(4, "02/20/2026")]
    assert checked.problems[0].reason.startswith("unparseable date (day and month")
    assert "row 3 has 14/02/2026" in checked.problems[0].reason


def test_strptime_and_order_formats() -> None:
    reading = read_column(["09/01/2026 08:02:00 PM"], [2], "%m/%d/%Y %I:%M:%S %p")
    assert reading.parser()("09/01/2026 08:02:00 PM") == datetime(2026, 9, 1, 20, 2)
    assert reading.parser()("2026-09-01T20:02:00") == datetime(2026, 9, 1, 20, 2)  # ISO also
    assert format_problem("%Q-%m") and format_problem("%H:%M") and format_problem("weekly")
    assert format_problem("MDY") is None and format_problem("%d.%m.%Y %H:%M") is None


def test_time_zones_to_naive_utc() -> None:
    helsinki = "Europe/Helsinki"
    assert to_utc(datetime(2026, 1, 15, 12), helsinki) == datetime(2026, 1, 15, 10)
    assert to_utc(datetime(2026, 7, 15, 12), helsinki) == datetime(2026, 7, 15, 9)
    # autumn: 03:30 happens twice on 25 Oct 2026; the first occurrence (EEST, +3) is taken
    assert to_utc(datetime(2026, 10, 25, 3, 30), helsinki) == datetime(2026, 10, 25, 0, 30)
    # spring: 03:30 does not exist on 29 Mar 2026; read with the offset before the change (+2)
    assert to_utc(datetime(2026, 3, 29, 3, 30), helsinki) == datetime(2026, 3, 29, 1, 30)
    offset = datetime(2026, 7, 15, 12, tzinfo=timezone(timedelta(hours=-3)))
    assert to_utc(offset, helsinki) == datetime(2026, 7, 15, 15)  # an offset beats the zone
    assert to_utc(datetime(2026, 7, 15, 12), "America/Sao_Paulo") == datetime(2026, 7, 15, 15)
    assert parse_datetime("2026-03-01T10:00:00Z") == datetime(2026, 3, 1, 10)
    assert parse_datetime("1.3.2026 12.00", timezone=helsinki) == datetime(2026, 3, 1, 10)


def test_zone_precedence() -> None:
    stated = ("Europe/Helsinki", "Qualtrics header row 3 of RecordedDate")
    assert choose_zone("America/Sao_Paulo", stated, "Europe/Stockholm").source == "explicit"
    assert choose_zone(None, stated, "Europe/Stockholm").name == "Europe/Helsinki"
    assert (
        choose_zone(None, None, "Europe/Stockholm").describe()
        == "Europe/Stockholm (the company time zone, journey map settings.timezone)"
    )


def test_qualtrics_stated_zone_is_honoured_and_explicit_wins(tmp_path: Path) -> None:
    rows = qualtrics_rows(nps_scores(3, 2, 1), tests=0, tz="America/Denver", start=datetime(2026, 7, 1, 9, 0))
    path = write_csv(tmp_path / "denver.csv", rows)
    preview = preview_file(path)
    checked = check(preview)
    assert checked.zone.name == "America/Denver" and checked.zone.source == "file"
    first = checked.records[0][10]
    assert first == datetime(2026, 7, 1, 9, 2, 21) + timedelta(hours=6)  # MDT is UTC-6
    preview.mapping.timezone = "UTC"
    assert check(preview).records[0][10] == datetime(2026, 7, 1, 9, 2, 21)


def test_company_zone_is_the_default(tmp_path: Path, monkeypatch) -> None:
    path = write_csv(
        tmp_path / "plain.csv", [["Response ID", "Date", "NPS"], ["A1", "2026-07-01 12:00", "9"]]
    )
    monkeypatch.setattr(survey_preview, "company_timezone", lambda con: "America/Sao_Paulo")
    checked = check(preview_file(path))
    assert checked.zone.source == "company" and checked.records[0][10] == datetime(2026, 7, 1, 15)


SM_DATES = [us_date(datetime(2026, 9, 1, 8, 2) + timedelta(minutes=97 * i)) for i in range(30)]


@pytest.mark.parametrize("kind", ["csv", "xlsx"])
def test_surveymonkey_export_imports(tmp_path: Path, kind: str) -> None:
    rows = surveymonkey_rows(SM_DATES)
    path = (
        write_csv(tmp_path / "sm.csv", rows)
        if kind == "csv"
        else write_xlsx(tmp_path / "sm.xlsx", rows, merged=[])
    )
    preview = preview_file(path)
    assert preview.table.format == "surveymonkey" and preview.table.row_numbers[0] == 3
    assert preview.mapping.customer_id == "Custom Data 1"
    assert preview.mapping.response_id == "Respondent ID" and preview.mapping.responded_at == "End Date"
    assert preview.mapping.scores[SM_NPS] == "nps"
    assert preview.mapping.comment == "What is the main reason for your score?"
    con = connect(tmp_path / "cx.duckdb")
    result = import_file(con, path, actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert "month first assumed, as SurveyMonkey writes" in result.checked.dates.describe()
    first = con.execute(
        "select responded_at, customer_id from raw_survey_responses order by responded_at limit 1"
    ).fetchall()
    con.close()
    assert first == [(datetime(2026, 9, 1, 5, 2), "C2000")]  # 08:02 Helsinki summer time, in UTC


def test_surveymonkey_custom_variable_under_custom_data(tmp_path: Path) -> None:
    rows = surveymonkey_rows(SM_DATES[:5])
    rows[0][8], rows[1][8] = "Custom Data", "asiakas"  # a custom variable named 'asiakas'
    preview = preview_file(write_csv(tmp_path / "sm_var.csv", rows))
    assert preview.mapping.customer_id == "Custom Data - asiakas"


def test_cli_date_format_and_timezone(tmp_path: Path, capsys) -> None:
    rows = surveymonkey_rows(SM_DATES[:4])
    path = write_csv(tmp_path / "sm.csv", rows)
    db = tmp_path / "cx.duckdb"
    assert (
        main(
            [
                "import",
                str(path),
                "--db",
                str(db),
                "--no-refresh",
                "--date-format",
                "dmy",
                "--timezone",
                "America/Sao_Paulo",
            ]
        )
        == 0
    )
    out = capsys.readouterr().out
    assert "dates read as day/month/year: date format dmy given" in out
    assert "America/Sao_Paulo (given by --timezone)" in out
    con = connect(db)
    first = con.execute("select min(responded_at) from raw_survey_responses").fetchall()[0][0]
    con.close()
    assert first == datetime(2026, 1, 9, 11, 2)  # 9 January 08:02 in Sao Paulo (UTC-3)
    bad = main(["import", str(path), "--db", str(db), "--no-refresh", "--timezone", "Mars/Base"])
    assert bad == 2 and "not a time zone name" in capsys.readouterr().out


def test_surveymonkey_condensed_export_with_a_blank_second_header_row(tmp_path: Path) -> None:
    rows = surveymonkey_rows(SM_DATES[:4])
    rows[1] = [""] * len(rows[1])  # skipped by the reader as a blank row
    preview = preview_file(write_csv(tmp_path / "condensed.csv", rows))
    assert preview.table.format == "surveymonkey" and len(preview.table.rows) == 4
    assert preview.table.row_numbers[0] == 3 and preview.mapping.scores[SM_NPS] == "nps"


def test_hostile_date_cells_are_refused_in_linear_time() -> None:
    """Long runs of separators, spaces and digits (what a 2 MB cell can hold) cannot make the
    date patterns backtrack: each is refused in milliseconds."""
    import time

    from surveys.date_values import parse_any

    cells = [
        "1.1.2026 " + " " * 200_000 + "x",
        "1/1/2026" + " ," * 100_000,
        "2026-01-01" + " T" * 100_000 + "1",
        "12/" * 50_000,
        "9" * 200_000,
        "1/1/2026 10:00" + " +" * 100_000,
    ]
    started = time.perf_counter()
    assert all(parse_any(cell) is None for cell in cells)
    assert time.perf_counter() - started < 2.0
