"""The response time column of a survey file: how its dates are read (decided once for the whole
column), the zone of times without an offset, and the problem of a row whose time is unreadable."""

from __future__ import annotations

from core.problems import Problem
from core.timezones import ZoneChoice, choose_zone, header_zone
from surveys.date_formats import ORDER_NAMES
from surveys.dates import DateReading, contradicts, read_column
from surveys.formats import FlatTable
from surveys.mapping import Mapping


def file_zone(table: FlatTable, column: str) -> tuple[str, str] | None:
    """(zone, where it is stated) for a time column: Qualtrics' ImportId row, or '(UTC)' in the header."""
    stated = table.column_meta(column).get("timeZone")
    if stated:
        return str(stated), f"Qualtrics header row 3 of {table.column_id(column)}"
    zone = header_zone(column)
    return (zone, f"the header {column!r}") if zone else None


def read_times(
    table: FlatTable, mapping: Mapping, default_timezone: str, zone_from: str = ""
) -> tuple[DateReading, ZoneChoice]:
    """How the response time column is read (decided once for the whole column) and its zone."""
    i = table.headers.index(mapping.responded_at or "")
    values = [r[i] if i < len(r) else None for r in table.rows]
    reading = read_column(values, table.row_numbers, mapping.date_format, table.format)
    del values
    zone = choose_zone(
        mapping.timezone, file_zone(table, mapping.responded_at or ""), default_timezone, zone_from
    )
    return reading, zone


def date_problem(number: int, column: str, raw: object, text: str | None, reading: DateReading) -> Problem:
    if not text:
        return Problem(number, column, "", "missing date", code="missing_date")
    if reading.conflict and contradicts(raw, reading.order):
        other = "dmy" if reading.order == "mdy" else "mdy"
        ev = reading.evidence
        return Problem(
            number,
            column,
            text,
            f"unparseable date (day and month: this value only fits {ORDER_NAMES[other]}, "
            f"but row {ev.row if ev else '?'} has {ev.value if ev else '?'}, which only fits "
            f"{ORDER_NAMES[reading.order]}; the column mixes both: fix the file or give the "
            "date format)",
            code="date_order_mixed",
            params={
                "order": reading.order,
                "other_order": other,
                "evidence_row": ev.row if ev else "?",
                "evidence_value": str(ev.value) if ev else "?",
            },
        )
    return Problem(number, column, text, "unparseable date", code="unparseable_date")
