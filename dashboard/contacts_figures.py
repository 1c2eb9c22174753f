"""The Contacts page's charts as Vega-Lite specs (drawn with dashboard.vega.show): the Pareto of
contacts per reason, coloured by avoidable / not / not in the journey map, with the cumulative
share; horizontal count bars; bars per month. Pure functions: building a spec draws nothing."""

from __future__ import annotations

import json
from datetime import date

import pandas as pd

from dashboard import i18n, vega
from dashboard.i18n import t

AVOIDABLE_COLOR = "#b4690e"
VALUE_COLOR = vega.PRIMARY
UNMAPPED_COLOR = "#9aa1ad"
CUMULATIVE_COLOR = "#31333f"
KINDS = (("unmapped", UNMAPPED_COLOR), ("avoidable", AVOIDABLE_COLOR), ("value", VALUE_COLOR))
# heights in px of the whole chart (Streamlit fits the axes and the legend inside)
BAR_STEP, BAR_EXTRA = 32, 40  # a horizontal bar chart: BAR_EXTRA + BAR_STEP per bar
MONTH_BARS_HEIGHT = 240
PARETO_HEIGHT = 440
_KEY_SPACE = "\u200b"  # a tooltip row's invisible key (vega-tooltip shows key: value rows)


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


# --- shared helpers (also used by the Functions page's figures) -------------------------------


def tooltip(hovers: list[str], prefix: str = "tip") -> tuple[list[dict], list[dict]]:
    """Our hover texts ('line<br>line<br>...') as data fields and the tooltip encoding showing
    them: the first line as the tooltip's heading, the others as its rows, wording unchanged.
    Returns (one dict of fields per hover, the ``tooltip`` channel)."""
    split = [h.split("<br>") for h in hovers]
    lines = max((len(s) for s in split), default=1)
    rows = [{f"{prefix}{i}": (s[i] if i < len(s) else "") for i in range(lines)} for s in split]
    channel = [{"field": f"{prefix}0", "title": "title"}] + [
        {"field": f"{prefix}{i}", "title": _KEY_SPACE * i} for i in range(1, lines)
    ]
    return rows, channel


def month_key(month: date) -> str:
    """A month's category on a chart axis: '2026-03'."""
    return f"{month.year:04d}-{month.month:02d}"


