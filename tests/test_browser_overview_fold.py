"""A real browser: the Overview answers the ten-second question on its first screen.

At 1440×900 with the sidebar open, the three score tiles and the top three friction cards end
above the fold (900 px), in English and Finnish; no card sentence is cut off ("…"), on a phone
(390×844) either; a card opens the stage on the Journey page in the same tab.

The S demo has only one clear friction point per metric, so the server runs on a copy whose
settings (min_n 5, alpha 0.9) make three of them clear: the worst case for the first screen.
"""

from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from tests.test_browser_smoke import (
    PAGE_TIMEOUT_MS,
    SCREENSHOT_DIR,
    _assert_no_exception,
    _wait_until_idle,
    chromium_browser,
    streamlit_server,
)

FOLD = 900
# a score tile: the bordered container (its layout wrapper) around the block holding the metric
TILE = (
    '[data-testid="stMain"] [data-testid="stLayoutWrapper"]:has(> [data-testid="stVerticalBlock"]'
    ' > [data-testid="stElementContainer"] [data-testid="stMetric"])'
)
CARD = '[data-testid="stMain"] .st-key-ov_cards [data-testid="stPageLink"]'


@pytest.fixture(scope="module")
def crowded_db(demo_db, tmp_path_factory) -> Path:
    """The demo database with settings under which three NPS friction points are clear."""
    from core.db import connect

    path = tmp_path_factory.mktemp("fold") / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    try:
        con.execute("update map_settings set number = 0.9, text = '0.9' where key = 'alpha'")
        con.execute("update map_settings set number = 5, text = '5' where key = 'min_n'")
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def browser(crowded_db, tmp_path_factory):
    with streamlit_server(crowded_db, tmp_path_factory.mktemp("streamlit")) as url:
        with chromium_browser() as instance:
            yield url, instance


def _open(instance, url: str, width: int, height: int):
    page = instance.new_page(viewport={"width": width, "height": height})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMetric"]', timeout=PAGE_TIMEOUT_MS)
    page.wait_for_selector(CARD, timeout=PAGE_TIMEOUT_MS)
    _wait_until_idle(page)
    return page, errors


def _cut_off(page, selector: str) -> list[str]:
    """Texts inside ``selector`` that do not fit their box (shown ending in '…' or clipped)."""
    return page.locator(selector).evaluate_all(
        """cards => cards.flatMap(card => [...card.querySelectorAll('*')]
             .filter(e => e.offsetParent !== null && e.scrollWidth > e.clientWidth + 1)
             .map(e => e.textContent))"""
    )


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / name))


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_tiles_and_three_friction_cards_are_above_the_fold(browser, lang):
    url, instance = browser
    page, errors = _open(instance, f"{url}/overview?lang={lang}", 1440, FOLD)
    try:
        _assert_no_exception(page, errors, f"overview ({lang})")
        sidebar = page.locator('[data-testid="stSidebar"]')
        assert sidebar.bounding_box()["width"] > 200, "the sidebar is open at 1440 px"
        tiles = page.locator(TILE)
        assert tiles.count() == 3
        cards = page.locator(CARD)
        assert cards.count() == 3
        for box in [tiles.nth(i).bounding_box() for i in range(3)] + [
            cards.nth(i).bounding_box() for i in range(3)
        ]:
            assert box is not None and box["height"] > 0
            assert box["y"] >= 0 and box["y"] + box["height"] <= FOLD, box
        # one line each at this width, nothing cut off
        assert all(cards.nth(i).bounding_box()["height"] < 48 for i in range(3))
        assert _cut_off(page, CARD) == []
        assert _cut_off(page, TILE) == []
        # the cards speak the page's language and rank NPS only
        text = cards.first.inner_text()
        assert ("NPS points lower" if lang == "en" else "pistettä matalampi") in text, text
        _shot(page, f"overview_fold_1440_{lang}.png")
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_cards_wrap_instead_of_being_cut_off_on_a_phone(browser, lang):
    url, instance = browser
    page, errors = _open(instance, f"{url}/overview?lang={lang}", 390, 844)
    try:
        _assert_no_exception(page, errors, f"overview phone ({lang})")
        cards = page.locator(CARD)
        assert cards.count() == 3
        assert _cut_off(page, CARD) == []
        assert _cut_off(page, TILE) == []
        cards.first.scroll_into_view_if_needed()
        _shot(page, f"overview_cards_390_{lang}.png")
    finally:
        page.close()


