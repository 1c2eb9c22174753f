"""The Functions page's charts as Vega-Lite specs (drawn with dashboard.vega.show): a scorecard's
monthly sparkline and the caused-by x handled-by heatmap. Pure functions: building a spec draws
nothing."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard import i18n, vega
from dashboard.contacts_figures import count_format, lookup_expr, month_axis, month_key, tooltip, wrap
from dashboard.data_functions import SERVICE_TEAM
from dashboard.i18n import t

HEAT_COLORS = ["#f4f7fb", "#b7cde6", "#1f5fa8"]  # at the smallest cell, 35 % of the way, the largest
HEAT_MID = 0.35
AVOIDABLE_BAR = "#8a5a00"  # drawn with AVOIDABLE_OPACITY
AVOIDABLE_OPACITY = 0.35
AVOIDABLE_AXIS = "#8a5a00"
# heights in px of the whole chart (Streamlit fits the axes inside)
SPARK_HEIGHT = 170
MATRIX_ROW, MATRIX_EXTRA = 46, 80  # the heatmap: MATRIX_EXTRA + MATRIX_ROW per row, at least 220


def function_name(owner: str, names: dict) -> str:
    if owner == "unattributed":
        return t("fn_unattributed")
    if owner == "unknown":
        return t("fn_team_unknown")
    return i18n.name_in(names, owner)


def percent_label() -> str:
    """A Vega label expression writing an axis value in percent units as '25%' / '25 %'."""
    suffix = "\u00a0%" if i18n.lang() == "fi" else "%"
    return f"datum.label + '{suffix}'"


def sparkline_spec(trend: pd.DataFrame, months: list[date]) -> dict:
    """Monthly friction rate (line, left axis) and avoidable contacts caused (bars, right axis),
    each axis titled in the page's language; a month no journey reached breaks the line."""
    frame = pd.DataFrame({"period_month": months}).merge(trend, on="period_month", how="left").fillna(0)
    rate = [
        100.0 * w / r if r else None
        for w, r in zip(frame["journeys_with_friction"], frame["journeys_reached"])
    ]
    bar_tips, bar_channel = tooltip(
        [
            t("fn_trend_hover_avoidable", month=i18n.fmt_month(m), value=i18n.fmt_int(v))
            for m, v in zip(frame["period_month"], frame["avoidable_contacts_caused"])
        ]
    )
    line_tips, line_channel = tooltip(
        [
            t("fn_trend_hover_rate", month=i18n.fmt_month(m), value=i18n.fmt_percent(v))
            for m, v in zip(frame["period_month"], rate)
        ],
        prefix="rate_tip",
    )
    rows = [
        {"month": month_key(m), "avoidable": int(a), "rate": None if r is None else round(r, 3), **bt, **lt}
        for m, a, r, bt, lt in zip(
            frame["period_month"], frame["avoidable_contacts_caused"], rate, bar_tips, line_tips
        )
    ]
    x = {
        "field": "month",
        "type": "ordinal",
        "sort": [month_key(m) for m in months],
        "axis": month_axis(months),
    }
    axis = {"tickCount": 4, "titleFontSize": 11}
    return {
        "data": {"values": rows},
        "height": SPARK_HEIGHT,
        "layer": [
            {
                "mark": {
                    "type": "bar",
                    "color": AVOIDABLE_BAR,
                    "opacity": AVOIDABLE_OPACITY,
                    "width": {"band": 0.65},
                },
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "avoidable",
                        "type": "quantitative",
                        "axis": {
                            **axis,
                            **count_format(),
                            "orient": "right",
                            "grid": False,
                            "title": t("fn_trend_axis_avoidable"),
                            "titleColor": AVOIDABLE_AXIS,
                            "labelColor": AVOIDABLE_AXIS,
                        },
                    },
                    "tooltip": bar_channel,
                },
            },
            {
                "mark": {
                    "type": "line",
                    "color": vega.PRIMARY,
                    "strokeWidth": 2,
                    "point": {"size": 18, "color": vega.PRIMARY},
                    "invalid": "break-paths-show-domains",
                },
                "encoding": {
                    "x": x,
                    "y": {
                        "field": "rate",
                        "type": "quantitative",
                        "scale": {"zero": True},
                        "axis": {
                            **axis,
                            "title": t("fn_trend_axis_rate"),
                            "titleColor": vega.PRIMARY,
                            "labelColor": vega.PRIMARY,
                            "labelExpr": percent_label(),
                        },
                    },
                    "tooltip": line_channel,
                },
            },
        ],
        "resolve": {"scale": {"y": "independent"}},
    }


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


def heatmap_spec(matrix: pd.DataFrame, rows: list[str], columns: list[str], names: dict) -> dict:
    """Contacts and their cost per caused-by function (rows, in ``rows`` order, first on top) and
    handling team (columns on top, in ``columns`` order); darker is more, empty cells blank."""
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
    cells = [
        (yy, xx, int(n), float(c), int(a))
        for yy, rn, ra, rc in zip(y, contacts.values, avoidable.values, cost.values)
        for xx, n, a, c in zip(x, rn, ra, rc)
    ]
    tips, channel = tooltip(
        [
            t(
                "fn_matrix_hover",
                caused=yy,
                handled=xx,
                contacts=i18n.fmt_int(n),
                avoidable=i18n.fmt_int(a),
                cost=i18n.fmt_eur(c),
            )
            for yy, xx, n, c, a in cells
        ]
    )
    values = [
        {
            "caused": yy,
            "handled": xx,
            "contacts": n,
            "text": f"{i18n.fmt_int(n)}\n{i18n.fmt_eur(c)}" if n else "",  # no contacts, no label
            **tip,
        }
        for (yy, xx, n, c, _), tip in zip(cells, tips)
    ]
    low, high = (int(contacts.values.min()), int(contacts.values.max())) if contacts.size else (0, 1)
    high = max(high, low + 1)
    return {
        "data": {"values": values},
        "height": max(220, MATRIX_EXTRA + MATRIX_ROW * len(y)),
        "encoding": {
            "x": {
                "field": "handled",
                "type": "nominal",
                "sort": x,
                "title": t("fn_matrix_handled"),
                "axis": {
                    "orient": "top",
                    "labelAngle": 0,
                    "ticks": False,
                    "labelOverlap": False,
                    "labelAlign": "center",
                    "labelExpr": lookup_expr({v: wrap(v, 10) for v in x}),
                },
            },
            "y": {
                "field": "caused",
                "type": "nominal",
                "sort": y,
                "title": t("fn_matrix_caused"),
                "axis": {
                    "ticks": False,
                    "labelOverlap": False,
                    "labelExpr": lookup_expr({v: wrap(v, 20) for v in y}),
                },
            },
            "tooltip": channel,
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "white", "strokeWidth": 2},
                "encoding": {
                    "color": {
                        "field": "contacts",
                        "type": "quantitative",
                        "scale": {"domain": [low, low + HEAT_MID * (high - low), high], "range": HEAT_COLORS},
                        "legend": None,
                    }
                },
            },
            {
                "mark": {"type": "text", "lineBreak": "\n", "fontSize": 11},
                "encoding": {
                    "text": {"field": "text", "type": "nominal"},
                    "color": {
                        "condition": {
                            "test": f"datum.contacts > {low + 0.6 * (high - low)}",
                            "value": "white",
                        },
                        "value": vega.TEXT,
                    },
                },
            },
        ],
    }
