"""Overview for management: is experience improving, where does the journey break, who owns it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd
import streamlit as st

from core.metrics import METRICS, Cell, Difference, Estimate, ces_easy_share, difference, estimate
from dashboard import charts, data, data_overview, filters, i18n, page, ui
from dashboard.i18n import Metric, t

TOP_FRICTION = 8


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


def render_tile(tile: Tile, min_n: int, alpha: float) -> None:
    metric, est = tile.metric, tile.estimate
    help_text = t(f"metric_{metric}_help") + "\n\n" + t("ci_help", alpha=i18n.fmt_number(alpha, 2))
    with st.container(border=True):
        if not tile.enough:
            st.metric(i18n.metric_label(metric, long=True), "—", help=help_text)
            st.markdown(f":orange[**{t('not_enough')}**]")
            st.caption(t("not_enough_detail", n=i18n.fmt_int(est.n), min_n=i18n.fmt_int(min_n)))
            return
        value = i18n.fmt_metric(metric, est.value)
        if metric == "ces":
            value = t("ces_value", value=value)
        if tile.significant and tile.change is not None and tile.change.delta is not None:
            up = tile.change.delta > 0
            st.metric(
                i18n.metric_label(metric, long=True),
                value,
                delta=i18n.fmt_metric_delta(metric, tile.change.delta),
                delta_color="green" if up else "red",
                delta_arrow="up" if up else "down",
                delta_description=t("tile_change_desc", p=i18n.fmt_p(tile.change.p_value)),
                help=help_text,
            )
        else:
            if tile.previous is None:
                note, desc = t("tile_no_previous"), None
            elif not tile.previous_enough:
                note, desc = t("tile_previous_small"), None
            else:
                note, desc = t("tile_no_change"), t("tile_no_change_desc")
            st.metric(
                i18n.metric_label(metric, long=True),
                value,
                delta=note,
                delta_color="gray",
                delta_arrow="off",
                delta_description=desc,
                help=help_text,
            )
        ci = t(
            "tile_ci",
            low=i18n.fmt_metric_plain(metric, est.ci_low),
            high=i18n.fmt_metric_plain(metric, est.ci_high),
        )
        st.caption(f"{ci} · {t('tile_n', n=i18n.fmt_int(est.n))}")
        if tile.easy_share is not None:
            st.caption(t("ces_easy_share", share=i18n.fmt_number(tile.easy_share, 0)))
        if tile.target is None:
            st.badge(t("tile_no_target"), color="gray")
        else:
            target_text = charts.target_text(metric, tile.target)
            if est.value is not None and est.value >= tile.target:
                st.badge(
                    t("tile_target_met", target=target_text), icon=":material/check_circle:", color="green"
                )
            else:
                st.badge(t("tile_target_missed", target=target_text), icon=":material/flag:", color="orange")


def trend_points(
    cells: pd.DataFrame, metric: Metric, months: list[date], min_n: int
) -> list[charts.TrendPoint]:
    points = []
    for month in months:
        est = estimate(metric, data_overview.cell_of(_between(cells, metric, month, month)))
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


def friction_display(table: pd.DataFrame) -> tuple[pd.DataFrame, int]:
    """Top friction rows (in friction_table's ranking) with readable, language-formatted
    columns; and how many rows were left out for lack of responses."""
    enough = table[table["enough_n"].astype(bool)]
    hidden = len(table) - len(enough)
    # friction that costs points: the group that met it scored lower than the rest
    costly = enough[pd.to_numeric(enough["points_at_stake"], errors="coerce") > 0]
    rows = []
    for rank, (_, r) in enumerate(costly.head(TOP_FRICTION).iterrows(), start=1):
        metric = r["metric"]
        decimals = i18n.METRIC_DECIMALS[metric]

        def signed(x: float | None, decimals: int = decimals) -> str:
            return i18n.fmt_number(x, decimals, signed=True)

        rows.append(
            {
                t("col_rank"): rank,
                t("col_stage"): _stage_name(r),
                t("col_owner"): i18n.localized(r, "owner_name"),
                t("col_metric"): i18n.metric_label(metric),
                t("col_with_without"): f"{i18n.fmt_metric(metric, r['score_with'])} / "
                f"{i18n.fmt_metric(metric, r['score_without'])}",
                t("col_delta"): f"{signed(r['delta'])} "
                f"({i18n.fmt_range(r['ci_low'], r['ci_high'], decimals, True)})",
                t("col_p_adj"): i18n.fmt_p(r["p_adjusted"]),
                t("col_significant"): t("yes") if bool(r["significant"]) else t("no"),
                t("col_stake"): f"{signed(r['points_at_stake'])} "
                f"({i18n.fmt_range(r['stake_ci_low'], r['stake_ci_high'], decimals, True)})",
            }
        )
    return pd.DataFrame(rows), hidden


def _stage_name(row: pd.Series) -> str:
    if row.get("stage") == "unattached":
        return t("stage_unattached")
    return i18n.localized(row, "name")


def render_friction(f: filters.Filters, min_n: int, alpha: float) -> None:
    st.subheader(t("friction_header"), anchor=False)
    st.caption(t("friction_intro"))
    if not data.friction_available():
        st.info(t("friction_unavailable"), icon=":material/hourglass_empty:")
        return
    table = data.friction("stage", f.months, f.segments, f.channels)
    # BH is applied across every stage tested; the stage/function filters only choose rows to show
    if f.stages:
        table = table[table["stage"].isin(f.stages)]
    if f.owners:
        table = table[table["owner"].isin(f.owners)]
    shown, hidden = friction_display(table)
    if shown.empty:
        st.info(t("friction_none"), icon=":material/info:")
    else:
        sig_col, yes = t("col_significant"), t("yes")
        styled = shown.style.map(
            lambda v: "color: #1a7f37; font-weight: 600" if v == yes else "color: #6b7280", subset=[sig_col]
        )
        ui.table(
            styled,
            hide_index=True,
            width="stretch",
            column_config={
                t("col_rank"): st.column_config.NumberColumn(width=36),
                t("col_metric"): st.column_config.TextColumn(width=64),
                t("col_with_without"): st.column_config.TextColumn(help=t("col_with_without_help")),
                t("col_delta"): st.column_config.TextColumn(help=t("col_delta_help")),
                t("col_significant"): st.column_config.TextColumn(width=88),
                t("col_p_adj"): st.column_config.TextColumn(help=t("col_p_adj_help")),
                t("col_stake"): st.column_config.TextColumn(help=t("col_stake_help")),
            },
        )
    notes = [t("friction_caption", alpha=i18n.fmt_number(alpha, 2)), t("friction_units")]
    if hidden:
        notes.append(t("friction_hidden", count=i18n.fmt_int(hidden), min_n=i18n.fmt_int(min_n)))
    st.caption("  \n".join(notes))


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
            st.plotly_chart(
                charts.trend_figure(metric, points, targets.get(metric), f.start),
                width="stretch",
                config={"displayModeBar": False},
                key=f"trend_{metric}",
            )
    st.caption(t("trend_caption", min_n=i18n.fmt_int(min_n)))

    render_friction(f, min_n, alpha)
