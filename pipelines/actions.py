"""The action register of the review meetings (tables actions, action_changes, review_meetings).

An action belongs to a friction point (a stage or a function of the journey map in effect, and
optionally one metric). Every write needs Permission.MANAGE_ACTIONS, runs in one
core.transaction.write_transaction with its core.audit entry, and logs each changed field with
its old and new text in action_changes. Times are naive UTC. Text fields are stored as given
(stripped, length-capped) and never interpreted: pages show them as plain text.
"""

from __future__ import annotations

import uuid
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date, datetime
from typing import Any

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.db import table_exists
from core.metrics import METRICS, Metric
from core.transaction import write_transaction
from pipelines.action_values import (
    ALL_FUNCTIONS,
    CLOSED_STATUSES,
    MAX_LENGTH,
    OPEN_STATUSES,
    POINT_KINDS,
    STATUSES,
    ActionError,
    ActionStatus,
    PointKind,
    as_date,
    check_function,
    check_point,
    choice,
    clean_text,
    default_owner,
    ensure_tables,
    journey_map,
    text_form,
)
from pipelines.review_meetings import previous_review, record_review, reviews

__all__ = [
    "ALL_FUNCTIONS",
    "CLOSED_STATUSES",
    "MAX_LENGTH",
    "OPEN_STATUSES",
    "POINT_KINDS",
    "STATUSES",
    "Action",
    "ActionChange",
    "ActionError",
    "ActionStatus",
    "PointKind",
    "action_history",
    "add_action",
    "as_date",
    "close_action",
    "default_owner",
    "ensure_tables",
    "get_action",
    "journey_map",
    "list_actions",
    "previous_review",
    "record_review",
    "reviews",
    "update_action",
]


@dataclass(frozen=True)
class Action:
    action_id: str
    point_kind: PointKind
    point_key: str
    metric: Metric | None
    title: str
    owner_function: str
    responsible: str | None
    due_date: date | None
    status: ActionStatus
    notes: str | None
    effective_from: date | None
    created_at: datetime
    created_by: str
    updated_at: datetime
    updated_by: str


@dataclass(frozen=True)
class ActionChange:
    action_id: str
    seq: int
    changed_at: datetime
    changed_by: str
    field: str  # a column of actions, or 'created'
    old_value: str | None
    new_value: str | None


COLUMNS = tuple(f.name for f in fields(Action))
EDITABLE = COLUMNS[1:11]  # point_kind .. effective_from
CHANGE_COLUMNS = tuple(f.name for f in fields(ActionChange))


def _clean(values: Mapping[str, Any]) -> dict[str, Any]:
    """The editable fields validated and normalised, ids not yet checked (all of EDITABLE given)."""
    return {
        "point_kind": choice(values["point_kind"], "point_kind", POINT_KINDS),
        "point_key": values["point_key"],
        "metric": choice(values["metric"], "metric", METRICS, optional=True),
        "title": clean_text(values["title"], "title", required=True),
        "owner_function": values["owner_function"],
        "responsible": clean_text(values["responsible"], "responsible"),
        "due_date": as_date(values["due_date"], "due_date"),
        "status": choice(values["status"], "status", STATUSES),
        "notes": clean_text(values["notes"], "notes"),
        "effective_from": as_date(values["effective_from"], "effective_from"),
    }


def _check_ids(con: duckdb.DuckDBPyConnection, values: Mapping[str, Any], changed: Iterable[str]) -> None:
    """The point and owning function against the journey map in effect, when they change (an
    action whose stage left the map can still be closed)."""
    changed = set(changed)
    if changed & {"point_kind", "point_key", "owner_function"}:
        jm = journey_map(con)
        if changed & {"point_kind", "point_key"}:
            check_point(jm, values["point_kind"], values["point_key"])
        if "owner_function" in changed:
            check_function(jm, values["owner_function"])


# --- reading --------------------------------------------------------------------------------


def get_action(con: duckdb.DuckDBPyConnection, action_id: str) -> Action:
    """One action; KeyError if there is none with this id."""
    rows = (
        con.execute(f"select {', '.join(COLUMNS)} from actions where action_id = ?", [action_id]).fetchall()
        if table_exists(con, "actions")
        else []
    )
    if not rows:
        raise KeyError(f"no action {action_id!r}")
    return Action(*rows[0])


def _statuses(status: ActionStatus | Iterable[ActionStatus] | None) -> list[str]:
    if status is None:
        return []
    wanted = [status] if isinstance(status, str) else list(status)
    return [choice(s, "status", STATUSES) for s in wanted]


def list_actions(
    con: duckdb.DuckDBPyConnection,
    *,
    function: str | None = None,
    status: ActionStatus | Iterable[ActionStatus] | None = None,
    point_kind: PointKind | None = None,
    point_key: str | None = None,
    overdue_on: date | None = None,
) -> list[Action]:
    """Actions, soonest due first. `function`: owned by it, or whose point is that function or
    one of its stages; `status`: one status or several; `overdue_on`: open or in progress with a
    due date before that day."""
    if not table_exists(con, "actions"):
        return []
    where, params = ["true"], []
    if function is not None:
        stages = [s.id for s in journey_map(con).stages if s.owner == function]
        where.append(
            "(owner_function = ? or (point_kind = 'function' and point_key = ?)"
            " or (point_kind = 'stage' and list_contains(?::varchar[], point_key)))"
        )
        params += [function, function, stages]
    if statuses := _statuses(status):
        where.append("list_contains(?::varchar[], status)")
        params.append(statuses)
    if point_kind is not None:
        where.append("point_kind = ?")
        params.append(choice(point_kind, "point_kind", POINT_KINDS))
    if point_key is not None:
        where.append("point_key = ?")
        params.append(point_key)
    if overdue_on is not None:
        where.append("due_date < ? and list_contains(?::varchar[], status)")
        params += [as_date(overdue_on, "overdue_on"), list(OPEN_STATUSES)]
    sql = (
        f"select {', '.join(COLUMNS)} from actions where {' and '.join(where)} "
        "order by due_date nulls last, created_at, action_id"
    )
    return [Action(*row) for row in con.execute(sql, params).fetchall()]


