"""Functions: the friction each function owns, what it costs, and how fast it answers others.
This module lays out the page, its ranking, scorecards and caused/handled matrix; one
function's drill-down is in functions_drilldown.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, filters, i18n, links, page, ui, vega
from dashboard import data_functions as q
from dashboard.data_functions import (
    build_scorecards,
    page_significance,
    service_absorbed,
    shown_functions,
)
from dashboard.functions_cards import render_cards, stake_column, summary_table
from dashboard.functions_figures import function_name, heatmap_spec, matrix_order
from dashboard.i18n import t
from dashboard.views.functions_drilldown import render_drilldown

METRIC_KEY = "fn_metric"
LAST_METRIC_KEY = "_fn_metric_last"
CARDS_SHOWN = 4  # scorecards drawn with the page (the top of the ranking); the rest on request


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
