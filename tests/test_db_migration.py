"""A database from before times were stored in UTC is migrated once when it is opened."""

from __future__ import annotations

from datetime import datetime as dt

import duckdb

from core.db import connect

OLD_EVENTS = """create table raw_journey_events (event_id varchar not null, batch_id varchar not null,
    customer_id varchar not null, journey_id varchar not null, activity varchar not null,
    occurred_at timestamp not null, outcome varchar not null default 'ok', promised_at timestamp)"""


def test_helsinki_wall_clock_times_become_utc_once(tmp_path):
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    old.execute(OLD_EVENTS)
    old.execute("""insert into raw_journey_events values
        ('e1', 'b', 'c', 'j', 'delivered', timestamp '2026-07-01 12:00', 'ok',
         timestamp '2026-01-10 12:00')""")
    old.execute("""create table raw_survey_response_versions (response_id varchar, batch_id varchar,
        survey varchar, metric varchar, score double, scale_min integer, scale_max integer,
        customer_id varchar, journey_id varchar, touchpoint varchar, channel varchar,
        responded_at timestamp, comment varchar, segment varchar, language varchar,
        superseded_by varchar, superseded_at timestamp)""")
    old.execute("""insert into raw_survey_response_versions (response_id, batch_id, survey, metric,
        score, scale_min, scale_max, responded_at, superseded_by, superseded_at) values
        ('r1', 'b', 's', 'nps', 9, 0, 10, timestamp '2026-03-29 02:30', 'b2',
         timestamp '2026-05-01 08:00')""")
    old.close()
    for _ in range(2):  # the second open changes nothing
        con = connect(path)
        try:
            assert con.execute(
                "select occurred_at, promised_at, source_row from raw_journey_events"
            ).fetchall() == [(dt(2026, 7, 1, 9, 0), dt(2026, 1, 10, 10, 0), None)]
            # a data time converts; when the row was replaced is the server's clock and stays
            assert con.execute(
                "select responded_at, superseded_at from raw_survey_response_versions"
            ).fetchall() == [(dt(2026, 3, 29, 0, 30), dt(2026, 5, 1, 8, 0))]
        finally:
            con.close()


def test_a_new_database_is_only_marked(tmp_path):
    con = connect(tmp_path / "new.duckdb")
    try:
        assert con.execute("select name from schema_migrations").fetchall() == [("raw_times_utc",)]
        con.execute("""insert into raw_journey_events (event_id, batch_id, customer_id, journey_id,
            activity, occurred_at) values ('e1', 'b', 'c', 'j', 'x', timestamp '2026-07-01 12:00')""")
    finally:
        con.close()
    con = connect(tmp_path / "new.duckdb")
    try:
        assert con.execute("select occurred_at from raw_journey_events").fetchall() == [
            (dt(2026, 7, 1, 12, 0),)
        ]
    finally:
        con.close()
