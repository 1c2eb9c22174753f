"""Rebuild the SQL models (staging views -> intermediate and mart tables) in one transaction."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

import duckdb

from core.db import same_rows, setting, table_exists
from core.metrics import T_TABLE_MAX_DF
from pipelines import refresh_state
from pipelines.journey_map_store import MapChoice, delete_version, journey_map_for_refresh
from pipelines.journey_map_tables import journey_map_tables
from pipelines.map_scope import MapScope
from pipelines.metric_macros import metric_macros_sql

# the model files, their contracts and their order: pipelines/model_files.py (re-exported here)
from pipelines.model_files import MODELS_DIR, Model, RefreshError, discover_models

if TYPE_CHECKING:  # pragma: no cover
    import pandas as pd


def ensure_reference_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Student t 97.5% quantiles for 1..T_TABLE_MAX_DF degrees of freedom (built once)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'ref_t975'"
    ).fetchall()[0][0]
    if exists:
        return
    # imported here, once per database: scipy and pandas cost a CLI command ~1 s to import
    import numpy as np
    import pandas as pd
    from scipy import stats

    df = np.arange(1, T_TABLE_MAX_DF + 1)
    frame = pd.DataFrame({"df": df.astype("int64"), "t975": stats.t.ppf(0.975, df)})
    con.register("ref_t975_frame", frame)
    con.execute("create table ref_t975 as select * from ref_t975_frame")
    con.unregister("ref_t975_frame")


def _write_frame(con: duckdb.DuckDBPyConnection, name: str, frame: pd.DataFrame) -> None:
    """Store a journey-map table, unless the stored one already holds exactly these rows.

    Kept when equal: a table created inside the refresh's transaction has no statistics the
    planner can use yet, which made the models joining map_stages ~1 s slower at L (issue 15).
    A table written is analysed at once: without that, the refresh after a change of map_stages
    took 36-39 s at L instead of 31-33 s (int_journey_stages alone 9.4-9.9 s instead of 7.6-7.9 s).
    """
    con.register("frame_to_write", frame)
    try:
        if not _table_equals_frame(con, name):
            con.execute(f"create or replace table {name} as select * from frame_to_write")
            con.execute(f"analyze {name}")
    finally:
        con.unregister("frame_to_write")


def _table_equals_frame(con: duckdb.DuckDBPyConnection, name: str) -> bool:
    """Whether table ``name`` exists with frame_to_write's columns, types and rows (as a multiset)."""
    if not table_exists(con, name):
        return False
    stored = con.execute(f"select column_name, column_type from (describe {name})").fetchall()
    given = con.execute("select column_name, column_type from (describe frame_to_write)").fetchall()
    return stored == given and same_rows(con, name, "frame_to_write")


