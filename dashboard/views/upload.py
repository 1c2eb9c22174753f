"""Upload data: survey exports, systems data, and the import history with rollback (the parts are
in dashboard/upload/)."""

from __future__ import annotations

import streamlit as st

from core.access import Permission
from dashboard import auth, ui
from dashboard.i18n import t
from dashboard.navigation import streamlit_page
from dashboard.upload.files import RESULT_KEY, uploader_limit_mb
from dashboard.upload.history import render_history
from dashboard.upload.surveys import render_survey_upload
from dashboard.upload.uploader_texts import uploader_css


def systems_upload() -> None:
    """Contacts, journey events and customers from ticketing, telephony, order and billing systems."""
    try:
        from dashboard.upload.systems import render_systems_upload
    except ImportError:
        st.info(t("upload_systems_unavailable"))
        return
    render_systems_upload()


def render() -> None:
    """The Upload page."""
    auth.require_page(Permission.IMPORT)
    ui.page_header(t("upload_title"), t("upload_overline"))
    css = uploader_css(uploader_limit_mb())  # the uploaders' own texts in Finnish (none for English)
    if css:
        st.html(css)
    message = st.session_state.pop(RESULT_KEY, None)
    if message:
        st.success(message[1], icon=":material/check_circle:")
        st.page_link(streamlit_page("overview"), label=t("upload_to_overview"), icon=":material/dashboard:")
    tab_surveys, tab_systems, tab_history = st.tabs(
        [t("upload_tab_surveys"), t("upload_tab_systems"), t("upload_tab_history")]
    )
    with tab_surveys:
        render_survey_upload()
    with tab_systems:
        systems_upload()
    with tab_history:
        render_history()
