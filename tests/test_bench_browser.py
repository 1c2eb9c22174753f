"""The pure parts of `python -m bench --only browser` (bench/browser.py): the settled rule, the
ForwardMsg accounting and the results' targets. The browser run itself is a benchmark, not a test."""

from __future__ import annotations

import math

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench import browser


def _state(**over):
    state = {"now": 5000.0, "last": 4000.0, "running": 0, "stale": 0, "skeleton": 0, "title": 1}
    state.update(over)
    return state


def test_settled_needs_every_condition():
    assert browser.settled(_state(), finished=True, quiet_ms=700)
    assert not browser.settled(_state(), finished=False, quiet_ms=700)  # no script_finished yet
    assert not browser.settled(_state(running=1), finished=True, quiet_ms=700)
    assert not browser.settled(_state(stale=2), finished=True, quiet_ms=700)
    assert not browser.settled(_state(skeleton=1), finished=True, quiet_ms=700)
    assert not browser.settled(_state(title=0), finished=True, quiet_ms=700)
    assert not browser.settled(_state(last=4500.0), finished=True, quiet_ms=700)  # quiet 500 ms only


def test_the_quiet_window_is_not_counted():
    # settled at now=5000 with the last change at 4000: the time is that of the last change
    assert browser.settle_time(4000.0, 1000.0) == 3.0
    assert browser.settle_time(900.0, 1000.0) == 0.0  # never negative


def test_phases_of_a_new_tab():
    state = {"wsOpen": 800.0, "wsLast": 2000.0, "last": 2600.0}
    assert browser.phase(state, None, "wsOpen") == 0.8
    assert browser.phase(state, "wsOpen", "wsLast") == 1.2
    assert math.isclose(browser.phase(state, "wsLast", "last"), 0.6)
    assert math.isnan(browser.phase({}, None, "wsOpen"))


def test_frames_are_counted_by_kind():
    wire = browser.Wire()
    finished = ForwardMsg()
    finished.script_finished = ForwardMsg.ScriptFinishedStatus.FINISHED_SUCCESSFULLY
    chart = ForwardMsg()
    chart.delta.new_element.plotly_chart.spec = '{"data": [], "layout": {}}'
    vega = ForwardMsg()
    vega.delta.new_element.vega_lite_chart.spec = '{"mark": "bar"}'
    button = ForwardMsg()
    button.delta.new_element.button.label = "Go"
    for msg in (chart, vega, button, finished):
        wire.add(msg.SerializeToString())
    wire.add(b"not a protobuf \xff")
    assert wire.messages == 5 and wire.finished == 1
    assert wire.elements == {"plotly_chart": 1, "vega_lite_chart": 1, "button": 1}
    assert wire.plotly_json == len('{"data": [], "layout": {}}')
    assert wire.vega_json == len('{"mark": "bar"}')
    assert wire.widgets == 1
    wire.reset()
    assert (wire.bytes, wire.messages, wire.finished, sum(wire.elements.values())) == (0, 0, 0, 0)


def test_results_mark_targets_and_leave_missing_drills_without_one():
    out = {
        "overview: new tab": browser.Series([1.2, 1.4, 2.0], extra={"widgets": [7.0, 7.0, 7.0]}),
        "overview: filter change": browser.Series([0.9, 0.8, 0.75]),
        "journey: drill-down, a stage picked": browser.Series([0.5]),
        "contacts: drill-down, an example customer's row to the Customer page": browser.Series(
            notes=["not found on the page"]
        ),
    }
    found = {r.name: r for r in browser.results(out, " [X=0]")}
    tab = found["browser overview: new tab [X=0]"]
    assert (tab.target, tab.met, tab.median) == ("< 1.5 s", True, 1.4)
    assert "widgets 7" in tab.note
    change = found["browser overview: filter change [X=0]"]
    assert (change.target, change.met) == ("< 0.7 s", False)
    assert found["browser journey: drill-down, a stage picked [X=0]"].target == "< 1 s"
    missing = found["browser contacts: drill-down, an example customer's row to the Customer page [X=0]"]
    assert (missing.target, missing.met, missing.note) == ("", None, "not found on the page")


def test_the_step_is_registered():
    from bench.__main__ import STEPS

    assert "browser" in STEPS


def test_floor_apps_are_valid_streamlit_scripts():
    import ast

    from bench import browser_floor

    assert {"bare page", "one Plotly chart", "one Vega-Lite chart"} <= set(browser_floor.APPS)
    for name, body in browser_floor.APPS.items():
        tree = ast.parse(f"import streamlit as st\n{body}\n", filename=name)
        calls = {
            n.func.attr
            for n in ast.walk(tree)
            if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)
        }
        assert "title" in calls, name  # every app draws a title: the settled rule waits for an h1


def test_drill_rows_are_found_and_a_click_opens_the_customer_in_the_same_tab(demo_db, tmp_path):
    """The benchmark's drill-down actions on the real app (the flow of measure_page): the first
    row of Journey's affected customers (after a stage is picked) and of Contacts' example
    customers is found by its table's key and clicked; the Customer page settles in the tab."""
    from tests.test_browser_smoke import chromium_browser, streamlit_server

    with streamlit_server(demo_db, tmp_path) as url, chromium_browser() as instance:
        context = browser.new_context(instance)
        try:
            for page, prefix, pick in (
                ("journey", "journey_affected_table_", ".st-key-journey_drill_stage"),
                ("contacts", "ct_examples_", None),
            ):
                tab = browser.Tab(instance, browser.QUIET_MS, context)
                try:
                    tab.open(browser.page_url(url, page, "unused"))
                    if pick:
                        browser.pick_option(tab, pick)
                    assert browser.drill_row(tab, "no_such_table_") is None
                    row = browser.drill_row(tab, prefix)
                    assert row is not None, f"{page}: no drill-down row of {prefix}*"
                    seconds = browser.click_first_row(tab, row)
                    assert 0 < seconds < browser.SETTLE_TIMEOUT
                    assert tab.state()["path"].endswith("/customer"), tab.state()["path"]
                    assert len(context.pages) == 1  # the same tab
                    assert not tab.errors, tab.errors
                finally:
                    tab.close()
        finally:
            context.close()
