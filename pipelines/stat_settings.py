"""The journey map's statistical settings as the models stored them (map_settings)."""

from __future__ import annotations

import duckdb


def min_n_and_alpha(con: duckdb.DuckDBPyConnection) -> tuple[int, float]:
    """(min_n: the smallest group that gets a number, alpha: the significance level)."""
    rows = dict(con.execute("select key, number from map_settings").fetchall())
    return int(rows["min_n"]), float(rows["alpha"])
