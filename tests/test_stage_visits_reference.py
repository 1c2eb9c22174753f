"""Stage visits, transitions, paths and int_journey_stages against a plain Python reference on
random journeys.

The reference re-implements the deadline rules of docs/metrics.md ("Lateness") independently:
promises and their target stages, done_when, SLAs, stages never reached, friction dated at the
deadline, and ties in time kept in file order. Visits are runs of one stage in event order.

The models take a shortcut for journeys whose stages follow one another strictly in time (their
visits are their int_journey_stages rows) and sort the events only of the others, the only
visits int_stage_visits stores; random journeys with rework, interleaving and many equal
timestamps exercise both paths and the boundary between them, and the marts that read them
(mart_stage_transitions, mart_journey_paths) are checked against the reference visits.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from fnmatch import fnmatchcase
from itertools import groupby

import pytest

from core.db import connect
from pipelines.journey_map import load_journey_map
from pipelines.runner import refresh
from tests.pipeline_scenario import customers_frame, events_frame, write_frames

# activity -> stage, as in data/journey_map.yaml; 'mystery_event' is unmapped. 'delivered' and
# 'refund_paid' finish their stages (done_when); delivery and returns take promises (promised).
ACTIVITIES = {
    "login": "account",
    "product_viewed": "browse",
    "payment_authorised": "payment",
    "order_picked": "picking",
    "shipped": "delivery",
    "delivered": "delivery",
    "invoice_sent": "invoicing",
    "return_requested": "returns",
    "refund_paid": "returns",
    "mystery_event": None,
}
START = datetime(2026, 1, 1)
MAP = load_journey_map()
ORDER = {s.id: s.order for s in MAP.stages}
BY_ORDER = {s.order: s for s in MAP.stages}


def random_events(seed: int, journeys: int = 300) -> list[tuple]:
    """Events of random journeys: mostly in stage order, some going back, many equal timestamps,
    promises (some for later stages), some journeys stopping anywhere."""
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
            t += timedelta(minutes=rng.choice([0, 0, 1, 5, 60, 3000]))  # zero = same timestamp
            outcome = "failed" if rng.random() < 0.1 else "ok"
            promised = t + timedelta(minutes=rng.choice([-1, 30, 4000])) if rng.random() < 0.15 else None
            events.append(
                (
                    f"e{rng.randrange(10**6):06d}-{len(events)}",
                    customer,
                    f"j{j}",
                    names[position],
                    t,
                    outcome,
                    promised,
                )
            )
    return events


def reference_visits(events: list[tuple]) -> dict[str, list[tuple]]:
    """Per journey its visits (stage, entered, left): runs of one stage in (occurred_at, file
    order) order, unmapped events skipped (one file: its order decides ties)."""
    numbered = [(e, i) for i, e in enumerate(events) if ACTIVITIES[e[3]]]
    mapped = [e for e, _ in sorted(numbered, key=lambda p: (p[0][2], p[0][4], p[1]))]
    visits = {}
    for journey, journey_events in groupby(mapped, key=lambda e: e[2]):
        runs = [list(run) for _, run in groupby(journey_events, key=lambda e: ACTIVITIES[e[3]])]
        visits[journey] = [(ACTIVITIES[run[0][3]], run[0][4], run[-1][4]) for run in runs]
    return visits


def interleaves(visits: list[tuple]) -> bool:
    """Whether two stages' spans (first to last event) overlap or touch: then the stages do not
    follow one another strictly in time."""
    spans: dict[str, list] = {}
    for stage, entered, left in visits:
        span = spans.setdefault(stage, [entered, left])
        span[0], span[1] = min(span[0], entered), max(span[1], left)
    ordered = sorted(spans.values())
    return any(a[1] >= b[0] for a, b in zip(ordered, ordered[1:]))


def duration_bucket(seconds: int) -> int:
    """The lower edge of a duration's bucket (mart_stage_transitions.sql)."""
    width = next(
        (w for limit, w in ((256, 1), (512, 2), (1024, 4), (2048, 8), (4096, 16)) if seconds < limit), 32
    )
    return seconds - seconds % width


