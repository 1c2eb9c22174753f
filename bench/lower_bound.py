"""The lower bound of the friction table by stage: one hand-written DuckDB query
(bench/lower_bound.sql) from the raw tables and the journey map that gives exactly the stage rows
of ``mart_friction``. ``run_friction`` (bench/baselines.py) times it against the models and
checks it equal to the mart."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pandas as pd

LOWER_BOUND_SQL = Path(__file__).with_name("lower_bound.sql")


def lower_bound_sql() -> str:
    """The query's text."""
    return LOWER_BOUND_SQL.read_text()


def lower_bound_friction(con: duckdb.DuckDBPyConnection, sql: str | None = None) -> pd.DataFrame:
    """The stage rows of mart_friction computed by the single query (same columns, by rank)."""
    return con.execute(sql or lower_bound_sql()).df()
