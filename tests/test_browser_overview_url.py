"""A real browser: the Overview opens both at the app's root URL and at /overview (the address
the README names), never as "Page not found"."""

from __future__ import annotations

import pytest

from dashboard.text.overview import STRINGS as OVERVIEW
from tests.test_browser_smoke import PAGE_TIMEOUT_MS, _wait_until_idle, chromium_browser, streamlit_server

NOT_FOUND = "Page not found"
TITLE = OVERVIEW["ov_title"]


@pytest.fixture(scope="module")
def browser(demo_db, tmp_path_factory):
    with streamlit_server(demo_db, tmp_path_factory.mktemp("streamlit")) as url:
        with chromium_browser() as instance:
            yield url, instance


def _title_at(instance, url: str) -> tuple[str, str, str]:
    """The page title (h1), the body text and the final URL after the page settled."""
    page = instance.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        title = page.locator('[data-testid="stMainBlockContainer"] h1').first.inner_text().strip()
        return title, page.locator("body").inner_text(), page.url
    finally:
        page.close()


@pytest.mark.parametrize(
    ("path", "lang"),
    [("/overview", "en"), ("/overview?lang=fi", "fi"), ("/", "en"), ("/?lang=fi", "fi")],
)
def test_overview_opens_at_root_and_at_its_own_path(browser, path, lang):
    url, instance = browser
    title = TITLE[lang]
    shown, body, final_url = _title_at(instance, url + path)
    assert shown == title, (path, shown)
    assert NOT_FOUND not in body, path
    assert final_url.split("?")[0].rstrip("/").endswith("/overview"), final_url
    if lang == "fi":
        assert "lang=fi" in final_url, final_url


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_language_switch_is_in_view_without_scrolling(browser, lang):
    """At 1440×900 the language switch sits in the sidebar's first screen, above the filters."""
    url, instance = browser
    page = instance.new_page(viewport={"width": 1440, "height": 900})
    try:
        page.goto(f"{url}/overview?lang={lang}", wait_until="domcontentloaded")
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        sidebar = page.locator('[data-testid="stSidebar"]')
        switch = sidebar.get_by_text("Suomi", exact=True).first
        box = switch.bounding_box()
        assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= 900, box
        filters_heading = sidebar.get_by_text("Filters" if lang == "en" else "Rajaukset", exact=True).first
        assert filters_heading.bounding_box()["y"] > box["y"]
    finally:
        page.close()
