"""The Journey page, run headless with AppTest against the demo database."""

from __future__ import annotations

import json
import re

import pytest
from streamlit.testing.v1 import AppTest

from tests import app_pages

pytestmark = pytest.mark.usefixtures("demo_db")  # every test reads the demo database


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("journey", query_params, run_first=True)


def texts(at: AppTest) -> str:
    return app_pages.texts(at, metrics=False)


def figures(at: AppTest) -> dict[str, dict]:
    """Plotly figures on the page by element key suffix."""
    out = {}
    for chart in at.get("plotly_chart"):
        spec = json.loads(chart.proto.spec)
        kinds = {trace.get("type") for trace in spec["data"]}
        out["sankey" if "sankey" in kinds else "heatmap" if "heatmap" in kinds else "other"] = spec
    return out


def frames(at: AppTest) -> list:
    return [df.value for df in at.dataframe]


def test_page_shows_heatmap_flow_paths_and_no_stage_yet():
    at = open_page()
    page = texts(at)
    for header in (
        "Customer journey",
        "Friction by stage",
        "Flow between stages",
        "Rework loops",
        "Most common paths",
        "Stage drill-down",
    ):
        assert header in page, header
    figs = figures(at)
    assert {"heatmap", "sankey"} <= set(figs)
    heat = next(tr for tr in figs["heatmap"]["data"] if tr["type"] == "heatmap")
    assert heat["y"][0].startswith("Account & login")  # journey order, owner in the label
    assert len(heat["x"]) == 9 and heat["x"][-1] == "CES<br>difference"
    sankey = figs["sankey"]["data"][0]
    labels = sankey["node"]["label"]
    assert {"Completed", "Dropped", "In progress"} <= set(labels)
    paths = frames(at)[-1]
    assert list(paths.columns)[:3] == ["Path", "Journeys", "Share"]
    assert 1 <= len(paths) <= 10
    assert "Choose a stage here" in page


def test_delivery_friction_is_at_the_delivery_stage_owned_by_logistics():
    at = open_page()
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    late_col = heat["x"].index("Late<br>rate")
    rows = {
        label.split(" · ")[0]: (label.split(" · ")[1], z[late_col]) for label, z in zip(heat["y"], heat["z"])
    }
    owner, late = rows["Delivery"]
    assert owner == "Logistics"
    assert late == 1.0  # the worst late rate of all stages
    assert all(z is None or z < 1.0 for name, (_, z) in rows.items() if name != "Delivery")
    # in the flow, the delivery node is owned by logistics and is the reddest stage node
    sankey = figures(at)["sankey"]["data"][0]
    node = sankey["node"]
    delivery = node["label"].index("Delivery")
    assert "<b>Delivery</b> · Logistics" in node["customdata"][delivery]
    assert re.search(r"late \d+\.\d%", node["customdata"][delivery])
    stage_nodes = [
        i for i, label in enumerate(node["label"]) if label not in ("Completed", "Dropped", "In progress")
    ]
    assert node["color"][delivery] == "rgb(178, 24, 43)"  # the darkest: most friction
    assert all(node["color"][i] != node["color"][delivery] for i in stage_nodes if i != delivery)
    hovers = sankey["link"]["customdata"]
    assert any(h.startswith("Delivery → ") for h in hovers)
    assert any("(rework)" in h for h in hovers)
    assert any(h.startswith("Delivery → Completed") for h in hovers)  # delivery completes a journey
    assert any(h.startswith("Browse & order → Dropped") for h in hovers)  # abandoned carts drop off


def test_stage_drill_down_shows_contacts_verbatims_and_affected_customers():
    at = open_page()
    at.selectbox(key="journey_drill_stage").set_value("delivery").run()
    assert not at.exception, [e.value for e in at.exception]
    page = texts(at)
    assert "Owner: Logistics" in page
    assert "Contacts by reason" in page and "What customers said" in page
    assert "Affected customers" in page
    tables = {tuple(df.columns)[:2]: df for df in frames(at)}
    contacts = next(df for cols, df in tables.items() if cols[0] == "Reason")
    assert "Where is my order?" in set(contacts["Reason"])
    verbatims = next(df for cols, df in tables.items() if cols[0] == "Answered")
    assert len(verbatims) > 0 and verbatims["Comment"].str.len().min() > 0
    affected = next(df for cols, df in tables.items() if cols[0] == "Customer")
    assert len(affected) > 0
    assert affected["Customer"].str.contains(r"^customer\?.*customer=", regex=True).all()
    assert set(affected["Late"]) <= {"Yes", "No"} and "Yes" in set(affected["Late"])
    # only comments from customers who met friction there
    at.button_group(key="journey_verbatim_filter").set_value("with").run()
    assert not at.exception
    with_friction = next(df for df in frames(at) if list(df.columns)[0] == "Answered")
    assert set(with_friction["Friction here"]) == {"Yes"}


def test_stage_from_the_url_opens_the_drill_down_and_limits_the_stages():
    at = open_page({"stage": "payment"})
    assert at.selectbox(key="journey_drill_stage").value == "payment"
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    assert [y.split(" · ")[0] for y in heat["y"]] == ["Payment"]
    page = texts(at)
    assert "Owner: Payments" in page
    contacts = next(df for df in frames(at) if list(df.columns)[0] == "Reason")
    assert "Payment failed" in set(contacts["Reason"])


def test_owner_filter_limits_stages():
    at = open_page({"owner": "warehouse"})
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    assert [y.split(" · ")[0] for y in heat["y"]] == ["Picking & packing", "Returns & refunds"]


def test_finnish():
    at = open_page({"lang": "fi"})
    page = texts(at)
    assert "Asiakaspolku" in page and "Kitka vaiheittain" in page and "Yleisimmät polut" in page
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    assert heat["y"][0].startswith("Tili ja kirjautuminen")
    assert any("," in str(v) for row in heat["text"] for v in row)  # decimal comma
    assert "Valmis" in figures(at)["sankey"]["data"][0]["node"]["label"]
    box = at.selectbox(key="journey_drill_stage")
    assert box.options[4] == "Toimitus"
    box.select_index(4).run()  # labels are Finnish; the test process formats in English
    assert not at.exception
    assert "Omistaja: Logistiikka" in texts(at)
    assert "Yhteydenotot syittäin" in texts(at)
