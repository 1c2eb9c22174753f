"""A real browser: the drill-downs live in the URL and stay in one tab.

A heatmap click (or a copied link with focus=<stage>) opens the stage at the top of the page;
a click on an affected customer's row (an HTML table's ``tr.cx-row-link``, dashboard.links.drill_table)
opens the Customer page in the same tab with customer= in the URL, the page the row's link names
(its href, which a middle click opens in a new tab); the back button returns to the focused
Journey view, and the row's click is not handed over again (no bounce forward to the customer).
The same for Contacts' example customers and a Functions stage row (to its Journey stage).
"""

from __future__ import annotations

import time
from urllib.parse import parse_qs, urlparse

import pytest

from tests.test_browser_smoke import PAGE_TIMEOUT_MS, _wait_until_idle, chromium_browser, streamlit_server

FOCUS_HEADER = {"en": "Delivery · owner Logistics", "fi": "Toimitus · vastuutaho Logistiikka"}
AFFECTED = {"en": "Affected customers", "fi": "Kitkan kohdanneet asiakkaat"}


@pytest.fixture(scope="module")
def app(demo_db, tmp_path_factory):
    with streamlit_server(demo_db, tmp_path_factory.mktemp("streamlit")) as url:
        with chromium_browser() as instance:
            yield url, instance


def _settle(page) -> None:
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
    _wait_until_idle(page)


def _query(page) -> tuple[str, dict[str, list[str]]]:
    parsed = urlparse(page.url)
    return parsed.path.rstrip("/").rsplit("/", 1)[-1], parse_qs(parsed.query)


def _title(page) -> str:
    return page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text().strip()


def _focus_header(page, lang: str):
    return page.locator('[data-testid="stHeading"]').get_by_text(FOCUS_HEADER[lang], exact=True)


ROW = "table.cx-table > tbody > tr.cx-row-link"  # a drill-down row (dashboard.links.drill_table)


def _click_first_row(page, table) -> str:
    """Click the first drill-down row of an HTML table (dashboard.html_table) on a cell other
    than its link (a plain click on the row); returns the href of the row's link."""
    row = table.locator(ROW).first
    row.wait_for(timeout=PAGE_TIMEOUT_MS)
    row.scroll_into_view_if_needed()
    href = row.locator("td").first.locator("a").get_attribute("href")
    cells = row.locator("td")
    (cells.nth(1) if cells.count() > 1 else cells.first).click()
    return href


def _table_after(page, heading: str):
    """The first HTML table (its element container) drawn below the text ``heading``."""
    label = page.get_by_text(heading, exact=True).first
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:  # a table's component may draw a moment later
        label.scroll_into_view_if_needed()
        top = label.bounding_box()["y"]
        tables = page.locator('[data-testid="stElementContainer"]:has(table.cx-table)')
        for i in range(tables.count()):
            box = tables.nth(i).bounding_box()
            if box is not None and box["y"] > top:
                return tables.nth(i)
        time.sleep(0.5)
    raise AssertionError(f"no table below {heading!r}")


def _table_keyed(page, key_prefix: str):
    """The HTML table whose element key starts with ``key_prefix``."""
    table = page.locator(f'[class*="st-key-{key_prefix}"]:has(table.cx-table)').first
    table.wait_for(timeout=PAGE_TIMEOUT_MS)
    return table


def _click_row_to(page, table, path: str) -> str:
    """Click the table's first row and wait until the URL is on ``path``; returns the row
    link's href (what a middle click would open in a new tab)."""
    href = _click_first_row(page, table)
    page.wait_for_url(f"**/{path}?**", timeout=PAGE_TIMEOUT_MS)
    return href


def _same_target(href: str, page) -> None:
    """The row's link names the page and drill-down parameters the click opened."""
    path, params = _query(page)
    link = urlparse(href)
    assert link.path.rstrip("/").rsplit("/", 1)[-1] == path, (href, page.url)
    linked = parse_qs(link.query)
    for key in ("customer", "focus", "metric", "lang"):
        if key in linked:
            assert params.get(key) == linked[key], (key, href, page.url)


