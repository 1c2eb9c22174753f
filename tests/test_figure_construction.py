"""The dashboard's figures, built from small hand-made inputs: each is made in one go.Figure call
(plotly's update machinery costs 10-20 ms a figure) and keeps its traces, axes and shapes."""

from __future__ import annotations

import importlib
import types
from datetime import date

import pandas as pd
import plotly.graph_objects as go
import pytest

from dashboard import charts, contacts_figures, functions_figures, journey_figures

MONTHS = [date(2026, m, 1) for m in range(1, 7)]
SLOW = (
    "add_trace",
    "add_traces",
    "update_layout",
    "update_traces",
    "update_xaxes",
    "update_yaxes",
    "add_annotation",
    "add_shape",
    "add_hline",
    "add_vline",
    "add_hrect",
    "add_vrect",
    "batch_update",
    "plotly_relayout",
    "plotly_update",
)


@pytest.fixture(scope="module")
def views() -> dict[str, types.ModuleType]:
    """The page modules (importing one draws nothing; its render() draws the page)."""
    return {
        name: importlib.import_module(f"dashboard.views.{name}")
        for name in ("contacts", "customer", "functions")
    }


@pytest.fixture(autouse=True)
def _one_constructor_call(monkeypatch):
    """Any use of plotly's update machinery on a figure fails the test."""
    for name in SLOW:

        def refuse(*args, _name=name, **kwargs):
            raise AssertionError(f"go.Figure.{_name} called: build the figure in one constructor call")

        monkeypatch.setattr(go.Figure, name, refuse)


def types_of(fig: go.Figure) -> list[str]:
    return [trace.type for trace in fig.data]


# --- overview trends ----------------------------------------------------------------------


def trend_points() -> list[charts.TrendPoint]:
    values = [
        (40.0, 35.0, 45.0),
        (42.0, 37.0, 47.0),
        (None, None, None),
        (45.0, 41.0, 49.0),
        (47.0, None, None),
        (50.0, 46.0, 54.0),
    ]
    return [charts.TrendPoint(m, 100, *v) for m, v in zip(MONTHS, values)]


def test_trend_figure_draws_band_two_periods_shade_and_target():
    fig = charts.trend_figure("csat", trend_points(), 48.0, MONTHS[3])
    assert types_of(fig) == ["scatter"] * 4
    upper, lower, earlier, current = fig.data
    assert lower.fill == "tonexty"
    assert list(upper.x) == list(lower.x) == ["2026-01", "2026-02", "2026-04", "2026-06"]  # CI known
    assert list(earlier.x) == ["2026-01", "2026-02", "2026-04"]  # joined to the first current month
    assert list(current.x) == ["2026-04", "2026-05", "2026-06"]
    assert earlier.line.color == charts.MUTED and current.line.color == charts.PRIMARY
    shade, target = fig.layout.shapes
    assert (shade.type, shade.x0, shade.x1, shade.yref, shade.layer) == (
        "rect",
        2.5,
        5.5,
        "y domain",
        "below",
    )
    assert (target.type, target.y0, target.y1, target.xref, target.line.dash) == (
        "line",
        48.0,
        48.0,
        "x domain",
        "dash",
    )
    (label,) = fig.layout.annotations
    assert label.y == 48.0 and "48" in label.text and label.showarrow is False
    assert fig.layout.xaxis.categoryarray == tuple(charts.month_key(m) for m in MONTHS)
    assert fig.layout.yaxis.ticksuffix == "%" and fig.layout.yaxis.range[1] <= 100.0


def test_trend_figure_without_period_or_target_has_no_shapes():
    fig = charts.trend_figure("nps", trend_points(), None, None, height=300)
    assert types_of(fig) == ["scatter"] * 3
    assert fig.layout.shapes == () and fig.layout.annotations == ()
    assert fig.layout.height == 300 and fig.layout.yaxis.ticksuffix is None


def test_trend_figure_starting_at_the_first_month_is_not_shaded():
    fig = charts.trend_figure("ces", trend_points(), 5.0, MONTHS[0])
    assert [shape.type for shape in fig.layout.shapes] == ["line"]


