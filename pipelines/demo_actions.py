"""The demo company's two planted actions of its review meetings, and their truth.

One fix really removes a friction from its effective date: IT fixes the login service, and no
login of a journey started from that date fails (before it ~12 % do), nor does anyone contact
customer service about it. Login failures move no score (the demo's no-effect friction), and the
fix is applied after everything is drawn, so all other data is the same draw as without it. The other
action changes nothing: refunds are promised to be faster, while ~10 % of them stay late.
tests/test_demo_truth.py checks that pipelines.action_effect recovers both verdicts.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

import duckdb

from core.access import Actor
from core.transaction import write_transaction
from pipelines.actions import ActionError, add_action, default_owner, ensure_tables
from pipelines.demo_contacts import R as REASON
from pipelines.demo_journeys import ACT

DEMO_ACTOR = Actor("demo", "admin", "local")  # created_by 'demo'


@dataclass(frozen=True)
class PlantedAction:
    point_kind: Literal["stage", "function"]
    point_key: str
    metric: str | None
    title: str
    responsible: str
    notes: str
    days_before_end: int  # effective_from: this many days before the demo period's end
    expected_verdict: Literal["improved", "no_change"]


LOGIN_FIX = PlantedAction(
    "stage",
    "account",
    None,
    "Fix the login service so that logins no longer fail",
    "IT service manager",
    "Demo: from the effective date no login fails (the generator stops login failures).",
    70,
    "improved",
)
REFUND_PROMISE = PlantedAction(
    "stage",
    "returns",
    None,
    "Remind the returns team of the five-day refund promise",
    "Returns team lead",
    "Demo: refunds stay late as often as before (the generator changes nothing).",
    84,
    "no_change",
)
PLANTED = (LOGIN_FIX, REFUND_PROMISE)


def effective_date(action: PlantedAction, end: dt.date) -> dt.date:
    """The day the action took effect; `end` is the first day after the demo period."""
    return end - dt.timedelta(days=action.days_before_end)


def apply_login_fix(j: dict, events: dict, contacts: dict, fix_at: float) -> tuple[dict, dict]:
    """LOGIN_FIX in one chunk's data: journeys started from `fix_at` (seconds into the period)
    have no failed login and no login_problem contacts. Only flags are cleared and rows dropped,
    so no random draw moves (CSAT answers about a dropped contact stay, as answers do)."""
    fixed = j["t0"] >= fix_at
    events = {
        **events,
        "failed": events["failed"] & ~((events["act"] == ACT["login"]) & fixed[events["jrow"]]),
    }
    keep = ~((contacts["true_reason"] == REASON["login_problem"]) & fixed[contacts["row"]])
    return events, {key: values[keep] for key, values in contacts.items()}


def plant_actions(con: duckdb.DuckDBPyConnection, end: dt.date) -> list[dict]:
    """Replace the demo's earlier planted actions with these two (done, with their effective
    dates) and return their truth for <db>.truth.json. Actions people recorded are kept; a point
    the journey map in effect does not have is left out."""
    ensure_tables(con)
    with write_transaction(con):
        con.execute(
            "delete from action_changes where action_id in "
            "(select action_id from actions where created_by = ?)",
            [DEMO_ACTOR.name],
        )
        con.execute("delete from actions where created_by = ?", [DEMO_ACTOR.name])
    truth = []
    for planted in PLANTED:
        effective = effective_date(planted, end)
        try:
            action = add_action(
                con,
                actor=DEMO_ACTOR,
                point_kind=planted.point_kind,
                point_key=planted.point_key,
                title=planted.title,
                owner_function=default_owner(con, planted.point_kind, planted.point_key),
                metric=planted.metric,
                responsible=planted.responsible,
                due_date=effective,
                status="done",
                notes=planted.notes,
                effective_from=effective,
            )
        except ActionError:  # the journey map in effect has no such point (not the demo's map)
            continue
        truth.append(
            {
                "action_id": action.action_id,
                "point_kind": action.point_kind,
                "point_key": action.point_key,
                "metric": action.metric,
                "effective_from": effective.isoformat(),
                "expected_verdict": planted.expected_verdict,
            }
        )
    return truth
