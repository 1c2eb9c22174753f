"""Command line: python -m surveys import FILE | map FILE | batches | rollback BATCH_ID | restore BATCH_ID."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from core.access import cli_actor  # the CLI acts as the OS user with the admin role
from core.batch_restore import restore
from core.batch_rollback import rollback
from core.batches import list_batches
from core.db import connect, default_db_path
from core.load_kinds import SURVEYS
from core.metrics import METRICS, ScaleMismatchError
from core.printable import printable
from core.reading import FileRejectedError

# import and map read a file: surveys.importer (numpy, pyarrow), surveys.mapping_file (pydantic,
# yaml) and surveys.summary are imported by those commands, not by --help, batches, rollback or
# restore (tests/test_cli_imports.py)
if TYPE_CHECKING:  # pragma: no cover
    import duckdb

    from surveys.importer import ImportResult, Preview
    from surveys.validate import Validated


def _user_errors() -> tuple[type[Exception], ...]:
    """Errors in the file, the mapping or the options: one line, exit 2."""
    from surveys.mapping_file import MappingFileError

    return (FileRejectedError, MappingFileError, ScaleMismatchError, KeyError, ValueError)


def _message(exc: BaseException, *names: str) -> str:
    """The error's text; the file names in it printed escaped (a newline in a name forges no line)."""
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else str(exc)
    for name in names:
        if name and printable(name) != name:
            text = text.replace(name, printable(name))
    return text


def _rejected(exc: BaseException, args: argparse.Namespace) -> str:
    """'rejected: FILE: reason' with the file and mapping names escaped."""
    name = Path(str(args.file)).name
    mapping = args.mapping.name if args.mapping is not None else ""
    text = _message(exc, name, mapping)
    return f"rejected: {text}" if name in str(exc) else f"rejected: {printable(name)}: {text}"


def _refresh(con: duckdb.DuckDBPyConnection) -> None:
    from core.access import cli_actor
    from pipelines.incremental import describe_refresh
    from pipelines.refresh_gate import refresh_as

    for line in describe_refresh(refresh_as(con, actor=cli_actor())):
        print(line)


def _zone_from(args: argparse.Namespace) -> str:
    """Where an explicit time zone came from, for the output."""
    if args.timezone:
        return "--timezone"
    return f"timezone: in {args.mapping.name}" if args.mapping is not None else "the saved mapping"


def _prepare(args: argparse.Namespace, con: duckdb.DuckDBPyConnection | None) -> Preview:
    """Read the file and settle the mapping: --mapping file (or profile/proposal), then the flags."""
    from surveys.importer import preview_file, survey_limits
    from surveys.mapping_file import apply_metric, fit_to_table, read_mapping_file

    limits = survey_limits(args.max_mb, args.max_rows)  # survey row default: memory bound
    preview = preview_file(args.file, con, args.sheet, getattr(args, "profile", None), limits)
    mapping = preview.mapping
    if args.mapping is not None:
        mapping = fit_to_table(
            read_mapping_file(args.mapping), preview.table, args.mapping.name, preview.path.name
        )
        preview.profile = None
    mapping = apply_metric(mapping, args.metric, args.scale)
    if args.date_format:
        mapping.date_format = args.date_format
    if args.timezone:
        mapping.timezone = args.timezone
    preview.mapping = mapping
    return preview


def _print_preview(preview: Preview, checked: Validated, mapping_file: Path | None) -> None:
    """What was read and decided; text from the file is printed escaped (core.printable)."""
    from surveys.summary import score_preview

    print(f"file: {printable(preview.path.name)}")
    print(f"format: {printable(preview.format_line())}")
    source = (
        f"from {printable(mapping_file.name)}"
        if mapping_file
        else f"profile {printable(preview.profile)}"
        if preview.profile
        else "proposed"
    )
    print(f"mapping ({source}):")
    for line in preview.mapping.describe():
        print(printable(line))
    for header, reason in preview.not_scores.items():
        if header not in preview.mapping.scores:
            print(f"  not a score: {printable(header)} ({printable(reason)})")
    for line in checked.notes():
        print(printable(line))
    for metric in score_preview(checked, preview.mapping):
        print(f"score before import: {printable(metric.describe())}")


