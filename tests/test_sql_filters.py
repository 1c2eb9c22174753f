"""The one where-clause builder: given filters -> expected rows of a small table."""

from __future__ import annotations

from datetime import date

import duckdb

from pipelines.sql_filters import where_clause

ROWS = [
    (date(2026, 1, 1), "b2c", "web", "delivery"),
    (date(2026, 2, 1), "b2b", "web", "billing"),
    (date(2026, 3, 1), "b2c", "phone", "delivery"),
    (date(2026, 3, 1), None, "web", "delivery"),
]


def _select(months, in_lists, equal=None) -> list[tuple]:
    con = duckdb.connect()
    con.execute("create table t (period_month date, segment varchar, channel varchar, stage varchar)")
    con.executemany("insert into t values (?, ?, ?, ?)", ROWS)
    sql, params = where_clause(months, in_lists, equal)
    return con.execute(f"select * from t where {sql} order by all", params).fetchall()


def test_no_filter_keeps_every_row():
    everything = _select(None, {})
    assert len(everything) == 4
    assert _select(None, {"segment": (), "channel": None}) == everything


def test_month_range_lists_and_equal_pairs_combine():
    got = _select((date(2026, 2, 1), date(2026, 3, 1)), {"segment": ("b2c", "b2b"), "channel": ("web",)})
    assert got == [(date(2026, 2, 1), "b2b", "web", "billing")]
    got = _select(None, {"channel": ("web", "phone")}, {"stage": "delivery"})
    assert [r[1] for r in got] == ["b2c", "b2c", None]


def test_values_are_parameters_never_sql_text():
    sql, params = where_clause(None, {"segment": ("x' or '1'='1",)})
    assert "x'" not in sql and params == ["x' or '1'='1"]
    assert _select(None, {"segment": ("x' or '1'='1",)}) == []
