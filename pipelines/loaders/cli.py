"""Subcommands load, batches, rollback and restore of `python -m pipelines` (registered by
pipelines/cli.py)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.access import cli_actor  # the CLI acts as the OS user with the admin role
from core.batch_restore import restore
from core.batch_rollback import rollback
from core.batches import list_batches
from core.db import connect
from core.load_kinds import BATCH_KINDS
from core.printable import one_line, printable
from core.reading import Limits
from core.timezones import zone_problem
from pipelines.loaders.targets import KINDS
from pipelines.loaders.zones import SOURCES

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.loaders.checks import ColumnMatch

COMMANDS = ("load", "batches", "rollback", "restore")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add the load, batches, rollback and restore subcommands to the pipelines parser."""
    kinds = f"{', '.join(list(KINDS)[:-1])} or {list(KINDS)[-1]}"
    load = sub.add_parser(
        "load", help=f"load a {kinds} export (CSV, XLSX, Parquet; also as .gz or a .zip holding one file)"
    )
    load.add_argument("kind", choices=list(KINDS))
    load.add_argument("file", type=Path)
    load.add_argument("--mapping", type=Path, help="column mapping file (YAML, see docs/loading.md)")
    load.add_argument("--sheet", help="XLSX sheet (default: the mapping's sheet, else the first)")
    load.add_argument(
        "--timezone",
        metavar="ZONE",
        help="time zone of times without an offset, e.g. America/Sao_Paulo (default: "
        "the mapping's timezone, else the company's time zone of the journey "
        "map); times are stored in UTC",
    )
    load.add_argument("--db", type=Path)
    load.add_argument(
        "--valid-rows-only",
        action="store_true",
        help="load the valid rows of a file with problems (the rest are reported)",
    )
    load.add_argument("--no-refresh", action="store_true", help="skip the model refresh")
    load.add_argument(
        "--max-mb",
        type=float,
        metavar="MB",
        help="largest file accepted (default env CX_MAX_UPLOAD_MB, else 200)",
    )
    load.add_argument(
        "--max-rows",
        type=int,
        metavar="N",
        help="most data rows accepted (default env CX_MAX_ROWS, else 2000000)",
    )
    batches = sub.add_parser("batches", help="list import batches")
    batches.add_argument("--kind", choices=BATCH_KINDS)
    batches.add_argument("--db", type=Path)
    rollback = sub.add_parser("rollback", help="remove one import batch (restoring rows it replaced)")
    rollback.add_argument("batch_id")
    rollback.add_argument("--db", type=Path)
    rollback.add_argument("--no-refresh", action="store_true", help="skip the model refresh")
    back = sub.add_parser(
        "restore",
        help="bring back a rolled-back import batch exactly as it was (refused when later imports "
        "changed its rows)",
    )
    back.add_argument("batch_id")
    back.add_argument("--db", type=Path)
    back.add_argument("--no-refresh", action="store_true", help="skip the model refresh")


def run(args: argparse.Namespace, db_path: Path) -> int:
    """Run one of COMMANDS; returns the exit code."""
    if args.command == "load":
        return _load(args, db_path)
    con = connect(db_path)
    try:
        if args.command == "batches":
            return _batches(con, args.kind)
        if args.command == "restore":
            return _restore(con, args)
        return _rollback(con, args)
    finally:
        con.close()


def describe_column(m: ColumnMatch) -> str:
    if m.how in ("mapping", "auto"):
        return f"  {m.target:<24} <- {m.source!r}" + (" (found by name)" if m.how == "auto" else "")
    if m.how in ("constant", "default"):
        return f"  {m.target:<24} =  {m.constant!r} ({m.how})"
    if m.how == "generated":
        return f"  {m.target:<24} =  hash of customer, journey, activity and time (no id column)"
    return f"  {m.target:<24}    not in the file" + (f" (mapped to {m.source!r})" if m.source else "")