def action_history(con: duckdb.DuckDBPyConnection, action_id: str) -> list[ActionChange]:
    """Every change of one action, oldest first; KeyError if the action does not exist."""
    get_action(con, action_id)
    rows = con.execute(
        f"select {', '.join(CHANGE_COLUMNS)} from action_changes where action_id = ? order by seq",
        [action_id],
    ).fetchall()
    return [ActionChange(*row) for row in rows]


# --- writing --------------------------------------------------------------------------------


def _log_changes(
    con: duckdb.DuckDBPyConnection, action_id: str, at: datetime, who: str, rows: list[tuple]
) -> None:
    """Append (field, old, new) rows to action_changes with the next sequence numbers."""
    last = con.execute("select coalesce(max(seq), 0) from action_changes where action_id = ?", [action_id])
    seq = last.fetchall()[0][0]
    con.executemany(
        "insert into action_changes values (?, ?, ?, ?, ?, ?, ?)",
        [(action_id, seq + i, at, who, f, old, new) for i, (f, old, new) in enumerate(rows, start=1)],
    )


def add_action(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    point_kind: PointKind,
    point_key: str,
    title: str,
    owner_function: str,
    metric: Metric | None = None,
    responsible: str | None = None,
    due_date: date | None = None,
    status: ActionStatus = "open",
    notes: str | None = None,
    effective_from: date | None = None,
) -> Action:
    """Record a new action; its history starts with one 'created' row (new_value: the title)."""
    require(actor, Permission.MANAGE_ACTIONS)
    values = _clean(
        {
            "point_kind": point_kind,
            "point_key": point_key,
            "metric": metric,
            "title": title,
            "owner_function": owner_function,
            "responsible": responsible,
            "due_date": due_date,
            "status": status,
            "notes": notes,
            "effective_from": effective_from,
        }
    )
    _check_ids(con, values, EDITABLE)
    ensure_tables(con)
    action_id, at = f"A-{uuid.uuid4().hex[:8]}", audit.utc_now()
    with write_transaction(con):
        con.execute(
            f"insert into actions ({', '.join(COLUMNS)}) values ({', '.join('?' * len(COLUMNS))})",
            [action_id, *values.values(), at, actor.name, at, actor.name],
        )
        _log_changes(con, action_id, at, actor.name, [("created", None, values["title"])])
        point = f"{values['point_kind']} {values['point_key']}"
        audit.record(
            con, actor, "action_add", "action", action_id, {"point": point, "status": values["status"]}
        )
    return get_action(con, action_id)


def _apply(
    con: duckdb.DuckDBPyConnection,
    action_id: str,
    actor: Actor,
    changes: Mapping[str, Any],
    audit_action: str,
) -> Action:
    """Validate `changes` against the stored action and write the fields that differ."""
    unknown = sorted(set(changes) - set(EDITABLE))
    if unknown:
        raise ActionError(f"{unknown[0]}: not a field that can be changed; use {', '.join(EDITABLE)}")
    with write_transaction(con):  # read, compare and write under the write lock: no lost update
        old = get_action(con, action_id)
        current = {f: getattr(old, f) for f in EDITABLE}
        new = _clean({**current, **changes})
        changed = [f for f in EDITABLE if new[f] != current[f]]
        if not changed:
            return old
        _check_ids(con, new, changed)
        at = audit.utc_now()
        sets = ", ".join(f"{f} = ?" for f in changed)
        con.execute(
            f"update actions set {sets}, updated_at = ?, updated_by = ? where action_id = ?",
            [*(new[f] for f in changed), at, actor.name, action_id],
        )
        rows = [(f, text_form(current[f]), text_form(new[f])) for f in changed]
        _log_changes(con, action_id, at, actor.name, rows)
        audit.record(
            con, actor, audit_action, "action", action_id, {"fields": changed, "status": new["status"]}
        )
    return get_action(con, action_id)


def update_action(con: duckdb.DuckDBPyConnection, action_id: str, *, actor: Actor, **changes: Any) -> Action:
    """Change any editable fields (None clears an optional one); only changed fields are logged,
    and nothing is written when nothing changes."""
    require(actor, Permission.MANAGE_ACTIONS)
    return _apply(con, action_id, actor, changes, "action_update")


def close_action(
    con: duckdb.DuckDBPyConnection,
    action_id: str,
    *,
    actor: Actor,
    status: ActionStatus = "done",
    effective_from: date | None = None,
    notes: str | None = None,
) -> Action:
    """Mark an action done or dropped, optionally with the date it took effect and new notes
    (None keeps the stored ones)."""
    require(actor, Permission.MANAGE_ACTIONS)
    changes: dict[str, Any] = {"status": choice(status, "status", CLOSED_STATUSES)}
    if effective_from is not None:
        changes["effective_from"] = effective_from
    if notes is not None:
        changes["notes"] = notes
    return _apply(con, action_id, actor, changes, "action_close")