def _open_customer_from_affected(page, lang: str) -> str:
    """Click the first affected customer; returns the customer id the URL then names."""
    table = _table_after(page, AFFECTED[lang])
    assert "st-key-journey_affected_table_delivery" in table.get_attribute("class")
    href = _click_row_to(page, table, "customer")
    _settle(page)
    path, params = _query(page)
    assert path == "customer", page.url
    assert params.get("customer"), page.url
    _same_target(href, page)
    return params["customer"][0]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_focus_link_opens_the_stage_at_the_top_and_back_returns_without_bounce(app, lang):
    url, browser = app
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        suffix = "&lang=fi" if lang == "fi" else ""
        page.goto(f"{url}/journey?focus=delivery{suffix}", wait_until="domcontentloaded")
        _settle(page)
        # a copied link with focus= opens the drill-down directly, in the first screen
        header = _focus_header(page, lang)
        assert header.count() == 1
        top = header.bounding_box()
        assert top is not None and 0 <= top["y"] < 900, top
        path, params = _query(page)
        assert path == "journey" and params.get("focus") == ["delivery"], page.url

        customer = _open_customer_from_affected(page, lang)
        assert len(context.pages) == 1, "the customer opened in a new tab"
        assert customer.startswith("C"), customer
        assert page.locator('[data-testid="stTextInput"] input').first.input_value() == customer

        page.go_back()
        page.wait_for_url("**/journey?**", timeout=PAGE_TIMEOUT_MS)
        _settle(page)
        time.sleep(2)  # a re-selected table would switch to the customer again by now
        _wait_until_idle(page)
        path, params = _query(page)
        assert path == "journey" and params.get("focus") == ["delivery"], page.url
        assert _focus_header(page, lang).count() == 1
        assert len(context.pages) == 1
    finally:
        context.close()


def test_heatmap_click_sets_the_focus_and_all_stages_clears_it(app):
    url, browser = app
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{url}/journey", wait_until="domcontentloaded")
        _settle(page)
        assert _focus_header(page, "en").count() == 0
        heatmap = page.locator('[data-testid="stVegaLiteChart"]').first
        heatmap.scroll_into_view_if_needed()
        # the heatmap draws no Plotly: a new tab does not load its bundle for the closed flow
        assert page.locator('[data-testid="stPlotlyChart"]').count() == 0
        # the clickable cells: the Vega-Lite layer drawn last, over the cell texts
        cells = heatmap.locator("svg g.mark-rect").last.locator("path")
        cells.first.wait_for(state="attached", timeout=PAGE_TIMEOUT_MS)
        assert cells.count() == 7 * 9
        # the Delivery row (5th stage), its NPS difference cell (7th of 9 columns)
        box = cells.nth(4 * 9 + 6).bounding_box()
        assert box is not None
        page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
        page.wait_for_url("**focus=delivery**", timeout=PAGE_TIMEOUT_MS)
        _settle(page)
        path, params = _query(page)
        assert path == "journey" and params.get("metric") == ["nps"], page.url
        header = _focus_header(page, "en")
        header.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        box = header.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box  # the evidence without scrolling
        assert len(context.pages) == 1

        page.get_by_role("button", name="All stages").click()
        page.wait_for_function("() => !location.search.includes('focus=')", timeout=PAGE_TIMEOUT_MS)
        _settle(page)
        assert _focus_header(page, "en").count() == 0
        assert _title(page) == "Customer journey"
        assert len(context.pages) == 1
    finally:
        context.close()


def test_contacts_focus_opens_a_customer_in_the_same_tab_and_back_returns(app):
    url, browser = app
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{url}/contacts?focus=delivery", wait_until="domcontentloaded")
        _settle(page)
        header = page.locator('[data-testid="stHeading"]').get_by_text("Contacts at the stage: Delivery")
        assert header.count() == 1
        box = header.bounding_box()
        assert box is not None and 0 <= box["y"] < 900, box  # the stage's contacts come first
        table = _table_after(page, "Latest customers at this stage")
        assert "st-key-ct_focus_examples_delivery" in table.get_attribute("class")
        href = _click_row_to(page, table, "customer")
        _settle(page)
        path, params = _query(page)
        assert path == "customer" and params.get("customer"), page.url
        _same_target(href, page)
        assert len(context.pages) == 1
        page.go_back()
        page.wait_for_url("**/contacts?**", timeout=PAGE_TIMEOUT_MS)
        _settle(page)
        time.sleep(2)
        _wait_until_idle(page)
        path, params = _query(page)
        assert path == "contacts" and params.get("focus") == ["delivery"], page.url
        assert len(context.pages) == 1
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_functions_stage_row_opens_the_journey_stage_in_the_same_tab_and_back_returns(app, lang):
    url, browser = app
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page = context.new_page()
        page.goto(f"{url}/functions?lang={lang}", wait_until="domcontentloaded")
        _settle(page)
        table = _table_keyed(page, "fn_stage_rows_")
        href = _click_row_to(page, table, "journey")
        _settle(page)
        path, params = _query(page)
        assert path == "journey" and params.get("focus"), page.url
        if lang == "fi":
            assert params.get("lang") == ["fi"], page.url  # the language goes along
        _same_target(href, page)
        assert len(context.pages) == 1, "the stage opened in a new tab"
        page.go_back()
        page.wait_for_url("**/functions**", timeout=PAGE_TIMEOUT_MS)
        _settle(page)
        time.sleep(2)  # a row clicked again on the way back would open the stage by now
        _wait_until_idle(page)
        assert _query(page)[0] == "functions", page.url
        assert len(context.pages) == 1
    finally:
        context.close()
