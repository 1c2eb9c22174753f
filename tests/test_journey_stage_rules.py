"""The deadline rules of int_journey_stages on a map with three SLA stages and functions that own
one or several stages, and what its readers (int_journeys, mart_friction_operations,
mart_point_daily_operations) count from it: given rows -> expected rows.

The map (times UTC, company clock UTC): a (f1) -> b (f2, SLA 10 h) -> c (f1) -> d (f3, SLA 24 h,
promised, done when 'd_done') -> e (f3, completes) -> f (f4, SLA 5 h) -> g (f5, SLA 2 h, no
activity maps to it). An SLA counts from the last event of the previous stage the journey
REACHED (a skipped stage does not count; a stage with none before it counts from its own entry);
a stage never reached gets a row when a promise is for it, or when it has an SLA and follows
right after the furthest stage (not ended by a failure, journey not complete).
"""

from __future__ import annotations

from datetime import UTC, date, timedelta
from datetime import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from core.db import connect
from pipelines.runner import refresh
from tests import pipeline_scenario as ps

MAP = """
version: 1
company: Rules
settings:
  timezone: {timezone}
functions:
  - {{id: f1, name: {{en: F1}}}}
  - {{id: f2, name: {{en: F2}}}}
  - {{id: f3, name: {{en: F3}}}}
  - {{id: f4, name: {{en: F4}}}}
  - {{id: f5, name: {{en: F5}}}}
stages:
  - {{id: a, name: {{en: A}}, owner: f1}}
  - {{id: b, name: {{en: B}}, owner: f2, sla_hours: 10}}
  - {{id: c, name: {{en: C}}, owner: f1}}
  - {{id: d, name: {{en: D}}, owner: f3, sla_hours: 24, promised: true, done_when: [d_done]}}
  - {{id: e, name: {{en: E}}, owner: f3, completes: true}}
  - {{id: f, name: {{en: F}}, owner: f4, sla_hours: 5}}
  - {{id: g, name: {{en: G}}, owner: f5, sla_hours: 2}}
activities:
  - {{match: a_evt, stage: a}}
  - {{match: b_evt, stage: b}}
  - {{match: c_evt, stage: c}}
  - {{match: d_*, stage: d}}
  - {{match: e_evt, stage: e}}
  - {{match: f_evt, stage: f}}
"""
T0 = dt(2026, 1, 5, 8, 0)
END = dt(2026, 1, 20, 0, 0)  # the last event: where the data ends


def h(hours: float) -> dt:
    return T0 + timedelta(hours=hours)


EVENTS = [  # event_id, customer, journey, activity, occurred_at (UTC), outcome, promised_at
    # j1 skips b: d's SLA counts from c, the previous stage reached (not from b, not from d's entry)
    ("e11", "c1", "j1", "a_evt", h(0), "ok", None),
    ("e12", "c1", "j1", "c_evt", h(1), "ok", None),
    ("e13", "c1", "j1", "d_evt", h(30), "ok", None),
    # j2 logs b before a: b's SLA counts from a's last event (stage order, not time)
    ("e21", "c2", "j2", "b_evt", h(0), "ok", None),
    ("e22", "c2", "j2", "a_evt", h(5), "ok", None),
    ("e23", "c2", "j2", "b_evt", h(12), "ok", None),
    # j3 stops after c: overdue for d (SLA) from c's last event + 24 h
    ("e31", "c3", "j3", "a_evt", h(0), "ok", None),
    ("e32", "c3", "j3", "b_evt", h(1), "ok", None),
    ("e33", "c3", "j3", "c_evt", h(2), "ok", None),
    # j4 stops after c with a failure at its last moment: not waiting for d
    ("e41", "c4", "j4", "a_evt", h(0), "ok", None),
    ("e42", "c4", "j4", "b_evt", h(1), "ok", None),
    ("e43", "c4", "j4", "c_evt", h(2), "failed", None),
    # j5: a's event carries a promise for d (the first promised stage from a on); nothing else
    ("e51", "c5", "j5", "a_evt", h(0), "ok", h(48)),
    # j6: a's promise for d, which j6 then reaches (one row for d, with both deadlines); d is
    # done at 'd_done', after both
    ("e61", "c6", "j6", "a_evt", h(0), "ok", h(40)),
    ("e62", "c6", "j6", "b_evt", h(1), "ok", None),
    ("e63", "c6", "j6", "c_evt", h(2), "ok", None),
    ("e64", "c6", "j6", "d_evt", h(20), "ok", None),
    ("e65", "c6", "j6", "d_done", h(50), "ok", None),
    # j7 is complete at e: no row for f although f has an SLA and follows e
    ("e71", "c7", "j7", "a_evt", h(0), "ok", None),
    ("e72", "c7", "j7", "e_evt", h(1), "ok", None),
    # j8 starts at e: f within its SLA
    ("e81", "c8", "j8", "e_evt", h(0), "ok", None),
    ("e82", "c8", "j8", "f_evt", h(3), "ok", None),
    # j10 reaches only f (its SLA counts from its own entry) and waits for g, which no activity
    # maps to
    ("e101", "c10", "j10", "f_evt", h(0), "ok", None),
    # j9 at the end of the data: b's SLA deadline lies after it (open, not yet missed)
    ("e91", "c9", "j9", "a_evt", END, "ok", None),
]


