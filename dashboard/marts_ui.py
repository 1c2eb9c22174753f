"""What the pages say in the Parquet marts mode (env CX_MARTS): the sidebar's status line, the
message a page shows instead of itself when the marts cannot be served, and the read-only notices.
Texts: dashboard/text/parquet_marts.py."""

from __future__ import annotations

import streamlit as st

from dashboard import connection, i18n, marts_source, ui
from dashboard.i18n import t
from dashboard.marts_source import MartsSource, Problem
from dashboard.plain_text import escape_markdown

SPARK_REFRESH = "python -m pipelines refresh --engine spark --raw RAW --marts {marts}"
EXPORT_RAW = "python -m pipelines export-raw --db DB --to RAW --replace"


def read_only() -> bool:
    """Whether this deployment serves Parquet marts (and so writes no data)."""
    return marts_source.enabled()


def problem_text(problem: Problem) -> str:
    """The problem's message in the page's language (its values as plain text, not Markdown)."""
    return t(problem.key, **{k: escape_markdown(v) for k, v in problem.values.items()})


def status_lines(source: MartsSource) -> list[str]:
    """The sidebar's lines: where the marts come from and when they were refreshed, or that they
    are not available; then any note (e.g. the journey map taken from the database file)."""
    folder = escape_markdown(source.name)
    if not source.usable:
        return [t("marts_status_problem", folder=folder)]
    when = i18n.fmt_datetime(source.refreshed_at) if source.refreshed_at else "?"
    lines = [t("marts_status_ok", folder=folder, when=when), t("marts_status_read_only")]
    return lines + [problem_text(note) for note in source.notes]


def render_status() -> bool:
    """The sidebar's status captions in the marts mode; False (nothing drawn) otherwise."""
    source = connection.marts()
    if source is None:
        return False
    for line in status_lines(source):
        st.caption(line)
    return True


def refuse_page(title_key: str) -> bool:
    """In the marts mode with marts that cannot be served: the page's title and why, instead of the
    page (True); otherwise nothing (False)."""
    source = connection.marts()
    if source is None or source.usable or source.problem is None:
        return False
    ui.page_header(t(title_key))
    st.error(problem_text(source.problem), icon=":material/cloud_off:")
    return True


def render_read_only_upload() -> None:
    """Why nothing can be uploaded here, and the commands that load data instead."""
    source = connection.marts()
    name = source.name if source is not None else "MARTS"
    st.warning(t("marts_read_only_upload", folder=escape_markdown(name)), icon=":material/lock:")
    st.code(EXPORT_RAW + "\n" + SPARK_REFRESH.format(marts="MARTS"), language="bash", wrap_lines=True)


def render_read_only_map() -> None:
    """The journey map editor's notice: the map can be viewed here, not saved."""
    st.info(t("marts_read_only_map"), icon=":material/lock:")
