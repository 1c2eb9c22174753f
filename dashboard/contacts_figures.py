"""The Contacts page's Pareto figure: contacts per reason, coloured by avoidable / not / not in the
journey map, with the cumulative share (importing this module draws nothing)."""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, i18n
from dashboard.i18n import t

AVOIDABLE_COLOR = "#b4690e"
VALUE_COLOR = charts.PRIMARY
UNMAPPED_COLOR = "#9aa1ad"
CUMULATIVE_COLOR = "#31333f"


def share(part: float, whole: float) -> float | None:
    return part / whole if whole else None


def pareto_figure(table: pd.DataFrame, labels: list[str]) -> go.Figure:
    """Bars of contacts per reason (coloured by avoidable / not / unmapped) and the cumulative share."""
    kinds = [
        ("unmapped", UNMAPPED_COLOR, ~table["reason_mapped"]),
        ("avoidable", AVOIDABLE_COLOR, table["reason_mapped"] & table["avoidable"]),
        ("value", VALUE_COLOR, table["reason_mapped"] & ~table["avoidable"]),
    ]
    bars = [_pareto_bars(table[mask.astype(bool)], labels, kind, color) for kind, color, mask in kinds]
    cumulative = go.Scatter(
        x=labels,
        y=100.0 * table["cumulative"],
        yaxis="y2",
        mode="lines+markers",
        line={"color": CUMULATIVE_COLOR, "width": 1.5},
        marker={"size": 5},
        name=t("ct_cumulative"),
        hovertext=[
            t("ct_cumulative_hover", reason=lbl, value=i18n.fmt_share(c, 0))
            for lbl, c in zip(labels, table["cumulative"])
        ],
        hoverinfo="text",
    )
    suffix = charts.percent_suffix()
    layout = charts.legend_layout(
        420,
        barmode="overlay",
        bargap=0.25,
        xaxis={
            "type": "category",
            "categoryorder": "array",
            "categoryarray": labels,
            "tickfont": {"color": charts.AXIS},
            "tickangle": -90,  # upright names never overlap, not even on a phone
            "automargin": True,
        },
        yaxis={
            "gridcolor": charts.GRID,
            "title": {"text": t("ct_contacts")},
            "tickfont": {"color": charts.AXIS},
            "separatethousands": True,
        },
        yaxis2={
            "overlaying": "y",
            "side": "right",
            "range": [0, 105],
            "showgrid": False,
            "tickmode": "array",
            "tickvals": [0, 25, 50, 75, 100],
            "ticktext": [f"{v}{suffix}" for v in (0, 25, 50, 75, 100)],
            "tickfont": {"color": charts.AXIS},
        },
    )
    return go.Figure(data=[bar for bar in bars if bar is not None] + [cumulative], layout=layout)


def _pareto_bars(rows: pd.DataFrame, labels: list[str], kind: str, color: str) -> go.Bar | None:
    """One kind's bars (None when no reason is of that kind)."""
    if rows.empty:
        return None
    x = [labels[i] for i in rows.index]
    return go.Bar(
        x=x,
        y=rows["contacts"],
        marker_color=color,
        name=t(f"ct_kind_{kind}"),
        hovertext=[
            t(
                "ct_pareto_hover",
                reason=lbl,
                contacts=i18n.fmt_int(c),
                share=i18n.fmt_share(s, 1),
                cost=i18n.fmt_eur(e),
            )
            for lbl, c, s, e in zip(x, rows["contacts"], rows["share"], rows["cost_eur"])
        ],
        hoverinfo="text",
    )