def reference_transitions(visits: dict[str, list[tuple]], journeys: dict[str, tuple]) -> set[tuple]:
    """mart_stage_transitions' rows from the reference visits and each journey's (month, segment,
    outcome): a visit to the next one, the last one to the end node of the outcome."""
    end_node = {"completed": "(end)", "dropped": "(dropped)", "in_progress": "(in progress)"}
    cells: dict[tuple, list[int | None]] = {}
    for journey, seq in visits.items():
        month, segment, outcome = journeys[journey]
        furthest = 0
        for i, (stage, _, left) in enumerate(seq):
            furthest = max(furthest, ORDER[stage])
            if i + 1 < len(seq):
                following, entered, _ = seq[i + 1]
                seconds = int((entered - left).total_seconds())
                key = (month, segment, stage, following, ORDER[following] <= furthest, i == 0)
                key += (duration_bucket(seconds),)
            else:
                seconds = None
                key = (month, segment, stage, end_node[outcome], False, i == 0, -1)
            cells.setdefault(key, []).append(seconds)
    return {
        (*key, len(durations), *((min(durations), max(durations)) if key[-1] >= 0 else (None, None)))
        for key, durations in cells.items()
    }


def promise_stage(stage: str) -> str:
    """The first stage from this one on that takes promises, else the stage itself."""
    later = [s for s in MAP.stages if s.promised and s.order >= ORDER[stage]]
    return min(later, key=lambda s: s.order).id if later else stage


