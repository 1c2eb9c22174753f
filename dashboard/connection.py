"""The dashboard's database connection: one DuckDB connection per process, one cursor per browser
session, and the per-run read snapshot.

* ``st.cache_resource`` keeps one connection per process and ``st.cache_resource(scope="session")``
  one cursor per browser session, because a DuckDB connection must not be used from several
  threads at once while cursors may.
* ``snapshot()`` makes one script run read one state of the database: the session cursor holds a
  read transaction from the start of the run to its end, so a refresh that another session commits
  meanwhile shows in the next run, never in half of this one (and a cached query is stored under
  the data version it read). The first statement that writes ends the snapshot.
* Inside a snapshot the calls that every query makes are cheap (a page calls them a hundred
  times): ``cursor()`` returns the snapshot's cursor without a cache lookup, ``db_path()`` is
  resolved once, and values derived from the snapshot are kept by ``SessionCursor.memo``
  (issue 14: a new session's seconds). ``CX_RUN_MEMO=0`` turns these short cuts off (for
  before/after runs of ``python -m bench --only browser``).
"""

from __future__ import annotations

import functools
import os
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

import duckdb
import streamlit as st
from streamlit.errors import StreamlitAPIException

from core import db as cxdb
from dashboard import marts_source
from dashboard.marts_catalog import MartsConnection
from dashboard.marts_source import MartsSource
from dashboard.session_cursor import SessionCursor, latest_refresh, read_data_version

SNAPSHOT_ENV = "CX_READ_SNAPSHOT"  # "0" turns the per-run read snapshot off (for comparison runs)
RUN_MEMO_ENV = "CX_RUN_MEMO"  # "0" turns the in-snapshot short cuts off (for comparison runs)

# the snapshot this thread's script run holds: (database path, cursor), set by snapshot()
_current = threading.local()


def run_memo_enabled() -> bool:
    return os.environ.get(RUN_MEMO_ENV, "1") != "0"


def db_path() -> str:
    """The database file (env CX_DB, else data/cx.duckdb), resolved."""
    if not run_memo_enabled():
        return str(Path(cxdb.default_db_path()).resolve())
    return _resolved(str(cxdb.default_db_path()), os.getcwd())


@functools.lru_cache(maxsize=16)
def _resolved(path: str, cwd: str) -> str:
    return str(Path(path).resolve())


def _close(resource: Any) -> None:
    try:
        resource.close()
    except Exception:  # already closed together with its connection
        pass


@st.cache_resource(show_spinner=False, on_release=_close)
def _open_connection(path: str, marts: str) -> duckdb.DuckDBPyConnection | MartsConnection:
    con = cxdb.connect(path)
    if not marts:
        return con
    try:
        return MartsConnection(con, Path(marts))
    except BaseException:
        con.close()
        raise


def _marts_folder() -> str:
    folder = marts_source.folder()
    return str(folder) if folder is not None else ""


def _process_connection(path: str) -> duckdb.DuckDBPyConnection | MartsConnection:
    """The process's connection to the database file; with CX_MARTS set, one whose cursors also
    find the Parquet marts (dashboard/marts_catalog.py)."""
    return _open_connection(path, _marts_folder())


def shared_connection() -> duckdb.DuckDBPyConnection | MartsConnection:
    """The dashboard process's connection, for work on a thread of its own (take a cursor of it
    there: one cursor per thread), e.g. a deferred download."""
    return _process_connection(db_path())


def sync_marts() -> MartsSource | None:
    """With CX_MARTS set: the marts folder's current state, served from now on (checked once per
    script run, before its snapshot begins); None when the marts come from the database file."""
    if not marts_source.enabled():
        return None
    con = shared_connection()
    return con.sync() if isinstance(con, MartsConnection) else None


def marts() -> MartsSource | None:
    """The Parquet marts folder's state this run serves (None: marts from the database file)."""
    if not marts_source.enabled():
        return None
    con = shared_connection()
    if not isinstance(con, MartsConnection):
        return None
    return con.source if con.source is not None else con.sync()


@st.cache_resource(scope="session", show_spinner=False, on_release=_close)
def _session_cursor(path: str, marts: str = "") -> SessionCursor:
    return SessionCursor(_open_connection(path, marts).cursor())


def cursor() -> SessionCursor:
    """This session's cursor on the shared connection (a new one if that connection was closed,
    e.g. by close_connections() in another session)."""
    path = db_path()
    held = getattr(_current, "held", None)
    if held is not None and held[0] == path and held[1].in_snapshot and run_memo_enabled():
        return held[1]  # the run's snapshot cursor, without a session-cache lookup
    folder = _marts_folder()
    cur = _session_cursor(path, folder)
    if cur.in_snapshot:
        return cur
    try:
        cur.execute("select 1").fetchall()
    except duckdb.ConnectionException:
        _session_cursor.clear(path, folder)
        cur = _session_cursor(path, folder)
    return cur


@contextmanager
def snapshot() -> Iterator[SessionCursor]:
    """Read one state of the database for the whole block (in app.py: the sidebar and the page).

    Ends on any exit, st.stop and st.rerun included, so an idle session never holds a
    transaction (which would keep replaced tables alive). Re-entrant: an inner block does nothing.
    """
    cur = cursor()
    began = os.environ.get(SNAPSHOT_ENV, "1") != "0" and cur.begin_snapshot()
    if began:
        _current.held = (db_path(), cur)
    try:
        yield cur
    finally:
        if began:
            _current.held = None
            cur.end_snapshot()


def close_connections() -> None:
    """Close the shared connection and its cursors, releasing the database file (for tests,
    or before another process has to open the file for writing)."""
    try:
        _session_cursor.clear()
    except StreamlitAPIException:
        pass  # outside a session: the cursors close with their connection below
    _open_connection.clear()


def data_version(cur: duckdb.DuckDBPyConnection | SessionCursor) -> str:
    """The latest refresh time; cache keys change when the models are rebuilt. In a snapshot,
    the version the snapshot reads (so a cached result is stored under the data it holds)."""
    if isinstance(cur, SessionCursor) and cur.in_snapshot:
        return cur.snapshot_version()
    return read_data_version(cur)


def refreshed_at(cur: duckdb.DuckDBPyConnection | SessionCursor) -> datetime | None:
    """The latest refresh (None before the first); in a snapshot, read once with its version."""
    if isinstance(cur, SessionCursor) and cur.in_snapshot and run_memo_enabled():
        return cur.latest_refresh()
    return latest_refresh(cur)
