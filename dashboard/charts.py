"""Plotly figures in the dashboard's house style, with language-aware number formatting."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

import plotly.graph_objects as go

from dashboard import i18n
from dashboard.i18n import Metric, t

PRIMARY = "#1f5fa8"
BAND = "rgba(31, 95, 168, 0.14)"
TARGET = "#8a5a00"
GRID = "#e6e9ef"
AXIS = "#6b7280"
MUTED = "#9aa1ad"
PERIOD_SHADE = "rgba(31, 95, 168, 0.05)"
FONT = "Source Sans Pro, Source Sans 3, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"

# Axis ranges that keep the scales honest (CSAT in %, CES on its 1-7 scale).
METRIC_BOUNDS = {"nps": (-100.0, 100.0), "csat": (0.0, 100.0), "ces": (1.0, 7.0)}


@dataclass(frozen=True)
class TrendPoint:
    month: date
    n: int
    value: float | None  # None when n is below the minimum
    ci_low: float | None
    ci_high: float | None


def base_layout(height: int, margin: dict, font_size: int = 12) -> dict:
    """The house layout: size, transparent background, house font and the language's separators."""
    return {
        "height": height,
        "margin": margin,
        "paper_bgcolor": "rgba(0,0,0,0)",
        "plot_bgcolor": "rgba(0,0,0,0)",
        "font": {"family": FONT, "size": font_size, "color": "#31333f"},
        "separators": i18n.plotly_separators(),
    }


def plotly_locale(lang_code: i18n.LangCode | None = None) -> dict:
    """Plotly's locale for the language: month and day names and the date order of date axes
    (Plotly knows only English; the Finnish names come from i18n, so they match our own texts)."""
    code = lang_code or i18n.lang()
    return {
        "format": {
            "months": i18n.month_names(short=False, lang_code=code),
            "shortMonths": i18n.month_names(short=True, lang_code=code),
            "days": i18n.day_names(short=False, lang_code=code),
            "shortDays": i18n.day_names(short=True, lang_code=code),
            "date": "%-d.%-m.%Y" if code == "fi" else "%-d %b %Y",
        }
    }


def plotly_config(**extra: Any) -> dict:
    """The ``config`` of every st.plotly_chart: no mode bar, and the page's language for what
    Plotly writes itself (month names on date axes), plus ``extra``.

    st.plotly_chart(fig, config=charts.plotly_config(), ...)
    """
    code = i18n.lang()
    return {"displayModeBar": False, "locale": code, "locales": {code: plotly_locale(code)}, **extra}


def date_axis(**extra: Any) -> dict:
    """An x axis of dates (a timeline) in the language's date style: Finnish days as '5.6.' and
    months as 'kesä 2026' (with plotly_config's locale), English as Plotly writes them."""
    axis: dict[str, Any] = {"type": "date", "gridcolor": GRID, "tickfont": {"color": AXIS}}
    if i18n.lang() == "fi":
        day = 24 * 3600 * 1000
        axis["tickformatstops"] = [
            {"dtickrange": [None, day], "value": "%-d.%-m. klo %-H.%M"},
            {"dtickrange": [day, 28 * day], "value": "%-d.%-m.%Y"},
            {"dtickrange": [28 * day, None], "value": "%b %Y"},
        ]
    return {**axis, **extra}


def percent_suffix() -> str:
    """The percent sign as a tick suffix (after a non-breaking space in Finnish)."""
    return "\u00a0%" if i18n.lang() == "fi" else "%"


