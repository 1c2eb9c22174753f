"""The Journey page's figures built from small hand-made inputs: the stage x measure heatmap as a
Vega-Lite spec (a clickable cell per stage and column, our hover texts, the drilled stage's row
outlined) and the flow's Plotly Sankey (drawn only when its expander is open)."""

from __future__ import annotations

import json

import pandas as pd

from dashboard import journey_flow, journey_heatmap, journey_heatmap_spec, vega


def small_heatmap(focus: str | None = None, column_metrics: list | None = None) -> dict:
    return journey_heatmap_spec.heatmap_spec(
        ["Late<br>rate", "NPS<br>difference"],
        ["s1", "s2"],
        [["Stage 1", "Owner A"], ["Stage 2", "Owner B"]],
        [[None, 0.5], [1.0, 0.0]],
        [["a", "b"], ["not enough<br>responses", "d"]],
        [["h1<br>line 2", "h2"], ["h3<br>line 2<br>line 3", "h4"]],
        focus=focus,
        column_metrics=column_metrics,
    )


def lookup(expr: str) -> dict:
    assert expr.endswith("[datum.value]"), expr
    return json.loads(expr.removesuffix("[datum.value]"))


def the_pick(spec: dict) -> tuple[dict, dict]:
    """The layer holding the click selection and the selection."""
    (layer,) = [layer for layer in spec["layer"] if layer.get("params")]
    (param,) = layer["params"]
    return layer, param


def test_journey_heatmap_has_a_clickable_cell_per_stage_and_column():
    spec = small_heatmap()
    rows = spec["data"]["values"]
    assert [(r["stage"], r["column"]) for r in rows] == [
        ("s1", "Late rate"),
        ("s1", "NPS difference"),
        ("s2", "Late rate"),
        ("s2", "NPS difference"),
    ]
    assert [r["metric"] for r in rows] == ["", "", "", ""]  # no column metrics given: stage only
    layer, param = the_pick(spec)
    assert param["name"] == journey_heatmap_spec.PICK
    assert param["select"] == {"type": "point", "fields": ["stage", "metric"]}
    # the click layer is drawn last (over the cell texts) and covers each whole cell
    assert spec["layer"][-1] is layer and layer["mark"]["type"] == "rect"
    assert layer["mark"]["cursor"] == "pointer"
    # rows in journey order, one band per stage; columns in the given order, labels at the top
    assert spec["encoding"]["y"]["sort"] == ["s1", "s2"]
    assert spec["encoding"]["x"]["sort"] == ["Late rate", "NPS difference"]
    assert spec["encoding"]["x"]["axis"]["orient"] == "top"
    assert spec["height"] == journey_heatmap_spec.HEATMAP_ROW * 2
    assert not [r for r in rows if r["outline"]]  # no stage drilled into: no row outlined


def test_journey_heatmap_labels_are_lines_never_cut():
    spec = small_heatmap()
    x_axis, y_axis = spec["encoding"]["x"]["axis"], spec["encoding"]["y"]["axis"]
    assert lookup(y_axis["labelExpr"]) == {"s1": ["Stage 1", "Owner A"], "s2": ["Stage 2", "Owner B"]}
    assert lookup(x_axis["labelExpr"]) == {
        "Late rate": ["Late", "rate"],
        "NPS difference": ["NPS", "difference"],
    }
    assert x_axis["labelOverlap"] is False and y_axis["labelOverlap"] is False
    # the house config does not cut labels
    assert vega.with_config(spec, "en")["config"]["axis"]["labelLimit"] == 0


def test_journey_heatmap_headers_line_up_at_the_cells_and_texts_sit_mid_cell():
    spec = journey_heatmap_spec.heatmap_spec(
        ["Reached", "Contacts<br>per 100<br>journeys"],
        ["s1"],
        [["Stage 1", "Owner A"]],
        [[None, 0.2]],
        [["1", "not enough<br>responses"]],
        [["h1", "h2"]],
    )
    axis = spec["encoding"]["x"]["axis"]
    # Vega stacks a label's lines downwards from the first: blank lines on top of the shorter
    # header, and the headers lifted by the extra lines so the last line is next to the cells
    assert lookup(axis["labelExpr"]) == {
        "Reached": ["", "", "Reached"],
        "Contacts per 100 journeys": ["Contacts", "per 100", "journeys"],
    }
    assert axis["labelPadding"] == 6 + 2 * journey_heatmap_spec.HEADER_LINE
    # the stage labels (two lines) lifted by half a line to sit in the middle of their row
    assert spec["encoding"]["y"]["axis"]["labelOffset"] == -journey_heatmap_spec.CELL_LINE / 2
    # a text layer per line count, a two-line text lifted by half a line
    texts = {
        layer["transform"][0]["filter"]: layer["mark"]["dy"]
        for layer in spec["layer"]
        if layer["mark"]["type"] == "text"
    }
    assert texts == {"datum.lines == 1": 0, "datum.lines == 2": -journey_heatmap_spec.CELL_LINE / 2}
    assert [r["lines"] for r in spec["data"]["values"]] == [1, 2]


