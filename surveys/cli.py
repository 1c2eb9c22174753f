"""Command line: python -m surveys import FILE | batches | rollback BATCH_ID."""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from pipelines.db import connect, default_db_path
from surveys.importer import import_preview, list_batches, preview_file, rollback
from surveys.metrics import ScaleMismatchError
from surveys.reading import FileRejectedError, Limits


def _refresh(con) -> None:
    from pipelines.incremental import refresh_changed
    refresh_changed(con)


def cmd_import(args: argparse.Namespace) -> int:
    con = connect(args.db)
    try:
        try:
            limits = Limits.from_env(args.max_mb, args.max_rows)
        except ValueError as exc:
            print(f"rejected: {exc}")
            return 2
        try:
            preview = preview_file(args.file, con, args.sheet, args.profile, limits)
        except (FileRejectedError, KeyError) as exc:
            print(f"rejected: {exc.args[0] if isinstance(exc, KeyError) else exc}")
            return 2
        print(f"file: {preview.path.name}")
        print(f"format: {preview.table.format}"
              + (f" (sheet {preview.raw.sheet!r} of {', '.join(preview.raw.sheets)})"
                 if preview.raw.sheet else f" (encoding {preview.raw.encoding}, "
                                           f"delimiter {preview.raw.delimiter!r})"))
        print("mapping" + (f" (profile {preview.profile})" if preview.profile else " (proposed)") + ":")
        print("\n".join(preview.mapping.describe()))
        try:
            result = import_preview(con, preview, valid_rows_only=args.valid_rows_only)
        except (ScaleMismatchError, KeyError, ValueError) as exc:
            print(f"rejected: {preview.path.name}: {exc}")
            return 2
        if result.status == "already_imported":
            print(f"already imported as batch {result.batch_id}; nothing changed")
            return 0
        if result.status == "rejected":
            print(f"rejected: {len(result.problems)} problem(s) in {result.rows_skipped} row(s); "
                  "nothing was written (use --valid-rows-only to import the valid rows)")
            print(result.report_csv(), end="")
            return 1
        print(f"imported batch {result.batch_id}: {result.responses_written} responses from "
              f"{result.rows_read} rows ({result.rows_skipped} invalid rows skipped; "
              f"{result.responses_replaced} responses replaced, earlier versions kept for rollback)")
        if result.problems:
            print(result.report_csv(), end="")
        if not args.no_refresh:
            _refresh(con)
            print("dashboard models refreshed")
        return 0
    finally:
        con.close()


def cmd_batches(args: argparse.Namespace) -> int:
    con = connect(args.db)
    try:
        for b in list_batches(con):
            print(f"{b['batch_id']}\t{b['status']}\t{b['row_count']}\t{b['imported_at']:%Y-%m-%d %H:%M}"
                  f"\t{b['imported_by']}\t{b['source_file']}")
    finally:
        con.close()
    return 0


def cmd_rollback(args: argparse.Namespace) -> int:
    con = connect(args.db)
    try:
        try:
            result = rollback(con, args.batch_id)
        except KeyError as exc:
            print(exc.args[0])
            return 1
        print(result.message())
        if not result.already_rolled_back and not args.no_refresh:
            _refresh(con)
            print("dashboard models refreshed")
    finally:
        con.close()
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m surveys", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("import", help="import a survey export (CSV or XLSX)")
    p.add_argument("file", type=Path)
    p.add_argument("--sheet")
    p.add_argument("--profile")
    p.add_argument("--valid-rows-only", action="store_true")
    p.add_argument("--max-mb", type=float, metavar="MB",
                   help="largest file accepted (default env CX_MAX_UPLOAD_MB, else 200)")
    p.add_argument("--max-rows", type=int, metavar="N",
                   help="most data rows accepted (default env CX_MAX_ROWS, else 2000000)")
    p.set_defaults(func=cmd_import)
    sub.add_parser("batches", help="list survey import batches").set_defaults(func=cmd_batches)
    p = sub.add_parser("rollback", help="remove one import batch")
    p.add_argument("batch_id")
    p.set_defaults(func=cmd_rollback)
    for name in ("import", "batches", "rollback"):
        sp = sub.choices[name]
        sp.add_argument("--db", type=Path, default=default_db_path())
        sp.add_argument("--no-refresh", action="store_true", help="skip the dashboard model refresh")
    args = parser.parse_args(argv)
    return args.func(args)


if __name__ == "__main__":
    sys.exit(main())
