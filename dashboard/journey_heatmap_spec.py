"""The Journey page's heatmap as a Vega-Lite spec: coloured cells with their texts, our hover texts
as tooltips, multi-line axis labels and a click selection (no Streamlit calls)."""

from __future__ import annotations

import json
import math
import re

from plotly.colors import sample_colorscale

from dashboard import vega
from dashboard.journey_figures import WORSE, flat


def cell_colors(z: float | None) -> tuple[str, str]:
    """A cell's fill (WORSE sampled at ``z``, white when uncoloured) and its text colour (white on
    a dark fill, as Plotly's heatmap chose it)."""
    if z is None or (isinstance(z, float) and math.isnan(z)):
        return "#ffffff", vega.TEXT
    rgb = sample_colorscale(WORSE, [min(max(float(z), 0.0), 1.0)])[0]
    r, g, b = (float(v) for v in re.findall(r"[\d.]+", rgb)[:3])
    fill = f"#{round(r):02x}{round(g):02x}{round(b):02x}"
    dark = (r * 299 + g * 587 + b * 114) / 1000 < 128
    return fill, "#ffffff" if dark else vega.TEXT


def lines(label: str) -> list[str]:
    """A label written with <br> line breaks as its list of lines (Vega-Lite draws a list as lines)."""
    return label.split("<br>")


def _tooltips(hovers: list[str]) -> tuple[list[dict[str, str]], list[dict]]:
    """Our hover texts ('line<br>line<br>...') as fields tip0, tip1, ... of each data row and the
    ``tooltip`` channel showing them: the first line as the tooltip's heading, the others as rows
    with an invisible key (vega-tooltip draws key: value rows), so the wording is ours."""
    split = [lines(h) for h in hovers]
    count = max((len(s) for s in split), default=1)
    fields = [{f"tip{i}": (s[i] if i < len(s) else "") for i in range(count)} for s in split]
    channel = [{"field": "tip0", "title": "title"}] + [
        {"field": f"tip{i}", "title": "\u200b" * i} for i in range(1, count)
    ]
    return fields, channel


def _lookup(texts: dict[str, list[str]]) -> str:
    """A Vega expression giving an axis value's lines."""
    return f"{json.dumps(texts, ensure_ascii=False)}[datum.value]"


HEATMAP_ROW = 44  # px per stage row
HEADER_LINE = 13  # px per line of a column header
CELL_LINE = 14  # px per line of a cell text and a stage label

PICK = "pick"  # the heatmap's click selection (its rows: stage, metric)


def heatmap_spec(
    columns: list[str],
    stage_ids: list[str],
    labels: list[list[str]],
    z: list[list],
    text: list[list[str]],
    hover: list[list[str]],
    focus: str | None = None,
    column_metrics: list[str | None] | None = None,
) -> dict:
    """The stage x measure grid as a Vega-Lite spec: a coloured cell per stage and column with its
    text, our hover text as the tooltip, and a click selection ``pick`` giving the cell's stage and
    the metric of a difference column ("" for a rate column; ``column_metrics`` as
    heatmap_column_metrics()). ``labels``: each stage's lines (name, owner). The ``focus`` stage's
    row is outlined. Draw with vega.show(spec, on_select="rerun")."""
    metric_of_column = dict(enumerate(column_metrics or []))
    column_keys = [flat(c) for c in columns]
    tips, tooltip = _tooltips([h for row in hover for h in row])
    header_lines = max((len(lines(c)) for c in columns), default=1)
    headers = [[""] * (header_lines - len(lines(c))) + lines(c) for c in columns]
    rows = []
    for i, stage in enumerate(stage_ids):
        for j, key in enumerate(column_keys):
            fill, ink = cell_colors(z[i][j])
            rows.append(
                {
                    "stage": stage,
                    "metric": metric_of_column.get(j) or "",
                    "column": key,
                    "z": z[i][j],
                    "fill": fill,
                    "ink": ink,
                    "text": "\n".join(lines(text[i][j])),
                    "lines": len(lines(text[i][j])),
                    "outline": stage == focus and j == 0,
                    **tips[i * len(column_keys) + j],
                }
            )
    axis = {"title": None, "ticks": False, "domain": False, "labelOverlap": False, "labelColor": vega.TEXT}
    return {
        "data": {"values": rows},
        "height": HEATMAP_ROW * len(stage_ids),
        "encoding": {
            "x": {
                "field": "column",
                "type": "nominal",
                "sort": column_keys,
                "scale": {"paddingInner": 0, "paddingOuter": 0},
                "axis": {
                    **axis,
                    "orient": "top",
                    "labelAngle": 0,
                    # Vega stacks a label's lines downwards from its first line: every header
                    # gets as many lines (blank ones on top) and sits that much higher
                    "labelPadding": 6 + HEADER_LINE * (header_lines - 1),
                    "labelFontSize": 11,
                    "labelLineHeight": HEADER_LINE,
                    "labelFlush": False,
                    "labelExpr": _lookup(dict(zip(column_keys, headers))),
                },
            },
            "y": {
                "field": "stage",
                "type": "nominal",
                "sort": stage_ids,
                "scale": {"paddingInner": 0, "paddingOuter": 0},
                "axis": {
                    **axis,
                    "labelPadding": 10,
                    "labelLineHeight": CELL_LINE,
                    # the lines stack downwards from the row's middle: lift them by half the extra
                    "labelOffset": -CELL_LINE * (max((len(x) for x in labels), default=1) - 1) / 2,
                    "labelExpr": _lookup(dict(zip(stage_ids, labels))),
                },
            },
        },
        "layer": [
            {
                "mark": {"type": "rect", "stroke": "#ffffff", "strokeWidth": 2, "tooltip": None},
                "encoding": {"color": {"field": "fill", "type": "nominal", "scale": None, "legend": None}},
            },
            # Vega stacks a text's lines downwards from the middle: a layer per line count,
            # each lifted by half its extra lines so the text sits in the middle of its cell
            *(
                {
                    "transform": [{"filter": f"datum.lines == {n}"}],
                    "mark": {
                        "type": "text",
                        "fontSize": 12,
                        "lineHeight": CELL_LINE,
                        "lineBreak": "\n",
                        "dy": -CELL_LINE * (n - 1) / 2,
                        "tooltip": None,
                    },
                    "encoding": {
                        "text": {"field": "text"},
                        "color": {"field": "ink", "type": "nominal", "scale": None, "legend": None},
                    },
                }
                for n in sorted({row["lines"] for row in rows})
            ),
            {
                "transform": [{"filter": "datum.outline"}],
                "mark": {
                    "type": "rect",
                    "fill": None,
                    "stroke": vega.PRIMARY,
                    "strokeWidth": 2.5,
                    "tooltip": None,
                },
                "encoding": {"x": {"value": 0}, "x2": {"value": "width"}},
            },
            {
                # on top: the whole cell (its text too) shows the hover text and takes the click
                "params": [{"name": PICK, "select": {"type": "point", "fields": ["stage", "metric"]}}],
                "mark": {"type": "rect", "fill": "#ffffff", "opacity": 0, "cursor": "pointer"},
                "encoding": {"tooltip": tooltip},
            },
        ],
    }
