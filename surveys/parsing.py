"""Parse cell values: scores ("10 - Extremely likely", "4,0"), dates (ISO, d.m.yyyy, Excel serial)."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_SCORE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:$|[-–=:.)(]|\s)")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
EXCEL_EPOCH = datetime(1899, 12, 30)


def parse_score(value: object) -> float | None:
    """The number at the start of a score cell; None when the cell has no number."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = _SCORE.match(str(value))
    if not match:
        return None
    return float(match.group(1).replace(",", "."))


def parse_decimal(value: object) -> float | None:
    """A number written with a decimal comma or point (and optional space thousands)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value or "").strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def parse_datetime(value: object, slash_order: str = "mdy") -> datetime | None:
    """ISO, d.m.yyyy [hh.mm[.ss]], m/d/yyyy or d/m/yyyy, datetimes and Excel serial numbers."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.replace(tzinfo=None) if parsed.tzinfo is None else \
            (parsed - parsed.utcoffset()).replace(tzinfo=None)
    except ValueError:
        pass
    for pattern, order in ((_DMY, "dmy"), (_SLASH, slash_order)):
        m = pattern.match(text)
        if m:
            a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            day, month = (a, b) if order == "dmy" else (b, a)
            try:
                return datetime(year, month, day, int(m.group(4) or 0), int(m.group(5) or 0),
                                int(m.group(6) or 0))
            except ValueError:
                return None
    number = parse_decimal(text)
    return _serial(number) if number is not None else None


def _serial(number: float) -> datetime | None:
    """Excel serial day number (1900 date system) to datetime; plausible range only."""
    if not 20000 <= number <= 80000:
        return None
    return EXCEL_EPOCH + timedelta(days=number)


def guess_slash_order(values: list[object]) -> str:
    """'dmy' if any a/b/yyyy value has a first part above 12, else 'mdy' (Google Forms US)."""
    for v in values:
        m = _SLASH.match(str(v).strip()) if isinstance(v, str) else None
        if m and int(m.group(1)) > 12:
            return "dmy"
    return "mdy"
