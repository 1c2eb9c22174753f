"""The meeting pack as one self-contained HTML file: tables, plotly charts with plotly.js inline (no
CDN, no external font or URL, so it opens offline), and print CSS for A4 (the PDF prints it)."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from typing import Any

import plotly.graph_objects as go

from pipelines.report_pack import fmt
from pipelines.report_pack.columns import (
    Column,
    action_columns,
    comment_columns,
    measure_text,
    metric_label,
    verdict_text,
)
from pipelines.report_pack.model import ActionRow, FunctionSection, Pack, PointRow
from pipelines.report_pack.text import Lang, t

CHART_WIDTH = 680  # px: fits an A4 page's printable width
PRIMARY, MUTED = "#1f5fa8", "#8a5a00"
CSS = """
@page { size: A4; margin: 14mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "DejaVu Sans", "Liberation Sans", Arial, sans-serif; font-size: 10pt; color: #1f2937;
       max-width: 190mm; margin: 0 auto; padding: 8px; }
h1 { font-size: 17pt; margin: 0 0 4px; } h2 { font-size: 14pt; margin: 18px 0 6px; color: #1f5fa8; }
h3 { font-size: 11pt; margin: 12px 0 4px; }
p.meta { color: #4b5563; margin: 2px 0; }
table { border-collapse: collapse; width: 100%; margin: 4px 0 10px; table-layout: auto; }
th { background: #1f5fa8; color: #fff; text-align: left; font-weight: 600; }
th, td { padding: 3px 4px; border-bottom: 1px solid #d1d5db; vertical-align: top;
         overflow-wrap: anywhere; word-break: normal; font-size: 8.5pt; }
th { font-size: 7.5pt; overflow-wrap: break-word; }
td.n { text-align: right; white-space: nowrap; }
td.s { white-space: nowrap; }
tr.sig td { font-weight: 600; }
td.overdue { color: #b91c1c; font-weight: 600; }
.kpis { display: flex; flex-wrap: wrap; gap: 6px 18px; margin: 4px 0 8px; }
.kpis div b { display: block; font-size: 12pt; }
.chart { width: 680px; max-width: 100%; break-inside: avoid; page-break-inside: avoid; }
thead { display: table-header-group; }
tr { break-inside: avoid; page-break-inside: avoid; }
@media print {
  body { max-width: none; padding: 0; }
  section.function { break-before: page; page-break-before: always; }
  .modebar-container { display: none !important; }
}
"""
PLOTLY_CONFIG = {"displaylogo": False, "displayModeBar": False, "responsive": False, "staticPlot": False}


def _cell(value: Any, kind: str, metric: str | None, lang: Lang) -> tuple[str, bool]:
    """(text, numeric) of one value as the pages show it."""
    if kind == "text":
        return ("" if value is None else str(value)), False
    if kind == "flag":
        return ("" if value is None else t(lang, "yes" if value else "no")), False
    if kind in ("date", "datetime"):
        text = fmt.day(value, lang)
        return (text + (f" {value:%H:%M}" if kind == "datetime" and value is not None else "")), False
    if kind == "rate":
        return fmt.share(value, lang), True
    if kind == "eur":
        return fmt.eur(value, lang), True
    if kind in ("score", "signed"):
        return fmt.score(metric, value, lang, kind == "signed"), True
    return fmt.num(value, lang, 1 if kind == "num1" else 0), True


def table(columns: Sequence[Column], rows: Sequence[Any], lang: Lang, row_class=None) -> str:
    head = "".join(f"<th>{escape(t(lang, c.key))}</th>" for c in columns)
    body = []
    for item in rows:
        cells = []
        for c in columns:
            text, numeric = _cell(c.value(item), c.kind, getattr(item, "metric", None), lang)
            klass = (
                "n"
                if numeric
                else "s"
                if c.kind in ("date", "datetime", "flag") or c.key == "col_status"
                else ""
            )
            if c.key == "col_overdue" and getattr(item, "overdue", False):
                klass = "overdue"
            cells.append(f'<td class="{klass}">{escape(text)}</td>' if klass else f"<td>{escape(text)}</td>")
        extra = f' class="{row_class(item)}"' if row_class and row_class(item) else ""
        body.append(f"<tr{extra}>{''.join(cells)}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def _with_without(row: PointRow, lang: Lang) -> str:
    """'+5.4 / +40.3': the score with and without the friction (blank below min n)."""
    if row.score_with is None:
        return ""
    return f"{fmt.score(row.metric, row.score_with, lang)} / {fmt.score(row.metric, row.score_without, lang)}"


def _point_table(pack: Pack, points: Sequence[PointRow], with_owner: bool) -> str:
    """Friction points with the scores and CIs combined into texts, so the table fits A4."""
    lang = pack.lang
    columns = [Column("col_rank", "int", lambda r: r.rank), Column("col_point", "text", lambda r: r.name)]
    if with_owner:
        columns.append(Column("col_owner", "text", lambda r: r.owner_name))
    columns += [
        Column("col_metric", "text", lambda r: metric_label(pack, r.metric)),
        Column("col_friction_rate", "rate", lambda r: r.friction_rate),
        Column("col_contacts_100", "num1", lambda r: r.contacts_per_100),
        Column("col_avoidable_cost", "eur", lambda r: r.avoidable_cost),
        Column("col_with_without", "text", lambda r: _with_without(r, lang)),
        Column(
            "col_delta_ci", "text", lambda r: fmt.with_ci(r.metric, r.delta, r.ci_low, r.ci_high, lang, True)
        ),
        Column(
            "col_stake_ci",
            "text",
            lambda r: fmt.with_ci(r.metric, r.stake, r.stake_low, r.stake_high, lang, True),
        ),
        Column("col_significant", "flag", lambda r: r.significant if r.enough_n else None),
    ]
    return table(columns, points, lang, row_class=lambda r: "sig" if r.significant else "")


def _score_table(pack: Pack) -> str:
    lang = pack.lang
    columns = [
        Column("col_metric", "text", lambda r: metric_label(pack, r.metric)),
        Column("col_n", "int", lambda r: r.n),
        Column(
            "col_score_ci", "text", lambda r: fmt.with_ci(r.metric, r.value, r.ci_low, r.ci_high, lang, False)
        ),
        Column("col_prev_score", "score", lambda r: r.prev_value),
        Column(
            "col_change_ci",
            "text",
            lambda r: fmt.with_ci(r.metric, r.change, r.change_low, r.change_high, lang, True),
        ),
        Column("col_significant", "flag", lambda r: r.significant if r.change is not None else None),
    ]
    return table(columns, pack.scores, lang)


def _figure_html(fig: go.Figure, first: bool, div_id: str) -> str:
    """A figure's div; the first one carries plotly.js inline (once per file)."""
    return fig.to_html(
        full_html=False, include_plotlyjs=True if first else False, config=PLOTLY_CONFIG, div_id=div_id
    )


def stake_figure(pack: Pack, points: Sequence[PointRow]) -> go.Figure | None:
    """Points at stake with their 95% CI, one bar per friction point with enough responses."""
    usable = [p for p in points if p.stake is not None]
    if not usable:
        return None
    labels = [escape(f"{p.name} · {metric_label(pack, p.metric)}") for p in usable]
    bars = go.Bar(
        x=[p.stake for p in usable],
        y=labels,
        orientation="h",
        marker_color=[PRIMARY if p.significant else "#9ca3af" for p in usable],
        error_x={
            "type": "data",
            "symmetric": False,
            "array": [p.stake_high - p.stake for p in usable],
            "arrayminus": [p.stake - p.stake_low for p in usable],
            "color": "#374151",
        },
        hovertemplate="%{y}: %{x:.1f}<extra></extra>",
    )
    height = 90 + 26 * len(usable)
    layout = go.Layout(
        width=CHART_WIDTH,
        height=height,
        margin={"l": 10, "r": 10, "t": 30, "b": 30},
        title={"text": escape(t(pack.lang, "chart_stake")), "font": {"size": 12}},
        yaxis={"autorange": "reversed", "automargin": True},
        plot_bgcolor="#ffffff",
        xaxis={"gridcolor": "#e5e7eb", "zerolinecolor": "#6b7280"},
    )
    return go.Figure(data=[bars], layout=layout)


def trend_figure(pack: Pack, section: FunctionSection) -> go.Figure | None:
    """Friction rate (line) and avoidable contacts (bars) per month of the period."""
    if not section.trend or not section.reached:
        return None
    months = [p.month.strftime("%Y-%m") for p in section.trend]
    rate = go.Scatter(
        x=months,
        y=[None if p.friction_rate is None else 100 * p.friction_rate for p in section.trend],
        mode="lines+markers",
        name=escape(t(pack.lang, "col_friction_rate")),
        line={"color": PRIMARY},
    )
    avoidable = go.Bar(
        x=months,
        y=[p.avoidable_contacts for p in section.trend],
        name=escape(t(pack.lang, "head_avoidable")),
        yaxis="y2",
        marker_color="rgba(138, 90, 0, 0.35)",
    )
    layout = go.Layout(
        width=CHART_WIDTH,
        height=240,
        margin={"l": 40, "r": 40, "t": 30, "b": 30},
        title={"text": escape(t(pack.lang, "h_trend")), "font": {"size": 12}},
        xaxis={"type": "category"},
        yaxis={"ticksuffix": "%", "rangemode": "tozero", "gridcolor": "#e5e7eb"},
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "rangemode": "tozero",
            "showgrid": False,
            "tickformat": ",d",
        },
        legend={"orientation": "h", "y": -0.2},
        plot_bgcolor="#ffffff",
    )
    return go.Figure(data=[avoidable, rate], layout=layout)


class _Charts:
    """Numbered chart divs; plotly.js goes in with the first."""

    def __init__(self) -> None:
        self.count = 0

    def add(self, fig: go.Figure | None) -> str:
        if fig is None:
            return ""
        self.count += 1
        return f'<div class="chart">{_figure_html(fig, self.count == 1, f"chart-{self.count}")}</div>'


def _section(pack: Pack, section: FunctionSection, charts: _Charts) -> str:
    lang = pack.lang
    kpis = "".join(
        f"<div>{escape(t(lang, key))}<b>{escape(text)}</b></div>"
        for key, text in (
            ("head_reached", fmt.num(section.reached, lang, 0)),
            ("head_friction", fmt.share(section.friction_rate, lang)),
            ("head_contacts", fmt.num(section.contacts, lang, 0)),
            ("head_avoidable", fmt.num(section.avoidable, lang, 0)),
            ("col_avoidable_cost", fmt.eur(section.avoidable_cost, lang)),
        )
    )
    parts = [f'<section class="function"><h2>{escape(section.name)}</h2><div class="kpis">{kpis}</div>']
    parts.append(f"<h3>{escape(t(lang, 'h_points'))}</h3>")
    parts.append(
        _point_table(pack, section.points, False)
        if section.points
        else f"<p>{escape(t(lang, 'none_points'))}</p>"
    )
    parts.append(charts.add(stake_figure(pack, section.points)))
    parts.append(charts.add(trend_figure(pack, section)))
    parts.append(f"<h3>{escape(t(lang, 'h_comments'))}</h3>")
    parts.append(
        table(comment_columns(pack), section.comments, lang)
        if section.comments
        else f"<p>{escape(t(lang, 'none_comments'))}</p>"
    )
    parts.append(f"<h3>{escape(t(lang, 'h_actions'))}</h3>")
    parts.append(_actions(pack, section.actions))
    return "".join(parts) + "</section>"


def _verdict(pack: Pack, row: ActionRow) -> str:
    """'Improved: Friction rate, % points −6.8 (−9.7 to −4.0)'."""
    text = verdict_text(pack, row)
    if row.change is None:
        return text
    change = fmt.with_ci(row.metric, row.change, row.change_low, row.change_high, pack.lang, True)
    return f"{text}: {measure_text(pack, row)} {change}"


def _actions(pack: Pack, actions: Sequence[Any]) -> str:
    if not pack.actions_available:
        return f"<p>{escape(t(pack.lang, 'no_register'))}</p>"
    if not actions:
        return f"<p>{escape(t(pack.lang, 'none_actions'))}</p>"
    wanted = ("col_title", "col_point", "col_responsible", "col_due", "col_status", "col_overdue")
    columns = [c for c in action_columns(pack) if c.key in wanted]
    columns.append(Column("col_verdict", "text", lambda r: _verdict(pack, r)))
    return table(columns, actions, pack.lang)


def render_html(pack: Pack) -> str:
    """The whole file as text."""
    lang, charts = pack.lang, _Charts()
    title = " — ".join(x for x in (pack.company, t(lang, "title")) if x)
    meta = [
        f"{t(lang, 'meta_scope')}: {pack.scope_name}",
        f"{t(lang, 'meta_period')}: {fmt.month_range(pack.start, pack.end)} · "
        f"{t(lang, 'meta_previous')}: {fmt.month_range(*pack.previous)}",
        f"{t(lang, 'meta_generated')}: {pack.generated_at:%Y-%m-%d %H:%M}",
        t(lang, "meta_min_n", min_n=pack.min_n),
    ]
    parts = [
        f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{escape(title)}</title><style>{CSS}</style></head><body>",
        f"<h1>{escape(title)}</h1>",
        "".join(f'<p class="meta">{escape(line)}</p>' for line in meta),
        f"<h2>{escape(t(lang, 'h_scores'))}</h2>",
        _score_table(pack),
        f"<h2>{escape(t(lang, 'h_top'))}</h2>",
        _point_table(pack, pack.top_points, True)
        if pack.top_points
        else f"<p>{escape(t(lang, 'none_points'))}</p>",
        charts.add(stake_figure(pack, pack.top_points)),
    ]
    parts += [_section(pack, section, charts) for section in pack.functions]
    parts.append(f'<section class="function"><h2>{escape(t(lang, "h_actions"))}</h2>')
    parts.append(_actions(pack, pack.actions) + "</section></body></html>")
    return "".join(parts)