# --- functions page -----------------------------------------------------------------------


def test_sparkline_has_avoidable_bars_on_a_second_axis(views):
    trend = pd.DataFrame(
        {
            "period_month": MONTHS[1:4],
            "journeys_reached": [10, 0, 20],
            "journeys_with_friction": [5, 0, 4],
            "avoidable_contacts_caused": [3, 1, 2],
        }
    )
    fig = functions_figures.sparkline(trend, MONTHS)
    assert types_of(fig) == ["bar", "scatter"]
    bars, rate = fig.data
    assert bars.yaxis == "y2" and list(bars.y) == [0, 3, 1, 2, 0, 0]
    assert list(rate.y) == [None, 50.0, None, 20.0, None, None]
    assert fig.layout.yaxis2.overlaying == "y" and fig.layout.yaxis2.side == "right"
    assert fig.layout.yaxis.ticksuffix == "%" and fig.layout.showlegend is False
    assert 0 < len(fig.layout.xaxis.tickvals) <= 4 and fig.layout.height == functions_figures.SPARK_HEIGHT
    # both value axes are titled, in the page's language
    assert fig.layout.yaxis.title.text == "Friction rate" and fig.layout.yaxis2.title.text == "Avoidable"


def test_matrix_heatmap_follows_row_and_column_order(views):
    matrix = pd.DataFrame(
        {
            "owner": ["billing", "billing", "logistics"],
            "handling_team": ["customer_service", "billing", "customer_service"],
            "contacts": [5, 2, 7],
            "avoidable_contacts": [1, 0, 3],
            "cost_eur": [50.0, 20.0, 70.0],
        }
    )
    fig = functions_figures.heatmap(matrix, ["logistics", "billing"], ["customer_service", "billing"], {})
    assert types_of(fig) == ["heatmap"]
    assert fig.data[0].z.tolist() == [[7, 0], [5, 2]]
    assert fig.data[0].text[0][1] == ""  # no contacts, no label
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.xaxis.side == "top"
    assert fig.layout.height == 220


# --- contacts page ------------------------------------------------------------------------


def test_pareto_has_a_bar_trace_per_kind_present_and_cumulative_on_y2(views):
    table = pd.DataFrame(
        {
            "reason": ["a", "b", "c"],
            "reason_mapped": [True, True, False],
            "avoidable": [True, True, False],
            "contacts": [6, 3, 1],
            "share": [0.6, 0.3, 0.1],
            "cumulative": [0.6, 0.9, 1.0],
            "cost_eur": [60.0, 30.0, 10.0],
        }
    )
    fig = contacts_figures.pareto_figure(table, ["A", "B", "C"])
    assert types_of(fig) == ["bar", "bar", "scatter"]  # unmapped, avoidable; no value-adding reason
    assert list(fig.data[0].x) == ["C"] and list(fig.data[1].x) == ["A", "B"]
    assert fig.data[2].yaxis == "y2" and list(fig.data[2].y) == [60.0, 90.0, 100.0]
    assert fig.layout.yaxis2.overlaying == "y" and fig.layout.yaxis2.range == (0, 105)
    assert fig.layout.barmode == "overlay" and fig.layout.legend.orientation == "h"
    assert fig.layout.xaxis.categoryarray == ("A", "B", "C")


def test_horizontal_bars_read_top_down():
    fig = charts.bar_figure(["x", "y"], [3, 1], ["x: 3", "y: 1"], height=100)
    assert types_of(fig) == ["bar"] and fig.data[0].orientation == "h"
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.xaxis.separatethousands is True
    assert fig.layout.showlegend is False and fig.layout.margin.t == 8 and fig.layout.height == 100


def test_month_bars_have_month_ticks():
    fig = charts.month_bar_figure(MONTHS, [1, 2, 3, 4, 5, 6], ["h"] * 6)
    assert types_of(fig) == ["bar"] and fig.data[0].orientation is None
    assert list(fig.data[0].x) == [charts.month_key(m) for m in MONTHS]
    assert fig.layout.xaxis.type == "category" and fig.layout.xaxis.tickmode == "array"
    assert fig.layout.xaxis.tickvals == ("2026-01", "2026-03", "2026-05")
    assert fig.layout.yaxis.gridcolor == charts.GRID


