"""Journey page: friction by stage, flow between stages, common paths and one stage's drill-down."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import actions_ui, data, data_journey, filters, i18n, links, page, ui
from dashboard.i18n import t
from dashboard.journey_figures import (
    flow_links,
    heatmap_cells,
    heatmap_figure,
    owner_label,
    path_label,
    rework_table,
    sankey_figure,
    shown_stages,
    stage_label,
    top_paths,
)
from dashboard.plain_text import escape_markdown_lines
from pipelines.journey_map import JourneyMapError

DRILL_KEY = "journey_drill_stage"
SELECTION_SEEN_KEY = "_journey_heatmap_selection_seen"
HEATMAP_KEY = "journey_heatmap"


# --- heatmap ---------------------------------------------------------------------------


def render_heatmap(
    f: filters.Filters, shown: pd.DataFrame, min_n: int, alpha: float, everything: pd.DataFrame
) -> None:
    st.subheader(
        t("journey_heatmap_header"),
        anchor=False,
        help=t("stats_method_help", alpha=i18n.fmt_number(alpha, 2), min_n=i18n.fmt_int(min_n)),
    )
    table = everything[everything["stage"].isin(shown["stage"])]
    if table.empty:
        st.info(t("journey_heatmap_no_rows"), icon=":material/info:")
    columns, stage_ids, z, text, hover = heatmap_cells(table, shown, min_n, everything)
    labels = [f"{i18n.localized(r)} · {owner_label(r)}" for _, r in shown.iterrows()]
    event = st.plotly_chart(
        heatmap_figure(columns, stage_ids, labels, z, text, hover),
        width="stretch",
        key=HEATMAP_KEY,
        on_select="rerun",
        selection_mode="points",
        config={"displayModeBar": False},
    )
    _take_selection(event, stage_ids)
    st.caption(t("journey_heatmap_caption", alpha=i18n.fmt_number(alpha, 2)))


def _take_selection(event, stage_ids: list[str]) -> None:
    """A newly clicked cell opens its stage in the drill-down (an old selection does not
    override a later choice in the selectbox)."""
    try:
        points = list(event.selection.points) if event else []
    except AttributeError:
        points = []
    chosen = None
    for point in points:
        custom = point.get("customdata")
        chosen = custom[0] if isinstance(custom, (list, tuple)) else custom
        if chosen not in stage_ids:
            chosen = None
    seen = st.session_state.get(SELECTION_SEEN_KEY)
    if chosen and chosen != seen:
        st.session_state[DRILL_KEY] = chosen
    st.session_state[SELECTION_SEEN_KEY] = chosen


# --- flow ------------------------------------------------------------------------------


def render_flow(
    f: filters.Filters,
    shown: pd.DataFrame,
    stage_table: pd.DataFrame,
    in_progress_days: float,
    friction: pd.DataFrame,
) -> None:
    st.subheader(t("journey_flow_header"), anchor=False)
    frame = flow_links(data_journey.transitions(f.months, f.segments), list(shown["stage"]))
    if frame.empty:
        st.info(t("journey_flow_empty"), icon=":material/info:")
        return
    st.plotly_chart(
        sankey_figure(frame, stage_table, friction),
        width="stretch",
        key="journey_flow",
        config={"displayModeBar": False},
    )
    st.caption(t("journey_flow_caption", days=i18n.fmt_int(in_progress_days)))
    st.markdown(f"**{t('journey_rework_header')}**")
    table = rework_table(frame, stage_table)
    if table.empty:
        st.caption(t("journey_rework_none"))
    else:
        ui.table(table, hide_index=True, width="stretch", key="journey_rework_table")


# --- paths -----------------------------------------------------------------------------


def render_paths(f: filters.Filters, shown: pd.DataFrame, stage_table: pd.DataFrame) -> None:
    st.subheader(t("journey_paths_header"), anchor=False)
    all_paths = data_journey.paths(f.months, f.segments)
    top, count, journeys = top_paths(all_paths, list(shown["stage"]), len(shown) == len(stage_table))
    if top.empty:
        st.info(t("journey_paths_empty"), icon=":material/info:")
        return
    table = pd.DataFrame(
        {
            t("journey_col_path"): [path_label(p, stage_table) for p in top["path"]],
            t("journey_col_journeys"): [i18n.fmt_int(v) for v in top["journeys"]],
            t("journey_col_share"): [i18n.fmt_share(v / journeys, 1) for v in top["journeys"]],
            t("journey_col_completed"): [
                i18n.fmt_share(c / v, 0) for c, v in zip(top["completed"], top["journeys"])
            ],
            t("journey_col_dropped"): [
                i18n.fmt_share(d / v, 0) for d, v in zip(top["dropped"], top["journeys"])
            ],
            t("journey_col_friction_share"): [
                i18n.fmt_share(w / v, 0) for w, v in zip(top["with_friction"], top["journeys"])
            ],
        }
    )
    ui.table(
        table,
        hide_index=True,
        width="stretch",
        key="journey_paths_table",
        column_config={t("journey_col_path"): st.column_config.TextColumn(width="large")},
    )
    st.caption(
        t(
            "journey_paths_caption",
            top=i18n.fmt_int(len(top)),
            paths=i18n.fmt_int(count),
            journeys=i18n.fmt_int(journeys),
        )
    )


# --- drill-down ------------------------------------------------------------------------


def render_drill_down(f: filters.Filters, shown: pd.DataFrame, stage_table: pd.DataFrame) -> None:
    st.subheader(t("journey_drill_header"), anchor=False)
    options = list(shown["stage"])
    if DRILL_KEY not in st.session_state and f.stages:
        st.session_state[DRILL_KEY] = f.stages[0]
    if st.session_state.get(DRILL_KEY) not in options:
        st.session_state[DRILL_KEY] = None
    stage = st.selectbox(
        t("journey_drill_select"),
        options=options,
        key=DRILL_KEY,
        format_func=lambda s: stage_label(s, stage_table),
        placeholder=t("journey_drill_placeholder"),
        index=None,
    )
    if not stage:
        st.caption(t("journey_drill_hint"))
        return
    row = stage_table[stage_table["stage"] == stage].iloc[0]
    st.caption(t("journey_drill_owner", owner=owner_label(row)))
    actions_ui.render_point_expander(
        actions_ui.Point("stage", stage), f"journey_drill_{stage}", owner=row["owner"]
    )
    render_stage_contacts(stage, f)
    render_stage_responses(stage, f)
    render_affected(stage, f)


def render_stage_contacts(stage: str, f: filters.Filters) -> None:
    st.markdown(f"**{t('journey_contacts_header')}**")
    frame = data_journey.stage_contacts(stage, f.months, f.segments)
    if frame.empty:
        st.caption(t("journey_contacts_none"))
        return
    names = data.map_reasons().set_index("reason")
    total = int(frame["contacts"].sum())

    def reason_name(reason: str) -> str:
        if reason in names.index:
            return i18n.localized(names.loc[reason])
        return t("journey_reason_unknown") if reason == "unknown" else reason

    table = pd.DataFrame(
        {
            t("journey_col_reason"): [reason_name(r) for r in frame["reason"]],
            t("journey_col_contacts"): [int(v) for v in frame["contacts"]],
            t("journey_col_share"): [i18n.fmt_share(v / total, 1) for v in frame["contacts"]],
            t("journey_col_avoidable"): [t("yes") if a else t("no") for a in frame["avoidable"]],
            t("journey_col_repeat_share"): [
                i18n.fmt_share(r / c, 0) for r, c in zip(frame["repeat_contacts"], frame["contacts"])
            ],
            t("journey_col_cost"): [i18n.fmt_number(v, 0) for v in frame["cost_eur"]],
        }
    )
    ui.table(table, hide_index=True, width="stretch", key="journey_contacts_table")
    st.caption(t("journey_contacts_caption", contacts=i18n.fmt_int(total)))


def render_stage_responses(stage: str, f: filters.Filters) -> None:
    st.markdown(f"**{t('journey_responses_header')}**")
    _, counts = data_journey.stage_responses(stage, f.months, f.segments, f.channels)
    n_with, n_without = counts.get("with", 0), counts.get("without", 0)
    labels = {
        "all": t("journey_responses_all", n=i18n.fmt_int(n_with + n_without)),
        "with": t("journey_responses_with", n=i18n.fmt_int(n_with)),
        "without": t("journey_responses_without", n=i18n.fmt_int(n_without)),
    }
    choice = (
        st.segmented_control(
            t("journey_responses_filter"),
            options=list(labels),
            format_func=labels.get,
            key="journey_verbatim_filter",
            default="all",
        )
        or "all"
    )
    frame, _ = data_journey.stage_responses(stage, f.months, f.segments, f.channels, choice)
    if frame.empty:
        st.caption(t("journey_responses_none"))
        return
    table = pd.DataFrame(
        {
            t("journey_col_responded"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in frame["responded_at"]
            ],
            t("col_metric"): [i18n.metric_label(m) for m in frame["metric"]],
            t("journey_col_score"): [i18n.fmt_number(s, 0) for s in frame["score"]],
            t("journey_col_friction"): [t("yes") if v else t("no") for v in frame["had_friction"]],
            t("journey_col_comment"): list(frame["comment"]),
            t("journey_col_channel"): [i18n.channel_label(c) for c in frame["channel"]],
            t("journey_col_customer"): [
                links.customer_href(c) if isinstance(c, str) else None for c in frame["customer_id"]
            ],
        }
    )
    ui.table(
        table,
        hide_index=True,
        width="stretch",
        key="journey_responses_table",
        column_config={
            t("journey_col_comment"): st.column_config.TextColumn(width="large"),
            t("journey_col_customer"): st.column_config.LinkColumn(display_text=r"customer=([^&]+)"),
        },
    )
    st.caption(t("journey_responses_caption", limit=i18n.fmt_int(data_journey.RESPONSE_LIMIT)))


def _done_text(done, reached) -> str:
    """When the stage was done, or why not: still open, or never reached."""
    if done is not None and not pd.isna(done):
        return i18n.fmt_datetime(pd.Timestamp(done).to_pydatetime())
    return t("journey_not_done") if bool(reached) else t("journey_not_reached")


def render_affected(stage: str, f: filters.Filters) -> None:
    st.markdown(f"**{t('journey_affected_header')}**")
    frame, total = data_journey.affected_customers(stage, f.months, f.segments)
    if frame.empty:
        st.caption(t("journey_affected_none"))
        return
    yes, no = t("yes"), t("no")
    table = pd.DataFrame(
        {
            t("journey_col_customer"): [links.customer_href(c) for c in frame["customer_id"]],
            t("journey_col_journey"): list(frame["journey_id"]),
            t("journey_col_first_friction"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in frame["first_friction_at"]
            ],
            t("journey_col_failed"): [yes if v else no for v in frame["failed"]],
            t("journey_col_late"): [yes if v else no for v in frame["late"]],
            t("journey_col_sla"): [yes if v else no for v in frame["sla_breached"]],
            t("journey_col_done"): [
                _done_text(done, reached) for done, reached in zip(frame["done_at"], frame["reached"])
            ],
            t("journey_col_segment"): [i18n.segment_label(s) for s in frame["segment"]],
        }
    )
    ui.table(
        table,
        hide_index=True,
        width="stretch",
        key="journey_affected_table",
        column_config={
            t("journey_col_customer"): st.column_config.LinkColumn(display_text=r"customer=([^&]+)")
        },
    )
    st.caption(
        t(
            "journey_affected_caption",
            count=i18n.fmt_int(total),
            limit=i18n.fmt_int(data_journey.AFFECTED_LIMIT),
        )
    )


# --- page ------------------------------------------------------------------------------


def render() -> None:
    """The Journey page."""
    page.header(t("journey_title"))
    st.caption(t("journey_intro"))
    options = data.filter_options()
    f = filters.current()
    try:
        cfg = data.settings()
    except JourneyMapError as exc:
        st.error(t("journey_map_error", error=escape_markdown_lines(exc)), icon=":material/error:")
        return
    if not options["months"] or f.start is None or f.end is None:
        st.info(t("journey_no_data"), icon=":material/info:")
        return
    stage_table = data.map_stages()
    shown = shown_stages(stage_table, f)
    scope = [
        i18n.fmt_month_range(f.start, f.end),
        ", ".join(i18n.segment_label(s) for s in f.segments) if f.segments else t("filter_all_segments"),
        ", ".join(i18n.channel_label(c) for c in f.channels) if f.channels else t("filter_all_channels"),
    ]
    if len(shown) < len(stage_table):
        scope.append(
            t("journey_scope_stages", stages=", ".join(i18n.localized(r) for _, r in shown.iterrows()))
        )
    st.caption(" · ".join(scope))
    if shown.empty:
        st.info(t("journey_no_stages"), icon=":material/filter_alt_off:")
        return
    min_n, alpha = int(cfg["min_n"]), float(cfg["alpha"])
    friction = data.friction("stage", f.months, f.segments, f.channels)
    render_heatmap(f, shown, min_n, alpha, friction)
    render_flow(f, shown, stage_table, float(cfg.get("in_progress_days", 30)), friction)
    render_paths(f, shown, stage_table)
    render_drill_down(f, shown, stage_table)
