"""The Overview's trend and the Customer page's timeline as Vega-Lite specs (dashboard.vega draws
them), built from small hand-made inputs: what each chart says (band, periods, shading, target,
hover texts, friction) and that the spec is valid Vega-Lite."""

from __future__ import annotations

from datetime import date

import jsonschema
import pandas as pd
import pytest
from altair.vegalite.v6.schema.core import load_schema

from dashboard import charts, i18n, vega
from dashboard.views import customer_timeline_chart as customer

MONTHS = [date(2026, m, 1) for m in range(1, 7)]


@pytest.fixture(scope="module")
def validator() -> jsonschema.Draft7Validator:
    """Vega-Lite 6's JSON schema (the version Streamlit draws with), as altair ships it."""
    return jsonschema.Draft7Validator(load_schema())


def assert_valid(validator, spec: dict) -> None:
    errors = [
        f"{list(e.absolute_path)}: {e.message[:200]}"
        for e in validator.iter_errors({**spec, "config": {**vega.config(), "background": "white"}})
    ]
    assert errors == []


@pytest.fixture()
def finnish(monkeypatch):
    monkeypatch.setattr(i18n, "lang", lambda: "fi")


def trend_points() -> list[charts.TrendPoint]:
    values = [
        (40.0, 35.0, 45.0),
        (42.0, 37.0, 47.0),
        (None, None, None),
        (45.0, 41.0, 49.0),
        (47.0, None, None),
        (50.0, 46.0, 54.0),
    ]
    return [charts.TrendPoint(m, 100 + i, *v) for i, (m, v) in enumerate(zip(MONTHS, values))]


def layers(spec: dict, mark: str) -> list[dict]:
    return [layer for layer in spec["layer"] if layer["mark"]["type"] == mark]


def positions(layer: dict) -> list[float]:
    return [row["i"] for row in layer["data"]["values"]]


# --- overview trend ---------------------------------------------------------------------------


def test_trend_draws_band_two_periods_shade_and_target(validator):
    spec = charts.trend_spec("csat", trend_points(), 48.0, MONTHS[3])
    assert_valid(validator, spec)
    assert [layer["mark"]["type"] for layer in spec["layer"]] == [
        "rect",  # the selected period's shade, below everything
        "area",  # the CI band
        "line",
        "point",  # the comparison period
        "line",
        "point",  # the selected period
        "rule",
        "text",  # the target and its label
    ]
    (shade,) = layers(spec, "rect")
    assert shade["data"]["values"] == [{"from": 2.5, "to": 5.5}]
    assert shade["encoding"]["y2"] == {"value": "height"}  # the plot's full height
    (band,) = layers(spec, "area")
    assert positions(band) == [0, 1, 3, 5]  # the months whose CI is known
    assert band["encoding"]["y"]["field"] == "low" and band["encoding"]["y2"]["field"] == "high"
    assert band["mark"]["opacity"] == charts.BAND_OPACITY
    earlier, current = layers(spec, "line")
    assert positions(earlier) == [0, 1, 3]  # joined to the first month of the selected period
    assert positions(current) == [3, 4, 5]
    assert earlier["mark"]["color"] == charts.MUTED and current["mark"]["color"] == charts.PRIMARY
    rule, label = layers(spec, "rule") + layers(spec, "text")
    assert rule["encoding"]["y"]["datum"] == 48.0 and rule["mark"]["strokeDash"]
    assert rule["mark"]["color"] == charts.TARGET and "x" not in rule["encoding"]  # full width
    assert label["encoding"]["y"]["datum"] == 48.0 and label["mark"]["text"] == "Target 48%"
    assert label["encoding"]["x"]["datum"] == -0.5 and label["mark"]["align"] == "left"
    # every layer on the same scales: all months in view, the score within CSAT's 0-100
    x_domains = {
        str(layer["encoding"]["x"]["scale"]["domain"]) for layer in spec["layer"] if "x" in layer["encoding"]
    }
    assert x_domains == {"[-0.5, 5.5]"}
    low, high = band["encoding"]["y"]["scale"]["domain"]
    assert low <= 35.0 and 54.0 <= high <= 100.0
    assert band["encoding"]["y"]["axis"]["labelExpr"] == 'datum.label + "%"'


def test_trend_without_period_or_target_has_no_shade_and_no_target(validator):
    spec = charts.trend_spec("nps", trend_points(), None, None, height=300)
    assert_valid(validator, spec)
    assert spec["height"] == 300
    assert [layer["mark"]["type"] for layer in spec["layer"]] == ["area", "line", "point"]
    (line,) = layers(spec, "line")
    assert positions(line) == [0, 1, 3, 4, 5] and line["mark"]["color"] == charts.PRIMARY
    assert "labelExpr" not in line["encoding"]["y"]["axis"]  # no percent sign on NPS
    low, high = line["encoding"]["y"]["scale"]["domain"]
    assert -100.0 <= low < 35.0 and 54.0 < high <= 100.0


def test_trend_starting_at_the_first_month_is_not_shaded(validator):
    spec = charts.trend_spec("ces", trend_points(), 5.0, MONTHS[0])
    assert_valid(validator, spec)
    assert layers(spec, "rect") == []
    assert [layer["encoding"]["y"]["datum"] for layer in layers(spec, "rule")] == [5.0]
    assert layers(spec, "text")[0]["mark"]["text"] == "Target 5.0"
    assert len(layers(spec, "line")) == 1  # no comparison period to draw in grey


