"""Versions of the journey map stored in the database (table journey_map_versions).

The latest stored version is the map in effect. The journey map file (env CX_JOURNEY_MAP, else
data/journey_map.yaml) only seeds a database that has no stored version: the first refresh stores
it as version 1. Every saved version is validated first, records who saved it and when, and carries a
summary of what changed against the version before it (pipelines.journey_map_diff).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

if TYPE_CHECKING:
    import pandas as pd

from core import audit
from core.access import Actor, Permission, cli_actor, require
from core.db import table_exists
from core.transaction import write_transaction
from pipelines.journey_map import (
    DEFAULT_TIMEZONE,
    JourneyMap,
    JourneyMapError,
    default_map_path,
    load_journey_map,
    load_journey_map_text,
)
from pipelines.journey_map_diff import diff_summary

TABLE = "journey_map_versions"
FILE_AUTHOR = "journey map file"
DB_SOURCE = "db:version {version}"


def latest_version(con: duckdb.DuckDBPyConnection) -> int | None:
    """The highest stored version number, or None when no version is stored."""
    if not table_exists(con, TABLE):
        return None
    return con.execute(f"select max(version) from {TABLE}").fetchall()[0][0]


def version_text(con: duckdb.DuckDBPyConnection, version: int) -> str:
    """The YAML text of one stored version; KeyError when it does not exist."""
    rows = (
        con.execute(f"select yaml from {TABLE} where version = ?", [int(version)]).fetchall()
        if table_exists(con, TABLE)
        else []
    )
    if not rows:
        raise KeyError(f"journey map version {version} does not exist")
    return rows[0][0]


def active_map_text(con: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(YAML text, source) of the map in effect: the latest stored version, else the seed file."""
    version = latest_version(con)
    if version is not None:
        return version_text(con, version), DB_SOURCE.format(version=version)
    path = default_map_path()
    return path.read_text(encoding="utf-8"), str(path)


def map_in_effect(con: duckdb.DuckDBPyConnection) -> JourneyMap:
    """The validated journey map in effect (latest stored version, else the seed file)."""
    text, source = active_map_text(con)
    return load_journey_map_text(text, source)


def company_timezone(con: duckdb.DuckDBPyConnection | None) -> str:
    """The time zone of the map in effect (settings.timezone); the default without a database or
    a usable map."""
    if con is None:
        return DEFAULT_TIMEZONE
    try:
        return map_in_effect(con).timezone
    except (JourneyMapError, OSError, duckdb.Error):
        return DEFAULT_TIMEZONE


@dataclass(frozen=True)
class MapChoice:
    """Which journey map a refresh uses, and why."""

    journey_map: JourneyMap
    source: str  # 'db:version N'
    version: int
    reason: str  # e.g. 'latest stored version', 'stored from mine.yaml as a new version'
    new_version: int | None = None  # a version stored from a given file (undone if the refresh fails)


def journey_map_for_refresh(
    con: duckdb.DuckDBPyConnection, journey_map_path: str | Path | None = None, actor: Actor | None = None
) -> MapChoice:
    """The map a refresh uses: always the latest stored version.

    * ``journey_map_path`` given: that file is validated and stored as a new version first
      (nothing is stored when it equals the version in effect);
    * no version stored yet: the seed file (env CX_JOURNEY_MAP, else data/journey_map.yaml)
      is stored as version 1.

    So a later plain refresh, a load or the dashboard's start keep the map a user gave once.
    A file is only given from the command line (the dashboard never passes one), so the version
    stored from it is the command line's (`actor`, default core.access.cli_actor()).
    """
    if journey_map_path:
        who = actor or cli_actor()
        path = Path(journey_map_path)
        load_journey_map(path)  # validate, with the file's name in the messages, before storing
        stored = save_version(
            con, path.read_text(encoding="utf-8"), who, note=f"from the file {path.name}", baseline=False
        )
        version = latest_version(con)
        assert version is not None
        reason = (
            f"stored from {path.name} as version {version}"
            if stored is not None
            else f"{path.name} is the same as version {version}, already in effect"
        )
        return MapChoice(
            _load_version(con, version), DB_SOURCE.format(version=version), version, reason, stored
        )
    version = latest_version(con)
    if version is None:
        seed = default_map_path()
        jm = load_journey_map(seed)
        text = seed.read_text(encoding="utf-8")
        _ensure_table(con)
        con.execute(
            f"insert into {TABLE} values (1, ?, ?, ?, ?)",
            [text, FILE_AUTHOR, datetime.now(), f"starting point: the file {seed}"],
        )
        return MapChoice(
            jm, DB_SOURCE.format(version=1), 1, f"no map stored yet: seeded version 1 from {seed}"
        )
    return MapChoice(
        _load_version(con, version),
        DB_SOURCE.format(version=version),
        version,
        f"latest stored version {version}",
    )


