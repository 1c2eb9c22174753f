"""The months an additive model's contributions changed in: float sums that differ only in their
last bits (the same rows added in another order) do not count as a change; real changes do."""

from __future__ import annotations

import duckdb
import pytest

from pipelines.incremental_rebuild import note_changed_months


@pytest.fixture()
def con():
    c = duckdb.connect()
    c.execute("create temp table _changed_months (period_month date)")
    yield c
    c.close()


def _sums(con, name: str, rows: list[tuple]) -> None:
    con.execute(f"create temp table {name} (period_month date, k varchar, n bigint, cost double)")
    con.executemany(f"insert into {name} values (?, ?, ?, ?)", rows)


def _months(con) -> list[str]:
    return [
        str(r[0])
        for r in con.execute("select distinct period_month from _changed_months order by 1").fetchall()
    ]


def test_sums_in_another_order_are_not_a_change_but_a_real_change_is(con):
    reordered = (0.1 + 0.2) + 0.3
    assert reordered != 0.1 + (0.2 + 0.3)  # the last bits differ
    _sums(con, "_old_sums", [("2026-01-01", "a", 3, 0.1 + (0.2 + 0.3)), ("2026-02-01", "a", 1, 5.0)])
    _sums(con, "_new_sums", [("2026-01-01", "a", 3, reordered), ("2026-02-01", "a", 1, 5.5)])
    note_changed_months(con, "_old_sums", "_new_sums", sums=True)
    assert _months(con) == ["2026-02-01"]


def test_rows_are_compared_exactly_unless_they_are_sums(con):
    _sums(con, "_old_sums", [("2026-01-01", "a", 3, 0.1 + (0.2 + 0.3))])
    _sums(con, "_new_sums", [("2026-01-01", "a", 3, (0.1 + 0.2) + 0.3)])
    note_changed_months(con, "_old_sums", "_new_sums")
    assert _months(con) == ["2026-01-01"]


def test_a_changed_count_or_a_new_key_is_a_change(con):
    _sums(con, "_old_sums", [("2026-01-01", "a", 3, 1.0), ("2026-03-01", "a", 1, None)])
    _sums(
        con,
        "_new_sums",
        [("2026-01-01", "a", 4, 1.0), ("2026-03-01", "a", 1, None), ("2026-04-01", "b", 1, 2.0)],
    )
    note_changed_months(con, "_old_sums", "_new_sums", sums=True)
    assert _months(con) == ["2026-01-01", "2026-04-01"]
