"""The Overview's metric tiles: each metric's period estimate, its change since the previous
period and its target, in plain words with the statistics in the tooltip."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from core.metrics import Cell, Difference, Estimate, ces_easy_share, difference, estimate
from dashboard import charts, data_overview, filters, i18n, overview_cards
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
