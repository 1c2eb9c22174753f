"""Spark `local[2]` against DuckDB on the same demo database (issue 17): export-raw, the models on
Spark, DuckDB's full refresh, and the marts of both compared.

    python -m bench.spark --db PATH --work DIR [--scale L] [--runs 1] [--master local[2]]
                          [--driver-memory 8g] [--conf KEY=VALUE ...]

PATH must be a refreshed demo database; DuckDB's full refresh rewrites its marts (give a copy).
Each part runs in its own process, one after the other (never two at once on this machine), so
its peak memory is its own: the export (DuckDB COPY), the Spark refresh (its peak is the JVM's peak
resident memory plus the Python driver's), DuckDB's full refresh, the comparison. Per run: export,
Spark, DuckDB; the comparison once, after the last run. Spark's driver memory is set before its
JVM starts (DRIVER_MEMORY by scale); its event log gives each model's bytes read, shuffled and
spilled (jobs labelled with the model whose SQL started them). Skipped, with a note, when pyspark
or Java is missing.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path

from bench.common import Result, emit, peak_rss_mib, run_task
from bench.spark_events import (
    INPUTS,
    LabelledSession,
    event_lines,
    export_sizes,
    fmt_bytes,
    folder_bytes,
    io_by_label,
)

MASTER = "local[2]"
DRIVER_MEMORY = {"S": "2g", "M": "4g", "L": "8g", "XL": "16g"}  # local mode: the driver is the executor
PREFIX = "spark vs duckdb"
EVENTS_TABLE = "raw_journey_events"


# --- requirements -----------------------------------------------------------------------------


def missing_requirement(
    find_spec: Callable[[str], object] = importlib.util.find_spec,
    which: Callable[[str], str | None] = shutil.which,
    environ: dict[str, str] | None = None,
) -> str | None:
    """Why the step cannot run (pyspark or Java missing), or None."""
    if find_spec("pyspark") is None:
        return "pyspark is not installed (pip install pyspark==4.3.0)"
    env = os.environ if environ is None else environ
    java_home = env.get("JAVA_HOME")
    java = Path(java_home) / "bin" / "java" if java_home else which("java")
    if not java or not Path(java).exists():
        where = f"JAVA_HOME={java_home} has no bin/java" if java_home else "no java on PATH"
        return f"Java is not installed ({where}; Java 17: openjdk-17-jre-headless)"
    return None


# --- the parts, each in its own process ----------------------------------------------------------


def part_export(db: Path, raw: Path) -> None:
    from core.db import connect
    from pipelines.export_raw import export_raw

    con = connect(db, read_only=True)
    try:
        t0 = time.perf_counter()
        export_raw(con, raw, replace=True)
        seconds = time.perf_counter() - t0
    finally:
        con.close()
    emit(Result("export", [seconds], peak_rss_mib(), extra={"tables": export_sizes(raw)}))


def _company_timezone(raw: Path) -> str:
    import duckdb

    from pipelines.export_raw import sql_string

    rows = duckdb.sql(
        f"select text from read_parquet({sql_string(str(raw / 'map_settings' / '*.parquet'))}) "
        "where key = 'timezone'"
    ).fetchall()
    return rows[0][0] if rows else "Europe/Helsinki"


def jvm_peak_mib(spark) -> float | None:
    """Peak resident memory of the session's JVM (Linux /proc VmHWM), MiB."""
    try:
        pid = spark.sparkContext._jvm.java.lang.ProcessHandle.current().pid()
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except (OSError, ValueError, AttributeError):
        return None
    return None


