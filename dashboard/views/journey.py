"""Journey page: friction by stage, flow between stages, common paths and one stage's drill-down."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.metrics import METRICS
from dashboard import (
    actions_labels,
    actions_ui,
    charts,
    data,
    data_journey,
    filters,
    i18n,
    journey_adjusted,
    journey_focus,
    links,
    page,
    ui,
    vega,
)
from dashboard.i18n import t
from dashboard.journey_figures import owner_label, shown_stages, stage_label
from dashboard.journey_flow import flow_links, path_label, rework_table, sankey_figure, top_paths
from dashboard.journey_heatmap import heatmap_cells, heatmap_column_metrics
from dashboard.journey_heatmap_spec import PICK, heatmap_spec
from dashboard.plain_text import escape_markdown, escape_markdown_lines
from pipelines.journey_map import JourneyMapError

DRILL_KEY = "journey_drill_stage"  # the stage picker (follows the URL's focus=)
HEATMAP_KEY = "journey_heatmap"
FLOW_KEY = "journey_flow_open"  # the flow expander (its open state reruns the page)
# On a phone the grid keeps a readable width and scrolls sideways inside its own box (the stage
# names alone would otherwise take the whole screen and squeeze the cells to nothing); print
# scales charts to the paper (dashboard.ui), so the minimum is for screens only.
HEATMAP_CSS = f"""
@media screen {{
  [class*="st-key-{HEATMAP_KEY}_"] {{ overflow-x: auto; }}
  [class*="st-key-{HEATMAP_KEY}_"] > div {{ min-width: 760px; }}
}}
"""


# --- the drilled stage lives in the URL (focus=<stage>, optional metric=<metric>) ------------


def focus_from_url(stage_table: pd.DataFrame) -> str | None:
    """The stage the URL drills into (focus=), if it is a stage of the journey map."""
    value = st.query_params.get(links.QP_FOCUS)
    return value if value in set(stage_table["stage"]) else None


def metric_from_url() -> str | None:
    value = st.query_params.get(links.QP_METRIC)
    return value if value in METRICS else None


def _on_pick() -> None:
    """The stage picker changed: the URL says so (a copied link reopens the same stage; the
    back button returns to the stage before)."""
    links.set_here(**{links.QP_FOCUS: st.session_state.get(DRILL_KEY) or None, links.QP_METRIC: None})


def render_stage_picker(options: list[str], focus: str | None, stage_table: pd.DataFrame) -> None:
    st.session_state[DRILL_KEY] = focus  # the URL decides (a link, the back button, a click)
    st.selectbox(
        t("journey_drill_select"),
        options=options,
        key=DRILL_KEY,
        format_func=lambda s: stage_label(s, stage_table),
        placeholder=t("journey_drill_placeholder"),
        on_change=_on_pick,
    )


# --- heatmap ---------------------------------------------------------------------------


def render_heatmap(
    f: filters.Filters,
    shown: pd.DataFrame,
    min_n: int,
    alpha: float,
    everything: pd.DataFrame,
    focus: str | None = None,
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
    # the stage on one line and its owner under it: the names take half the width they did
    labels = [[i18n.localized(r), owner_label(r)] for _, r in shown.iterrows()]
    st.html(f"<style>{HEATMAP_CSS}</style>")
    event = vega.show(
        heatmap_spec(
            columns, stage_ids, labels, z, text, hover, focus=focus, column_metrics=heatmap_column_metrics()
        ),
        # one chart per focus: a new view starts unselected (back from a stage shows no old click)
        key=f"{HEATMAP_KEY}_{focus or 'all'}",
        on_select="rerun",
    )
    st.caption(t("journey_heatmap_caption"))
    chosen = clicked_cell(event, stage_ids)
    if chosen is not None and chosen[0] != focus:
        stage, metric = chosen
        links.set_here(**{links.QP_FOCUS: stage, links.QP_METRIC: metric})
        st.rerun()


def clicked_cell(event, stage_ids: list[str]) -> tuple[str, str | None] | None:
    """The stage (and the metric, for a difference cell) of the clicked heatmap cell."""
    for row in reversed(vega.selected(event, PICK)):
        stage, metric = row.get("stage"), row.get("metric")
        if stage in stage_ids:
            return stage, metric if metric in METRICS else None
    return None


# --- flow ------------------------------------------------------------------------------


def render_flow(
    f: filters.Filters,
    shown: pd.DataFrame,
    stage_table: pd.DataFrame,
    in_progress_days: float,
    friction: pd.DataFrame,
) -> None:
    """The flow between stages (a Sankey) in an expander drawn only while it is open: Vega-Lite
    has no Sankey, and a Plotly chart on the page would make every new tab load Plotly's 4.7 MB
    bundle; then the rework loops."""
    frame = flow_links(data_journey.transitions(f.months, f.segments), list(shown["stage"]))
    if frame.empty:
        st.subheader(t("journey_flow_header"), anchor=False)
        st.info(t("journey_flow_empty"), icon=":material/info:")
        return
    box = st.expander(
        t("journey_flow_header"), icon=":material/account_tree:", key=FLOW_KEY, on_change="rerun"
    )
    if box.open:
        with box:
            st.plotly_chart(
                sankey_figure(frame, stage_table, friction),
                width="stretch",
                key="journey_flow",
                config=charts.plotly_config(),
            )
            st.caption(t("journey_flow_caption", days=i18n.fmt_int(in_progress_days)))
    st.subheader(t("journey_rework_header"), anchor=False)
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
    # an HTML table: a long path wraps inside its cell, so the stages where paths differ
    # (their ends) are never cut off as they were in a scrolling grid; it prints whole as well
    ui.table(table, key="journey_paths_table")
    st.caption(
        t(
            "journey_paths_caption",
            top=i18n.fmt_int(len(top)),
            paths=i18n.fmt_int(count),
            journeys=i18n.fmt_int(journeys),
        )
    )


# --- one stage's drill-down (top of the page when the URL has focus=) -------------------------


def render_focus(
    f: filters.Filters,
    stage: str,
    metric: str | None,
    stage_table: pd.DataFrame,
    friction: pd.DataFrame,
    from_url: bool,
) -> None:
    """The drilled stage: who owns it, how much friction costs in scores (plain words), its
    contacts, what customers said and who was affected, each customer one click away."""
    row = stage_table[stage_table["stage"] == stage].iloc[0]
    name = i18n.localized(row)
    st.subheader(
        escape_markdown(t("journey_focus_header", stage=name, owner=owner_label(row))),
        anchor=False,
    )
    picker, back = st.columns([3, 1], vertical_alignment="bottom")
    with picker:
        render_stage_picker(list(stage_table["stage"]), stage, stage_table)
    if from_url:
        with back:
            # a link to the page itself would do nothing (Streamlit ignores a link to the page
            # that is open), so a link-styled button takes focus= out of the URL
            st.button(
                t("journey_all_stages"),
                icon=":material/arrow_back:",
                type="tertiary",
                key="journey_all_stages",
                on_click=links.set_here,
                kwargs={links.QP_FOCUS: None, links.QP_METRIC: None},
            )
    journey_focus.render_score_gaps(stage, metric, friction)
    journey_adjusted.render_adjusted(stage, metric, f)
    actions_ui.render_point_expander(
        actions_labels.Point("stage", stage), f"journey_drill_{stage}", owner=row["owner"]
    )
    journey_focus.render_stage_contacts(stage, f)
    journey_focus.render_stage_responses(stage, metric, f)
    journey_focus.render_affected(stage, f)
    st.divider()


# --- page ------------------------------------------------------------------------------


def render() -> None:
    """The Journey page: a drilled stage (focus= in the URL) first, then the whole journey."""
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
    st.caption(escape_markdown(" · ".join(scope)))
    focus = focus_from_url(stage_table)
    from_url = focus is not None
    if focus is None and len(shown) == 1:
        focus = str(shown["stage"].iloc[0])  # the stage filter leaves one stage: open it
    min_n, alpha = int(cfg["min_n"]), float(cfg["alpha"])
    friction = data.friction("stage", f.months, f.segments, f.channels)
    if focus is not None:
        render_focus(f, focus, metric_from_url() if from_url else None, stage_table, friction, from_url)
    else:
        render_stage_picker(list(stage_table["stage"]), None, stage_table)
        st.caption(t("journey_drill_hint"))
    if shown.empty:
        st.info(t("journey_no_stages"), icon=":material/filter_alt_off:")
        return
    render_heatmap(f, shown, min_n, alpha, friction, focus)
    render_flow(f, shown, stage_table, float(cfg.get("in_progress_days", 30)), friction)
    render_paths(f, shown, stage_table)
