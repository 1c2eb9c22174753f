"""Overview for management: is experience improving, where does the journey break, who owns it.
This module lays out the page and its trend charts; the tiles are in overview_tiles.py and the
friction cards and table in overview_friction.py."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from core.metrics import METRICS, estimate
from dashboard import charts, data, data_overview, i18n, page, vega
from dashboard.i18n import Metric, t
from dashboard.views.overview_friction import friction_rows, render_cards, render_friction_table
from dashboard.views.overview_tiles import build_tile, render_tile


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
