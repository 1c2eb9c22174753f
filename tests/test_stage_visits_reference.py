"""int_stage_visits and int_journey_stages against a plain Python reference on random journeys.

The models take a shortcut for journeys whose stages follow one another strictly in time and sort
the events only of the others; random journeys with rework, interleaving and many equal timestamps
exercise both paths and the boundary between them.
"""
from __future__ import annotations

import random
from datetime import datetime, timedelta
from collections import Counter
from itertools import groupby

import pytest

from pipelines.db import connect
from pipelines.runner import refresh
from tests.pipeline_scenario import customers_frame, events_frame, write_frames

# activity -> stage, as in data/journey_map.yaml; 'mystery_event' is unmapped
ACTIVITIES = {"login": "account", "product_viewed": "browse", "payment_authorised": "payment",
              "order_picked": "picking", "shipped": "delivery", "invoice_sent": "invoicing",
              "return_requested": "returns", "mystery_event": None}
START = datetime(2026, 1, 1)


def random_events(seed: int, journeys: int = 300) -> list[tuple]:
    """Events of random journeys: mostly in stage order, some going back, many equal timestamps."""
    rng = random.Random(seed)
    events = []
    for j in range(journeys):
        customer = f"c{j % 97}"
        t = START + timedelta(hours=rng.randrange(2000))
        names = list(ACTIVITIES)
        position = 0
        for _ in range(rng.randrange(1, 12)):
            roll = rng.random()
            if roll < 0.6:
                position = min(position + rng.randrange(0, 2), len(names) - 1)
            elif roll < 0.8:
                position = rng.randrange(len(names))
            t += timedelta(minutes=rng.choice([0, 0, 1, 5, 60]))   # zero = same timestamp
            outcome = "failed" if rng.random() < 0.1 else "ok"
            promised = t - timedelta(minutes=1) if rng.random() < 0.1 else None
            events.append((f"e{rng.randrange(10**6):06d}-{len(events)}", customer, f"j{j}",
                           names[position], t, outcome, promised))
    return events


def reference_visits(events: list[tuple]) -> set[tuple]:
    """(journey, visit_number, stage, entered, left, events, failed, late): runs of one stage in
    (occurred_at, event_id) order, unmapped events skipped."""
    visits = set()
    mapped = sorted((e for e in events if ACTIVITIES[e[3]]), key=lambda e: (e[2], e[4], e[0]))
    for journey, journey_events in groupby(mapped, key=lambda e: e[2]):
        runs = groupby(journey_events, key=lambda e: ACTIVITIES[e[3]])
        for number, (stage, run) in enumerate(runs, start=1):
            run = list(run)
            visits.add((journey, number, stage, run[0][4], run[-1][4], len(run),
                        any(e[5] == "failed" for e in run),
                        any(e[6] is not None and e[4] > e[6] for e in run)))
    return visits


def reference_stages(events: list[tuple]) -> set[tuple]:
    """(journey, stage, entered, left, events, failed, late) per stage a journey reached."""
    keyed = sorted(((e[2], ACTIVITIES[e[3]]), e) for e in events if ACTIVITIES[e[3]])
    stages = set()
    for (journey, stage), group in groupby(keyed, key=lambda pair: pair[0]):
        group_events = [e for _, e in group]
        stages.add((journey, stage, min(e[4] for e in group_events), max(e[4] for e in group_events),
                    len(group_events), any(e[5] == "failed" for e in group_events),
                    any(e[6] is not None and e[4] > e[6] for e in group_events)))
    return stages


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_visits_and_stages_match_the_reference(tmp_path, seed):
    events = random_events(seed)
    con = connect(tmp_path / "ref.duckdb")
    write_frames(con, {
        "raw_customers": customers_frame([(f"c{i}", "household") for i in range(97)]),
        "raw_journey_events": events_frame(events),
    })
    refresh(con)
    visits = set(con.execute("""
        select journey_id, visit_number, stage, entered_at, left_at, events, failed, late
        from int_stage_visits""").fetchall())
    stages = set(con.execute("""
        select journey_id, stage, entered_at, left_at, events, failed, late
        from int_journey_stages""").fetchall())
    expected_visits = reference_visits(events)
    # the random journeys must exercise both paths of the model: with and without revisits
    visits_per_journey = Counter(v[0] for v in expected_visits)
    stages_per_journey = Counter(s[0] for s in reference_stages(events))
    revisited = [j for j in visits_per_journey if visits_per_journey[j] > stages_per_journey[j]]
    assert 20 < len(revisited) < len(visits_per_journey) - 20
    assert visits == expected_visits
    assert stages == reference_stages(events)

    # next stage, rework and the last visit follow from the visit order
    linked = con.execute("""
        select journey_id, visit_number, stage_order, next_stage, is_rework, next_is_rework, is_last_visit
        from int_stage_visits order by journey_id, visit_number""").fetchall()
    stage_of = dict(con.execute("select stage_order, stage from map_stages").fetchall())
    for journey, rows in groupby(linked, key=lambda r: r[0]):
        rows = list(rows)
        furthest = 0
        for i, (_, number, order, next_stage, is_rework, next_is_rework, is_last) in enumerate(rows):
            assert number == i + 1
            assert is_rework == (order <= furthest)
            furthest = max(furthest, order)
            following = rows[i + 1] if i + 1 < len(rows) else None
            assert is_last == (following is None)
            assert next_stage == (stage_of[following[2]] if following else None)
            assert next_is_rework == (following is not None and following[2] <= furthest)
    con.close()