def _load_version(con: duckdb.DuckDBPyConnection, version: int) -> JourneyMap:
    return load_journey_map_text(version_text(con, version), DB_SOURCE.format(version=version))


def _ensure_table(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(
        f"create table if not exists {TABLE} (version integer primary key, yaml varchar "
        "not null, changed_by varchar not null, changed_at timestamp not null, "
        "summary varchar not null)"
    )


def save_version(
    con: duckdb.DuckDBPyConnection,
    yaml_text: str,
    actor: Actor,
    note: str | None = None,
    baseline: bool = True,
) -> int | None:
    """Validate and store a new version (changed_by = the actor, who needs the journey-map
    permission; the audit entry is in the same transaction); None when nothing changed.

    Raises JourneyMapError listing every problem of an invalid map. With ``baseline``, the first
    save also stores the seed file it replaces as version 1, so the editor's history starts from
    the file; a map given on the command line to an empty database is version 1 itself.
    """
    require(actor, Permission.EDIT_JOURNEY_MAP)
    latest = latest_version(con)
    source = f"db:version {(latest or 0) + 1}"
    new_map = load_journey_map_text(yaml_text, source)
    seed: tuple[str, JourneyMap] | None = None
    old: JourneyMap | None = None
    replaced = "first version"
    if latest is not None:
        try:
            old = load_journey_map_text(version_text(con, latest), f"db:version {latest}")
        except JourneyMapError:  # the validator became stricter since it was saved
            replaced = f"replaces version {latest}, which no longer passes validation"
    elif baseline:
        old = _file_map()
        if old is not None:
            seed = (default_map_path().read_text(encoding="utf-8"), old)
    changes = diff_summary(old, new_map) if old is not None else [replaced]
    if not changes:
        return None
    if note:
        changes = [note, *changes]
    _ensure_table(con)
    now = datetime.now()
    version = (latest or 0) + 1
    with write_transaction(con):
        if seed is not None:
            con.execute(
                f"insert into {TABLE} values (?, ?, ?, ?, ?)",
                [version, seed[0], FILE_AUTHOR, now, f"starting point: the file {default_map_path()}"],
            )
            version += 1
        con.execute(
            f"insert into {TABLE} values (?, ?, ?, ?, ?)",
            [version, yaml_text, actor.name, now, "; ".join(changes)],
        )
        audit.record(
            con, actor, "journey_map_save", "journey_map_version", str(version), {"summary": changes[:20]}
        )
    return version


def delete_version(con: duckdb.DuckDBPyConnection, version: int) -> None:
    """Remove one stored version (used to undo a save whose refresh failed); the audit log keeps
    the save and records the removal."""
    with write_transaction(con):
        con.execute(f"delete from {TABLE} where version = ?", [int(version)])
        audit.record(
            con,
            None,
            "journey_map_version_removed",
            "journey_map_version",
            str(int(version)),
            {"reason": "the refresh with this version failed"},
            name="system",
            via="",
        )


def restore(con: duckdb.DuckDBPyConnection, version: int, actor: Actor) -> int | None:
    """Store an earlier version again as the newest one; None when it is already in effect."""
    require(actor, Permission.EDIT_JOURNEY_MAP)
    return save_version(con, version_text(con, version), actor, note=f"restored version {version}")


def history(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Stored versions, newest first: version, changed_at, changed_by, summary."""
    import pandas as pd  # lazily: a CLI command that does not list versions skips ~0.5 s

    columns = ["version", "changed_at", "changed_by", "summary"]
    if not table_exists(con, TABLE):
        return pd.DataFrame(columns=columns)
    return con.execute(f"select {', '.join(columns)} from {TABLE} order by version desc").df()


def _file_map() -> JourneyMap | None:
    try:
        return load_journey_map(default_map_path())
    except JourneyMapError:
        return None
