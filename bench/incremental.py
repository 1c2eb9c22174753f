"""Incremental refresh after a 10,000-response survey import, after a 100,000-event load, and a
100,000-row survey CSV imported and refreshed end to end (issue 15's targets: 1 s, 3 s, 3 s).

    python -m bench.incremental --db PATH [--runs 3] [--responses 10000] [--events 100000] [--big 100000]

PATH must be a refreshed demo database; each run works on a fresh copy. The responses are a CSV
imported with the survey importer (existing customers, the last month of data), then refreshed; the
events are new journeys of existing customers in the same month, loaded as one batch, then
refreshed; then a big CSV is imported and refreshed (timed together); then, for comparison on the
same copy, a full refresh.
"""

from __future__ import annotations

import argparse
import random
import shutil
import tempfile
import time
from datetime import timedelta
from pathlib import Path

import pandas as pd

from bench.common import Result, copy_at_rest, emit, peak_rss_mib

ACTIVITIES = [
    ("login", 0),
    ("order_placed", 1),
    ("payment_authorised", 1),
    ("order_picked", 20),
    ("order_packed", 22),
    ("shipped", 26),
    ("delivered", 70),
    ("invoice_sent", 71),
]


def survey_csv(path: Path, customers: list[str], start, n: int, seed: int) -> None:
    rnd = random.Random(seed)
    lines = ["Response ID,Customer ID,Date,How likely are you to recommend us? (0-10),Comment"]
    for i in range(n):
        when = start + timedelta(minutes=3 * i)
        lines.append(
            f"bench-{seed}-{i},{rnd.choice(customers)},{when:%Y-%m-%d %H:%M:%S},{rnd.randint(0, 10)},fine"
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


def events_frame(customers: list[str], start, n: int, seed: int, batch_id: str) -> pd.DataFrame:
    rnd = random.Random(seed)
    rows = []
    journeys = n // len(ACTIVITIES)
    for j in range(journeys):
        customer = rnd.choice(customers)
        begin = start + timedelta(minutes=5 * j)
        for k, (activity, hours) in enumerate(ACTIVITIES):
            rows.append(
                (
                    f"bev-{seed}-{j}-{k}",
                    batch_id,
                    customer,
                    f"BJ-{seed}-{j}",
                    activity,
                    begin + timedelta(hours=hours),
                    "failed" if rnd.random() < 0.03 else "ok",
                    None,
                )
            )
    return pd.DataFrame(
        rows,
        columns=[
            "event_id",
            "batch_id",
            "customer_id",
            "journey_id",
            "activity",
            "occurred_at",
            "outcome",
            "promised_at",
        ],
    )


def load_events(con, frame: pd.DataFrame, batch_id: str) -> None:
    """One batch of events, the way a loader writes it (one transaction, a batch row)."""
    from datetime import datetime

    con.execute("begin transaction")
    con.register("bench_events", frame)
    con.execute("insert into raw_journey_events by name select * from bench_events")
    con.unregister("bench_events")
    con.execute(
        "insert into import_batches values (?, 'events', 'bench-events.csv', ?, 'bench', ?, ?, 'active')",
        [batch_id, batch_id, datetime.now(), len(frame)],
    )
    con.execute("commit")


def _incremental(con, what: str) -> tuple[float, dict]:
    """Seconds of pipelines.incremental.refresh_changed and its summary; it must be incremental."""
    from pipelines.incremental import refresh_changed

    t0 = time.perf_counter()
    summary = refresh_changed(con)
    seconds = time.perf_counter() - t0
    if summary["mode"] != "incremental":
        raise SystemExit(
            f"{what}: expected an incremental refresh, got {summary['mode']}: {summary['reason']}"
        )
    return seconds, summary


def one_run(source: Path, work: Path, k: int, n_responses: int, n_events: int, n_big: int) -> dict:
    """On a fresh copy, in turn: a survey import and its refresh, an events batch and its refresh,
    a big survey CSV imported and refreshed (end to end), a full refresh."""
    from core.access import cli_actor  # bench runs act as the command line
    from core.db import connect
    from pipelines.incremental import refresh_changed
    from surveys.importer import import_file

    db = work / f"run{k}.duckdb"
    copy_at_rest(source, db)
    con = connect(db)
    try:
        customers = [
            r[0]
            for r in con.execute(
                "select customer_id from raw_customers using sample 20000 rows (reservoir, 7)"
            ).fetchall()
        ]
        last = con.execute("select max(responded_at) from raw_survey_responses").fetchall()[0][0]
        start = last - timedelta(days=25)
        csv = work / f"responses{k}.csv"
        survey_csv(csv, customers, start, n_responses, seed=k)
        t0 = time.perf_counter()
        result = import_file(con, csv, actor=cli_actor())
        import_seconds = time.perf_counter() - t0
        if result.status != "imported":
            raise SystemExit(f"survey import failed: {result.problems[:3]}")
        survey_refresh, survey_summary = _incremental(con, "after the survey import")

        frame = events_frame(customers, start, n_events, seed=k, batch_id=f"bench-events-{k}")
        t0 = time.perf_counter()
        load_events(con, frame, f"bench-events-{k}")
        load_seconds = time.perf_counter() - t0
        events_refresh, events_summary = _incremental(con, "after the events load")

        big = work / f"big{k}.csv"
        survey_csv(big, customers, start, n_big, seed=100 + k)
        t0 = time.perf_counter()
        result = import_file(con, big, actor=cli_actor())
        if result.status != "imported":
            raise SystemExit(f"big survey import failed: {result.problems[:3]}")
        _incremental(con, "after the big survey import")
        big_seconds = time.perf_counter() - t0

        t0 = time.perf_counter()
        refresh_changed(con, force_full=True)
        full_seconds = time.perf_counter() - t0
    finally:
        con.close()
        db.unlink(missing_ok=True)
    return {
        "import": import_seconds,
        "survey_refresh": survey_refresh,
        "survey_models": survey_summary["models"],
        "survey_months": len(survey_summary["months"]),
        "load": load_seconds,
        "events_refresh": events_refresh,
        "events_customers": events_summary["customers"],
        "events_models": events_summary["models"],
        "big": big_seconds,
        "full": full_seconds,
    }


def _median(values: list[float]) -> float:
    return sorted(values)[len(values) // 2]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--big", type=int, default=100_000, help="rows of the CSV imported end to end")
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cx-incr-"))
    try:
        runs = [one_run(args.db, work, k, args.responses, args.events, args.big) for k in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = peak_rss_mib()
    first = runs[0]
    emit(Result(f"import {args.responses:,} survey responses (CSV)", [r["import"] for r in runs], peak))
    survey = [r["survey_refresh"] for r in runs]
    emit(
        Result(
            "incremental refresh after that survey import",
            survey,
            peak,
            "<= 1 s",
            _median(survey) <= 1.0,
            f"{first['survey_models']} models rebuilt, {first['survey_months']} month(s) changed",
        )
    )
    emit(Result(f"load {args.events:,} journey events (one batch)", [r["load"] for r in runs], peak))
    events = [r["events_refresh"] for r in runs]
    emit(
        Result(
            "incremental refresh after that events load",
            events,
            peak,
            "<= 3 s",
            _median(events) <= 3.0,
            f"{first['events_models']} models rebuilt for {first['events_customers']:,} customers",
        )
    )
    big = [r["big"] for r in runs]
    emit(
        Result(
            f"import + refresh of a {args.big:,}-row survey CSV",
            big,
            peak,
            "<= 3 s",
            _median(big) <= 3.0,
            "end to end: read, validate, write, incremental refresh",
        )
    )
    emit(Result("full refresh of the same database", [r["full"] for r in runs], peak))


if __name__ == "__main__":
    main()
