"""The Contacts and Functions pages' Vega-Lite specs, built from small hand-made inputs (no
Streamlit): valid Vega-Lite, the same numbers, order, axes and hover wording as the Plotly
figures they replace, in English and Finnish."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import altair
import jsonschema
import pandas as pd
import pytest

from dashboard import contacts_figures, functions_figures, i18n, vega

MONTHS = [date(2026, m, 1) for m in range(1, 7)]
SCHEMA = Path(altair.__file__).parent / "vegalite" / "v6" / "schema" / "vega-lite-schema.json"


@pytest.fixture(scope="module")
def validator() -> jsonschema.protocols.Validator:
    schema = json.loads(SCHEMA.read_text())
    return jsonschema.validators.validator_for(schema)(schema)


@pytest.fixture()
def finnish(monkeypatch):
    monkeypatch.setattr(i18n, "lang", lambda: "fi")


def check(validator, spec: dict) -> dict:
    """``spec`` is valid Vega-Lite (with the house config, as drawn) and JSON as Streamlit sends it."""
    drawn = json.loads(json.dumps(spec))
    errors = [jsonschema.exceptions.best_match([e]).message[:300] for e in validator.iter_errors(drawn)]
    assert not errors, errors[:3]
    return spec


def layer_of(spec: dict, mark: str) -> dict:
    (layer,) = [la for la in spec["layer"] if la["mark"]["type"] == mark]
    return layer


def tips(spec: dict, layer: dict, prefix: str) -> list[str]:
    """Each data row's hover text as our '<br>'-joined wording, from its tooltip fields."""
    fields = [ch["field"] for ch in layer["encoding"]["tooltip"]]
    assert all(f.startswith(prefix) for f in fields)
    assert layer["encoding"]["tooltip"][0]["title"] == "title"  # the first line is the heading
    titles = [ch["title"] for ch in layer["encoding"]["tooltip"]]
    assert len(set(titles)) == len(titles)  # distinct keys, or vega-tooltip drops rows
    return ["<br>".join(row[f] for f in fields) for row in spec["data"]["values"]]


def labels_of(axis: dict) -> dict:
    """The axis label of each value, from its label expression ('{...}[datum.value]')."""
    expr = axis["labelExpr"]
    assert expr.endswith("[datum.value]")
    return json.loads(expr.removesuffix("[datum.value]"))


# --- functions: sparkline -------------------------------------------------------------------


def trend() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "period_month": MONTHS[1:4],
            "journeys_reached": [10, 0, 20],
            "journeys_with_friction": [5, 0, 4],
            "avoidable_contacts_caused": [3, 1, 2],
        }
    )


def test_sparkline_has_avoidable_bars_on_a_second_axis(validator):
    spec = check(validator, vega.with_config(functions_figures.sparkline_spec(trend(), MONTHS), "en"))
    rows = spec["data"]["values"]
    assert [r["avoidable"] for r in rows] == [0, 3, 1, 2, 0, 0]
    assert [r["rate"] for r in rows] == [None, 50.0, None, 20.0, None, None]
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    bars, line = layer_of(spec, "bar"), layer_of(spec, "line")
    assert bars["encoding"]["y"]["axis"]["orient"] == "right"
    assert line["encoding"]["y"]["axis"].get("orient", "left") == "left"
    assert line["mark"]["invalid"] == "break-paths-show-domains"  # no journeys: a gap, not a line
    # both value axes are titled in the page's language, in the colour of their marks
    assert line["encoding"]["y"]["axis"]["title"] == "Friction rate"
    assert bars["encoding"]["y"]["axis"]["title"] == "Avoidable"
    assert line["encoding"]["y"]["axis"]["labelExpr"] == "datum.label + '%'"
    assert bars["encoding"]["y"]["axis"]["titleColor"] == functions_figures.AVOIDABLE_AXIS
    assert "legend" not in json.dumps(spec["layer"])
    x = line["encoding"]["x"]
    assert x["sort"] == [contacts_figures.month_key(m) for m in MONTHS] and bars["encoding"]["x"] == x
    assert 0 < len(x["axis"]["values"]) <= 4 and spec["height"] == functions_figures.SPARK_HEIGHT
    assert tips(spec, bars, "tip")[1] == "Feb 2026<br>Avoidable contacts 3"
    assert tips(spec, line, "rate_tip")[1] == "Feb 2026<br>Friction rate 50.0%"
    assert tips(spec, line, "rate_tip")[0] == "Jan 2026<br>Friction rate –"


