"""Server time of a NEW session on a warm server, with and without an environment switch,
alternated in one process (issue 14: where a new tab's seconds go).

    python -m bench.session_cost --db PATH [--runs 10] [--compare CX_RUN_MEMO=0] [--pages a,b]

Every page is first rendered once per segment with that segment picked (imports and
st.cache_data warm, as on a server that has served it before); then each run opens the page in
a new AppTest session (a new browser tab's script run: a new session cursor, every cached query
looked up, nothing in session state) and times it, then picks one segment in the sidebar and
times that rerun. The switch (an environment variable the dashboard reads at run time, e.g.
CX_RUN_MEMO=0) is set and unset run by run, its order flipped every run, so both variants see
the same machine load. Figures are medians.
"""

from __future__ import annotations

import argparse
import os
import statistics
from pathlib import Path

from bench.common import Result, emit

PAGES = ("overview", "journey", "functions", "contacts", "customer", "review")


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--compare", default="CX_RUN_MEMO=0", help="ENV=VALUE: the 'before' switch")
    parser.add_argument("--pages", default=",".join(PAGES))
    args = parser.parse_args(argv)
    os.environ["CX_DB"] = str(args.db)
    key, _, value = args.compare.partition("=")

    import logging

    from streamlit.logger import set_log_level

    from bench.browser import customer_id
    from tests.app_pages import goto, new_app

    set_log_level("error")
    logging.disable(logging.WARNING)
    customer = customer_id(args.db)
    segments = _segments(args.db)

    def new(page: str):
        at = goto(new_app(300), page)
        if page == "customer":
            at.query_params["customer"] = customer
        return at

    from bench.pages import timed_run as timed

    for page in [p.strip() for p in args.pages.split(",") if p.strip()]:
        for segment in segments:  # warm: the page and its filtered queries, as a busy server has
            at = new(page)
            timed(at)
            at.multiselect(key="flt_segments").set_value([segment])
            timed(at)
        opened: dict[bool, list[float]] = {True: [], False: []}
        changed: dict[bool, list[float]] = {True: [], False: []}
        for run in range(args.runs):
            for switched in (False, True) if run % 2 == 0 else (True, False):
                if switched:
                    os.environ[key] = value
                else:
                    os.environ.pop(key, None)
                at = new(page)
                opened[switched].append(timed(at))
                at.multiselect(key="flt_segments").set_value([segments[run % len(segments)]])
                changed[switched].append(timed(at))
        os.environ.pop(key, None)
        for switched in (False, True):
            suffix = f" [{key}={value}]" if switched else ""
            ratio = statistics.median(opened[False]) / statistics.median(opened[True])
            emit(
                Result(
                    f"server, new session on a warm server: {page}{suffix}",
                    opened[switched],
                    note="" if switched else f"{ratio:.2f}x of [{key}={value}]",
                )
            )
            ratio = statistics.median(changed[False]) / statistics.median(changed[True])
            emit(
                Result(
                    f"server, filter change (one segment): {page}{suffix}",
                    changed[switched],
                    note="" if switched else f"{ratio:.2f}x of [{key}={value}]",
                )
            )


def _segments(db: Path) -> list[str]:
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [
            r[0]
            for r in con.execute("select segment from mart_scores group by 1 order by sum(n) desc").fetchall()
        ]
    finally:
        con.close()


if __name__ == "__main__":
    main()