# --- customer page ------------------------------------------------------------------------


class FakeNames:
    def what(self, row: pd.Series) -> str:
        return str(row["what"])

    def stage(self, key) -> str:
        return str(key)


def timeline(friction: list[bool]) -> pd.DataFrame:
    n = len(friction)
    return pd.DataFrame(
        {
            "occurred_at": pd.date_range("2026-01-01", periods=n, freq="D"),
            "kind": ["event"] * n,
            "friction": friction,
            "journey_id": ["J1"] * n,
            "stage": ["order"] * n,
            "what": ["ordered"] * n,
            "outcome": ["ok"] * n,
            "late": [False] * n,
        }
    )


def test_timeline_splits_items_with_and_without_friction(views):
    fig = views["customer"].timeline_figure(timeline([False, True, False]), FakeNames())
    assert types_of(fig) == ["scatter", "scatter"]
    calm, flagged = fig.data
    assert len(calm.x) == 2 and len(flagged.x) == 1
    assert flagged.marker.color == views["customer"].FRICTION_COLOR
    # four rows: events, missed deadlines, contacts, responses
    assert fig.layout.yaxis.range == (-0.5, 3.5) and len(fig.layout.yaxis.categoryarray) == 4


def test_timeline_without_friction_has_one_trace(views):
    fig = views["customer"].timeline_figure(timeline([False, False]), FakeNames())
    assert types_of(fig) == ["scatter"] and fig.data[0].marker.color == views["customer"].CALM_COLOR


# --- journey page -------------------------------------------------------------------------


def test_journey_heatmap_has_a_clickable_marker_per_cell():
    fig = journey_figures.heatmap_figure(
        ["m1", "m2"],
        ["s1", "s2"],
        ["Stage 1", "Stage 2"],
        [[None, 0.5], [1.0, 0.0]],
        [["a", "b"], ["c", "d"]],
        [["h1", "h2"], ["h3", "h4"]],
    )
    assert types_of(fig) == ["heatmap", "scatter"]
    assert [list(c) for c in fig.data[1].customdata] == [["s1", ""], ["s1", ""], ["s2", ""], ["s2", ""]]
    assert list(fig.data[1].hovertext) == ["h1", "h2", "h3", "h4"]
    assert fig.layout.clickmode == "event+select" and fig.layout.dragmode is False
    assert fig.layout.yaxis.autorange == "reversed" and fig.layout.height == 100 + 44 * 2
    assert not fig.layout.shapes  # no stage drilled into: no row outlined


def test_journey_heatmap_cells_name_their_metric_and_the_focused_row_is_outlined():
    fig = journey_figures.heatmap_figure(
        ["rate", "NPS<br>difference"],
        ["s1", "s2"],
        ["Stage 1", "Stage 2"],
        [[None, 0.5], [1.0, 0.0]],
        [["a", "b"], ["c", "d"]],
        [["h1", "h2"], ["h3", "h4"]],
        focus="s2",
        column_metrics=[None, "nps"],
    )
    assert [list(c) for c in fig.data[1].customdata] == [["s1", ""], ["s1", "nps"], ["s2", ""], ["s2", "nps"]]
    (outline,) = fig.layout.shapes
    assert (outline.y0, outline.y1) == (0.5, 1.5)  # the second row
    columns = journey_figures.heatmap_column_metrics()
    assert columns[-3:] == ["nps", "csat", "ces"] and columns[:6] == [None] * 6


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
    fig = journey_figures.sankey_figure(links, stage_table)
    assert types_of(fig) == ["sankey"]
    sankey = fig.data[0]
    assert list(sankey.node.label)[:2] == ["A", "B"] and len(sankey.node.label) == 3
    assert list(sankey.link.color) == [journey_figures.LINK_COLORS[k] for k in ("forward", "rework", "(end)")]
    assert list(sankey.link.value) == [10, 3, 7] and fig.layout.height == 460
