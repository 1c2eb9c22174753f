"""Review page: a function's (or every function's) review meeting. What changed since the previous
review, the top friction points with their evidence, the actions and whether they worked, the next
review date, every action, and a link that reopens exactly this view."""

from __future__ import annotations

from datetime import date, timedelta

import streamlit as st

from dashboard import (
    actions_form,
    actions_labels,
    actions_tables,
    data,
    data_review,
    i18n,
    page,
    review_changes,
    review_evidence,
    review_link,
)
from dashboard.i18n import t
from dashboard.pack_download import render_pack_download
from dashboard.review_link import ACTION_KEY, FN_KEY, MEETING_KEY, SINCE_KEY, WINDOW_KEY, WINDOWS
from pipelines import actions

NEXT_REVIEW_DAYS = 28  # the next review's suggested date: four weeks on


# --- controls -------------------------------------------------------------------------------


def render_controls(functions: list[str]) -> tuple[str, date, int]:
    """Function (or all), meeting date and the did-it-work window."""
    left, middle, right = st.columns([2, 1, 2], vertical_alignment="bottom")
    scope = left.selectbox(
        t("rv_function"),
        ["all", *functions],
        key=FN_KEY,
        format_func=actions_labels.labeller(actions_labels.function_labels(with_all=True)),
    )
    meeting = middle.date_input(t("rv_meeting"), key=MEETING_KEY, format=actions_form.date_format())
    weeks = right.segmented_control(
        t("rv_window"),
        WINDOWS,
        key=WINDOW_KEY,
        format_func=lambda w: t("rv_weeks", weeks=w),
        help=t("rv_window_help"),
        required=True,
    )
    return scope, meeting, int(weeks or WINDOWS[1])


def review_since(scope: str, meeting: date, last: date | None, weeks: int, previous: date | None) -> date:
    """The previous recorded review of the scope, else the date chosen here (by default the
    window's length before the data's end)."""
    if previous is not None:
        st.caption(t("rv_previous", date=i18n.fmt_date(previous)))
        return previous
    stop = meeting if last is None else min(meeting, last + timedelta(days=1))
    if not isinstance(st.session_state.get(SINCE_KEY), date):
        st.session_state[SINCE_KEY] = stop - timedelta(weeks=weeks)
    return st.date_input(
        t("rv_since"), key=SINCE_KEY, help=t("rv_since_help"), format=actions_form.date_format(), width=220
    )


# --- next review and the register -------------------------------------------------------------


def render_next_review(scope: str, meeting: date) -> None:
    st.subheader(t("rv_next_header"), anchor=False)
    recorded = dict(actions.reviews(data.cursor(), scope))
    if meeting in recorded:
        following = recorded[meeting]
        st.markdown(
            t("rv_next_recorded", meeting=i18n.fmt_date(meeting), next=i18n.fmt_date(following))
            if following
            else t("rv_next_recorded_open", meeting=i18n.fmt_date(meeting))
        )
    else:
        st.caption(t("rv_next_not_recorded"))
    actions_form.show_flash("rv_next")
    if not actions_labels.can_manage():
        return
    with st.form("rv_next_form", border=False):
        chosen = st.date_input(
            t("rv_next_date"),
            value=recorded.get(meeting) or meeting + timedelta(days=NEXT_REVIEW_DAYS),
            format=actions_form.date_format(),
            key="rv_next_date",
            width=220,
        )
        submitted = st.form_submit_button(
            t("rv_next_record"), icon=":material/event_available:", key="rv_next_record"
        )
    if submitted:
        actions_form.write_review(scope, meeting, chosen)


