"""Names and labels of the action register (dashboard/actions_ui.py): the friction point an action
is about, functions and stages by name, statuses, overdue, and today in the company's time zone."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

from core.access import Permission
from dashboard import auth, data, i18n
from dashboard.i18n import t
from pipelines.actions import Action, ActionStatus, PointKind

STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
OPEN: tuple[ActionStatus, ...] = ("open", "in_progress")


@dataclass(frozen=True)
class Point:
    """A friction point: a journey stage or a function, optionally about one metric."""

    kind: PointKind
    key: str
    metric: str | None = None


def can_manage() -> bool:
    return auth.allowed(Permission.MANAGE_ACTIONS)


def function_name(function_id: str) -> str:
    return i18n.name_in(data.filter_options().get("owner_names", {}), function_id)


def stage_name(stage_id: str) -> str:
    return i18n.name_in(data.filter_options().get("stage_names", {}), stage_id)


def point_name(kind: str, key: str) -> str:
    """The stage's or the function's name."""
    return stage_name(key) if kind == "stage" else function_name(key)


def point_label(kind: str, key: str, metric: str | None = None) -> str:
    """'Delivery (stage) · NPS' / 'Logistiikka (toiminto)'."""
    text = t(f"act_point_{kind}", name=point_name(kind, key))
    return f"{text} · {i18n.metric_label(metric)}" if metric else text


def labeller(labels: dict[Any, str]) -> Callable[[Any], str]:
    """A widget's format_func from labels worked out beforehand (a format_func may be called
    where the database is not at hand, e.g. by AppTest)."""
    return lambda value: labels.get(value, str(value))


def function_labels(with_all: bool = False) -> dict[str, str]:
    """Function ids -> names (and 'all' -> 'All functions'), in journey order."""
    out = {"all": t("rv_all_functions")} if with_all else {}
    return out | {f: function_name(f) for f in data.filter_options().get("owners", [])}


def status_label(status: str) -> str:
    return t(f"act_status_{status}") if status in STATUSES else status


def is_overdue(action: Action, today: date) -> bool:
    return action.status in OPEN and action.due_date is not None and action.due_date < today


def today() -> date:
    """Today in the company's time zone."""
    from datetime import datetime
    from zoneinfo import ZoneInfo

    return datetime.now(ZoneInfo(data.company_timezone())).date()
