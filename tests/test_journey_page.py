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
    paths = at.table[-1].value  # a static table: long paths wrap instead of being cut off
    assert list(paths.columns)[:3] == ["Path", "Journeys", "Share"]
    assert 1 <= len(paths) <= 10
    assert "Choose a stage here" in page


def test_delivery_friction_is_at_the_delivery_stage_owned_by_logistics():
    at = open_page()
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    late_col = heat["x"].index("Late<br>rate")
    rows = {
        label.split("<br>")[0]: (label.split("<br>")[1], z[late_col])
        for label, z in zip(heat["y"], heat["z"])
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
    assert at.query_params["focus"] == "delivery"  # a copied link reopens the stage
    page = texts(at)
    assert "Delivery · owner Logistics" in page
    assert "Contacts by reason" in page and "What customers said" in page
    assert "Affected customers" in page
    tables = {tuple(df.columns)[:2]: df for df in frames(at)}
    contacts = next(df for cols, df in tables.items() if cols[0] == "Reason")
    assert "Where is my order?" in set(contacts["Reason"])
    verbatims = at.table[0].value  # a static table: comments wrap and are read whole
    assert list(verbatims.columns)[0] == "Answered"
    assert 0 < len(verbatims) <= 12 and verbatims["Comment"].str.len().min() > 0
    affected = next(df for cols, df in tables.items() if cols[0] == "Customer")
    assert len(affected) > 0
    assert affected["Customer"].str.fullmatch(r"C\d+").all()  # an id; the row opens the customer
    assert set(affected["Late"]) <= {"Yes", "No"} and "Yes" in set(affected["Late"])
    # only comments from customers who met friction there
    at.button_group(key="journey_verbatim_filter").set_value("with").run()
    assert not at.exception
    with_friction = at.table[0].value
    assert set(with_friction["Friction here"]) == {"Yes"}


def test_stage_from_the_url_opens_the_drill_down_and_limits_the_stages():
    at = open_page({"stage": "payment"})
    assert at.selectbox(key="journey_drill_stage").value == "payment"
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    assert [y.split("<br>")[0] for y in heat["y"]] == ["Payment"]
    page = texts(at)
    assert "Payment · owner Payments" in page
    contacts = next(df for df in frames(at) if list(df.columns)[0] == "Reason")
    assert "Payment failed" in set(contacts["Reason"])


def test_owner_filter_limits_stages():
    at = open_page({"owner": "warehouse"})
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    assert [y.split("<br>")[0] for y in heat["y"]] == ["Picking & packing", "Returns & refunds"]


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
    assert "Toimitus · vastuutaho Logistiikka" in texts(at)
    assert "Yhteydenotot syittäin" in texts(at)


def subheaders(at: AppTest) -> list[str]:
    return [str(h.value) for h in at.subheader]


def test_focus_in_the_url_opens_the_stage_at_the_top():
    at = open_page({"focus": "delivery"})
    assert subheaders(at)[0] == "Delivery · owner Logistics"  # before the friction table
    assert subheaders(at).index("Friction by stage") > 0
    assert at.selectbox(key="journey_drill_stage").value == "delivery"
    page = texts(
        at,
    )
    assert "Contacts by reason" in page and "Affected customers" in page
    # plain words: the score gap is told without statistics terms (they live in the tooltip)
    gaps = [m for m in at.markdown if str(m.value).lstrip("*").startswith(("NPS:", "CSAT:", "CES:"))]
    assert len(gaps) == 3
    nps = next(m for m in gaps if "NPS:" in str(m.value))
    assert "lower" in str(nps.value) and "p " not in str(nps.value) and "Benjamini" not in str(nps.value)
    assert "Benjamini" in str(nps.proto.help)
    # the heatmap outlines the drilled stage
    heat = figures(at)["heatmap"]
    assert heat["layout"]["shapes"][0]["y0"] == 4 - 0.5


def test_metric_in_the_url_puts_that_metric_first_and_limits_the_comments():
    at = open_page({"focus": "delivery", "metric": "csat"})
    gaps = [
        str(m.value) for m in at.markdown if str(m.value).lstrip("*").startswith(("NPS:", "CSAT:", "CES:"))
    ]
    assert gaps[0].startswith("**CSAT:")
    verbatims = at.table[0].value
    assert set(verbatims["Metric"]) == {"CSAT"}


def test_an_unknown_focus_is_ignored():
    at = open_page({"focus": "no-such-stage"})
    assert "Friction by stage" == subheaders(at)[0]
    assert at.selectbox(key="journey_drill_stage").value is None


def test_all_stages_clears_the_focus_and_the_picker_changes_it():
    at = open_page({"focus": "delivery", "metric": "nps"})
    at.button(key="journey_all_stages").click().run()
    assert not at.exception
    assert "focus" not in at.query_params and "metric" not in at.query_params
    assert subheaders(at)[0] == "Friction by stage"
    at.selectbox(key="journey_drill_stage").set_value("payment").run()
    assert at.query_params["focus"] == "payment"
    assert subheaders(at)[0] == "Payment · owner Payments"


def test_heatmap_cells_name_their_stage_and_metric():
    at = open_page()
    scatter = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "scatter")
    cells = scatter["customdata"]
    assert len(cells) == 7 * 9
    assert cells[4 * 9 + 6] == ["delivery", "nps"]  # Delivery row, NPS difference column
    assert cells[4 * 9 + 2] == ["delivery", ""]  # a rate column opens the stage only


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_heatmap_headers_are_short_lines_that_do_not_overlap(lang):
    at = open_page({"lang": lang})
    heat = next(tr for tr in figures(at)["heatmap"]["data"] if tr["type"] == "heatmap")
    for header in heat["x"]:
        for line in header.split("<br>"):
            assert len(line) <= 10, (lang, header)


def test_paths_show_every_stage_of_the_path():
    at = open_page()
    paths = at.table[-1].value
    longest = max(paths["Path"], key=len)
    assert longest.count(" › ") >= 6, longest  # the differing end of a long path is there
    assert "Returns & refunds" in longest
