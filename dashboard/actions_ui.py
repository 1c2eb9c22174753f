"""The actions of one friction point on the pages (Functions scorecards and detail, Journey
drill-down, Review page): the list, and for editors a picker and the form, in an expander.

Everyone who may browse sees the actions; only roles with Permission.MANAGE_ACTIONS get the
form (dashboard/actions_form.py), and every write goes through pipelines.actions under the
signed-in actor (which checks the permission again). Text people typed (title, responsible,
notes) is shown in table cells or with st.text, never as Markdown. The register is read uncached:
it changes without a data refresh. Names and labels: dashboard/actions_labels.py; tables:
dashboard/actions_tables.py.
"""

from __future__ import annotations

import streamlit as st

from dashboard import connection, data, i18n
from dashboard.actions_form import FLASH_KEY, action_form, show_flash
from dashboard.actions_labels import OPEN, Point, can_manage, status_label, today
from dashboard.actions_tables import show_table
from dashboard.i18n import t
from pipelines import actions
from pipelines.actions import Action

OPENED_KEY = "_actions_opened"  # components (keys) with a write in this session: their expander stays open


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
