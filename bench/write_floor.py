"""What storing the models' tables costs alone: the floor under the models' time that the
lower-bound query, which stores nothing, does not have.

Every table the given models write is copied row for row (`create table ... as select * from` it,
with the refresh's unordered writes) in one transaction that is rolled back. A model cannot be
built faster than its rows can be written, so the copy's time bounds the models' time from below
whatever their SQL does; the rest of the models' time is their computing.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import duckdb

from pipelines.model_files import Model
from pipelines.runner import unordered_writes


@dataclass(frozen=True)
class Copied:
    seconds: float
    tables: int
    rows: int


def copy_tables_and_rollback(con: duckdb.DuckDBPyConnection, models: list[Model]) -> Copied:
    """Copy the tables (not the views) of the models in a transaction that is rolled back; time it."""
    tables = [model.name for model in models if model.materialized != "view"]
    rows = 0
    with unordered_writes(con):
        con.execute("begin transaction")
        try:
            started = time.perf_counter()
            for name in tables:
                copy = f"create table _write_floor_{name} as select * from {name}"
                rows += con.execute(copy).fetchall()[0][0]  # a create ... as returns its row count
            seconds = time.perf_counter() - started
        finally:
            con.execute("rollback")
    return Copied(seconds, len(tables), rows)
