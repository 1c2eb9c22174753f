"""Browser-measured speed: every insight page in headless Chromium against a real `streamlit run`.

    python -m bench.browser --db PATH [--runs 3] [--quiet-ms 700] [--compare ENV=VALUE]

The database is used as given (python -m bench hands over its own copy). One server is started
on it; Debian's Chromium (/usr/bin/chromium) is driven by Playwright (never `playwright install`).

What is timed, each the median of --runs:

* **first session after server start**: the Overview opened once right after the server
  answers its health check (imports, the shared connection and every cached query cold).
* **new tab**: each page (overview, journey, functions, contacts, customer with an id, review)
  opened in a new tab of a browser that is already open (a new page in the same browser
  context: a new Streamlit session, the HTTP cache warm) on a warm server (every page was
  opened once before: Python modules imported, queries cached). Time from the tab's navigation
  start to the render settling. Once per run the Overview is also opened in a fresh browser
  context ("empty browser cache": a first visit, every script bundle fetched and compiled).
* **filter change**: in that tab, one segment picked in the sidebar's segment filter; time from
  the click on the option to settled.
* **drill-down**: an Overview friction card (a link with ``focus=``) to its stage; a stage
  picked in Journey's stage picker; the first row of Journey's affected-customers table and of
  Contacts' example customers (dashboard.links.drill_table: an HTML table whose row click opens
  the page in the same tab) to the Customer page; time from the click to settled. Reported as
  "not found on the page" when the page offers none.

**Settled** (see docs/benchmarks.md): the server has sent ``script_finished`` for the run
the action started, no ``stStatusWidget`` (running indicator) is shown, no element is stale
(``data-stale="true"``) or a skeleton (``stSkeleton``, ``stAppSkeleton``), the page title (h1)
is there, and the DOM (a MutationObserver on the whole document) has been quiet for
--quiet-ms. The time reported is that of the LAST DOM change before the quiet window (the quiet
window itself is subtracted), measured inside the page with ``performance.now()``.

Per page it also reports what a new session costs on the wire: websocket bytes and messages
from the server, the Plotly figures' JSON bytes, and the number of elements and widgets drawn
(decoded from Streamlit's ForwardMsg protobufs).

``--compare ENV=VALUE`` starts a second server with that environment variable set (the
"before" switch of an optimisation) and alternates the two servers run by run, so both are
measured under the same machine load; figures of that server are named "... [ENV=VALUE]".
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench import serving
from bench.common import Result, emit
from bench.serving import CHROMIUM, CHROMIUM_ARGS

VIEWPORT = {"width": 1440, "height": 900}
PAGES = ("overview", "journey", "functions", "contacts", "customer", "review")
NEW_TAB_TARGET, FILTER_TARGET, DRILL_TARGET = 1.5, 0.7, 1.0
QUIET_MS = 700
SETTLE_TIMEOUT = 90.0

# installed in every page before Streamlit's own scripts: the time of the last DOM change and of
# the last click, both in performance.now() (0 = the tab's navigation start)
INIT_SCRIPT = """
(() => {
  const cx = (window.__cx = { last: 0, mutations: 0, input: null });
  const watch = () => {
    new MutationObserver(() => { cx.last = performance.now(); cx.mutations += 1; }).observe(
      document, { subtree: true, childList: true, attributes: true, characterData: true });
  };
  watch();
  document.addEventListener('pointerdown', () => { cx.input = performance.now(); }, true);
  // the websocket's open and its first and last message (where a new tab's seconds go)
  const Native = window.WebSocket;
  const Wrapped = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener('open', () => { cx.wsOpen = performance.now(); });
    ws.addEventListener('message', () => {
      const now = performance.now();
      if (cx.wsFirst === undefined) cx.wsFirst = now;
      cx.wsLast = now;
    });
    return ws;
  };
  Wrapped.prototype = Native.prototype;
  Object.assign(Wrapped, { CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3 });
  window.WebSocket = Wrapped;
})();
"""

STATE_SCRIPT = """
() => ({
  now: performance.now(),
  last: window.__cx ? window.__cx.last : 0,
  input: window.__cx ? window.__cx.input : null,
  wsOpen: window.__cx ? window.__cx.wsOpen : null,
  wsFirst: window.__cx ? window.__cx.wsFirst : null,
  wsLast: window.__cx ? window.__cx.wsLast : null,
  running: document.querySelectorAll('[data-testid="stStatusWidget"]').length,
  stale: document.querySelectorAll('[data-stale="true"]').length,
  skeleton: document.querySelectorAll(
    '[data-testid="stSkeleton"], [data-testid="stAppSkeleton"], [data-testid="stSkeletonElement"]').length,
  title: document.querySelectorAll('[data-testid="stMainBlockContainer"] h1').length,
  exception: document.querySelectorAll('[data-testid="stException"]').length,
  path: location.pathname,
})
"""

WIDGET_TYPES = frozenset(
    {
        "button",
        "checkbox",
        "multiselect",
        "selectbox",
        "slider",
        "radio",
        "text_input",
        "text_area",
        "number_input",
        "date_input",
        "time_input",
        "file_uploader",
        "download_button",
        "toggle",  # checkbox with style toggle in older versions
        "button_group",
        "color_picker",
        "chat_input",
        "camera_input",
        "audio_input",
        "link_button",
        "page_link",
    }
)


# --- the wire: Streamlit's ForwardMsg frames ------------------------------------------------


@dataclass
class Wire:
    """What the server sent over the websocket since the last reset()."""

    bytes: int = 0
    messages: int = 0
    finished: int = 0  # script_finished messages
    elements: Counter = field(default_factory=Counter)  # element type -> count
    element_bytes: Counter = field(default_factory=Counter)  # element type -> bytes
    plotly_json: int = 0  # bytes of Plotly figure JSON
    vega_json: int = 0  # bytes of Vega-Lite spec JSON (data inline)

    def reset(self) -> None:
        self.bytes = self.messages = self.finished = self.plotly_json = self.vega_json = 0
        self.elements.clear()
        self.element_bytes.clear()

    def add(self, payload: bytes | str) -> None:
        data = payload.encode() if isinstance(payload, str) else payload
        self.bytes += len(data)
        self.messages += 1
        account_frame(self, data)

    @property
    def widgets(self) -> int:
        return sum(n for kind, n in self.elements.items() if kind in WIDGET_TYPES)


def account_frame(wire: Wire, data: bytes) -> None:
    """Count one ForwardMsg: script_finished, and per drawn element its type and size."""
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

    try:
        msg = ForwardMsg.FromString(data)
    except Exception:  # not a ForwardMsg (should not happen): counted as bytes only
        return
    kind = msg.WhichOneof("type")
    if kind == "script_finished":
        wire.finished += 1
    elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
        element = msg.delta.new_element
        etype = element.WhichOneof("type") or "?"
        wire.elements[etype] += 1
        wire.element_bytes[etype] += len(data)
        if etype == "plotly_chart":
            wire.plotly_json += len(element.plotly_chart.spec.encode("utf-8"))
        elif etype == "vega_lite_chart":
            wire.vega_json += len(element.vega_lite_chart.spec.encode("utf-8"))


# --- the server ------------------------------------------------------------------------------


@contextmanager
def streamlit_server(db: Path, log: Path, env: dict[str, str] | None = None) -> Iterator[str]:
    """The app on `db` (no file watcher: nothing changes while measuring)."""
    with serving.streamlit_server(
        log, db=db, env=env, extra_args=("--server.fileWatcherType", "none"), timeout=120
    ) as url:
        yield url


# --- settling ---------------------------------------------------------------------------------


class NotSettled(RuntimeError):
    pass


def settled(state: dict[str, Any], finished: bool, quiet_ms: float) -> bool:
    """The settled rule (module docstring) on one observation of the page."""
    return (
        finished
        and not state["running"]
        and not state["stale"]
        and not state["skeleton"]
        and state["title"] > 0
        and state["now"] - state["last"] >= quiet_ms
    )


def settle_time(last_change_ms: float, start_ms: float) -> float:
    """Seconds from the action to the last DOM change before the quiet window."""
    return max(0.0, last_change_ms - start_ms) / 1000


def new_context(browser: Any) -> Any:
    context = browser.new_context(viewport=VIEWPORT)
    context.add_init_script(INIT_SCRIPT)
    return context


class Tab:
    """One browser context (a new Streamlit session) with one page, its wire counted."""

    def __init__(self, browser: Any, quiet_ms: float, context: Any | None = None) -> None:
        """A new page in ``context`` (a new tab of a browser that is already open: its HTTP cache
        is warm), or in a fresh context of its own (empty cache, like a first visit)."""
        self.own = context is None
        self.context = context if context is not None else new_context(browser)
        self.page = self.context.new_page()
        self.quiet_ms = quiet_ms
        self.wire = Wire()
        self.errors: list[str] = []
        self.final: dict[str, Any] = {}
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))
        self.page.on("websocket", self._socket)

    def _socket(self, ws: Any) -> None:
        ws.on("framereceived", self.wire.add)

    def close(self) -> None:
        self.page.close()
        if self.own:
            self.context.close()

    def state(self) -> dict[str, Any]:
        return self.page.evaluate(STATE_SCRIPT)

    def wait(self, start_ms: float, finished_before: int) -> float:
        """Seconds from ``start_ms`` (performance.now) to settled; raises NotSettled."""
        deadline = time.monotonic() + SETTLE_TIMEOUT
        state: dict[str, Any] = {}
        while time.monotonic() < deadline:
            state = self.state()
            if state["exception"]:
                raise NotSettled(f"the page shows an exception ({state['path']})")
            if settled(state, self.wire.finished > finished_before, self.quiet_ms):
                self.final = state
                return settle_time(state["last"], start_ms)
            self.page.wait_for_timeout(50)
        raise NotSettled(f"not settled in {SETTLE_TIMEOUT:.0f} s: {state}")

    def open(self, url: str) -> float:
        """A new tab on ``url``: seconds from navigation start to settled."""
        self.wire.reset()
        self.page.goto(url, wait_until="commit")
        return self.wait(0.0, 0)

    def click(self, locator: Any) -> float:
        """Click ``locator``; seconds from the click (pointerdown) to settled."""
        before = self.wire.finished
        locator.click()
        state = self.state()
        start = state["input"] if state["input"] is not None else state["now"]
        return self.wait(start, before)


# --- the actions ---------------------------------------------------------------------------


def pick_segment(tab: Tab, index: int) -> float:
    """Pick one segment in the sidebar's segment filter; seconds to settled."""
    return pick_option(tab, ".st-key-flt_segments", index)


