"""The Review page in a real browser against a real `streamlit run` (on a private copy of the demo
database): create an action, mark it done, copy the link to the view, open it in a fresh browser
context and see the same view. Screenshots (env CX_SCREENSHOT_DIR) at 1440x900 and 390x844 in
English and Finnish.

Uses Debian's chromium at /usr/bin/chromium through Playwright, as tests/test_browser_smoke.py.
"""

from __future__ import annotations

import re
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

TITLE = "Check every invoice run before sending"
SHARE = ".st-key-rv_share_link .cx-copy"  # the link to the view and its Copy button (dashboard.copy_link)
ROW = "table.cx-table > tbody > tr.cx-row-link"  # a drill-down row (dashboard.links.drill_table)
VIEW = "review?fn=billing&meeting=2026-11-01&window=4"
SIZES = {"1440": (1440, 900), "390": (390, 844)}


@pytest.fixture(scope="module")
def review_db(demo_db, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("review_browser") / "cx.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def server(review_db, tmp_path_factory):
    with streamlit_server(review_db, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    with chromium_browser() as instance:
        yield instance


def _open(context, url: str):
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
    _wait_until_idle(page)
    return page, errors


def _choose(scope, page, label: str, option: str) -> None:
    """Pick an option of a selectbox by typing part of it (the combobox filters) and clicking it."""
    box = scope.locator('[data-testid="stSelectbox"]').filter(has_text=label).first.locator("input")
    box.click()
    box.fill(option[:20])
    page.get_by_role("option", name=option).first.click()
    _wait_until_idle(page)


def _actions_expander(page):
    return page.locator('[data-testid="stExpander"]').filter(has_text="Actions:").first


def _view(page) -> dict[str, str]:
    """What the page shows as its view: function, meeting date, window, opened action, link."""

    def selected(label: str) -> str:
        box = page.locator('[data-testid="stSelectbox"]').filter(has_text=label).first
        return box.locator("input").input_value()

    date_box = page.locator('[data-testid="stDateInput"]').filter(has_text="Meeting date").first
    window = page.locator(
        '[data-testid="stMainBlockContainer"] [data-testid="stButtonGroup"] [aria-checked="true"]'
    )
    return {
        "function": selected("Function"),
        "meeting": date_box.locator("input").input_value(),
        "window": window.first.inner_text().strip() if window.count() else "",
        "action": selected("Open an action"),
        "link": page.locator(f"{SHARE} a").first.inner_text().strip(),
    }


def _screenshots(context, url: str, name: str) -> None:
    """The page at its viewport (first screen) and whole (a tall viewport), for review by eye."""
    if not SCREENSHOT_DIR:
        return
    folder = Path(SCREENSHOT_DIR)
    folder.mkdir(parents=True, exist_ok=True)
    for size, (width, height) in SIZES.items():
        page, errors = _open(context, url)
        try:
            page.set_viewport_size({"width": width, "height": height})
            time.sleep(1.5)
            page.screenshot(path=str(folder / f"{name}_{size}.png"))
            page.set_viewport_size({"width": width, "height": 9000 if width < 600 else 6000})
            time.sleep(2)
            page.screenshot(path=str(folder / f"{name}_{size}_full.png"))
            _assert_no_exception(page, errors, f"{name} {size}")
        finally:
            page.close()


def test_an_action_is_created_marked_done_and_the_copied_link_reopens_the_view(server, browser):
    context = browser.new_context(viewport={"width": 1440, "height": 900})
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=server)
    page, errors = _open(context, f"{server}/{VIEW}")
    try:
        expander = _actions_expander(page)
        expander.locator("summary").click()
        expander.get_by_label("What will be done").fill(TITLE)
        expander.get_by_label("Responsible person").fill("Liisa")
        expander.get_by_role("button", name="Record the action").click()
        page.get_by_text(f"Action “{TITLE}” recorded.").wait_for(timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        before = _actions_expander(page).locator("summary").inner_text()
        assert "Actions: 1 open of" in before

        expander = _actions_expander(page)
        _choose(expander, page, "Record or edit", f"{TITLE} (Open)")
        expander = _actions_expander(page)
        assert expander.get_by_label("What will be done").input_value() == TITLE
        expander.get_by_role("button", name="Mark done").click()
        page.get_by_text(f"Action “{TITLE}” marked done.").wait_for(timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        assert "Actions: 0 open of" in _actions_expander(page).locator("summary").inner_text()

        page.locator('[data-testid="stButtonGroup"]').get_by_text("8 weeks").click()
        _wait_until_idle(page)
        _choose(page, page, "Open an action", TITLE)
        shown = _view(page)
        assert shown["function"] == "Billing" and shown["meeting"] == "2026-11-01"
        assert shown["window"] == "8 weeks" and shown["action"] == TITLE
        assert "action=A-" in shown["link"] and "window=8" in shown["link"]
        assert page.locator(f"{SHARE} a").first.get_attribute("href") == shown["link"]
        button = page.locator(f"{SHARE} button").first
        assert button.inner_text().strip() == "Copy link"
        button.click()
        page.wait_for_function(
            "(sel) => document.querySelector(sel).textContent.trim() === 'Copied'",
            arg=f"{SHARE} button",
            timeout=PAGE_TIMEOUT_MS,
        )
        copied = page.evaluate("navigator.clipboard.readText()")
        assert copied == shown["link"] and copied.startswith(server + "/review?")
        _assert_no_exception(page, errors, "review")
    finally:
        page.close()
        context.close()

    fresh = browser.new_context(viewport={"width": 1440, "height": 900})  # no session, no cookies
    page, errors = _open(fresh, copied)
    try:
        page.get_by_text("Did it work?").first.wait_for(timeout=PAGE_TIMEOUT_MS)
        assert _view(page) == shown
        _assert_no_exception(page, errors, "review from the link")
    finally:
        page.close()
        fresh.close()


def test_screenshots_in_english_and_finnish(server, browser):
    context = browser.new_context()
    try:
        _screenshots(context, f"{server}/{VIEW}", "review_en")
        _screenshots(context, f"{server}/{VIEW}&lang=fi", "review_fi")
        _screenshots(context, f"{server}/review?fn=all&meeting=2026-11-01", "review_all_en")
    finally:
        context.close()


# --- evidence opens a customer in the same tab (issue 14) ----------------------------------------


def _click_row(page, key_prefix: str, customer_column: int) -> str:
    """A plain click on the first drill-down row of the evidence table whose key starts with
    ``key_prefix`` (on a cell other than its link); returns the customer the row names (its
    cell ``customer_column``), after checking the row's link (a middle click) names it too."""
    row = page.locator(f'[class*="st-key-{key_prefix}"] {ROW}').first
    row.wait_for(timeout=PAGE_TIMEOUT_MS)  # the evidence is drawn after the page's top
    row.scroll_into_view_if_needed()
    customer = row.locator("td").nth(customer_column).inner_text().strip()
    assert re.fullmatch(r"C\d{7}", customer), customer
    href = row.locator("td").first.locator("a").get_attribute("href")
    assert href.startswith("customer?") and f"customer={customer}" in href, href
    row.locator("td").nth(1).click()
    return customer


def test_evidence_opens_a_customer_in_the_same_tab_and_back_returns(server, browser):
    from urllib.parse import parse_qs, urlparse

    context = browser.new_context(viewport={"width": 1440, "height": 900})
    try:
        page, errors = _open(context, f"{server}/{VIEW}")
        # a recurring comment's row opens the newest customer who gave it (third column)
        customer = _click_row(page, "rv_comments_", 2)
        page.wait_for_url("**/customer?**", timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        assert parse_qs(urlparse(page.url).query).get("customer") == [customer], (page.url, customer)
        assert len(context.pages) == 1  # no new tab
        page.go_back()
        page.wait_for_url("**/review**", timeout=PAGE_TIMEOUT_MS)
        page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        time.sleep(2)  # a row handed over again on the way back would open the customer by now
        assert "/review" in page.url, page.url
        # an example customer's row opens that customer, in the same tab
        wanted = _click_row(page, "rv_customers_", 0)
        page.wait_for_url("**/customer?**", timeout=PAGE_TIMEOUT_MS)
        _wait_until_idle(page)
        params = parse_qs(urlparse(page.url).query)
        assert params["customer"] == [wanted] and len(context.pages) == 1
        _assert_no_exception(page, errors, "review -> customer")
    finally:
        context.close()


def test_the_meeting_pack_downloads_when_its_button_is_clicked(server, browser):
    """The pack is gathered only on the click (a deferred download on Streamlit's thread, with a
    cursor of its own): the file arrives and is the pack of the scope and months the page names."""
    context = browser.new_context(viewport={"width": 1440, "height": 900}, accept_downloads=True)
    page, errors = _open(context, f"{server}/{VIEW}")
    try:
        button = page.locator('[data-testid="stDownloadButton"]').filter(has_text="Web page (.html)").first
        button.scroll_into_view_if_needed()
        with page.expect_download(timeout=PAGE_TIMEOUT_MS) as download_info:
            button.click()
        download = download_info.value
        assert re.fullmatch(
            r"meeting-pack-billing-\d{4}-\d{2}-\d{4}-\d{2}\.html", download.suggested_filename
        )
        html = Path(download.path()).read_text(encoding="utf-8")
        assert "Review meeting pack" in html and "Billing" in html
        _assert_no_exception(page, errors, "pack download")
    finally:
        context.close()
