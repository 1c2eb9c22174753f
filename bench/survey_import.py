"""Benchmark survey import: 100,000-row CSV and XLSX, median of 3 runs and peak memory.

    .venv/bin/python -m bench.survey_import [--rows N] [--runs N] [--formats csv,xlsx]
        [--record | --no-record]

XLSX is read by python-calamine behind core.xlsx_guard. --record appends the results to
docs/benchmarks.md. The peak Python heap (tracemalloc) does not see memory the Rust reader
allocates; the process's peak RSS is printed too.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import statistics
import tempfile
import time
import tracemalloc
from datetime import datetime, timedelta
from pathlib import Path

import openpyxl

from core.access import cli_actor  # bench runs act as the command line
from core.db import connect
from surveys.importer import import_file

BENCHMARKS_MD = Path(__file__).resolve().parent.parent / "docs" / "benchmarks.md"
TARGETS = {"csv": 3.0, "xlsx": 15.0}  # seconds for 100,000 rows

HEADER = [
    "Response ID",
    "Customer ID",
    "Journey ID",
    "Date",
    "How likely are you to recommend us?",
    "Tyytyväisyys palveluun",
    "Channel",
    "Segment",
    "Comment",
]


def rows(n: int, seed: int = 7):
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1)
    for i in range(n):
        yield [
            f"R{i:07d}",
            f"C{rnd.randrange(40000):06d}",
            f"J{i:07d}",
            (start + timedelta(minutes=i)).strftime("%Y-%m-%d %H:%M:%S"),
            str(rnd.randint(0, 10)),
            f"{rnd.randint(1, 5)} = arvio",
            rnd.choice(["chat", "phone"]),
            rnd.choice(["B2C", "B2B"]),
            rnd.choice(["", "Hyvä palvelu", "call 040 123 4567"]),
        ]


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


def time_import(path: Path, workdir: Path, runs: int = 3) -> tuple[float, float, float, int]:
    """Median wall time, median CPU time of this process (all threads), peak MiB, responses."""
    times, cpus, peaks, written = [], [], [], 0
    for k in range(runs + 1):
        con = connect(workdir / f"{path.suffix[1:]}{k}.duckdb")
        traced = k == runs  # the extra last run only measures memory (tracemalloc slows Python)
        if traced:
            tracemalloc.start()
        t0, c0 = time.perf_counter(), time.process_time()
        result = import_file(con, path, actor=cli_actor())
        if traced:
            peaks.append(tracemalloc.get_traced_memory()[1])
            tracemalloc.stop()
        else:
            times.append(time.perf_counter() - t0)
            cpus.append(time.process_time() - c0)
        assert result.status == "imported", result.report_csv()[:500]
        written = result.responses_written
        con.close()
    return statistics.median(times), statistics.median(cpus), max(peaks) / 2**20, written


def _peak_rss_mib() -> float:
    """Peak resident memory of this process so far (Linux reports KiB)."""
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def record(results: list[tuple[str, float, float, float, float]], args: argparse.Namespace) -> None:
    """Append a dated section with the results table to docs/benchmarks.md."""
    command = ".venv/bin/python -m bench.survey_import --record"
    if args.rows != 100_000 or args.runs != 3:
        command += f" --rows {args.rows} --runs {args.runs}"
    lines = [
        f"\n### {time.strftime('%Y-%m-%d')}, survey import, {args.rows:,} rows "
        "(XLSX reader: python-calamine)\n",
        "| file | size | median import time | median CPU time | peak Python memory | target |",
        "|---|---|---|---|---|---|",
    ]
    for kind, size_mb, seconds, cpu, peak_mb in results:
        target = TARGETS[kind]
        verdict = "met" if seconds < target else "**missed**"
        lines.append(
            f"| {kind.upper()} | {size_mb:.1f} MiB | {seconds:.2f} s | {cpu:.2f} s "
            f"| {peak_mb:.0f} MiB | < {target:g} s: {verdict} |"
        )
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    lines.append(
        f"\nCommand: `{command}`; median of {args.runs} runs; machine: {os.cpu_count()} "
        f"cores, Python {platform.python_version()}, load average {load:.1f} at the end."
    )
    with BENCHMARKS_MD.open("a", encoding="utf-8") as fh:
        fh.write("\n".join(lines) + "\n")
    print(f"appended to {BENCHMARKS_MD}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--formats", default="csv,xlsx", help="comma-separated: csv, xlsx")
    parser.add_argument(
        "--record",
        action=argparse.BooleanOptionalAction,
        default=False,
        help="append the results to docs/benchmarks.md (default: --no-record)",
    )
    parser.add_argument("--emit", action="store_true", help="print results for python -m bench")
    args = parser.parse_args()
    kinds = [k.strip().lower() for k in args.formats.split(",") if k.strip()]
    results: list[tuple[str, float, float, float, float]] = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for suffix, writer in ((".csv", write_csv), (".xlsx", write_xlsx)):
            if suffix[1:] not in kinds:
                continue
            path = work / f"bench{suffix}"
            writer(path, args.rows)
            seconds, cpu, peak_mb, written = time_import(path, work, args.runs)
            size_mb = path.stat().st_size / 2**20
            results.append((suffix[1:], size_mb, seconds, cpu, peak_mb))
            print(
                f"{suffix[1:]:4} rows={args.rows:,} responses={written:,} size={size_mb:.1f} MiB "
                f"median={seconds:.2f}s cpu={cpu:.2f}s peak_python_mem={peak_mb:.0f} MiB "
                f"peak_rss={_peak_rss_mib():.0f} MiB load={os.getloadavg()[0]:.1f}"
            )
            if args.emit:
                from bench.common import Result, emit

                target = {"csv": 3.0, "xlsx": 15.0}[suffix[1:]]
                emit(
                    Result(
                        f"survey import, {args.rows:,}-row {suffix[1:].upper()} ({size_mb:.1f} MiB)",
                        [seconds],
                        None,
                        f"< {target:g} s",
                        seconds < target,
                        f"median of {args.runs} imports; {written:,} responses; "
                        f"peak Python heap {peak_mb:.0f} MiB",
                    )
                )
    if args.record:
        record(results, args)


if __name__ == "__main__":
    main()
