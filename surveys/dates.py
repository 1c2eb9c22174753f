"""Dates as survey tools write them: one reading per column, decided once, then a fast parser per value.

Formats: ISO 8601 (with or without offset), Finnish d.m.yyyy [H.MM[.SS]] / [H:MM], a/b/yyyy with
24-hour or AM/PM times (month or day first, decided from the whole column), yyyy/mm/dd (Google
Forms, optionally 'GMT+2'), Excel serial day numbers and real datetime cells; or an explicit
strptime format. A parsed value is naive (the file's wall clock) or aware (it carried an offset).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from typing import Literal

EXCEL_EPOCH = datetime(1899, 12, 30)
ORDERS = ("mdy", "dmy", "ymd")
ORDER_NAMES = {"mdy": "month/day/year (US)", "dmy": "day/month/year", "ymd": "year/month/day"}
ORDER_ALIASES = {
    "mm/dd/yyyy": "mdy",
    "m/d/y": "mdy",
    "us": "mdy",
    "dd/mm/yyyy": "dmy",
    "d/m/y": "dmy",
    "dd.mm.yyyy": "dmy",
    "yyyy-mm-dd": "ymd",
    "yyyy/mm/dd": "ymd",
    "iso": "ymd",
}
SAMPLE = 200  # values looked at to recognise the column's format

_TIME = (
    r"(?:[ T,]+(?:klo\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?"
    r"\s*([AaPp]\.?[Mm]\.?)?)?"
)
_ZONE = r"(?:\s*(Z|UTC|GMT|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?))?"
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?" + _TIME + r"$")
_SLASH = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})" + _TIME + _ZONE + r"$")
_YMD = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})" + _TIME + _ZONE + r"$")
_SLASH_PARTS = re.compile(r"^\s*(\d{1,2})[/-](\d{1,2})[/-]\d")
_OFFSET = re.compile(r"([+-])(\d{1,2}):?(\d{2})?$")


def _serial(number: float) -> datetime | None:
    """Excel serial day number (1900 date system) to datetime; plausible range only."""
    if not 20000 <= number <= 80000:
        return None
    return EXCEL_EPOCH + timedelta(days=number)


def _decimal(text: str) -> float | None:
    try:
        return float(text.replace(",", ".")) if text[:1].isdigit() else None
    except ValueError:
        return None


def _zone(text: str | None) -> timezone | None:
    """'Z', 'UTC', 'GMT+2', '+05:30' -> a fixed offset; None when absent."""
    if not text:
        return None
    m = _OFFSET.search(text)
    if not m:
        return UTC
    minutes = int(m.group(2)) * 60 + int(m.group(3) or 0)
    return timezone(timedelta(minutes=-minutes if m.group(1) == "-" else minutes))


def _build(
    year: int,
    month: int,
    day: int,
    hh: str | None,
    mm: str | None,
    ss: str | None,
    ampm: str | None,
    zone: str | None,
) -> datetime | None:
    hour = int(hh or 0)
    if ampm:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if ampm[0] in "pP" else 0)
    if year < 100:
        year += 2000
    try:
        return datetime(year, month, day, hour, int(mm or 0), int(ss or 0), tzinfo=_zone(zone))
    except ValueError:
        return None


def parse_dotted(text: str) -> datetime | None:
    """Finnish d.m.yyyy [H.MM[.SS]] (also H:MM, 'klo')."""
    m = _DOTTED.match(text)
    if not m:
        return None
    d, mo, y, hh, mi, ss, ampm = m.groups()
    return _build(int(y), int(mo), int(d), hh, mi, ss, ampm, None)


def parse_slash(text: str, order: str) -> datetime | None:
    """a/b/yyyy [time [AM|PM]] [offset], read month first (mdy) or day first (dmy)."""
    m = _SLASH.match(text)
    if not m:
        return None
    a, b, y, hh, mi, ss, ampm, zone = m.groups()
    if order == "ymd":
        return None  # year first was asked for; a/b/yyyy does not fit
    month, day = (int(a), int(b)) if order != "dmy" else (int(b), int(a))
    return _build(int(y), month, day, hh, mi, ss, ampm, zone)


def parse_ymd(text: str) -> datetime | None:
    """yyyy/mm/dd or yyyy-m-d [time [AM|PM]] [GMT+2]."""
    m = _YMD.match(text)
    if not m:
        return None
    y, mo, d, hh, mi, ss, ampm, zone = m.groups()
    return _build(int(y), int(mo), int(d), hh, mi, ss, ampm, zone)


def parse_iso(text: str) -> datetime | None:
    try:
        return datetime.fromisoformat(text)
    except ValueError:
        return None


def parse_any(value: object, order: str = "mdy") -> datetime | None:
    """Any supported form; a/b/yyyy read in `order`. Naive, or aware when the value has an offset."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, datetime):
        return value
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)):
        return _serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    if text[:4].isdigit() and text[4:5] == "-":
        found = parse_iso(text) or parse_ymd(text)
        if found is not None:
            return found
    for parser in (parse_dotted, parse_ymd):
        found = parser(text)
        if found is not None:
            return found
    found = parse_slash(text, order)
    if found is not None:
        return found
    number = _decimal(text)
    return _serial(number) if number is not None else None


