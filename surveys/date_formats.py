"""The date format a user gives: day/month order names and aliases, normalised and checked."""

from __future__ import annotations

from datetime import datetime

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
