"""A real browser measures every page's layout at 1440×900 and on a 390×844 phone, in English and
Finnish: no table clipped on the right (the HTML tables of dashboard/html_table.py and the grids
left on admin pages), no cell, column title, label or tab cut, no HTML table whose header scrolls
away, no title broken mid-word, no chart with overlapping labels or without data (the rules:
tests/browser_layout.py).

One server and one browser tab per language: each page is opened once, measured at the desktop
size, then the same drawing is resized to the phone and measured again. The planted page
(tests/fixtures/layout/planted_app.py) proves each check reports what it should, and only that.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import serving
from tests import browser_layout as layout
from tests.conftest import ROOT
from tests.test_browser_smoke import _require_browser, chromium_browser, streamlit_server

PLANTED_APP = ROOT / "tests" / "fixtures" / "layout" / "planted_app.py"
# drilled views measured as well: their tables (affected customers, responses, example contacts)
# are the longest and widest of the app
DRILLED = ("journey?focus=delivery&metric=nps", "contacts?focus=delivery", "feedback?focus=late_delivery")
SIZES = ((layout.DESKTOP, False), (layout.PHONE, True))
# whether the planted page's tidy HTML tables scroll [sideways, down] inside their box
SCROLLS_JS = """() => Object.fromEntries(["tidy_html_phone", "tidy_html_tall"].map((key) => {
  const wrap = document.querySelector(`.st-key-${key} .cx-table-wrap`);
  if (!wrap) return [key, null];
  return [key, [wrap.scrollWidth > wrap.clientWidth + 1, wrap.scrollHeight > wrap.clientHeight + 1]];
}))"""


@contextlib.contextmanager
def _script_server(script: Path, log_dir: Path) -> Iterator[str]:
    """`streamlit run <script>` on a free port; yields its URL."""
    _require_browser()
    try:
        with serving.streamlit_server(log_dir / "planted.log", script=script) as url:
            yield url
    except serving.ServerDidNotStart as exc:
        pytest.fail(f"planted app did not start: {exc}")


@pytest.fixture(scope="module")
def browser():
    _require_browser()
    with chromium_browser() as instance:
        yield instance


def _measure_both_sizes(page, where: str, lang: str) -> list[layout.Finding]:
    """The page as drawn now, measured at the desktop size and then resized to the phone."""
    found: list[layout.Finding] = []
    for viewport, phone in SIZES:
        page.set_viewport_size({"width": viewport[0], "height": viewport[1]})
        layout.settle(page, quiet=0.8)
        found += layout.check_page(page, phone=phone, where=(where, layout.size_name(viewport), lang))
    page.set_viewport_size({"width": layout.DESKTOP[0], "height": layout.DESKTOP[1]})
    return found


# --- the checks can fail ---------------------------------------------------------------------------


def test_planted_defects_are_reported_and_tidy_twins_are_not(browser, tmp_path):
    with _script_server(PLANTED_APP, tmp_path) as url:
        page = browser.new_page(viewport={"width": layout.DESKTOP[0], "height": layout.DESKTOP[1]})
        try:
            page.goto(url, wait_until="domcontentloaded")
            layout.settle(page)
            findings = _measure_both_sizes(page, "planted", "en")
            # the tidy twins of the HTML tables really are what they stand for: on a phone the
            # first scrolls sideways, the second scrolls down inside its box
            page.set_viewport_size({"width": layout.PHONE[0], "height": layout.PHONE[1]})
            layout.settle(page, quiet=0.5)
            scrolls = page.evaluate(SCROLLS_JS)
        finally:
            page.close()
    text = "\n".join(map(str, findings))
    desktop = [f for f in findings if f.size == "1440x900"]

    def reported(kind: str, element: str, detail: str = "", where=desktop) -> bool:
        return any(kind in f.kind and element in f.element and detail in f.detail for f in where)

    assert reported("table clipped on the right", "Column number 0", "Column number 13"), text
    assert reported("cell text cut", "Owner | Comment", "PLANTED-LONG-VALUE"), text
    assert reported("cell text cut", "Wrap | Other", "PLANTED-WRAP"), text
    assert not reported("cell text cut", "Wrap | Other", "Tidy text", where=findings), text
    assert reported("label truncated", "PLANTED metric label"), text
    assert reported("chart text overlaps", "chart 1", "PLANTED category"), text
    assert reported("chart empty", "PLANTED empty"), text
    assert reported("chart text overlaps", "PLANTED vega crowded", "PLANTED vega ca"), text
    assert reported("label truncated", "PLANTED vega cut", "PLANTED"), text
    assert reported("chart empty", "PLANTED vega empty"), text
    phone = [f for f in findings if f.size == "390x844"]
    assert reported("title", "Asiakaskokemuksenjohtamis", where=phone), text
    # the phone: a sideways-scrolling table whose first column is narrow is accepted
    assert not reported("table clipped on the right", "Name | Score", where=findings), text
    assert not any("Tidy" in f.element or "tidy_" in f.element for f in findings), text
    assert not reported("cell text cut", "Name | Score", where=findings), text
    # the HTML tables (dashboard/html_table.py)
    assert reported("table clipped on the right", "html table planted_html_wide", '"Wide 9"'), text
    assert reported("table clipped on the right", "html table planted_html_phone", "60%", where=phone), text
    assert not reported("table clipped on the right", "planted_html_phone"), text  # fits at 1440
    assert reported("column title cut", "html table planted_html_cut", '"PLANTED cut header title"'), text
    assert reported("cell text cut", "html table planted_html_cut", "PLANTED-CUT-CELL"), text
    assert reported("table header scrolls away", "html table planted_html_unsticky"), text
    assert scrolls == {"tidy_html_phone": [True, False], "tidy_html_tall": [False, True]}, scrolls


# --- every page of the app ---------------------------------------------------------------------------


def _customer_id(db: Path) -> str:
    """A demo customer with a late delivery (a timeline with a friction row)."""
    from core.db import connect

    con = connect(db, read_only=True)
    try:
        row = con.execute(
            "select customer_id from mart_stage_friction_journeys where stage = 'delivery' and late "
            "order by customer_id limit 1"
        ).fetchone()
    finally:
        con.close()
    assert row, "the demo has no customer with a late delivery"
    return str(row[0])


@pytest.fixture(scope="module")
def app(demo_db, tmp_path_factory):
    """The app's URL and a customer to open (read before the server holds the database)."""
    customer = _customer_id(demo_db)
    with streamlit_server(demo_db, tmp_path_factory.mktemp("streamlit_layout")) as url:
        yield url, customer