def part_spark(raw: Path, marts: Path, master: str, conf: dict[str, str], event_dir: Path) -> None:
    started = time.perf_counter()
    from pipelines.model_files import MODELS_DIR, discover_models
    from pipelines.spark.engine import run_models, session
    from pipelines.spark.macros import model_macros
    from pipelines.spark.translate import translate

    imported = time.perf_counter()
    event_dir.mkdir(parents=True, exist_ok=True)
    settings = {
        **conf,
        "spark.eventLog.enabled": "true",
        "spark.eventLog.dir": event_dir.as_uri(),
        "spark.eventLog.compress": "false",
        "spark.eventLog.rolling.enabled": "false",
        "spark.ui.showConsoleProgress": "false",
    }
    t0 = time.perf_counter()
    spark = session(master, "cx-bench", settings)
    session_seconds = time.perf_counter() - t0
    try:
        macros = model_macros(_company_timezone(raw), None)
        models = discover_models(MODELS_DIR)
        names = {translate(m.name, m.sql, macros).spark_sql: m.name for m in models}
        if marts.exists():
            shutil.rmtree(marts)
        result = run_models(LabelledSession(spark, names), raw, marts)
        jvm = jvm_peak_mib(spark)
    finally:
        t1 = time.perf_counter()
        spark.stop()
        stop_seconds = time.perf_counter() - t1
    io = io_by_label(event_lines(event_dir))
    python = peak_rss_mib()
    runs = [{**asdict(r), **({"io": asdict(io[r.name])} if r.name in io else {})} for r in result.runs]
    extra = {
        "imports": imported - started,
        "session": session_seconds,
        "models": result.seconds,
        "stop": stop_seconds,
        "jvm_peak_mib": jvm,
        "python_peak_mib": python,
        "runs": runs,
        "inputs_io": asdict(io[INPUTS]) if INPUTS in io else None,
        "marts_bytes": folder_bytes(marts),
        "master": master,
        "conf": conf,
    }
    emit(Result("spark", [result.seconds], (jvm or 0.0) + python, extra=extra))


def part_compare(db: Path, marts: Path) -> None:
    from pipelines.model_files import MODELS_DIR, discover_models
    from pipelines.spark.compare import compare_marts

    t0 = time.perf_counter()
    compared = compare_marts(db, marts, discover_models(MODELS_DIR))
    seconds = time.perf_counter() - t0
    emit(
        Result(
            "compare",
            [seconds],
            peak_rss_mib(),
            extra={"marts": [{"name": c.name, "status": c.status, "detail": c.detail} for c in compared]},
        )
    )


# --- assembling the figures ---------------------------------------------------------------------


@dataclass
class Measured:
    """Every run's parts: (result, process wall seconds, process peak MiB) per part."""

    export: list[tuple[Result, float, float]] = field(default_factory=list)
    spark: list[tuple[Result, float, float]] = field(default_factory=list)
    duckdb: list[tuple[Result, float, float]] = field(default_factory=list)
    compare: Result | None = None


def comparison_note(marts: list[dict]) -> str:
    """'25 of 25 marts equal' or which differ and how (the first three)."""
    bad = [m for m in marts if m["status"] != "equal"]
    if not marts:
        return "**no marts compared**"
    if not bad:
        return f"{len(marts)} of {len(marts)} marts equal (keys, types, numbers within 1e-9 relative)"
    shown = "; ".join(f"{m['name']} {m['status']}: {m['detail'][:120]}" for m in bad[:3])
    return f"**{len(bad)} of {len(marts)} marts differ**: {shown}"


def slowest(runs: list[dict], n: int = 3) -> str:
    ranked = sorted((r for r in runs if r.get("seconds")), key=lambda r: -r["seconds"])[:n]
    return ", ".join(f"{r['name']} {r['seconds']:.0f} s" for r in ranked)


