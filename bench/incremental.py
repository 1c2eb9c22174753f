"""Incremental refresh after importing 10,000 survey responses and 100,000 journey events.

    python -m bench.incremental --db PATH [--runs 3] [--responses 10000] [--events 100000]

PATH must be a refreshed demo database; each run works on a fresh copy. The responses are a CSV
imported with the survey importer (existing customers, the last month of data); the events are
new journeys of existing customers in the same month, loaded as one batch. Reported: the
incremental refresh (pipelines.incremental.refresh_changed) and, for comparison on the same
copy, the full refresh.
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

from bench.common import Result, emit, peak_rss_mib

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


def one_run(source: Path, work: Path, k: int, n_responses: int, n_events: int) -> dict:
    from core.access import cli_actor  # bench runs act as the command line
    from core.db import connect
    from pipelines.incremental import refresh_changed
    from surveys.importer import import_file

    db = work / f"run{k}.duckdb"
    shutil.copy(source, db)
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
        frame = events_frame(customers, start, n_events, seed=k, batch_id=f"bench-events-{k}")
        t0 = time.perf_counter()
        load_events(con, frame, f"bench-events-{k}")
        load_seconds = time.perf_counter() - t0
        t0 = time.perf_counter()
        summary = refresh_changed(con)
        incremental_seconds = time.perf_counter() - t0
        if summary["mode"] != "incremental":
            raise SystemExit(f"expected an incremental refresh, got {summary['mode']}: {summary['reason']}")
        t0 = time.perf_counter()
        refresh_changed(con, force_full=True)
        full_seconds = time.perf_counter() - t0
    finally:
        con.close()
        db.unlink(missing_ok=True)
    return {
        "import": import_seconds,
        "load": load_seconds,
        "incremental": incremental_seconds,
        "full": full_seconds,
        "customers": summary["customers"],
        "months": len(summary["months"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--responses", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cx-incr-"))
    try:
        runs = [one_run(args.db, work, k, args.responses, args.events) for k in range(args.runs)]
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = peak_rss_mib()
    note = (
        f"{args.responses:,} responses + {args.events:,} events; "
        f"{runs[0]['customers']:,} customers and {runs[0]['months']} month(s) changed"
    )
    emit(Result(f"import {args.responses:,} survey responses (CSV)", [r["import"] for r in runs], peak))
    emit(Result(f"load {args.events:,} journey events (one batch)", [r["load"] for r in runs], peak))
    full = sorted(r["full"] for r in runs)[len(runs) // 2]
    emit(
        Result(
            "incremental refresh after that import",
            [r["incremental"] for r in runs],
            peak,
            f"< {full / 2:.1f} s (half the full refresh)",
            sorted(r["incremental"] for r in runs)[len(runs) // 2] < full / 2,
            note,
        )
    )
    emit(Result("full refresh of the same database", [r["full"] for r in runs], peak))


if __name__ == "__main__":
    main()
