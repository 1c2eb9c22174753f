"""The form that creates, edits and closes an action, and the record of a review meeting: every
write goes through pipelines.actions under the signed-in actor, then a message shows once."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import streamlit as st

from core.access import Permission, PermissionDeniedError
from dashboard import auth, data, i18n
from dashboard.actions_labels import (
    OPEN,
    STATUSES,
    Point,
    function_labels,
    labeller,
    point_label,
    status_label,
)
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown
from pipelines import actions
from pipelines.actions import Action, ActionError

WRITES_KEY = "_actions_writes"  # per component: writes so far (a new generation of its form after each)
FLASH_KEY = "_actions_flash"  # (component key, message) shown once after a write
MAX_TITLE, MAX_RESPONSIBLE, MAX_NOTES = 200, 200, 4000


def _write(key: str, change: Callable[[], Action], message_key: str) -> None:
    """Run one write of the register; on success a message for the next run (and, after a
    create, an empty form) and a rerun."""
    try:
        action = change()
    except (ActionError, PermissionDeniedError, KeyError) as exc:
        st.error(t("act_error", error=escape_markdown(exc)), icon=":material/error:")
        return
    writes = st.session_state.setdefault(WRITES_KEY, {})
    writes[key] = writes.get(key, 0) + 1  # new widget keys: the form shows the stored values again
    st.session_state[FLASH_KEY] = (key, t(message_key, title=escape_markdown(action.title)))
    st.rerun()


def show_flash(key: str) -> None:
    flash = st.session_state.get(FLASH_KEY)
    if flash and flash[0] == key:
        st.session_state.pop(FLASH_KEY, None)
        st.success(flash[1], icon=":material/check_circle:")


def date_format() -> str:
    """The date inputs' format in the page's language."""
    return "DD.MM.YYYY" if i18n.lang() == "fi" else "YYYY-MM-DD"


def form_key(key: str, action: Action | None) -> str:
    """The prefix of a form's widget keys: '<key>_new' or '<key>_<action id>', then '_<n>' after
    the component's n-th write (widgets with a new key start from the stored values)."""
    writes = st.session_state.get(WRITES_KEY, {}).get(key, 0)
    return f"{key}_{action.action_id if action else 'new'}" + (f"_{writes}" if writes else "")


def action_form(key: str, point: Point, action: Action | None, owner: str | None = None) -> None:
    """The form of one action (new when `action` is None) for editors: save, and mark done."""
    who = auth.actor()
    if who is None or not who.can(Permission.MANAGE_ACTIONS):
        return
    options = data.filter_options()
    owners = list(options.get("owners", []))
    metrics = [None, *options.get("metrics", [])]
    fk = form_key(key, action)
    current_owner = action.owner_function if action else (owner or point.key)
    metric = action.metric if action else point.metric
    with st.form(f"{fk}_form", border=True):
        st.caption(t("act_form_point", point=point_label(point.kind, point.key)))
        title = st.text_input(
            t("act_title"), value=action.title if action else "", max_chars=MAX_TITLE, key=f"{fk}_title"
        )
        left, right = st.columns(2)
        owner_id = left.selectbox(
            t("act_owner"),
            owners,
            index=owners.index(current_owner) if current_owner in owners else None,
            format_func=labeller(function_labels()),
            key=f"{fk}_owner",
        )
        responsible = right.text_input(
            t("act_responsible"),
            value=(action.responsible or "") if action else "",
            max_chars=MAX_RESPONSIBLE,
            key=f"{fk}_responsible",
        )
        due = left.date_input(
            t("act_due"), value=action.due_date if action else None, format=date_format(), key=f"{fk}_due"
        )
        status = right.selectbox(
            t("act_status"),
            STATUSES,
            index=STATUSES.index(action.status) if action else 0,
            format_func=status_label,
            key=f"{fk}_status",
        )
        chosen_metric = left.selectbox(
            t("act_metric"),
            metrics,
            index=metrics.index(metric) if metric in metrics else 0,
            format_func=lambda m: i18n.metric_label(m) if m else t("act_metric_none"),
            key=f"{fk}_metric",
        )
        effective = right.date_input(
            t("act_effective"),
            value=action.effective_from if action else None,
            format=date_format(),
            help=t("act_effective_help"),
            key=f"{fk}_effective",
        )
        notes = st.text_area(
            t("act_notes"),
            value=(action.notes or "") if action else "",
            max_chars=MAX_NOTES,
            key=f"{fk}_notes",
        )
        buttons = st.columns(2 if action and action.status in OPEN else 1)
        save = buttons[0].form_submit_button(
            t("act_save") if action else t("act_create"),
            type="primary",
            icon=":material/save:",
            width="stretch",
            key=f"{fk}_save",
        )
        done = (
            buttons[1].form_submit_button(
                t("act_mark_done"), icon=":material/task_alt:", width="stretch", key=f"{fk}_done"
            )
            if len(buttons) > 1
            else False
        )
    values = {
        "title": title,
        "owner_function": owner_id,
        "responsible": responsible or None,
        "due_date": due,
        "status": status,
        "metric": chosen_metric,
        "notes": notes or None,
        "effective_from": effective,
    }
    if save and action is None:
        _write(
            key,
            lambda: actions.add_action(
                data.cursor(), actor=who, point_kind=point.kind, point_key=point.key, **values
            ),
            "act_created",
        )
    elif save and action is not None:
        _write(
            key,
            lambda: actions.update_action(data.cursor(), action.action_id, actor=who, **values),
            "act_saved",
        )
    elif done and action is not None:
        _write(key, lambda: _close(action, who, values), "act_closed")


def write_review(scope: str, meeting: date, following: date | None) -> None:
    """Record the review meeting (editors; the message shows under the key 'rv_next')."""
    who = auth.actor()
    try:
        actions.record_review(
            data.cursor(), actor=who, function_scope=scope, meeting_date=meeting, next_review=following
        )
    except (ActionError, PermissionDeniedError) as exc:
        st.error(t("act_error", error=escape_markdown(exc)), icon=":material/error:")
        return
    st.session_state[FLASH_KEY] = ("rv_next", t("act_review_recorded", meeting=i18n.fmt_date(meeting)))
    st.rerun()


def _close(action: Action, who: Any, values: dict[str, Any]) -> Action:
    """Save the other edits made in the form, then mark the action done."""
    cur = data.cursor()
    others = {k: v for k, v in values.items() if k not in ("status", "effective_from")}
    if any(getattr(action, k) != v for k, v in others.items()):
        actions.update_action(cur, action.action_id, actor=who, **others)
    return actions.close_action(
        cur, action.action_id, actor=who, status="done", effective_from=values["effective_from"]
    )