def reference_stages(events: list[tuple]) -> set[tuple]:
    """(journey, stage, reached, entered, left, events, failed, late, sla_breached, first_friction)
    per stage a journey reached or has a deadline for - the deadline rules of docs/metrics.md."""
    data_end = max(e[4] for e in events)
    out = set()
    journeys: dict[str, list[tuple]] = {}
    for e in events:
        if ACTIVITIES[e[3]]:
            journeys.setdefault(e[2], []).append(e)
    for journey, evs in journeys.items():
        by_stage: dict[str, list[tuple]] = {}
        promises: dict[str, datetime] = {}
        for e in evs:
            stage = ACTIVITIES[e[3]]
            by_stage.setdefault(stage, []).append(e)
            if e[6] is not None:
                target = promise_stage(stage)
                promises[target] = min(promises.get(target, e[6]), e[6])
        rows = {}
        for stage, group in by_stage.items():
            times = [e[4] for e in group]
            last = max(times)
            spec = MAP.stage(stage)
            done = (
                [e[4] for e in group if any(fnmatchcase(e[3], p) for p in spec.done_when)]
                if spec.done_when
                else [last]
            )
            rows[stage] = dict(
                reached=True,
                entered=min(times),
                left=last,
                events=len(group),
                failed=any(e[5] == "failed" for e in group),
                first_failed=min((e[4] for e in group if e[5] == "failed"), default=None),
                ended_failed=any(e[5] == "failed" for e in group if e[4] == last),
                done=min(done) if done else None,
                promise=promises.get(stage),
                sla=None,
            )
        for stage, row in rows.items():
            spec = MAP.stage(stage)
            if spec.sla_hours is not None:
                before = [s for s in rows if ORDER[s] < ORDER[stage]]
                start = rows[max(before, key=ORDER.get)]["left"] if before else row["entered"]
                row["sla"] = start + timedelta(hours=spec.sla_hours)
        furthest = max(rows, key=ORDER.get)
        completed = any(MAP.stage(s).completes for s in rows)
        following = BY_ORDER.get(ORDER[furthest] + 1)
        unreached = {s: p for s, p in promises.items() if s not in rows}
        sla_unreached = None
        if (
            following is not None
            and following.sla_hours is not None
            and not completed
            and not rows[furthest]["ended_failed"]
        ):
            sla_unreached = rows[furthest]["left"] + timedelta(hours=following.sla_hours)
        for stage in set(unreached) | ({following.id} if sla_unreached else set()):
            rows[stage] = dict(
                reached=False,
                entered=None,
                left=None,
                events=0,
                failed=False,
                first_failed=None,
                done=None,
                promise=unreached.get(stage),
                sla=sla_unreached if following and stage == following.id else None,
            )
        for stage, row in rows.items():
            done = row["done"] or datetime.max
            missed = {
                k: row[k]
                for k in ("promise", "sla")
                if row[k] is not None and row[k] < done and row[k] <= data_end
            }
            friction = [t for t in (row["first_failed"], *missed.values()) if t is not None]
            out.add(
                (
                    journey,
                    stage,
                    row["reached"],
                    row["entered"],
                    row["left"],
                    row["events"],
                    row["failed"],
                    "promise" in missed,
                    "sla" in missed,
                    min(friction, default=None),
                )
            )
    return out


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_visits_and_stages_match_the_reference(tmp_path, seed):
    events = random_events(seed)
    con = connect(tmp_path / "ref.duckdb")
    write_frames(
        con,
        {
            "raw_customers": customers_frame([(f"c{i}", "household") for i in range(97)]),
            "raw_journey_events": events_frame(events),
        },
    )
    refresh(con)
    expected_visits = reference_visits(events)
    expected_stages = reference_stages(events)
    interleaved = {j for j, seq in expected_visits.items() if interleaves(seq)}
    # the random journeys must exercise both paths of the models, and revisits
    revisited = [j for j, seq in expected_visits.items() if len(seq) > len({v[0] for v in seq})]
    assert 20 < len(interleaved) < len(expected_visits) - 20 and len(revisited) > 20

    # int_stage_visits: the visits of the journeys whose stages interleave, and only theirs
    stored = con.execute(
        "select journey_id, visit_number, stage, entered_at, left_at from int_stage_visits"
    ).fetchall()
    assert set(stored) == {(j, n, *v) for j in interleaved for n, v in enumerate(expected_visits[j], start=1)}
    # every other journey's visits are its reached stages in time order
    simple = con.execute("""
        select journey_id, row_number() over (partition by journey_id order by entered_at), stage,
               entered_at, left_at
        from int_journey_stages
        where reached and journey_id not in (select journey_id from int_stage_visits)""").fetchall()
    assert set(simple) == {
        (j, n, *v)
        for j in set(expected_visits) - interleaved
        for n, v in enumerate(expected_visits[j], start=1)
    }

    stages = set(
        con.execute("""
        select journey_id, stage, reached, entered_at, left_at, events, failed, late, sla_breached,
               first_friction_at
        from int_journey_stages""").fetchall()
    )
    # every kind of deadline row is exercised: missed promises and slas, reached or not
    assert sum(1 for s in expected_stages if s[7]) > 20 and sum(1 for s in expected_stages if s[8]) > 5
    assert sum(1 for s in expected_stages if not s[2] and s[9] is not None) > 5
    assert stages == expected_stages

    # the marts: transitions (rework, first visit, end node, duration bucket) and paths
    journeys = {
        j: (month, segment, outcome)
        for j, month, segment, outcome in con.execute(
            "select journey_id, period_month, segment, outcome from int_journey_outcomes"
        ).fetchall()
    }
    transitions = set(
        con.execute("""
        select period_month, segment, from_stage, to_stage, is_rework, from_first_visit,
               duration_bucket, transitions, min_seconds, max_seconds
        from mart_stage_transitions""").fetchall()
    )
    expected_transitions = reference_transitions(expected_visits, journeys)
    assert sum(1 for t in expected_transitions if t[4]) > 10  # rework moves
    assert transitions == expected_transitions
    friction = dict(con.execute("select journey_id, stages_with_friction > 0 from int_journeys").fetchall())
    paths: dict[tuple, list[int]] = {}
    for j, seq in expected_visits.items():
        counts = paths.setdefault((*journeys[j][:2], " > ".join(v[0] for v in seq), journeys[j][2]), [0, 0])
        counts[0] += 1
        counts[1] += friction[j]
    got_paths = {
        r[:4]: r[4:]
        for r in con.execute("""select period_month, segment, path, outcome, journeys, journeys_with_friction
                                from mart_journey_paths""").fetchall()
    }
    assert got_paths == {k: tuple(c) for k, c in paths.items()}
    con.close()
