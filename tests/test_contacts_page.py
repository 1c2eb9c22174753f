"""The Contacts page, run headless with AppTest against the demo database (scale S)."""

from __future__ import annotations

import json
import re

import pandas as pd
import pyarrow as pa
import pytest
from streamlit.testing.v1 import AppTest

from tests import app_pages
from tests.app_pages import frame

REASONS, BY_OWNER, EXAMPLES = "Cumulative", "Owning function", "Customer"


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("contacts", query_params)


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.metric if m.label.startswith(label_start))


def number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


def texts(at: AppTest) -> str:
    return app_pages.texts(at, deltas=True)


query = app_pages.query


def chart_rows(chart) -> pd.DataFrame:
    """A Vega-Lite chart's data rows (Streamlit sends a spec's inline data as an Arrow table)."""
    return pa.ipc.open_stream(chart.proto.data.data).read_all().to_pandas()


pytestmark = pytest.mark.usefixtures("demo_db")  # every test reads the demo database


def test_page_renders_reasons_pareto_channels_and_breakdowns(demo_db):
    at = open_page()
    page = texts(at)
    assert "Why customers contact us" in page
    start, end = at.session_state["flt_months"]
    total, avoidable = query(
        demo_db,
        """
        select sum(contacts), sum(contacts) filter (where avoidable) from mart_contacts
        where period_month between ? and ?""",
        [start, end],
    )[0]
    assert number(metric(at, "Contacts")) == total
    assert metric(at, "Avoidable") == f"{100 * avoidable / total:.1f}%"
    reasons = frame(at, REASONS)
    assert reasons["Contact reason"].iloc[0] == "Where is my order?"  # localized, most frequent first
    counts = reasons["Contacts"].map(number)
    assert list(counts) == sorted(counts, reverse=True) and counts.sum() == total
    assert reasons["Cumulative"].iloc[-1] == "100%"
    # the unmapped reason (contacts without a reason) is listed, not hidden
    assert "No reason recorded" in set(reasons["Contact reason"])
    assert re.search(r"[\d,]+ contacts \([\d.]+%\) have a reason that is not in the journey map", page)
    # Vega-Lite charts (no Plotly on the page): pareto, channel mix, the drill-down's three
    charts = [json.loads(c.proto.spec) for c in at.get("vega_lite_chart")]  # (AppTest: "vega_lite_chart")
    assert len(charts) == 5 and not at.get("plotly_chart")
    pareto = charts[0]
    rows = chart_rows(at.get("vega_lite_chart")[0])  # Streamlit sends the data as Arrow
    assert list(rows["reason"]) == list(reasons["Contact reason"]) and rows["contacts"].sum() == total
    assert pareto["layer"][0]["encoding"]["x"]["sort"] == list(reasons["Contact reason"])
    assert pareto["config"]["locale"]["number"]["decimal"] == "."  # the house config, in English
    assert {"Phone", "Chat", "E-mail"} <= set(frame(at, "Contact channel")["Contact channel"])
    owners = frame(at, BY_OWNER)
    assert owners["Owning function"].iloc[0] == "Logistics"
    assert owners["Contacts"].map(number).sum() == total
    assert "Journey stage" in frame(at, "Journey stage").columns


def test_repeat_window_slider_changes_the_repeat_count(demo_db):
    at = open_page()
    assert at.slider(key="ct_repeat_window").value == 7  # the journey map's window
    start, end = at.session_state["flt_months"]
    is_repeat = query(
        demo_db,
        """select sum(repeat_contacts) from mart_contacts
                                  where period_month between ? and ?""",
        [start, end],
    )[0][0]
    week = number(metric(at, "Repeats (7 d)"))
    assert week == is_repeat  # the gap-day mart agrees with is_repeat at the journey map's window
    shown = {}
    for days in (1, 2, 90):
        at.slider(key="ct_repeat_window").set_value(days).run()
        assert not at.exception
        shown[days] = number(metric(at, f"Repeats ({days} d)"))
        expected = query(
            demo_db,
            """select coalesce(sum(contacts), 0) from mart_contact_repeats
                                     where gap_day <= ? and period_month between ? and ?""",
            [days, start, end],
        )[0][0]
        assert shown[days] == expected
        assert f"Repeats ({days} d)" in frame(at, REASONS).columns
    assert 0 < shown[1] < shown[2] < week <= shown[90]