def assemble(m: Measured, master: str, driver_memory: str) -> list[Result]:
    """The step's table rows from every run's parts (medians over runs; peak = the largest)."""
    out: list[Result] = []
    first_export = m.export[0][0].extra["tables"]
    total = sum(t["bytes"] for t in first_export.values())
    events = first_export.get(EVENTS_TABLE, {"rows": 0, "bytes": 0})
    per_event = events["bytes"] / events["rows"] if events["rows"] else float("nan")
    out.append(
        Result(
            f"{PREFIX}: export-raw to Parquet",
            [r.seconds[0] for r, _, _ in m.export],
            max(max(peak, r.peak_mib or 0) for r, _, peak in m.export),
            note=f"{fmt_bytes(total)}; {events['rows']:,} journey events, {per_event:.1f} bytes/event",
        )
    )
    extra = m.spark[-1][0].extra
    out.append(
        Result(
            f"{PREFIX}: Spark session start ({master})",
            [r.extra["session"] for r, _, _ in m.spark],
            max(r.peak_mib or 0 for r, _, _ in m.spark),
            note=f"the JVM starting; spark.driver.memory={driver_memory}; peak: the whole Spark process",
        )
    )
    runs = extra["runs"]
    failed = [r for r in runs if r.get("error")]
    marts = [r for r in runs if r["layer"] == "marts"]
    mart_seconds = sum(r["seconds"] for r in marts)
    shuffle = sum(r.get("io", {}).get("shuffle_write_bytes", 0) for r in runs)
    spilled = sum(r.get("io", {}).get("disk_spilled_bytes", 0) for r in runs)
    jvm = extra.get("jvm_peak_mib")
    state = (
        f"**{len(failed)} failed**: {failed[0]['name']} ({failed[0]['error'][:160]})"
        + (f" and {', '.join(r['name'] for r in failed[1:4])}" if len(failed) > 1 else "")
        + "; "
        if failed
        else ""
    )
    out.append(
        Result(
            f"{PREFIX}: models on Spark {master}",
            [r.seconds[0] for r, _, _ in m.spark],
            max(r.peak_mib or 0 for r, _, _ in m.spark),
            note=f"{state}{len(runs)} models; {len(marts)} marts written as Parquet "
            f"({fmt_bytes(extra['marts_bytes'])}) in {mart_seconds:.0f} s of it; slowest: {slowest(runs)}; "
            f"shuffle written {fmt_bytes(shuffle)}, spilled to disk {fmt_bytes(spilled)}; peak = JVM "
            + (f"{fmt_bytes(jvm * (1 << 20))}" if jvm is not None else "unknown")
            + f" + Python {extra['python_peak_mib']:.0f} MiB",
        )
    )
    spark_whole = [wall for _, wall, _ in m.spark]
    duck = [r.seconds[0] for r, _, _ in m.duckdb]
    ratio = statistics.median(spark_whole) / statistics.median(duck) if duck else float("nan")
    out.append(
        Result(
            f"{PREFIX}: Spark refresh, whole process",
            spark_whole,
            max(r.peak_mib or 0 for r, _, _ in m.spark),
            note=f"Python and pyspark imports, JVM, models, stop; {ratio:.1f}× DuckDB's full refresh",
        )
    )
    out.append(
        Result(
            f"{PREFIX}: DuckDB full refresh, same database",
            duck,
            max(max(peak, r.peak_mib or 0) for r, _, peak in m.duckdb),
            note="pipelines.runner.refresh, every model, one transaction",
        )
    )
    if m.compare is not None:
        out.append(
            Result(
                f"{PREFIX}: marts compared",
                m.compare.seconds,
                m.compare.peak_mib,
                note=comparison_note(m.compare.extra["marts"]),
            )
        )
    return out


def detail_lines(extra: dict) -> list[str]:
    """One line per model of the last Spark run: seconds, rows and bytes (for docs/scaling.md)."""
    lines = ["model | layer | seconds | rows | input | shuffle written | disk spill | task seconds"]
    for r in [
        *extra["runs"],
        {"name": INPUTS, "layer": "", "seconds": 0, "rows": None, "io": extra.get("inputs_io")},
    ]:
        io = r.get("io") or {}
        lines.append(
            f"{r['name']} | {r['layer']} | {r['seconds']:.2f} | {'' if r['rows'] is None else r['rows']} | "
            f"{fmt_bytes(io.get('input_bytes', 0))} | {fmt_bytes(io.get('shuffle_write_bytes', 0))} | "
            f"{fmt_bytes(io.get('disk_spilled_bytes', 0))} | {io.get('task_ms', 0) / 1000:.1f}"
            + (f" | error: {r['error']}" if r.get("error") else "")
        )
    return lines


