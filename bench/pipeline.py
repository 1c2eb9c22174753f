"""Benchmark: demo generation and full refresh as separate processes (wall time, peak memory)."""
from __future__ import annotations

import argparse
import os
import platform
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"


def measure(command: list[str]) -> tuple[float, float]:
    """Run a command; return (wall seconds, peak resident memory in GiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL)
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        raise SystemExit(f"benchmark command failed: {' '.join(command)}")
    return seconds, usage.ru_maxrss / 1024 / 1024  # ru_maxrss is KiB on Linux


def machine() -> str:
    mem_kib = int(next(line for line in Path("/proc/meminfo").read_text().splitlines()
                       if line.startswith("MemTotal")).split()[1])
    return f"{os.cpu_count()} cores, {mem_kib / 1024 / 1024:.0f} GiB, Python {platform.python_version()}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--scale", default="L", choices=["S", "M", "L", "XL"])
    parser.add_argument("--db", type=Path, help="database file (default: a temporary file)")
    parser.add_argument("--no-record", action="store_true", help="do not append to docs/benchmarks.md")
    args = parser.parse_args()
    workdir = tempfile.mkdtemp(prefix="cx-bench-")
    db = args.db or Path(workdir) / f"bench_{args.scale}.duckdb"
    rows = []
    for label, command in [
        ("demo generation", [sys.executable, "-m", "pipelines", "demo", "--scale", args.scale, "--db", str(db)]),
        ("full refresh", [sys.executable, "-m", "pipelines", "refresh", "--db", str(db)]),
    ]:
        seconds, peak = measure(command)
        rows.append(f"| {label} | {seconds:.1f} s | {peak:.2f} GiB | "
                    f"`{' '.join(['python'] + command[1:]).replace(str(db), 'DB')}` |")
    size = db.stat().st_size / 1024 / 1024 / 1024
    table = (f"### {date.today()}, scale {args.scale}\n\n"
             "| step | wall time | peak memory | command |\n|---|---|---|---|\n"
             + "\n".join(rows) + f"\n\nDatabase size {size:.2f} GiB; machine: {machine()}.\n")
    print(table)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + table)


if __name__ == "__main__":
    main()
