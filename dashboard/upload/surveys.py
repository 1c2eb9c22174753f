"""Upload page, survey responses: an export -> detected format and mapping (proposed, a saved
profile or a mapping file) -> dates, time zone and the score per metric before anything is
written (survey_notes.py) -> row report (survey_report.py) -> import with progress -> refresh."""

from __future__ import annotations

import dataclasses
import logging
from pathlib import Path
from typing import Any

import streamlit as st

from core.metrics import ScaleMismatchError
from core.reading import FileRejectedError
from dashboard import auth, data, i18n
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from dashboard.upload.files import (
    RESULT_KEY,
    current_actor,
    forget_memos,
    refresh_models,
    session_memo,
    signed_in_caption,
    store_upload,
    uploader_limit_mb,
)
from dashboard.upload.survey_mapping import mapping_editor, rejected, role_label
from dashboard.upload.survey_notes import file_summary, reading_notes, score_tiles
from dashboard.upload.survey_report import row_report
from surveys import importer
from surveys.mapping import Mapping, save_profile
from surveys.mapping_file import mapping_to_yaml
from surveys.validate import Validated

SURVEY_TYPES = ["csv", "xlsx", "txt", "tsv", "gz", "zip"]
UPLOADER_GENERATION = "upl_uploader_generation"  # a new generation = an empty file uploader
LOG = logging.getLogger(__name__)


# --- helpers -------------------------------------------------------------------------


def _preview(path: Path, digest: str, sheet: str | None, cur: Any) -> importer.Preview:
    return session_memo("preview", (digest, sheet), lambda: importer.preview_file(path, cur, sheet))


def _checked(
    preview: importer.Preview, digest: str, sheet: str | None, mapping: Mapping, keep_one: bool
) -> Validated:
    return session_memo(
        "validated",
        (digest, sheet, mapping.to_json(), keep_one),
        lambda: importer.check(preview, mapping, keep_one),
    )


def _mapping_download(preview: importer.Preview, mapping: Mapping, digest: str) -> None:
    text = mapping_to_yaml(
        mapping,
        [
            f"Survey mapping for {preview.path.name}: {preview.format_line()}",
            "Upload data page, or: python -m surveys import FILE --mapping THIS_FILE.yaml",
        ],
        table=preview.table,
    )
    st.download_button(
        t("upload_mapping_download"),
        text,
        file_name=f"{mapping.survey}-mapping.yaml",
        mime="application/yaml",
        icon=":material/download:",
        key=f"upl_mapping_yaml_{digest[:12]}",
        help=t("upload_mapping_download_help"),
        on_click=auth.export_logger("survey mapping", survey=mapping.survey),
    )


def _pick_sheet(path: Path, digest: str, cur: Any) -> tuple[importer.Preview, str | None]:
    preview = _preview(path, digest, None, cur)
    sheet = None
    if preview.raw.kind == "xlsx" and len(preview.raw.sheets) > 1:
        sheet = st.selectbox(
            t("upload_sheet"),
            preview.raw.sheets,
            index=preview.raw.sheets.index(preview.raw.sheet)
            if preview.raw.sheet in preview.raw.sheets
            else 0,
            key=f"upl_sheet_{digest[:12]}",
            help=t("upload_sheet_help"),
        )
        if sheet != preview.raw.sheet:
            preview = _preview(path, digest, sheet, cur)
    return preview, sheet


