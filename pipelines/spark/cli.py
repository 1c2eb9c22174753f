"""`refresh --engine spark` options and command (no pyspark import until the command runs)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from core.locations import local_path
from pipelines.export_raw import MANIFEST
from pipelines.model_files import RefreshError
from pipelines.spark.storage import not_an_export

DEFAULT_MASTER = "local[*]"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The Spark options of `python -m pipelines refresh`."""
    parser.add_argument(
        "--engine",
        choices=["duckdb", "spark"],
        default="duckdb",
        help="where the models run (default duckdb)",
    )
    parser.add_argument(
        "--raw",
        help="spark: the folder 'export-raw --to' wrote: a path, or a URI Spark reads "
        "(s3a://, abfss://, gs://, hdfs://, file://)",
    )
    parser.add_argument(
        "--marts", help="spark: the folder to write every mart to (Parquet): a path or a URI, as --raw"
    )
    parser.add_argument(
        "--spark-master",
        default=DEFAULT_MASTER,
        help=f"spark: local[N], spark://host:port, yarn or k8s://... (default {DEFAULT_MASTER})",
    )
    parser.add_argument(
        "--spark-conf",
        action="append",
        default=[],
        metavar="KEY=VALUE",
        help="spark: a Spark setting, repeatable (spark.driver.memory=8g, spark.executor.memory=16g, "
        "spark.executor.cores=4, spark.sql.shuffle.partitions=400; default shuffle partitions 8)",
    )


def parse_spark_conf(items: list[str]) -> dict[str, str]:
    """`--spark-conf KEY=VALUE` options as a dict (the last of a repeated key wins); ValueError
    naming the option that is not KEY=VALUE."""
    conf: dict[str, str] = {}
    for item in items:
        key, sep, value = item.partition("=")
        if not sep or not key.strip() or not value.strip():
            raise ValueError(f"--spark-conf needs KEY=VALUE (e.g. spark.driver.memory=8g), not {item!r}")
        conf[key.strip()] = value.strip()
    return conf


def run(args: argparse.Namespace, models_dir: Path | None = None, write_intermediate: bool = False) -> int:
    """Run the models on Spark; one line per model, exit 2 if any failed or the export or a
    location cannot be used (one line saying why)."""
    if args.raw is None or args.marts is None:
        print("error: --engine spark needs --raw PATH and --marts PATH", file=sys.stderr)
        return 2
    raw, marts = str(args.raw), str(args.marts)
    local = local_path(raw)  # a URI of another scheme is checked once the session runs (storage.py)
    if local is not None and not (local.expanduser() / MANIFEST).is_file():
        print(f"error: {not_an_export(raw)}", file=sys.stderr)
        return 2
    try:
        conf = parse_spark_conf(getattr(args, "spark_conf", None) or [])
    except ValueError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    from pipelines.spark.engine import SESSION_POLICY, run_models, session  # pyspark: only here

    fixed = sorted(k for k in conf if k in SESSION_POLICY and conf[k] != SESSION_POLICY[k])
    if fixed:
        print(
            f"error: {', '.join(fixed)} cannot be changed: the models' results depend on it "
            "(docs/scaling.md, 'One policy for types and time')",
            file=sys.stderr,
        )
        return 2
    spark = session(args.spark_master, extra=conf)
    try:
        result = run_models(spark, raw, marts, models_dir, write_intermediate=write_intermediate)
    except RefreshError as exc:  # the export or a location, before any model ran
        print(f"error: {exc}", file=sys.stderr)
        return 2
    finally:
        spark.stop()
    for r in result.runs:
        state = f"error: {r.error}" if r.error else f"{r.rows} rows" if r.rows is not None else "view"
        print(f"{r.layer}/{r.name}: {r.seconds:.2f} s, {state}")
    failed = [r.name for r in result.runs if r.error]
    print(
        f"spark refresh: {len(result.runs) - len(failed)} of {len(result.runs)} models "
        f"in {result.seconds:.1f} s" + (f"; failed: {', '.join(failed)}" if failed else "") + f" ({marts})"
    )
    return 2 if failed else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m pipelines.spark", description="the models on Spark")
    add_arguments(parser)
    parser.add_argument("--models", type=Path, help="models folder (default pipelines/models)")
    parser.add_argument(
        "--write-intermediate",
        action="store_true",
        help="also write staging and intermediate models (to compare)",
    )
    args = parser.parse_args(argv)
    args.engine = "spark"
    return run(args, args.models, args.write_intermediate)
