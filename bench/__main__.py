"""The benchmark suite: python -m bench [--scale S|M|L|XL] [--only NAME[,NAME]] [--runs N] [--no-record]

Writes a markdown table to stdout and appends it to docs/benchmarks.md. Every step runs in its
own process (so its peak memory is its own); each figure is the median of --runs runs.
Steps, in order (names for --only):

  demo         demo generation at the scale (the last run's database is used by later steps)
  refresh      full refresh of every model
  incremental  refresh after a 10,000-response import, after 100,000 events, and a 100k-row CSV end to end
  map          refresh after a journey-map edit (a theme term, a contact reason, min_n, a stage's SLA)
  import       survey import of a 100,000-row CSV and XLSX
  pages        server time of every page, first render and filter change (AppTest)
  baselines    the friction mart in plain pandas, and stage transitions with PM4Py (if installed)
  pack         the meeting pack for all functions: xlsx, html and pdf (pdf if Chromium is installed)
  browser      every insight page in Chromium against `streamlit run`: new tab, filter change and
               drill-down to settled render (bench/browser.py; needs /usr/bin/chromium)
  spark        export-raw, the models on Spark local[2] and DuckDB's full refresh of the same
               database, the marts of both compared (bench/spark.py; needs pyspark and Java 17,
               else skipped with a note); runs last: its DuckDB refresh rewrites the marts
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from datetime import date
from pathlib import Path

from bench.common import RESULTS, Result, copy_at_rest, markdown, run_task

STEPS = ("demo", "refresh", "incremental", "map", "import", "pages", "baselines", "pack", "browser", "spark")
DEFAULT_RUNS = {"S": 5, "M": 3, "L": 3, "XL": 1}


def _merge(name: str, runs: list[tuple[list[Result], float, float]]) -> list[Result]:
    """Results of repeated one-shot processes -> one Result per name with every run's seconds."""
    merged: dict[str, Result] = {}
    for results, _, peak in runs:
        for r in results:
            into = merged.setdefault(r.name, Result(r.name, [], None, r.target, None, r.note, r.extra))
            into.seconds += r.seconds
            into.peak_mib = max(into.peak_mib or 0.0, r.peak_mib or 0.0, peak)
    for r in merged.values():
        if r.target.startswith("< "):
            limit = float(r.target[2:].split()[0])
            r.met = r.median < limit
    return list(merged.values()) or [Result(name, [], None, note="no result")]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--scale", default="L", choices=["S", "M", "L", "XL"])
    parser.add_argument("--only", help=f"comma-separated steps of {', '.join(STEPS)}")
    parser.add_argument("--runs", type=int, help="runs per figure (default S 5, M 3, L 3, XL 1)")
    parser.add_argument(
        "--db",
        type=Path,
        help="use this demo database instead of generating one (it is copied; the original is not changed)",
    )
    parser.add_argument(
        "--compare",
        metavar="ENV=VALUE",
        help="browser step: a second server with this environment variable (e.g. CX_RUN_MEMO=0, "
        "the state before issue 14's speed-ups), alternated run by run with the first",
    )
    parser.add_argument("--no-record", action="store_true", help="do not append to docs/benchmarks.md")
    parser.add_argument("--keep", action="store_true", help="keep the working directory")
    args = parser.parse_args(argv)
    steps = STEPS if not args.only else tuple(s.strip() for s in args.only.split(","))
    unknown = [s for s in steps if s not in STEPS]
    if unknown:
        parser.error(f"unknown step(s): {', '.join(unknown)}")
    runs = args.runs or DEFAULT_RUNS[args.scale]
    browser_extra = ["--compare", args.compare] if args.compare else []
    work = Path(tempfile.mkdtemp(prefix="cx-bench-"))
    db = work / f"{args.scale}.duckdb"
    results: list[Result] = []
    try:
        if args.db:
            copy_at_rest(args.db, db)
        if "demo" in steps or not db.exists():
            demo_runs = []
            for _ in range(runs if "demo" in steps else 1):
                db.unlink(missing_ok=True)
                db.with_suffix(".duckdb.truth.json").unlink(missing_ok=True)
                demo_runs.append(run_task("bench.tasks", ["demo", "--scale", args.scale, "--db", str(db)]))
            if "demo" in steps:
                results += _merge("demo generation", demo_runs)
        if "refresh" in steps or not _refreshed(db):
            refresh_runs = [
                run_task("bench.tasks", ["refresh", "--db", str(db)])
                for _ in range(runs if "refresh" in steps else 1)
            ]
            if "refresh" in steps:
                results += _merge("full refresh", refresh_runs)
        for step, module, extra in (
            ("incremental", "bench.incremental", ["--db", str(db), "--runs", str(runs)]),
            ("map", "bench.map_refresh", ["--db", str(db), "--runs", str(runs)]),
            ("import", "bench.survey_import", ["--emit", "--runs", str(runs)]),
            ("pages", "bench.pages", ["--db", str(db), "--runs", str(max(runs, 3))]),
            ("baselines", "bench.baselines", ["--db", str(db), "--runs", str(runs)]),
            ("pack", "bench.pack", ["--db", str(db), "--runs", str(runs)]),
            ("browser", "bench.browser", ["--db", str(db), "--runs", str(runs), *browser_extra]),
            (
                "spark",
                "bench.spark",
                ["--db", str(db), "--work", str(work / "spark"), "--scale", args.scale, "--runs", str(runs)],
            ),
        ):
            if step in steps:
                found, _, peak = run_task(module, extra)
                for r in found:
                    r.peak_mib = r.peak_mib if r.peak_mib is not None else peak
                results += found
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
        else:
            print(f"working directory kept: {work}", file=sys.stderr)
    table = markdown(
        results,
        args.scale,
        f"{date.today()}, `python -m bench --scale {args.scale}"
        + (f" --only {','.join(steps)}" if args.only else "")
        + (f" --compare {args.compare}" if args.compare else "")
        + f"` ({runs} runs)",
    )
    print(table)
    if not args.no_record:
        with RESULTS.open("a", encoding="utf-8") as out:
            out.write("\n" + table)
    return 0


def _refreshed(db: Path) -> bool:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return bool(
            con.execute(
                "select count(*) from information_schema.tables where table_name = 'mart_refresh_log'"
            ).fetchall()[0][0]
        )
    finally:
        con.close()


if __name__ == "__main__":
    sys.exit(main())
