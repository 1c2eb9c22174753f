"""Shared pieces of the benchmark suite: results, subprocess measurement, machine description."""

from __future__ import annotations

import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "docs" / "benchmarks.md"
RESULT_PREFIX = "BENCH-RESULT "


@dataclass
class Result:
    """One benchmark figure: the median of ``runs`` timings, with peak memory and a note."""

    name: str
    seconds: list[float]
    peak_mib: float | None = None
    target: str = ""  # e.g. "< 20 s"
    met: bool | None = None  # None = no target
    note: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds) if self.seconds else float("nan")

    def to_json(self) -> str:
        return json.dumps(asdict(self), default=str)

    @classmethod
    def from_json(cls, text: str) -> Result:
        return cls(**json.loads(text))


def copy_at_rest(source: Path, target: Path) -> None:
    """Copy a database file and wait until the copy is on disk, as a database in use would be.

    A fresh copy leaves gigabytes of dirty pages in the OS cache; the first commit that syncs the
    file would wait for all of them (0.8 s of a 3.4 s events refresh at L) - the copy's cost,
    not the product's."""
    shutil.copy(source, target)
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def emit(result: Result) -> None:
    """Print a result for the parent process (``python -m bench`` collects these lines)."""
    print(RESULT_PREFIX + result.to_json(), flush=True)


def peak_rss_mib() -> float:
    """Peak resident memory of this process so far, MiB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run_task(module: str, args: list[str]) -> tuple[list[Result], float, float]:
    """Run ``python -m <module> <args>`` in its own process; return its results, wall seconds and
    the process's peak resident memory (MiB)."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, "-m", module, *args], cwd=ROOT, stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    results: list[Result] = []
    for line in process.stdout:
        if line.startswith(RESULT_PREFIX):
            results.append(Result.from_json(line[len(RESULT_PREFIX) :]))
        else:
            sys.stderr.write(line)
    _, status, usage = os.wait4(process.pid, 0)
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise RuntimeError(f"benchmark task {module} failed with exit code {process.returncode}")
    return results, time.perf_counter() - started, usage.ru_maxrss / 1024


def machine() -> str:
    mem_kib = int(
        next(
            line for line in Path("/proc/meminfo").read_text().splitlines() if line.startswith("MemTotal")
        ).split()[1]
    )
    return f"{os.cpu_count()} cores, {mem_kib / 1024 / 1024:.0f} GiB RAM, Python {platform.python_version()}"


def timed(fn, runs: int) -> list[float]:
    """Call ``fn`` ``runs`` times; the wall seconds of each call."""
    out = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        out.append(time.perf_counter() - t0)
    return out


def fmt_seconds(x: float) -> str:
    if x != x:  # nan
        return "—"
    return f"{x * 1000:.0f} ms" if x < 1 else f"{x:.1f} s" if x < 100 else f"{x / 60:.1f} min"


def markdown(results: list[Result], scale: str, title: str) -> str:
    rows = ["| benchmark | median | runs | peak memory | target | notes |", "|---|---|---|---|---|---|"]
    for r in results:
        target = "" if not r.target else f"{r.target}: {'met' if r.met else '**missed**'}"
        peak = (
            "—"
            if r.peak_mib is None
            else (f"{r.peak_mib / 1024:.2f} GiB" if r.peak_mib >= 1024 else f"{r.peak_mib:.0f} MiB")
        )
        rows.append(
            f"| {r.name} | {fmt_seconds(r.median)} | {len(r.seconds)} | {peak} | {target} | {r.note} |"
        )
    return f"### {title}, scale {scale}\n\n" + "\n".join(rows) + f"\n\nMachine: {machine()}.\n"
