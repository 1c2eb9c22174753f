"""``@cached_query``: a query function of the dashboard, cached per database state.

A query is written as ``def name(cur, *filters) -> result``: it runs on the cursor it is given.
Decorated, it is called without the cursor (``name(*filters)``); the call runs it on this
session's cursor (dashboard/connection.py, inside the run's read snapshot) and caches the result
with ``st.cache_data`` keyed on the database path, the data version the cursor reads (the latest
refresh, so a refresh invalidates every query) and the arguments (lists count as tuples, defaults
filled in). ``name.uncached(cur, ...)`` runs the query itself; ``name.clear()`` empties its cache.
"""

from __future__ import annotations

import functools
import hashlib
import inspect
from collections.abc import Callable
from typing import Any, Concatenate, ParamSpec, TypeVar

import streamlit as st

from dashboard import connection

P = ParamSpec("P")
R = TypeVar("R")


def _hashable(value: Any) -> Any:
    return tuple(value) if isinstance(value, list) else value


def cached_query(max_entries: int = 64) -> Callable[[Callable[Concatenate[Any, P], R]], Callable[P, R]]:
    """Cache ``query(cur, ...)`` on (database, data version, arguments); see the module docstring."""

    def decorate(query: Callable[Concatenate[Any, P], R]) -> Callable[P, R]:
        signature = inspect.signature(query)
        source = hashlib.sha256(inspect.getsource(query).encode("utf-8")).hexdigest()

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
            return cached(source, connection.db_path(), connection.data_version(cur), arguments, cur)

        call.uncached = query  # type: ignore[attr-defined]
        call.clear = cached.clear  # type: ignore[attr-defined]
        return call

    return decorate
