"""Running dashboard pages in AppTest: the app (dashboard/app.py) opened on one page, and the
helpers the page tests share to read what a page shows.

Pages are callables registered with st.Page(callable, url_path=...) (dashboard/navigation.py);
AppTest.switch_page() reaches file pages only, so ``goto`` asks for the page the way a browser
does, by the script hash Streamlit derives from the page's URL path.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Callable
from typing import Any

import pandas as pd
from streamlit.components.v2.component_manager import BidiComponentManager
from streamlit.testing.v1 import AppTest
from streamlit.util import calc_hash

from core.db import connect
from dashboard import html_table
from tests.conftest import ROOT

APP = str(ROOT / "dashboard" / "app.py")
TEXT_KINDS = ("title", "subheader", "caption", "markdown", "info", "warning")


def new_app(timeout: float = 180) -> AppTest:
    """An AppTest of the app that shares this process's discovery of installed components.

    The server scans the installed packages for components once, when it starts (Runtime);
    AppTest repeats the scan in every new AppTest's first run (~60 ms here), which a page's
    first render would otherwise count and every page test would pay."""
    at = AppTest.from_file(APP, default_timeout=timeout)
    at._bidi_component_manager = _components()  # what AppTest._run would otherwise make anew
    return at


@functools.cache
def _components() -> BidiComponentManager:
    """This process's installed components, discovered on first use."""
    manager = BidiComponentManager()
    manager.discover_and_register_components(start_file_watching=False)
    return manager


def goto(at: AppTest, url_path: str) -> AppTest:
    """Make the next run of ``at`` open the page registered under ``url_path`` (no run)."""
    at._page_hash = calc_hash(url_path)
    return at


def open_page(
    url_path: str,
    query_params: dict | None = None,
    timeout: float = 180,
    run_first: bool = False,
    setup: Callable[[AppTest], Any] | None = None,
) -> AppTest:
    """The app run on one page (after a first run on the default page when ``run_first``);
    fails on an exception. ``setup`` prepares the AppTest (session state) before any run."""
    at = new_app(timeout)
    if query_params:
        at.query_params.update(query_params)
    if setup is not None:
        setup(at)
    if run_first:
        at.run()
    goto(at, url_path).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_table_payloads(at: AppTest, key_prefix: str = "") -> list[dict]:
    """The payloads (dashboard.html_table.payload) of the page's HTML tables in page order, each
    with its ``key``; only those whose key starts with ``key_prefix`` when given."""
    found = []
    for element in at.get("bidi_component"):
        if element.proto.component_name != html_table.COMPONENT:
            continue
        data = json.loads(element.proto.json)
        data["key"] = element.proto.id.split("-", 2)[-1] if element.proto.id.count("-") >= 2 else ""
        if data["key"].startswith(key_prefix):
            found.append(data)
    return found


def copy_link_urls(at: AppTest) -> list[str]:
    """The links shown with a Copy button (dashboard.copy_link), in page order."""
    return [
        json.loads(element.proto.json)["url"]
        for element in at.get("bidi_component")
        if element.proto.component_name == "cx_copy_link"
    ]


def tables(at: AppTest) -> list[pd.DataFrame]:
    """Every table on the page as a frame of what it shows: HTML tables (dashboard.html_table),
    then grids (st.dataframe) and static tables (st.table)."""
    frames = [html_table.frame_of(data) for data in html_table_payloads(at)]
    for element in [*at.dataframe, *at.table]:
        value = element.value
        frames.append(value.data if hasattr(value, "data") else value)  # a Styler keeps .data
    return frames


def frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first table on the page that has this column (AppTest does not expose table keys)."""
    for value in tables(at):
        if column in value.columns:
            return value
    raise KeyError(column)


def texts(at: AppTest, metrics: bool = True, deltas: bool = False) -> str:
    """The page's metrics (label, value and, with ``deltas``, delta) and text elements, one a line."""
    parts = (
        [m.label + " " + m.value + (" " + str(m.delta or "") if deltas else "") for m in at.metric]
        if metrics
        else []
    )
    for kind in TEXT_KINDS:
        parts += [str(el.value) for el in at.get(kind)]
    return "\n".join(parts)


def query(db, sql: str, params: list | None = None) -> list[tuple]:
    """Rows of a query on the page's database, opened with the app's settings (so it shares the
    app's database instance in this process)."""
    con = connect(db)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()
