"""The Overview's friction: the metric switch, the top friction cards and the table of every
costly friction point, each leading to the stage on the Journey page."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, filters, i18n, links, overview_cards, plain_text
from dashboard.i18n import Metric, t

METRIC_KEY = "ov_metric"  # the metric switch of the friction cards and table
CARDS_KEY = "ov_cards"
CARDS_PRINT = "ov-cards-print"  # the cards as plain text, for print only (links do not print)
# a card is one sentence: on a narrow screen it wraps instead of ending in "…" (st.page_link's
# label does not wrap by default); scoped to the cards' container
CARDS_CSS = f"""<style>
.st-key-{CARDS_KEY} [data-testid="stPageLink"] a {{ height: auto; }}
.st-key-{CARDS_KEY} [data-testid="stPageLink"] a * {{
  white-space: normal !important; overflow: visible !important; text-overflow: clip !important;
  line-height: 1.45;
}}
[data-testid="stElementContainer"]:has(.{CARDS_PRINT}) {{ display: none; }}
@media print {{
  [data-testid="stElementContainer"]:has(.{CARDS_PRINT}) {{ display: block !important; }}
}}
</style>"""


def chosen_metric(collected: list[str]) -> Metric:
    """The metric the friction ranking is in: the switch's value, on first view the link's
    ?metric= (when collected), else NPS, else the first collected metric."""
    current = st.session_state.get(METRIC_KEY)
    if current not in collected:
        current = overview_cards.default_metric(collected, st.query_params.get(links.QP_METRIC))
        st.session_state[METRIC_KEY] = current
    return current  # type: ignore[return-value]


def _sync_metric_param(metric: str, collected: list[str]) -> None:
    """Keep ?metric= in the URL when it is not the default, so a copied link reopens it."""
    if metric == overview_cards.default_metric(collected):
        if links.QP_METRIC in st.query_params:
            del st.query_params[links.QP_METRIC]
    elif st.query_params.get(links.QP_METRIC) != metric:
        st.query_params[links.QP_METRIC] = metric


def friction_rows(f: filters.Filters) -> pd.DataFrame | None:
    """The friction table by stage under the filters (None when the analysis is unavailable)."""
    if not data.friction_available():
        return None
    table = data.friction("stage", f.months, f.segments, f.channels)
    # BH is applied across every stage tested; the stage/function filters only choose rows to show
    if f.stages:
        table = table[table["stage"].isin(f.stages)]
    if f.owners:
        table = table[table["owner"].isin(f.owners)]
    return table


def render_cards(table: pd.DataFrame | None, collected: list[str]) -> Metric:
    """The first screen's friction: a metric switch and the top three friction points of that
    metric as one-line links to the stage on the Journey page. Returns the metric shown."""
    metric = chosen_metric(collected)
    head, switch = st.columns([2, 3], vertical_alignment="bottom")
    with head:
        st.subheader(t("friction_header"), anchor=False)
    if len(collected) > 1:
        with switch:
            metric = st.segmented_control(
                t("ov_metric_switch"),
                collected,
                key=METRIC_KEY,
                required=True,
                format_func=i18n.metric_label,
                help=t("ov_metric_switch_help"),
                label_visibility="collapsed",
            )
    _sync_metric_param(metric, collected)
    if table is None:
        st.info(t("friction_unavailable"), icon=":material/hourglass_empty:")
        return metric
    cards = overview_cards.top(table, metric)
    label = i18n.metric_label(metric)
    if cards.empty:
        st.info(t("ov_cards_none", metric=label), icon=":material/info:")
        return metric
    lang = i18n.lang()
    sentences = [overview_cards.card_text(row, lang) for _, row in cards.iterrows()]
    st.html(CARDS_CSS)
    with st.container(key=CARDS_KEY, gap="small"):
        for sentence, (_, row) in zip(sentences, cards.iterrows()):
            target = overview_cards.target(row, metric)
            if target is None:
                st.markdown(f":material/arrow_right: {plain_text.escape_markdown(sentence)}")
            else:
                links.page_link(
                    target[0], sentence, icon=":material/arrow_forward:", help=t("ov_card_help"), **target[1]
                )
    # links are not printed (ui.apply_style): the sentences are, as plain escaped text
    items = "".join(f"<li>{plain_text.escape_html(s)}</li>" for s in sentences)
    st.html(f'<div class="{CARDS_PRINT}"><ol>{items}</ol></div>')
    if len(cards) < overview_cards.CARDS:
        st.caption(t("ov_cards_fewer", metric=label))
    return metric


def render_friction_table(table: pd.DataFrame | None, metric: Metric, min_n: int, alpha: float) -> None:
    """Below the fold: every costly friction point of the chosen metric, rows open the stage."""
    if table is None:
        return
    label = i18n.metric_label(metric)
    st.subheader(t("ov_table_header", metric=label), anchor=False)
    ranked = overview_cards.of_metric(table, metric)
    hidden = overview_cards.not_enough(table, metric)
    if ranked.empty:
        st.info(t("ov_table_none", metric=label), icon=":material/info:")
    else:
        st.caption(t("ov_table_intro"))
        lang = i18n.lang()
        shown = overview_cards.table_rows(ranked, metric, lang)
        clear, yes = t("ov_col_clear"), t("yes")
        links.drill_table(
            shown,
            [overview_cards.target(row, metric) for _, row in ranked.iterrows()],
            key=f"ov_friction_{metric}",
            tones={clear: ["good" if v == yes else "muted" for v in shown[clear]]},
            column_config={
                t("ov_col_affected"): st.column_config.TextColumn(help=t("ov_col_affected_help")),
                t("ov_col_scores"): st.column_config.TextColumn(help=t("ov_col_scores_help")),
                t("ov_col_difference"): st.column_config.TextColumn(help=t("ov_col_difference_help")),
                t("ov_col_clear"): st.column_config.TextColumn(
                    help=t("ov_col_clear_help", alpha=i18n.fmt_number(alpha, 2))
                ),
                t("ov_col_gain"): st.column_config.TextColumn(help=t("ov_col_gain_help")),
            },
        )
    if hidden:
        st.caption(t("ov_table_hidden", count=i18n.fmt_int(hidden), min_n=i18n.fmt_int(min_n)))