def cmd_import(args: argparse.Namespace) -> int:
    from surveys.importer import check, import_preview

    con = connect(args.db)
    try:
        try:
            preview = _prepare(args, con)
            checked = check(
                preview,
                keep_one_of_repeats=args.keep_one_of_repeats,
                zone_from=_zone_from(args),
                release_rows=True,
            )  # memory: rows once
        except _user_errors() as exc:
            print(_rejected(exc, args))
            return 2
        _print_preview(preview, checked, args.mapping)
        result = import_preview(
            con,
            preview,
            valid_rows_only=args.valid_rows_only,
            keep_one_of_repeats=args.keep_one_of_repeats,
            checked=checked,
            actor=cli_actor(),
        )
        return _report(result, con, args)
    finally:
        con.close()


def _report(result: ImportResult, con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    if result.status == "already_imported":
        print(f"already imported as batch {result.batch_id}; nothing changed")
        return 0
    if result.status == "rejected":
        hint = "use --valid-rows-only to import the valid rows"
        if result.checked and result.checked.repeats and not args.keep_one_of_repeats:
            hint += ", --keep-one-of-repeats to import repeated responses once"
        print(
            f"rejected: {len(result.problems)} problem(s) in {result.rows_skipped} row(s); "
            f"nothing was written ({hint})"
        )
        print(result.report_csv(), end="")
        return 1
    print(
        f"imported batch {result.batch_id}: {result.responses_written} responses from "
        f"{result.rows_read} rows ({result.rows_skipped} invalid rows skipped; "
        f"{result.responses_replaced} responses replaced, earlier versions kept for rollback)"
    )
    if result.problems:
        print(result.report_csv(), end="")
    if not args.no_refresh:
        _refresh(con)
        print("dashboard models refreshed")
    return 0


def cmd_map(args: argparse.Namespace) -> int:
    """Print the proposed (or given) mapping as YAML for editing, with comments on what was found."""
    from surveys.importer import check
    from surveys.mapping import ROLES
    from surveys.mapping_file import mapping_to_yaml
    from surveys.summary import score_preview

    try:
        preview = _prepare(args, None)
    except _user_errors() as exc:
        print(_rejected(exc, args), file=sys.stderr)
        return 2
    mapping = preview.mapping
    used = set(mapping.scores) | set(mapping.segments) | {getattr(mapping, r) for r in ROLES}
    comments = [
        f"Survey mapping for {preview.path.name}: {preview.format_line()}",
        f"Edit it, then: python -m surveys import {preview.path.name} --mapping THIS_FILE.yaml",
        "Roles: response_id, customer_id, journey_id, responded_at (required), comment, "
        "channel, touchpoint, language; scores (at least one): metric nps (scale 0-10), "
        "csat (1-5) or ces (1-7); scores are never rescaled",
        "",
    ]
    comments += [f"not a score: {h} ({why})" for h, why in preview.not_scores.items()]
    unused = [h for h in preview.table.headers if h not in used and h not in preview.not_scores]
    if unused:
        comments.append(f"not used: {', '.join(unused)}")
    try:
        checked = check(preview, zone_from=_zone_from(args))
    except _user_errors() as exc:
        comments.append(f"cannot be imported like this yet: {_message(exc)}")
    else:
        comments += checked.notes()
        comments += [f"score with this mapping: {m.describe()}" for m in score_preview(checked, mapping)]
        if checked.problems:
            first = checked.problems[0]
            comments.append(
                f"{len(checked.problems)} row problem(s) with this mapping, e.g. row "
                f"{first.row}, {first.column}: {first.reason}"
            )
    sys.stdout.write(mapping_to_yaml(mapping, comments, table=preview.table))
    return 0


def cmd_batches(args: argparse.Namespace) -> int:
    con = connect(args.db)
    try:
        for b in list_batches(con, SURVEYS):  # names escaped: a tab or newline in them forges no column/line
            print(
                f"{b['batch_id']}\t{b['status']}\t{b['row_count']}\t{b['imported_at']:%Y-%m-%d %H:%M}"
                f"\t{printable(b['imported_by'])}\t{printable(b['source_file'])}"
            )
    finally:
        con.close()
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    con = connect(args.db)
    try:
        try:
            result = rollback(con, args.batch_id, actor=cli_actor(), only=SURVEYS)
        except KeyError as exc:
            print(f"error: {printable(exc.args[0])}", file=sys.stderr)
            return 2
        print(result.message())
        if not result.already_rolled_back and not args.no_refresh:
            _refresh(con)
            print("dashboard models refreshed")
    finally:
        con.close()
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    """Bring back a rolled-back survey batch; a refusal (not rolled back, imported again since,
    changed by a later import) is one line on stderr and exit 2."""
    con = connect(args.db)
    try:
        try:
            result = restore(con, args.batch_id, actor=cli_actor(), only=SURVEYS)
        except (KeyError, ValueError) as exc:
            print(f"error: {printable(exc.args[0])}", file=sys.stderr)
            return 2
        print(result.message())
        if not args.no_refresh:
            _refresh(con)
            print("dashboard models refreshed")
    finally:
        con.close()
    return 0


def _file_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("file", type=Path)
    p.add_argument("--sheet")
    p.add_argument(
        "--mapping",
        type=Path,
        metavar="FILE.yaml",
        help="a survey mapping file (see docs/survey-import.md); else the proposal",
    )
    p.add_argument("--metric", choices=METRICS, help="metric of the single score column")
    p.add_argument(
        "--scale",
        metavar="LOW-HIGH",
        help="scale of the single score column; must be the metric's own, never rescaled",
    )
    p.add_argument(
        "--date-format",
        metavar="F",
        help="mdy, dmy, ymd or a strptime format such as '%%m/%%d/%%Y %%I:%%M:%%S %%p' "
        "(default: decided from the column)",
    )
    p.add_argument(
        "--timezone",
        metavar="ZONE",
        help="zone of times without an offset, e.g. America/Sao_Paulo (default: stated "
        "in the file, else the company's time zone)",
    )
    p.add_argument(
        "--max-mb",
        type=float,
        metavar="MB",
        help="largest file accepted (default env CX_MAX_UPLOAD_MB, else 200)",
    )
    p.add_argument(
        "--max-rows",
        type=int,
        metavar="N",
        help="most data rows accepted (default env CX_MAX_ROWS, else 1500000)",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m surveys", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import", help="import a survey export (CSV or XLSX, also .csv.gz or .zip)")
    _file_options(p)
    p.add_argument("--profile")
    p.add_argument("--valid-rows-only", action="store_true")
    p.add_argument(
        "--keep-one-of-repeats",
        action="store_true",
        help="a response id repeated with the same answer is imported once",
    )
    p.set_defaults(func=cmd_import)
    p = sub.add_parser("map", help="print the proposed mapping as YAML, to edit and use with --mapping")
    _file_options(p)
    p.set_defaults(func=cmd_map)
    sub.add_parser("batches", help="list survey import batches").set_defaults(func=cmd_batches)
    p = sub.add_parser("rollback", help="remove one import batch")
    p.add_argument("batch_id")
    p.set_defaults(func=cmd_rollback)
    p = sub.add_parser("restore", help="bring back a rolled-back import batch exactly as it was")
    p.add_argument("batch_id")
    p.set_defaults(func=cmd_restore)
    for name in ("import", "batches", "rollback", "restore"):
        sp = sub.choices[name]
        sp.add_argument("--db", type=Path, default=default_db_path())
        sp.add_argument("--no-refresh", action="store_true", help="skip the dashboard model refresh")
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run one command; user errors are one line and exit 2. A database in use and unexpected
    errors (one line with an error id, traceback logged) are handled by core.console.run."""
    args = build_parser().parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
