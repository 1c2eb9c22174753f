"""Benchmark loading journey events from CSV: N rows into a fresh database, then an overlapping file.

    .venv/bin/python -m bench.load_events [--rows 1000000] [--finnish] [--gzip] [--keep DIR]

The files are written by DuckDB (not timed). Timed: `pipelines.loaders.load_file` end to end
(hash, read, validate, write, commit) for a first load into an empty database, then for a second
file whose first half repeats event ids of the first (upsert: archive, delete, insert).
--finnish writes ';'-separated d.m.yyyy hh:mm:ss times and loads them through a mapping.
--gzip writes the files as .csv.gz (the load unpacks them first). Times without an offset are in
the company's time zone (Europe/Helsinki by default), so every time is converted to UTC.
"""

from __future__ import annotations

import argparse
import json
import tempfile
import time
from pathlib import Path

import duckdb

from core.access import cli_actor  # bench runs act as the command line
from core.db import connect
from pipelines.loaders import load_file

ACTIVITIES = [
    "order_placed",
    "payment_authorised",
    "order_picked",
    "order_packed",
    "shipped",
    "out_for_delivery",
    "delivered",
    "invoice_sent",
]


def write_events(path: Path, rows: int, first: int, finnish: bool, gz: bool = False) -> None:
    """rows events with ids first..first+rows-1; 8 events per journey, 4 journeys per customer."""
    fmt = "%d.%m.%Y %H:%M:%S" if finnish else "%Y-%m-%d %H:%M:%S"
    acts = "[" + ", ".join(f"'{a}'" for a in ACTIVITIES) + "]"
    con = duckdb.connect()
    con.execute(f"""
        copy (
            select 'E' || lpad(cast(i as varchar), 10, '0') as event_id,
                   'C' || lpad(cast(i // 32 as varchar), 8, '0') as customer_id,
                   'J' || lpad(cast(i // 8 as varchar), 9, '0') as journey_id,
                   {acts}[(i % 8) + 1] as activity,
                   strftime(timestamp '2025-01-01' + to_seconds(i * 29), '{fmt}') as occurred_at,
                   case when hash(i) % 20 = 0 then 'failed' else 'ok' end as outcome,
                   case when i % 8 = 6 then strftime(timestamp '2025-01-01'
                        + to_seconds(i * 29 - 3600 * (hash(i) % 48)), '{fmt}') end as promised_at
            from range({first}, {first + rows}) t(i)
        ) to '{path}' (header, delimiter '{";" if finnish else ","}'{", compression gzip" if gz else ""})""")
    con.close()


def timed_load(con, path: Path, mapping: dict | None) -> dict:
    t0 = time.perf_counter()
    result = load_file(con, "events", path, mapping=mapping, actor=cli_actor())
    seconds = time.perf_counter() - t0
    assert result.status == "imported", result.report_csv()[:1000]
    return {
        "seconds": round(seconds, 2),
        "rows_written": result.rows_written,
        "timezone": result.timezone,
        "rows_replaced": result.rows_replaced,
        "rows_per_second": round(result.rows_written / seconds),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=1_000_000)
    parser.add_argument("--finnish", action="store_true", help="';' and d.m.yyyy times via a mapping")
    parser.add_argument("--gzip", action="store_true", help="write and load .csv.gz files")
    parser.add_argument("--keep", type=Path, help="write the files and database here and keep them")
    args = parser.parse_args()
    mapping = (
        {"kind": "events", "timestamp_formats": ["%d.%m.%Y %H:%M:%S"], "csv": {"delimiter": ";"}}
        if args.finnish
        else None
    )
    with tempfile.TemporaryDirectory() as tmp:
        work = args.keep or Path(tmp)
        work.mkdir(parents=True, exist_ok=True)
        suffix = ".csv.gz" if args.gzip else ".csv"
        first, second = work / f"events_1{suffix}", work / f"events_2{suffix}"
        write_events(first, args.rows, 0, args.finnish, args.gzip)
        write_events(second, args.rows, args.rows // 2, args.finnish, args.gzip)
        db = work / "bench_load.duckdb"
        db.unlink(missing_ok=True)
        con = connect(db)
        try:
            report = {
                "rows": args.rows,
                "finnish": args.finnish,
                "gzip": args.gzip,
                "csv_mb": round(first.stat().st_size / 2**20, 1),
                "first_load": timed_load(con, first, mapping),
                "overlapping_load": timed_load(con, second, mapping),
            }
            report["events_in_db"] = con.execute("select count(*) from raw_journey_events").fetchall()[0][0]
        finally:
            con.close()
    print(json.dumps(report, indent=2))


if __name__ == "__main__":
    main()
