"""A real browser against a real `streamlit run`: every page renders without an exception.

Uses Debian's chromium at /usr/bin/chromium through Playwright (never `playwright install`).
Without chromium the test is skipped locally and fails in CI (env CI set).
"""

from __future__ import annotations

import contextlib
import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bench import serving
from bench.serving import CHROMIUM, CHROMIUM_ARGS, START_TIMEOUT, chromium_browser  # noqa: F401 (shared)
from tests.conftest import ROOT  # noqa: F401

SCREENSHOT_DIR = os.environ.get("CX_SCREENSHOT_DIR")  # set to keep screenshots for review
PAGE_TIMEOUT_MS = 60_000
# a drawn chart: Vega-Lite (every default view) or Plotly (drawn on demand)
CHART_SELECTOR = '[data-testid="stVegaLiteChart"] svg, .js-plotly-plot'


def _require_browser() -> None:
    problem = None
    if not CHROMIUM.exists():
        problem = f"{CHROMIUM} is not installed"
    else:
        try:
            import playwright.sync_api  # noqa: F401
        except ImportError:
            problem = "the playwright package is not installed"
    if problem:
        if os.environ.get("CI"):
            pytest.fail(f"browser smoke test cannot run in CI: {problem}")
        pytest.skip(problem)


@contextlib.contextmanager
def streamlit_server(db: Path, log_dir: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """`streamlit run dashboard/app.py` on a free port with CX_DB at `db`; yields its URL."""
    _require_browser()
    from dashboard import data

    data.close_connections()  # AppTest runs in this process may hold the file open
    started = False
    try:
        with serving.streamlit_server(log_dir / "server.log", db=db, env=env) as url:
            started = True
            yield url
    except serving.ServerDidNotStart as exc:
        if started:
            raise
        pytest.fail(str(exc))


@pytest.fixture(scope="module")
def server(demo_db, tmp_path_factory):
    """The app served on the demo database."""
    with streamlit_server(demo_db, tmp_path_factory.mktemp("streamlit")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    with chromium_browser() as instance:
        yield instance


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1440, "height": 1000})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
    _wait_until_idle(page)
    return page, errors


def _wait_until_idle(page) -> None:
    """Wait until the script run has finished (no 'running' indicator for a while)."""
    deadline = time.monotonic() + PAGE_TIMEOUT_MS / 1000
    quiet_since = None
    while time.monotonic() < deadline:
        running = page.locator('[data-testid="stStatusWidget"]').count() > 0
        if running:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since > 1.5:
            return
        time.sleep(0.25)


def _assert_no_exception(page, errors: list[str], where: str) -> None:
    exceptions = page.locator('[data-testid="stException"]')
    assert exceptions.count() == 0, f"{where}: {exceptions.first.inner_text()[:2000]}"
    assert not errors, f"{where}: browser errors {errors}"


def _screenshot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.set_viewport_size({"width": 1440, "height": 1750})
        time.sleep(1)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / name), full_page=True)


def test_every_page_renders_without_exception(server, browser):
    from dashboard.navigation import all_pages

    pages = all_pages()
    assert pages, "no pages registered"
    for spec in pages:
        page, errors = _open(browser, f"{server}/{spec.url_path}")
        try:
            _assert_no_exception(page, errors, spec.url_path)
        finally:
            page.close()


def test_overview_tiles_render_in_english_and_finnish(server, browser):
    page, errors = _open(browser, server)
    try:
        page.wait_for_selector('[data-testid="stMetric"]', timeout=PAGE_TIMEOUT_MS)
        assert page.get_by_text("Net Promoter Score (NPS)").count() >= 1
        assert page.locator('[data-testid="stMetric"]').count() == 3
        assert page.locator('[data-testid="stMetricValue"]').first.inner_text().strip() != ""
        page.wait_for_selector(CHART_SELECTOR, timeout=PAGE_TIMEOUT_MS)
        _assert_no_exception(page, errors, "overview")
        _screenshot(page, "overview_en.png")
    finally:
        page.close()
    page, errors = _open(browser, f"{server}/?lang=fi")
    try:
        page.wait_for_selector('[data-testid="stMetric"]', timeout=PAGE_TIMEOUT_MS)
        assert page.get_by_text("Suositteluindeksi (NPS)").count() >= 1
        assert page.get_by_text("Asiakaskokemuksen yleiskuva").count() == 1
        page.wait_for_selector(CHART_SELECTOR, timeout=PAGE_TIMEOUT_MS)
        _assert_no_exception(page, errors, "overview (fi)")
        _screenshot(page, "overview_fi.png")
    finally:
        page.close()
