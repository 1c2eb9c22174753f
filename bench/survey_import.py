"""Benchmark survey import: 100,000-row CSV and XLSX, median of 3 runs and peak memory.

    .venv/bin/python -m bench.survey_import [--rows N]
"""
from __future__ import annotations

import argparse
import csv
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

from pipelines.db import connect
from surveys.importer import import_file

HEADER = ["Response ID", "Customer ID", "Journey ID", "Date",
          "How likely are you to recommend us?", "Tyytyväisyys palveluun", "Channel", "Segment",
          "Comment"]


def rows(n: int, seed: int = 7):
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1)
    for i in range(n):
        yield [f"R{i:07d}", f"C{rnd.randrange(40000):06d}", f"J{i:07d}",
               (start + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S"),
               str(rnd.randint(0, 10)), f"{rnd.randint(1, 5)} = arvio", rnd.choice(["chat", "phone"]),
               rnd.choice(["B2C", "B2B"]), rnd.choice(["", "Hyvä palvelu", "call 040 123 4567"])]


def write_csv(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh)
        w.writerow(HEADER)
        w.writerows(rows(n))


def write_xlsx(path: Path, n: int) -> None:
    wb = openpyxl.Workbook(write_only=True)
    ws = wb.create_sheet("Responses")
    ws.append(HEADER)
    for r in rows(n):
        ws.append(r[:4] + [int(r[4])] + r[5:])
    wb.save(path)


def time_import(path: Path, workdir: Path, runs: int = 3) -> tuple[float, float, int]:
    times, peaks, written = [], [], 0
    for k in range(runs + 1):
        con = connect(workdir / f"{path.suffix[1:]}{k}.duckdb")
        traced = k == runs  # the extra last run only measures memory (tracemalloc slows Python)
        if traced:
            tracemalloc.start()
        t0 = time.perf_counter()
        result = import_file(con, path)
        if traced:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        else:
            times.append(time.perf_counter() - t0)
        assert result.status == "imported", result.report_csv()[:500]
        written = result.responses_written
        con.close()
    return statistics.median(times), max(peaks) / 2**20, written


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for suffix, writer in ((".csv", write_csv), (".xlsx", write_xlsx)):
            path = work / f"bench{suffix}"
            writer(path, args.rows)
            seconds, peak_mb, written = time_import(path, work, args.runs)
            print(f"{suffix[1:]:4} rows={args.rows:,} responses={written:,} size={path.stat().st_size / 2**20:.1f} MiB "
                  f"median={seconds:.2f}s peak_python_mem={peak_mb:.0f} MiB")


if __name__ == "__main__":
    main()
