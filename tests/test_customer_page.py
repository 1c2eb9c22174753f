"""The Customer page, run headless with AppTest against the demo database."""

from __future__ import annotations

import json

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect
from tests import app_pages

pytestmark = pytest.mark.usefixtures("demo_db")  # every test reads the demo database


@pytest.fixture(scope="module")
def late_customer(demo_db) -> tuple[str, dict[str, int]]:
    """A demo customer whose delivery was late, and how many items of each kind they have."""
    con = connect(demo_db)  # same process and settings: shares the app's database instance
    try:
        customer = con.execute("""
            select customer_id from mart_stage_friction_journeys
            where stage = 'delivery' and late order by customer_id limit 1""").fetchall()[0][0]
        counts = {
            "event": con.execute(
                "select count(*) from raw_journey_events where customer_id = ?", [customer]
            ).fetchall()[0][0],
            "contact": con.execute(
                "select count(*) from raw_contacts where customer_id = ?", [customer]
            ).fetchall()[0][0],
        }
    finally:
        con.close()
    return customer, counts


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("customer", query_params, run_first=True)


def texts(at: AppTest) -> str:
    return app_pages.texts(at)


def tables(at: AppTest) -> list:
    """The page's tables (HTML tables, grids, static tables) as frames of what they show."""
    return app_pages.tables(at)


def chart_of(at: AppTest) -> tuple[dict, pd.DataFrame]:
    """The timeline chart's Vega-Lite spec and its data (Streamlit sends a chart's data as Arrow)."""
    (chart,) = at.get("vega_lite_chart")
    return json.loads(chart.proto.spec), pa.ipc.open_stream(chart.proto.data.data).read_pandas()


def timeline_frame(at: AppTest):
    return next(df for df in tables(at) if "Kind" in df.columns or "Tyyppi" in df.columns)


def test_without_an_id_the_page_asks_for_one():
    at = open_page()
    assert "Enter a customer id" in texts(at)
    assert not tables(at)


def test_customer_from_the_url_shows_their_timeline(late_customer):
    customer, counts = late_customer
    at = open_page({"customer": customer})
    assert at.text_input(key="customer_id").value == customer
    page = texts(at)
    assert "Customer timeline" in page and "Journeys" in page
    timeline = timeline_frame(at)
    kinds = timeline["Kind"].value_counts().to_dict()
    assert kinds.get("Journey event", 0) == counts["event"]
    assert kinds.get("Contact", 0) == counts["contact"]
    # the late delivery is there and flagged
    late = timeline[(timeline["What"] == "Delivered") & (timeline["Friction"] == "Yes")]
    assert len(late) >= 1 and late["Detail"].str.contains("late").all()
    assert set(late["Stage"]) == {"Delivery"} and set(late["Owner"]) == {"Logistics"}
    chart, rows = chart_of(at)
    assert not at.get("plotly_chart")
    assert len(rows) == len(timeline)
    assert (rows["series"] == "Friction").sum() == (timeline["Friction"] == "Yes").sum() >= 1
    assert "Friction" in chart["encoding"]["color"]["scale"]["domain"]
    journeys = next(df for df in tables(at) if "Stages visited" in df.columns)
    assert len(journeys) >= 1 and journeys["Stages visited"].str.contains("Delivery").any()
    # the missed promise is a row of its own, at the moment it passed, before the late delivery
    missed = timeline[timeline["Kind"] == "Missed deadline"]
    assert len(missed) >= 1 and set(missed["What"]) == {"Delivery: deadline passed"}
    assert missed["Detail"].str.startswith("promise to the customer broken").all()
    # the cards count each kind of item: contacts are contacts, not missed deadlines
    cards = {m.label: m.value for m in at.metric}
    assert cards["Contacts"] == str(counts["contact"]) and cards["Journey events"] == str(counts["event"])


def test_typing_an_id_looks_it_up_and_updates_the_url(late_customer):
    customer, _ = late_customer
    at = open_page()
    at.text_input(key="customer_id").input(customer).run()
    assert not at.exception
    assert at.query_params["customer"] == customer
    assert len(timeline_frame(at)) > 0


