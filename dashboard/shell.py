"""The frame around every page: upload limit, database preparation notices, the shared sidebar
and the page run that turns an unexpected error into a one-line message with an error id."""

from __future__ import annotations

import logging
import math
import secrets
from pathlib import Path
from typing import Any

import streamlit as st
from streamlit import config as st_config

from core.db import DatabaseBusyError
from core.reading import Limits
from dashboard import connection, data, database_setup, filters, i18n, marts_ui
from dashboard.i18n import t

SEED_NOTICE_KEY = "_seed_notice"
LOG = logging.getLogger("cx.dashboard")


def upload_limit_mb() -> int:
    """CX_MAX_UPLOAD_MB (the importers' limit) in whole megabytes, at least 1."""
    return max(1, math.ceil(Limits.from_env().max_bytes / (1024 * 1024)))


def apply_upload_limit() -> int:
    """Make Streamlit's server.maxUploadSize equal CX_MAX_UPLOAD_MB.

    The upload route reads the option on every request, so setting it when the app runs holds for
    every later upload; file uploaders also get it as their own max_upload_size.
    """
    limit = upload_limit_mb()
    if st_config.get_option("server.maxUploadSize") != limit:
        st_config.set_option("server.maxUploadSize", limit, "CX_MAX_UPLOAD_MB")
    return limit


def run_page(page: Any) -> None:
    """Run the page; an unexpected error is logged with its traceback under an id, and the user
    sees only a one-line message with that id (no traceback, no paths)."""
    try:
        page.run()
    except Exception:  # noqa: BLE001 - st.stop()/st.rerun() are BaseExceptions and pass through
        error_id = secrets.token_hex(4)
        LOG.exception("error id %s on page %s", error_id, getattr(page, "url_path", "?"))
        st.error(t("error_unexpected", error_id=error_id), icon=":material/error:")


def prepare_database() -> None:
    """Make sure the database is usable; seed the demo company when it is empty (not with CX_MARTS:
    then bring the Parquet marts up to date with their folder instead, dashboard/marts_catalog.py).

    Stops the page with a clear message when another process holds the database.
    """
    try:
        with st.spinner(t("seeding_spinner"), show_time=True):
            prep = database_setup.ensure_database()
        data.cursor()
        connection.sync_marts()  # before the run's snapshot begins: the run reads one state
    except DatabaseBusyError:
        st.error(t("db_busy", path=Path(data.db_path()).name), icon=":material/lock:")
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
        st.info(
            t(
                "seeded_notice",
                company=_company(),
                scale=prep.scale,
                responses=i18n.fmt_int(counts.get("raw_survey_responses", 0)),
                contacts=i18n.fmt_int(counts.get("raw_contacts", 0)),
                events=i18n.fmt_int(counts.get("raw_journey_events", 0)),
            ),
            icon=":material/auto_awesome:",
        )
    elif prep.built_models:
        st.info(t("models_built_notice"), icon=":material/build:")


def _company() -> str:
    return data.company_name() or "demo"


def render_sidebar() -> filters.Filters:
    """Language (first, so it is in view without scrolling), filters and data freshness; returns
    the current filters."""
    options = data.filter_options()
    with st.sidebar:
        filters.language_selector()
        current = filters.render(options)
        st.divider()
        if not marts_ui.render_status():  # with CX_MARTS: where the marts come from instead
            when = data.refreshed_at(data.cursor())
            st.caption(t("data_refreshed", when=i18n.fmt_datetime(when)) if when else t("data_not_refreshed"))
        st.caption(t("sidebar_timezone", zone=data.company_timezone()))
    return current
