"""``@cached_query``: a query function of the dashboard, cached per database state.

A query is written as ``def name(cur, *filters) -> result``: it runs on the cursor it is given.
Decorated, it is called without the cursor (``name(*filters)``); the call runs it on this
session's cursor (dashboard/connection.py, inside the run's read snapshot) and caches the result
with ``st.cache_data`` keyed on the database path, the data version the cursor reads (the latest
refresh, so a refresh invalidates every query) and the arguments (lists count as tuples, defaults
filled in). ``name.uncached(cur, ...)`` runs the query itself; ``name.clear()`` empties its cache.

Within one script run's read snapshot the database cannot change, so a result is looked up in
``st.cache_data`` once per run and kept by the snapshot (``SessionCursor.memo``); a later call in
the same run gets its own copy of it (a DataFrame a shallow copy: pandas' copy-on-write keeps the
kept one unchanged), without hashing the arguments and unpickling the result again (a page asks
for the journey map's stage names dozens of times). ``CX_RUN_MEMO=0`` turns this off.
"""

from __future__ import annotations

import copy
import functools
import hashlib
import inspect
from collections.abc import Callable
from datetime import date, datetime
from typing import Any, Concatenate, ParamSpec, TypeVar

import pandas as pd
import streamlit as st

from dashboard import connection
from dashboard.session_cursor import SessionCursor

P = ParamSpec("P")
R = TypeVar("R")


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


_IMMUTABLE = (str, bytes, int, float, bool, type(None), date, datetime)
_COPY_ON_WRITE = int(pd.__version__.split(".")[0]) >= 3  # pandas 3: always on


def fresh(value: Any) -> Any:
    """A copy of a kept result that the caller may change without changing the kept one."""
    if isinstance(value, _IMMUTABLE):
        return value
    if isinstance(value, pd.DataFrame | pd.Series):
        # with copy-on-write a shallow copy's changes never reach the original
        return value.copy(deep=not _COPY_ON_WRITE)
    if isinstance(value, tuple):
        return tuple(fresh(v) for v in value)
    if isinstance(value, list):
        return [fresh(v) for v in value]
    if isinstance(value, dict):
        return {k: fresh(v) for k, v in value.items()}
    return copy.deepcopy(value)


def cached_query(max_entries: int = 64) -> Callable[[Callable[Concatenate[Any, P], R]], Callable[P, R]]:
    """Cache ``query(cur, ...)`` on (database, data version, arguments); see the module docstring."""

    def decorate(query: Callable[Concatenate[Any, P], R]) -> Callable[P, R]:
        signature = inspect.signature(query)
        source = hashlib.sha256(inspect.getsource(query).encode("utf-8")).hexdigest()
        identity = ("cached_query", query.__module__, query.__qualname__, source)

        def run(source: str, path: str, version: str, arguments: tuple[tuple[str, Any], ...], _cur: Any) -> R:
            return query(_cur, **dict(arguments))

        # st.cache_data tells functions apart by module and qualified name: one cache per query
        run.__module__, run.__qualname__ = query.__module__, query.__qualname__
        cached = st.cache_data(show_spinner=False, max_entries=max_entries)(run)

        @functools.wraps(query)
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            cur = connection.cursor()
            bound = signature.bind(cur, *args, **kwargs)
            bound.apply_defaults()
            arguments = tuple((name, _hashable(value)) for name, value in list(bound.arguments.items())[1:])
            path = connection.db_path()

            def lookup() -> R:
                return cached(source, path, connection.data_version(cur), arguments, cur)

            if isinstance(cur, SessionCursor) and cur.in_snapshot and connection.run_memo_enabled():
                key = (identity, path, arguments)
                try:
                    hash(key)
                except TypeError:  # an argument that is not hashable: no memo
                    return lookup()
                return fresh(cur.memo(key, lookup))
            return lookup()

        call.uncached = query  # type: ignore[attr-defined]
        call.clear = cached.clear  # type: ignore[attr-defined]
        return call

    return decorate
