"""Data for the dashboard: the journey map's settings, targets and tables in effect, the sidebar's
filter options and friction.

* The connection, the session cursor and the per-run read snapshot live in
  dashboard/connection.py (re-exported here).
* Queries are ``@cached_query`` functions (dashboard/cached_query.py): cached on the database path,
  the data version (the latest ``mart_refresh_log.refreshed_at``, so a refresh invalidates them)
  and their arguments, and run on the session's snapshot cursor.
* The database made ready on first start (the demo company in an empty database, missing models
  built): dashboard/database_setup.py. The filters' where clause and the other pieces of mart
  queries: dashboard/query_parts.py.
"""

from __future__ import annotations

import copy
from datetime import date
from typing import Any, Literal

import duckdb
import pandas as pd
import streamlit as st

from core import db as cxdb
from core.metrics import METRICS
from dashboard.cached_query import cached_query
from dashboard.connection import (  # noqa: F401 - re-exported
    SNAPSHOT_ENV,
    _process_connection,
    close_connections,
    cursor,
    data_version,
    db_path,
    refreshed_at,
    snapshot,
)
from dashboard.query_parts import as_date, month_span
from dashboard.session_cursor import SessionCursor, is_read_statement, read_data_version  # noqa: F401 - re-exported
from pipelines.journey_map import (
    DEFAULT_TIMEZONE,
    SETTINGS_DEFAULTS,
    JourneyMap,
    JourneyMapError,
    default_map_path,
)

FrictionBy = Literal["stage", "owner"]


# --- the journey map -------------------------------------------------------------------


@st.cache_resource(show_spinner=False, max_entries=8)
def _journey_map(source: str, text: str) -> JourneyMap:
    from pipelines.journey_map import load_journey_map_text

    return load_journey_map_text(text, source)


def journey_map() -> JourneyMap:
    """The journey map in effect: the latest version stored in the database, else (a database
    that was never refreshed) the seed file, env CX_JOURNEY_MAP or data/journey_map.yaml.
    Read once per script run (the run's snapshot; a page asks for it a dozen times)."""
    return _run_memo("journey_map", _read_journey_map)


def _read_journey_map() -> JourneyMap:
    from pipelines.journey_map_store import active_map_text

    try:
        text, source = active_map_text(cursor())
    except duckdb.Error:
        path = default_map_path()
        text, source = path.read_text(encoding="utf-8"), str(path)
    return _journey_map(source, text)


def _run_memo(key: str, make):
    """``make()`` once per script run's snapshot (SessionCursor.memo), else every time."""
    from dashboard.connection import run_memo_enabled

    if not run_memo_enabled():
        return make()
    cur = cursor()
    return cur.memo(key, make) if isinstance(cur, SessionCursor) else make()


@cached_query(max_entries=16)
def _db_map_settings(cur: duckdb.DuckDBPyConnection) -> tuple[dict[str, Any], dict[str, float]]:
    settings: dict[str, Any] = {}
    targets: dict[str, float] = {}
    if cxdb.table_exists(cur, "map_settings"):
        for key, number, text in cur.execute("select key, number, text from map_settings").fetchall():
            settings[key] = number if number is not None else text
    if cxdb.table_exists(cur, "map_targets"):
        targets = {m: float(v) for m, v in cur.execute("select metric, target from map_targets").fetchall()}
    return settings, targets


def _map_in_effect() -> tuple[dict[str, Any], dict[str, float]]:
    """Settings and targets the data was last refreshed with (the map_* tables), falling
    back to the journey map file when the database has none yet (worked out once per script
    run; the caller gets its own copies).

    Raises JourneyMapError only when neither is available.
    """
    settings, targets = _run_memo("map_in_effect", _read_map_in_effect)
    return copy.deepcopy(settings), dict(targets)


def _read_map_in_effect() -> tuple[dict[str, Any], dict[str, float]]:
    settings: dict[str, Any] = dict(SETTINGS_DEFAULTS)
    targets: dict[str, float] = {}
    problem: Exception | None = None
    try:
        jm = journey_map()
        settings.update(jm.settings)
        targets = dict(jm.targets)
    except (JourneyMapError, OSError, duckdb.Error) as exc:
        problem = exc
    db_settings: dict[str, Any] = {}
    db_targets: dict[str, float] = {}
    try:
        db_settings, db_targets = _db_map_settings()
    except duckdb.Error:
        pass
    if db_settings or db_targets:
        settings.update(db_settings)
        targets = db_targets
    elif problem is not None:
        raise problem if isinstance(problem, JourneyMapError) else JourneyMapError(str(problem))
    return settings, targets


