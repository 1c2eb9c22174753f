"""What the last refresh was built from (models, journey map, import batches), so the next refresh
can tell whether it may be incremental."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import TYPE_CHECKING

import duckdb

from pipelines.journey_map_tables import MapTable, csv_text

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.runner import Model

TIMEZONE_KEY = "company_tz()"  # the time zone's entry among the map table digests
STATE_DDL = "create table if not exists refresh_state (key varchar primary key, value varchar not null)"


def models_hash(models: list[Model], macros_sql: str) -> str:
    """Changes whenever a model file or the macros change."""
    digest = hashlib.sha256(macros_sql.encode("utf-8"))
    for model in sorted(models, key=lambda m: m.name):
        digest.update(f"\x1f{model.layer}/{model.name}\x1f{model.sql}".encode())
    return digest.hexdigest()


def map_hash(tables: dict[str, MapTable]) -> str:
    """Changes whenever the journey map in effect changes (its map_* tables). The same digest as
    the tables' DataFrames' to_csv gave, so a database refreshed before keeps its state."""
    digest = hashlib.sha256()
    for name in sorted(tables):
        digest.update(name.encode("utf-8"))
        digest.update(csv_text(tables[name]).encode("utf-8"))
    return digest.hexdigest()


def map_table_digests(tables: dict[str, MapTable]) -> dict[str, str]:
    """Each map_* table's digest, and the time zone's (a map_settings row that models use through
    the company_tz() macro, not by reading map_settings), so that after a change of the map alone
    the refresh can rebuild just the models that read what changed (pipelines/map_scope.py)."""
    digests = {name: _digest(csv_text(table)) for name, table in sorted(tables.items())}
    settings = tables.get("map_settings")
    if settings is not None:
        zone = [row for row in settings.rows if row[0] == "timezone"]
        digests[TIMEZONE_KEY] = _digest(repr(zone))
    return digests


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def batch_snapshot(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """batch_id -> [kind, status] for every import batch."""
    rows = con.execute("select batch_id, kind, status from import_batches").fetchall()
    return {batch_id: [kind, status] for batch_id, kind, status in rows}


def save(
    con: duckdb.DuckDBPyConnection,
    models_digest: str,
    map_digest: str,
    model_names: list[str],
    table_digests: dict[str, str] | None = None,
) -> None:
    """Record what the models were just built from (call inside the refresh transaction)."""
    con.execute(STATE_DDL)
    values = {
        "models": models_digest,
        "journey_map": map_digest,
        "journey_map_tables": json.dumps(table_digests or {}, sort_keys=True),
        "batches": json.dumps(batch_snapshot(con), sort_keys=True),
        "model_names": json.dumps(sorted(model_names)),
    }
    for key, value in values.items():
        con.execute("insert or replace into refresh_state values (?, ?)", [key, value])


def record(
    con: duckdb.DuckDBPyConnection,
    models: list[Model],
    macros_sql: str,
    tables: dict[str, MapTable],
    seconds: float,
    models_built: int,
    map_source: str,
) -> None:
    """At the end of a refresh, inside its transaction: save what the models were built from and
    add the refresh to mart_refresh_log."""
    save(
        con,
        models_hash(models, macros_sql),
        map_hash(tables),
        [m.name for m in models],
        map_table_digests(tables),
    )
    con.execute(
        "insert into mart_refresh_log values (?, ?, ?, ?)",
        [datetime.now(), seconds, models_built, map_source],
    )


def load(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'refresh_state'"
    ).fetchall()[0][0]
    if not exists:
        return {}
    return dict(con.execute("select key, value from refresh_state").fetchall())
