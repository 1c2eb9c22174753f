"""Pages print cleanly to A4 (issue 13): no sidebar, no widgets, every row of every table.

The pages' tables are HTML tables (`dashboard.html_table`), which print every row themselves;
st.dataframe (a canvas grid, left where rows are selected) prints only its visible part, so
`dashboard.ui.table` draws a static copy of a grid that only print shows (`dashboard.print_table`).
Unit and AppTest checks of that copy's escaping (text from files is never HTML or Markdown), then a
real Chromium against `streamlit run`: in print media the sidebar and the widgets are not rendered,
every HTML table prints all its rows (its scrolling box opened up), every grid is replaced by its
copy with all the grid's rows, charts are scaled to the paper, and the A4 PDF holds every row.
"""

from __future__ import annotations

import re
import subprocess
import time
from html.parser import HTMLParser

import pandas as pd
import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard.print_table import cell_text, print_html
from tests import app_pages
from tests.test_browser_smoke import PAGE_TIMEOUT_MS, _assert_no_exception, _open, browser, server  # noqa: F401

HOSTILE = ["<b>x</b>", "**x**", '=HYPERLINK("http://e")', "<img src=x onerror=alert(1)>", "a\nb"]


class _Cells(HTMLParser):
    """The text of every th/td, and every tag seen."""

    def __init__(self) -> None:
        super().__init__()
        self.cells: list[str] = []
        self.tags: set[str] = set()
        self._open = False

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        if tag in ("td", "th"):
            self.cells.append("")
            self._open = True

    def handle_endtag(self, tag):
        if tag in ("td", "th"):
            self._open = False

    def handle_data(self, data):
        if self._open:
            self.cells[-1] += data


def _cells(html_text: str) -> _Cells:
    parser = _Cells()
    parser.feed(html_text)
    return parser


def test_print_copy_shows_hostile_text_literally():
    frame = pd.DataFrame({"<i>col</i>": HOSTILE, "n": range(len(HOSTILE))})
    parsed = _cells(print_html(frame))
    assert parsed.tags == {"table", "thead", "tbody", "tr", "th", "td"}  # no <b>, <img>, <i>
    assert parsed.cells[:2] == ["<i>col</i>", "n"]
    texts = parsed.cells[2::2]
    assert texts[:4] == HOSTILE[:4]  # as written: not bold, not an image, not Markdown
    assert texts[4] == "a\\nb"  # one line, the newline visible (core.printable)


def test_print_copy_follows_column_config():
    frame = pd.DataFrame(
        {
            "link": ["customer?customer=C0000001&lang=fi", "other"],
            "cost": [1.5, 2.25],
            "secret": ["a", "b"],
            "flag": [True, False],
            "plain": [0.123456, None],
        }
    )
    config = {
        "link": st.column_config.LinkColumn("Customer", display_text=r"customer=([^&]+)"),
        "cost": st.column_config.NumberColumn("Cost", format="%.2f €"),
        "secret": None,
        "plain": "Plain",
    }
    parsed = _cells(print_html(frame, config, column_order=["cost", "link", "secret", "flag", "plain"]))
    assert parsed.cells[:4] == ["Cost", "Customer", "flag", "Plain"]
    assert parsed.cells[4:8] == ["1.50 €", "C0000001", "✓", "0.1235"]
    assert parsed.cells[8:] == ["2.25 €", "other", "–", ""]
    assert cell_text(pd.Timestamp("2026-01-02 03:04:05")) == "2026-01-02 03:04:05"


def test_print_copy_breaks_only_long_tokens_anywhere():
    body = print_html(
        pd.DataFrame({"detail": ['{"rows":{"raw_contacts":2574,"raw_customers":5000}}', "two words"]})
    )
    assert body.count('<td class="cx-long">') == 1 and "<td>two words</td>" in body


def test_print_copy_of_a_long_table_says_how_many_rows_are_left_out():
    frame = pd.DataFrame({"n": range(12)})
    body = print_html(frame, max_rows=10)
    assert body.count("<tr>") == 11 and "+ 2 …" in body
    assert print_html(frame).count("<tr>") == 13


