"""Overview for management: is experience improving, where does the journey break, who owns it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from core.metrics import METRICS, Cell, Difference, Estimate, ces_easy_share, difference, estimate
from dashboard import (
    charts,
    data,
    data_overview,
    filters,
    i18n,
    links,
    overview_cards,
    page,
    plain_text,
    vega,
)
from dashboard.i18n import Metric, t


@dataclass(frozen=True)
class Tile:
    metric: Metric
    estimate: Estimate
    enough: bool
    previous: Estimate | None  # None when there is no earlier data at all
    previous_enough: bool
    change: Difference | None
    significant: bool
    target: float | None
    easy_share: float | None = None  # CES only: % of answers 5-7


def _between(frame: pd.DataFrame, metric: Metric, start: date, end: date) -> pd.DataFrame:
    return frame[
        (frame["metric"] == metric) & (frame["period_month"] >= start) & (frame["period_month"] <= end)
    ]


def build_tile(
    cells: pd.DataFrame, metric: Metric, f: filters.Filters, min_n: int, alpha: float, target: float | None
) -> Tile:
    """Period estimate, comparison with the previous period of equal length, and target."""
    assert f.start is not None and f.end is not None and f.previous is not None
    now_cell = data_overview.cell_of(_between(cells, metric, f.start, f.end))
    now = estimate(metric, now_cell)
    prev_cell: Cell = data_overview.cell_of(_between(cells, metric, *f.previous))
    previous = estimate(metric, prev_cell) if prev_cell.n else None
    enough = now.enough(min_n)
    previous_enough = previous is not None and previous.enough(min_n)
    change = None
    if enough and previous_enough:
        change = difference(metric, now_cell, prev_cell)
    significant = bool(change is not None and change.p_value is not None and change.p_value < alpha)
    easy = ces_easy_share(now_cell) if metric == "ces" else None
    return Tile(metric, now, enough, previous, previous_enough, change, significant, target, easy)


def _tile_help(tile: Tile, alpha: float) -> str:
    """The statistics behind a tile, for its tooltip (the tile itself speaks plainly)."""
    metric, est = tile.metric, tile.estimate
    decimals = i18n.METRIC_DECIMALS[metric]
    parts = [t(f"metric_{metric}_help")]
    if tile.enough:
        parts.append(
            t(
                "ov_tile_help_now",
                value=i18n.fmt_metric(metric, est.value),
                low=i18n.fmt_metric_plain(metric, est.ci_low),
                high=i18n.fmt_metric_plain(metric, est.ci_high),
                n=i18n.fmt_int(est.n),
            )
        )
    change, previous = tile.change, tile.previous
    if change is not None and change.delta is not None and previous is not None:
        parts.append(
            t(
                "ov_tile_help_change",
                previous=i18n.fmt_metric(metric, previous.value),
                n=i18n.fmt_int(previous.n),
                change=i18n.fmt_metric_delta(metric, change.delta),
                low=i18n.fmt_number(change.ci_low, decimals, signed=True),
                high=i18n.fmt_number(change.ci_high, decimals, signed=True),
                p=i18n.fmt_p(change.p_value),
                alpha=i18n.fmt_number(alpha, 2),
            )
        )
    parts.append(t("ci_help"))
    return "\n\n".join(parts)


NBSP = "\u00a0"


def _keep(text: str) -> str:
    """A note that wraps only between notes, never inside one ('Target' / '5.5 met')."""
    return text.replace(" ", NBSP).replace("–", "\u2060–\u2060")


def tile_change(tile: Tile) -> str:
    """The tile's change line (Markdown of our own numbers and texts only): a badge with the
    change, the previous value and the change's interval, '+3.1 vs +41.2 (+0.4…+6.6)', coloured
    with an arrow and 'clear rise/drop' when significant, grey and 'no clear change' when not."""
    metric, change, previous = tile.metric, tile.change, tile.previous
    if previous is None:
        return f":gray-badge[{t('ov_tile_no_previous')}]"
    if change is None or change.delta is None:
        return f":gray-badge[{t('ov_tile_previous_small')}]"
    decimals = i18n.METRIC_DECIMALS[metric]
    vs = t(
        "ov_tile_vs",
        change=i18n.fmt_number(change.delta, decimals, signed=True),
        previous=i18n.fmt_metric(metric, previous.value),
    )
    badge = f"{vs} {overview_cards.interval(change.ci_low, change.ci_high, decimals, i18n.lang())}"
    if not tile.significant:
        return f":gray-badge[{badge}] :gray[{_keep(t('ov_tile_no_change'))}]"
    if change.delta > 0:
        return f":green-badge[:material/arrow_upward: {badge}] :green[{_keep(t('ov_tile_clear_rise'))}]"
    return f":red-badge[:material/arrow_downward: {badge}] :red[{_keep(t('ov_tile_clear_drop'))}]"


def render_tile(tile: Tile, min_n: int, alpha: float) -> None:
    metric, est = tile.metric, tile.estimate
    label = i18n.metric_label(metric, long=True)
    help_text = _tile_help(tile, alpha)
    with st.container(border=True, gap="xsmall"):
        if not tile.enough:
            st.metric(label, "—", help=help_text)
            st.caption(f":orange-badge[{t('not_enough')}]")
            st.caption(t("not_enough_detail", n=i18n.fmt_int(est.n), min_n=i18n.fmt_int(min_n)))
            return
        value = i18n.fmt_metric(metric, est.value)
        if metric == "ces":
            value = t("ces_value", value=value)
        st.metric(label, value, help=help_text)
        st.markdown(f":small[{tile_change(tile)}]")  # not a caption: its faded grey is too light to project
        notes = [_keep(t("ov_tile_answers", n=i18n.fmt_int(est.n)))]
        if tile.target is None:
            notes.append(_keep(t("tile_no_target")))
        else:
            target_text = charts.target_text(metric, tile.target)
            if est.value is not None and est.value >= tile.target:
                met = _keep(t("tile_target_met", target=target_text))
                notes.append(f":green[:material/check_circle:{NBSP}{met}]")
            else:
                missed = _keep(t("tile_target_missed", target=target_text))
                notes.append(f":orange[:material/flag:{NBSP}{missed}]")
        if tile.easy_share is not None:
            notes.append(_keep(t("ces_easy_share", share=i18n.fmt_number(tile.easy_share, 0))))
        st.caption(" · ".join(notes))


def trend_points(
    cells: pd.DataFrame, metric: Metric, months: list[date], min_n: int
) -> list[charts.TrendPoint]:
    points = []
    by_month = {month: rows for month, rows in cells[cells["metric"] == metric].groupby("period_month")}
    for month in months:
        rows = by_month.get(month)
        est = estimate(metric, data_overview.cell_of(rows if rows is not None else cells.iloc[0:0]))
        ok = est.enough(min_n)
        points.append(
            charts.TrendPoint(
                month,
                est.n,
                est.value if ok else None,
                est.ci_low if ok else None,
                est.ci_high if ok else None,
            )
        )
    return points


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


def collected_metrics(options: dict) -> list[str]:
    """The metrics with any survey response at all, in the usual order (a company that does
    not ask for CES gets no CES tile, rather than a 'not enough responses (n = 0)' one)."""
    return [m for m in METRICS if m in options.get("metrics", METRICS)]


def _names(metrics: list[str]) -> str:
    return ", ".join(i18n.metric_label(m) for m in metrics)


def render() -> None:
    """The Overview page."""
    ctx = page.start("ov_title")
    if ctx is None:
        return
    options, f, min_n, alpha = ctx.options, ctx.filters, ctx.min_n, ctx.alpha
    targets = data.targets()

    scope = [i18n.fmt_month_range(f.start, f.end)]
    if f.previous and f.previous[1] >= options["months"][0]:
        covered = (max(f.previous[0], options["months"][0]), f.previous[1])  # data may start later
        scope.append(t("ov_scope_compared", previous=i18n.fmt_month_range(*covered)))
    else:
        scope.append(t("ov_scope_no_previous"))
    scope += page.scope_parts(ctx, channels=True)[1:]
    st.caption(" · ".join(scope))

    collected = collected_metrics(options)
    if not collected:
        st.info(t("ov_no_surveys"), icon=":material/info:")
        return
    if len(collected) < len(METRICS):
        st.caption(
            t(
                "ov_metrics_collected",
                collected=_names(collected),
                missing=_names([m for m in METRICS if m not in collected]),
            )
        )
    cells = data_overview.monthly_cells(f.segments, f.channels)
    for column, metric in zip(st.columns(len(collected)), collected):
        with column:
            tile = build_tile(cells, metric, f, min_n, alpha, targets.get(metric))
            render_tile(tile, min_n, alpha)

    table = friction_rows(f)
    chosen = render_cards(table, collected)

    st.subheader(t("trend_header"), anchor=False)
    shown_from = max(f.previous[0], options["months"][0]) if f.previous else f.start
    months = [m for m in options["months"] if shown_from <= m <= f.end]
    for column, metric in zip(st.columns(len(collected)), collected):
        with column:
            points = trend_points(cells, metric, months, min_n)
            st.markdown(f"**{i18n.metric_label(metric, long=True)}**")
            if not any(p.value is not None for p in points if p.month >= f.start):
                st.caption(t("trend_empty"))
                continue
            vega.show(charts.trend_spec(metric, points, targets.get(metric), f.start), key=f"trend_{metric}")
    st.caption(t("trend_caption", min_n=i18n.fmt_int(min_n)))

    render_friction_table(table, chosen, min_n, alpha)
