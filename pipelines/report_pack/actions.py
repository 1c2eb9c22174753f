"""The pack's action rows: the register (pipelines.actions) and, when it exists, each action's
"did it work" verdict (pipelines.action_effect)."""

from __future__ import annotations

from datetime import date
from typing import Any

import duckdb

from pipelines.report_pack.model import ActionRow

OPEN_STATUSES = ("open", "in_progress")


def _effect(con: duckdb.DuckDBPyConnection, action: Any) -> dict[str, Any]:
    """verdict, headline measure and its change with CI (change blank when n is too small)."""
    try:
        from pipelines.action_effect import action_effect
    except ImportError:  # the did-it-work module is not installed in this build
        return {}
    comparison = action_effect(con, action)
    if comparison is None:
        return {}
    wanted = "score_gap" if action.metric else "friction_rate"
    headline = next(
        (
            m
            for m in comparison.measures
            if m.measure == wanted and (wanted != "score_gap" or m.metric == action.metric)
        ),
        None,
    )
    out: dict[str, Any] = {"verdict": comparison.verdict}
    if headline is not None:
        out["measure"] = headline.measure
        if headline.verdict != "too_few":
            out.update(change=headline.change, change_low=headline.ci_low, change_high=headline.ci_high)
    return out


def action_rows(
    con: duckdb.DuckDBPyConnection,
    scope: str,
    as_of: date,
    stage_names: dict[str, str],
    function_names: dict[str, str],
) -> tuple[list[ActionRow], bool]:
    """The actions of the scope ('all' or a function id), soonest due first, and whether the
    database has an action register at all."""
    try:
        from pipelines.actions import list_actions
    except ImportError:  # the action register is not installed in this build
        return [], False
    from core.db import table_exists

    if not table_exists(con, "actions"):
        return [], False
    actions = list_actions(con, function=None if scope == "all" else scope)
    rows = []
    for a in actions:
        names = stage_names if a.point_kind == "stage" else function_names
        effect = _effect(con, a)
        rows.append(
            ActionRow(
                action_id=a.action_id,
                title=a.title,
                point_kind=a.point_kind,
                point_key=a.point_key,
                point_name=names.get(a.point_key, a.point_key),
                metric=a.metric,
                owner_function=a.owner_function,
                owner_name=function_names.get(a.owner_function, a.owner_function),
                responsible=a.responsible,
                due_date=a.due_date,
                status=a.status,
                overdue=a.due_date is not None and a.due_date < as_of and a.status in OPEN_STATUSES,
                effective_from=a.effective_from,
                notes=a.notes,
                verdict=effect.get("verdict"),
                measure=effect.get("measure"),
                change=effect.get("change"),
                change_low=effect.get("change_low"),
                change_high=effect.get("change_high"),
            )
        )
    return rows, True
