"""mart_stage_transitions' duration buckets and the medians the Journey page reads from them.

Given journeys with chosen gaps -> the mart's bucket rows (edges, counts, shortest and longest
duration); given bucket rows -> the page's counts and medians; and on random durations the median
read from the buckets against the exact median of the durations: exact when the middle ranks'
buckets hold one distinct duration, otherwise off by less than 1/128 and 32 s.
"""

from __future__ import annotations

import random
import statistics
from datetime import date, timedelta
from datetime import datetime as dt

import duckdb
import pandas as pd
import pytest

from core.db import connect
from dashboard import data_journey
from pipelines.runner import refresh
from tests.pipeline_scenario import customers_frame, events_frame, write_frames

JAN, FEB = date(2026, 1, 1), date(2026, 2, 1)
START = dt(2026, 1, 5, 8, 0)

SEGMENTS = ("household", "small_business", "premium")


def _journeys_with_gaps(con, gaps: list[int], spread: bool = False) -> None:
    """One journey per gap: a login, then a product view that many seconds later (account ->
    browse), nothing after. Journeys start an hour apart in January, households; with ``spread``
    journey i starts in month 1 + i % 3 and belongs to segment i // 3 % 3."""
    events, customers = [], []
    for i, gap in enumerate(gaps):
        t = START + timedelta(hours=i)
        if spread:
            t = t.replace(month=1 + i % 3)
        customers.append((f"c{i}", SEGMENTS[i // 3 % 3] if spread else "household"))
        events.append((f"e{i}a", f"c{i}", f"j{i}", "login", t, "ok", None))
        events.append((f"e{i}b", f"c{i}", f"j{i}", "product_viewed", t + timedelta(seconds=gap), "ok", None))
    write_frames(
        con, {"raw_customers": customers_frame(customers), "raw_journey_events": events_frame(events)}
    )
    refresh(con)


def duration_bucket(seconds: int) -> int:
    """The lower edge of a duration's bucket (mart_stage_transitions.sql)."""
    width = next(
        (w for limit, w in ((256, 1), (512, 2), (1024, 4), (2048, 8), (4096, 16)) if seconds < limit), 32
    )
    return seconds - seconds % width


def test_durations_fall_into_buckets_narrower_than_1_128_of_them_and_32_seconds(tmp_path):
    con = connect(tmp_path / "edges.duckdb")
    try:
        gaps = [0, 1, 255, 256, 257, 511, 512, 515, 516, 2047, 2048, 4095, 4096, 4127, 4128, 90000, 90031]
        _journeys_with_gaps(con, gaps)
        got = con.execute("""
            select duration_bucket, transitions, min_seconds, max_seconds
            from mart_stage_transitions
            where from_stage = 'account' and to_stage = 'browse' and not is_rework and from_first_visit
              and period_month = '2026-01-01' and segment = 'household'
            order by duration_bucket""").fetchall()
        assert got == [
            (0, 1, 0, 0),
            (1, 1, 1, 1),
            (255, 1, 255, 255),  # 1 s wide below 256 s: every duration its own bucket
            (256, 2, 256, 257),  # 2 s wide from 256 s
            (510, 1, 511, 511),
            (512, 2, 512, 515),  # 4 s wide from 512 s
            (516, 1, 516, 516),
            (2040, 1, 2047, 2047),  # 8 s wide from 1024 s
            (2048, 1, 2048, 2048),  # 16 s wide from 2048 s
            (4080, 1, 4095, 4095),
            (4096, 2, 4096, 4127),  # 32 s wide from 4096 s on
            (4128, 1, 4128, 4128),
            (89984, 1, 90000, 90000),
            (90016, 1, 90031, 90031),
        ]
        # the last visit of each journey goes to its end node (all still under way), no duration
        assert con.execute("""
            select to_stage, is_rework, from_first_visit, duration_bucket, transitions, min_seconds,
                   max_seconds
            from mart_stage_transitions where from_stage = 'browse'""").fetchall() == [
            ("(in progress)", False, False, -1, len(gaps), None, None)
        ]
    finally:
        con.close()


MART_COLUMNS = (
    "period_month date, segment varchar, from_stage varchar, to_stage varchar, is_rework boolean, "
    "from_first_visit boolean, duration_bucket bigint, transitions bigint, min_seconds bigint, "
    "max_seconds bigint"
)


@pytest.fixture
def buckets():
    """A hand-made mart: bucket rows of a few transitions in two months and two segments."""
    con = duckdb.connect()
    con.execute(f"create table mart_stage_transitions ({MART_COLUMNS})")
    rows = [
        # account -> browse: 100 s; 300 s and 301 s in one bucket; 4100 s (even count: 4)
        (JAN, "household", "account", "browse", False, True, 100, 1, 100, 100),
        (JAN, "household", "account", "browse", False, True, 300, 2, 300, 301),
        (FEB, "household", "account", "browse", False, True, 4096, 1, 4100, 4100),
        # browse -> payment: 5000 s in January, 5010 s in February, in one bucket; the months'
        # rows merge into one bucket of two durations (shortest 5000, longest 5010)
        (JAN, "household", "browse", "payment", False, False, 4992, 1, 5000, 5000),
        (FEB, "premium", "browse", "payment", False, False, 4992, 1, 5010, 5010),
        # payment -> browse (rework): three durations in one bucket, 4096..4120 s
        (JAN, "premium", "payment", "browse", True, False, 4096, 3, 4096, 4120),
        (JAN, "household", "payment", "(end)", False, False, -1, 5, None, None),
        # picking -> delivery: the two middle durations lie in different bins of 2^14 s
        (JAN, "household", "picking", "delivery", False, False, 15968, 1, 16000, 16000),
        (JAN, "household", "picking", "delivery", False, False, 16992, 1, 17000, 17000),
        # delivery -> invoicing: the middle ranks lie in the second bin, after one duration
        (JAN, "household", "delivery", "invoicing", False, False, 100, 1, 100, 100),
        (JAN, "household", "delivery", "invoicing", False, False, 20000, 2, 20000, 20010),
        (JAN, "household", "delivery", "invoicing", False, False, 40000, 1, 40000, 40000),
    ]
    con.executemany(f"insert into mart_stage_transitions values ({', '.join(['?'] * 10)})", rows)
    yield con
    con.close()


def _flow(con, months=None, segments=()) -> dict[tuple, tuple]:
    frame = data_journey.transitions.uncached(con, months, segments)
    assert list(frame.columns) == ["from_stage", "to_stage", "is_rework", "transitions", "median_hours"]
    return {
        (r.from_stage, r.to_stage, r.is_rework): (
            r.transitions,
            None if pd.isna(r.median_hours) else round(r.median_hours * 3600, 6),
        )
        for r in frame.itertuples()
    }


def test_the_page_reads_counts_and_medians_from_the_buckets(buckets):
    assert _flow(buckets) == {
        # ranks 2 and 3 of 4 lie in the bucket 300..301: 300 and 301, averaged
        ("account", "browse", False): (4, 300.5),
        # ranks 1 and 2 of 2: the merged bucket's shortest and longest duration
        ("browse", "payment", False): (2, 5005.0),
        # rank 2 of 3 in one bucket: interpolated halfway between its shortest and longest
        ("payment", "browse", True): (3, 4108.0),
        ("payment", "(end)", False): (5, None),
        ("picking", "delivery", False): (2, 16500.0),
        ("delivery", "invoicing", False): (4, 20005.0),  # 100, 20000, 20010, 40000
    }
    january_households = _flow(buckets, (JAN, JAN), ("household",))
    assert january_households == {
        ("account", "browse", False): (3, 300.0),  # 100, 300, 301
        ("browse", "payment", False): (1, 5000.0),
        ("payment", "(end)", False): (5, None),
        ("picking", "delivery", False): (2, 16500.0),
        ("delivery", "invoicing", False): (4, 20005.0),
    }
    assert _flow(buckets, (FEB, FEB), ()) == {
        ("account", "browse", False): (1, 4100.0),
        ("browse", "payment", False): (1, 5010.0),
    }


def _durations(rng: random.Random, n: int) -> list[int]:
    """Durations from a second to a few weeks; two in three of them within ten minutes of 70 min,
    so that the middle ones share buckets."""
    return [
        rng.randint(3600, 4800) if rng.random() < 2 / 3 else int(rng.expovariate(1 / rng.choice([60, 36000])))
        for _ in range(n)
    ]


@pytest.mark.parametrize("n", [301, 300])
def test_a_median_from_the_buckets_is_within_1_128_and_32_seconds_of_the_exact_one(tmp_path, n):
    gaps = _durations(random.Random(n), n)
    con = connect(tmp_path / "median.duckdb")
    try:
        _journeys_with_gaps(con, gaps, spread=True)
        months = [date(2026, m, 1) for m in (1, 2, 3)]
        filters = [(None, ())] + [((m, m), ()) for m in months] + [(None, (s,)) for s in SEGMENTS]
        filters += [((m, m), (s,)) for m in months for s in SEGMENTS] + [((months[0], months[1]), ())]
        exact_ones = 0
        for months_filter, segments in filters:
            subset = sorted(
                g
                for i, g in enumerate(gaps)
                if (months_filter is None or months_filter[0] <= months[i % 3] <= months_filter[1])
                and (not segments or SEGMENTS[i // 3 % 3] in segments)
            )
            flow = _flow(con, months_filter, segments)
            count, median = flow[("account", "browse", False)]
            exact = statistics.median(subset)
            assert count == len(subset)
            assert abs(median - exact) < 32 and abs(median - exact) <= exact / 128
            # exact when each middle rank's bucket holds one distinct duration
            middle = {subset[(len(subset) - 1) // 2], subset[len(subset) // 2]}
            if all(len({g for g in subset if duration_bucket(g) == duration_bucket(v)}) == 1 for v in middle):
                exact_ones += 1
                assert median == pytest.approx(exact, abs=1e-6)
        assert 3 <= exact_ones <= len(filters) - 3, exact_ones  # both cases are exercised
    finally:
        con.close()
