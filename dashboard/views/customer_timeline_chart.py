"""The Customer page's timeline chart: a Vega-Lite spec of one customer's events, deadlines,
contacts and responses on a time axis, friction in red, hover texts in the page's language."""

from __future__ import annotations

from typing import Literal, get_args

import pandas as pd

from dashboard import charts, i18n
from dashboard.i18n import t
from dashboard.views.customer_names import Names, detail

Kind = Literal["event", "deadline", "contact", "response"]  # mart_customer_timeline.kind
KINDS: tuple[Kind, ...] = get_args(Kind)
FRICTION_COLOR = "#b2182b"
CALM_COLOR = charts.PRIMARY

# the marker of each kind of item (Vega symbols; the x and the star as SVG paths, the star a
# little larger than its 2×2 box so that it reads as large as the others)
SHAPES = {
    "event": "circle",
    "deadline": "M-1,-0.7L-0.7,-1L0,-0.3L0.7,-1L1,-0.7L0.3,0L1,0.7L0.7,1L0,0.3L-0.7,1L-1,0.7L-0.3,0Z",
    "contact": "diamond",
    "response": "M0,-1.3L0.31,-0.43L1.23,-0.4L0.49,0.16L0.77,1.05L0,0.52L-0.77,1.05L-0.49,0.16"
    "L-1.23,-0.4L-0.31,-0.43Z",
}


def time_axis_format(lang: str) -> dict:
    """Vega's multi-format of a time axis in the language's date style: Finnish days as '5.6.'
    and months as 'kesä 2026', English '5 Jun' and 'Jun 2026'; hours within a day."""
    if lang == "fi":
        day, hour = "%-d.%-m.", "klo %-H.%M"
    else:
        day, hour = "%-d %b", "%H:%M"
    return {
        "milliseconds": hour,
        "seconds": hour,
        "minutes": hour,
        "hours": hour,
        "date": day,
        "week": day,
        "month": "%b %Y",
        "quarter": "%b %Y",
        "year": "%b %Y",
    }


def timeline_spec(timeline: pd.DataFrame, names: Names) -> dict:
    """A Vega-Lite spec (for vega.show): events, contacts and responses on a time axis, one row
    per kind; friction in red. The hover texts are formatted here, in the page's language."""
    labels = {k: t(f"customer_kind_{k}") for k in KINDS}
    flagged = timeline["friction"].fillna(False).astype(bool)
    series = {False: t("customer_no_friction"), True: t("customer_friction")}
    present = [friction for friction in (False, True) if (flagged == friction).any()]
    rows = [
        {
            # a wall-clock time in the company's zone, read by the browser as such (no offset)
            "at": pd.Timestamp(r["occurred_at"]).strftime("%Y-%m-%dT%H:%M:%S"),
            "kind": labels[r["kind"]],
            "shape": r["kind"],
            "series": series[friction],
            "friction": bool(friction),
            **_timeline_hover(r, names),
        }
        for (_, r), friction in zip(timeline.iterrows(), flagged)
    ]
    return {
        "height": 260,
        "data": {"values": rows},
        "mark": {"type": "point", "filled": True, "opacity": 0.9},
        "encoding": {
            "x": {
                "field": "at",
                "type": "temporal",
                "title": None,
                "axis": {"format": time_axis_format(i18n.lang()), "tickCount": 6},
            },
            "y": {
                "field": "kind",
                "type": "nominal",
                "title": None,
                "scale": {"domain": [labels[k] for k in KINDS]},
                "axis": {"grid": True, "ticks": False, "domain": False},
            },
            "color": {
                "field": "series",
                "type": "nominal",
                "title": None,
                "scale": {
                    "domain": [series[f] for f in present],
                    "range": [FRICTION_COLOR if f else CALM_COLOR for f in present],
                },
            },
            # a friction marker a little larger (the same legend: size follows the colour)
            "size": {"condition": {"test": "datum.friction", "value": 130}, "value": 90},
            "shape": {
                "field": "shape",
                "type": "nominal",
                "legend": None,
                "scale": {"domain": list(KINDS), "range": [SHAPES[k] for k in KINDS]},
            },
            "tooltip": [
                {"field": "heading", "title": "title"},
                {"field": "time", "title": t("customer_col_time")},
                {"field": "detail", "title": t("customer_col_detail")},
                {"field": "journey", "title": t("customer_col_journey")},
            ],
        },
    }


def _timeline_hover(r: pd.Series, names: Names) -> dict:
    """An item's hover: what and where as its heading, then time, detail and journey."""
    heading = f"{names.what(r)} · {names.stage(r['stage'])}"
    detail_text = detail(r)
    if r["kind"] == "event":
        detail_text += f" ({t('customer_event_code', code=r['what'])})"
    journey = r["journey_id"] if isinstance(r["journey_id"], str) else t("customer_no_journey")
    return {
        "heading": heading,
        "time": i18n.fmt_datetime(pd.Timestamp(r["occurred_at"]).to_pydatetime()),
        "detail": detail_text,
        "journey": journey,
    }