def drop_relation(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Drop a table or view of that name, whichever it is (a model may change materialization)."""
    kinds = con.execute(
        "select table_type from information_schema.tables where table_name = ?", [name]
    ).fetchall()
    for (table_type,) in kinds:
        con.execute(f"drop {'view' if table_type == 'VIEW' else 'table'} {name}")


# models removed before the refresh recorded its model names
RETIRED_BEFORE_NAMES_WERE_RECORDED = ("int_response_owner_exposure",)


def retired_models(con: duckdb.DuckDBPyConnection, models: list[Model]) -> list[str]:
    """Relations an earlier refresh built from a model file that no longer exists."""
    earlier = json.loads(refresh_state.load(con).get("model_names", "[]"))
    current = {m.name for m in models}
    candidates = sorted((set(earlier) | set(RETIRED_BEFORE_NAMES_WERE_RECORDED)) - current)
    return [name for name in candidates if table_exists(con, name)]


@contextmanager
def unordered_writes(con: duckdb.DuckDBPyConnection) -> Iterator[None]:
    """Let DuckDB write model tables in any row order (parallel, less memory); restore after.

    No model relies on the order of its rows: every page query orders what it shows.
    """
    with setting(con, "preserve_insertion_order", False):
        yield


def refresh(
    con: duckdb.DuckDBPyConnection,
    journey_map_path: str | Path | None = None,
    choice: MapChoice | None = None,
    changed_map_tables: frozenset[str] | None = None,
) -> dict:
    """Rebuild every model; readers see the old state until the single commit.

    The map is the latest stored version; ``journey_map_path`` stores that file as a new version
    first (see journey_map_store.journey_map_for_refresh), and a version stored for a refresh
    that then fails is removed again. ``changed_map_tables``: only these map tables changed since
    the last refresh (pipelines/map_scope.py): only the models that read them are rebuilt.
    """
    started = time.perf_counter()
    choice = choice or journey_map_for_refresh(con, journey_map_path)
    models = discover_models(MODELS_DIR)
    try:
        ensure_reference_tables(con)
        con.execute("""create table if not exists mart_refresh_log (
            refreshed_at timestamp, seconds double, models integer, journey_map varchar)""")
        with unordered_writes(con):
            result = _refresh_models(
                con, models, choice.journey_map, choice.source, started, changed_map_tables
            )
    except BaseException:
        undo_stored_version(con, choice)
        raise
    return {**result, "map_version": choice.version, "map_reason": choice.reason}


def undo_stored_version(con: duckdb.DuckDBPyConnection, choice: MapChoice) -> None:
    """Remove the journey map version stored for a refresh that failed (a given file, not a seed)."""
    if choice.new_version is not None:
        try:
            delete_version(con, choice.new_version)
        except duckdb.Error:
            pass


def model_macros_sql() -> str:
    """The macros every model may use: the metric definitions (generated from core/metrics.py)
    and models/macros.sql. Part of the models' hash, so a changed definition rebuilds everything."""
    return metric_macros_sql() + (MODELS_DIR / "macros.sql").read_text(encoding="utf-8")


def company_timezone_macro(journey_map) -> str:
    """The macro company_tz() that macros.sql's local_time builds on: the map's time zone."""
    zone = str(journey_map.timezone).replace("'", "''")
    return f"create or replace macro company_tz() as '{zone}'"


def _refresh_models(
    con: duckdb.DuckDBPyConnection,
    models: list[Model],
    journey_map,
    map_source: str,
    started: float,
    changed_map_tables: frozenset[str] | None = None,
) -> dict:
    from pipelines.journey_map_frames import table_frame  # pandas: imported for a full refresh only
    from pipelines.lemma_cache import fill_lemma_cache

    con.execute("begin transaction")
    current = "journey map"
    try:
        tables = journey_map_tables(journey_map)
        for name, table in tables.items():
            _write_frame(con, name, table_frame(table))
        current = "lemma cache"
        scope = None if changed_map_tables is None else MapScope(changed_map_tables)
        # the words of every text and theme term not lemmatised yet; after a map change alone only
        # new theme words: the refresh that brought a text cached its words, so no text has them
        # and the lemma models, which read the cache for their texts' words, stand
        fill_lemma_cache(con, batches=None if scope is None else [])
        current = "macros.sql"
        con.execute(company_timezone_macro(journey_map))
        macros_sql = model_macros_sql()
        con.execute(macros_sql)
        current = "retired models"
        for name in retired_models(con, models):
            drop_relation(con, name)
        rows: dict[str, int] = {}
        rebuilt: list[Model] = []
        for model in models:
            if scope is not None and not scope.needs(model):
                continue  # reads nothing that changed: its table stands
            current = f"{model.layer}/{model.path.name}"
            kind = model.materialized
            previous = scope.set_aside(con, model) if scope is not None else None
            drop_relation(con, model.name)
            con.execute(f"create {kind} {model.name} as\n{model.sql}")
            if kind == "table":
                rows[model.name] = con.execute(f"select count(*) from {model.name}").fetchall()[0][0]
            if scope is not None:
                scope.settle(con, model, previous)
            rebuilt.append(model)
        seconds = time.perf_counter() - started
        refresh_state.record(con, models, macros_sql, tables, seconds, len(rebuilt), map_source)
        con.execute("commit")
    except duckdb.Error as exc:
        con.execute("rollback")
        raise RefreshError(f"refresh failed in {current}: {exc}") from exc
    return {
        "models": len(rebuilt),
        "seconds": round(seconds, 3),
        "rows": rows,
        "rebuilt": {model.name: "full" for model in rebuilt},
    }