def test_journey_heatmap_cells_keep_their_texts_colours_and_hover_texts():
    rows = small_heatmap()["data"]["values"]
    assert [r["text"] for r in rows] == ["a", "b", "not enough\nresponses", "d"]
    text_layers = [layer for layer in small_heatmap()["layer"] if layer["mark"]["type"] == "text"]
    assert {layer["mark"]["lineBreak"] for layer in text_layers} == {"\n"}
    # WORSE sampled at z; uncoloured cells white; white text on the darkest cell
    assert [r["fill"] for r in rows] == ["#ffffff", "#f0a26b", "#b2182b", "#f7f7f5"]
    assert [r["ink"] for r in rows] == [vega.TEXT, vega.TEXT, "#ffffff", vega.TEXT]
    # the hover text's first line is the tooltip's heading, the others its rows (missing ones empty)
    assert [(r["tip0"], r["tip1"], r["tip2"]) for r in rows] == [
        ("h1", "line 2", ""),
        ("h2", "", ""),
        ("h3", "line 2", "line 3"),
        ("h4", "", ""),
    ]
    layer, _ = the_pick(small_heatmap())
    channel = layer["encoding"]["tooltip"]
    assert [c["field"] for c in channel] == ["tip0", "tip1", "tip2"]
    assert channel[0]["title"] == "title" and len({c["title"] for c in channel}) == 3


def test_journey_heatmap_cells_name_their_metric_and_the_focused_row_is_outlined():
    spec = small_heatmap(focus="s2", column_metrics=[None, "nps"])
    rows = spec["data"]["values"]
    assert [(r["stage"], r["metric"]) for r in rows] == [("s1", ""), ("s1", "nps"), ("s2", ""), ("s2", "nps")]
    assert [r["stage"] for r in rows if r["outline"]] == ["s2"]  # one outline: the second row
    (outline,) = [layer for layer in spec["layer"] if layer.get("transform") == [{"filter": "datum.outline"}]]
    assert outline["mark"]["stroke"] == vega.PRIMARY and outline["mark"]["fill"] is None
    assert outline["encoding"]["x"] == {"value": 0} and outline["encoding"]["x2"] == {"value": "width"}
    columns = journey_heatmap.heatmap_column_metrics()
    assert columns[-3:] == ["nps", "csat", "ces"] and columns[:6] == [None] * 6


def test_journey_heatmap_is_json_and_focus_elsewhere_outlines_nothing():
    spec = small_heatmap(focus="not-shown")
    json.dumps(spec)  # inline data Streamlit can send
    assert not [r for r in spec["data"]["values"] if r["outline"]]


def test_sankey_colours_rework_and_end_nodes():
    stage_table = pd.DataFrame(
        {"stage": ["a", "b"], "owner": ["o", "o"], "name_en": ["A", "B"], "owner_name_en": ["Owner", "Owner"]}
    )
    links = pd.DataFrame(
        {
            "from_stage": ["a", "b", "b"],
            "to_stage": ["b", "a", "(end)"],
            "is_rework": [False, True, False],
            "transitions": [10, 3, 7],
            "median_hours": [1.0, 2.0, None],
        }
    )
    fig = journey_flow.sankey_figure(links, stage_table)
    assert [trace.type for trace in fig.data] == ["sankey"]
    sankey = fig.data[0]
    assert list(sankey.node.label)[:2] == ["A", "B"] and len(sankey.node.label) == 3
    assert list(sankey.link.color) == [journey_flow.LINK_COLORS[k] for k in ("forward", "rework", "(end)")]
    assert sankey.node.color[2] == journey_flow.NODE_COLORS["(end)"]
    assert list(sankey.link.value) == [10, 3, 7] and fig.layout.height == 460