def pick_option(tab: Tab, container: str, index: int = 0) -> float:
    """Choose option ``index`` of the select box (single or multi) inside ``container`` (a CSS
    selector); seconds from the click on the option to settled."""
    page = tab.page
    box = page.locator(f"{container} input[role='combobox']").first
    box.scroll_into_view_if_needed()
    options = page.locator("[role='listbox'] [role='option']")
    for _ in range(3):
        box.click()
        try:
            options.first.wait_for(timeout=5_000)
            break
        except Exception:  # noqa: BLE001 - the list did not open (a late re-render): again
            page.keyboard.press("Escape")
    count = options.count()
    seconds = tab.click(options.nth(index % max(count, 1)))
    page.keyboard.press("Escape")
    return seconds


def card_link(tab: Tab) -> Any | None:
    """The first same-tab link into a stage (a URL with focus=) in the page's main area."""
    links = tab.page.locator("[data-testid='stMainBlockContainer'] a[href*='focus=']")
    return links.first if links.count() else None


def drill_row(tab: Tab, key_prefix: str) -> Any | None:
    """The first drill-down row (``tr.cx-row-link``) of the HTML table (dashboard.links.drill_table,
    drawn by dashboard.html_table) whose element key starts with ``key_prefix``; None when the
    page has no such table or it has no row that opens anything."""
    rows = tab.page.locator(f"[class*='st-key-{key_prefix}'] table.cx-table > tbody > tr.cx-row-link")
    return rows.first if rows.count() else None


