"""Subcommands users and audit of `python -m pipelines` (registered by pipelines/cli.py).

The command line acts as core.access.cli_actor(): the OS login name with the admin role.
Whoever can write the database file can change it directly anyway, so the CLI trusts them.
"""

from __future__ import annotations

import argparse
import getpass
import json
import sys
from datetime import datetime
from pathlib import Path

from core import audit
from core.access import ROLES, cli_actor
from core.db import connect

COMMANDS = ("users", "audit")


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("users", help="dashboard users of CX_AUTH_MODE=password")
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", type=Path, help="database file (default: env CX_DB or data/cx.duckdb)")
    act = p.add_subparsers(dest="users_command", required=True)
    add = act.add_parser("add", parents=[db], help="add a user (password asked for, or stdin)")
    add.add_argument("name")
    add.add_argument("--role", choices=ROLES, required=True)
    add.add_argument(
        "--password-stdin",
        action="store_true",
        help="read the password from the first line of standard input (scripts)",
    )
    for name in ("disable", "enable"):
        act.add_parser(name, parents=[db], help=f"{name} a user").add_argument("name")
    act.add_parser("list", parents=[db], help="list users")
    pw = act.add_parser("set-password", parents=[db], help="set a user's password (also unlocks)")
    pw.add_argument("name")
    pw.add_argument("--password-stdin", action="store_true")
    role = act.add_parser("set-role", parents=[db], help="change a user's role")
    role.add_argument("name")
    role.add_argument("role", choices=ROLES)

    a = sub.add_parser("audit", help="print the audit log (newest first) or verify its hash chain")
    a.add_argument("--db", type=Path)
    a.add_argument("--since", help="only entries at or after this UTC time (YYYY-MM-DD[ HH:MM])")
    a.add_argument("--kind", help="only this action (sign_in, import, load, rollback, restore, ...)")
    a.add_argument("--limit", type=int, default=200, help="at most this many entries (default 200)")
    a.add_argument("--json", action="store_true", help="one JSON object per line")
    a.add_argument(
        "--verify", action="store_true", help="recompute the hash chain; exit 1 naming the first broken entry"
    )


def _read_password(from_stdin: bool) -> str:
    from pipelines import users

    if from_stdin:
        return sys.stdin.readline().rstrip("\r\n")
    first = getpass.getpass("Password: ")
    if getpass.getpass("Again: ") != first:
        raise users.UserError("the two passwords differ")
    return first


def run(args: argparse.Namespace, db_path: Path) -> int:
    if args.command == "audit":
        return _audit(args, db_path)
    from pipelines import users  # its import computes a dummy scrypt hash (~0.07 s): users commands only

    try:
        return _users(args, db_path)
    except users.UserError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2


def _users(args: argparse.Namespace, db_path: Path) -> int:
    from pipelines import users

    actor, command = cli_actor(), args.users_command
    password = _read_password(args.password_stdin) if command in ("add", "set-password") else ""
    con = connect(db_path)
    try:
        if command == "add":
            user = users.add(con, actor, args.name, args.role, password)
            print(f"added {user.name} ({user.role})")
        elif command in ("disable", "enable"):
            users.set_disabled(con, actor, args.name, command == "disable")
            print(f"{command}d {args.name}")
        elif command == "set-password":
            users.set_password(con, actor, args.name, password)
            print(f"password set for {args.name}")
        elif command == "set-role":
            users.set_role(con, actor, args.name, args.role)
            print(f"{args.name} is now {args.role}")
        else:
            print("name\trole\tstatus\tfailed\tlocked_until\tchanged_at")
            for u in users.list_users(con, actor):
                status = "disabled" if u.disabled else "active"
                locked = f"{u.locked_until:%Y-%m-%d %H:%M}" if u.locked_until else ""
                print(
                    f"{_cell(u.name)}\t{u.role}\t{status}\t{u.failed_count}\t{locked}\t"
                    f"{u.changed_at:%Y-%m-%d %H:%M}"
                )
    finally:
        con.close()
    return 0


def _cell(value: object) -> str:
    """One tab-separated cell: control characters shown escaped, never as line breaks."""
    text = "" if value is None else str(value)
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in text)


def _audit(args: argparse.Namespace, db_path: Path) -> int:
    since = None
    if args.since:
        try:
            since = datetime.fromisoformat(args.since)
        except ValueError:
            print(
                f"error: --since {args.since!r} is not a time like 2026-01-31 or 2026-01-31 08:00",
                file=sys.stderr,
            )
            return 2
    if not Path(db_path).exists():
        print(f"error: database {Path(db_path).name} does not exist", file=sys.stderr)
        return 2
    con = connect(db_path)
    try:
        if args.verify:
            result = audit.verify(con)
            if result.ok:
                print(f"audit log intact: {result.rows} entries; head hash {result.head}")
                return 0
            print(
                f"audit log BROKEN at entry {result.broken_seq}: {result.reason} "
                f"({result.rows - 1} entries before it are intact)",
                file=sys.stderr,
            )
            return 1
        rows = audit.entries(con, cli_actor(), since=since, action=args.kind, limit=args.limit)
    finally:
        con.close()
    if args.json:
        for r in rows:
            print(json.dumps({**r, "logged_at": r["logged_at"].isoformat()}, ensure_ascii=False))
        return 0
    print("seq\tlogged_at_utc\tactor\trole\tvia\taction\tobject\tdetail")
    for r in rows:
        obj = " ".join(x for x in (r["object_kind"], r["object_id"]) if x)
        print(
            f"{r['seq']}\t{r['logged_at']:%Y-%m-%d %H:%M:%S}\t{_cell(r['actor'])}\t{r['role']}\t"
            f"{r['via']}\t{r['action']}\t{_cell(obj)}\t{_cell(r['detail'])}"
        )
    return 0
