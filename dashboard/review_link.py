"""The Review page's view in the URL: function, meeting date, window, the 'since' date (when no
earlier review is recorded) and the opened action, read on arrival and written back on every run,
so a copied link reopens exactly this view (with the language and the sidebar's filters, which
dashboard/filters.py keeps in the URL)."""

from __future__ import annotations

from datetime import date

import streamlit as st

from dashboard import copy_link, links
from dashboard.i18n import t

FN_KEY, MEETING_KEY, WINDOW_KEY = "rv_function", "rv_meeting", "rv_window"
SINCE_KEY, ACTION_KEY = "rv_since", "rv_action"
SEEN_KEY = "_rv_url_seen"  # the page's query parameters as last read or written
QP_FN, QP_MEETING, QP_WINDOW, QP_SINCE, QP_ACTION = "fn", "meeting", "window", "since", "action"
PARAMS = (QP_FN, QP_MEETING, QP_WINDOW, QP_SINCE, QP_ACTION)
WINDOWS = (4, 8, 12)  # weeks before and after an action's effect date
DEFAULT_WINDOW = 8
URL_PATH = "review"


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None


def _window(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and int(value) in WINDOWS else None


def _current() -> dict[str, str | None]:
    return {p: st.query_params.get(p) for p in PARAMS}


def load_from_url(functions: list[str], today: date) -> None:
    """Take the view from the URL when it changed since it was last read or written (a link was
    opened); parameters absent or not valid leave the current choice (or the default)."""
    values = _current()
    if st.session_state.get(SEEN_KEY) != values:
        st.session_state[SEEN_KEY] = values
        chosen = {
            FN_KEY: values[QP_FN] if values[QP_FN] in ["all", *functions] else None,
            MEETING_KEY: _day(values[QP_MEETING]),
            WINDOW_KEY: _window(values[QP_WINDOW]),
            SINCE_KEY: _day(values[QP_SINCE]),
            ACTION_KEY: values[QP_ACTION] or None,
        }
        for key, value in chosen.items():
            if value is not None:
                st.session_state[key] = value
    if st.session_state.get(FN_KEY) not in ["all", *functions]:
        st.session_state[FN_KEY] = "all"
    if not isinstance(st.session_state.get(MEETING_KEY), date):
        st.session_state[MEETING_KEY] = today
    if st.session_state.get(WINDOW_KEY) not in WINDOWS:
        st.session_state[WINDOW_KEY] = DEFAULT_WINDOW


def params(scope: str, meeting: date, weeks: int, since: date | None, action: str | None) -> dict[str, str]:
    """The page's own query parameters for this view (since only when it was chosen here)."""
    out = {QP_FN: scope, QP_MEETING: meeting.isoformat(), QP_WINDOW: str(weeks)}
    if since is not None:
        out[QP_SINCE] = since.isoformat()
    if action:
        out[QP_ACTION] = action
    return out


def write_to_url(own: dict[str, str]) -> None:
    """Put the view in the browser's URL (only the page's own parameters are touched)."""
    qp = st.query_params
    for key in PARAMS:
        if key not in own:
            if key in qp:
                del qp[key]
        elif qp.get(key) != own[key]:
            qp[key] = own[key]
    st.session_state[SEEN_KEY] = _current()


def share_url(own: dict[str, str]) -> str:
    """The full link (the app's address when the browser told it, else a relative one)."""
    relative = links.href(URL_PATH, **own)
    base = (st.context.url or "").rstrip("/")
    if base.endswith(f"/{URL_PATH}"):  # the browser's address includes this page's path
        base = base[: -len(URL_PATH) - 1]
    return f"{base}/{relative}" if base else relative


def render_share(scope: str, meeting: date, weeks: int, since: date | None) -> None:
    """Write the view into the URL and show the link with a copy button."""
    own = params(scope, meeting, weeks, since, st.session_state.get(ACTION_KEY))
    write_to_url(own)
    st.subheader(t("rv_share_header"), anchor=False)
    copy_link.show(
        share_url(own),
        key="rv_share_link",
        copy=t("rv_share_copy"),
        copied=t("rv_share_copied"),
        failed=t("rv_share_copy_failed"),
    )
    st.caption(t("rv_share_caption"))
