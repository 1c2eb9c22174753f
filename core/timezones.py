"""Which time zone a file's naive times are in, and conversion to naive UTC (what the raw tables store)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

import duckdb

DEFAULT_TIMEZONE = "Europe/Helsinki"  # the journey map's default settings.timezone
UTC_NAMES = ("utc", "gmt", "z", "etc/utc", "etc/gmt")
_HEADER_UTC = re.compile(r"\((?:utc|gmt)\)\s*$", re.IGNORECASE)


ZoneSource = Literal["explicit", "file", "company"]


@dataclass(frozen=True)
class ZoneChoice:
    """The zone of times without an offset, and where it came from."""

    name: str
    source: ZoneSource
    detail: str = ""  # e.g. 'Qualtrics header row 3 of RecordedDate', '--timezone'

    def describe(self) -> str:
        """'Europe/Helsinki (the company time zone, journey map settings.timezone)'."""
        why = {
            "explicit": f"given{' by ' + self.detail if self.detail else ''}",
            "file": f"stated in the file{': ' + self.detail if self.detail else ''}",
            "company": "the company time zone, journey map settings.timezone",
        }[self.source]
        return f"{self.name} ({why})"


def zone_problem(name: object) -> str | None:
    """Why `name` is not a usable time zone; None when it is. Python (imports) and DuckDB (the
    loaders' and the models' timezone()) must both know it."""
    text = str(name or "").strip()
    return _zone_problem(text) if text else "empty time zone name"


@lru_cache(maxsize=256)
def _zone_problem(text: str) -> str | None:
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return f"{text!r} is not a time zone name (e.g. UTC, Europe/Helsinki, America/Sao_Paulo)"
    con = duckdb.connect()
    try:
        con.execute("select timezone('UTC', timezone(?, timestamp '2020-01-01'))", [text]).fetchall()
    except duckdb.Error:
        return f"{text!r} is a time zone this database does not know; use its IANA name"
    finally:
        con.close()
    return None


def is_zone(name: object) -> bool:
    return zone_problem(name) is None


@lru_cache(maxsize=1)
def known_zones() -> tuple[str, ...]:
    """Every zone name both Python and DuckDB know, sorted (for the pages' pickers)."""
    con = duckdb.connect()
    try:
        icu = {r[0] for r in con.execute("select name from pg_timezone_names()").fetchall()}
    finally:
        con.close()
    return tuple(sorted((icu & available_timezones()) | {"UTC"}))


def header_zone(header: str) -> str | None:
    """'UTC' for a header that states it, e.g. Typeform's 'Submit Date (UTC)'."""
    return "UTC" if _HEADER_UTC.search(header or "") else None


def choose_zone(
    explicit: str | None, file_zone: tuple[str, str] | None, company: str, explicit_detail: str = ""
) -> ZoneChoice:
    """Explicit (flag, mapping key, page field) > stated in the file > the company's zone."""
    if explicit:
        return ZoneChoice(explicit, "explicit", explicit_detail)
    if file_zone and is_zone(file_zone[0]):
        return ZoneChoice(file_zone[0], "file", file_zone[1])
    return ZoneChoice(company, "company")


class UtcConverter:
    """Turn parsed datetimes into naive UTC: offsets are honoured, naive times are in the zone.

    An ambiguous autumn time (the hour that repeats) is read as its first occurrence (fold=0); a
    spring time that does not exist is read with the offset from before the change.
    """

    def __init__(self, zone_name: str) -> None:
        self.name = zone_name
        self.utc = zone_name.strip().lower() in UTC_NAMES
        self.zone = None if self.utc else ZoneInfo(zone_name)

    def __call__(self, value: datetime) -> datetime:
        offset = value.utcoffset()
        if offset is not None:
            return (value - offset).replace(tzinfo=None)
        if self.zone is None:
            return value
        return value - self.zone.utcoffset(value)


def to_utc(value: datetime, zone_name: str = "UTC") -> datetime:
    """One datetime to naive UTC (see UtcConverter)."""
    return UtcConverter(zone_name)(value)
