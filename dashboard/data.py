"""Database access for the dashboard.

* One DuckDB connection per process (``st.cache_resource``) and one cursor per browser
  session (``st.cache_resource(scope="session")``), because a DuckDB connection must not be
  used from several threads at once while cursors may.
* Query helpers are ``st.cache_data`` functions keyed on the database path and the data
  version (the latest ``mart_refresh_log.refreshed_at``), so a refresh invalidates them.
* ``snapshot()`` makes one script run read one state of the database: the session cursor holds
  a read transaction from the start of the run to its end, so a refresh that another session
  commits meanwhile shows in the next run, never in half of this one (and a cached query is
  stored under the data version it read). The first statement that writes ends the snapshot.
* On first start with an empty database the demo company is generated and the models are
  built; the page says so.
"""
from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st
from streamlit.errors import StreamlitAPIException

from core import db as cxdb
from pipelines.sql_filters import where_clause
from dashboard.session_cursor import SessionCursor, is_read_statement, read_data_version  # noqa: F401 - re-exported
from pipelines.journey_map import (DEFAULT_TIMEZONE, SETTINGS_DEFAULTS, JourneyMap, JourneyMapError,
                                   default_map_path)
from core.metrics import Cell

DEMO_SCALE_ENV = "CX_DEMO_SCALE"   # scale used when seeding an empty database (default S)
DEFAULT_DEMO_SCALE = "S"
DEMO_SEED = 7
SNAPSHOT_ENV = "CX_READ_SNAPSHOT"  # "0" turns the per-run read snapshot off (for comparison runs)
CELL_COLUMNS = ["n", "n_positive", "n_negative", "score_sum", "score_sumsq"]
METRIC_ORDER = ("nps", "csat", "ces")


# --- opening and seeding ---------------------------------------------------------------

@dataclass
class Preparation:
    """What ``ensure_database`` had to do before the dashboard could show anything."""

    path: str
    seeded: bool = False
    built_models: bool = False
    scale: str = ""
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    demo_summary: dict[str, Any] = field(default_factory=dict)


_prepare_lock = threading.Lock()
_prepared: dict[str, Preparation] = {}


def db_path() -> str:
    """The database file (env CX_DB, else data/cx.duckdb), resolved."""
    return str(Path(cxdb.default_db_path()).resolve())


def ensure_database() -> Preparation | None:
    """Seed an empty database with the demo company and build missing models.

    Runs once per database file and process, before the shared connection is opened
    (the demo generator opens the file itself). Returns the Preparation only to the
    caller that did the work, so exactly one session shows the notice.
    """
    path = db_path()
    if path in _prepared:
        return None
    with _prepare_lock:
        if path in _prepared:
            return None
        result = _prepare(path)
        _prepared[path] = result
        return result


def _prepare(path: str) -> Preparation:
    started = time.perf_counter()
    result = Preparation(path=path)
    con = cxdb.connect(path)
    try:
        if cxdb.is_empty(con):
            con.close()
            from pipelines.demo import run_demo
            from pipelines.runner import refresh

            scale = os.environ.get(DEMO_SCALE_ENV) or DEFAULT_DEMO_SCALE
            summary = run_demo(Path(path), scale, seed=DEMO_SEED)
            con = cxdb.connect(path)
            refresh(con)
            result.seeded, result.built_models, result.scale = True, True, scale
            result.demo_summary = dict(summary or {})
        else:
            # builds what is missing or stale: after an upgrade that added models, after imports
            # by the CLI, or after a journey-map change (no-op when nothing changed)
            from pipelines.incremental import refresh_changed

            result.built_models = refresh_changed(con)["mode"] != "none"
        if result.seeded:
            for table in cxdb.RAW_TABLES:
                if cxdb.table_exists(con, table):
                    result.counts[table] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    finally:
        con.close()
    result.seconds = time.perf_counter() - started
    return result


def _close(resource: Any) -> None:
    try:
        resource.close()
    except Exception:  # already closed together with its connection
        pass


@st.cache_resource(show_spinner=False, on_release=_close)
def _process_connection(path: str) -> duckdb.DuckDBPyConnection:
    return cxdb.connect(path)


@st.cache_resource(scope="session", show_spinner=False, on_release=_close)
def _session_cursor(path: str) -> SessionCursor:
    return SessionCursor(_process_connection(path).cursor())


