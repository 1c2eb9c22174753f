"""The Functions page's figures: a scorecard's monthly sparkline and the caused-by x handled-by
heatmap (importing this module draws nothing)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import plotly.graph_objects as go

from dashboard import charts, i18n
from dashboard.data_functions import SERVICE_TEAM
from dashboard.i18n import t

HEAT_SCALE = [[0.0, "#f4f7fb"], [0.35, "#b7cde6"], [1.0, "#1f5fa8"]]
AVOIDABLE_BAR = "rgba(138, 90, 0, 0.35)"
AVOIDABLE_AXIS = "#8a5a00"
SPARK_HEIGHT = 170


def function_name(owner: str, names: dict) -> str:
    if owner == "unattributed":
        return t("fn_unattributed")
    if owner == "unknown":
        return t("fn_team_unknown")
    return i18n.name_in(names, owner)


def sparkline(trend: pd.DataFrame, months: list[date]) -> go.Figure:
    """Monthly friction rate (line, left axis) and avoidable contacts caused (bars, right axis),
    each axis titled in the page's language."""
    frame = pd.DataFrame({"period_month": months}).merge(trend, on="period_month", how="left").fillna(0)
    keys = [charts.month_key(m) for m in frame["period_month"]]
    rate = [
        100.0 * w / r if r else None
        for w, r in zip(frame["journeys_with_friction"], frame["journeys_reached"])
    ]
    tickvals, ticktext = charts.month_ticks(list(frame["period_month"]), max_ticks=4)
    avoidable = go.Bar(
        x=keys,
        y=frame["avoidable_contacts_caused"],
        marker_color=AVOIDABLE_BAR,
        yaxis="y2",
        name=t("fn_trend_avoidable"),
        hovertext=[
            t("fn_trend_hover_avoidable", month=i18n.fmt_month(m), value=i18n.fmt_int(v))
            for m, v in zip(frame["period_month"], frame["avoidable_contacts_caused"])
        ],
        hoverinfo="text",
    )
    friction = go.Scatter(
        x=keys,
        y=rate,
        mode="lines+markers",
        line={"color": charts.PRIMARY, "width": 2},
        marker={"size": 4},
        name=t("fn_trend_rate"),
        hovertext=[
            t("fn_trend_hover_rate", month=i18n.fmt_month(m), value=i18n.fmt_percent(v))
            for m, v in zip(frame["period_month"], rate)
        ],
        hoverinfo="text",
    )
    axis_title = {"size": 10}
    layout = {
        **charts.base_layout(SPARK_HEIGHT, {"l": 4, "r": 4, "t": 4, "b": 4}, font_size=11),
        "showlegend": False,
        "bargap": 0.35,
        "xaxis": {
            "type": "category",
            "showgrid": False,
            "tickfont": {"color": charts.AXIS},
            "tickmode": "array",
            "tickvals": tickvals,
            "ticktext": ticktext,
        },
        "yaxis": {
            "gridcolor": charts.GRID,
            "ticksuffix": charts.percent_suffix(),
            "rangemode": "tozero",
            "tickfont": {"color": charts.PRIMARY},
            "nticks": 4,
            "title": {"text": t("fn_trend_axis_rate"), "font": {**axis_title, "color": charts.PRIMARY}},
            "automargin": True,
        },
        "yaxis2": {
            "overlaying": "y",
            "side": "right",
            "showgrid": False,
            "rangemode": "tozero",
            "tickfont": {"color": AVOIDABLE_AXIS},
            "nticks": 4,
            "tickformat": ",d",
            "title": {"text": t("fn_trend_axis_avoidable"), "font": {**axis_title, "color": AVOIDABLE_AXIS}},
            "automargin": True,
        },
    }
    return go.Figure(data=[avoidable, friction], layout=layout)


def matrix_order(matrix: pd.DataFrame, all_owners: list[str]) -> tuple[list[str], list[str]]:
    """Caused-by rows in journey order (unattributed last); handling teams, customer service first."""
    present_owners = set(matrix["owner"])
    rows = [o for o in all_owners if o in present_owners]
    rows += sorted(present_owners - set(rows) - {"unattributed"})
    rows += ["unattributed"] if "unattributed" in present_owners else []
    teams = matrix.groupby("handling_team")["contacts"].sum().sort_values(ascending=False)
    columns = [SERVICE_TEAM] if SERVICE_TEAM in teams.index else []
    columns += [c for c in teams.index if c not in columns and c != "unknown"]
    columns += ["unknown"] if "unknown" in teams.index else []
    return rows, columns


def heatmap(matrix: pd.DataFrame, rows: list[str], columns: list[str], names: dict) -> go.Figure:
    pivot = matrix.pivot_table(
        index="owner",
        columns="handling_team",
        values=["contacts", "cost_eur", "avoidable_contacts"],
        aggfunc="sum",
        fill_value=0,
    )
    contacts = pivot["contacts"].reindex(index=rows, columns=columns, fill_value=0)
    cost = pivot["cost_eur"].reindex(index=rows, columns=columns, fill_value=0)
    avoidable = pivot["avoidable_contacts"].reindex(index=rows, columns=columns, fill_value=0)
    y = [function_name(o, names) for o in rows]
    x = [function_name(c, names) for c in columns]
    text = [
        [f"{i18n.fmt_int(n)}<br>{i18n.fmt_eur(c)}" if n else "" for n, c in zip(rn, rc)]
        for rn, rc in zip(contacts.values, cost.values)
    ]
    hover = [
        [
            t(
                "fn_matrix_hover",
                caused=yy,
                handled=xx,
                contacts=i18n.fmt_int(n),
                avoidable=i18n.fmt_int(a),
                cost=i18n.fmt_eur(c),
            )
            for xx, n, a, c in zip(x, rn, ra, rc)
        ]
        for yy, rn, ra, rc in zip(y, contacts.values, avoidable.values, cost.values)
    ]
    cells = go.Heatmap(
        z=contacts.values,
        x=x,
        y=y,
        text=text,
        texttemplate="%{text}",
        hovertext=hover,
        hoverinfo="text",
        colorscale=HEAT_SCALE,
        showscale=False,
        xgap=2,
        ygap=2,
        textfont={"size": 11},
    )
    layout = {
        **charts.base_layout(max(220, 46 * len(rows) + 80), {"l": 8, "r": 8, "t": 36, "b": 8}),
        "xaxis": {
            "side": "top",
            "title": {"text": t("fn_matrix_handled"), "font": {"size": 12}},
            "tickfont": {"color": charts.AXIS},
        },
        "yaxis": {
            "autorange": "reversed",
            "title": {"text": t("fn_matrix_caused"), "font": {"size": 12}},
            "tickfont": {"color": charts.AXIS},
        },
    }
    return go.Figure(data=[cells], layout=layout)
