"""The Functions page's drill-down: one function's stages, its top contact reasons and its
actions, with the driver model's adjusted effects on request."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import (
    actions_labels,
    actions_ui,
    data,
    data_drivers,
    filters,
    functions_adjusted,
    i18n,
    links,
    ui,
)
from dashboard import data_functions as q
from dashboard.functions_cards import stake_text
from dashboard.functions_figures import function_name
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown

SELECT_KEY = "fn_select"
SEEN_OWNERS_KEY = "_fn_owner_filter_seen"
TOP_REASONS = 8


def stage_rows_display(
    rows: pd.DataFrame, stage_names: dict, adjusted: dict[tuple[str, str], str] | None = None
) -> pd.DataFrame:
    """The friction of a function's stages, one row per stage and metric, in plain words (the
    statistics behind 'Significant' and the brackets are in the columns' help); ``adjusted``:
    (stage, metric) -> the driver model's effect in words (functions_adjusted.adjusted_cells)."""
    out = []
    for _, r in rows.iterrows():
        metric, decimals = r["metric"], i18n.METRIC_DECIMALS[r["metric"]]
        enough = bool(r["enough_n"])
        out.append(
            {
                t("col_stage"): i18n.name_in(stage_names, r["stage"]),
                t("col_metric"): i18n.metric_label(metric),
                t("fn_col_journeys"): i18n.fmt_int(r["reach"]),
                t("fn_col_met"): i18n.fmt_share(r["friction_rate"], 1),
                t("fn_col_per_100"): i18n.fmt_number(r["contacts_per_100"], 1),
                t("fn_col_scores"): (
                    f"{i18n.fmt_metric(metric, r['score_with'])} / "
                    f"{i18n.fmt_metric(metric, r['score_without'])}"
                    if enough
                    else t("not_enough")
                ),
                t("fn_col_difference"): (
                    f"{i18n.fmt_number(r['delta'], decimals, True)} "
                    f"({i18n.fmt_range(r['ci_low'], r['ci_high'], decimals, True)})"
                    if enough and not pd.isna(r["delta"])
                    else "–"
                ),
                t("fn_col_stage_stake"): stake_text(r.to_dict(), with_metric=False)
                if enough and not pd.isna(r["points_at_stake"])
                else "–",
                **({t("fn_col_adjusted"): adjusted.get((r["stage"], metric), "–")} if adjusted else {}),
                t("col_significant"): (t("yes") if r["significant_page"] else t("no")) if enough else "–",
            }
        )
    return pd.DataFrame(out)


def stage_rows_config(alpha: float) -> dict:
    help_of = {
        "fn_col_journeys": "fn_col_journeys_help",
        "fn_col_met": "fn_col_met_help",
        "fn_col_per_100": "fn_col_per_100_help",
        "fn_col_scores": "fn_col_scores_help",
        "fn_col_difference": "fn_col_difference_help",
        "fn_col_stage_stake": "fn_col_stage_stake_help",
        "fn_col_adjusted": "fn_col_adjusted_help",
    }
    config = {t(col): st.column_config.TextColumn(help=t(text)) for col, text in help_of.items()}
    config[t("col_stage")] = st.column_config.TextColumn(pinned=True)
    config[t("col_significant")] = st.column_config.TextColumn(
        help=t("fn_col_stage_significant_help", alpha=i18n.fmt_number(alpha, 2))
    )
    return config


def reasons_display(reasons: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("fn_col_reason"): [
                i18n.localized(r, "name")
                if r["reason_mapped"]
                else t("fn_reason_missing")
                if r["reason"] == "unknown"
                else t("fn_reason_unmapped", reason=r["reason"])
                for _, r in reasons.iterrows()
            ],
            t("fn_col_avoidable_flag"): [t("yes") if a else t("no") for a in reasons["avoidable"]],
            t("fn_col_contacts"): [i18n.fmt_int(v) for v in reasons["contacts"]],
            t("fn_col_repeat_share"): [
                i18n.fmt_share(r / c if c else None)
                for r, c in zip(reasons["repeat_contacts"], reasons["contacts"])
            ],
            t("fn_col_transfer_share"): [
                i18n.fmt_share(x / c if c else None)
                for x, c in zip(reasons["transferred_contacts"], reasons["contacts"])
            ],
            t("fn_col_cost"): [i18n.fmt_eur(v) for v in reasons["cost_eur"]],
        }
    )