def click_first_row(tab: Tab, row: Any) -> float:
    """A plain click on a drill-down row (drill_row) of an HTML table, on a cell other than its
    link (the row's click handler hands the row to Python, which opens the page in the same tab);
    seconds from the click (pointerdown) to settled."""
    row.scroll_into_view_if_needed()
    cells = row.locator("td")
    cell = cells.nth(1) if cells.count() > 1 else cells.first
    box = cell.bounding_box()
    if box is None:
        raise RuntimeError("the table row is not on screen")
    before = tab.wire.finished
    tab.page.mouse.click(box["x"] + box["width"] / 2, box["y"] + min(box["height"] / 2, 10))
    state = tab.state()
    start = state["input"] if state["input"] is not None else state["now"]
    return tab.wait(start, before)


# --- the run ------------------------------------------------------------------------------------


@dataclass
class Series:
    seconds: list[float] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    extra: dict[str, list[float]] = field(default_factory=dict)

    def note(self, text: str) -> None:
        if text not in self.notes:
            self.notes.append(text)


def customer_id(db: Path) -> str:
    """A customer with friction (the Customer page's own suggestion)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        found = con.execute(
            "select customer_id from mart_stage_friction_journeys"
            " group by 1 order by count(*) desc, 1 limit 1"
        ).fetchall()
    finally:
        con.close()
    return found[0][0] if found else "unknown"


def page_url(base: str, name: str, customer: str) -> str:
    return f"{base}/{name}?lang=en" + (f"&customer={customer}" if name == "customer" else "")


def new_tab_empty_cache(
    browser: Any, base: str, name: str, customer: str, quiet_ms: float, out: dict
) -> None:
    """The page in a fresh browser context: a new session AND an empty HTTP cache (a first visit:
    every script bundle, Plotly's 4.7 MB included, is fetched and compiled)."""
    tab = Tab(browser, quiet_ms)
    series = out.setdefault(f"{name}: new tab, empty browser cache", Series())
    try:
        series.seconds.append(tab.open(page_url(base, name, customer)))
        series.extra.setdefault("socket open s", []).append(phase(tab.final, None, "wsOpen"))
        series.extra.setdefault("drawing after the last message s", []).append(
            phase(tab.final, "wsLast", "last")
        )
    except NotSettled as exc:
        series.note(str(exc)[:200])
    finally:
        tab.close()


def measure_page(
    browser: Any, context: Any, base: str, name: str, customer: str, run: int, quiet_ms: float, out: dict
) -> None:
    """One new tab (a new page of the open browser: new session, warm HTTP cache) on one page,
    then the drill-downs it offers and a filter change."""
    tab = Tab(browser, quiet_ms, context)
    try:
        series = out.setdefault(f"{name}: new tab", Series())
        try:
            series.seconds.append(tab.open(page_url(base, name, customer)))
        except NotSettled as exc:
            series.note(str(exc)[:200])
            return
        wire, final = tab.wire, tab.final
        for label, value in (
            ("socket open s", phase(final, None, "wsOpen")),
            ("server s", phase(final, "wsOpen", "wsLast")),
            ("drawing after the last message s", phase(final, "wsLast", "last")),
            ("websocket KiB", wire.bytes / 1024),
            ("messages", wire.messages),
            ("plotly KiB", wire.plotly_json / 1024),
            ("vega-lite KiB", wire.vega_json / 1024),
            ("elements", sum(wire.elements.values())),
            ("widgets", wire.widgets),
        ):
            series.extra.setdefault(label, []).append(float(value))
        if run == 0:
            top = ", ".join(f"{k} {v / 1024:.0f} KiB" for k, v in wire.element_bytes.most_common(3))
            series.note(f"largest elements: {top}")
        url = page_url(base, name, customer)
        if name == "overview":
            link = card_link(tab)
            attempt(
                out,
                "overview: drill-down, a friction card to its stage",
                lambda: tab.click(link) if link else None,
            )
            tab.open(url)
        if name == "journey":
            attempt(
                out,
                "journey: drill-down, a stage picked",
                lambda: pick_option(tab, ".st-key-journey_drill_stage"),
            )
            row = drill_row(tab, "journey_affected_table_")
            attempt(
                out,
                "journey: drill-down, an affected customer's row to the Customer page",
                lambda: click_first_row(tab, row) if row else None,
                tab,
                "/customer",
            )
            tab.open(url)
        if name == "contacts":
            row = drill_row(tab, "ct_examples_")
            attempt(
                out,
                "contacts: drill-down, an example customer's row to the Customer page",
                lambda: click_first_row(tab, row) if row else None,
                tab,
                "/customer",
            )
            tab.open(url)
        change = out.setdefault(f"{name}: filter change", Series())
        try:
            change.seconds.append(pick_segment(tab, run))
        except Exception as exc:  # noqa: BLE001 - a page without the filter: noted, not fatal
            change.note(f"{type(exc).__name__}: {str(exc)[:150]}")
    finally:
        tab.close()


def phase(state: dict[str, Any], start: str | None, end: str) -> float:
    """Seconds between two moments of a settled new tab (None = navigation start)."""
    begin = 0.0 if start is None else state.get(start)
    finish = state.get(end)
    if begin is None or finish is None:
        return float("nan")
    return max(0.0, finish - begin) / 1000


def attempt(out: dict, label: str, action: Any, tab: Tab | None = None, expect: str | None = None) -> None:
    """Time one drill-down: ``action()`` returns seconds, or None when the page offers no such
    link or row (noted); ``expect`` is a path ``tab`` must show afterwards."""
    series = out.setdefault(label, Series())
    try:
        seconds = action()
    except Exception as exc:  # noqa: BLE001 - a missing or changed element is noted, not fatal
        series.note(f"{type(exc).__name__}: {str(exc).splitlines()[0][:150]}")
        return
    if seconds is None:
        series.note("not found on the page")
    elif tab is not None and expect and expect not in tab.state()["path"]:
        series.note(f"did not open {expect}")
    else:
        series.seconds.append(seconds)


def _number(value: float) -> str:
    return f"{value:.2f}" if abs(value) < 10 and value != int(value) else f"{value:,.0f}"


def target_for(label: str) -> float | None:
    if "new tab" in label or label.startswith("first session"):
        return NEW_TAB_TARGET
    if label.endswith("filter change"):
        return FILTER_TARGET
    if "drill-down" in label:
        return DRILL_TARGET
    return None


def results(out: dict[str, Series], suffix: str = "") -> list[Result]:
    found = []
    for label, series in out.items():
        target = target_for(label)
        median = statistics.median(series.seconds) if series.seconds else None
        notes = list(series.notes)
        if series.extra:
            notes.insert(
                0, "; ".join(f"{k} {_number(statistics.median(v))}" for k, v in series.extra.items())
            )
        found.append(
            Result(
                f"browser {label}{suffix}",
                series.seconds,
                None,
                f"< {target:g} s" if target and series.seconds else "",
                None if median is None or target is None else median < target,
                "; ".join(notes),
                {k: statistics.median(v) for k, v in series.extra.items()},
            )
        )
    return found


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--quiet-ms", type=float, default=QUIET_MS)
    parser.add_argument("--pages", default=",".join(PAGES), help="comma-separated url paths")
    parser.add_argument(
        "--compare", help="ENV=VALUE: a second server with this variable set, alternated with the first"
    )
    args = parser.parse_args(argv)
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is not installed")
    from playwright.sync_api import sync_playwright

    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    customer = customer_id(args.db)
    variants: list[tuple[str, dict[str, str]]] = [("", {})]
    if args.compare:
        key, _, value = args.compare.partition("=")
        variants.append((f" [{key}={value}]", {key: value}))
    logs = Path(tempfile.mkdtemp(prefix="cx-bench-browser-"))
    with sync_playwright() as p, _servers(args.db, logs, variants) as urls:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            outs: list[dict[str, Series]] = [{} for _ in variants]
            for i, url in enumerate(urls):  # the very first session of each server
                first = outs[i].setdefault(
                    "first session after server start (overview, empty browser cache)", Series()
                )
                tab = Tab(browser, args.quiet_ms)
                try:
                    first.seconds.append(tab.open(page_url(url, "overview", customer)))
                except NotSettled as exc:
                    first.note(str(exc)[:200])
                finally:
                    tab.close()
            contexts = [new_context(browser) for _ in urls]  # one open browser per server
            for url, context in zip(urls, contexts, strict=True):  # warm: server and HTTP cache
                for name in pages:
                    tab = Tab(browser, args.quiet_ms, context)
                    try:
                        tab.open(page_url(url, name, customer))
                    except NotSettled:
                        pass
                    finally:
                        tab.close()
            for run in range(args.runs):
                # alternate the servers page by page, the order flipped every run
                order = list(range(len(urls)))
                if run % 2:
                    order.reverse()
                for name in pages:
                    for i in order:
                        print(f"run {run + 1}: {name} on server {i}", file=sys.stderr, flush=True)
                        measure_page(
                            browser, contexts[i], urls[i], name, customer, run, args.quiet_ms, outs[i]
                        )
                for i in order:
                    new_tab_empty_cache(browser, urls[i], "overview", customer, args.quiet_ms, outs[i])
                print(f"run {run + 1}/{args.runs} done", file=sys.stderr, flush=True)
        finally:
            browser.close()
    shutil.rmtree(logs, ignore_errors=True)  # kept (with the server logs) when the run failed
    for (suffix, _), out in zip(variants, outs, strict=True):
        for r in results(out, suffix):
            emit(r)


@contextmanager
def _servers(db: Path, logs: Path, variants: list[tuple[str, dict[str, str]]]) -> Iterator[list[str]]:
    from contextlib import ExitStack

    with ExitStack() as stack:
        urls = []
        for i, (_, env) in enumerate(variants):
            path = db
            if i:  # DuckDB lets one process at a time open a file for writing: a copy each
                path = logs / f"copy{i}.duckdb"
                shutil.copy(db, path)
            urls.append(stack.enter_context(streamlit_server(path, logs / f"server{i}.log", env)))
        yield urls


if __name__ == "__main__":
    main()
