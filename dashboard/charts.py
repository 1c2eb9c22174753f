"""Charts in the dashboard's house style, with language-aware number formatting: the Overview's
trend as a Vega-Lite spec (drawn with dashboard.vega), and the Plotly config of the one chart
still drawn with Plotly on demand (the Journey flow's Sankey)."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from typing import Any

from dashboard import i18n
from dashboard.i18n import Metric, t
from dashboard.vega import AXIS, FONT, GRID, MUTED, PRIMARY, TARGET  # noqa: F401 (the house colours)

PERIOD_SHADE_OPACITY = 0.05  # of PRIMARY, in Vega-Lite specs
BAND_OPACITY = 0.14  # of PRIMARY, the CI band in Vega-Lite specs

# Axis ranges that keep the scales honest (CSAT in %, CES on its 1-7 scale).
METRIC_BOUNDS = {"nps": (-100.0, 100.0), "csat": (0.0, 100.0), "ces": (1.0, 7.0)}


@dataclass(frozen=True)
class TrendPoint:
    month: date
    n: int
    value: float | None  # None when n is below the minimum
    ci_low: float | None
    ci_high: float | None


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


def percent_suffix() -> str:
    """The percent sign as a tick suffix (after a non-breaking space in Finnish)."""
    return "\u00a0%" if i18n.lang() == "fi" else "%"


def trend_spec(
    metric: Metric,
    points: list[TrendPoint],
    target: float | None,
    period_start: date | None = None,
    height: int = 260,
) -> dict:
    """A Vega-Lite spec (for vega.show): the monthly score line with its 95% CI band and a dashed
    target line.

    Months before ``period_start`` (the comparison period) are drawn in grey, the selected
    period in the primary colour on a lightly shaded background. The x axis is the month's
    position (0, 1, ...) with our own month names as tick labels (the year under the first
    month and each January); the hover texts are formatted here, in the page's language.
    """
    shown = [p for p in points if p.value is not None]
    position = {p.month: i for i, p in enumerate(points)}
    x_domain = [-0.5, len(points) - 0.5]
    y_domain = _value_domain(metric, shown, target)
    shade = _period_shade([p.month for p in points], period_start)
    layers = [
        *([shade] if shade is not None else []),
        *_band_layer(shown, position),
        *_line_layers(metric, shown, period_start, position),
        *(_target_layers(metric, target, x_domain) if target is not None else []),
    ]
    if not layers:
        return {"height": height, "data": {"values": []}, "mark": "point"}
    # one x and one y scale and axis for every layer (each layer names the same)
    axes = {"x": _month_axis([p.month for p in points]), "y": _value_axis(metric)}
    domains = {"x": x_domain, "y": y_domain}
    for layer in layers:
        for channel in ("x", "y"):
            encoding = layer["encoding"].get(channel, {})
            if "field" not in encoding and "datum" not in encoding:
                continue
            if domains[channel] is not None:
                encoding["scale"] = {"domain": domains[channel], "nice": False, "zero": False}
            encoding["axis"] = axes[channel]  # the same in every layer: merged into one
    return {"height": height, "layer": layers}


def _x(field: str = "i") -> dict:
    return {"field": field, "type": "quantitative"}


def _y(field: str) -> dict:
    return {"field": field, "type": "quantitative"}


def _band_layer(shown: list[TrendPoint], position: dict[date, int]) -> list[dict]:
    """The CI band over the months whose interval is known (no hover of its own)."""
    rows = [
        {"i": position[p.month], "low": p.ci_low, "high": p.ci_high}
        for p in shown
        if p.ci_low is not None and p.ci_high is not None
    ]
    if not rows:
        return []
    return [
        {
            "data": {"values": rows},
            "mark": {"type": "area", "color": PRIMARY, "opacity": BAND_OPACITY, "tooltip": None},
            "encoding": {"x": _x(), "y": _y("low"), "y2": {"field": "high"}},
        }
    ]


def _line_layers(
    metric: Metric, shown: list[TrendPoint], period_start: date | None, position: dict[date, int]
) -> list[dict]:
    """The comparison period in grey joined to the selected period in the primary colour, each
    month a marker with its hover text."""
    earlier = [p for p in shown if period_start is not None and p.month < period_start]
    current = [p for p in shown if period_start is None or p.month >= period_start]
    if earlier and current:
        earlier = earlier + current[:1]  # join the two lines
    layers = []
    for group, color in ((earlier, MUTED), (current, PRIMARY)):
        if not group:
            continue
        rows = [{"i": position[p.month], "value": p.value, **_hover(metric, p)} for p in group]
        layers += [
            {
                "data": {"values": rows},
                "mark": {"type": "line", "color": color, "strokeWidth": 2.5, "tooltip": None},
                "encoding": {"x": _x(), "y": _y("value")},
            },
            {
                "data": {"values": rows},
                "mark": {"type": "point", "filled": True, "opacity": 1, "color": color, "size": 45},
                "encoding": {"x": _x(), "y": _y("value"), "tooltip": _tooltip(metric)},
            },
        ]
    return layers


def _tooltip(metric: Metric) -> list[dict]:
    """A month's hover: its name as the heading (vega-tooltip shows a field titled "title" as
    the tooltip's heading), then the score, its 95% CI and n."""
    return [
        {"field": "month", "title": "title"},
        {"field": "value_text", "title": i18n.metric_label(metric)},
        {"field": "ci_text", "title": t("chart_ci")},
        {"field": "n_text", "title": "n"},
    ]