def render_drilldown(
    f: filters.Filters, ranked: list[str], stg: pd.DataFrame, names: dict, stage_names: dict, alpha: float
) -> None:
    st.subheader(t("fn_drill_header"), anchor=False)
    default = next((o for o in f.owners if o in ranked), ranked[0])
    if st.session_state.get(SEEN_OWNERS_KEY) != f.owners or st.session_state.get(SELECT_KEY) not in ranked:
        st.session_state[SELECT_KEY] = default
        st.session_state[SEEN_OWNERS_KEY] = f.owners
    owner = st.selectbox(
        t("fn_select"),
        options=ranked,
        key=SELECT_KEY,
        format_func=lambda o: function_name(o, names),
        help=t("fn_select_help"),
    )
    rows = stg[stg["owner"] == owner]
    st.markdown(f"**{escape_markdown(t('fn_drill_stages', name=function_name(owner, names)))}**")
    # the driver model costs ~0.3 s at scale L: fitted when asked, so the page opens fast
    adjusted = st.toggle(t("fn_adjusted_toggle"), key="fn_adjusted", help=t("fn_adjusted_toggle_help"))
    drivers = data_drivers.drivers(f.months, f.segments, f.channels) if adjusted else None
    if rows.empty:
        st.caption(t("fn_drill_no_stages"))
    else:
        links.drill_table(
            stage_rows_display(rows, stage_names, functions_adjusted.adjusted_cells(drivers)),
            [("journey", {links.QP_FOCUS: stage}) for stage in rows["stage"]],
            key=f"fn_stage_rows_{owner}",
            hide_index=True,
            width="stretch",
            column_config=stage_rows_config(alpha),
        )
        st.caption(t("fn_drill_click"))
        functions_adjusted.render_function_gain(drivers, owner, escape_markdown(function_name(owner, names)))
    st.markdown(f"**{escape_markdown(t('fn_drill_reasons', name=function_name(owner, names)))}**")
    reasons = q.top_reasons(owner, f.months, f.segments, f.stages)
    if reasons.empty:
        st.caption(t("fn_drill_no_reasons"))
    else:
        ui.table(
            reasons_display(reasons.head(TOP_REASONS)), hide_index=True, width="stretch", key="fn_reasons"
        )
        if len(reasons) > TOP_REASONS:
            st.caption(t("fn_drill_more_reasons", count=len(reasons) - TOP_REASONS))
    if st.button(
        t("fn_open_contacts", name=function_name(owner, names)),
        icon=":material/support_agent:",
        type="tertiary",
        key=f"fn_open_contacts_{owner}",
    ):
        links.go("contacts", owner=owner)  # same tab; the filters follow owner= in the URL
    stage_map = data.map_stages()
    render_drill_actions(owner, list(stage_map.loc[stage_map["owner"] == owner, "stage"]), names)


def render_drill_actions(owner: str, stages: list[str], names: dict) -> None:
    """The actions of the function or of one of its stages (chosen here), with the form."""
    st.markdown(f"**{escape_markdown(t('fn_drill_actions', name=function_name(owner, names)))}**")
    points = [actions_labels.Point("function", owner)] + [actions_labels.Point("stage", s) for s in stages]
    point = st.selectbox(
        t("fn_drill_point"),
        points,
        format_func=actions_labels.labeller({p: actions_labels.point_label(p.kind, p.key) for p in points}),
        key=f"fn_drill_point_{owner}",
    )
    actions_ui.render_point_actions(point, f"fn_drill_{point.kind}_{point.key}", owner=owner)
