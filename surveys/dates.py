"""How one column's dates are read: decided once for the whole column, from an explicit format
(day/month order or a strptime format) or from its values, then a fast parser per value.

The written forms themselves are read by surveys.date_values; the format a user gives is
normalised and checked by surveys.date_formats.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from surveys.date_formats import ORDER_NAMES, ORDERS, normalise_format
from surveys.date_values import family, parse_any, parse_dotted, parse_iso, parse_slash, parse_ymd

SAMPLE = 200  # values looked at to recognise the column's format
_SLASH_PARTS = re.compile(r"^\s*(\d{1,2})[/-](\d{1,2})[/-]\d")


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