def _one(found: tuple[list[Result], float, float], part: str) -> tuple[Result, float, float]:
    results, wall, peak = found
    if len(results) != 1:
        raise RuntimeError(f"bench.spark {part}: expected one result, got {len(results)}")
    return results[0], wall, peak


def orchestrate(args: argparse.Namespace) -> None:
    reason = missing_requirement()
    if reason:
        emit(Result(f"{PREFIX}: Spark {args.master}", [], None, note=f"skipped: {reason}"))
        return
    driver_memory = args.driver_memory or DRIVER_MEMORY[args.scale]
    conf = [
        f"spark.driver.memory={driver_memory}",
        f"spark.local.dir={args.work / 'spark-local'}",
        *args.conf,
    ]
    raw, marts = args.work / "raw", args.work / "marts"
    measured = Measured()
    for _ in range(args.runs):
        measured.export.append(
            _one(run_task("bench.spark", ["export", "--db", str(args.db), "--raw", str(raw)]), "export")
        )
        events = args.work / "eventlog"
        shutil.rmtree(events, ignore_errors=True)
        spark_args = [
            "spark",
            "--raw",
            str(raw),
            "--marts",
            str(marts),
            "--master",
            args.master,
            "--events",
            str(events),
        ]
        for item in conf:
            spark_args += ["--conf", item]
        measured.spark.append(_one(run_task("bench.spark", spark_args), "spark"))
        refresh = _one(run_task("bench.tasks", ["refresh", "--db", str(args.db)]), "refresh")
        measured.duckdb.append(refresh)
    measured.compare = _one(
        run_task("bench.spark", ["compare", "--db", str(args.db), "--marts", str(marts)]), "compare"
    )[0]
    for name, size in measured.export[-1][0].extra["tables"].items():
        print(f"export {name}: {size['rows']:,} rows, {size['bytes']:,} bytes", file=sys.stderr)
    for line in detail_lines(measured.spark[-1][0].extra):
        print(line, file=sys.stderr)
    if args.detail:
        args.detail.write_text(
            json.dumps(
                {"export": measured.export[-1][0].extra, "spark": measured.spark[-1][0].extra}, indent=2
            ),
            encoding="utf-8",
        )
    for result in assemble(measured, args.master, driver_memory):
        emit(result)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("part", nargs="?", default="all", choices=["all", "export", "spark", "compare"])
    parser.add_argument("--db", type=Path)
    parser.add_argument("--work", type=Path, help="folder for the export, the marts and Spark's scratch")
    parser.add_argument("--scale", default="L", choices=sorted(DRIVER_MEMORY))
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--master", default=MASTER)
    parser.add_argument(
        "--driver-memory", help="spark.driver.memory (default by scale: S 2g, M 4g, L 8g, XL 16g)"
    )
    parser.add_argument(
        "--conf", action="append", default=[], metavar="KEY=VALUE", help="more Spark settings"
    )
    parser.add_argument("--detail", type=Path, help="also write the last run's per-model figures here (JSON)")
    parser.add_argument("--raw", type=Path)
    parser.add_argument("--marts", type=Path)
    parser.add_argument("--events", type=Path)
    args = parser.parse_args()
    if args.part == "export":
        part_export(args.db, args.raw)
    elif args.part == "spark":
        from pipelines.spark.cli import parse_spark_conf

        part_spark(args.raw, args.marts, args.master, parse_spark_conf(args.conf), args.events)
    elif args.part == "compare":
        part_compare(args.db, args.marts)
    else:
        if args.db is None or args.work is None:
            parser.error("--db and --work are needed")
        args.work.mkdir(parents=True, exist_ok=True)
        orchestrate(args)


if __name__ == "__main__":
    main()