def test_trend_hover_texts_are_ours_in_english_and_finnish(finnish):
    spec = charts.trend_spec("csat", trend_points(), 48.0, MONTHS[3])
    _, current = layers(spec, "point")
    first = current["data"]["values"][0]
    assert first["month"] == "huhtikuu 2026"
    assert first["value_text"] == "45,0\u00a0%"
    assert first["ci_text"] == "41,0…49,0"
    assert first["n_text"] == "103"
    titles = [field["title"] for field in current["encoding"]["tooltip"]]
    assert titles == ["title", "CSAT", "95 %:n luottamusväli", "n"]  # the month is the heading
    assert current["data"]["values"][1]["ci_text"] == "–"  # a month whose CI is not known
    assert layers(spec, "text")[0]["mark"]["text"] == "Tavoite 48\u00a0%"


def test_trend_hover_in_english_and_no_hover_on_band_shade_or_target():
    spec = charts.trend_spec("nps", trend_points(), 30.0, MONTHS[3])
    _, current = layers(spec, "point")
    row = current["data"]["values"][0]
    assert (row["month"], row["value_text"], row["ci_text"]) == ("April 2026", "+45.0", "+41.0 to +49.0")
    assert [field["title"] for field in current["encoding"]["tooltip"]] == ["title", "NPS", "95% CI", "n"]
    for layer in spec["layer"]:
        if layer["mark"]["type"] != "point":
            assert layer["mark"]["tooltip"] is None, layer["mark"]["type"]


def test_trend_month_axis_names_months_with_the_year_under_the_first_and_january(finnish):
    months = [date(2025, m, 1) for m in range(7, 13)] + [date(2026, m, 1) for m in range(1, 13)]
    points = [charts.TrendPoint(m, 50, 10.0, 5.0, 15.0) for m in months]
    spec = charts.trend_spec("nps", points, None, None)
    axis = spec["layer"][0]["encoding"]["x"]["axis"]
    assert len(axis["values"]) <= 7 and axis["values"][0] == 0
    assert axis["labelExpr"].startswith('[["heinä", "2025"], [], [], ["loka"]')
    assert '["tammi", "2026"]' in axis["labelExpr"]
    assert axis["labelAngle"] == 0 and axis["title"] is None


def test_trend_of_months_without_enough_answers_is_still_a_valid_spec(validator):
    points = [charts.TrendPoint(m, 3, None, None, None) for m in MONTHS]
    spec = charts.trend_spec("nps", points, 30.0, MONTHS[2])
    assert_valid(validator, spec)
    assert layers(spec, "line") == [] and layers(spec, "area") == []


# --- customer timeline ------------------------------------------------------------------------


class FakeNames:
    def what(self, row: pd.Series) -> str:
        return str(row["what"])

    def stage(self, key) -> str:
        return str(key)


def timeline(friction: list[bool]) -> pd.DataFrame:
    n = len(friction)
    return pd.DataFrame(
        {
            "occurred_at": pd.date_range("2026-01-01 09:05", periods=n, freq="D"),
            "kind": ["event"] * n,
            "friction": friction,
            "journey_id": ["J1"] * n,
            "stage": ["order"] * n,
            "what": ["ordered"] * n,
            "outcome": ["ok"] * n,
            "late": [False] * n,
        }
    )


def test_timeline_splits_items_with_and_without_friction(validator):
    spec = customer.timeline_spec(timeline([False, True, False]), FakeNames())
    assert_valid(validator, spec)
    rows = spec["data"]["values"]
    assert [row["series"] for row in rows] == ["No friction", "Friction", "No friction"]
    assert [row["friction"] for row in rows] == [False, True, False]
    color = spec["encoding"]["color"]["scale"]
    assert color == {
        "domain": ["No friction", "Friction"],
        "range": [customer.CALM_COLOR, customer.FRICTION_COLOR],
    }
    # four rows, events on top: events, missed deadlines, contacts, responses
    assert spec["encoding"]["y"]["scale"]["domain"] == [
        "Journey event",
        "Missed deadline",
        "Contact",
        "Survey response",
    ]
    assert rows[0]["at"] == "2026-01-01T09:05:00"  # the wall-clock time, no offset
    assert rows[0]["time"] == "1 Jan 2026, 09:05"
    assert rows[0]["heading"] == "ordered · order" and rows[0]["journey"] == "J1"
    assert spec["encoding"]["x"]["type"] == "temporal"


def test_timeline_without_friction_has_one_series(validator):
    spec = customer.timeline_spec(timeline([False, False]), FakeNames())
    assert_valid(validator, spec)
    assert spec["encoding"]["color"]["scale"] == {"domain": ["No friction"], "range": [customer.CALM_COLOR]}
    assert {row["series"] for row in spec["data"]["values"]} == {"No friction"}


def test_timeline_dates_in_the_finnish_date_style(finnish):
    spec = customer.timeline_spec(timeline([True]), FakeNames())
    assert spec["encoding"]["x"]["axis"]["format"]["date"] == "%-d.%-m."
    assert spec["encoding"]["x"]["axis"]["format"]["month"] == "%b %Y"  # 'kesä 2026' with the locale
    (row,) = spec["data"]["values"]
    assert row["time"] == "1.1.2026 klo 9.05" and row["series"] == "Kitka"
    assert [field["title"] for field in spec["encoding"]["tooltip"]] == [
        "title",
        "Aika",
        "Lisätiedot",
        "Polku",
    ]
