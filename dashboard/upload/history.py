"""Upload page, import history: every import batch of every kind, and rollback of one batch."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.access import Permission
from core.batches import rollback_batch
from dashboard import auth, data, i18n, ui
from dashboard.i18n import t
from dashboard.upload.files import RESULT_KEY, refresh_models


def _all_batches() -> pd.DataFrame:
    """Every import batch of every kind (surveys, contacts, events, customers, demo), newest first."""
    return (
        data.cursor()
        .execute("""
        select batch_id, kind, source_file, imported_by, imported_at, row_count, status
        from import_batches order by imported_at desc, batch_id""")
        .df()
    )


def _rollback(batch_id: str) -> int:
    """Roll back one batch of any kind (core.batches); the signed-in role needs the permission."""
    cur = data.cursor()
    return rollback_batch(cur, batch_id, actor=auth.require_page(Permission.ROLLBACK))


def render_history() -> None:
    st.markdown(t("upload_history_intro"))
    batches = _all_batches()
    if batches.empty:
        st.caption(t("upload_history_empty"))
        return
    shown = pd.DataFrame(
        {
            t("upload_col_when"): [i18n.fmt_datetime(v) for v in batches["imported_at"]],
            t("upload_col_kind"): [t(f"upload_kind_{k}") for k in batches["kind"]],
            t("upload_col_file"): batches["source_file"],
            t("upload_col_rows"): [i18n.fmt_int(v) for v in batches["row_count"]],
            t("upload_col_by"): batches["imported_by"],
            t("upload_col_status"): [t(f"upload_status_{s}") for s in batches["status"]],
            t("upload_col_batch"): batches["batch_id"],
        }
    )
    ui.table(shown, hide_index=True, width="stretch")
    active = batches[(batches["status"] == "active") & (batches["kind"] != "demo")]
    if active.empty:
        return
    labels = {
        row.batch_id: f"{row.source_file} · {i18n.fmt_datetime(row.imported_at)} · "
        f"{i18n.fmt_int(row.row_count)} · {row.batch_id}"
        for row in active.itertuples()
    }
    with st.form("upl_rollback", border=True):
        batch = st.selectbox(t("upload_rollback_pick"), list(labels), format_func=labels.get)
        sure = st.checkbox(t("upload_rollback_confirm"))
        go = st.form_submit_button(t("upload_rollback_button"), icon=":material/undo:")
    if not go:
        return
    if not sure:
        st.warning(t("upload_rollback_need_confirm"))
        return
    removed = _rollback(batch)
    bar = st.progress(0.5, text=t("upload_progress_refresh"))
    if refresh_models(bar, 0.5):
        st.session_state[RESULT_KEY] = (
            "success",
            t("upload_rolled_back", batch=batch, rows=i18n.fmt_int(removed)),
        )
        st.rerun()