def family(value: object) -> str | None:
    """Which written form a value has: datetime, serial, iso, ymd, dotted, slash; None if none."""
    if isinstance(value, (datetime, date)):
        return "datetime"
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return "serial"
    text = str(value or "").strip()
    if not text:
        return None
    if text[:4].isdigit() and text[4:5] == "-" and parse_iso(text) is not None:
        return "iso"
    if _YMD.match(text):
        return "ymd"
    if _DOTTED.match(text):
        return "dotted"
    if _SLASH.match(text):
        return "slash"
    number = _decimal(text)
    return "serial" if number is not None and _serial(number) else None


def normalise_format(value: str | None) -> str | None:
    """'MDY', 'mm/dd/yyyy', 'us' -> 'mdy'; a strptime format stays as it is; None/'' -> None."""
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if "%" in text:
        return text
    key = text.lower()
    return key if key in ORDERS else ORDER_ALIASES.get(key, text)


def format_problem(value: str | None) -> str | None:
    """Why a date format is not usable; None when it is (mdy, dmy, ymd or a strptime format)."""
    fmt = normalise_format(value)
    if fmt is None or fmt in ORDERS:
        return None
    if "%" not in fmt:
        return (
            f"{value!r} is not a date format; use mdy, dmy, ymd or a strptime format such "
            "as '%m/%d/%Y %I:%M:%S %p'"
        )
    sample = datetime(2026, 1, 23, 13, 45, 30)
    try:
        back = datetime.strptime(sample.strftime(fmt), fmt)
    except ValueError as exc:
        return f"{value!r} is not a valid strptime format ({exc})"
    if (back.year % 100, back.month, back.day) != (26, 1, 23):
        return f"{value!r} does not read a date (it needs %d, %m and %Y or %y)"
    return None


@dataclass(frozen=True)
class Evidence:
    """A row whose value decides (or contradicts) the day/month order."""

    row: int
    value: str


@dataclass
class DateReading:
    """How one column's dates are read, decided once for the whole column, and why."""

    form: Literal["iso", "ymd", "dotted", "slash", "serial", "datetime", "strptime", "empty"]
    slashes: bool = False  # some values are a/b/yyyy: the day/month order matters
    order: Literal["mdy", "dmy", "ymd"] = "mdy"  # how a/b/yyyy is read (ymd: a/b/yyyy is refused)
    source: Literal["unambiguous", "explicit", "column", "assumed"] = "unambiguous"
    evidence: Evidence | None = None  # the row that decided the order
    conflict: Evidence | None = None  # a row that decides the other way (inconsistent column)
    strptime: str | None = None
    assumed_because: str = ""  # e.g. 'as SurveyMonkey writes'

    def parser(self) -> Callable[[object], datetime | None]:
        """The fast parser for this column: its form first, any other supported form after."""
        order = self.order
        if self.form == "strptime" and self.strptime:
            fmt = self.strptime

            def strict(value: object) -> datetime | None:
                if isinstance(value, str):
                    try:
                        return datetime.strptime(value.strip(), fmt)
                    except ValueError:
                        pass
                return parse_any(value, order)

            return strict
        first = {
            "iso": parse_iso,
            "dotted": parse_dotted,
            "ymd": parse_ymd,
            "slash": lambda text: parse_slash(text, order),
        }.get(self.form)
        if first is None:
            return lambda value: parse_any(value, order)

        def fast(value: object) -> datetime | None:
            if type(value) is str:
                found = first(value)
                if found is not None:
                    return found
            return parse_any(value, order)

        return fast

    def describe(self) -> str:
        """One line for the CLI and the report: which reading and why."""
        if self.form == "strptime":
            return f"dates read with the given format {self.strptime!r} (ISO 8601 also accepted)"
        if not self.slashes:
            text = FORM_NAMES.get(self.form, f"dates: {self.form}")
            return text + (f" (date format {self.order} given)" if self.source == "explicit" else "")
        name = ORDER_NAMES[self.order]
        if self.source == "explicit":
            text = f"dates read as {name}: date format {self.order} given"
        elif self.source == "column" and self.evidence:
            text = f"dates read as {name}: row {self.evidence.row} has {self.evidence.value}"
        else:
            other = "dmy" if self.order == "mdy" else "mdy"
            first = "month" if self.order == "mdy" else "day"
            text = (
                f"dates read as {name}: no value decides; {first} first assumed"
                f"{', ' + self.assumed_because if self.assumed_because else ''}; "
                f"use date format {other} (--date-format {other}) to change"
            )
        if self.conflict:
            text += (
                f"; but row {self.conflict.row} has {self.conflict.value}, which only fits "
                "the other order: the column mixes both, such rows are reported"
            )
        return text