def _table_app() -> None:
    import pandas as pd

    from dashboard import ui

    frame = pd.DataFrame({"comment": ["<b>x</b>", "**x**", "plain"], "n": [1, 2, 3]})
    ui.table(frame, key="plain_table", tones={"n": ["good", "muted", "nonsense"]})
    ui.table(frame, key="picked_table", on_select="rerun", selection_mode="single-row")


def test_ui_table_is_html_unless_rows_are_selected_and_the_grid_gets_an_escaped_print_copy():
    at = AppTest.from_function(_table_app).run()
    assert not at.exception
    (html,) = app_pages.html_table_payloads(at)  # the HTML table prints itself: no copy
    assert html["key"] == "plain_table" and html["rows"][0] == ["<b>x</b>", "1"]  # text, set as textContent
    assert [r[1] for r in html["tones"]] == ["good", "muted", None]  # unknown tones are dropped
    assert len(at.dataframe) == 1  # only the table whose rows are selected is a grid
    assert list(at.dataframe[0].value["comment"]) == ["<b>x</b>", "**x**", "plain"]
    (body,) = [el.proto.body for el in at.get("html") if "cx-print-only" in el.proto.body]
    assert body.startswith('<div class="cx-print-only">')
    assert "&lt;b&gt;x&lt;/b&gt;" in body and "<b>" not in body and "**x**" in body
    assert _cells(body).cells == ["comment", "n", "<b>x</b>", "1", "**x**", "2", "plain", "3"]


# --- in Chromium ---------------------------------------------------------------------------

_WIDGETS = [
    "stSelectbox",
    "stMultiSelect",
    "stTextInput",
    "stNumberInput",
    "stDateInput",
    "stButton",
    "stDownloadButton",
    "stButtonGroup",
    "stRadio",
    "stCheckbox",
    "stSlider",
    "stFileUploader",
]

_STATE_JS = """(kinds) => {
  const shown = (el) => el.getClientRects().length > 0;
  const copies = Array.from(document.querySelectorAll(".cx-print-only")).map((copy) => {
    const box = copy.closest('[data-testid="stElementContainer"]');
    const before = box.previousElementSibling;
    const grid = before && before.querySelector('[data-testid="stDataFrame"]');
    const counted = grid && grid.querySelector("[aria-rowcount]");
    return {
      shown: shown(copy),
      rows: copy.querySelectorAll("tbody tr").length,
      gridRows: counted ? Number(counted.getAttribute("aria-rowcount")) - 1 : null,
      gridShown: grid ? shown(grid) : null,
    };
  });
  // the HTML tables (dashboard/html_table.py): rows drawn, and whether the box hides any of them
  const tables = Array.from(document.querySelectorAll("table.cx-table")).map((table) => {
    const wrap = table.closest(".cx-table-wrap");
    const rows = Array.from(table.querySelectorAll(":scope > tbody > tr"));
    const box = wrap ? wrap.getBoundingClientRect() : null;
    const last = rows.length ? rows[rows.length - 1].getBoundingClientRect() : null;
    return {
      shown: shown(table),
      rows: rows.length,
      rowsShown: rows.filter(shown).length,
      boxHides: wrap
        ? wrap.scrollHeight > wrap.clientHeight + 1 || wrap.scrollWidth > wrap.clientWidth + 1
        : true,
      lastInBox: box && last ? last.bottom <= box.bottom + 1 : true,
      key: ((table.closest('[data-testid="stElementContainer"]') || {}).className || "")
        .split(" ").filter((c) => c.startsWith("st-key-")).join(" "),
    };
  });
  const main = document.querySelector('[data-testid="stMain"]');
  const widgets = kinds.flatMap((w) =>
    Array.from(document.querySelectorAll(`[data-testid="${w}"]`)).map((el) => {
      const box = el.closest('[data-testid="stElementContainer"]');
      return { kind: w, shown: shown(el), display: box ? getComputedStyle(box).display : null };
    })
  );
  const charts = Array.from(document.querySelectorAll(".js-plotly-plot")).map((plot) => {
    const svg = plot.querySelector(".svg-container");
    const frame = plot.closest('[data-testid="stPlotlyChart"]');
    return {
      fit: plot.classList.contains("cx-print-fit"),
      width: svg ? svg.getBoundingClientRect().width : 0,
      room: frame ? frame.getBoundingClientRect().width : 0,
    };
  }).concat(Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]')).map((frame) => {
    const svg = frame.querySelector("svg");  // Vega-Lite draws with a viewBox: CSS scales it
    return {
      fit: !!svg,
      width: svg ? svg.getBoundingClientRect().width : 0,
      room: frame.getBoundingClientRect().width,
    };
  }));
  const sidebar = document.querySelector('[data-testid="stSidebar"]');
  return {
    sidebar: sidebar ? { shown: shown(sidebar), display: getComputedStyle(sidebar).display } : null,
    header: Array.from(document.querySelectorAll('[data-testid="stHeader"]')).some(shown),
    mainShown: main ? shown(main) : false,
    copies, tables, widgets, charts,
    overflow: document.documentElement.scrollWidth - document.documentElement.clientWidth,
  };
}"""