def build(tmp_path, timezone: str, events: list[tuple]):
    map_path = tmp_path / "map.yaml"
    map_path.write_text(MAP.format(timezone=timezone), encoding="utf-8")
    con = connect(tmp_path / "rules.duckdb")
    customers = sorted({e[1] for e in events})
    ps.write_frames(
        con,
        {
            "raw_customers": ps.customers_frame([(c, "household") for c in customers]),
            "raw_journey_events": ps.events_frame(events),
        },
    )
    refresh(con, map_path)
    return con


@pytest.fixture(scope="module")
def con(tmp_path_factory):
    connection = build(tmp_path_factory.mktemp("stage_rules"), "UTC", EVENTS)
    yield connection
    connection.close()


def test_stage_rows_deadlines_and_stages_never_reached(con):
    got = con.execute("""
        select journey_id, stage, reached, failed, deadline_at, late, sla_breached, first_friction_at,
               concerned_from, open_deadline_at
        from int_journey_stages order by journey_id, stage_order""").fetchall()
    assert got == [
        ("j1", "a", True, False, None, False, False, None, h(0), None),
        ("j1", "c", True, False, None, False, False, None, h(1), None),
        ("j1", "d", True, False, h(25), False, True, h(25), h(25), None),  # not done: no 'd_done'
        ("j10", "f", True, False, h(5), False, False, None, h(0), None),
        ("j10", "g", False, False, h(2), False, True, h(2), h(2), None),
        ("j2", "a", True, False, None, False, False, None, h(5), None),
        ("j2", "b", True, False, h(15), False, False, None, h(0), None),  # done at 12 h, due at 15 h
        ("j3", "a", True, False, None, False, False, None, h(0), None),
        ("j3", "b", True, False, h(10), False, False, None, h(1), None),
        ("j3", "c", True, False, None, False, False, None, h(2), None),
        ("j3", "d", False, False, h(26), False, True, h(26), h(26), None),
        ("j4", "a", True, False, None, False, False, None, h(0), None),
        ("j4", "b", True, False, h(10), False, False, None, h(1), None),
        ("j4", "c", True, True, None, False, False, h(2), h(2), None),
        ("j5", "a", True, False, None, False, False, None, h(0), None),
        ("j5", "b", False, False, h(10), False, True, h(10), h(10), None),  # SLA after a, the furthest
        ("j5", "d", False, False, h(48), True, False, h(48), h(48), None),  # the promise a carried
        ("j6", "a", True, False, None, False, False, None, h(0), None),
        ("j6", "b", True, False, h(10), False, False, None, h(1), None),
        ("j6", "c", True, False, None, False, False, None, h(2), None),
        ("j6", "d", True, False, h(26), True, True, h(26), h(20), None),  # SLA h26, promise h40
        ("j7", "a", True, False, None, False, False, None, h(0), None),
        ("j7", "e", True, False, None, False, False, None, h(1), None),
        ("j8", "e", True, False, None, False, False, None, h(0), None),
        ("j8", "f", True, False, h(5), False, False, None, h(3), None),  # from e's last event
        ("j9", "a", True, False, None, False, False, None, END, None),
        (
            "j9",
            "b",
            False,
            False,
            END + timedelta(hours=10),
            False,
            False,
            None,
            None,
            END + timedelta(hours=10),
        ),
    ]


def test_every_row_has_its_journeys_customer_and_start_month(con):
    assert con.execute("""
        select count(*) filter (where customer_id <> 'c' || substr(journey_id, 2)),
               count(*) filter (where period_month <> date '2026-01-01')
        from int_journey_stages""").fetchall() == [(0, 0)]


