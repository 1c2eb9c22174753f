"""One script run reads one state of the database (dashboard.data.snapshot): a refresh that another
session commits meanwhile is not seen half-way, and shows as soon as the snapshot ends."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from datetime import datetime

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect
from dashboard import data
from pipelines.incremental import refresh_changed
from pipelines.runner import refresh

SEEN: list[data.SessionCursor] = []  # cursors the AppTest script below hands back to the test
DURING: list[bool] = []  # whether each was in a snapshot inside the block


@pytest.fixture()
def con(demo_db, tmp_path, monkeypatch):
    """A private, writable copy of the scale-S demo database; one process connection."""
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("CX_DB", str(path))
    connection = connect(path)
    yield connection
    connection.close()


def state(cur) -> tuple:
    """What a page would show, from three separate queries: responses in the raw table, NPS
    responses in the mart, and the data version."""
    raw = cur.execute("select count(*) from raw_survey_responses where metric = 'nps'").fetchall()[0][0]
    mart = cur.execute("select sum(n) from mart_scores where metric = 'nps'").fetchall()[0][0]
    return raw, int(mart), data.data_version(cur)


def full_refresh_after_deleting(writer) -> None:
    """The models dropped and recreated: 100 NPS responses gone, then a full refresh."""
    writer.execute("""delete from raw_survey_responses where response_id in (
        select response_id from raw_survey_responses where metric = 'nps' order by 1 limit 100)""")
    refresh(writer)


def incremental_refresh_after_a_batch(writer) -> None:
    """Rows replaced in place: a new survey batch of 50 NPS responses, then an incremental refresh."""
    writer.execute(
        """insert into import_batches (batch_id, kind, source_file, file_hash, imported_by,
                      imported_at, row_count, status)
                      values ('snap-1', 'surveys', 'snap.csv', 'h-snap', 'test', ?, 50, 'active')""",
        [datetime(2026, 1, 1)],
    )
    writer.execute("""insert into raw_survey_responses
        select * replace ('snap-' || response_id as response_id, 'snap-1' as batch_id)
        from raw_survey_responses where metric = 'nps' order by response_id limit 50""")
    assert refresh_changed(writer)["mode"] == "incremental"


@pytest.mark.parametrize("change", [full_refresh_after_deleting, incremental_refresh_after_a_batch])
def test_a_snapshot_reads_the_state_before_a_refresh_that_commits_meanwhile(
    con, change: Callable[[duckdb.DuckDBPyConnection], None]
):
    before = state(con.cursor())
    reader = data.SessionCursor(con.cursor())
    assert reader.begin_snapshot()
    first = state(reader)
    writer = con.cursor()
    change(writer)
    after = state(writer)
    assert after != before and after[2] != before[2]
    second = state(reader)
    via_shared = state(reader.cursor())  # helpers that take a cursor of their own (friction_table)
    assert first == second == via_shared == before
    assert data.read_data_version(reader) == before[2]  # the version as read, not only the memo
    reader.end_snapshot()
    assert not reader.in_snapshot
    assert state(reader) == after


def test_a_write_on_the_session_cursor_ends_the_snapshot_first(con):
    """The Upload page imports and refreshes on the session cursor: that must work in a snapshot."""
    reader = data.SessionCursor(con.cursor())
    reader.begin_snapshot()
    state(reader)
    incremental_refresh_after_a_batch(reader)  # begin transaction ... commit on the same cursor
    assert not reader.in_snapshot
    assert state(reader) == state(con.cursor())


def test_a_failed_query_begins_a_new_snapshot_so_the_run_goes_on(con):
    reader = data.SessionCursor(con.cursor())
    reader.begin_snapshot()
    with pytest.raises(duckdb.CatalogException):
        reader.execute("select * from no_such_table")
    assert reader.in_snapshot and reader.restarts == 1
    assert state(reader) == state(con.cursor())
    reader.end_snapshot()


def test_the_first_word_decides_whether_a_statement_writes():
    reads = [
        "select 1",
        "  -- note\n  SELECT 1",
        "/* c */ with a as (select 1) select * from a",
        "(select 1)",
        "from t",
        "describe t",
        "set preserve_insertion_order = false",
    ]
    writes = [
        "begin transaction",
        "insert into t values (1)",
        "create or replace table t as select 1",
        "drop table t",
        "delete from t",
        "update t set a = 1",
        "checkpoint",
        "copy t to 'x'",
        "",
    ]
    assert all(data.is_read_statement(q) for q in reads)
    assert not any(data.is_read_statement(q) for q in writes)


def _script() -> None:
    import streamlit as st

    from dashboard import data
    from tests import test_snapshot_consistency as here

    with data.snapshot() as cur:
        here.SEEN.append(cur)
        here.DURING.append(cur.in_snapshot)
        st.write(len(data.filter_options()["months"]))
        st.write(data.data_version(cur))
        if st.session_state.get("stop"):
            st.stop()
    st.write("after")


@pytest.mark.parametrize("stop", [False, True])
def test_no_session_holds_a_transaction_between_runs(con, stop):
    """The snapshot ends with the run, also when the run ends in st.stop()."""
    import streamlit as st

    SEEN.clear(), DURING.clear()
    at = AppTest.from_function(_script, default_timeout=60)
    at.session_state["stop"] = stop
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert DURING == [True] and len(SEEN) == 1 and not SEEN[0].in_snapshot
    assert at.markdown[1].value == data.data_version(con.cursor())
    assert ("after" in [m.value for m in at.markdown]) is not stop
    SEEN[0].raw.execute("begin transaction")  # fails if a transaction were still open
    SEEN[0].raw.execute("rollback")
    st.cache_resource.clear()  # close the page's connection to the temporary file


def test_the_snapshot_can_be_turned_off(con, monkeypatch):
    import streamlit as st

    monkeypatch.setenv(data.SNAPSHOT_ENV, "0")
    SEEN.clear(), DURING.clear()
    at = AppTest.from_function(_script, default_timeout=60)
    at.run()
    assert not at.exception
    assert DURING == [False] and len(SEEN) == 1
    st.cache_resource.clear()


def _queries() -> None:
    import streamlit as st

    from dashboard import data, data_contacts

    with data.snapshot() as cur:
        st.write(", ".join(data.map_functions().columns))
        st.write(", ".join(data.map_reasons().columns))  # the same (no) arguments: its own cache
        st.write(str(data.friction("owner").equals(data.friction.uncached(cur, "owner"))))
        listed = data_contacts.volumes(None, ["consumer"])  # a list is keyed as the tuple
        st.write(str(listed.equals(data_contacts.volumes(None, ("consumer",)))))


def test_every_cached_query_keeps_its_own_results(con):
    """@cached_query gives each query its own cache, keyed on its arguments; cached results equal
    what the query returns uncached on the snapshot cursor."""
    import streamlit as st

    at = AppTest.from_function(_queries, default_timeout=60)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert [m.value for m in at.markdown] == [
        "function_id, name_en, name_fi",
        "reason, stage, owner, avoidable, name_en, name_fi",
        "True",
        "True",
    ]
    st.cache_resource.clear()
