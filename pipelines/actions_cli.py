"""Subcommand `python -m pipelines actions list|add|update|close|history` (registered by
pipelines/cli.py): the action register from a meeting secretary's script.

The command line acts as core.access.cli_actor() (the OS login name, role admin). Bad input is one
line `error: ...` with exit 2.
"""

from __future__ import annotations

import argparse
import sys
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import duckdb

from core.access import PermissionDeniedError, cli_actor
from core.db import connect
from core.metrics import METRICS
from core.printable import printable
from core.safe_cells import safe_csv_text
from pipelines import actions
from pipelines.actions import Action, ActionError

COMMANDS = ("actions",)
LIST_COLUMNS = (
    "action_id",
    "status",
    "due_date",
    "point",
    "metric",
    "owner_function",
    "responsible",
    "title",
)
CSV_COLUMNS = actions.COLUMNS
HISTORY_COLUMNS = ("seq", "changed_at_utc", "changed_by", "field", "old_value", "new_value")
PAST = {"add": "added", "update": "updated", "close": "closed"}
CLEARABLE = ("metric", "responsible", "due_date", "notes", "effective_from")  # "" clears these


def _fields(p: argparse.ArgumentParser, point_required: bool) -> None:
    """The action's fields as options (add: the point and the title are required)."""
    point = p.add_mutually_exclusive_group(required=point_required)
    point.add_argument("--stage", metavar="ID", help="the friction point is this stage")
    point.add_argument("--function", metavar="ID", help="the friction point is this function")
    p.add_argument("--metric", help=f"the metric the action is about: {', '.join(METRICS)}")
    p.add_argument("--title", required=point_required)
    p.add_argument("--owner", metavar="FUNCTION", help="owning function (add: default the point's owner)")
    p.add_argument("--responsible", help="who is responsible (free text)")
    p.add_argument("--due", metavar="YYYY-MM-DD", help="due date")
    p.add_argument("--notes")
    p.add_argument("--effective-from", metavar="YYYY-MM-DD", help="the date the change took effect")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    """Add the actions subcommand and its own subcommands to the pipelines parser."""
    p = sub.add_parser("actions", help="the action register of review meetings (list, add, update, close)")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, help="database file (default: env CX_DB or data/cx.duckdb)")
    act = p.add_subparsers(dest="actions_command", required=True)
    ls = act.add_parser("list", parents=[db], help="list actions, soonest due first")
    ls.add_argument("--function", metavar="ID", help="owned by this function, or on it or one of its stages")
    ls.add_argument("--status", choices=actions.STATUSES)
    ls.add_argument("--overdue", action="store_true", help="open or in progress and due before today")
    ls.add_argument("--format", choices=["table", "csv"], default="table")
    add = act.add_parser("add", parents=[db], help="record a new action; prints its id")
    _fields(add, point_required=True)
    add.add_argument("--status", choices=actions.STATUSES, default="open")
    upd = act.add_parser("update", parents=[db], help="change fields of an action ('' clears one)")
    upd.add_argument("action_id")
    _fields(upd, point_required=False)
    upd.add_argument("--status", choices=actions.STATUSES)
    close = act.add_parser("close", parents=[db], help="mark an action done or dropped")
    close.add_argument("action_id")
    close.add_argument("--status", choices=actions.CLOSED_STATUSES, default="done")
    close.add_argument("--effective-from", metavar="YYYY-MM-DD")
    close.add_argument("--notes")
    act.add_parser("history", parents=[db], help="every change of an action").add_argument("action_id")


def run(args: argparse.Namespace, db_path: Path) -> int:
    """Run `actions ...`; returns the exit code."""
    if not Path(db_path).exists():
        print(f"error: database {Path(db_path).name} does not exist", file=sys.stderr)
        return 2
    command = args.actions_command
    con = connect(db_path, read_only=command in ("list", "history"))
    try:
        if command == "list":
            return _list(con, args)
        if command == "history":
            return _history(con, args.action_id)
        return _write(con, args)
    except (ActionError, PermissionDeniedError) as exc:
        print(f"error: {printable(exc)}", file=sys.stderr)
    except KeyError as exc:
        print(f"error: {printable(exc.args[0])}", file=sys.stderr)
    finally:
        con.close()
    return 2


def _changes(args: argparse.Namespace) -> dict[str, Any]:
    """The fields given on the command line, as update_action's keywords."""
    given = {
        "metric": args.metric,
        "title": args.title,
        "owner_function": args.owner,
        "responsible": args.responsible,
        "due_date": args.due,
        "notes": args.notes,
        "effective_from": args.effective_from,
        "status": args.status,
    }
    if args.stage is not None or args.function is not None:
        given["point_kind"] = "stage" if args.stage is not None else "function"
        given["point_key"] = args.stage if args.stage is not None else args.function
    out = {k: v for k, v in given.items() if v is not None}
    return {k: (None if k in CLEARABLE and v == "" else v) for k, v in out.items()}


def _write(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    actor, command = cli_actor(), args.actions_command
    if command == "close":
        done = actions.close_action(
            con,
            args.action_id,
            actor=actor,
            status=args.status,
            effective_from=actions.as_date(args.effective_from, "effective_from"),
            notes=args.notes,
        )
    elif command == "update":
        done = actions.update_action(con, args.action_id, actor=actor, **_changes(args))
    else:
        fields = _changes(args)
        owner = fields.pop("owner_function", None)
        owner = owner or actions.default_owner(con, fields["point_kind"], fields["point_key"])
        done = actions.add_action(con, actor=actor, owner_function=owner, **fields)
    print(f"{PAST[command]} {_summary(done)}")
    return 0


def _summary(a: Action) -> str:
    due = f", due {a.due_date}" if a.due_date else ""
    return f"{a.action_id} ({a.status}{due}): {a.point_kind} {a.point_key}, owner {a.owner_function}"


def today_in_company_zone(con: duckdb.DuckDBPyConnection) -> date:
    """Today's date in the company's time zone (the journey map's settings.timezone)."""
    from pipelines.journey_map_store import company_timezone  # pydantic and yaml: --overdue only

    return datetime.now(ZoneInfo(company_timezone(con))).date()


def _list(con: duckdb.DuckDBPyConnection, args: argparse.Namespace) -> int:
    rows = actions.list_actions(
        con,
        function=args.function,
        status=args.status,
        overdue_on=today_in_company_zone(con) if args.overdue else None,
    )
    if args.format == "csv":
        sys.stdout.write(safe_csv_text(([getattr(a, c) for c in CSV_COLUMNS] for a in rows), CSV_COLUMNS))
        return 0
    print("\t".join(LIST_COLUMNS))
    for a in rows:
        cells = [a.action_id, a.status, a.due_date, f"{a.point_kind} {a.point_key}", a.metric]
        cells += [a.owner_function, a.responsible, a.title]
        print("\t".join(printable(c) for c in cells))
    return 0


def _history(con: duckdb.DuckDBPyConnection, action_id: str) -> int:
    changes = actions.action_history(con, action_id)
    print("\t".join(HISTORY_COLUMNS))
    for c in changes:
        cells = [c.seq, f"{c.changed_at:%Y-%m-%d %H:%M:%S}", c.changed_by, c.field, c.old_value, c.new_value]
        print("\t".join(printable(v) for v in cells))
    return 0
