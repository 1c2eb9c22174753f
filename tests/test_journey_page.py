"""The Journey page, run headless with AppTest against the demo database."""

from __future__ import annotations

import json
import math
import re

import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest
from streamlit.util import AttributeDictionary

from dashboard.views import journey
from tests import app_pages

pytestmark = pytest.mark.usefixtures("demo_db")  # every test reads the demo database


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("journey", query_params, run_first=True)


def texts(at: AppTest) -> str:
    return app_pages.texts(at, metrics=False)


def heatmap(at: AppTest) -> dict:
    """The heatmap's Vega-Lite spec (the page's only Vega-Lite chart)."""
    (chart,) = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec)


def cells(at: AppTest) -> list[dict]:
    """The heatmap's data rows (Streamlit sends a spec's inline data as an Arrow table)."""
    (chart,) = at.get("vega_lite_chart")
    frame = convert_arrow_bytes_to_pandas_df(chart.proto.data.data)
    return [
        {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        for row in frame.to_dict("records")
    ]


def grid(at: AppTest) -> tuple[list[str], list[list[str]]]:
    """The heatmap's column labels ("Late<br>rate") and row labels ([stage, owner]) in order."""
    spec = heatmap(at)
    x, y = spec["encoding"]["x"], spec["encoding"]["y"]
    columns = _lookup(x["axis"]["labelExpr"])
    rows = _lookup(y["axis"]["labelExpr"])
    # headers get blank lines on top to line up at the cells (Vega stacks lines downwards)
    return ["<br>".join(line for line in columns[c] if line) for c in x["sort"]], [rows[s] for s in y["sort"]]


def _lookup(expr: str) -> dict:
    assert expr.endswith("[datum.value]"), expr
    return json.loads(expr.removesuffix("[datum.value]"))


def cell(at: AppTest, stage: str, column: int) -> dict:
    key = heatmap(at)["encoding"]["x"]["sort"][column]
    return next(c for c in cells(at) if c["stage"] == stage and c["column"] == key)


def open_flow(at: AppTest) -> AppTest:
    """Open the flow expander (its open state is in session state) and rerun."""
    at.session_state[journey.FLOW_KEY] = True
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def sankey(at: AppTest) -> dict:
    (chart,) = at.get("plotly_chart")
    return json.loads(chart.proto.spec)["data"][0]


def frames(at: AppTest) -> list:
    return app_pages.tables(at)


def test_page_shows_heatmap_flow_paths_and_no_stage_yet():
    at = open_page()
    page = texts(at)
    for header in (
        "Customer journey",
        "Friction by stage",
        "Rework loops",
        "Most common paths",
    ):
        assert header in page, header
    columns, rows = grid(at)
    assert rows[0] == ["Account & login", "IT & digital services"]  # journey order, owner under the name
    assert len(columns) == 9 and columns[-1] == "CES<br>difference"
    # the flow is a Plotly Sankey drawn only when its expander is opened: a new tab loads no Plotly
    assert not at.get("plotly_chart")
    (flow,) = [e for e in at.expander if e.label == "Flow between stages"]
    labels = sankey(open_flow(at))["node"]["label"]
    assert {"Completed", "Dropped", "In progress"} <= set(labels)
    paths = app_pages.frame(at, "Path")  # an HTML table: long paths wrap instead of being cut off
    assert list(paths.columns)[:3] == ["Path", "Journeys", "Share"]
    rework = next(df for df in frames(at) if list(df.columns)[:2] == ["From", "To"])
    assert 1 <= len(rework) <= 10 and rework["Moves"].str.fullmatch(r"[\d,]+").all()
    assert 1 <= len(paths) <= 10
    assert "Choose a stage here" in page


def test_delivery_friction_is_at_the_delivery_stage_owned_by_logistics():
    at = open_page()
    columns, labels = grid(at)
    late_col = columns.index("Late<br>rate")
    stages = heatmap(at)["encoding"]["y"]["sort"]
    rows = {label[0]: (label[1], cell(at, stage, late_col)) for stage, label in zip(stages, labels)}
    owner, late = rows["Delivery"]
    assert owner == "Logistics"
    assert late["z"] == 1.0 and late["fill"] == "#b2182b"  # the worst late rate of all stages
    assert late["ink"] == "#ffffff"  # white text on the dark cell
    assert all(c["z"] is None or c["z"] < 1.0 for name, (_, c) in rows.items() if name != "Delivery")
    # in the flow, the delivery node is owned by logistics and is the reddest stage node
    flow = sankey(open_flow(at))
    node = flow["node"]
    delivery = node["label"].index("Delivery")
    assert "<b>Delivery</b> · Logistics" in node["customdata"][delivery]
    assert re.search(r"late \d+\.\d%", node["customdata"][delivery])
    stage_nodes = [
        i for i, label in enumerate(node["label"]) if label not in ("Completed", "Dropped", "In progress")
    ]
    assert node["color"][delivery] == "rgb(178, 24, 43)"  # the darkest: most friction
    assert all(node["color"][i] != node["color"][delivery] for i in stage_nodes if i != delivery)
    hovers = flow["link"]["customdata"]
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
    verbatims = app_pages.frame(at, "Comment")  # an HTML table: comments wrap and are read whole
    assert list(verbatims.columns)[0] == "Answered"
    assert 0 < len(verbatims) <= 12 and verbatims["Comment"].str.len().min() > 0
    affected = next(df for cols, df in tables.items() if cols[0] == "Customer")
    assert len(affected) > 0
    assert affected["Customer"].str.fullmatch(r"C\d+").all()  # an id; the row opens the customer
    assert set(affected["Late"]) <= {"Yes", "No"} and "Yes" in set(affected["Late"])
    # only comments from customers who met friction there
    at.button_group(key="journey_verbatim_filter").set_value("with").run()
    assert not at.exception
    with_friction = app_pages.frame(at, "Comment")
    assert set(with_friction["Friction here"]) == {"Yes"}


def test_stage_from_the_url_opens_the_drill_down_and_limits_the_stages():
    at = open_page({"stage": "payment"})
    assert at.selectbox(key="journey_drill_stage").value == "payment"
    assert [label[0] for label in grid(at)[1]] == ["Payment"]
    page = texts(at)
    assert "Payment · owner Payments" in page
    contacts = next(df for df in frames(at) if list(df.columns)[0] == "Reason")
    assert "Payment failed" in set(contacts["Reason"])


def test_owner_filter_limits_stages():
    at = open_page({"owner": "warehouse"})
    assert [label[0] for label in grid(at)[1]] == ["Picking & packing", "Returns & refunds"]


def test_finnish():
    at = open_page({"lang": "fi"})
    page = texts(at)
    assert "Asiakaspolku" in page and "Kitka vaiheittain" in page and "Yleisimmät polut" in page
    assert grid(at)[1][0][0] == "Tili ja kirjautuminen"
    assert any("," in c["text"] for c in cells(at))  # decimal comma
    assert any(c["tip0"].startswith("Toimitus (Logistiikka) · NPS") for c in cells(at))  # Finnish hover
    (flow,) = [e for e in at.expander if e.label == "Eteneminen vaiheesta toiseen"]
    assert "Valmis" in sankey(open_flow(at))["node"]["label"]
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
    assert [c["stage"] for c in cells(at) if c["outline"]] == ["delivery"]


def test_metric_in_the_url_puts_that_metric_first_and_limits_the_comments():
    at = open_page({"focus": "delivery", "metric": "csat"})
    gaps = [
        str(m.value) for m in at.markdown if str(m.value).lstrip("*").startswith(("NPS:", "CSAT:", "CES:"))
    ]
    assert gaps[0].startswith("**CSAT:")
    verbatims = app_pages.frame(at, "Comment")
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
    spec = heatmap(at)
    assert len(cells(at)) == 7 * 9
    (pick,) = [p for layer in spec["layer"] for p in layer.get("params", [])]
    assert pick["select"] == {"type": "point", "fields": ["stage", "metric"]}
    assert cell(at, "delivery", 6)["metric"] == "nps"  # Delivery row, NPS difference column
    assert cell(at, "delivery", 2)["metric"] == ""  # a rate column opens the stage only
    assert not [c for c in cells(at) if c["outline"]]  # no stage drilled into: no row outlined


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_heatmap_headers_are_short_lines_that_do_not_overlap(lang):
    at = open_page({"lang": lang})
    for header in grid(at)[0]:
        for line in header.split("<br>"):
            assert len(line) <= 10, (lang, header)


def test_paths_show_every_stage_of_the_path():
    at = open_page()
    paths = app_pages.frame(at, "Path")
    longest = max(paths["Path"], key=len)
    assert longest.count(" › ") >= 6, longest  # the differing end of a long path is there
    assert "Returns & refunds" in longest


def test_a_heatmap_click_opens_the_stage_and_its_metric():
    at = open_page()
    # what Streamlit keeps of a click on the Delivery row's NPS difference cell
    at.session_state[f"{journey.HEATMAP_KEY}_all"] = AttributeDictionary(
        {"selection": AttributeDictionary({"pick": [{"stage": "delivery", "metric": "nps"}]})}
    )
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.query_params["focus"] == "delivery" and at.query_params["metric"] == "nps"
    assert subheaders(at)[0] == "Delivery · owner Logistics"
    # the focused view's heatmap is a new chart: nothing selected in it, the row outlined
    assert [c["stage"] for c in cells(at) if c["outline"]] == ["delivery"]


def test_clicked_cell_reads_the_selection():
    event = {"selection": {"pick": [{"stage": "payment", "metric": ""}]}}

    class Event:
        selection = event["selection"]

    assert journey.clicked_cell(Event(), ["payment", "delivery"]) == ("payment", None)
    Event.selection = {"pick": [{"stage": "delivery", "metric": "csat"}]}
    assert journey.clicked_cell(Event(), ["payment", "delivery"]) == ("delivery", "csat")
    Event.selection = {"pick": [{"stage": "nowhere", "metric": "nps"}]}
    assert journey.clicked_cell(Event(), ["payment", "delivery"]) is None
    assert journey.clicked_cell(None, ["payment"]) is None
