"""Per-run short cuts of the dashboard's data layer (issue 14, a new session's seconds): inside a
script run's read snapshot a value derived from the database is worked out once
(SessionCursor.memo), a @cached_query result is looked up once and every caller gets its own
copy; CX_RUN_MEMO=0 turns this off."""

from __future__ import annotations

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dashboard.cached_query import fresh
from dashboard.session_cursor import SessionCursor


@pytest.fixture
def cur():
    con = duckdb.connect()
    con.execute("create table mart_refresh_log (refreshed_at timestamp)")
    con.execute("insert into mart_refresh_log values ('2026-01-01 10:00')")
    cursor = SessionCursor(con.cursor())
    yield cursor
    cursor.close()
    con.close()


def test_memo_holds_for_one_snapshot_only(cur):
    calls = []

    def make():
        calls.append(1)
        return len(calls)

    assert cur.memo("k", make) == 1 and cur.memo("k", make) == 2  # no snapshot: every time
    cur.begin_snapshot()
    assert cur.memo("k", make) == 3 and cur.memo("k", make) == 3
    cur.end_snapshot()
    cur.begin_snapshot()
    assert cur.memo("k", make) == 4  # a new snapshot works it out again
    cur.execute("create table t (x int)")  # a write ends the snapshot, and the memo with it
    assert not cur.in_snapshot and cur.memo("k", make) == 5


def test_an_exception_is_not_kept(cur):
    cur.begin_snapshot()
    with pytest.raises(ValueError):
        cur.memo("k", lambda: (_ for _ in ()).throw(ValueError("no")))
    assert cur.memo("k", lambda: "ok") == "ok"
    cur.end_snapshot()


def test_latest_refresh_and_the_version_are_read_together(cur):
    cur.begin_snapshot()
    assert str(cur.latest_refresh()) == "2026-01-01 10:00:00"
    assert cur.snapshot_version() == "2026-01-01 10:00:00"
    cur.end_snapshot()


def test_fresh_copies_cannot_change_the_kept_value():
    kept = {"frame": pd.DataFrame({"a": [1, 2]}), "names": ["x"], "n": 3}
    copy = fresh(kept)
    copy["frame"].loc[0, "a"] = 99
    copy["frame"]["b"] = 1
    copy["names"].append("y")
    assert kept["frame"]["a"].tolist() == [1, 2] and list(kept["frame"].columns) == ["a"]
    assert kept["names"] == ["x"]
    assert fresh((1, "s", None)) == (1, "s", None)


def _script() -> None:
    import streamlit as st

    from dashboard import data

    with data.snapshot():
        first = data.map_stages()
        first.loc[first.index[0], "stage"] = "changed by the caller"
        first["extra"] = 1
        second = data.map_stages()
        st.write(str(second["stage"].iloc[0] != "changed by the caller" and "extra" not in second.columns))
        st.write(str(data.journey_map() is data.journey_map()))
        settings = data.settings()
        settings["min_n"] = -1
        st.write(str(data.settings()["min_n"] != -1))


@pytest.mark.parametrize("memo", ["1", "0"])
def test_a_page_run_gets_its_own_copies(demo_db, monkeypatch, memo):
    import streamlit as st

    monkeypatch.setenv("CX_DB", str(demo_db))
    monkeypatch.setenv("CX_RUN_MEMO", memo)
    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    shown = [m.value for m in at.markdown]
    assert shown == ["True", "True", "True"]
    st.cache_resource.clear()
