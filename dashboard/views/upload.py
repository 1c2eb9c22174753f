"""Upload data: a survey export -> detected format and mapping -> preview and row report -> import
with progress -> model refresh; systems data (contacts, events, customers); import history with rollback."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data, i18n, ui
from dashboard.i18n import t
from dashboard.mapping_roles import ROLES, mapping_from_roles, roles_of
from dashboard.upload_files import current_user, session_memo, store_upload
from pipelines.incremental import refresh_changed
from pipelines.runner import RefreshError
from surveys import importer
from surveys.mapping import Mapping, save_profile
from surveys.metrics import ScaleMismatchError
from surveys.reading import FileRejectedError
from surveys.validate import Validated, report_csv, validate

SURVEY_TYPES = ["csv", "xlsx", "txt", "tsv"]
PREVIEW_ROWS = 20
PROBLEM_ROWS = 500
RESULT_KEY = "upl_last_result"    # message shown after a rerun: (kind, text)
UPLOADER_GENERATION = "upl_uploader_generation"  # a new generation = an empty file uploader


# --- helpers -------------------------------------------------------------------------

def _preview(path: Path, digest: str, sheet: str | None, cur: Any) -> importer.Preview:
    return session_memo("preview", (digest, sheet),
                         lambda: importer.preview_file(path, cur, sheet))


def _validated(preview: importer.Preview, digest: str, sheet: str | None,
               mapping: Mapping) -> Validated:
    return session_memo("validated", (digest, sheet, mapping.to_json()),
                         lambda: validate(preview.table, mapping))


def _refresh_models(bar: Any, start: float) -> bool:
    """Rebuild the models so every page shows the new data; False (with a message) on failure."""
    bar.progress(start, text=t("upload_progress_refresh"))
    try:
        refresh_changed(data.cursor())
    except RefreshError as exc:
        st.error(t("upload_refresh_failed", error=str(exc)))
        return False
    bar.progress(1.0, text=t("upload_progress_done"))
    return True


def _role_label(role: str) -> str:
    return t(f"upload_role_{role}")


def _sample(values: list) -> str:
    shown = [str(v) for v in values if v not in (None, "")][:3]
    return ", ".join(s if len(s) <= 30 else s[:29] + "…" for s in shown)


# --- survey upload ---------------------------------------------------------------------

def _file_summary(preview: importer.Preview) -> None:
    raw, table = preview.raw, preview.table
    fmt = t(f"upload_format_{table.format}")
    if raw.kind == "xlsx":
        where = t("upload_detected_sheet", sheet=raw.sheet or "")
    else:
        where = t("upload_detected_csv", encoding=raw.encoding or "?",
                  delimiter={"\t": "tab", ";": ";", ",": ","}.get(raw.delimiter or ",", raw.delimiter))
    st.markdown(t("upload_detected", format=fmt, where=where, rows=i18n.fmt_int(len(table.rows)),
                  columns=i18n.fmt_int(len(table.headers))))
    if preview.profile:
        st.info(t("upload_profile_used", profile=preview.profile), icon=":material/bookmark:")


def _mapping_editor(preview: importer.Preview, digest: str) -> tuple[Mapping, list[tuple[str, dict]]]:
    """One role selectbox per column (proposed or from the saved profile); returns the mapping."""
    table = preview.table
    proposed = roles_of(preview.mapping, table.headers)
    st.subheader(t("upload_mapping_title"))
    st.caption(t("upload_mapping_help"))
    left, right = st.columns(2)
    survey = left.text_input(t("upload_survey_name"), value=preview.mapping.survey,
                             key=f"upl_survey_name_{digest[:12]}")
    orders = ["mdy", "dmy"]
    slash = right.selectbox(t("upload_slash_order"), orders,
                            index=orders.index(preview.mapping.slash_date_order)
                            if preview.mapping.slash_date_order in orders else 0,
                            format_func=lambda o: t(f"upload_slash_{o}"),
                            key=f"upl_slash_{digest[:12]}", help=t("upload_slash_help"))
    sample_rows = table.rows[:200]
    roles: list[str] = []
    grid = st.columns(3)
    for i, header in enumerate(table.headers):
        values = [r[i] if i < len(r) else None for r in sample_rows]
        with grid[i % 3]:
            roles.append(st.selectbox(
                header, ROLES, index=ROLES.index(proposed[i]), format_func=_role_label,
                key=f"upl_role_{digest[:12]}_{i}",
                help=t("upload_sample_values", values=_sample(values) or "—")))
    return mapping_from_roles(table.headers, roles, survey, slash)


def _problem_frame(problems: list) -> pd.DataFrame:
    return pd.DataFrame([(p.row, p.column, p.value, p.reason) for p in problems[:PROBLEM_ROWS]],
                        columns=[t("upload_col_row"), t("upload_col_column"), t("upload_col_value"),
                                 t("upload_col_reason")])


def _records_frame(checked: Validated) -> pd.DataFrame:
    from surveys.validate import COLUMNS
    return pd.DataFrame(checked.records[:PREVIEW_ROWS], columns=list(COLUMNS))


def survey_upload() -> None:
    st.markdown(t("upload_survey_intro"))
    uploaded = st.file_uploader(t("upload_survey_file"), type=SURVEY_TYPES,
                                key=f"upl_survey_file_{st.session_state.get(UPLOADER_GENERATION, 0)}",
                                help=t("upload_survey_file_help"))
    if uploaded is None:
        return
    path, digest = store_upload(uploaded)
    cur = data.cursor()
    sheet = None
    try:
        preview = _preview(path, digest, None, cur)
        if preview.raw.kind == "xlsx" and len(preview.raw.sheets) > 1:
            sheet = st.selectbox(t("upload_sheet"), preview.raw.sheets,
                                 index=preview.raw.sheets.index(preview.raw.sheet)
                                 if preview.raw.sheet in preview.raw.sheets else 0,
                                 key=f"upl_sheet_{digest[:12]}", help=t("upload_sheet_help"))
            if sheet != preview.raw.sheet:
                preview = _preview(path, digest, sheet, cur)
    except FileRejectedError as exc:
        st.error(t("upload_rejected_file", reason=str(exc)), icon=":material/block:")
        return
    already = importer.already_imported(cur, preview.file_hash)
    if already:
        st.info(t("upload_already_imported", batch=already), icon=":material/task_alt:")
        return
    _file_summary(preview)
    mapping, role_problems = _mapping_editor(preview, digest)
    if role_problems:
        for key, values in role_problems:
            st.warning(t(key, **{k: (_role_label(v) if k == "role" else v) for k, v in values.items()}))
        return

    st.subheader(t("upload_preview_title"))
    try:
        checked = _validated(preview, digest, sheet, mapping)
    except ScaleMismatchError as exc:
        st.error(t("upload_scale_mismatch", reason=str(exc)), icon=":material/block:")
        return
    except (KeyError, ValueError) as exc:
        st.error(t("upload_mapping_invalid", reason=str(exc.args[0] if exc.args else exc)))
        return
    bad = len(checked.bad_rows)
    c1, c2, c3 = st.columns(3)
    c1.metric(t("upload_rows_read"), i18n.fmt_int(checked.rows_read))
    c2.metric(t("upload_responses_valid"), i18n.fmt_int(checked.n_records))
    c3.metric(t("upload_rows_invalid"), i18n.fmt_int(bad))
    if checked.records:
        st.dataframe(_records_frame(checked), hide_index=True, width="stretch")
    valid_only = False
    if checked.problems:
        st.warning(t("upload_problems", problems=i18n.fmt_int(len(checked.problems)),
                     rows=i18n.fmt_int(bad)), icon=":material/report:")
        st.dataframe(_problem_frame(checked.problems), hide_index=True, width="stretch")
        st.download_button(t("upload_download_report"), report_csv(checked.problems),
                           file_name=f"{path.stem}-report.csv", mime="text/csv",
                           icon=":material/download:", key=f"upl_report_{digest[:12]}")
        valid_only = st.checkbox(t("upload_valid_only", rows=i18n.fmt_int(checked.n_records)),
                                 key=f"upl_valid_only_{digest[:12]}", disabled=not checked.records)
    else:
        st.success(t("upload_no_problems"), icon=":material/check_circle:")

    with st.form(f"upl_import_{digest[:12]}", border=True):
        profile = st.text_input(t("upload_profile_name"), value=preview.profile or "",
                                help=t("upload_profile_help"))
        who = st.text_input(t("upload_imported_by"), value=current_user())
        blocked = bool(checked.problems) and not valid_only
        go = st.form_submit_button(t("upload_import_button"), type="primary",
                                   icon=":material/upload:", disabled=blocked or not checked.records)
    if blocked:
        st.caption(t("upload_blocked"))
    if not go:
        return
    preview = dataclasses.replace(preview, mapping=mapping)
    bar = st.progress(0.0, text=t("upload_progress_start"))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0) * 0.6,
                     text=t("upload_progress_stage", stage=t(f"upload_stage_{stage}")
                            if i18n.has(f"upload_stage_{stage}") else stage))

    try:
        result = importer.import_preview(cur, preview, valid_rows_only=valid_only,
                                         imported_by=who.strip() or current_user(), progress=progress)
    except (ScaleMismatchError, KeyError, ValueError) as exc:
        st.error(t("upload_mapping_invalid", reason=str(exc)))
        return
    if result.status == "rejected":
        st.error(t("upload_import_rejected", problems=i18n.fmt_int(len(result.problems))))
        return
    if result.status == "already_imported":
        st.info(t("upload_already_imported", batch=result.batch_id))
        return
    if profile.strip():
        save_profile(cur, profile.strip(), preview.signature, mapping)
    if _refresh_models(bar, 0.65):
        st.session_state[RESULT_KEY] = ("success", t(
            "upload_imported", responses=i18n.fmt_int(result.responses_written),
            batch=result.batch_id, skipped=i18n.fmt_int(result.rows_skipped)))
        st.session_state[UPLOADER_GENERATION] = st.session_state.get(UPLOADER_GENERATION, 0) + 1
        st.rerun()


# --- systems data --------------------------------------------------------------------------

def systems_upload() -> None:
    """Contacts, journey events and customers from ticketing, telephony, order and billing systems."""
    try:
        from dashboard.upload_systems import render_systems_upload
    except ImportError:
        st.info(t("upload_systems_unavailable"))
        return
    render_systems_upload()


# --- history -------------------------------------------------------------------------------

def _all_batches() -> pd.DataFrame:
    """Every import batch of every kind (surveys, contacts, events, customers, demo), newest first."""
    return data.cursor().execute("""
        select batch_id, kind, source_file, imported_by, imported_at, row_count, status
        from import_batches order by imported_at desc, batch_id""").df()


def _rollback(batch_id: str, kind: str) -> int:
    cur = data.cursor()
    if kind == "surveys":
        return importer.rollback_batch(cur, batch_id)
    from pipelines.loaders import rollback_batch as rollback_system_batch
    return rollback_system_batch(cur, batch_id)


def history() -> None:
    st.markdown(t("upload_history_intro"))
    batches = _all_batches()
    if batches.empty:
        st.caption(t("upload_history_empty"))
        return
    shown = pd.DataFrame({
        t("upload_col_when"): [i18n.fmt_datetime(v) for v in batches["imported_at"]],
        t("upload_col_kind"): [t(f"upload_kind_{k}") for k in batches["kind"]],
        t("upload_col_file"): batches["source_file"],
        t("upload_col_rows"): [i18n.fmt_int(v) for v in batches["row_count"]],
        t("upload_col_by"): batches["imported_by"],
        t("upload_col_status"): [t(f"upload_status_{s}") for s in batches["status"]],
        t("upload_col_batch"): batches["batch_id"],
    })
    st.dataframe(shown, hide_index=True, width="stretch")
    active = batches[(batches["status"] == "active") & (batches["kind"] != "demo")]
    if active.empty:
        return
    labels = {row.batch_id: f"{row.source_file} · {i18n.fmt_datetime(row.imported_at)} · "
                            f"{i18n.fmt_int(row.row_count)} · {row.batch_id}"
              for row in active.itertuples()}
    kinds = dict(zip(active["batch_id"], active["kind"]))
    with st.form("upl_rollback", border=True):
        batch = st.selectbox(t("upload_rollback_pick"), list(labels), format_func=labels.get)
        sure = st.checkbox(t("upload_rollback_confirm"))
        go = st.form_submit_button(t("upload_rollback_button"), icon=":material/undo:")
    if not go:
        return
    if not sure:
        st.warning(t("upload_rollback_need_confirm"))
        return
    removed = _rollback(batch, kinds[batch])
    bar = st.progress(0.5, text=t("upload_progress_refresh"))
    if _refresh_models(bar, 0.5):
        st.session_state[RESULT_KEY] = ("success", t("upload_rolled_back", batch=batch,
                                                     rows=i18n.fmt_int(removed)))
        st.rerun()


# --- page ------------------------------------------------------------------------------------

ui.page_header(t("upload_title"), t("upload_overline"))
message = st.session_state.pop(RESULT_KEY, None)
if message:
    st.success(message[1], icon=":material/check_circle:")
    st.page_link("views/overview.py", label=t("upload_to_overview"), icon=":material/dashboard:")
tab_surveys, tab_systems, tab_history = st.tabs(
    [t("upload_tab_surveys"), t("upload_tab_systems"), t("upload_tab_history")])
with tab_surveys:
    survey_upload()
with tab_systems:
    systems_upload()
with tab_history:
    history()
