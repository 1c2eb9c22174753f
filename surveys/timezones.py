"""Which time zone a file's naive times are in, and conversion to naive UTC (what the raw tables store)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime, timezone
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

DEFAULT_TIMEZONE = "Europe/Helsinki"   # the journey map's default settings.timezone
UTC_NAMES = ("utc", "gmt", "z", "etc/utc", "etc/gmt")
_HEADER_UTC = re.compile(r"\((?:utc|gmt)\)\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class ZoneChoice:
    """The zone of times without an offset, and where it came from."""

    name: str
    source: str      # explicit | file | company
    detail: str = ""  # e.g. 'Qualtrics header row 3 of RecordedDate', '--timezone'

    def describe(self) -> str:
        """'Europe/Helsinki (the company time zone, journey map settings.timezone)'."""
        why = {"explicit": f"given{' by ' + self.detail if self.detail else ''}",
               "file": f"stated in the file{': ' + self.detail if self.detail else ''}",
               "company": "the company time zone, journey map settings.timezone"}[self.source]
        return f"{self.name} ({why})"


def zone_problem(name: object) -> str | None:
    """Why `name` is not a usable IANA time zone name; None when it is."""
    text = str(name or "").strip()
    if not text:
        return "empty time zone name"
    try:
        ZoneInfo(text)
    except (ZoneInfoNotFoundError, ValueError):
        return f"{text!r} is not a time zone name (e.g. UTC, Europe/Helsinki, America/Sao_Paulo)"
    return None


def is_zone(name: object) -> bool:
    return zone_problem(name) is None


def company_timezone(con: object | None) -> str:
    """The company's zone (journey map settings.timezone) for this database; the default without one."""
    if con is None:
        return DEFAULT_TIMEZONE
    try:
        from pipelines.journey_map_store import company_timezone as from_map
        name = from_map(con)
    except Exception:  # noqa: BLE001 - any problem reading the map: the documented default applies
        return DEFAULT_TIMEZONE
    return name if is_zone(name) else DEFAULT_TIMEZONE


def header_zone(header: str) -> str | None:
    """'UTC' for a header that states it, e.g. Typeform's 'Submit Date (UTC)'."""
    return "UTC" if _HEADER_UTC.search(header or "") else None


def choose_zone(explicit: str | None, file_zone: tuple[str, str] | None, company: str,
                explicit_detail: str = "") -> ZoneChoice:
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


UTC = timezone.utc