def test_drill_down_on_a_reason_shows_its_contacts_and_customer_links(demo_db):
    at = open_page()
    at.selectbox(key="ct_reason").set_value("invoice_error").run()
    assert not at.exception
    start, end = at.session_state["flt_months"]
    count = query(
        demo_db,
        """select sum(contacts) from mart_contacts
                              where reason = 'invoice_error' and period_month between ? and ?""",
        [start, end],
    )[0][0]
    assert any(c.value.startswith(f"{count:,} contacts") for c in at.caption)
    (payload,) = app_pages.html_table_payloads(at, "ct_examples_invoice_error")
    examples = app_pages.html_table.frame_of(payload)
    assert 1 <= len(examples) <= 20
    assert examples["Customer"].str.fullmatch(r"C\d+").all()  # an id; its row opens the customer
    assert set(examples["Journey stage"]) <= {"Invoicing"}


def test_contact_channel_filter_is_inside_the_page_and_response_channel_does_not_apply(demo_db):
    at = open_page()
    everyone = number(metric(at, "Contacts"))
    start, end = at.session_state["flt_months"]
    at.multiselect(key="ct_channels").select("phone").run()
    assert not at.exception
    phone = query(
        demo_db,
        """select sum(contacts) from mart_contacts
                              where channel = 'phone' and period_month between ? and ?""",
        [start, end],
    )[0][0]
    assert number(metric(at, "Contacts")) == phone < everyone
    survey_channel = open_page({"channel": "email"})
    assert number(metric(survey_channel, "Contacts")) == everyone
    assert "applies to survey scores only" in texts(survey_channel)


def test_owner_filter_limits_the_contacts(demo_db):
    at = open_page({"owner": "billing"})
    start, end = at.session_state["flt_months"]
    billing = query(
        demo_db,
        """select sum(contacts) from mart_contacts
                                where owner = 'billing' and period_month between ? and ?""",
        [start, end],
    )[0][0]
    assert number(metric(at, "Contacts")) == billing
    assert list(frame(at, BY_OWNER)["Owning function"]) == ["Billing"]


def test_finnish():
    at = open_page({"lang": "fi"})
    page = texts(at)
    assert "Miksi asiakkaat ottavat yhteyttä" in page and "Why customers" not in page
    reasons = frame(at, "Kertymä")
    assert "Missä tilaukseni on?" in set(reasons["Yhteydenoton syy"])
    assert "Syy puuttuu" in set(reasons["Yhteydenoton syy"])
    assert re.fullmatch(r"\d+,\d\u00a0%", metric(at, "Vältettävissä"))
    assert re.fullmatch(r"[\d\u00a0]+\u00a0€", metric(at, "Käsittelykulut"))
    pareto = json.loads(at.get("vega_lite_chart")[0].proto.spec)
    assert pareto["config"]["locale"]["number"]["decimal"] == ","
    assert "Missä tilaukseni on?" in set(chart_rows(at.get("vega_lite_chart")[0])["reason"])
    assert "Kertymä" in pareto["layer"][0]["encoding"]["color"]["scale"]["domain"]


def test_focus_in_the_url_shows_that_stages_contacts_first(demo_db):
    at = open_page({"focus": "delivery"})
    assert str(at.subheader[0].value) == "Contacts at the stage: Delivery"  # before the KPIs' section
    start, end = at.session_state["flt_months"]
    count = query(
        demo_db,
        "select sum(contacts) from mart_contacts where stage = 'delivery' and period_month between ? and ?",
        [start, end],
    )[0][0]
    assert any(c.value.startswith(f"{count:,} contacts") for c in at.caption)
    reasons = app_pages.frame(at, "Contact reason")
    assert "Where is my order?" in set(reasons["Contact reason"])
    customers = next(df for df in app_pages.tables(at) if list(df.columns)[:2] == ["Customer", "Opened"])
    assert customers["Customer"].str.fullmatch(r"C\d+").all()
    at.button(key="ct_focus_all").click().run()
    assert not at.exception
    assert "focus" not in at.query_params
    assert str(at.subheader[0].value) != "Contacts at the stage: Delivery"


def test_key_columns_come_first_and_the_row_name_is_pinned():
    at = open_page()
    (channels,) = [
        d for d in app_pages.html_table_payloads(at) if d["columns"][0]["label"] == "Contact channel"
    ]
    labels = [c["label"] for c in channels["columns"]]
    assert labels[:4] == ["Contact channel", "Contacts", "Avoidable", "Avoidable cost"]
    assert [c["pinned"] for c in channels["columns"]][:2] == [True, False]  # the row's name stays in view
