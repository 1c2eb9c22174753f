"""Warnings that do not stop a load: values the journey map does not know (so they get no stage),
and the cells a value map's "*" turned into one value."""

from __future__ import annotations

from pathlib import Path

import duckdb

from pipelines.loaders.checks import ColumnMatch
from pipelines.loaders.mapping import LoadMapping
from pipelines.loaders.targets import OTHER_VALUES
from pipelines.loaders.values import lit

MAX_VALUES = 10


def _known(con: duckdb.DuckDBPyConnection, journey_map: str | Path | None):
    """The given journey map file, else the map in effect (latest stored version, else the seed)."""
    from pipelines.journey_map import JourneyMapError, load_journey_map
    from pipelines.journey_map_store import map_in_effect

    try:
        return load_journey_map(journey_map) if journey_map else map_in_effect(con)
    except (JourneyMapError, OSError, duckdb.Error):
        return None


def _listing(rows: list[tuple]) -> str:
    return ", ".join(f"{value!r} ({n:,} rows)" for value, n in rows[:MAX_VALUES]) + (
        f" and {len(rows) - MAX_VALUES} more" if len(rows) > MAX_VALUES else ""
    )


def journey_map_notes(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    stage: str,
    bad_rows: str,
    journey_map: str | Path | None = None,
) -> list[str]:
    """Contact reasons and activities of the rows to be loaded that the journey map does not map."""
    jm = _known(con, journey_map)
    if jm is None or kind not in ("contacts", "events"):
        return []
    valid = f"from {stage} s anti join ({bad_rows}) b on s.rowid = b.rec where not s.__blank"
    if kind == "contacts":
        reasons = [r.reason for r in jm.contact_reasons]
        rows = con.execute(
            f"select v_reason, count(*) as n {valid} and v_reason is not null "
            f"and lower(trim(v_reason)) not in ({', '.join(lit(r) for r in reasons) or 'null'}) "
            "group by 1 order by n desc, 1"
        ).fetchall()
        if rows:
            return [
                f"{len(rows)} reason value(s) are not contact reasons of the journey map, so "
                f"those contacts are attributed by journey position: {_listing(rows)}. Map "
                "them with 'values: reason:' in the mapping, or add them to the journey map."
            ]
        return []
    patterns = [p.replace("%", r"\%").replace("_", r"\_").replace("*", "%") for p, _ in jm.activity_rules]
    if not patterns:
        return []
    values = ", ".join(f"({lit(p)})" for p in patterns)
    rows = con.execute(
        f"select v_activity, count(*) as n {valid} and v_activity is not null and not exists "
        f"(select 1 from (values {values}) r(p) where s.v_activity like r.p escape '\\') "
        "group by 1 order by n desc, 1"
    ).fetchall()
    if rows:
        return [
            f"{len(rows)} activit(y/ies) match no activity rule of the journey map, so those "
            f"events get no stage: {_listing(rows)}. Map them with 'values: activity:' in "
            "the mapping, or add rules to the journey map."
        ]
    return []


def other_value_notes(
    con: duckdb.DuckDBPyConnection,
    stage: str,
    bad_rows: str,
    mapping: LoadMapping,
    matches: list[ColumnMatch],
) -> list[str]:
    """Per value map with "*": how many rows took its value, and which cell values those were."""
    flagged = {r[0][2:] for r in con.execute(f"describe {stage}").fetchall() if r[0].startswith("o_")}
    notes = []
    for m in matches:
        if m.target not in flagged:
            continue
        rows = con.execute(
            f"select r_{m.target}, count(*) as n from {stage} s anti join ({bad_rows}) b "
            f"on s.rowid = b.rec where not s.__blank and o_{m.target} "
            "group by 1 order by n desc, 1"
        ).fetchall()
        if rows:
            total = sum(n for _, n in rows)
            value = mapping.values[m.target][OTHER_VALUES]
            notes.append(
                f"{total:,} row(s) of column {m.source!r} have a value that "
                f"'values: {m.target}:' does not list, loaded as {m.target} {value!r} (its "
                f'"{OTHER_VALUES}" entry): {_listing(rows)}. List a value in the map to '
                "load it as something else."
            )
    return notes
