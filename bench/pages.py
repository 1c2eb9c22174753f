"""Server time of every dashboard page and of a filter change, measured with AppTest.

    python -m bench.pages --db PATH [--runs 5]

Each page is rendered in a new session with st.cache_data cleared first (the state right after a
refresh: the data version changed, so no query result is cached), then re-run in the same session
(warm). A filter change selects one segment on a page that has just rendered and times that
rerun; the cache is cleared and the page re-rendered before each of those runs so the filtered
queries are not cached. The shared database connection stays open (it is opened once per
dashboard process). Times include the router and the sidebar, i.e. the whole script run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import time
from pathlib import Path

from bench.common import Result, emit, peak_rss_mib

PAGE_TARGET, FILTER_TARGET = 0.5, 0.5  # server time; issue 15: every first render <= 0.5 s at L


def _new(url_path: str):
    """A new session on the page; the installed components are discovered once per process, as
    the server does (tests.app_pages.new_app), so a first render times the page, not AppTest."""
    from tests.app_pages import goto, new_app

    return goto(new_app(300), url_path)


def timed_run(at) -> float:
    """Seconds of one AppTest run of a page; a page exception is an error."""
    t0 = time.perf_counter()
    at.run()
    elapsed = time.perf_counter() - t0
    if at.exception:
        raise RuntimeError(f"page raised: {[e.value for e in at.exception]}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--scale", default="?")
    args = parser.parse_args()
    os.environ["CX_DB"] = str(args.db)

    import streamlit as st
    from streamlit.logger import set_log_level

    set_log_level("error")

    from dashboard import data
    from dashboard.navigation import all_pages

    pages = all_pages()
    timed_run(_new(pages[0].url_path))  # imports and the shared connection, not counted
    segments = [
        r[0]
        for r in data._process_connection(str(args.db))
        .cursor()
        .execute("select segment from mart_scores group by 1 order by sum(n) desc")
        .fetchall()
    ]
    for page in pages:
        cold, warm, change = [], [], []
        for _ in range(args.runs):
            st.cache_data.clear()
            at = _new(page.url_path)
            cold.append(timed_run(at))
            warm.append(timed_run(at))
        for k in range(args.runs):
            st.cache_data.clear()
            at = _new(page.url_path)
            timed_run(at)
            at.multiselect(key="flt_segments").set_value([segments[k % len(segments)]])
            change.append(timed_run(at))
        name = page.url_path
        emit(
            Result(
                f"page {name}: first render after refresh",
                cold,
                peak_rss_mib(),
                f"<= {PAGE_TARGET:g} s",
                statistics.median(cold) <= PAGE_TARGET,
            )
        )
        emit(
            Result(
                f"page {name}: rerun (cached)",
                warm,
                None,
                f"<= {PAGE_TARGET:g} s",
                statistics.median(warm) <= PAGE_TARGET,
            )
        )
        emit(
            Result(
                f"page {name}: filter change (one segment)",
                change,
                None,
                f"< {FILTER_TARGET:g} s",
                statistics.median(change) < FILTER_TARGET,
            )
        )


if __name__ == "__main__":
    main()
