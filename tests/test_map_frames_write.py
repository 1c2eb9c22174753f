"""The refresh stores a journey-map table only when its rows or types changed (issue 15: a table
created inside the refresh's transaction has no planner statistics, which slowed every model
joining map_stages by ~1 s at L)."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest

from pipelines.runner import _write_frame


@pytest.fixture()
def con():
    connection = duckdb.connect()
    yield connection
    connection.close()


def _table_identity(con: duckdb.DuckDBPyConnection, name: str) -> int:
    """The catalog's object id of the table: a new one each time the table is created."""
    return con.execute("select table_oid from duckdb_tables() where table_name = ?", [name]).fetchall()[0][0]


FRAME = pd.DataFrame(
    {"stage": ["order", "delivery", None], "stage_order": [1, 2, 3], "sla": [None, 48.0, 2.5]}
)


def test_missing_table_is_created_with_the_frames_rows(con):
    _write_frame(con, "map_x", FRAME)
    assert con.execute("select * from map_x order by stage_order").fetchall() == [
        ("order", 1, None),
        ("delivery", 2, 48.0),
        (None, 3, 2.5),
    ]


def test_equal_rows_in_another_order_keep_the_stored_table(con):
    _write_frame(con, "map_x", FRAME)
    before = _table_identity(con, "map_x")
    _write_frame(con, "map_x", FRAME.iloc[[2, 0, 1]].reset_index(drop=True))
    assert _table_identity(con, "map_x") == before


@pytest.mark.parametrize(
    "changed",
    [
        FRAME.assign(sla=[None, 48.0, 3.0]),  # one value
        FRAME.iloc[:2],  # a row fewer
        pd.concat([FRAME, FRAME.iloc[:1]], ignore_index=True),  # a duplicate row more
        FRAME.assign(stage_order=[1.0, 2.0, 3.0]),  # same numbers, another type
        FRAME.rename(columns={"sla": "sla_hours"}),  # another column name
    ],
)
def test_any_change_replaces_the_table(con, changed):
    _write_frame(con, "map_x", FRAME)
    before = _table_identity(con, "map_x")
    _write_frame(con, "map_x", changed)
    assert _table_identity(con, "map_x") != before
    stored = con.execute("select * from map_x").df()
    assert list(stored.columns) == list(changed.columns)
    assert sorted(map(repr, stored.itertuples(index=False))) == sorted(
        map(repr, changed.itertuples(index=False))
    )