def trend_figure(
    metric: Metric,
    points: list[TrendPoint],
    target: float | None,
    period_start: date | None = None,
    height: int = 260,
) -> go.Figure:
    """Monthly score line with its 95% CI band and a dashed target line.

    Months before ``period_start`` (the comparison period) are drawn in grey, the selected
    period in the primary colour on a lightly shaded background.
    """
    shown = [p for p in points if p.value is not None]
    categories = [month_key(p.month) for p in points]
    tickvals, ticktext = month_ticks([p.month for p in points])
    layout = {
        **base_layout(height, {"l": 8, "r": 8, "t": 12, "b": 8}),
        "hovermode": "closest",
        "hoverlabel": {"bgcolor": "white", "font": {"family": FONT}},
        "xaxis": {
            "type": "category",
            "categoryorder": "array",
            "categoryarray": categories,
            "range": [-0.5, len(categories) - 0.5],
            "showgrid": False,
            "tickfont": {"color": AXIS},
            "tickangle": 0,
            "tickmode": "array",
            "tickvals": tickvals,
            "ticktext": ticktext,
        },
        "yaxis": _value_axis(metric, shown, target),
    }
    shapes = _period_shade(categories, period_start)
    if target is not None:
        shapes.append(_target_line(target))
        layout["annotations"] = [_target_label(metric, target)]
    if shapes:
        layout["shapes"] = shapes
    return go.Figure(data=_band_traces(shown) + _line_traces(metric, shown, period_start), layout=layout)


def _band_traces(shown: list[TrendPoint]) -> list[go.Scatter]:
    """The CI band: an invisible upper line and a lower line filled up to it."""
    band_ok = [p for p in shown if p.ci_low is not None and p.ci_high is not None]
    if not band_ok:
        return []
    bx = [month_key(p.month) for p in band_ok]
    return [
        go.Scatter(
            x=bx,
            y=[p.ci_high for p in band_ok],
            mode="lines",
            line={"width": 0},
            hoverinfo="skip",
            showlegend=False,
        ),
        go.Scatter(
            x=bx,
            y=[p.ci_low for p in band_ok],
            mode="lines",
            line={"width": 0},
            fill="tonexty",
            fillcolor=BAND,
            hoverinfo="skip",
            name=t("chart_ci"),
            showlegend=False,
        ),
    ]


def _line_traces(metric: Metric, shown: list[TrendPoint], period_start: date | None) -> list[go.Scatter]:
    """The comparison period in grey joined to the selected period in the primary colour."""
    earlier = [p for p in shown if period_start is not None and p.month < period_start]
    current = [p for p in shown if period_start is None or p.month >= period_start]
    if earlier and current:
        earlier = earlier + current[:1]  # join the two lines
    return [
        go.Scatter(
            x=[month_key(p.month) for p in group],
            y=[p.value for p in group],
            mode="lines+markers",
            line={"color": color, "width": 2.5},
            marker={"size": 6, "color": color},
            hovertext=[_hover(metric, p) for p in group],
            hoverinfo="text",
            showlegend=False,
            name=i18n.metric_label(metric),
        )
        for group, color in ((earlier, MUTED), (current, PRIMARY))
        if group
    ]


def _period_shade(categories: list[str], period_start: date | None) -> list[dict]:
    """The shaded background of the selected period (none when it starts at the first month)."""
    if period_start is None or month_key(period_start) not in categories:
        return []
    first = categories.index(month_key(period_start))
    if first == 0:
        return []
    return [
        {
            "type": "rect",
            "x0": first - 0.5,
            "x1": len(categories) - 0.5,
            "xref": "x",
            "y0": 0,
            "y1": 1,
            "yref": "y domain",
            "fillcolor": PERIOD_SHADE,
            "line": {"width": 0},
            "layer": "below",
        }
    ]


def _target_line(target: float) -> dict:
    """A dashed horizontal line across the plot at ``target``."""
    return {
        "type": "line",
        "x0": 0,
        "x1": 1,
        "xref": "x domain",
        "y0": target,
        "y1": target,
        "yref": "y",
        "line": {"color": TARGET, "dash": "dash", "width": 1.5},
    }


def _target_label(metric: Metric, target: float) -> dict:
    """The target line's label above its left end."""
    return {
        "text": t("chart_target", target=target_text(metric, target)),
        "x": 0,
        "xanchor": "left",
        "xref": "x domain",
        "y": target,
        "yanchor": "bottom",
        "yref": "y",
        "showarrow": False,
        "font": {"color": TARGET, "size": 11},
        "bgcolor": "rgba(255, 255, 255, 0.85)",
    }