def cursor() -> SessionCursor:
    """This session's cursor on the shared connection (a new one if that connection was closed,
    e.g. by close_connections() in another session)."""
    path = db_path()
    cur = _session_cursor(path)
    if cur.in_snapshot:
        return cur
    try:
        cur.execute("select 1").fetchall()
    except duckdb.ConnectionException:
        _session_cursor.clear(path)
        cur = _session_cursor(path)
    return cur


@contextmanager
def snapshot() -> Iterator[SessionCursor]:
    """Read one state of the database for the whole block (in app.py: the sidebar and the page).

    Ends on any exit, st.stop and st.rerun included, so an idle session never holds a
    transaction (which would keep replaced tables alive). Re-entrant: an inner block does nothing.
    """
    cur = cursor()
    began = os.environ.get(SNAPSHOT_ENV, "1") != "0" and cur.begin_snapshot()
    try:
        yield cur
    finally:
        if began:
            cur.end_snapshot()


def close_connections() -> None:
    """Close the shared connection and its cursors, releasing the database file (for tests,
    or before another process has to open the file for writing)."""
    try:
        _session_cursor.clear()
    except StreamlitAPIException:
        pass  # outside a session: the cursors close with their connection below
    _process_connection.clear()


def data_version(cur: duckdb.DuckDBPyConnection | SessionCursor) -> str:
    """The latest refresh time; cache keys change when the models are rebuilt. In a snapshot,
    the version the snapshot reads (so a cached result is stored under the data it holds)."""
    if isinstance(cur, SessionCursor) and cur.in_snapshot:
        return cur.snapshot_version()
    return read_data_version(cur)


def refreshed_at(cur: duckdb.DuckDBPyConnection) -> datetime | None:
    if not cxdb.table_exists(cur, "mart_refresh_log"):
        return None
    return cur.execute("select max(refreshed_at) from mart_refresh_log").fetchall()[0][0]


# --- the journey map -------------------------------------------------------------------

@st.cache_resource(show_spinner=False, max_entries=8)
def _journey_map(source: str, text: str) -> JourneyMap:
    from pipelines.journey_map import load_journey_map_text

    return load_journey_map_text(text, source)


def journey_map() -> JourneyMap:
    """The journey map in effect: the latest version stored in the database, else (a database
    that was never refreshed) the seed file, env CX_JOURNEY_MAP or data/journey_map.yaml."""
    from pipelines.journey_map_store import active_map_text

    try:
        text, source = active_map_text(cursor())
    except duckdb.Error:
        path = default_map_path()
        text, source = path.read_text(encoding="utf-8"), str(path)
    return _journey_map(source, text)


@st.cache_data(show_spinner=False, max_entries=16)
def _db_map_settings(path: str, version: str, _cur: duckdb.DuckDBPyConnection
                     ) -> tuple[dict[str, Any], dict[str, float]]:
    settings: dict[str, Any] = {}
    targets: dict[str, float] = {}
    if cxdb.table_exists(_cur, "map_settings"):
        for key, number, text in _cur.execute("select key, number, text from map_settings").fetchall():
            settings[key] = number if number is not None else text
    if cxdb.table_exists(_cur, "map_targets"):
        targets = {m: float(v) for m, v in _cur.execute("select metric, target from map_targets").fetchall()}
    return settings, targets


def _map_in_effect() -> tuple[dict[str, Any], dict[str, float]]:
    """Settings and targets the data was last refreshed with (the map_* tables), falling
    back to the journey map file when the database has none yet.

    Raises JourneyMapError only when neither is available.
    """
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
        cur = cursor()
        db_settings, db_targets = _db_map_settings(db_path(), data_version(cur), cur)
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