def test_unknown_id_says_so():
    at = open_page({"customer": "NO-SUCH-CUSTOMER"})
    warnings = [w.value for w in at.warning]
    assert any("NO-SUCH-CUSTOMER" in w and "No customer" in w for w in warnings)
    assert not tables(at)


def test_finnish(late_customer):
    customer, _ = late_customer
    at = open_page({"customer": customer, "lang": "fi"})
    page = texts(at)
    assert "Asiakkaan aikajana" in page and "Segmentti" in page
    timeline = timeline_frame(at)
    assert "Polkutapahtuma" in set(timeline["Tyyppi"])
    assert timeline["Aika"].str.contains(r"\d+\.\d+\.\d{4} klo", regex=True).all()
    assert "Toimitus" in set(timeline["Vaihe"])
    chart, rows = chart_of(at)
    assert chart["config"]["locale"]["time"]["shortMonths"][5] == "kesä"  # the axis's months
    assert chart["encoding"]["x"]["axis"]["format"]["date"] == "%-d.%-m."
    assert rows["time"].str.contains(r"^\d+\.\d+\.\d{4} klo", regex=True).all()
    assert {"Kitka", "Ei kitkaa"} >= set(chart["encoding"]["color"]["scale"]["domain"])


EVENT_DETAILS = {
    "en": {"done", "done late", "failed", "failed, late"},
    "fi": {"tehty", "tehty myöhässä", "epäonnistui", "epäonnistui, myöhässä"},
}


@pytest.mark.parametrize(("lang", "delivered"), [("en", "Delivered"), ("fi", "Toimitettu")])
def test_timeline_names_events_and_outcomes_in_words(late_customer, lang, delivered):
    customer, _ = late_customer
    at = open_page({"customer": customer, "lang": lang})
    timeline = timeline_frame(at)
    kind, what, detail = (("Kind", "What", "Detail"), ("Tyyppi", "Mitä", "Lisätiedot"))[lang == "fi"]
    events = timeline[timeline[kind] == ("Journey event" if lang == "en" else "Polkutapahtuma")]
    assert len(events) > 0
    assert not events[what].str.contains("_").any(), sorted(set(events[what]))  # no raw codes
    assert delivered in set(events[what])
    assert set(events[detail]) <= EVENT_DETAILS[lang], sorted(set(events[detail]))


def test_friction_rows_are_listed_above_the_table(late_customer):
    customer, _ = late_customer
    at = open_page({"customer": customer})
    timeline = timeline_frame(at)
    flagged = timeline[timeline["Friction"] == "Yes"]
    assert len(flagged) >= 1
    summary = next(w.value for w in at.warning if "Friction in this timeline" in w.value)
    assert f"({len(flagged)})" in summary
    first = flagged.iloc[0]
    assert first["Time"] in summary and first["What"].replace("?", "") in summary.replace("\\", "")


def test_activity_without_a_name_is_made_readable():
    from dashboard.views.customer_names import activity_name

    assert activity_name("gift_wrap_added") == "Gift wrap added"
    assert activity_name(None) == "–"


@pytest.mark.parametrize(
    ("company", "expected"),
    [
        ("Pohjolan Kotitavara Oy (demo online retailer)", ("Pohjolan Kotitavara Oy", True)),
        ("Acme Oy", ("Acme Oy", False)),
        ("Acme (Finland) Oy", ("Acme (Finland) Oy", False)),
        ("", ("", False)),
    ],
)
def test_company_line_splits_off_the_demo_note(company, expected):
    from dashboard.page import company_parts

    assert company_parts(company) == expected


@pytest.mark.parametrize(("lang", "badge"), [("en", "Demo data"), ("fi", "Esimerkkiaineisto")])
def test_company_line_shows_the_name_and_a_separate_demo_badge(lang, badge):
    at = open_page({"lang": lang})
    lines = [h.proto.body for h in at.get("html") if "cx-overline" in h.proto.body]
    assert lines, "no company line"
    line = lines[0]
    assert "Pohjolan Kotitavara Oy<span" in line
    assert f">{badge}</span>" in line and "online retailer" not in line
