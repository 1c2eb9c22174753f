"""The action register on the pages: the actions of one friction point, and the form that
creates, edits and closes one (Functions scorecards and detail, Journey drill-down, Review page).

Everyone who may browse sees the actions; only roles with Permission.MANAGE_ACTIONS get the
form, and every write goes through pipelines.actions under the signed-in actor (which checks the
permission again). Text people typed (title, responsible, notes) is shown in table cells or with
st.text, never as Markdown. The register is read uncached: it changes without a data refresh.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from typing import Any, get_args

import pandas as pd
import streamlit as st

from core.access import Permission, PermissionDeniedError
from dashboard import auth, connection, data, i18n, ui
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown
from pipelines import actions
from pipelines.actions import Action, ActionError, ActionStatus, PointKind

STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
OPEN: tuple[ActionStatus, ...] = ("open", "in_progress")
OPENED_KEY = "_actions_opened"  # components (keys) with a write in this session: their expander stays open
WRITES_KEY = "_actions_writes"  # per component: writes so far (a new generation of its form after each)
FLASH_KEY = "_actions_flash"  # (component key, message) shown once after a write
MAX_TITLE, MAX_RESPONSIBLE, MAX_NOTES = 200, 200, 4000


@dataclass(frozen=True)
class Point:
    """A friction point: a journey stage or a function, optionally about one metric."""

    kind: PointKind
    key: str
    metric: str | None = None


# --- names -----------------------------------------------------------------------------------


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


def actions_table(items: list[Action], on: date, *, point: bool = True, ids: bool = False) -> pd.DataFrame:
    """The actions as a table of names and formatted dates (user text as plain cell text)."""
    rows = []
    for a in items:
        row = {t("act_col_title"): a.title}
        if point:
            row[t("act_col_point")] = point_label(a.point_kind, a.point_key, a.metric)
        row.update(
            {
                t("act_col_status"): status_label(a.status)
                + (f" · {t('act_overdue')}" if is_overdue(a, on) else ""),
                t("act_col_owner"): function_name(a.owner_function),
                t("act_col_responsible"): a.responsible or "–",
                t("act_col_due"): i18n.fmt_date(a.due_date),
                t("act_col_effective"): i18n.fmt_date(a.effective_from),
            }
        )
        if ids:
            row[t("act_col_id")] = a.action_id
        rows.append(row)
    return pd.DataFrame(rows)


# An action's title is a sentence and is read whole: its column is narrow enough that a phone
# shows it and the start of the next column, and the rows are tall enough for the longest title
# to wrap onto several lines (the grid wraps a cell's text only when a row is taller than 4rem).
TITLE_WIDTH = 170  # px
_CHAR_PX, _LINE_PX, _ROW_PAD_PX, _WRAP_MIN_PX, _MAX_LINES = 7.2, 20, 14, 66, 8


def title_row_height(titles: Iterable[str], width: int = TITLE_WIDTH) -> int | None:
    """A row height that shows the longest title whole in a column ``width`` px wide (None: one line
    is enough, the grid's default row)."""
    per_line = max(8, int((width - 16) / _CHAR_PX))
    lines = max((len(textwrap.wrap(str(s), per_line)) for s in titles), default=1)
    if lines <= 1:
        return None
    return max(_WRAP_MIN_PX, _ROW_PAD_PX + _LINE_PX * min(lines, _MAX_LINES))


def title_column() -> dict[str, Any]:
    return {t("act_col_title"): st.column_config.TextColumn(width=TITLE_WIDTH)}


def show_table(items: list[Action], key: str, on: date | None = None, **kwargs: Any) -> None:
    ui.table(
        actions_table(items, on or today(), **kwargs),
        key=key,
        row_height=title_row_height(a.title for a in items),
        column_config=title_column(),
    )


def history_table(changes: list[actions.ActionChange]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("act_hist_when"): [i18n.fmt_datetime(c.changed_at) for c in changes],
            t("act_hist_who"): [c.changed_by for c in changes],
            t("act_hist_field"): [field_label(c.field) for c in changes],
            t("act_hist_old"): [c.old_value if c.old_value is not None else "–" for c in changes],
            t("act_hist_new"): [c.new_value if c.new_value is not None else "–" for c in changes],
        }
    )