def test_sparkline_in_finnish(validator, finnish):
    spec = check(validator, vega.with_config(functions_figures.sparkline_spec(trend(), MONTHS), "fi"))
    bars, line = layer_of(spec, "bar"), layer_of(spec, "line")
    assert line["encoding"]["y"]["axis"]["title"] == "Kitkaosuus"
    assert bars["encoding"]["y"]["axis"]["title"] == "Vältettävissä"
    assert line["encoding"]["y"]["axis"]["labelExpr"] == "datum.label + '\u00a0%'"
    assert labels_of(line["encoding"]["x"]["axis"]) == {"2026-01": ["tammi", "2026"], "2026-03": "maalis",
                                                        "2026-05": "touko"}  # fmt: skip
    assert tips(spec, line, "rate_tip")[1] == "helmi 2026<br>Kitkaosuus 50,0\u00a0%"


# --- functions: caused by x handled by ------------------------------------------------------


def matrix() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "owner": ["billing", "billing", "logistics"],
            "handling_team": ["customer_service", "billing", "customer_service"],
            "contacts": [5, 2, 7],
            "avoidable_contacts": [1, 0, 3],
            "cost_eur": [50.0, 20.0, 70.0],
        }
    )


NAMES = {
    "billing": {"en": "Billing", "fi": "Laskutus"},
    "logistics": {"en": "Logistics", "fi": "Logistiikka"},
    "customer_service": {"en": "Customer service", "fi": "Asiakaspalvelu"},
}


def test_matrix_heatmap_follows_row_and_column_order(validator):
    rows, columns = functions_figures.matrix_order(matrix(), ["logistics", "billing"])
    assert (rows, columns) == (["logistics", "billing"], ["customer_service", "billing"])
    spec = check(
        validator, vega.with_config(functions_figures.heatmap_spec(matrix(), rows, columns, NAMES), "en")
    )
    enc = spec["encoding"]
    assert enc["y"]["sort"] == ["Logistics", "Billing"]  # the first row on top
    assert enc["x"]["sort"] == ["Customer service", "Billing"] and enc["x"]["axis"]["orient"] == "top"
    assert (enc["x"]["title"], enc["y"]["title"]) == ("Handled by", "Caused by")
    cells = {(c["caused"], c["handled"]): c for c in spec["data"]["values"]}
    z = [[cells[(r, c)]["contacts"] for c in enc["x"]["sort"]] for r in enc["y"]["sort"]]
    assert z == [[7, 0], [5, 2]]
    assert cells[("Logistics", "Billing")]["text"] == ""  # no contacts, no label
    assert cells[("Billing", "Customer service")]["text"] == "5\n€50"
    assert layer_of(spec, "text")["mark"]["lineBreak"] == "\n"
    scale = layer_of(spec, "rect")["encoding"]["color"]["scale"]
    assert (
        scale["range"] == functions_figures.HEAT_COLORS
        and scale["domain"][0] == 0
        and scale["domain"][-1] == 7
    )
    assert spec["height"] == 220
    assert tips(spec, spec, "tip")[0] == (
        "Caused by Logistics<br>Handled by Customer service<br>7 contacts, 3 avoidable<br>Cost €70"
    )
    # every label whole: long names are wrapped into lines, never cut
    assert labels_of(enc["x"]["axis"])["Customer service"] == ["Customer", "service"]
    assert enc["x"]["axis"]["labelAlign"] == "center" and enc["x"]["axis"]["labelOverlap"] is False


def test_matrix_heatmap_in_finnish(validator, finnish):
    spec = functions_figures.heatmap_spec(
        matrix(), ["logistics", "billing"], ["customer_service", "billing"], NAMES
    )
    check(validator, vega.with_config(spec, "fi"))
    assert spec["encoding"]["y"]["sort"] == ["Logistiikka", "Laskutus"]
    assert spec["encoding"]["x"]["title"] == "Käsittelijä"
    cells = {(c["caused"], c["handled"]): c for c in spec["data"]["values"]}
    assert cells[("Laskutus", "Asiakaspalvelu")]["text"] == "5\n50\u00a0€"


# --- contacts: Pareto ------------------------------------------------------------------------


