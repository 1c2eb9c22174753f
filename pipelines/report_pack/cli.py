"""`python -m pipelines report pack`: the meeting pack to a file (wired into pipelines/cli.py)."""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

from core.db import connect
from pipelines.report_pack import FORMATS, PdfUnavailableError, write_pack

FRICTION_FORMATS = ("json", "csv")


def add_arguments(report: argparse.ArgumentParser) -> None:
    """The pack's options on the `report` sub-command."""
    pack = report.add_argument_group("report pack (the review meeting's pack)")
    pack.add_argument("--function", default="all", help="a function id of the journey map, or all (default)")
    pack.add_argument(
        "--period",
        help="FROM..TO in months (2026-05..2026-10; a day picks its month); default: the latest 6 months",
    )
    pack.add_argument("--lang", choices=["fi", "en"], default="en")
    pack.add_argument("--out", type=Path, help="the file to write (required for pack)")


def run_pack(args: argparse.Namespace, db_path: Path) -> int:
    """Write the pack; errors are one line on stderr, exit 2."""
    fmt = args.format or (args.out.suffix.lstrip(".").lower() if args.out else "")
    if fmt not in FORMATS:
        print(
            f"error: report pack needs --format {'|'.join(FORMATS)} (or an --out file ending in one)",
            file=sys.stderr,
        )
        return 2
    if args.out is None:
        print("error: report pack needs --out FILE", file=sys.stderr)
        return 2
    from pipelines.report_pack.build import PackError, build_pack, parse_period  # pandas

    try:
        period = parse_period(args.period) if args.period else None
        started = time.perf_counter()
        con = connect(db_path, read_only=True)
        try:
            pack = build_pack(con, args.function, period, args.lang)
        finally:
            con.close()
        size = write_pack(pack, fmt, args.out)
    except (PackError, PdfUnavailableError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    print(
        f"wrote {args.out} ({fmt}, {size:,} bytes; {pack.scope_name}, "
        f"{pack.start:%Y-%m}..{pack.end:%Y-%m}, {len(pack.functions)} function(s), "
        f"{len(pack.actions)} action(s)) in {time.perf_counter() - started:.1f} s"
    )
    return 0
