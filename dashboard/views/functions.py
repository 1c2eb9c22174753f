"""Functions: the friction each function owns, what it costs, and how fast it answers others."""

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
    page,
    ui,
    vega,
)
from dashboard import data_functions as q
from dashboard.data_functions import (
    build_scorecards,
    page_significance,
    service_absorbed,
    shown_functions,
)
from dashboard.functions_cards import render_cards, stake_column, stake_text, summary_table
from dashboard.functions_figures import function_name, heatmap_spec, matrix_order
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown

SELECT_KEY = "fn_select"
METRIC_KEY = "fn_metric"
LAST_METRIC_KEY = "_fn_metric_last"
SEEN_OWNERS_KEY = "_fn_owner_filter_seen"
CARDS_SHOWN = 4  # scorecards drawn with the page (the top of the ranking); the rest on request
TOP_REASONS = 8


# --- formatting -----------------------------------------------------------------------------


def render_matrix(f: filters.Filters, all_owners: list[str], names: dict) -> None:
    st.subheader(t("fn_matrix_header"), anchor=False)
    st.caption(t("fn_matrix_intro"))
    matrix = q.caused_handled(f.months, f.segments, f.owners)
    if matrix.empty or matrix["contacts"].sum() == 0:
        st.info(t("fn_matrix_empty"), icon=":material/info:")
        return
    rows, columns = matrix_order(matrix, all_owners)
    vega.show(heatmap_spec(matrix, rows, columns, names), key="fn_matrix")
    absorbed = service_absorbed(matrix)
    if absorbed and absorbed["contacts"]:
        st.markdown(
            t(
                "fn_matrix_absorbed",
                contacts=i18n.fmt_int(absorbed["contacts"]),
                share=i18n.fmt_share(absorbed["contacts"] / absorbed["handled"]),
                cost=i18n.fmt_eur(absorbed["cost"]),
                owners=absorbed["owners"],
            )
        )
    with st.expander(t("fn_matrix_table")):
        table = matrix.groupby(["owner", "handling_team"], as_index=False)[
            ["contacts", "avoidable_contacts", "cost_eur", "transfers"]
        ].sum()
        table = table[table["contacts"] > 0].sort_values("contacts", ascending=False)
        ui.table(
            pd.DataFrame(
                {
                    t("fn_matrix_caused"): [function_name(o, names) for o in table["owner"]],
                    t("fn_matrix_handled"): [function_name(h, names) for h in table["handling_team"]],
                    t("fn_col_contacts"): [i18n.fmt_int(v) for v in table["contacts"]],
                    t("fn_metric_avoidable"): [i18n.fmt_int(v) for v in table["avoidable_contacts"]],
                    t("fn_col_cost"): [i18n.fmt_eur(v) for v in table["cost_eur"]],
                    t("fn_col_transfers"): [i18n.fmt_int(v) for v in table["transfers"]],
                }
            ),
            hide_index=True,
            width="stretch",
            key="fn_matrix_rows",
        )
    st.caption(t("fn_matrix_caption"))


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


