"""The Parquet marts (dashboard/marts_source.py) as relations the pages query by their usual names.

The dashboard's DuckDB file (CX_DB) keeps the app's own data (users, actions, journey map
versions, ...). An in-memory database attached as ``cx_marts`` holds, for the marts folder's
current state:

* one view per mart over exactly the Parquet files of that state (``read_parquet([...])``, each
  path a quoted literal with its glob characters escaped), so a page reads the files directly;
* the journey map's map_* tables (small: copied into memory), from the Parquet folders or, failing
  those, from the journey map stored in CX_DB;
* ``mart_refresh_log`` (one row: the time of the folder's _refresh.json, so the cached queries'
  data version changes with every Spark run) and ``int_data_end`` (where the event data ends,
  the same value the model gives, from mart_customer_timeline), and the macro ``local_time``;

and every cursor of the dashboard's connection (``MartsConnection.cursor()``, and the cursors
taken of those) looks a name up in CX_DB first, then in ``cx_marts`` (DuckDB's search_path is a
setting of each cursor, not inherited by the cursors taken of it). Tables the
app creates go to CX_DB, the first entry. A CX_DB that holds relations of these names (marts of a
DuckDB refresh) would hide the Parquet ones: that is refused with a message.

All of it is replaced in one transaction when the folder's _refresh.json changes (``sync()``,
once per script run, before the run's read snapshot begins): a run reads one state. One process
serves one marts folder (the catalog's name is fixed).
"""

from __future__ import annotations

import dataclasses
import logging
import re
import threading
from pathlib import Path
from typing import Any

import duckdb

from dashboard import marts_source
from dashboard.marts_source import MartsSource, Problem, files_sql, sql_string
from pipelines.journey_map import DEFAULT_TIMEZONE, JourneyMapError

CATALOG = "cx_marts"
REFRESH_LOG = "mart_refresh_log"
DATA_END = "int_data_end"
TIMELINE = "mart_customer_timeline"
MAP_NAME = re.compile(r"^map_[a-z0-9_]+$")
LOG = logging.getLogger("cx.marts")


def quote(name: str) -> str:
    """A SQL identifier, double-quoted."""
    return '"' + name.replace('"', '""') + '"'


def qualified(name: str) -> str:
    return f"{CATALOG}.main.{quote(name)}"


def search_path_sql(con: Any) -> str:
    """The statement that makes a cursor find CX_DB's relations first, then the marts'."""
    database = con.execute("select current_database()").fetchall()[0][0]
    return f"set search_path = {sql_string(f'{quote(database)}.main,{CATALOG}.main')}"


def provided(source: MartsSource, map_names: list[str]) -> list[str]:
    """The relations the marts catalog holds for ``source``."""
    return [*source.marts, *map_names, REFRESH_LOG, DATA_END]


def hidden_by_app_database(cur: Any, names: list[str]) -> list[str]:
    """Relations of these names in CX_DB (which would be found before the marts catalog's), the
    marts first."""
    if not names:
        return []
    rows = cur.execute(
        "select table_name from information_schema.tables "
        "where table_catalog = current_database() and table_name in (select unnest(?::varchar[])) "
        "order by table_name not like 'mart%', 1",
        [names],
    ).fetchall()
    return [r[0] for r in rows]


def _drop_everything(cur: Any) -> None:
    for name, kind in cur.execute(
        "select table_name, table_type from information_schema.tables where table_catalog = ?", [CATALOG]
    ).fetchall():
        cur.execute(f"drop {'view' if kind == 'VIEW' else 'table'} {qualified(name)}")
    for (name,) in cur.execute(
        "select distinct function_name from duckdb_functions() "
        "where database_name = ? and function_type in ('macro', 'table_macro')",
        [CATALOG],
    ).fetchall():
        cur.execute(f"drop macro {qualified(name)}")


def _map_frames(cur: Any) -> dict[str, Any]:
    """The journey map in effect in CX_DB (latest stored version, else the seed file) as map_* frames."""
    from pipelines.journey_map_frames import journey_map_frames
    from pipelines.journey_map_store import map_in_effect

    return journey_map_frames(map_in_effect(cur))


def _create_maps(cur: Any, source: MartsSource) -> list[str]:
    names = []
    if source.maps:
        for name, files in source.maps.items():
            if MAP_NAME.match(name):
                cur.execute(
                    f"create table {qualified(name)} as select * from read_parquet({files_sql(files)})"
                )
                names.append(name)
        return names
    for name, frame in _map_frames(cur).items():
        cur.register("cx_map_frame", frame)
        try:
            cur.execute(f"create table {qualified(name)} as select * from cx_map_frame")
        finally:
            cur.unregister("cx_map_frame")
        names.append(name)
    return names


def _company_zone(cur: Any) -> str:
    rows = cur.execute(f"select text from {qualified('map_settings')} where key = 'timezone'").fetchall()
    return str(rows[0][0]) if rows and rows[0][0] else DEFAULT_TIMEZONE


