"""The Upload page in a real browser (Chromium at 1440x900 and 390x844, Finnish and English): the
file uploaders speak the page's language (Streamlit 1.67 has no option for their own texts, so
dashboard/upload/uploader_texts.py replaces them with CSS on the Finnish page), and the import
history shows a rolled-back batch with when and by whom, and offers its restore.

Set CX_SCREENSHOT_DIR to keep the screenshots for review."""

from __future__ import annotations

import csv
import shutil
import time
from pathlib import Path

import pytest

from core.batch_rollback import rollback
from core.db import connect
from surveys.importer import import_file
from tests.actors import EDITOR
from tests.test_browser_smoke import (
    PAGE_TIMEOUT_MS,
    SCREENSHOT_DIR,
    _wait_until_idle,
    chromium_browser,
    streamlit_server,
)

SIZES = ((1440, 900), (390, 844))
BUILT_IN = ("Upload", "per file", "Drag and drop", "Browse files")  # Streamlit's own English
ZONE = '[data-testid="stFileUploaderDropzone"]'
# what the person sees in a drop zone: its rendered text (innerText leaves out hidden elements)
# and the texts our CSS shows in place of the built-in ones
SEEN = """zone => {
  const after = [...zone.querySelectorAll('*')]
    .map(e => getComputedStyle(e, '::after'))
    .filter(s => s.content && s.content !== 'none' && s.visibility === 'visible')
    .map(s => s.content);
  return {text: zone.innerText, after: after.join(' | ')};
}"""


@pytest.fixture(scope="module")
def rolled_back_db(demo_db, tmp_path_factory) -> tuple[Path, str]:
    """The demo plus one small survey file imported and rolled back by 'tester'."""
    folder = tmp_path_factory.mktemp("upload_browser")
    path = folder / "cx.duckdb"
    shutil.copy(demo_db, path)
    survey = folder / "palaute_lokakuu.csv"
    with survey.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows([["Response ID", "Date", "NPS"], ["b-1", "2026-10-01 10:00", "9"]])
    con = connect(path)
    try:
        batch = import_file(con, survey, actor=EDITOR).batch_id
        rollback(con, batch, actor=EDITOR)
    finally:
        con.close()
    return path, batch


@pytest.fixture(scope="module")
def server(rolled_back_db, tmp_path_factory):
    with streamlit_server(rolled_back_db[0], tmp_path_factory.mktemp("upload_server")) as url:
        yield url


@pytest.fixture(scope="module")
def browser(server):
    with chromium_browser() as instance:
        yield instance


def _open(browser, url: str, size: tuple[int, int]):
    page = browser.new_page(viewport={"width": size[0], "height": size[1]})
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector('[data-testid="stMainBlockContainer"] h1', timeout=PAGE_TIMEOUT_MS)
    _wait_until_idle(page)
    return page, errors


def _tab(page, index: int) -> None:
    page.get_by_role("tab").nth(index).click()
    time.sleep(0.5)
    _wait_until_idle(page)


def _shot(page, name: str) -> None:
    if SCREENSHOT_DIR:
        Path(SCREENSHOT_DIR).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCREENSHOT_DIR) / name))


def _check_zone(page, zone, lang: str, where: str) -> None:
    zone.scroll_into_view_if_needed()
    seen = zone.evaluate(SEEN)
    if lang == "fi":
        shown = [t for t in BUILT_IN if t in seen["text"]]
        assert not shown, f"{where}: Streamlit's English is visible: {shown} in {seen['text']!r}"
        assert "Valitse tiedosto" in seen["after"] and "Enintään 200 Mt / tiedosto" in seen["after"], (
            f"{where}: {seen}"
        )
        limit = zone.locator('[data-testid="stFileUploaderDropzoneInstructions"]')
        cut = limit.evaluate(
            "e => Math.max(...[e, ...e.querySelectorAll('*')].map(x => x.scrollWidth - x.clientWidth))"
        )
        assert cut <= 1, f"{where}: the limit line is cut off by {cut}px"
        # while a file is dragged over the zone
        transfer = page.evaluate_handle(
            "() => { const d = new DataTransfer(); d.items.add(new File(['a'], 'a.csv')); return d; }"
        )
        zone.dispatch_event("dragenter", {"dataTransfer": transfer})
        page.wait_for_timeout(300)
        dragging = zone.evaluate(SEEN)
        zone.dispatch_event("dragleave", {"dataTransfer": transfer})
        assert "Drag and drop" not in dragging["text"] and "Pudota tiedosto tähän" in dragging["after"], (
            f"{where} while dragging: {dragging}"
        )
    else:
        assert "Upload" in seen["text"] and "200MB per file" in seen["text"], f"{where}: {seen}"
        assert not seen["after"], f"{where}: our texts must not cover Streamlit's English ones: {seen}"


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_uploaders_speak_the_page_language(server, browser, lang, size):
    page, errors = _open(browser, f"{server}/upload?lang={lang}", size)
    try:
        _check_zone(page, page.locator(ZONE).first, lang, f"survey uploader {lang} {size}")
        _shot(page, f"upload_surveys_{lang}_{size[0]}.png")
        _tab(page, 1)
        systems = page.locator(f'[class*="st-key-upl_sys_file_"] {ZONE}')
        _check_zone(page, systems, lang, f"systems uploader {lang} {size}")
        _shot(page, f"upload_systems_{lang}_{size[0]}.png")
        assert not errors, errors
    finally:
        page.close()


@pytest.mark.parametrize("lang", ["fi", "en"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_history_shows_who_rolled_back_and_offers_the_restore(server, browser, rolled_back_db, lang, size):
    batch = rolled_back_db[1]
    page, errors = _open(browser, f"{server}/upload?lang={lang}", size)
    try:
        _tab(page, 2)
        history = page.locator(".cx-upl-history")
        status = "(perui tester)" if lang == "fi" else " by tester"
        assert status in history.inner_text(), history.inner_text()
        assert batch in history.inner_text()  # the full id
        clipped = history.evaluate("e => e.scrollWidth - e.clientWidth")
        assert clipped <= 1, f"the history table is cut off by {clipped}px at {size}"
        picker = page.locator('[data-testid="stSelectbox"]').last
        picker.scroll_into_view_if_needed()
        picker.click()
        page.get_by_role("option").filter(has_text=batch).first.click()
        _wait_until_idle(page)
        restore = page.get_by_role("button", name="Palauta erä" if lang == "fi" else "Restore")
        restore.scroll_into_view_if_needed()
        assert restore.is_visible() and restore.is_enabled()
        assert page.get_by_role("button", name="Peru erä" if lang == "fi" else "Roll back").count() == 0
        if size[0] < 640:  # the picker cuts the label off on a phone: the full label shows under it
            picked = page.locator(".cx-upl-picked")
            assert picked.is_visible() and batch in picked.inner_text()
        _shot(page, f"upload_history_{lang}_{size[0]}.png")
        assert not errors, errors
    finally:
        page.close()
