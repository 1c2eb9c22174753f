"""Layout measurements in a real browser: clipped tables, truncated cells and labels, titles broken
mid-word, overlapping or empty Plotly charts. Used by tests/test_browser_layout.py.

What counts as a defect (the rules the test enforces):

- **Table clipped on the right.** st.dataframe is a glide data grid drawn on a canvas; its scroller
  (``.dvn-scroller``) scrolls sideways when the columns are wider than the grid. On a desktop
  (``phone=False``) any sideways scroll is a defect: a manager does not scroll a table sideways and
  misses the last columns. On a phone (``phone=True``) a table may scroll sideways, provided the
  first column (the row's name) stays readable: it is at most 60% of the grid's visible width, so
  the name and the start of the next column are in view, and none of its texts is cut.
- **Cell cut.** Glide draws a cell's text on the canvas and clips what does not fit. The grid's
  own props (found through React's fiber on the canvas) give every column's width, the theme's
  font and padding and each cell's display text (all rows, up to 300); a text (or a column title)
  wider than its column minus the padding, measured with the canvas's measureText in the grid's
  font, is cut. A cell that may wrap (``row_height`` above 4rem, ``ui.table(wrap=True)``) is cut
  when its words, wrapped greedily at the column's width, need more lines than the row holds.
- **The pages' HTML tables** (dashboard/html_table.py: ``table.cx-table`` in its box
  ``.cx-table-wrap``, named by the element's key). Wider than its box (the box scrolls sideways):
  at 1440 px a defect; on a phone allowed under the grid's rule (the first column, measured from
  its header cell, at most 60% of the box's width; nothing cut). A header or cell whose text is
  cut (a cell narrower than its content, or an element in it with an ellipsis or a hidden
  overflow that hides part of its text): a defect at any size. Taller than its box is fine (the
  box scrolls), provided the header is sticky (stays in view); a non-sticky header is a defect.
- **Other HTML tables clipped.** An st.table (or any HTML table) in a box that scrolls sideways:
  the same rule as the grid's, the first column measured from its header cell.
- **Label truncated.** Any visible element whose text is cut by CSS: ``text-overflow: ellipsis``
  or a hidden overflow on one line, with scrollWidth > clientWidth (st.metric labels and values,
  selectbox values, buttons, captions…), and a tab bar whose tabs do not fit its width.
- **Title broken mid-word.** A heading (h1–h4) or metric label in which one word (a run of letters
  between spaces or hyphens) is drawn on two lines, or a heading wider than its box.
- **Page wider than the screen.** The main area scrolls sideways.
- **Chart text overlaps / empty chart.** In a Plotly chart, two tick labels or axis titles whose
  boxes intersect (more than 1 px each way); a chart with no trace that has a value to draw.

Every finding names the element (the table's first column titles, the label's text, the chart's
axis titles) and what is cut, so a failure message can be acted on without a screenshot.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

DESKTOP = (1440, 900)
PHONE = (390, 844)
SETTLE_TIMEOUT_S = 60.0

MEASURE_JS = (Path(__file__).with_suffix(".js")).read_text(encoding="utf-8")  # {phone, finnish}

# True while the page is still drawing: a script run, skeletons, stale elements, unrendered charts.
BUSY_JS = r"""
() => {
  if (document.querySelector('[data-testid="stStatusWidget"]')) return "running";
  if (document.querySelector('[data-testid="stSkeleton"]')) return "skeleton";
  if (document.querySelector('[data-stale="true"]')) return "stale";
  const main = document.querySelector('[data-testid="stMainBlockContainer"]');
  const shown = 'h1, [data-testid="stAlert"], [data-testid="stException"]';
  if (!main || !main.querySelector(shown)) return "no title";
  for (const g of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    const r = g.getBoundingClientRect();
    const shut = g.closest("details:not([open])");
    const drawn = g.querySelector('canvas[data-testid="data-grid-canvas"]');
    if (r.width > 0 && r.height > 0 && !shut && !drawn) return "grid";
  }
  // an HTML table (dashboard/html_table.py) whose component has its style but no table yet
  for (const c of document.querySelectorAll('[data-testid="stBidiComponentRegular"]')) {
    const style = c.querySelector("style");
    const shown = c.getClientRects().length > 0 && !c.closest("details:not([open])");
    if (shown && style && style.textContent.includes("cx-table-wrap") && !c.querySelector("table.cx-table")) {
      return "html table";
    }
  }
  return "";
}
"""

# Opens every closed expander (their tables and charts are measured as well).
EXPAND_JS = r"""
() => {
  let n = 0;
  const shut = '[data-testid="stMain"] [data-testid="stExpander"] details:not([open])';
  for (const d of document.querySelectorAll(shut)) {
    const s = d.querySelector("summary");
    if (s) { s.click(); n += 1; }
  }
  return n;
}
"""


@dataclass(frozen=True)
class Finding:
    page: str
    size: str
    lang: str
    kind: str
    element: str
    detail: str

    def __str__(self) -> str:
        return f"{self.page} @ {self.size} [{self.lang}] {self.kind}: {self.element} — {self.detail}"


def size_name(viewport: tuple[int, int]) -> str:
    return f"{viewport[0]}x{viewport[1]}"


def settle(page, timeout: float = SETTLE_TIMEOUT_S, quiet: float = 1.0) -> None:
    """Wait until the page has finished its script run and drawing (nothing busy for ``quiet`` s)."""
    deadline = time.monotonic() + timeout
    quiet_since = None
    time.sleep(0.3)  # a rerun that was just triggered shows its status a moment later
    while time.monotonic() < deadline:
        busy = page.evaluate(BUSY_JS)
        if busy:
            quiet_since = None
        elif quiet_since is None:
            quiet_since = time.monotonic()
        elif time.monotonic() - quiet_since >= quiet:
            return
        time.sleep(0.2)
    raise AssertionError(f"the page did not settle in {timeout:.0f} s ({page.url})")


def measure(page, *, phone: bool, finnish: bool = False) -> list[dict]:
    """The layout problems on the page as it is drawn now: [{kind, element, detail}]."""
    page.evaluate("document.fonts.ready.then(() => true)")
    return page.evaluate(MEASURE_JS, {"phone": phone, "finnish": finnish})


def tab_count(page) -> list[int]:
    """The number of tabs of each visible tab bar in the main area."""
    return page.evaluate(
        """() => [...document.querySelectorAll('[data-testid="stMain"] [role="tablist"]')]
             .filter((b) => b.getBoundingClientRect().width > 0)
             .map((b) => b.querySelectorAll('[role="tab"]').length)"""
    )


def check_page(page, *, phone: bool, where: tuple[str, str, str]) -> list[Finding]:
    """Measure the page with every expander open, on every tab of every tab bar; each problem
    once."""
    if page.evaluate(EXPAND_JS):
        settle(page, quiet=0.5)
    finnish = where[2] == "fi"
    raw = list(measure(page, phone=phone, finnish=finnish))
    for bar, tabs in enumerate(tab_count(page)):
        for tab in range(1, tabs):
            bar_el = page.locator('[data-testid="stMain"] [role="tablist"]').nth(bar)
            bar_el.locator('[role="tab"]').nth(tab).click()
            page.evaluate(EXPAND_JS)
            settle(page, quiet=0.5)
            raw += measure(page, phone=phone, finnish=finnish)
        if tabs > 1:
            page.locator('[data-testid="stMain"] [role="tablist"]').nth(bar).locator(
                '[role="tab"]'
            ).first.click()
            time.sleep(0.3)
    found: dict[tuple[str, str, str], Finding] = {}
    for p in raw:
        finding = Finding(*where, p["kind"], p["element"], p["detail"])
        found.setdefault((finding.kind, finding.element, finding.detail), finding)
    return list(found.values())