def test_int_journeys(con):
    assert con.execute("""
        select journey_id, customer_id, started_at, ended_at, period_month, segment, stages_reached,
               stages_with_friction, completed
        from int_journeys order by 1""").fetchall() == [
        ("j1", "c1", h(0), h(30), date(2026, 1, 1), "household", 3, 1, False),
        ("j10", "c10", h(0), h(0), date(2026, 1, 1), "household", 1, 1, False),
        ("j2", "c2", h(0), h(12), date(2026, 1, 1), "household", 2, 0, False),
        ("j3", "c3", h(0), h(2), date(2026, 1, 1), "household", 3, 1, False),
        ("j4", "c4", h(0), h(2), date(2026, 1, 1), "household", 3, 1, False),
        ("j5", "c5", h(0), h(0), date(2026, 1, 1), "household", 1, 2, False),
        ("j6", "c6", h(0), h(50), date(2026, 1, 1), "household", 4, 1, False),
        ("j7", "c7", h(0), h(1), date(2026, 1, 1), "household", 2, 0, True),
        ("j8", "c8", h(0), h(3), date(2026, 1, 1), "household", 2, 0, True),
        ("j9", "c9", END, END, date(2026, 1, 1), "household", 1, 0, False),
    ]


def test_friction_operations_count_a_journey_once_per_owner(con):
    got = con.execute("""
        select dimension, key, reached, failed, late, with_friction
        from mart_friction_operations where reached > 0 order by 1, 2""").fetchall()
    assert got == [
        ("owner", "f1", 8, 1, 0, 1),  # a or c: j1-j7, j9 once each; j4's failure in c
        ("owner", "f2", 5, 0, 1, 1),  # as its only stage b
        ("owner", "f3", 6, 0, 4, 4),  # d or e: j1, j3, j5, j6 late for d; j7, j8 reached e
        ("owner", "f4", 2, 0, 0, 0),
        ("owner", "f5", 1, 0, 1, 1),
        ("stage", "a", 8, 0, 0, 0),
        ("stage", "b", 5, 0, 1, 1),  # j2-j4, j6 reached it, j5 overdue; j9's deadline has not passed
        ("stage", "c", 4, 1, 0, 1),
        ("stage", "d", 4, 0, 4, 4),
        ("stage", "e", 2, 0, 0, 0),
        ("stage", "f", 2, 0, 0, 0),
        ("stage", "g", 1, 0, 1, 1),
    ]


def test_daily_operations_count_an_owner_once_on_the_day_its_first_stage_concerned_the_journey(con):
    got = con.execute("""
        select dimension, key, day, reached, with_friction
        from mart_point_daily_operations where reached > 0 and key in ('d', 'f1', 'f2', 'f3')
        order by 1, 2, 3""").fetchall()
    jan = {n: date(2026, 1, n) for n in range(1, 32)}
    assert got == [
        ("owner", "f1", jan[5], 7, 1),  # j4 once, on a's day, with c's failure
        ("owner", "f1", jan[20], 1, 0),
        ("owner", "f2", jan[5], 5, 1),  # b: j2-j4, j6 entered it on the 5th, j5 overdue from 18:00
        ("owner", "f3", jan[5], 2, 0),  # j7, j8 entered e
        ("owner", "f3", jan[6], 3, 3),  # j1, j3 overdue for d's SLA, j6 entered d
        ("owner", "f3", jan[7], 1, 1),  # j5's promise for d
        ("stage", "d", jan[6], 3, 3),
        ("stage", "d", jan[7], 1, 1),
    ]


def test_daily_operations_days_in_the_company_time_zone_around_its_clock_changes(tmp_path):
    """Tehran (+3:30, +4:30 in summer in 2021) moved its clocks at midnight: 20:30 UTC on 21 March
    (forward) and 19:30 UTC on 21 September (back), inside a UTC hour, on the day boundary."""
    at = [
        dt(2021, 3, 21, 20, 15),  # 23:45 local (+3:30), a minute before the change: 21 March
        dt(2021, 9, 21, 19, 15),  # 23:45 local (+4:30): 21 September
        dt(2021, 9, 21, 19, 45),  # 23:15 local (+3:30, after the change): still 21 September
        dt(2021, 9, 21, 20, 45),  # 00:15 local (+3:30): 22 September
    ]
    events = [(f"t{i}", f"c{i}", f"j{i}", "a_evt", t, "ok", None) for i, t in enumerate(at)]
    con = build(tmp_path, "Asia/Tehran", events)
    try:
        got = con.execute("""
            select period_month, day, reached from mart_point_daily_operations
            where dimension = 'stage' and key = 'a' order by day""").fetchall()
    finally:
        con.close()
    assert got == [
        (date(2021, 3, 1), date(2021, 3, 21), 1),
        (date(2021, 9, 1), date(2021, 9, 21), 2),
        (date(2021, 9, 1), date(2021, 9, 22), 1),
    ]
    tehran = ZoneInfo("Asia/Tehran")
    assert sorted(t.replace(tzinfo=UTC).astimezone(tehran).date() for t in at) == [
        date(2021, 3, 21),
        date(2021, 9, 21),
        date(2021, 9, 21),
        date(2021, 9, 22),
    ]
