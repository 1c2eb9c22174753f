"""`python -m pipelines export-raw --db DB --to PATH`: the tables the models read, as Parquet.

What another engine (Apache Spark: pipelines/spark) needs to run the same models: every raw table
of core.load_kinds, the journey map's map_* tables, the lemma cache text_lemmas and the reference
table ref_t975, one folder per table under PATH. The raw tables with a time column are
partitioned by the UTC calendar month of that column (`period_month=YYYY-MM-01/` folders; the
column is PARTITION_COLUMNS'): a lakehouse overwrites one month's folder at a time. Timestamps are
UTC and timezone-naive (a TIMESTAMP WITH TIME ZONE column is written as its UTC wall-clock time).
Written by DuckDB's COPY; paths reach SQL only as quoted string literals.
"""

from __future__ import annotations

import argparse
import json
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from core import sql_paths
from core.load_kinds import RAW_TABLES
from core.locations import local_path, scheme

# the time column whose UTC month partitions a raw table (None: not partitioned)
PARTITION_COLUMNS: dict[str, str | None] = {
    "raw_survey_responses": "responded_at",
    "raw_contacts": "opened_at",
    "raw_journey_events": "occurred_at",
    "raw_customers": None,
}
PARTITION_NAME = "period_month"  # the folder key: period_month=YYYY-MM-01
EXTRA_TABLES = ("text_lemmas", "ref_t975")  # filled by Python before the models run
MANIFEST = "_export.json"
COMMAND = "export-raw"


class ExportError(RuntimeError):
    """The export cannot be written (message for the user, no traceback)."""


@dataclass(frozen=True)
class ExportedTable:
    name: str
    rows: int
    partition_column: str | None


def sql_string(value: str) -> str:
    """A value as a SQL string literal (core.sql_paths), a NUL refused as an ExportError."""
    try:
        return sql_paths.sql_string(value)
    except ValueError as exc:
        raise ExportError(str(exc)) from None


def tables_to_export(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The raw tables, the map_* tables and text_lemmas / ref_t975, those the database has."""
    unknown = sorted(set(RAW_TABLES) - PARTITION_COLUMNS.keys())
    if unknown:  # a new load kind: say here which time column partitions it (or None)
        raise ExportError(f"export_raw.PARTITION_COLUMNS does not say how to partition {', '.join(unknown)}")
    present = {
        name
        for (name,) in con.execute(
            "select table_name from information_schema.tables where table_type = 'BASE TABLE'"
        ).fetchall()
    }
    maps = sorted(n for n in present if n.startswith("map_"))
    wanted = [*RAW_TABLES, *maps, *EXTRA_TABLES]
    missing = [n for n in (*RAW_TABLES, *EXTRA_TABLES) if n not in present]
    if missing or not maps:
        raise ExportError(
            f"the database lacks {', '.join(missing) or 'the map_* tables'}: "
            "run 'python -m pipelines refresh' on it first"
        )
    return wanted


def _select_list(con: duckdb.DuckDBPyConnection, table: str) -> str:
    """The table's columns, a zoned timestamp as its naive UTC time."""
    columns = con.execute(
        "select column_name, data_type from information_schema.columns "
        "where table_name = ? order by ordinal_position",
        [table],
    ).fetchall()
    parts = []
    for name, data_type in columns:
        quoted = sql_paths.sql_identifier(name)
        if data_type.upper() == "TIMESTAMP WITH TIME ZONE":
            parts.append(f"timezone('UTC', {quoted}) as {quoted}")
        else:
            parts.append(quoted)
    return ", ".join(parts)


def export_table(
    con: duckdb.DuckDBPyConnection, table: str, target: Path, partition_column: str | None
) -> ExportedTable:
    """COPY one table to target/ (a folder of Parquet files, by month if partition_column)."""
    select = f"select {_select_list(con, table)} from {table}"
    if partition_column:
        select = (
            f"select *, date_trunc('month', \"{partition_column}\")::date as {PARTITION_NAME} from ({select})"
        )
        options = f"format parquet, partition_by ({PARTITION_NAME}), filename_pattern 'part_{{i}}'"
    else:
        options = "format parquet, per_thread_output false"
        target.mkdir(parents=True)
        target = target / "part_0.parquet"
    con.execute(f"copy ({select}) to {sql_string(str(target))} ({options})")
    rows = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    return ExportedTable(table, rows, partition_column)


def local_target(to: str | Path) -> Path:
    """The local folder ``--to`` names (a plain path or a file: URI); ExportError for another URI:
    DuckDB here has no httpfs, so the export is written locally and then copied."""
    text = str(to)
    folder = local_path(text)
    if folder is None:
        raise ExportError(
            f"export-raw writes a local or mounted folder, not a {scheme(text)}: URI ({text}): this DuckDB "
            "has no object-store or HDFS access (no httpfs). Write to a local folder, then copy it to "
            "the store (aws s3 sync, azcopy sync, gcloud storage rsync -r, hadoop fs -put, or "
            "hadoop distcp from a folder every node mounts), or mount the store; docs/scaling.md"
        )
    return folder


def export_raw(con: duckdb.DuckDBPyConnection, to: str | Path, replace: bool = False) -> list[ExportedTable]:
    """Write every table the models read under ``to`` (one folder each) and a manifest.

    An existing table folder is an error unless ``replace`` (then that folder is removed first;
    nothing else under ``to`` is touched). ``to``: a local path (or file: URI), see local_target.
    """
    to = local_target(to)
    tables = tables_to_export(con)
    existing = [t for t in tables if (to / t).exists()]
    if existing and not replace:
        raise ExportError(
            f"{to} already holds {', '.join(existing)}: give another folder, or --replace to overwrite them"
        )
    to.mkdir(parents=True, exist_ok=True)
    exported = []
    for table in tables:
        target = to / table
        if target.exists():
            shutil.rmtree(target)
        exported.append(export_table(con, table, target, PARTITION_COLUMNS.get(table)))
    manifest = {
        "tables": {t.name: {"rows": t.rows, "partitioned_by_month_of": t.partition_column} for t in exported},
        "partition": PARTITION_NAME,
        "timestamps": "utc, timezone-naive",
    }
    (to / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return exported


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        COMMAND,
        help="write the raw, map_* and lemma tables as Parquet (raw tables partitioned by month) "
        "for another engine (refresh --engine spark)",
    )
    p.add_argument("--db", type=Path, help="database file (default: env CX_DB or data/cx.duckdb)")
    p.add_argument(
        "--to",
        required=True,
        help="local or mounted folder to write (one sub-folder per table); copy it to an object store after",
    )
    p.add_argument("--replace", action="store_true", help="overwrite table folders already there")


def run(args: argparse.Namespace, db_path: Path) -> int:
    """The command: read-only on the database; one line per table."""
    from core.db import connect

    local_target(args.to)  # a URI is refused before the database is opened
    if not Path(db_path).exists():
        raise ExportError(f"database {db_path} does not exist")
    con = connect(db_path, read_only=True)
    try:
        exported = export_raw(con, args.to, replace=args.replace)
    finally:
        con.close()
    for t in exported:
        by = f" by month of {t.partition_column}" if t.partition_column else ""
        print(f"{t.name}: {t.rows} rows{by}")
    print(f"written to {args.to}")
    return 0