def _create(cur: Any, source: MartsSource) -> list[str]:
    """The marts' views, the map tables, the refresh log, int_data_end and the macros."""
    for name, files in source.marts.items():
        cur.execute(f"create view {qualified(name)} as select * from read_parquet({files_sql(files)})")
    maps = _create_maps(cur, source)
    zone = sql_string(_company_zone(cur))
    # the models' macros the page queries use (pipelines.action_effect.data_last_day)
    cur.execute(f"create macro {qualified('company_tz')}() as {zone}")
    cur.execute(f"create macro {qualified('local_time')}(ts) as timezone({zone}, timezone('UTC', ts))")
    cur.execute(
        f"create table {qualified(REFRESH_LOG)} "
        "(refreshed_at timestamp, seconds double, models integer, journey_map varchar)"
    )
    # journey_map null: the map was the raw folder's, not a file or version of CX_DB (so the
    # journey map editor does not offer to refresh with its own)
    cur.execute(
        f"insert into {qualified(REFRESH_LOG)} values (?, ?, ?, null)",
        [source.refreshed_at, source.seconds, source.models],
    )
    # the event data's end in utc, as int_data_end has it: the timeline holds each event at its
    # local time, a monotonic function of the utc time (so the same last day)
    cur.execute(
        f"create view {qualified(DATA_END)} as "
        f"select timezone('UTC', timezone({zone}, max(occurred_at))) as data_end "
        f"from {qualified(TIMELINE)} where kind = 'event'"
    )
    return maps


def _in_transaction(cur: Any, work: Any) -> None:
    cur.execute("begin transaction")
    try:
        work()
    except BaseException:
        cur.execute("rollback")
        raise
    cur.execute("commit")


def install(con: Any, source: MartsSource) -> MartsSource:
    """Replace the marts catalog's content with ``source`` in one transaction (emptied when the
    source has a problem); returns the source, with a problem if CX_DB hides one of its relations,
    the journey map cannot be read or a Parquet file cannot."""
    cur = con.cursor()
    try:
        if not source.usable:
            _in_transaction(cur, lambda: _drop_everything(cur))
            return source
        map_names = list(source.maps) if source.maps else list(marts_source.MAP_TABLES)
        clash = hidden_by_app_database(cur, provided(source, map_names))
        if clash:
            problem = Problem("marts_db_hides", {"folder": source.name, "tables": ", ".join(clash[:5])})
            _in_transaction(cur, lambda: _drop_everything(cur))
            return dataclasses.replace(source, problem=problem)
        try:
            _in_transaction(cur, lambda: (_drop_everything(cur), _create(cur, source)))
        except (JourneyMapError, OSError) as exc:
            LOG.warning("no usable journey map for the Parquet marts: %s", exc)
            problem = Problem("marts_map_unusable", {"folder": source.name})
        except duckdb.Error:
            LOG.exception("the Parquet marts in %s could not be read", source.folder)
            problem = Problem("marts_unreadable_any", {"folder": source.name})
        else:
            return source
        _in_transaction(cur, lambda: _drop_everything(cur))
        return dataclasses.replace(source, problem=problem)
    finally:
        cur.close()


class MartsCursor:
    """A cursor of the marts connection: finds the marts by their usual names, and so do the
    cursors taken of it (``cursor()``: e.g. pipelines.friction takes one of the cursor it is
    given); anything else is the DuckDB cursor's own (``raw``)."""

    def __init__(self, raw: duckdb.DuckDBPyConnection, search_path: str) -> None:
        self.raw = raw
        self._search_path = search_path
        raw.execute(search_path)

    def cursor(self) -> MartsCursor:
        return MartsCursor(self.raw.cursor(), self._search_path)

    def close(self) -> None:
        self.raw.close()

    def __enter__(self) -> MartsCursor:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class MartsConnection:
    """The dashboard process's connection when CX_MARTS is set: CX_DB's connection with the marts
    catalog attached. Its cursors (``cursor()``) find the marts by their usual names; anything
    else is the DuckDB connection's own (``raw``)."""

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path) -> None:
        self.raw = con
        self.folder = folder
        self.source: MartsSource | None = None
        self._lock = threading.Lock()
        con.execute(f"attach if not exists ':memory:' as {CATALOG}")
        self._search_path = search_path_sql(con)
        con.execute(self._search_path)

    def cursor(self) -> MartsCursor:
        return MartsCursor(self.raw.cursor(), self._search_path)

    def sync(self) -> MartsSource:
        """The folder's current state, installed (again only when its _refresh.json changed)."""
        now = marts_source.stamp(self.folder)
        current = self.source
        if current is not None and current.stamp == now and now is not None:
            return current
        with self._lock:
            current = self.source
            if current is not None and current.stamp == now and now is not None:
                return current
            try:
                fresh = marts_source.inspect(self.folder)
                if current is None or current.usable or fresh.usable:
                    fresh = install(self.raw, fresh)
            except Exception:  # noqa: BLE001 - e.g. a file removed while read: a message, no traceback
                LOG.exception("the Parquet marts in %s could not be served", self.folder)
                fresh = MartsSource(
                    self.folder, None, Problem("marts_unreadable_any", {"folder": self.folder.name})
                )
            self.source = fresh
            return fresh

    def close(self) -> None:
        self.raw.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)