def _wait_for_charts(page) -> None:
    """Charts, grids and HTML tables load lazily: wait until no skeleton is left, every chart has
    drawn, every grid on screen has its rows and every HTML table's component its table."""
    page.wait_for_function(
        """() => !document.querySelector('[data-testid="stSkeleton"]') &&
          Array.from(document.querySelectorAll('[data-testid="stPlotlyChart"]'))
            .every((c) => c.querySelector("svg.main-svg")) &&
          Array.from(document.querySelectorAll('[data-testid="stVegaLiteChart"]'))
            .every((c) => c.querySelector("svg")) &&
          Array.from(document.querySelectorAll('[data-testid="stDataFrame"]'))
            .every((g) => g.getClientRects().length === 0 || g.querySelector("[aria-rowcount]")) &&
          Array.from(document.querySelectorAll('[data-testid="stBidiComponentRegular"]'))
            .every((c) => c.querySelector("table.cx-table") ||
              !Array.from(c.querySelectorAll("style")).some((s) => s.textContent.includes(".cx-table")))""",
        timeout=PAGE_TIMEOUT_MS,
    )


def _print_state(page) -> dict:
    page.emulate_media(media="print")
    time.sleep(1.0)  # the media change event, the charts drawn again without the sidebar
    return page.evaluate(_STATE_JS, _WIDGETS)


def _check_print(page, where: str, min_copies: int = 0, min_charts: int = 1, min_tables: int = 0) -> dict:
    _wait_for_charts(page)
    screen = page.evaluate(_STATE_JS, _WIDGETS)
    assert len(screen["charts"]) >= min_charts, f"{where}: charts {screen['charts']}"
    assert len(screen["copies"]) >= min_copies, f"{where}: print copies {screen['copies']}"
    shown_tables = [t for t in screen["tables"] if t["shown"]]
    assert len(shown_tables) >= min_tables, f"{where}: HTML tables {screen['tables']}"
    assert not any(c["shown"] for c in screen["copies"]), f"{where}: a print copy shows on screen"
    assert screen["sidebar"] and screen["sidebar"]["shown"], f"{where}: no sidebar on screen"
    assert any(w["shown"] for w in screen["widgets"]), f"{where}: no widget on screen to hide"

    state = _print_state(page)
    assert state["sidebar"]["display"] == "none" and not state["sidebar"]["shown"], where
    assert not state["header"], f"{where}: the header/toolbar prints"
    assert state["mainShown"], where
    shown_widgets = [w for w in state["widgets"] if w["shown"] or w["display"] not in (None, "none")]
    assert not shown_widgets, f"{where}: widgets print: {shown_widgets}"
    assert len(state["copies"]) == len(screen["copies"])
    for copy, on_screen in zip(state["copies"], screen["copies"]):
        # a table in a tab that is not open, or in a closed expander, prints no more than it shows
        assert copy["shown"] == bool(on_screen["gridShown"]), f"{where}: print copy {copy}, {on_screen}"
        assert not copy["gridShown"], f"{where}: the grid prints next to its copy"
        if on_screen["gridShown"]:
            assert copy["rows"] == on_screen["gridRows"], f"{where}: print copy {copy}, grid {on_screen}"
    assert all(c["rows"] > 0 for c in state["copies"]), where
    assert len(state["tables"]) == len(screen["tables"]), where
    for table, on_screen in zip(state["tables"], screen["tables"]):
        # an HTML table prints as it is shown (not in a closed tab or expander), every row of it:
        # its scrolling box opens up (max-height none) and hides no row or column
        assert table["shown"] == on_screen["shown"], f"{where}: HTML table {table}, on screen {on_screen}"
        if table["shown"]:
            assert table["rows"] == on_screen["rows"] == table["rowsShown"], f"{where}: {table}"
            assert not table["boxHides"] and table["lastInBox"], f"{where}: the box cuts the table {table}"
    for chart in state["charts"]:
        assert chart["fit"] and chart["width"] <= chart["room"] + 1, f"{where}: chart {chart}"
    assert state["overflow"] <= 1, f"{where}: the page is wider than its paper by {state['overflow']} px"
    return state