FORM_NAMES = {
    "iso": "dates are ISO 8601 (year-month-day)",
    "ymd": "dates are year/month/day",
    "dotted": "dates are day.month.year (Finnish)",
    "serial": "dates are Excel day numbers",
    "datetime": "dates are date cells of the workbook",
    "empty": "no dates to read",
}
ASSUMED = {"surveymonkey": "as SurveyMonkey writes", "google_forms": "as Google Forms (US) writes"}


def read_column(
    values: list, rows: list[int], date_format: str | None = None, file_format: str = "sheet"
) -> DateReading:
    """Decide how the column's dates are read: from an explicit format, else from the values."""
    fmt = normalise_format(date_format)
    if fmt and fmt not in ORDERS:
        return DateReading("strptime", strptime=fmt, source="explicit")
    forms: dict[str, int] = {}
    seen = 0
    for value in values:
        kind = family(value)
        if kind is not None:
            forms[kind] = forms.get(kind, 0) + 1
            seen += 1
            if seen >= SAMPLE:
                break
    form = max(forms, key=lambda k: forms[k]) if forms else "empty"
    match = _SLASH_PARTS.match
    reading = DateReading(
        form, slashes="slash" in forms or any(type(v) is str and match(v) is not None for v in values)
    )
    if fmt:
        reading.order, reading.source = fmt, "explicit"
        return reading
    if not reading.slashes:
        return reading
    day_first, month_first = _order_evidence(values, rows)
    if day_first and month_first:
        # both orders appear: the earlier deciding row wins; the other side is reported row by row
        first, second = sorted((day_first, month_first), key=lambda e: e[1].row)
        reading.order, reading.source, reading.evidence = first[0], "column", first[1]
        reading.conflict = second[1]
    elif day_first or month_first:
        order, ev = day_first or month_first  # type: ignore[misc]
        reading.order, reading.source, reading.evidence = order, "column", ev
    else:
        reading.order, reading.source = "mdy", "assumed"
        reading.assumed_because = ASSUMED.get(file_format, "as US tools write")
    return reading


def _order_evidence(
    values: list, rows: list[int]
) -> tuple[tuple[str, Evidence] | None, tuple[str, Evidence] | None]:
    """The first value with a first part above 12 (day first) and with a second part above 12."""
    match = _SLASH_PARTS.match
    day_first = month_first = None
    for value, row in zip(values, rows):
        if type(value) is not str:
            continue
        m = match(value)
        if m is None:
            continue
        a, b = int(m.group(1)), int(m.group(2))
        if a > 12 and day_first is None and b <= 12:
            day_first = ("dmy", Evidence(row, value.strip()))
        elif b > 12 and month_first is None and a <= 12:
            month_first = ("mdy", Evidence(row, value.strip()))
        if day_first and month_first:
            break
    return day_first, month_first


def contradicts(value: object, order: str) -> bool:
    """True for an a/b/yyyy value that only fits the other day/month order."""
    if type(value) is not str:
        return False
    m = _SLASH_PARTS.match(value)
    if m is None:
        return False
    a, b = int(m.group(1)), int(m.group(2))
    return (b > 12 >= a) if order == "dmy" else (a > 12 >= b)
