"""Command line: generate the demo company, load systems exports, refresh the models, print reports."""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path

from core.access import cli_actor
from core.db import DatabaseBusyError, connect, default_db_path, table_exists
from pipelines import actions_cli, admin_cli, export_raw
from pipelines.loaders import cli as loaders_cli
from pipelines.report_pack import cli as report_pack_cli
from pipelines.spark import cli as spark_cli  # argparse only: pyspark is imported by the command

# Only what the parser needs is imported here; each command imports the rest where it runs, so
# `--help` and the light commands skip pandas, scipy, openpyxl, sqlglot and pydantic
# (tests/test_cli_imports.py).

REPORT_COLUMNS = [
    "rank",
    "stage",
    "owner",
    "metric",
    "reach",
    "reach_rate",
    "failure_rate",
    "late_rate",
    "friction_rate",
    "contacts",
    "contacts_per_100",
    "avoidable_share",
    "repeat_share",
    "avoidable_cost_eur",
    "n_with",
    "score_with",
    "n_without",
    "score_without",
    "delta",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "significant",
    "enough_n",
    "points_at_stake",
    "stake_ci_low",
    "stake_ci_high",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m pipelines", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    demo = sub.add_parser("demo", help="generate the demo company into the database")
    demo.add_argument("--scale", choices=["S", "M", "L", "XL"], default="S")
    demo.add_argument("--seed", type=int, default=7)
    demo.add_argument("--db", type=Path, help="database file (default: env CX_DB or data/cx.duckdb)")
    ref = sub.add_parser(
        "refresh",
        help="rebuild the models in one transaction (incremental when "
        "only new import batches arrived since the last refresh)",
    )
    ref.add_argument("--db", type=Path)
    ref.add_argument(
        "--journey-map",
        type=Path,
        help="store this journey map file as a new version and use it (later refreshes "
        "keep it); default: the latest stored version (a database without one is "
        "seeded from env CX_JOURNEY_MAP, else data/journey_map.yaml)",
    )
    ref.add_argument(
        "--full", action="store_true", help="rebuild everything even if an incremental refresh is possible"
    )
    spark_cli.add_arguments(ref)  # --engine spark --raw PATH --marts PATH [--spark-master URL]
    export_raw.add_parser(sub)
    report = sub.add_parser("report", help="print a report")
    report.add_argument("name", choices=["friction", "drivers", "themes", "pack"])
    report.add_argument("--by", choices=["stage", "owner"], default="stage")
    report.add_argument(
        "--format",
        choices=["json", "csv", "xlsx", "html", "pdf"],
        help="friction, drivers, themes: json (default) or csv; pack: xlsx, html or pdf",
    )
    report.add_argument("--db", type=Path)
    report_pack_cli.add_arguments(report)
    loaders_cli.add_parsers(sub)
    admin_cli.add_parsers(sub)
    actions_cli.add_parsers(sub)
    return parser


def _clean(value):
    if isinstance(value, float) and math.isnan(value):
        return None
    if hasattr(value, "item"):
        return _clean(value.item())
    return value


class ReportUnavailableError(RuntimeError):
    """The report's tables have not been built in this database."""


def friction_report(db_path: Path, by: str = "stage") -> list[dict]:
    """The ranked friction table (mart_friction) as plain records."""
    con = connect(db_path, read_only=True)
    try:
        if not table_exists(con, "mart_friction"):
            raise ReportUnavailableError(
                f"database {db_path} has no models yet; run 'python -m pipelines refresh' first"
            )
        frame = con.execute("select * from mart_friction where dimension = ? order by rank", [by]).df()
    finally:
        con.close()
    return [{col: _clean(rec[col]) for col in REPORT_COLUMNS} for rec in frame.to_dict("records")]


def _user_errors() -> tuple[type[Exception], ...]:
    """The errors main() prints as one line. Evaluated only when an exception reaches main's
    except clause, so their modules (sqlglot, pydantic) are not imported on every start."""
    from pipelines.drivers_report import DriversUnavailableError
    from pipelines.export_raw import ExportError
    from pipelines.journey_map import JourneyMapError
    from pipelines.model_files import RefreshError  # pipelines.runner's RefreshError
    from pipelines.themes_report import ThemesUnavailableError

    return (
        DatabaseBusyError,
        DriversUnavailableError,
        ExportError,
        JourneyMapError,
        RefreshError,
        ReportUnavailableError,
        ThemesUnavailableError,
    )


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    db_path = args.db or default_db_path()
    try:
        if args.command in loaders_cli.COMMANDS:
            return loaders_cli.run(args, db_path)
        if args.command in admin_cli.COMMANDS:
            return admin_cli.run(args, db_path)
        if args.command in actions_cli.COMMANDS:
            return actions_cli.run(args, db_path)
        if args.command == "demo":
            from pipelines.demo import run_demo

            summary = run_demo(db_path, args.scale, seed=args.seed, actor=cli_actor())
            print(json.dumps(summary, indent=2, default=str))
        elif args.command == export_raw.COMMAND:
            return export_raw.run(args, db_path)
        elif args.command == "refresh" and args.engine == "spark":
            return spark_cli.run(args)
        elif args.command == "refresh":
            from pipelines.incremental import describe_refresh
            from pipelines.refresh_gate import refresh_as

            con = connect(db_path)
            try:
                summary = refresh_as(
                    con, actor=cli_actor(), journey_map_path=args.journey_map, force_full=args.full
                )
            finally:
                con.close()
            print("\n".join(describe_refresh(summary)) + f" ({db_path})")
        elif args.command == "report":
            if not Path(db_path).exists():
                print(
                    f"error: database {db_path} does not exist; run 'python -m pipelines demo' first",
                    file=sys.stderr,
                )
                return 2
            if args.name == "pack":
                return report_pack_cli.run_pack(args, db_path)
            if args.format not in (None, "json", "csv"):
                print(f"error: report {args.name} writes json or csv", file=sys.stderr)
                return 2
            if args.name == "drivers":
                from pipelines.drivers_report import columns, drivers_report  # statsmodels: inside

                rows, report_columns = drivers_report(db_path, args.by), columns(args.by)
            elif args.name == "themes":
                from pipelines.themes_report import THEME_REPORT_COLUMNS, themes_report

                rows, report_columns = themes_report(db_path), THEME_REPORT_COLUMNS
            else:
                rows, report_columns = friction_report(db_path, args.by), REPORT_COLUMNS
            if args.format in (None, "json"):
                print(json.dumps(rows, indent=2, ensure_ascii=False))
            else:
                from core.safe_cells import safe_csv_text  # text cells formula-neutralised

                sys.stdout.write(
                    safe_csv_text(([r[c] for c in report_columns] for r in rows), report_columns)
                )
    except _user_errors() as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    return 0
