"""What a new browser tab costs before our pages do anything: tiny Streamlit apps, one element each.

    python -m bench.browser_floor [--runs 5] [--only NAME,...]

Each app is served with `streamlit run` and opened in new tabs of one Chromium browser context
(the HTTP cache warm, as in `python -m bench --only browser`), timed with the same "settled" rule
(bench/browser.py: the last DOM change before a quiet window). The apps are a bare page, the same
with our router and sidebar shape, one Plotly chart, one Vega-Lite chart, three of each, a glide
data grid (st.dataframe) alone, three of them, in a closed expander and with row selection, our
HTML table (dashboard/html_table.py), a static table (st.table), ten forms of three inputs, twenty
captions (or one of twenty lines), twenty metrics, thirty page links, one st.code and six st.html
(--only picks apps by part of their name). The differences
say what an element type costs a new tab, whatever the page around it does; why the dashboard
draws its charts with Vega-Lite (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
from pathlib import Path

from bench import serving
from bench.browser import QUIET_MS, Tab, new_context

_LINE = (
    '{"data": {"values": [{"x": i, "y": i * i % 17} for i in range(24)]}, "mark": "line", '
    '"encoding": {"x": {"field": "x", "type": "quantitative"}, "y": {"field": "y", "type": "quantitative"}}}'
)
_ROWS = '{"a": list(range(20)), "b": ["x" * 20] * 20}'
APPS: dict[str, str] = {
    "bare page": 'st.title("Bare")\nst.write("text")',
    "router and sidebar": """
def page():
    st.title("Overview")
    st.write("text")
router = st.navigation([st.Page(page, title="Overview", url_path="overview")])
with st.sidebar:
    st.selectbox("Language", ["en", "fi"])
    st.multiselect("Segment", ["a", "b"])
router.run()""",
    "one Plotly chart": """
import plotly.graph_objects as go
st.title("Plotly")
st.plotly_chart(go.Figure(go.Scatter(x=list(range(24)), y=list(range(24)))), key="c")""",
    "three Plotly charts": """
import plotly.graph_objects as go
st.title("Plotly")
for i in range(3):
    st.plotly_chart(go.Figure(go.Scatter(x=list(range(24)), y=[j * i for j in range(24)])), key=f"c{i}")""",
    "one Vega-Lite chart": f'st.title("Vega-Lite")\nst.vega_lite_chart({_LINE}, width="stretch")',
    "three Vega-Lite charts": f"""
st.title("Vega-Lite")
for i in range(3):
    st.vega_lite_chart({_LINE}, width="stretch", key=f"c{{i}}")""",
    "data grid (st.dataframe)": f'st.title("Grid")\nst.dataframe({_ROWS})',
    "three data grids": f'st.title("Grid")\nfor i in range(3):\n    st.dataframe({_ROWS}, key=f"g{{i}}")',
    "a data grid in a closed expander": (
        f'st.title("Grid")\nwith st.expander("rows"):\n    st.dataframe({_ROWS})'
    ),
    "a data grid, row selection on": (
        f'st.title("Grid")\nst.dataframe({_ROWS}, on_select="rerun", selection_mode="single-row", key="g")'
    ),
    "an HTML table (dashboard.html_table), rows that are links": f"""
import sys
sys.path.insert(0, {str(serving.ROOT)!r})
import pandas as pd
from dashboard import html_table
st.title("HTML table")
frame = pd.DataFrame({_ROWS})
frame["a"] = frame["a"].astype(str)
html_table.show(frame, key="t", links=[f"other?row={{i}}" for i in range(len(frame))])""",
    "static table (st.table)": f'st.title("Table")\nst.table({_ROWS})',
    "ten forms of three inputs": """
st.title("Forms")
for i in range(10):
    with st.form(f"f{i}"):
        st.text_input("a", key=f"a{i}")
        st.selectbox("b", ["x", "y"], key=f"b{i}")
        st.date_input("c", key=f"c{i}")
        st.form_submit_button("ok")""",
    "twenty captions (st.caption)": (
        'st.title("Captions")\nfor i in range(20):\n    st.caption(f"caption **{i}** text")'
    ),
    "one caption of twenty lines": (
        'st.title("Captions")\nst.caption("  \\n".join(f"caption **{i}** text" for i in range(20)))'
    ),
    "twenty metrics (st.metric)": (
        'st.title("Metrics")\nfor i in range(20):\n    st.metric(f"m{i}", i, help="h")'
    ),
    "thirty page links (st.page_link)": """
def page():
    st.title("Links")
    for i in range(30):
        st.page_link(other, label=f"link {i}", query_params={"x": str(i)})
def other_page():
    st.title("Other")
other = st.Page(other_page, title="Other", url_path="other")
st.navigation([st.Page(page, title="Links", url_path="links"), other]).run()""",
    "one code block (st.code)": (
        'st.title("Code")\nst.code("http://localhost:8501/review?x=1", language=None)'
    ),
    "six st.html blocks": (
        'st.title("Html")\nfor i in range(6):\n    st.html(f"<style>.x{i} {{color: red}}</style>")'
    ),
}


def measure(browser, script: Path, runs: int, log: Path) -> list[float]:
    """Seconds to settled of ``runs`` new tabs on the served ``script`` (after one warm-up tab)."""
    with serving.streamlit_server(log, script=script, extra_args=("--server.fileWatcherType", "none")) as url:
        context = new_context(browser)
        try:
            times = []
            for i in range(runs + 1):
                tab = Tab(browser, QUIET_MS, context)
                try:
                    seconds = tab.open(url)
                finally:
                    tab.close()
                if i:  # the first tab fills the HTTP cache
                    times.append(seconds)
            return times
        finally:
            context.close()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", help="comma-separated substrings of the app names to run")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cx_floor_") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(serving.CHROMIUM), args=serving.CHROMIUM_ARGS)
        try:
            print("| app | new tab, median | runs |")
            print("|---|---|---|")
            for i, (name, body) in enumerate(APPS.items()):
                if args.only and not any(w.strip() in name for w in args.only.split(",")):
                    continue
                script = Path(tmp) / f"app_{i}.py"
                script.write_text(f"import streamlit as st\n{body}\n", encoding="utf-8")
                times = measure(browser, script, args.runs, Path(tmp) / f"app_{i}.log")
                print(f"| {name} | {statistics.median(times):.2f} s | {len(times)} |", flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