def company_name() -> str:
    """The company named in the journey map ('' when the map cannot be read)."""
    try:
        return journey_map().company
    except Exception:
        return ""


def settings() -> dict[str, Any]:
    """Settings in effect: min_n (int), alpha (float), ..."""
    values = _map_in_effect()[0]
    values["min_n"] = int(values["min_n"])
    values["alpha"] = float(values["alpha"])
    return values


def company_timezone() -> str:
    """The time zone the pages show times in (the journey map's settings.timezone)."""
    try:
        return str(settings().get("timezone") or DEFAULT_TIMEZONE)
    except JourneyMapError:
        return DEFAULT_TIMEZONE


def targets() -> dict[str, float]:
    """Targets in effect per metric (NPS points, CSAT %, CES mean)."""
    return _map_in_effect()[1]


# --- the journey map as the data was refreshed with (map_* tables) -------------------------


@cached_query(max_entries=16)
def map_stages(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The journey map's stages in journey order, with owner and names."""
    return cur.execute("""
        select s.stage, s.stage_order, s.owner, s.name_en, s.name_fi, s.completes_journey,
               f.name_en as owner_name_en, f.name_fi as owner_name_fi
        from map_stages as s left join map_functions as f on f.function_id = s.owner
        order by s.stage_order""").df()


@cached_query(max_entries=16)
def map_functions(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The journey map's functions with their names (map_functions)."""
    return cur.execute("select function_id, name_en, name_fi from map_functions").df()


@cached_query(max_entries=16)
def map_reasons(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The journey map's contact reasons with stage, owner, avoidable and names."""
    return cur.execute("""
        select reason, stage, owner, avoidable, name_en, name_fi from map_contact_reasons""").df()


# --- filters ------------------------------------------------------------------------------


@cached_query(max_entries=64)
def filter_options(cur: duckdb.DuckDBPyConnection) -> dict[str, list]:
    """Months with any data (scores, journeys, contacts), segments and response channels, the
    metrics the company collects (responses in any month), and the journey map's stages and
    functions in journey order with their names (for the sidebar filters)."""
    if not cxdb.table_exists(cur, "mart_scores"):
        return {
            "months": [],
            "segments": [],
            "channels": [],
            "stages": [],
            "owners": [],
            "stage_names": {},
            "owner_names": {},
            "metrics": [],
        }
    # the period choices come from every kind of data: a company may load journeys and
    # contacts long before its first survey file
    months = [
        r[0]
        for r in cur.execute("""
        select period_month from mart_scores where n > 0
        union select period_month from mart_journey_volume where journeys > 0
        union select period_month from mart_contacts where contacts > 0
        order by 1""").fetchall()
    ]
    metrics = [
        r[0] for r in cur.execute("select metric from mart_scores group by 1 having sum(n) > 0").fetchall()
    ]
    segments = [
        r[0]
        for r in cur.execute("""
        select segment, sum(n) as n from (
            select segment, sum(n) as n from mart_scores group by 1
            union all select segment, 0 from mart_journey_volume group by 1)
        group by 1 order by n desc, 1""").fetchall()
    ]
    channels = [
        r[0]
        for r in cur.execute("select channel from mart_scores group by 1 order by sum(n) desc, 1").fetchall()
    ]
    stages = cur.execute("select stage, name_en, name_fi from map_stages order by stage_order").fetchall()
    owners = cur.execute("""
        select f.function_id, f.name_en, f.name_fi from map_functions as f
        left join (select owner, min(stage_order) as first_stage from map_stages group by 1) as s
            on s.owner = f.function_id
        order by s.first_stage nulls last, f.function_id""").fetchall()
    return {
        "months": month_span([as_date(m) for m in months]),
        "segments": segments,
        "channels": channels,
        "metrics": [m for m in METRICS if m in metrics],
        "stages": [r[0] for r in stages],
        "owners": [r[0] for r in owners],
        "stage_names": {r[0]: {"en": r[1], "fi": r[2]} for r in stages},
        "owner_names": {r[0]: {"en": r[1], "fi": r[2]} for r in owners},
    }


# --- friction (Overview, Journey, Functions) ---------------------------------------------------


@cached_query(max_entries=128)
def friction(
    cur: duckdb.DuckDBPyConnection,
    by: FrictionBy = "stage",
    months: tuple[date, date] | None = None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Ranked friction (pipelines.friction.friction_table) under the filters."""
    from pipelines.friction import friction_table

    return friction_table(
        cur, by=by, months=months, segments=list(segments) or None, channels=list(channels) or None
    )


def friction_available() -> bool:
    try:
        import pipelines.friction  # noqa: F401
    except ImportError:
        return False
    return True