def render_survey_upload() -> None:
    st.markdown(t("upload_survey_intro"))
    uploaded = st.file_uploader(
        t("upload_survey_file"),
        type=SURVEY_TYPES,
        key=f"upl_survey_file_{st.session_state.get(UPLOADER_GENERATION, 0)}",
        help=t("upload_survey_file_help"),
        max_upload_size=uploader_limit_mb(),
    )
    if uploaded is None:
        return
    path, digest = store_upload(uploaded)
    cur = data.cursor()
    try:
        preview, sheet = _pick_sheet(path, digest, cur)
    except FileRejectedError as exc:
        rejected("upload_rejected_file", exc)
        return
    except Exception as exc:  # noqa: BLE001 - a file no reader understands: a message, no traceback
        LOG.exception("survey upload %s could not be read", path.name)
        st.error(
            t("upload_unreadable", name=plain(path.name), reason=plain(f"{type(exc).__name__}: {exc}")),
            icon=":material/block:",
        )
        return
    already = importer.already_imported(cur, preview.file_hash)
    if already:
        st.info(t("upload_already_imported", batch=already), icon=":material/task_alt:")
        return
    file_summary(preview)
    mapping, role_problems = mapping_editor(preview, digest)
    if role_problems:
        for key, values in role_problems:
            st.warning(t(key, **{k: (role_label(v) if k == "role" else plain(v)) for k, v in values.items()}))
        return
    _mapping_download(preview, mapping, digest)

    st.subheader(t("upload_preview_title"))
    repeats_key = f"upl_keep_one_{digest[:12]}"
    keep_one = bool(st.session_state.get(repeats_key, False))
    try:
        checked = _checked(preview, digest, sheet, mapping, keep_one)
    except ScaleMismatchError as exc:
        st.error(t("upload_scale_mismatch", reason=plain(exc)), icon=":material/block:")
        return
    except (KeyError, ValueError) as exc:
        rejected("upload_mapping_invalid", exc)
        return
    reading_notes(checked, preview.table.format)
    score_tiles(checked, mapping)
    if checked.repeats:
        first = checked.repeats[0]
        st.checkbox(
            t("upload_keep_one", n=i18n.fmt_int(len(checked.repeats)), first=first.first_row, row=first.row),
            key=repeats_key,
            help=t("upload_keep_one_help"),
        )
    valid_only = row_report(checked, path, digest)

    with st.form(f"upl_import_{digest[:12]}", border=True):
        profile = st.text_input(
            t("upload_profile_name"), value=preview.profile or "", help=t("upload_profile_help")
        )
        signed_in_caption()
        blocked = bool(checked.problems) and not valid_only
        go = st.form_submit_button(
            t("upload_import_button"),
            type="primary",
            icon=":material/upload:",
            disabled=blocked or not checked.records,
        )
    if blocked:
        st.caption(t("upload_blocked"))
    if not go:
        return
    preview = dataclasses.replace(preview, mapping=mapping)
    bar = st.progress(0.0, text=t("upload_progress_start"))

    def progress(fraction: float, stage: str) -> None:
        bar.progress(
            min(max(fraction, 0.0), 1.0) * 0.6,
            text=t(
                "upload_progress_stage",
                stage=t(f"upload_stage_{stage}") if i18n.has(f"upload_stage_{stage}") else stage,
            ),
        )

    try:
        # release=True: the file's rows are freed as they are written (memory bound,
        # docs/security.md); the memoized preview and check are spent either way
        result = importer.import_preview(
            cur,
            preview,
            valid_rows_only=valid_only,
            progress=progress,
            keep_one_of_repeats=keep_one,
            checked=checked,
            actor=current_actor(),
            release=True,
        )
    except (ScaleMismatchError, KeyError, ValueError) as exc:
        rejected("upload_mapping_invalid", exc)
        return
    finally:
        forget_memos("preview", "validated")
    if result.status == "rejected":
        st.error(t("upload_import_rejected", problems=i18n.fmt_int(len(result.problems))))
        return
    if result.status == "already_imported":
        st.info(t("upload_already_imported", batch=result.batch_id))
        return
    if profile.strip():
        save_profile(cur, profile.strip(), preview.signature, mapping)
    if refresh_models(bar, 0.65):
        st.session_state[RESULT_KEY] = (
            "success",
            t(
                "upload_imported",
                responses=i18n.fmt_int(result.responses_written),
                batch=result.batch_id,
                skipped=i18n.fmt_int(result.rows_skipped),
            ),
        )
        st.session_state[UPLOADER_GENERATION] = st.session_state.get(UPLOADER_GENERATION, 0) + 1
        st.rerun()