def render_register(functions: list[str], meeting: date, scope: str) -> None:
    """Every action, filtered by status, function and overdue."""
    st.subheader(t("rv_register_header"), anchor=False)
    left, middle, right = st.columns([2, 2, 1], vertical_alignment="bottom")
    statuses = left.multiselect(
        t("act_col_status"),
        actions_labels.STATUSES,
        default=list(actions_labels.OPEN),
        format_func=actions_labels.status_label,
        key="rv_reg_status",
        placeholder=t("rv_reg_all_statuses"),
    )
    function = middle.selectbox(
        t("rv_function"),
        ["all", *functions],
        index=(["all", *functions]).index(scope),
        format_func=actions_labels.labeller(actions_labels.function_labels(with_all=True)),
        key=f"rv_reg_function_{scope}",
    )
    overdue = right.checkbox(t("rv_reg_overdue"), key="rv_reg_overdue")
    items = actions.list_actions(
        data.cursor(),
        function=None if function == "all" else function,
        status=statuses or None,
        overdue_on=meeting if overdue else None,
    )
    if not items:
        st.caption(t("rv_reg_none"))
        return
    actions_tables.show_table(items, "rv_register", meeting, ids=True)
    st.caption(t("rv_reg_caption", count=i18n.fmt_int(len(items))))


def render_action_detail(items: list[actions.Action], weeks: int, as_of: date) -> None:
    """One action opened: its before/after measures, its history and (editors) its form."""
    by_id = {a.action_id: a for a in items}
    if st.session_state.get(ACTION_KEY) not in by_id:
        st.session_state[ACTION_KEY] = None
    chosen = st.selectbox(
        t("rv_open_action"),
        [None, *by_id],
        key=ACTION_KEY,
        format_func=lambda i: t("rv_open_action_none") if i is None else by_id[i].title,
        placeholder=t("rv_open_action_none"),
    )
    if chosen is None:
        return
    action = by_id[chosen]
    with st.container(border=True):
        st.text(action.title)
        st.caption(actions_labels.point_label(action.point_kind, action.point_key, action.metric))
        if action.notes:
            st.text(action.notes)
        comparison = data_review.effect(action, weeks * 7, as_of)
        if comparison is None:
            st.caption(t("rv_worked_no_date"))
        else:
            st.markdown(f"**{t('rv_col_worked')}** {review_changes.verdict_text(comparison.verdict)}")
            st.caption(
                t(
                    "rv_effect_windows",
                    before=review_changes.fmt_window(comparison.before),
                    after=review_changes.fmt_window(comparison.after),
                )
            )
            review_changes.show_measures(comparison, f"rv_effect_{chosen}")
        with st.expander(t("rv_history")):
            actions_tables.show_history(chosen)
        point = actions_labels.Point(action.point_kind, action.point_key, action.metric)
        actions_form.show_flash(f"rv_detail_{chosen}")
        actions_form.action_form(f"rv_detail_{chosen}", point, action)


# --- page -----------------------------------------------------------------------------------


def render_pack(scope: str, ctx: page.PageContext) -> None:
    """The meeting pack for this scope and the sidebar's months (the pack is monthly)."""
    st.subheader(t("rv_pack_header"), anchor=False)
    render_pack_download(scope, ctx.filters.months, i18n.lang())


def render() -> None:
    """The Review page."""
    ctx = page.start("rv_title")
    if ctx is None:
        return
    st.caption(t("rv_intro"))
    functions = list(ctx.options.get("owners", []))
    review_link.load_from_url(functions, actions_labels.today())
    scope, meeting, weeks = render_controls(functions)
    last = data_review.last_day()
    previous = actions.previous_review(data.cursor(), scope, meeting)
    since = review_since(scope, meeting, last, weeks, previous)
    eve = meeting - timedelta(days=1)  # the data a meeting looks at ends the day before it
    as_of = eve if last is None else min(eve, last)
    st.caption(" · ".join(page.scope_parts(ctx, channels=True)))

    stage_map = data.map_stages()
    review_changes.render_changes(
        review_changes.scope_points(scope, stage_map, functions), since, meeting, last
    )
    review_evidence.render_evidence(scope, ctx.filters, ctx.min_n)
    in_scope = actions.list_actions(data.cursor(), function=None if scope == "all" else scope)
    review_changes.render_followup(in_scope, weeks, meeting, as_of)
    render_action_detail(in_scope, weeks, as_of)
    render_next_review(scope, meeting)
    render_register(functions, meeting, scope)
    render_pack(scope, ctx)
    review_link.render_share(scope, meeting, weeks, None if previous else since)
