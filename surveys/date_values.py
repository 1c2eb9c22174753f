"""Read one date value in any supported written form, and name which form it has.

Forms: ISO 8601 (with or without offset), Finnish d.m.yyyy [H.MM[.SS]] / [H:MM], a/b/yyyy with
24-hour or AM/PM times (read month or day first as asked), yyyy/mm/dd (Google Forms, optionally
'GMT+2'), Excel serial day numbers and real datetime cells. A parsed value is naive (the file's
wall clock) or aware (it carried an offset).
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, timezone

EXCEL_EPOCH = datetime(1899, 12, 30)

_TIME = (
    r"(?:[ T,]+(?:klo\s+)?(\d{1,2})[:.](\d{2})(?:[:.](\d{2})(?:[.,]\d+)?)?"
    r"\s*([AaPp]\.?[Mm]\.?)?)?"
)
_ZONE = r"(?:\s*(Z|UTC|GMT|(?:UTC|GMT)?\s*[+-]\d{1,2}(?::?\d{2})?))?"
_DOTTED = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})\.?" + _TIME + r"$")
_SLASH = re.compile(r"^(\d{1,2})[/-](\d{1,2})[/-](\d{4}|\d{2})" + _TIME + _ZONE + r"$")
_YMD = re.compile(r"^(\d{4})[/-](\d{1,2})[/-](\d{1,2})" + _TIME + _ZONE + r"$")
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