def _pdf_text(page, tmp_path, name: str) -> tuple[str, int]:
    """The page printed as the browser does (beforeprint, A4), as text; and its page count."""
    page.emulate_media(media=None)
    time.sleep(1.0)
    pdf = tmp_path / f"{name}.pdf"
    page.pdf(path=str(pdf), format="A4", print_background=True)
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
    return text, pages


@pytest.fixture()
def pdf_tools():
    from shutil import which

    if not (which("pdftotext") and which("pdfinfo")):
        pytest.skip("poppler-utils (pdftotext, pdfinfo) is not installed")


def test_overview_prints_without_sidebar_and_with_whole_tables(server, browser):  # noqa: F811
    page, errors = _open(browser, server)
    try:
        state = _check_print(page, "overview", min_charts=3, min_tables=1)
        assert any("st-key-ov_friction_" in t["key"] for t in state["tables"] if t["shown"]), state["tables"]
        _assert_no_exception(page, errors, "overview")
    finally:
        page.close()


def test_contacts_prints_every_row_to_a4_pdf(server, browser, tmp_path, pdf_tools):  # noqa: F811
    page, errors = _open(browser, f"{server}/contacts")
    try:
        _wait_for_charts(page)
        screen = page.evaluate(_STATE_JS, _WIDGETS)
        state = _check_print(page, "contacts", min_tables=4)
        # a table longer than its box on screen (it scrolls there) prints whole
        scrolled = [t for t in screen["tables"] if t["shown"] and t["boxHides"]]
        assert scrolled, f"no table of the contacts page scrolls in its box: {screen['tables']}"
        assert all(not t["boxHides"] for t in state["tables"] if t["shown"])
        ids = page.evaluate(
            """() => Array.from(document.querySelectorAll("table.cx-table td"))
                 .map((td) => td.textContent).filter((t) => /^C\\d{7}$/.test(t))"""
        )
        assert len(ids) >= 10, ids
        text, pages = _pdf_text(page, tmp_path, "contacts")
        assert pages >= 2
        missing = [c for c in ids if c not in text]
        assert not missing, f"customers of the examples table missing from the PDF: {missing}"
        assert "Filters" not in text  # the sidebar's header
        _assert_no_exception(page, errors, "contacts")
    finally:
        page.close()


def test_customer_timeline_prints_all_its_rows(server, browser):  # noqa: F811
    page, errors = _open(browser, f"{server}/customer")
    try:
        found = re.search(r"C\d{7}", page.locator('[data-testid="stMain"]').inner_text())
        assert found, "the customer page lists no customer to open"
    finally:
        page.close()
    page, errors = _open(browser, f"{server}/customer?customer={found.group(0)}")
    try:
        # the journeys and the timeline are HTML tables, which print whole by themselves
        state = _check_print(page, "customer", min_tables=2)
        timeline = [t for t in state["tables"] if "st-key-customer_timeline_table" in t["key"]]
        assert timeline and timeline[0]["rows"] > 20, state["tables"]  # a whole timeline
        _assert_no_exception(page, errors, "customer")
    finally:
        page.close()