def reasons() -> pd.DataFrame:
    return pd.DataFrame(
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


def test_pareto_colours_bars_by_kind_and_draws_the_cumulative_share_on_a_second_axis(validator):
    spec = check(validator, vega.with_config(contacts_figures.pareto_spec(reasons(), ["A", "B", "C"]), "en"))
    rows = spec["data"]["values"]
    assert [(r["reason"], r["kind"], r["contacts"]) for r in rows] == [
        ("A", "Avoidable", 6),
        ("B", "Avoidable", 3),
        ("C", "Not in the journey map", 1),
    ]
    assert [r["cumulative"] for r in rows] == [60.0, 90.0, 100.0]
    bars, line = layer_of(spec, "bar"), layer_of(spec, "line")
    # one colour per kind present (no value-adding reason here), and the line's in the legend
    color = bars["encoding"]["color"]
    assert color["scale"] == {
        "domain": ["Not in the journey map", "Avoidable", "Cumulative share"],
        "range": [
            contacts_figures.UNMAPPED_COLOR,
            contacts_figures.AVOIDABLE_COLOR,
            contacts_figures.CUMULATIVE_COLOR,
        ],
    }
    assert color["legend"]["orient"] == "top" and line["encoding"]["color"] == {"datum": "Cumulative share"}
    assert spec["resolve"] == {"scale": {"y": "independent"}}
    cumulative = line["encoding"]["y"]
    assert cumulative["scale"]["domain"] == [0, 105] and cumulative["axis"]["orient"] == "right"
    assert cumulative["axis"]["values"] == [0, 25, 50, 75, 100]
    assert bars["encoding"]["y"]["title"] == "Contacts" and bars["encoding"]["y"]["stack"] is None
    assert bars["encoding"]["x"]["sort"] == ["A", "B", "C"] == line["encoding"]["x"]["sort"]  # most first
    assert bars["encoding"]["x"]["axis"]["labelAngle"] == -90  # upright names never overlap
    assert tips(spec, bars, "tip")[0] == "A<br>6 contacts (60.0%)<br>Cost €60"
    assert tips(spec, line, "cum")[1] == "Up to B: 90% of contacts"


def test_pareto_in_finnish(validator, finnish):
    spec = check(validator, vega.with_config(contacts_figures.pareto_spec(reasons(), ["A", "B", "C"]), "fi"))
    bars, line = layer_of(spec, "bar"), layer_of(spec, "line")
    assert bars["encoding"]["color"]["scale"]["domain"] == ["Ei polkukartassa", "Vältettävissä", "Kertymä"]
    assert line["encoding"]["y"]["axis"]["labelExpr"] == "datum.label + '\u00a0%'"
    assert tips(spec, bars, "tip")[0] == "A<br>6 yhteydenottoa (60,0\u00a0%)<br>Kulut 60\u00a0€"


# --- contacts: bars ---------------------------------------------------------------------------


def test_horizontal_bars_read_top_down(validator):
    spec = check(
        validator, vega.with_config(contacts_figures.bar_spec(["x", "y"], [3, 1], ["x: 3", "y: 1"]), "en")
    )
    enc = spec["encoding"]
    assert enc["y"]["sort"] == ["x", "y"] and enc["y"]["type"] == "nominal"  # the first label on top
    assert enc["x"]["type"] == "quantitative" and enc["x"]["axis"]["format"] == ",d"
    assert [r["value"] for r in spec["data"]["values"]] == [3, 1]
    assert tips(spec, spec, "tip") == ["x: 3", "y: 1"]
    assert spec["height"] == contacts_figures.BAR_EXTRA + 2 * contacts_figures.BAR_STEP
    assert "labelExpr" not in enc["y"]["axis"]  # short labels stay as they are
    long = contacts_figures.bar_spec(["Returns & refunds of damaged deliveries", "y"], [3, 1], ["a", "b"])
    assert labels_of(long["encoding"]["y"]["axis"])["Returns & refunds of damaged deliveries"] == [
        "Returns & refunds of",
        "damaged deliveries",
    ]


def test_month_bars_have_month_ticks_in_the_language(validator, monkeypatch):
    hover = [f"{i18n.fmt_month(m)}: {v}" for m, v in zip(MONTHS, range(1, 7))]
    spec = check(
        validator, vega.with_config(contacts_figures.month_bar_spec(MONTHS, list(range(1, 7)), hover), "en")
    )
    x = spec["encoding"]["x"]
    assert [r["month"] for r in spec["data"]["values"]] == [contacts_figures.month_key(m) for m in MONTHS]
    assert x["type"] == "ordinal" and x["sort"] == [contacts_figures.month_key(m) for m in MONTHS]
    assert x["axis"]["values"] == ["2026-01", "2026-03", "2026-05"]
    assert labels_of(x["axis"]) == {"2026-01": ["Jan", "2026"], "2026-03": "Mar", "2026-05": "May"}
    assert spec["mark"]["type"] == "bar" and spec["encoding"]["y"]["type"] == "quantitative"
    assert tips(spec, spec, "tip")[0] == "Jan 2026: 1"
    monkeypatch.setattr(i18n, "lang", lambda: "fi")
    across = [date(2025, 11, 1), date(2025, 12, 1), date(2026, 1, 1), date(2026, 2, 1)]
    fi = contacts_figures.month_bar_spec(across, [1, 2, 3, 4], ["a", "b", "c", "d"])
    assert labels_of(fi["encoding"]["x"]["axis"]) == {
        "2025-11": ["marras", "2025"],
        "2025-12": "joulu",
        "2026-01": ["tammi", "2026"],  # the year under each January
        "2026-02": "helmi",
    }


def test_wrap_keeps_every_word():
    assert contacts_figures.wrap("short") == "short"
    lines = contacts_figures.wrap("IT & digital services and other long names", 14)
    assert " ".join(lines) == "IT & digital services and other long names"
    assert all(len(line) <= 14 for line in lines)