def _open(page, url: str, spec, lang: str, customer: str) -> None:
    """Open the page in the same tab: through the sidebar's page list when it is in view (the
    session stays), else by its URL."""
    link = page.locator(f'[data-testid="stSidebarNav"] a[href$="/{spec.url_path}"]')
    if spec.url_path != "customer" and link.count() and link.first.is_visible():
        link.first.click()
        page.wait_for_function(
            "(path) => location.pathname.endsWith('/' + path)", arg=spec.url_path, timeout=30_000
        )
    else:
        extra = f"&customer={customer}" if spec.url_path == "customer" else ""
        page.goto(f"{url}/{spec.url_path}?lang={lang}{extra}", wait_until="domcontentloaded")
    layout.settle(page)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_no_page_has_clipped_tables_or_cut_labels(app, browser, lang):
    from dashboard.navigation import all_pages

    app_url, customer = app
    findings: list[layout.Finding] = []
    page = browser.new_page(viewport={"width": layout.DESKTOP[0], "height": layout.DESKTOP[1]})
    try:
        for spec in all_pages():
            _open(page, app_url, spec, lang, customer)
            if "Page not found" in page.locator("body").inner_text():
                findings.append(layout.Finding(spec.url_path, "-", lang, "page not found", page.url, ""))
                continue
            findings += _measure_both_sizes(page, spec.url_path, lang)
        for view in DRILLED:
            page.goto(f"{app_url}/{view}&lang={lang}", wait_until="domcontentloaded")
            layout.settle(page)
            findings += _measure_both_sizes(page, view, lang)
    finally:
        page.close()
    assert not findings, f"{len(findings)} layout problems:\n" + "\n".join(map(str, findings))
