"""Links between pages that carry the language, the filters and a drill-down key in the URL.

Drill-down opens in the SAME tab (st.page_link / st.switch_page, which push a browser-history
entry, so the back button returns): never st.column_config.LinkColumn or a Markdown link for a
page of this app, both of which open a new tab. A clickable table row is ``drill_table``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, NoReturn
from urllib.parse import urlencode

import pandas as pd

from dashboard import filters

CUSTOMER_URL_PATH = "customer"
QP_CUSTOMER = "customer"
QP_FOCUS = "focus"  # the stage a page is drilled into (not the stage *filter*, which is "stage")
QP_METRIC = "metric"  # the metric a drill-down looks at

Target = tuple[str, dict[str, str]]  # (url_path, extra query params)


def shared_params() -> dict[str, list[str]]:
    """Language and filter query parameters as they stand (what a shared link must keep)."""
    return filters.query_params(filters.current())


def page_params(**extra: str | None) -> dict[str, list[str]]:
    """Query parameters for another page: language and filters as they stand, plus ``extra``
    (a None value drops that parameter)."""
    params = {k: v for k, v in shared_params().items() if v}
    for key, value in extra.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = [value]
    return params


def href(url_path: str, **extra: str | None) -> str:
    """A relative URL to another page with the current language, filters and ``extra`` params
    (for text that is copied, e.g. a meeting link; to navigate use page_link or go)."""
    params = page_params(**extra)
    return f"{url_path}?{urlencode(params, doseq=True)}" if params else url_path


def page_link(
    url_path: str, label: str, *, icon: str | None = None, help: str | None = None, **extra: str | None
) -> None:
    """A link to another page of the app that opens in the same tab, with language, filters and
    ``extra`` query params (label is plain text: brackets and asterisks are shown as typed)."""
    import streamlit as st

    from dashboard.navigation import streamlit_page
    from dashboard.plain_text import escape_markdown

    st.page_link(
        streamlit_page(url_path),
        label=escape_markdown(label),
        icon=icon,
        help=help,
        query_params=page_params(**extra),
    )


DRILL_PARAMS = (QP_FOCUS, QP_METRIC)  # a page's own drill-down state in its URL


def go(url_path: str, **extra: str | None) -> NoReturn:
    """Open another page in the same tab now (ends this run).

    st.switch_page first writes the new query string into the URL of the page being left (a
    browser-history entry of its own) and then opens the target. The back button returns to
    that entry, so for the Customer page (which has no drill-down of its own) the leaving
    page's focus/metric are kept in the query string: back lands on the drilled view."""
    import streamlit as st

    from dashboard.navigation import streamlit_page

    params = page_params(**extra)
    if url_path == CUSTOMER_URL_PATH:
        for key in DRILL_PARAMS:
            value = st.query_params.get(key)
            if value and key not in extra:
                params[key] = [value]
    st.switch_page(streamlit_page(url_path), query_params=params)
    raise AssertionError("unreachable")  # switch_page raises


def set_here(**extra: str | None) -> None:
    """Change this page's own query parameters (e.g. focus=) in one step, keeping the others:
    one browser-history entry, so the back button undoes the change. Takes effect on the next
    run (call from a widget callback, or st.rerun() after it)."""
    import streamlit as st

    params = {key: st.query_params.get_all(key) for key in st.query_params}
    for key, value in extra.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = [value]
    st.query_params.from_dict({k: v if len(v) > 1 else v[0] for k, v in params.items() if v})


def drill_table(
    frame: pd.DataFrame,
    targets: Sequence[Target | None],
    *,
    key: str,
    **table_kwargs: Any,
) -> None:
    """A table (dashboard.ui.table, an HTML table) whose rows open ``targets[i]`` in the same tab.

    ``targets`` is one (url_path, extra params) per row in the frame's order, None for a row
    that opens nothing. Each such row is a link to its page's URL (the middle button opens it in
    a new tab); a plain click is handed to Python, which opens the page here (go). The click is
    a trigger, so returning with the back button does not open it again."""
    from dashboard import ui

    hrefs = [None if target is None else href(target[0], **target[1]) for target in targets]
    row = ui.table(frame, key=key, links=hrefs, **table_kwargs)
    if row is not None and 0 <= row < len(targets) and targets[row] is not None:
        url_path, extra = targets[row]  # type: ignore[misc]
        go(url_path, **extra)


def customer_target(customer_id: str) -> Target:
    return CUSTOMER_URL_PATH, {QP_CUSTOMER: customer_id}
