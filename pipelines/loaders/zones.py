"""Time zones of a load: which zone naive times are in, and the SQL that stores them as naive UTC.

Every raw timestamp is naive UTC. A time without an offset is in the load's zone: the zone given
to the load (`--timezone`, the Upload page's field) > the mapping's `timezone:` > the company's
zone (`settings.timezone` of the journey map in effect). The SQL here never depends on the
session's TimeZone setting: `timezone(zone, naive)` reads a naive time in `zone`, and
`timezone('UTC', instant)` writes an instant as naive UTC.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import duckdb

from core.timezones import zone_problem

UTC = "UTC"
SOURCES = {
    "given": "given for this load",
    "mapping": "from the mapping file",
    "company": "the company's time zone in the journey map settings",
}


@dataclass(frozen=True)
class LoadZone:
    """The zone naive times of one load are read in, and where that choice came from."""

    name: str
    source: Literal["given", "mapping", "company"]

    def describe(self) -> str:
        """'America/Sao_Paulo (given for this load)'."""
        return f"{self.name} ({SOURCES[self.source]})"


def resolve_zone(con: duckdb.DuckDBPyConnection, given: str | None, mapping_zone: str | None) -> LoadZone:
    """The load's zone: given > the mapping's > the company's. ValueError for an unknown name."""
    if given is not None and str(given).strip():
        name = str(given).strip()
        problem = zone_problem(name)
        if problem:
            raise ValueError(f"time zone: {problem}")
        return LoadZone(name, "given")
    if mapping_zone:
        return LoadZone(mapping_zone, "mapping")
    from pipelines.journey_map_store import company_timezone

    name = company_timezone(con)
    problem = zone_problem(name)
    if problem:
        raise ValueError(
            f"the company's time zone (settings.timezone of the journey map): {problem}; "
            "give the file's zone for this load"
        )
    return LoadZone(name, "company")


def lit(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def naive_to_utc(naive_sql: str, zone: str) -> str:
    """SQL: a naive time read in `zone`, as naive UTC."""
    if zone == UTC:
        return naive_sql
    return f"timezone('UTC', timezone({lit(zone)}, {naive_sql}))"


def instant_to_utc(instant_sql: str) -> str:
    """SQL: a TIMESTAMP WITH TIME ZONE as naive UTC."""
    return f"timezone('UTC', {instant_sql})"


def utc_to_zone(utc_sql: str, zone: str) -> str:
    """SQL: a naive UTC time as naive wall-clock time in `zone` (for messages)."""
    if zone == UTC:
        return utc_sql
    return f"timezone({lit(zone)}, timezone('UTC', {utc_sql}))"