def render() -> None:
    """The Functions page."""
    ctx = page.start("fn_title")
    if ctx is None:
        return
    options, f, min_n, alpha = ctx.options, ctx.filters, ctx.min_n, ctx.alpha
    names, stage_names = options.get("owner_names", {}), options.get("stage_names", {})
    st.caption(" · ".join(page.scope_parts(ctx, channels=True)))
    st.caption(t("fn_intro"))

    stage_map = data.map_stages()
    functions = shown_functions(options["owners"], stage_map, f)
    if not functions:
        st.info(t("fn_none_selected"), icon=":material/info:")
        return
    stages = [
        s for s in stage_map.loc[stage_map["owner"].isin(functions), "stage"] if not f.stages or s in f.stages
    ]
    owner_tbl = data.friction("owner", f.months, f.segments, f.channels)
    stage_tbl = data.friction("stage", f.months, f.segments, f.channels)
    own, stg = page_significance(owner_tbl, stage_tbl, functions, stages, alpha)
    st.subheader(
        t("fn_ranking_header"),
        anchor=False,
        help=t("stats_method_help", alpha=i18n.fmt_number(alpha, 2), min_n=i18n.fmt_int(min_n))
        + "\n\n"
        + t("fn_tests_help", tests=len(own) + len(stg)),
    )
    metric = choose_metric()
    repeat_days = int(ctx.settings.get("repeat_contact_window_days", 7) or 7)
    repeated = q.repeated_questions(f.months, f.segments, repeat_days)
    cards = build_scorecards(
        functions,
        own,
        stg,
        stage_map,
        q.monthly(f.segments),
        q.escalations(f.months, f.segments),
        f.months,
        metric=metric,
        repeated=repeated,
    )
    for card in cards:
        card.stages = [s for s in card.stages if not f.stages or s in f.stages]
    cards = [card for card in cards if not card.empty]

    label = i18n.metric_label(metric)
    table = summary_table(cards, names, metric, with_repeated=repeated is not None)
    sig_col, yes = t("col_significant"), t("yes")
    ui.table(
        table,
        tones={sig_col: ["good" if v == yes else "muted" for v in table[sig_col]]}
        if sig_col in table
        else None,
        hide_index=True,
        width="stretch",
        key="fn_ranking",
        column_config={
            t("col_rank"): st.column_config.NumberColumn(width=36, pinned=True),
            t("fn_col_function"): st.column_config.TextColumn(pinned=True),
            t("col_significant"): st.column_config.TextColumn(
                help=t("fn_col_significant_help", metric=label, alpha=i18n.fmt_number(alpha, 2))
            ),
            t("fn_col_stages"): st.column_config.TextColumn(help=t("fn_col_stages_help")),
            stake_column(metric): st.column_config.TextColumn(help=t("fn_col_stake_in_help", metric=label)),
            t("fn_col_response_time"): st.column_config.TextColumn(
                help=t("fn_metric_response_help") + " " + t("fn_response_cell_help")
            ),
            t("fn_col_answered"): st.column_config.TextColumn(help=t("fn_col_answered_help")),
            t("fn_col_repeated"): st.column_config.TextColumn(
                help=t("fn_col_repeated_help", days=repeat_days)
            ),
        },
    )
    st.caption(
        "  \n".join(
            [
                t("fn_ranking_caption_in", metric=label),
                t("friction_units"),
                t("fn_contact_scope"),
            ]
        )
    )

    st.subheader(t("fn_cards_header"), anchor=False)
    months = [m for m in options["months"] if f.start <= m <= f.end]
    days = repeat_days if repeated is not None else None
    render_cards(cards[:CARDS_SHOWN], names, stage_names, months, metric, days)
    if len(cards) > CARDS_SHOWN:
        # the rest in one click: a company with fifteen functions keeps a page that opens fast
        more = st.expander(
            t("fn_more_cards", count=i18n.fmt_int(len(cards) - CARDS_SHOWN)),
            key="fn_more_cards",
            on_change="rerun",
        )
        if more.open:
            with more:
                render_cards(cards[CARDS_SHOWN:], names, stage_names, months, metric, days)
    st.caption(t("fn_cards_caption_plain", min_n=i18n.fmt_int(min_n)))

    render_matrix(f, options["owners"], names)
    render_drilldown(f, [c.owner for c in cards], stg, names, stage_names, alpha)


def choose_metric() -> str:
    """The metric the ranking and the scorecards use, one at a time; kept in the URL ("metric")
    so a copied link reopens the same ranking."""
    metrics = list(i18n.METRIC_DECIMALS)
    if st.session_state.get(METRIC_KEY) not in metrics:  # the page is opened (not a rerun on it)
        wanted = st.query_params.get(links.QP_METRIC) or st.session_state.get(LAST_METRIC_KEY)
        st.session_state[METRIC_KEY] = wanted if wanted in metrics else metrics[0]
    chosen = st.segmented_control(
        t("fn_rank_metric"),
        metrics,
        key=METRIC_KEY,
        format_func=lambda m: i18n.metric_label(m),
        required=True,
        help=t("fn_rank_metric_help"),
    )
    metric = chosen if chosen in metrics else metrics[0]
    st.session_state[LAST_METRIC_KEY] = metric  # kept when the page is left (the widget's is not)
    if st.query_params.get(links.QP_METRIC) != metric:
        st.query_params[links.QP_METRIC] = metric
    return metric