def month_axis(months: list[date], max_ticks: int = 4) -> dict:
    """An axis of month categories (month_key) with at most ``max_ticks`` ticks named in the
    language: the month, with its year on a second line under the first tick and each January."""
    step = max(1, -(-len(months) // max_ticks)) if months else 1
    shown, texts, last_year = [], {}, None
    for month in months[::step]:
        name = i18n.fmt_month(month).split(" ")[0]
        texts[month_key(month)] = [name, str(month.year)] if month.year != last_year else name
        shown.append(month_key(month))
        last_year = month.year
    return {
        "title": None,
        "values": shown,
        "labelExpr": lookup_expr(texts),
        "labelAngle": 0,
        "labelOverlap": False,
        "ticks": False,
        "grid": False,
    }


def lookup_expr(texts: dict[str, str | list[str]]) -> str:
    """A Vega expression giving the text of an axis value (a list of strings is drawn as lines)."""
    return f"{json.dumps(texts, ensure_ascii=False)}[datum.value]"


def wrap(label: str, width: int = 26) -> str | list[str]:
    """A long label as lines of at most about ``width`` characters (never cut)."""
    if len(label) <= width:
        return label
    lines: list[str] = []
    for word in label.split(" "):
        if lines and len(lines[-1]) + 1 + len(word) <= width:
            lines[-1] += " " + word
        else:
            lines.append(word)
    return lines


def count_format() -> dict:
    """Axis settings of whole counts: thousands separated, no fractional ticks."""
    return {"format": ",d", "tickMinStep": 1}


# --- the page's charts ----------------------------------------------------------------------


def pareto_spec(table: pd.DataFrame, labels: list[str]) -> dict:
    """Bars of contacts per reason (coloured by avoidable / not / unmapped, most first) and the
    cumulative share as a line on a second axis (0-100 %)."""
    kinds = [
        "unmapped" if not mapped else "avoidable" if avoidable else "value"
        for mapped, avoidable in zip(table["reason_mapped"].astype(bool), table["avoidable"].astype(bool))
    ]
    bar_tips, bar_channel = tooltip(
        [
            t(
                "ct_pareto_hover",
                reason=lbl,
                contacts=i18n.fmt_int(c),
                share=i18n.fmt_share(s, 1),
                cost=i18n.fmt_eur(e),
            )
            for lbl, c, s, e in zip(labels, table["contacts"], table["share"], table["cost_eur"])
        ]
    )
    line_tips, line_channel = tooltip(
        [
            t("ct_cumulative_hover", reason=lbl, value=i18n.fmt_share(c, 0))
            for lbl, c in zip(labels, table["cumulative"])
        ],
        prefix="cum",
    )
    rows = [
        {
            "reason": lbl,
            "kind": t(f"ct_kind_{kind}"),
            "contacts": int(c),
            "cumulative": round(100.0 * float(cum), 3),
            **bt,
            **lt,
        }
        for lbl, kind, c, cum, bt, lt in zip(
            labels, kinds, table["contacts"], table["cumulative"], bar_tips, line_tips
        )
    ]
    present = [(t(f"ct_kind_{kind}"), color) for kind, color in KINDS if kind in kinds]
    cumulative = t("ct_cumulative")
    color_scale = {
        "domain": [name for name, _ in present] + [cumulative],
        "range": [color for _, color in present] + [CUMULATIVE_COLOR],
    }
    x = {
        "field": "reason",
        "type": "nominal",
        "sort": list(labels),
        "title": None,
        # upright names never overlap, not even on a phone
        "axis": {"labelAngle": -90, "labelOverlap": False, "ticks": False},
    }
    suffix = "\u00a0%" if i18n.lang() == "fi" else "%"
    return {
        "data": {"values": rows},
        "height": PARETO_HEIGHT,
        "layer": [
            {
                "mark": {"type": "bar", "width": {"band": 0.75}},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "contacts",
                        "type": "quantitative",
                        "title": t("ct_contacts"),
                        "stack": None,  # one bar per reason
                        "axis": count_format(),
                    },
                    "color": {
                        "field": "kind",
                        "type": "nominal",
                        "scale": color_scale,
                        # two columns on a phone, all in one row on a wider screen
                        "legend": {
                            "title": None,
                            "orient": "top",
                            "columns": {"expr": "width < 560 ? 2 : 4"},
                        },
                    },
                    "tooltip": bar_channel,
                },
            },
            {
                "mark": {"type": "line", "point": {"size": 30}, "strokeWidth": 1.5},
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "cumulative",
                        "type": "quantitative",
                        "scale": {"domain": [0, 105], "nice": False},
                        "axis": {
                            "orient": "right",
                            "title": None,
                            "grid": False,
                            "values": [0, 25, 50, 75, 100],
                            "labelExpr": f"datum.label + '{suffix}'",
                        },
                    },
                    "color": {"datum": cumulative},
                    "tooltip": line_channel,
                },
            },
        ],
        "resolve": {"scale": {"y": "independent"}},
    }


def bar_spec(labels: list[str], values: list[float], hover: list[str], color: str = vega.PRIMARY) -> dict:
    """Horizontal bars per label, read top-down (the first label on top); long labels wrapped."""
    tips, channel = tooltip(hover)
    rows = [{"label": lbl, "value": v, **tip} for lbl, v, tip in zip(labels, values, tips)]
    wrapped = {lbl: wrap(lbl) for lbl in labels}
    axis: dict = {"title": None, "ticks": False, "labelOverlap": False}
    if any(isinstance(w, list) for w in wrapped.values()):
        axis["labelExpr"] = lookup_expr(wrapped)
    return {
        "data": {"values": rows},
        "height": BAR_EXTRA + BAR_STEP * max(1, len(labels)),
        "mark": {"type": "bar", "color": color},
        "encoding": {
            "y": {"field": "label", "type": "nominal", "sort": list(labels), "axis": axis},
            "x": {"field": "value", "type": "quantitative", "title": None, "axis": count_format()},
            "tooltip": channel,
        },
    }


def month_bar_spec(months: list[date], values: list[float], hover: list[str]) -> dict:
    """Vertical bars per month, at most four month ticks named in the language."""
    tips, channel = tooltip(hover)
    rows = [{"month": month_key(m), "value": v, **tip} for m, v, tip in zip(months, values, tips)]
    return {
        "data": {"values": rows},
        "height": MONTH_BARS_HEIGHT,
        "mark": {"type": "bar", "color": vega.PRIMARY, "width": {"band": 0.8}},
        "encoding": {
            "x": {
                "field": "month",
                "type": "ordinal",
                "sort": [month_key(m) for m in months],
                "axis": month_axis(months),
            },
            "y": {
                "field": "value",
                "type": "quantitative",
                "title": None,
                "scale": {"nice": 5},  # the top tick above the tallest bar
                "axis": {**count_format(), "tickCount": 5},
            },
            "tooltip": channel,
        },
    }
