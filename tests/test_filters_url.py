"""Filters follow the URL when navigation changes it (a same-tab link that sets a filter, the
browser's back button), and only then: a widget change or the page list keeps them."""

from __future__ import annotations

from tests.app_pages import goto, open_page


def _navigate(at, url_path: str, params: dict | None) -> None:
    """What the browser sends after a same-tab link or the back button: the page and its URL."""
    at.query_params.clear()
    if params:
        at.query_params.update(params)
    goto(at, url_path).run()
    assert not at.exception, [e.value for e in at.exception]


def test_a_same_tab_link_that_sets_a_filter_applies_it():
    at = open_page("functions")
    assert at.session_state["flt_owners"] == []
    link = {"from": at.query_params["from"], "to": at.query_params["to"], "owner": "logistics"}
    _navigate(at, "contacts", link)
    assert at.session_state["flt_owners"] == ["logistics"]
    assert at.query_params["owner"] == "logistics"


def test_back_to_an_earlier_url_brings_its_filters_back():
    at = open_page("overview")
    earlier = {"from": at.query_params["from"], "to": at.query_params["to"]}
    months = at.session_state["flt_months"]
    at.multiselect(key="flt_segments").select("household").run()
    assert at.session_state["flt_segments"] == ["household"]
    one_month = f"{months[1].year}-{months[1].month:02d}"
    _navigate(at, "journey", {"from": one_month, "to": one_month, "segment": "household"})
    assert at.session_state["flt_months"] == (months[1], months[1])
    assert at.select_slider[0].value == (months[1], months[1])  # the slider shows the URL's period
    _navigate(at, "overview", earlier)  # back
    assert at.session_state["flt_segments"] == []
    assert at.session_state["flt_months"] == months
    assert at.select_slider[0].value == months


def test_the_page_list_and_widgets_keep_the_filters():
    at = open_page("overview")
    at.multiselect(key="flt_segments").select("household").run()
    _navigate(at, "contacts", None)  # the page list: no filter parameter in the URL
    assert at.session_state["flt_segments"] == ["household"]
    assert at.query_params["segment"] == "household"  # written back
    at.multiselect(key="flt_channels").select("email").run()  # a widget change is not undone
    assert at.session_state["flt_channels"] == ["email"]
    assert at.session_state["flt_segments"] == ["household"]