def test_a_card_opens_the_stage_on_the_journey_page_in_the_same_tab(browser):
    url, instance = browser
    page, errors = _open(instance, f"{url}/overview?lang=fi", 1440, FOLD)
    try:
        context = page.context
        href = page.locator(CARD).first.locator("a").first.get_attribute("href")
        assert "focus=delivery" in href and "metric=nps" in href and "lang=fi" in href, href
        page.locator(CARD).first.locator("a").first.click()
        page.wait_for_url("**/journey?**", timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        assert len(context.pages) == 1, "the drill-down opened a new tab"
        assert "focus=delivery" in page.url and "metric=nps" in page.url, page.url
        _assert_no_exception(page, errors, "journey from a card")
        page.go_back()
        page.wait_for_url("**/overview**", timeout=PAGE_TIMEOUT_MS)
    finally:
        page.close()


FRICTION_ROW = '[data-testid="stMain"] [class*="st-key-ov_friction_"] table.cx-table > tbody > tr.cx-row-link'


def _click_row(page, row) -> str:
    """A plain click on a drill-down row of an HTML table (on its second cell, not the link);
    returns the href of the row's link."""
    href = row.locator("td").first.locator("a").get_attribute("href")
    row.locator("td").nth(1).click()
    return href


def test_a_friction_table_row_opens_its_stage_in_the_same_tab(browser):
    url, instance = browser
    page = instance.new_page(viewport={"width": 1440, "height": 2400})  # the table in view
    try:
        page.goto(f"{url}/overview?metric=csat", wait_until="domcontentloaded")
        page.wait_for_selector(FRICTION_ROW, timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        row = page.locator(FRICTION_ROW).first
        assert page.locator('[class*="st-key-ov_friction_csat"] table.cx-table').count() == 1
        href = _click_row(page, row)
        assert "focus=delivery" in href and "metric=csat" in href, href  # what a middle click opens
        page.wait_for_url("**/journey?**", timeout=PAGE_TIMEOUT_MS)
        assert len(page.context.pages) == 1, "the drill-down opened a new tab"
        assert "focus=delivery" in page.url and "metric=csat" in page.url, page.url
    finally:
        page.close()


def test_a_row_clicked_low_on_the_page_opens_the_stage_at_the_top(browser):
    """A drill-down clicked low on one page opens the next at its top (Streamlit scrolls a page
    opened by st.switch_page to the top), so the drilled stage, drawn first on the Journey page,
    is in view."""
    url, instance = browser
    page, errors = _open(instance, f"{url}/overview?metric=csat", 1440, FOLD)
    try:
        page.wait_for_selector(FRICTION_ROW, state="attached", timeout=PAGE_TIMEOUT_MS)
        row = page.locator(FRICTION_ROW).first
        row.scroll_into_view_if_needed()
        time.sleep(1)
        scrolled = page.evaluate("document.querySelector('[data-testid=\"stMain\"]').scrollTop")
        assert scrolled > 200, f"the friction table was expected below the fold ({scrolled}px)"
        _click_row(page, row)
        page.wait_for_url("**/journey?**", timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        # polled, not read once after a fixed pause: on a loaded machine the new page's rerun
        # scrolls to the top later (CI failed once at 399 px after a 1 s pause)
        page.wait_for_function(
            "document.querySelector('[data-testid=\"stMain\"]').scrollTop === 0", timeout=PAGE_TIMEOUT_MS
        )
        title = page.locator('[data-testid="stMainBlockContainer"] h1').first.bounding_box()
        assert title is not None and 0 <= title["y"] < FOLD, title
        _assert_no_exception(page, errors, "journey from a low table row")
    finally:
        page.close()
