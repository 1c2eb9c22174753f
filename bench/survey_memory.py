"""Peak memory of a whole survey import: `python -m surveys import FILE --db NEW --no-refresh`.

    .venv/bin/python -m bench.survey_memory [--rows 500000,1000000,1500000,2000000] [--keep DIR]

Writes a survey CSV per size (NPS and CSAT columns, so two responses per row; dates; a comment
of 2-10 words on half of the rows; about 95 bytes a row, 2M rows ~ 180 MB), imports it into a new
database in a child process and prints the child's peak resident set size (os.wait4's ru_maxrss)
and wall time. Sizes above the survey row default (1,500,000) run with CX_MAX_ROWS set to the
size. A benchmark, not a test: tests/test_surveys_memory.py holds the bound in CI.
"""

from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SURVEY_MAX_ROWS = 1_500_000  # surveys.importer.SURVEY_MAX_ROWS (not imported: keeps this light)
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
WORDS = (
    "service",
    "palvelu",
    "waited",
    "jonossa",
    "quick",
    "nopea",
    "refund",
    "invoice",
    "lasku",
    "helpful",
    "ystävällinen",
    "again",
    "call",
    "chat",
    "order",
    "tilaus",
    "late",
    "myöhässä",
    "great",
    "hyvä",
    "never",
    "app",
    "login",
    "delivery",
    "toimitus",
    "thanks",
    "kiitos",
)


def survey_rows(n: int, seed: int = 11):
    """n data rows: unique response and journey ids, 50k customers, minute-spaced dates,
    NPS 0-10, CSAT '1 = arvio'..'5 = arvio', and a comment of 2-10 words on half of the rows."""
    rnd = random.Random(seed)
    start = datetime(2024, 1, 1)
    for i in range(n):
        words = rnd.randint(2, 10) if rnd.random() < 0.5 else 0
        comment = " ".join(rnd.choice(WORDS) for _ in range(words)).capitalize()
        yield [
            f"R{i:08d}",
            f"C{rnd.randrange(50000):06d}",
            f"J{i:08d}",
            (start + timedelta(seconds=37 * i)).strftime("%Y-%m-%d %H:%M:%S"),
            str(rnd.randint(0, 10)),
            f"{rnd.randint(1, 5)} = arvio",
            rnd.choice(("chat", "phone", "email")),
            rnd.choice(("B2C", "B2B")),
            comment,
        ]


def write_survey_csv(path: Path, n: int, seed: int = 11) -> Path:
    """A survey export of n data rows (see survey_rows)."""
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(HEADER)
        writer.writerows(survey_rows(n, seed))
    return path


def measure_import(
    path: Path, db: Path, env: dict[str, str] | None = None, extra: list[str] | None = None
) -> tuple[int, float, int, str]:
    """(peak RSS in bytes, wall seconds, exit status, last output line) of one import process."""
    command = [
        sys.executable,
        "-m",
        "surveys",
        "import",
        str(path),
        "--db",
        str(db),
        "--no-refresh",
        *(extra or []),
    ]
    started = time.perf_counter()
    child = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, **(env or {})}
    )
    assert child.stdout is not None
    output = child.stdout.read().decode("utf-8", "replace")
    _, status, usage = os.wait4(child.pid, 0)
    child.returncode = os.waitstatus_to_exitcode(status)
    seconds = time.perf_counter() - started
    lines = [line for line in output.splitlines() if line.strip()]
    return usage.ru_maxrss * 1024, seconds, child.returncode, (lines[-1] if lines else "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.survey_memory",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument(
        "--rows",
        default="500000,1000000,1500000,2000000",
        help="comma-separated data row counts (default 500000,1000000,1500000,2000000)",
    )
    parser.add_argument(
        "--keep",
        type=Path,
        metavar="DIR",
        help="write (or reuse) the CSV files in DIR instead of a temporary directory",
    )
    args = parser.parse_args(argv)
    sizes = [int(s.replace("_", "")) for s in args.rows.split(",") if s.strip()]
    with tempfile.TemporaryDirectory(prefix="survey-memory-") as tmp:
        files = args.keep or Path(tmp)
        files.mkdir(parents=True, exist_ok=True)
        print(f"{'rows':>10} {'file MiB':>8} {'peak RSS MiB':>12} {'wall s':>7}  result")
        for n in sizes:
            path = files / f"survey-{n}.csv"
            if not path.exists():
                write_survey_csv(path, n)
            db = Path(tmp) / f"survey-{n}.duckdb"
            env = {"CX_MAX_ROWS": str(n)} if n > SURVEY_MAX_ROWS else None
            peak, seconds, status, last = measure_import(path, db, env)
            print(
                f"{n:>10,} {path.stat().st_size / 2**20:>8.1f} {peak / 2**20:>12,.0f} "
                f"{seconds:>7.1f}  exit {status}: {last[:100]}",
                flush=True,
            )
            db.unlink(missing_ok=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