def _value_axis(metric: Metric, shown: list[TrendPoint], target: float | None) -> dict:
    """The score axis: a range around the values, CI and target within the metric's bounds."""
    values = [v for p in shown for v in (p.value, p.ci_low, p.ci_high) if v is not None]
    if target is not None:
        values.append(target)
    yaxis: dict = {
        "gridcolor": GRID,
        "zeroline": False,
        "tickfont": {"color": AXIS},
        "separatethousands": True,
    }
    if values:
        low, high = min(values), max(values)
        pad = max((high - low) * 0.15, {"nps": 3.0, "csat": 2.0, "ces": 0.1}.get(metric, 1.0))
        bounds = METRIC_BOUNDS.get(metric, (low - pad, high + pad))
        yaxis["range"] = [max(bounds[0], low - pad), min(bounds[1], high + pad)]
    if metric == "csat":
        yaxis["ticksuffix"] = percent_suffix()
    return yaxis


def _hover(metric: Metric, p: TrendPoint) -> str:
    return t(
        "chart_hover",
        month=i18n.fmt_month(p.month, short=False),
        metric=i18n.metric_label(metric),
        value=i18n.fmt_metric(metric, p.value),
        low=i18n.fmt_metric_plain(metric, p.ci_low),
        high=i18n.fmt_metric_plain(metric, p.ci_high),
        n=i18n.fmt_int(p.n),
    )


def month_key(month: date) -> str:
    """The category of a month on a chart axis: '2026-03'."""
    return f"{month.year:04d}-{month.month:02d}"


def month_ticks(months: list[date], max_ticks: int = 7) -> tuple[list[str], list[str]]:
    """Readable month ticks: at most ``max_ticks``, the year under the first and each January."""
    if not months:
        return [], []
    step = max(1, -(-len(months) // max_ticks))
    vals, texts, last_year = [], [], None
    for month in months[::step]:
        name = i18n.fmt_month(month).split(" ")[0]
        texts.append(f"{name}<br>{month.year}" if month.year != last_year else name)
        vals.append(month_key(month))
        last_year = month.year
    return vals, texts


def target_text(metric: Metric, target: float) -> str:
    """A target in its metric's units: NPS '+30', CSAT '80%', CES '5.5'."""
    if metric == "nps":
        return i18n.fmt_number(target, 0, signed=True)
    if metric == "csat":
        return i18n.fmt_percent(target, 0)
    return i18n.fmt_number(target, 1)


# --- bars (Contacts and the like) -------------------------------------------------------------


def legend_layout(height: int, **extra: Any) -> dict:
    """The house layout with white hover labels and the legend above the plot, plus ``extra``."""
    return {
        **base_layout(height, {"l": 8, "r": 8, "t": 28, "b": 8}),
        "hoverlabel": {"bgcolor": "white"},
        "legend": {"orientation": "h", "yanchor": "bottom", "y": 1.0, "x": 0},
        **extra,
    }


def bar_figure(
    labels: list[str],
    values: list[float],
    hover: list[str],
    height: int = 240,
    color: str = PRIMARY,
    horizontal: bool = True,
    ticks: tuple[list[str], list[str]] | None = None,
) -> go.Figure:
    """Bars per label, horizontal (first label on top) or vertical; ``ticks`` labels the label axis."""
    labels_axis: dict[str, Any] = {"tickfont": {"color": AXIS}}
    if ticks is not None:
        labels_axis.update(tickmode="array", tickvals=ticks[0], ticktext=ticks[1])
    values_axis = {"gridcolor": GRID, "separatethousands": True}
    if horizontal:
        trace = go.Bar(
            y=labels, x=values, orientation="h", marker_color=color, hovertext=hover, hoverinfo="text"
        )
        axes = {"xaxis": values_axis, "yaxis": {"autorange": "reversed", **labels_axis}}
    else:
        trace = go.Bar(x=labels, y=values, marker_color=color, hovertext=hover, hoverinfo="text")
        axes = {"xaxis": {"type": "category", **labels_axis}, "yaxis": values_axis}
    layout = legend_layout(height, margin={"l": 8, "r": 8, "t": 8, "b": 8}, showlegend=False, **axes)
    return go.Figure(data=[trace], layout=layout)


def month_bar_figure(months: list[date], values: list[float], hover: list[str]) -> go.Figure:
    """Vertical bars per month with at most four month ticks."""
    return bar_figure(
        [month_key(m) for m in months],
        values,
        hover,
        height=240,
        horizontal=False,
        ticks=month_ticks(months, max_ticks=4),
    )
