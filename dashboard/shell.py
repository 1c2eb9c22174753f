"""The frame around every page: database preparation notices and the shared sidebar."""
from __future__ import annotations

import streamlit as st

from dashboard import data, filters, i18n
from dashboard.i18n import t
from pipelines.db import DatabaseBusyError

SEED_NOTICE_KEY = "_seed_notice"


def prepare_database() -> None:
    """Make sure the database is usable; seed the demo company when it is empty.

    Stops the page with a clear message when another process holds the database.
    """
    try:
        with st.spinner(t("seeding_spinner"), show_time=True):
            prep = data.ensure_database()
        data.cursor()
    except DatabaseBusyError:
        st.error(t("db_busy", path=data.db_path()), icon=":material/lock:")
        st.stop()
    if prep is not None and (prep.seeded or prep.built_models):
        st.session_state[SEED_NOTICE_KEY] = prep


def show_notices() -> None:
    """Tell the user what was done on their behalf (stays for the session)."""
    prep = st.session_state.get(SEED_NOTICE_KEY)
    if prep is None:
        return
    if prep.seeded:
        counts = prep.counts
        st.info(t("seeded_notice",
                  company=_company(),
                  scale=prep.scale,
                  responses=i18n.fmt_int(counts.get("raw_survey_responses", 0)),
                  contacts=i18n.fmt_int(counts.get("raw_contacts", 0)),
                  events=i18n.fmt_int(counts.get("raw_journey_events", 0))),
                icon=":material/auto_awesome:")
    elif prep.built_models:
        st.info(t("models_built_notice"), icon=":material/build:")


def _company() -> str:
    return data.company_name() or "demo"


def render_sidebar() -> filters.Filters:
    """Filters, language and data freshness; returns the current filters."""
    options = data.filter_options()
    with st.sidebar:
        current = filters.render(options)
        st.divider()
        filters.language_selector()
        when = data.refreshed_at(data.cursor())
        st.caption(t("data_refreshed", when=i18n.fmt_datetime(when)) if when
                   else t("data_not_refreshed"))
        st.caption(t("sidebar_timezone", zone=data.company_timezone()))
    return current
