"""What a new browser tab costs before our pages do anything: tiny Streamlit apps, one element each.

    python -m bench.browser_floor [--runs 5]

Each app is served with `streamlit run` and opened in new tabs of one Chromium browser context
(the HTTP cache warm, as in `python -m bench --only browser`), timed with the same "settled" rule
(bench/browser.py: the last DOM change before a quiet window). The apps are a bare page, the same
with our router and sidebar shape, one Plotly chart, one Vega-Lite chart, three of each, a glide
data grid (st.dataframe), a static table (st.table) and ten forms of three inputs. The differences
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
    "static table (st.table)": f'st.title("Table")\nst.table({_ROWS})',
    "ten forms of three inputs": """
st.title("Forms")
for i in range(10):
    with st.form(f"f{i}"):
        st.text_input("a", key=f"a{i}")
        st.selectbox("b", ["x", "y"], key=f"b{i}")
        st.date_input("c", key=f"c{i}")
        st.form_submit_button("ok")""",
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
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="cx_floor_") as tmp, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(serving.CHROMIUM), args=serving.CHROMIUM_ARGS)
        try:
            print("| app | new tab, median | runs |")
            print("|---|---|---|")
            for i, (name, body) in enumerate(APPS.items()):
                script = Path(tmp) / f"app_{i}.py"
                script.write_text(f"import streamlit as st\n{body}\n", encoding="utf-8")
                times = measure(browser, script, args.runs, Path(tmp) / f"app_{i}.log")
                print(f"| {name} | {statistics.median(times):.2f} s | {len(times)} |", flush=True)
        finally:
            browser.close()


if __name__ == "__main__":
    main()