def _load(args: argparse.Namespace, db_path: Path) -> int:
    """stdout carries the problem report (CSV) when there is one, else the one-line summary;
    everything else goes to stderr."""
    from pipelines.loaders.load import load_file  # pandas and pyarrow: imported by `load` only
    from pipelines.loaders.mapping import LoadMapping, MappingError  # pydantic, yaml

    try:
        mapping = LoadMapping.from_yaml(args.mapping, args.kind) if args.mapping else None
        limits = Limits.from_env(args.max_mb, args.max_rows)
        if args.timezone is not None and zone_problem(args.timezone):
            raise ValueError(f"--timezone: {zone_problem(args.timezone)}")
    except (MappingError, ValueError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    con = connect(db_path)
    con.execute("set enable_progress_bar = false")  # stdout/stderr carry the report
    try:
        try:
            result = load_file(
                con,
                args.kind,
                args.file,
                mapping=mapping,
                sheet=args.sheet,
                valid_rows_only=args.valid_rows_only,
                limits=limits,
                timezone=args.timezone,
                actor=cli_actor(),
            )
        except MappingError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
        if _file_refused(result):  # the file as a whole (not found, too large, unreadable): one line
            _info(f"rejected: {one_line(printable(result.problems[0].reason))}")
            return 2
        how = ", ".join(x for x in (result.format, result.compressed) if x)
        _info(f"file: {printable(args.file.name)}{f' ({printable(how)})' if how else ''} as {args.kind}")
        if result.timezone and result.status != "already_imported":
            _info(
                f"times without an offset are in {result.timezone} "
                f"({SOURCES[result.timezone_source]}); stored as UTC"
            )
        if result.columns:
            _info("columns:\n" + "\n".join(describe_column(m) for m in result.columns))
        for note in result.notes:
            _info(f"note: {printable(note)}")
        if result.status == "already_imported":
            print(f"already imported as batch {result.batch_id} (same file contents); nothing changed")
            return 0
        if result.status == "rejected":
            rows = f" in {result.rows_skipped} of {result.rows_read} row(s)" if result.rows_read else ""
            _info(
                f"rejected: {result.problem_count} problem(s){rows}; nothing was written"
                + (
                    ""
                    if args.valid_rows_only
                    else " (fix the file or mapping, or use --valid-rows-only to load the valid rows)"
                )
            )
            print(result.report_csv(), end="")
            return 1
        summary = (
            f"loaded batch {result.batch_id}: {result.rows_written} rows written "
            f"({result.rows_replaced} existing rows replaced) from {result.rows_read} rows, "
            f"{result.rows_skipped} invalid rows skipped, {result.seconds} s"
        )
        if result.problems:
            _info(summary)
            print(result.report_csv(), end="")
        else:
            print(summary)
        if not args.no_refresh:
            _refresh(con)
        return 0
    finally:
        con.close()


def _info(text: str) -> None:
    print(text, file=sys.stderr)


def _file_refused(result) -> bool:
    """A rejection of the whole file: one problem, on no row (row 0), and no row read."""
    return (
        result.status == "rejected"
        and not result.rows_read
        and len(result.problems) == 1
        and result.problems[0].row == 0
    )


def _refresh(con) -> None:
    """The same refresh as `python -m pipelines refresh` (incremental after a load, full after a
    rollback)."""
    from core.access import cli_actor
    from pipelines.incremental import describe_refresh
    from pipelines.refresh_gate import refresh_as

    for line in describe_refresh(refresh_as(con, actor=cli_actor())):
        _info(line)


def _batches(con, kind: str | None) -> int:
    print("batch_id\tkind\tstatus\trows\timported_at\timported_by\tsource_file")
    for b in list_batches(con, kind):  # names escaped: a tab or newline in them forges no column/line
        print(
            f"{b['batch_id']}\t{b['kind']}\t{b['status']}\t{b['row_count']}\t"
            f"{b['imported_at']:%Y-%m-%d %H:%M:%S}\t{printable(b['imported_by'] or '')}\t"
            f"{printable(b['source_file'] or '')}"
        )
    return 0


def _rollback(con, args: argparse.Namespace) -> int:
    try:
        done = rollback(con, args.batch_id, actor=cli_actor())
    except (KeyError, ValueError) as exc:
        print(f"error: {printable(exc.args[0])}", file=sys.stderr)
        return 2
    print(done.message())
    if not args.no_refresh and not done.already_rolled_back:
        _refresh(con)
    return 0


def _restore(con, args: argparse.Namespace) -> int:
    """Undo a rollback (core.batch_restore.restore); a refusal is one line on stderr and exit 2."""
    try:
        done = restore(con, args.batch_id, actor=cli_actor())
    except (KeyError, ValueError) as exc:
        print(f"error: {printable(exc.args[0])}", file=sys.stderr)
        return 2
    print(done.message())
    if not args.no_refresh:
        _refresh(con)
    return 0