# --- cached queries --------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def _filter_options(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> dict[str, list]:
    if not cxdb.table_exists(_cur, "mart_scores"):
        return {"months": [], "segments": [], "channels": [], "stages": [], "owners": [],
                "stage_names": {}, "owner_names": {}, "metrics": []}
    # the period choices come from every kind of data: a company may load journeys and
    # contacts long before its first survey file
    months = [r[0] for r in _cur.execute("""
        select period_month from mart_scores where n > 0
        union select period_month from mart_journey_volume where journeys > 0
        union select period_month from mart_contacts where contacts > 0
        order by 1""").fetchall()]
    metrics = [r[0] for r in _cur.execute(
        "select metric from mart_scores group by 1 having sum(n) > 0").fetchall()]
    segments = [r[0] for r in _cur.execute("""
        select segment, sum(n) as n from (
            select segment, sum(n) as n from mart_scores group by 1
            union all select segment, 0 from mart_journey_volume group by 1)
        group by 1 order by n desc, 1""").fetchall()]
    channels = [r[0] for r in _cur.execute(
        "select channel from mart_scores group by 1 order by sum(n) desc, 1").fetchall()]
    stages = _cur.execute(
        "select stage, name_en, name_fi from map_stages order by stage_order").fetchall()
    owners = _cur.execute("""
        select f.function_id, f.name_en, f.name_fi from map_functions as f
        left join (select owner, min(stage_order) as first_stage from map_stages group by 1) as s
            on s.owner = f.function_id
        order by s.first_stage nulls last, f.function_id""").fetchall()
    return {"months": _month_span([_as_date(m) for m in months]), "segments": segments,
            "channels": channels, "metrics": [m for m in METRIC_ORDER if m in metrics],
            "stages": [r[0] for r in stages], "owners": [r[0] for r in owners],
            "stage_names": {r[0]: {"en": r[1], "fi": r[2]} for r in stages},
            "owner_names": {r[0]: {"en": r[1], "fi": r[2]} for r in owners}}


def filter_options() -> dict[str, list]:
    """Months with any data (scores, journeys, contacts), segments and response channels, the
    metrics the company collects (responses in any month), and the journey map's stages and
    functions in journey order with their names (for the sidebar filters)."""
    cur = cursor()
    return _filter_options(db_path(), data_version(cur), cur)


@st.cache_data(show_spinner=False, max_entries=256)
def _monthly_cells(path: str, version: str, segments: tuple[str, ...], channels: tuple[str, ...],
                   _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    condition, params = where_clause(None, {"segment": segments, "channel": channels})
    frame = _cur.execute(f"""
        select period_month, metric,
               sum(n)::bigint as n, sum(n_positive)::bigint as n_positive,
               sum(n_negative)::bigint as n_negative,
               sum(score_sum)::double as score_sum, sum(score_sumsq)::double as score_sumsq
        from mart_scores where {condition}
        group by all order by period_month, metric""", params).df()
    frame["period_month"] = [_as_date(v) for v in frame["period_month"]]
    return frame


def monthly_cells(segments: tuple[str, ...] = (), channels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Sufficient statistics per month and metric under the segment/channel filters.

    Columns: period_month (date), metric, n, n_positive, n_negative, score_sum, score_sumsq.
    Roll these up into a ``core.metrics.Cell`` and call ``estimate``; never average values.
    """
    cur = cursor()
    return _monthly_cells(db_path(), data_version(cur), tuple(segments), tuple(channels), cur)


def cell_of(frame: pd.DataFrame) -> Cell:
    """Sum rows of sufficient statistics into one Cell."""
    if frame.empty:
        return Cell()
    sums = frame[CELL_COLUMNS].sum()
    return Cell(int(sums["n"]), int(sums["n_positive"]), int(sums["n_negative"]),
                float(sums["score_sum"]), float(sums["score_sumsq"]))


@st.cache_data(show_spinner=False, max_entries=128)
def _friction(path: str, version: str, by: str, months: tuple[date, date] | None,
              segments: tuple[str, ...], channels: tuple[str, ...],
              _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    from pipelines.friction import friction_table

    return friction_table(_cur, by=by, months=months, segments=list(segments) or None,
                          channels=list(channels) or None)


def friction(by: str = "stage", months: tuple[date, date] | None = None,
             segments: tuple[str, ...] = (), channels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Ranked friction (pipelines.friction.friction_table) under the filters, cached."""
    cur = cursor()
    return _friction(db_path(), data_version(cur), by, months, tuple(segments), tuple(channels), cur)


def friction_available() -> bool:
    try:
        import pipelines.friction  # noqa: F401
    except ImportError:
        return False
    return True


def _month_span(months: list[date]) -> list[date]:
    """Every month from the first to the last (months without responses included)."""
    if not months:
        return []
    first, last = min(months), max(months)
    span, index = [], first.year * 12 + first.month - 1
    while index <= last.year * 12 + last.month - 1:
        span.append(date(index // 12, index % 12 + 1, 1))
        index += 1
    return span


def _as_date(value: Any) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()
