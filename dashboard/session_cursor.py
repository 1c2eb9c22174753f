"""A browser session's cursor on the shared connection that can hold one read snapshot per
script run (dashboard/data.py snapshot()): reads inside it see one state of the database; the
first statement that writes ends the snapshot first, a failed statement starts a new one."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

import duckdb

from core import db as cxdb

T = TypeVar("T")

# statements that only read: they run inside a session's snapshot; anything else (begin, create,
# insert, update, delete, drop, copy, checkpoint, ...) ends the snapshot before it runs
READ_STATEMENTS = frozenset(
    {
        "select",
        "with",
        "from",
        "values",
        "table",
        "describe",
        "show",
        "summarize",
        "explain",
        "pragma",
        "set",
        "reset",
        "call",
    }
)
_FIRST_WORD = re.compile(r"^(?:\s+|--[^\n]*\n?|/\*.*?\*/|\()*([A-Za-z_]+)", re.DOTALL)


def is_read_statement(query: object) -> bool:
    """True when the SQL text starts with a statement that only reads (comments skipped)."""
    if not isinstance(query, str):
        return False
    match = _FIRST_WORD.match(query)
    return bool(match) and match.group(1).lower() in READ_STATEMENTS


class SessionCursor:
    """A browser session's cursor that can hold a read snapshot for one script run.

    Behaves like the DuckDB cursor it wraps (other attributes are passed through). Between
    ``begin_snapshot()`` and ``end_snapshot()`` every read sees the database as of the begin,
    whatever other sessions commit meanwhile; the first statement that is not a read ends the
    snapshot first, so imports and refreshes run on it exactly as on a plain cursor.
    """

    def __init__(self, raw: duckdb.DuckDBPyConnection) -> None:
        self.raw = raw
        self._active = False
        self._version: str | None = None
        self.restarts = 0  # snapshots begun again after a failed query aborted the transaction
        self._memo: dict[Any, Any] = {}  # values worked out from this snapshot (memo())

    @property
    def in_snapshot(self) -> bool:
        return self._active

    def begin_snapshot(self) -> bool:
        """Begin a read transaction; False when one is already active (nothing done)."""
        if self._active:
            return False
        self.raw.execute("begin transaction")
        self._active, self._version = True, None
        self._memo.clear()
        return True

    def end_snapshot(self) -> None:
        """End the read transaction (idempotent; never raises)."""
        if not self._active:
            return
        self._active, self._version = False, None
        self._memo.clear()
        try:
            self.raw.execute("commit")
        except duckdb.Error:
            try:
                self.raw.execute("rollback")
            except duckdb.Error:
                pass  # the connection was closed: no transaction left

    def snapshot_version(self) -> str:
        """data_version as of the snapshot (read once per snapshot)."""
        if self._version is None:
            self._version = version_text(self.latest_refresh())
        return self._version

    def latest_refresh(self) -> Any:
        """max(mart_refresh_log.refreshed_at) (None before the first refresh); once per snapshot."""
        return self.memo("latest_refresh", lambda: latest_refresh(self.raw))

    def memo(self, key: Any, make: Callable[[], T]) -> T:
        """``make()``, worked out once per snapshot: inside a snapshot the database cannot change,
        so a value derived from it (the journey map in effect, its settings) is kept until the
        snapshot ends. Outside a snapshot ``make()`` runs every time. An exception is not kept."""
        if not self._active:
            return make()
        if key not in self._memo:
            self._memo[key] = make()
        return self._memo[key]

    def _before(self, query: object) -> None:
        if self._active and not is_read_statement(query):
            self.end_snapshot()

    def _failed(self) -> None:
        """A failed statement aborts DuckDB's transaction: begin a fresh snapshot so the rest of
        the run can go on reading."""
        if not self._active:
            return
        self.end_snapshot()
        try:
            self.begin_snapshot()
            self.restarts += 1
        except duckdb.Error:
            pass

    def _run(self, method: str, query: Any, *args: Any, **kwargs: Any) -> Any:
        self._before(query)
        try:
            return getattr(self.raw, method)(query, *args, **kwargs)
        except duckdb.Error as exc:
            if not self._active:
                raise
            self._failed()
            if "transaction is aborted" not in str(exc):
                raise
        # an earlier error (e.g. while fetching a result) had aborted the snapshot: once more
        return getattr(self.raw, method)(query, *args, **kwargs)

    def execute(self, query: Any, parameters: Any = None) -> duckdb.DuckDBPyConnection:
        return self._run("execute", query, parameters)

    def executemany(self, query: Any, parameters: Any = None) -> duckdb.DuckDBPyConnection:
        return self._run("executemany", query, parameters)

    def sql(self, query: Any, *args: Any, **kwargs: Any) -> Any:
        return self._run("sql", query, *args, **kwargs)

    query = sql

    def cursor(self) -> Any:
        """In a snapshot, a handle on this same cursor (so helpers that take a cursor of their
        own read the same state; closing it does nothing); otherwise a new DuckDB cursor."""
        return _SharedCursor(self) if self._active else self.raw.cursor()

    def close(self) -> None:
        self.end_snapshot()
        self.raw.close()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.raw, name)


class _SharedCursor:
    """A SessionCursor handed out by its cursor() during a snapshot; close() leaves it open."""

    def __init__(self, owner: SessionCursor) -> None:
        self._owner = owner

    def close(self) -> None:
        pass

    def __getattr__(self, name: str) -> Any:
        return getattr(self._owner, name)


def latest_refresh(cur: Any) -> Any:
    """max(mart_refresh_log.refreshed_at), None before the first refresh."""
    if not cxdb.table_exists(cur, "mart_refresh_log"):
        return None
    return cur.execute("select max(refreshed_at) from mart_refresh_log").fetchall()[0][0]


def version_text(value: Any) -> str:
    return "never" if value is None else str(value)


def read_data_version(cur: Any) -> str:
    """The latest refresh time as text ("never" before the first refresh)."""
    return version_text(latest_refresh(cur))
