"""Which refresh the data needs: full, incremental (new batches only), journey map (the map alone
changed: pipelines/map_scope.py) or none, with the reason."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb

from core.db import table_exists
from pipelines import refresh_state
from pipelines.map_scope import changed_map_tables
from pipelines.model_files import Model


@dataclass
class Plan:
    mode: Literal["full", "incremental", "map", "none"]
    reason: str
    new_batches: list[str] = field(default_factory=list)
    map_tables: frozenset[str] = frozenset()  # mode "map": the journey-map tables that changed


def make_plan(
    con: duckdb.DuckDBPyConnection, models: list[Model], tables: dict, macros_sql: str, map_source: str
) -> Plan:
    """Decide between a full, an incremental, a journey-map or no refresh, with the reason.
    ``map_source``: the journey map in effect (a file or 'db:version N')."""
    state = refresh_state.load(con)
    if not state:
        return Plan("full", "no record of an earlier refresh")
    if state.get("models") != refresh_state.models_hash(models, macros_sql):
        return Plan("full", "the models changed")
    missing = _missing_relation(con, models)
    if missing is not None:  # dropped by hand: only a full refresh creates every model again
        return Plan("full", f"the model {missing} is missing from the database")
    before: dict[str, list[str]] = json.loads(state.get("batches", "{}"))
    now = refresh_state.batch_snapshot(con)
    changed = [b for b, (kind, status) in before.items() if now.get(b, [kind, "gone"])[1] != status]
    new = [b for b in now if b not in before]
    if state.get("journey_map") != refresh_state.map_hash(tables):
        digests = refresh_state.map_table_digests(tables)
        map_tables = changed_map_tables(state.get("journey_map_tables"), digests)
        if changed or new or map_tables is None:
            return Plan("full", "the journey map changed")
        return Plan("map", f"the journey map changed: {', '.join(sorted(map_tables))}", map_tables=map_tables)
    if changed:
        return Plan("full", f"{len(changed)} earlier batch(es) were rolled back or removed")
    if not new:
        last = last_map_source(con)
        if last is not None and not same_map_source(last, map_source):  # log the new version as applied
            return Plan("map", "a new journey map version with the same tables")
        return Plan("none", "nothing changed since the last refresh")
    if any(now[b][0] == "demo" for b in new):
        return Plan("full", "a new demo data set")
    if any(now[b][1] != "active" for b in new):
        return Plan("full", "a batch was added and rolled back since the last refresh")
    return Plan("incremental", f"{len(new)} new batch(es)", new)


def _missing_relation(con: duckdb.DuckDBPyConnection, models: list[Model]) -> str | None:
    """The first model whose table or view is gone (dropped by hand), if any: an incremental or map
    refresh would fail on it or leave it missing."""
    tables = "select table_name from information_schema.tables where table_catalog = current_database()"
    present = {name for (name,) in con.execute(f"{tables} and table_schema = 'main'").fetchall()}
    return next((model.name for model in models if model.name not in present), None)


def same_map_source(a: str, b: str) -> bool:
    """Whether two journey map sources (file paths or 'db:version N') name the same map."""
    if a.startswith("db:") or b.startswith("db:"):
        return a == b
    return Path(a).resolve() == Path(b).resolve()


def last_map_source(con: duckdb.DuckDBPyConnection) -> str | None:
    """The journey map the last refresh used (mart_refresh_log.journey_map)."""
    if not table_exists(con, "mart_refresh_log"):
        return None
    rows = con.execute(
        "select journey_map from mart_refresh_log order by refreshed_at desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None