def _hover(metric: Metric, p: TrendPoint) -> dict:
    """A month's hover texts, formatted here in the page's language."""
    known = p.ci_low is not None and p.ci_high is not None
    return {
        "month": i18n.fmt_month(p.month, short=False),
        "value_text": i18n.fmt_metric(metric, p.value),
        "ci_text": (
            i18n.fmt_range(p.ci_low, p.ci_high, i18n.METRIC_DECIMALS[metric], signed=metric == "nps")
            if known
            else "–"
        ),
        "n_text": i18n.fmt_int(p.n),
    }


def _period_shade(months: list[date], period_start: date | None) -> dict | None:
    """The shaded background of the selected period (none when it starts at the first month)."""
    if period_start is None or period_start not in months:
        return None
    first = months.index(period_start)
    if first == 0:
        return None
    return {
        "data": {"values": [{"from": first - 0.5, "to": len(months) - 0.5}]},
        "mark": {"type": "rect", "color": PRIMARY, "opacity": PERIOD_SHADE_OPACITY, "tooltip": None},
        "encoding": {
            "x": _x("from"),
            "x2": {"field": "to"},
            "y": {"value": 0},
            "y2": {"value": "height"},
        },
    }


def _target_layers(metric: Metric, target: float, x_domain: list[float]) -> list[dict]:
    """A dashed horizontal line across the plot at ``target`` and its label above the left end."""
    label = t("chart_target", target=target_text(metric, target))
    y = {"datum": target, "type": "quantitative"}
    one = {"values": [{}]}  # a mark of constants is drawn once
    return [
        {
            "data": one,
            "mark": {
                "type": "rule",
                "color": TARGET,
                "strokeDash": [6, 4],
                "strokeWidth": 1.5,
                "tooltip": None,
            },
            "encoding": {"y": y},
        },
        {
            "data": one,
            "mark": {
                "type": "text",
                "text": label,
                "color": TARGET,
                "fontSize": 11,
                "fontWeight": 600,
                "align": "left",
                "baseline": "bottom",
                "dx": 2,
                "dy": -2,
                "tooltip": None,
            },
            "encoding": {"x": {"datum": x_domain[0], "type": "quantitative"}, "y": y},
        },
    ]


def _value_domain(metric: Metric, shown: list[TrendPoint], target: float | None) -> list[float] | None:
    """The score axis's range: around the values, CI and target, within the metric's bounds."""
    values = [v for p in shown for v in (p.value, p.ci_low, p.ci_high) if v is not None]
    if target is not None:
        values.append(target)
    if not values:
        return None
    low, high = min(values), max(values)
    pad = max((high - low) * 0.15, {"nps": 3.0, "csat": 2.0, "ces": 0.1}.get(metric, 1.0))
    bounds = METRIC_BOUNDS.get(metric, (low - pad, high + pad))
    return [max(bounds[0], low - pad), min(bounds[1], high + pad)]


def _value_axis(metric: Metric) -> dict:
    """The score axis: no title (the card names the metric), CSAT's ticks with a percent sign."""
    axis: dict[str, Any] = {"title": None, "tickCount": 5, "domain": False, "ticks": False}
    if metric == "csat":
        axis["labelExpr"] = f"datum.label + {json.dumps(percent_suffix())}"
    return axis


def _month_axis(months: list[date]) -> dict:
    """The month axis: at most seven month names, the year under the first and each January."""
    ticks, texts = month_ticks(months)
    labels: list[list[str]] = [[] for _ in months]
    index = {month_key(m): i for i, m in enumerate(months)}
    for key, text in zip(ticks, texts):
        labels[index[key]] = text.split("<br>")
    return {
        "title": None,
        "grid": False,
        "values": [index[key] for key in ticks],
        "labelExpr": f"{json.dumps(labels, ensure_ascii=False)}[datum.value] || ''",
        "labelAngle": 0,
        "labelAlign": "center",
        "labelFlush": False,
    }


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
