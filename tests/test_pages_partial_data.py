"""A real company's first loads: journeys and contacts before any survey, or only NPS collected.

Every page works on whatever data exists, the period choices come from all of it, and a metric
that is not collected at all gets no tile.
"""

from __future__ import annotations

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect
from dashboard import data
from dashboard.navigation import all_pages
from pipelines.runner import refresh
from tests import app_pages
from tests import pipeline_scenario as ps

TIMEOUT = 120
INSIGHT_PAGES = [
    p.url_path
    for p in all_pages()
    if p.url_path in ("overview", "journey", "feedback", "functions", "contacts", "customer")
]


def _database(tmp_path, monkeypatch, responses: list[tuple]) -> None:
    path = tmp_path / "partial.duckdb"
    con = connect(path)
    try:
        ps.write_frames(
            con,
            {
                "raw_customers": ps.customers_frame(ps.CUSTOMERS),
                "raw_journey_events": ps.events_frame(ps.EVENTS),
                "raw_contacts": pd.DataFrame(
                    [
                        (k, "b1", c, j, o, None, ch, r, "customer_service", tr, res, esc, a, an)
                        for k, c, j, o, ch, r, tr, res, esc, a, an in ps.CONTACTS
                    ],
                    columns=ps.CONTACT_COLUMNS,
                ),
            },
        )
        if responses:
            ps.write_frames(
                con,
                {
                    "raw_survey_responses": pd.DataFrame(
                        [
                            (r, "b1", "s", m, float(s), lo, hi, c, j, None, ch, t, None, None, "fi")
                            for r, m, s, lo, hi, c, j, ch, t in responses
                        ],
                        columns=ps.RESPONSE_COLUMNS,
                    )
                },
            )
        refresh(con)
    finally:
        con.close()
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.delenv("CX_JOURNEY_MAP", raising=False)


@pytest.fixture()
def no_surveys(tmp_path, monkeypatch):
    _database(tmp_path, monkeypatch, [])
    yield
    data.close_connections()


@pytest.fixture()
def nps_only(tmp_path, monkeypatch):
    _database(tmp_path, monkeypatch, [r for r in ps.RESPONSES if r[1] == "nps"])
    yield
    data.close_connections()


def open_page(page: str) -> AppTest:
    return app_pages.open_page(page, timeout=TIMEOUT, run_first=True)


def texts(at: AppTest) -> str:
    return "\n".join(
        str(el.value) for kind in ("info", "caption", "markdown", "warning") for el in at.get(kind)
    )


@pytest.mark.parametrize("page", INSIGHT_PAGES)
def test_every_page_works_with_journeys_and_contacts_but_no_surveys(no_surveys, page):
    at = open_page(page)
    shown = texts(at)
    assert "There are no processed survey responses yet" not in shown
    assert "no journeys yet" not in shown.lower()
    # the period comes from the journeys and contacts (all in January 2026)
    assert any("January 2026" in str(c.value) for c in at.sidebar.caption)


def test_overview_without_surveys_says_so_and_points_to_the_journey_data(no_surveys):
    at = open_page("overview")
    assert "No survey responses yet" in texts(at)
    assert not [m for m in at.metric]  # no score tiles at all


def test_journey_page_without_surveys_shows_the_journeys(no_surveys):
    at = open_page("journey")
    assert at.get("vega_lite_chart"), "the heatmap needs only journey events"
    assert [e for e in at.expander if e.label == "Flow between stages"], "so does the flow"


def test_a_metric_that_is_not_collected_gets_no_tile(nps_only):
    at = open_page("overview")
    labels = [m.label for m in at.metric]
    assert len(labels) == 1 and "NPS" in labels[0]
    assert "Not collected (no responses at all): CSAT, CES" in texts(at)
    assert "n = 0" not in texts(at)
