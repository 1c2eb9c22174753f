"""A hand-made scenario in a fresh database with every model built, for the model tests
(given these rows -> expected rows)."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import ModuleType

import duckdb

from core.db import connect
from pipelines.runner import refresh


@contextmanager
def refreshed(directory: Path, scenario: ModuleType) -> Iterator[duckdb.DuckDBPyConnection]:
    """Load ``scenario`` (a module with ``load(con)``) into a new database and refresh it."""
    con = connect(directory / "scenario.duckdb")
    try:
        scenario.load(con)
        refresh(con)
        yield con
    finally:
        con.close()


def rows(con: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()