def show_history(action_id: str) -> None:
    """Every change of one action: when, who, what, before and after (as stored text)."""
    ui.table(history_table(actions.action_history(data.cursor(), action_id)), key=f"act_history_{action_id}")


def field_label(field: str) -> str:
    key = f"act_field_{field}"
    return t(key) if i18n.has(key) else field


# --- writing ---------------------------------------------------------------------------------


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


# --- one friction point ----------------------------------------------------------------------


def all_actions() -> list[Action]:
    """Every action (the register's order), read once per script run: inside the run's read
    snapshot the register cannot change (a write ends the snapshot), so the points of a page
    share one read instead of one query each."""
    cur = data.cursor()
    if isinstance(cur, data.SessionCursor) and connection.run_memo_enabled():
        return list(cur.memo("actions_ui.all_actions", lambda: actions.list_actions(cur)))
    return actions.list_actions(cur)


def point_actions(point: Point) -> list[Action]:
    return [a for a in all_actions() if a.point_kind == point.kind and a.point_key == point.key]


def expander_label(items: list[Action]) -> str:
    open_count = sum(a.status in OPEN for a in items)
    return t("act_expander", open=i18n.fmt_int(open_count), total=i18n.fmt_int(len(items)))


NEW = "new"  # the picker's choice of a new action (the other choices are action ids)


def render_point_actions(
    point: Point,
    key: str,
    owner: str | None = None,
    items: list[Action] | None = None,
    *,
    on_demand: bool = True,
) -> None:
    """The actions of a friction point; for editors a choice of a new one or one to edit, and
    its form. With ``on_demand`` the picker starts empty and the form is drawn once something
    is chosen (a page's default view draws no form); without, it starts at a new action (the
    point's expander was opened to record or edit)."""
    show_flash(key)
    items = point_actions(point) if items is None else items
    on = today()
    if items:
        show_table(items, f"{key}_table", on, point=False)
    else:
        st.caption(t("act_none_here"))
    if not can_manage():
        st.caption(t("act_viewer_note"))
        return
    by_id = {a.action_id: a for a in items}
    chosen = st.selectbox(
        t("act_pick"),
        [NEW, *by_id],
        index=None if on_demand else 0,
        format_func=lambda i: (
            t("act_pick_new") if i == NEW else f"{by_id[i].title} ({status_label(by_id[i].status)})"
        ),
        key=f"{key}_pick",
        placeholder=t("act_pick_choose") if on_demand else t("act_pick_new"),
    )
    if chosen is not None:
        action_form(key, point, by_id.get(chosen), owner)


def expander_key(key: str) -> str:
    """The session-state key of a point's expander: True while it is open."""
    return f"{key}_open"


def render_point_expander(point: Point, key: str, owner: str | None = None) -> None:
    """The actions of a friction point in an expander ('Actions: 1 open of 3') whose content (the
    list and, for editors, the form) is drawn only while it is open: a closed one costs the page
    one element and opening it one rerun (Streamlit draws a closed expander's content otherwise).
    Once a write was made in it, it opens again after the write (so its message and the next step
    show)."""
    items = point_actions(point)
    flash = st.session_state.get(FLASH_KEY)
    opened = st.session_state.setdefault(OPENED_KEY, set())
    if flash and flash[0] == key:
        opened.add(key)
    box = st.expander(
        expander_label(items),
        icon=":material/task_alt:",
        expanded=key in opened,
        key=expander_key(key),
        on_change="rerun",
    )
    if box.open:
        with box:
            render_point_actions(point, key, owner, items, on_demand=False)
