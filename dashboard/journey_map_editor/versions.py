"""Journey map editor: save or restore a version (which refreshes the data), the version history,
and the map as a file to download or upload."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from core.access import Actor, PermissionDeniedError
from dashboard import auth, data, marts_ui, ui
from dashboard import data_journey_map as jd
from dashboard.data_journey_map_frames import parse_document
from dashboard.i18n import t
from dashboard.journey_map_editor.state import (
    author_label,
    col,
    flash,
    local_name,
    show_problems,
    source_label,
    summary_label,
    when,
)
from dashboard.mapping_roles import plain
from dashboard.plain_text import escape_markdown_lines
from pipelines.journey_map import JourneyMapError, load_journey_map_text
from pipelines.runner import RefreshError


def apply(action: Any, done_key: str, **fmt: Any) -> None:
    """Run a save or restore (which refreshes the data) and report the outcome; in a read-only
    deployment (Parquet marts, CX_MARTS) refuse instead: nothing is stored, nothing refreshed."""
    if marts_ui.read_only():
        st.error(t("marts_read_only_refused"), icon=":material/lock:")
        return
    try:
        with st.spinner(t("jme_refreshing"), show_time=True):
            version = action()
    except JourneyMapError as exc:
        st.error(escape_markdown_lines(exc), icon=":material/error:")
        return
    except PermissionDeniedError:
        st.error(t("auth_action_refused"), icon=":material/block:")
        return
    except (RefreshError, duckdb.Error) as exc:
        st.error(t("jme_refresh_failed", error=exc), icon=":material/error:")
        return
    if version is None:
        st.info(t("jme_no_changes"), icon=":material/info:")
        return
    summary = jd.history(data.cursor()).iloc[0]["summary"]
    flash("success", t(done_key, version=version, summary=plain(summary), **fmt))
    st.rerun()


def show_history(cur: Any, user: Actor) -> None:
    versions = jd.history(cur)
    if versions.empty:
        st.info(t("jme_no_versions"), icon=":material/info:")
        return
    table = pd.DataFrame(
        {
            "version": versions["version"].astype(int),
            "changed_at": [when(v) for v in versions["changed_at"]],
            "changed_by": [author_label(v, local_name(user)) for v in versions["changed_by"]],
            "summary": [summary_label(v) for v in versions["summary"]],
        }
    )
    ui.table(
        table,
        hide_index=True,
        width="stretch",
        key="jme_history",
        column_config={c: col(c) for c in table.columns},
    )
    older = [int(v) for v in versions["version"]][1:]
    if not older:
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    with left:
        chosen = st.selectbox(
            t("jme_restore_pick"),
            older,
            key="jme_restore_version",
            format_func=lambda v: t("jme_version_label", version=v),
        )
    with right:
        if st.button(t("jme_restore"), key="jme_restore", icon=":material/history:"):
            apply(lambda: jd.restore_and_refresh(cur, chosen, user), "jme_restored", restored=chosen)


def show_import_export(cur: Any, text: str, source: str, user: Actor, gen: int) -> None:
    st.download_button(
        t("jme_download"),
        data=text.encode("utf-8"),
        file_name="journey_map.yaml",
        mime="application/yaml",
        icon=":material/download:",
        key="jme_download",
        on_click=auth.export_logger("journey map", source=source),
    )
    st.caption(t("jme_download_help", source=source_label(source)))
    upload = st.file_uploader(
        t("jme_upload"), type=["yaml", "yml"], key=f"jme_upload_{gen}", max_upload_size=8
    )
    if upload is None:
        return
    try:
        uploaded = upload.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        st.error(t("jme_upload_not_text"), icon=":material/error:")
        return
    try:
        load_journey_map_text(uploaded, upload.name)
    except JourneyMapError as exc:
        show_problems(exc, parse_document(uploaded))
        return
    changes = jd.diff(text, uploaded)
    if not changes:
        st.info(t("jme_no_changes"), icon=":material/info:")
        return
    st.markdown(t("jme_upload_changes") + "\n" + "\n".join(f"- {plain(c)}" for c in changes))
    if st.button(t("jme_upload_save"), key="jme_upload_save", type="primary", icon=":material/save:"):
        apply(lambda: jd.save_and_refresh(cur, uploaded, user), "jme_saved")
