"""Upload page, systems data: contacts, journey events and customers from ticketing, telephony,
order and billing exports (CSV, XLSX, Parquet, also .gz / .zip) -> column mapping and time zone ->
preview and row report -> load with progress -> refresh."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

import pandas as pd
import streamlit as st

from core.reading import FileRejectedError
from core.timezones import known_zones
from dashboard import auth, data, i18n, ui
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown, escape_markdown_lines
from dashboard.upload.files import (
    RESULT_KEY,
    current_actor,
    session_memo,
    signed_in_caption,
    store_upload,
    uploader_limit_mb,
)
from dashboard.upload.problem_text import problem_frame, problem_report_csv, rejection_text
from pipelines.journey_map_store import company_timezone
from pipelines.loaders import KINDS, LoadMapping, LoadPreview, MappingError, load_file, preview_load
from pipelines.refresh_gate import refresh_as
from pipelines.runner import RefreshError

MAPPINGS_DIR = Path(__file__).resolve().parents[2] / "data" / "mappings"
SYSTEM_TYPES = ["csv", "xlsx", "parquet", "txt", "tsv", "gz", "zip"]
NOT_IN_FILE = ""
GENERATION = "upl_sys_generation"
PROBLEM_ROWS = 500  # problems shown on the page; the download has them all


def saved_mappings(kind: str) -> dict[str, Path]:
    """Example and saved mapping files in data/mappings/ whose kind is ``kind`` (or unset)."""
    out = {}
    for path in sorted(MAPPINGS_DIR.glob("*.yaml")):
        try:
            mapping = LoadMapping.from_yaml(path)
        except MappingError:
            continue
        if mapping.kind in (None, kind):
            out[path.stem + (f" — {mapping.description}" if mapping.description else "")] = path
    return out


def _mapping_choice(kind: str, generation: int) -> dict | None:
    """The starting mapping: detect from headers, a saved mapping file, or an uploaded YAML."""
    files = saved_mappings(kind)
    options = ["detect", *files, "upload"]
    choice = st.selectbox(
        t("upl_sys_mapping_source"),
        options,
        key=f"upl_sys_mapping_{kind}_{generation}",
        format_func=lambda o: (
            t("upl_sys_mapping_detect")
            if o == "detect"
            else t("upl_sys_mapping_upload")
            if o == "upload"
            else o
        ),
        help=t("upl_sys_mapping_help"),
    )
    if choice == "detect":
        return None
    if choice == "upload":
        uploaded = st.file_uploader(
            t("upl_sys_mapping_file"), type=["yaml", "yml"], key=f"upl_sys_mapping_file_{generation}"
        )
        if uploaded is None:
            return None
        path, _ = store_upload(uploaded)
        return LoadMapping.from_yaml(path, kind).to_dict()
    return LoadMapping.from_yaml(files[choice], kind).to_dict()


def _column_editor(preview: LoadPreview, kind: str, digest: str) -> dict[str, str]:
    """One selectbox per target column: which column of the file fills it."""
    st.markdown(f"**{t('upl_sys_columns_title')}**")
    st.caption(t("upl_sys_columns_help"))
    sources = [NOT_IN_FILE, *preview.source_columns]
    chosen: dict[str, str] = {}
    grid = st.columns(3)
    for i, match in enumerate(preview.columns):
        label = field_label(match.target) + (" *" if match.required else "")
        current = match.source if match.source in preview.source_columns else NOT_IN_FILE
        how = t(f"upl_sys_how_{match.how}") if i18n.has(f"upl_sys_how_{match.how}") else match.how
        if i and i % 3 == 0:  # one row of three at a time: on a phone they stack in this order
            grid = st.columns(3)
        with grid[i % 3]:
            value = st.selectbox(
                label,
                sources,
                index=sources.index(current),
                key=f"upl_sys_col_{digest[:12]}_{kind}_{i}",
                format_func=lambda s: t("upl_sys_not_in_file") if s == NOT_IN_FILE else s,
                help=t("upl_sys_how", how=how) + "  \n" + t("upl_sys_field_key", name=match.target),
            )
        if value != NOT_IN_FILE:
            chosen[match.target] = value
    return chosen


def _zone_choice(base: dict | None, generation: int) -> str:
    """The time zone of the file's naive times: the mapping's, else the company's, changeable."""
    company = company_timezone(data.cursor())
    default = (base or {}).get("timezone") or company
    zones = sorted(set(known_zones()) | {default})
    zone = st.selectbox(
        t("upl_sys_timezone"),
        zones,
        index=zones.index(default),
        key=f"upl_sys_tz_{generation}_{default}",
        help=t("upl_sys_timezone_help"),
    )
    if (base or {}).get("timezone"):
        st.caption(t("upl_sys_timezone_default_mapping", zone=default, company=company))
    else:
        st.caption(t("upl_sys_timezone_default_company", zone=default))
    return zone


def _preview(
    kind: str, path: Path, digest: str, mapping: dict | None, sheet: str | None, zone: str
) -> LoadPreview:
    key = (kind, digest, repr(sorted((mapping or {}).items(), key=str)), sheet, zone)
    return session_memo(
        "systems", key, lambda: preview_load(data.cursor(), kind, path, mapping, sheet, timezone=zone)
    )


def render_systems_upload() -> None:
    st.markdown(t("upl_sys_intro"))
    generation = st.session_state.get(GENERATION, 0)
    kind = st.radio(
        t("upl_sys_kind"),
        list(KINDS),
        key="upl_sys_kind",
        horizontal=True,
        format_func=lambda k: t(f"upload_kind_{k}"),
    )
    st.caption(t(f"upl_sys_kind_{kind}_help"))
    try:
        base = _mapping_choice(kind, generation)
    except MappingError as exc:
        st.error(t("upl_sys_mapping_invalid", reason=escape_markdown_lines(exc)))
        return
    zone = _zone_choice(base, generation)
    uploaded = st.file_uploader(
        t("upl_sys_file"),
        type=SYSTEM_TYPES,
        key=f"upl_sys_file_{generation}",
        help=t("upl_sys_file_types_help"),
        max_upload_size=uploader_limit_mb(),
    )
    if uploaded is None:
        return
    path, digest = store_upload(uploaded)
    try:
        preview = _preview(kind, path, digest, base, None, zone)
        sheet = None
        if len(preview.sheets) > 1:
            sheet = st.selectbox(
                t("upload_sheet"),
                preview.sheets,
                index=preview.sheets.index(preview.sheet) if preview.sheet in preview.sheets else 0,
                key=f"upl_sys_sheet_{digest[:12]}",
            )
            if sheet != preview.sheet:
                preview = _preview(kind, path, digest, base, sheet, zone)
        if preview.already_imported:
            st.info(t("upload_already_imported", batch=preview.already_imported), icon=":material/task_alt:")
            return
        st.markdown(
            t(
                "upl_sys_detected",
                format=preview.format.upper() or "?",
                rows=i18n.fmt_int(preview.rows_read),
                columns=i18n.fmt_int(len(preview.source_columns)),
            )
        )
        if preview.compressed:
            st.caption(t("upl_sys_unpacked", what=escape_markdown(preview.compressed)))
        chosen = _column_editor(preview, kind, digest)
        effective = preview.mapping.to_dict()
        if chosen != {m.target: m.source for m in preview.columns if m.source}:
            effective["columns"] = chosen
            preview = _preview(kind, path, digest, effective, sheet, zone)
    except FileRejectedError as exc:
        st.error(
            t("upload_rejected_file", reason=escape_markdown_lines(rejection_text(exc))),
            icon=":material/block:",
        )
        return
    except MappingError as exc:
        st.error(t("upl_sys_mapping_invalid", reason=escape_markdown_lines(exc)))
        return

    st.markdown(f"**{t('upload_preview_title')}**")
    for note in preview.notes:
        st.warning(escape_markdown(note), icon=":material/info:")
    c1, c2, c3 = st.columns(3)
    c1.metric(t("upload_rows_read"), i18n.fmt_int(preview.rows_read))
    c2.metric(t("upl_sys_rows_valid"), i18n.fmt_int(preview.rows_read - preview.rows_with_problems))
    c3.metric(t("upload_rows_invalid"), i18n.fmt_int(preview.rows_with_problems))
    if not preview.mapped_sample.empty:
        st.caption(t("upl_sys_sample_utc"))  # says 'below': before the table
        times = {  # wide enough for a whole time (the grid sizes a column by its header otherwise)
            field_label(c): st.column_config.TextColumn(width="medium")
            for c in preview.mapped_sample.columns
            if c.endswith("_at")
        }
        ui.table(
            sample_for_people(preview.mapped_sample), column_config=times, hide_index=True, width="stretch"
        )
    valid_only = False
    if preview.problems:
        st.warning(
            t(
                "upload_problems",
                problems=i18n.fmt_int(preview.problem_count),
                rows=i18n.fmt_int(preview.rows_with_problems),
            ),
            icon=":material/report:",
        )
        ui.table(problem_frame(preview.problems, PROBLEM_ROWS), hide_index=True, width="stretch")
        st.download_button(
            t("upload_download_report"),
            problem_report_csv(preview.problems),
            file_name=f"{path.stem}-report.csv",
            mime="text/csv",
            icon=":material/download:",
            key=f"upl_sys_report_{digest[:12]}",
            on_click=auth.export_logger("systems row report", file=path.name),
        )
        valid_only = st.checkbox(
            t("upl_sys_valid_only", rows=i18n.fmt_int(preview.rows_read - preview.rows_with_problems)),
            key=f"upl_sys_valid_only_{digest[:12]}",
        )
    elif preview.rows_read:
        st.success(t("upload_no_problems"), icon=":material/check_circle:")
    with st.form(f"upl_sys_load_{digest[:12]}_{kind}", border=True):
        signed_in_caption()
        blocked = bool(preview.problems) and not valid_only
        go = st.form_submit_button(
            t("upl_sys_load_button"),
            type="primary",
            icon=":material/upload:",
            disabled=blocked or not preview.rows_read,
        )
    if blocked:
        st.caption(t("upload_blocked"))
    if not go:
        return
    bar = st.progress(0.0, text=t("upload_progress_start"))

    def progress(fraction: float, step: str) -> None:
        bar.progress(min(max(fraction, 0.0), 1.0) * 0.6, text=t("upload_progress_stage", stage=step))

    result = load_file(
        data.cursor(),
        kind,
        path,
        preview.mapping.to_dict(),
        sheet,
        valid_rows_only=valid_only,
        progress=progress,
        timezone=zone,
        actor=current_actor(),
    )
    if result.status == "rejected":
        st.error(t("upload_import_rejected", problems=i18n.fmt_int(result.problem_count)))
        return
    if result.status == "already_imported":
        st.info(t("upload_already_imported", batch=result.batch_id))
        return
    bar.progress(0.65, text=t("upload_progress_refresh"))
    try:
        refresh_as(data.cursor(), actor=current_actor(), background_checkpoint=True)
    except RefreshError as exc:
        st.error(t("upload_refresh_failed", error=str(exc)))
        return
    bar.progress(1.0, text=t("upload_progress_done"))
    st.session_state[RESULT_KEY] = (
        "success",
        t(
            "upl_sys_loaded",
            rows=i18n.fmt_int(result.rows_written),
            kind=t(f"upload_kind_{kind}"),
            batch=result.batch_id,
            replaced=i18n.fmt_int(result.rows_replaced),
            skipped=i18n.fmt_int(result.rows_skipped),
        ),
    )
    st.session_state[GENERATION] = generation + 1
    st.rerun()


def field_label(target: str) -> str:
    """A target field as the page names it ('Contact id'); the field's own name without a text."""
    key = f"upl_sys_field_{target}"
    return t(key) if i18n.has(key) else target


def sample_for_people(frame: pd.DataFrame) -> pd.DataFrame:
    """The rows as they will be loaded, for the preview: the fields' names, blank for no value
    (never "None"), yes/no for true/false, times to the minute (UTC, as stored)."""

    def cell(value: object) -> object:
        if value is None or (not isinstance(value, (list, tuple)) and pd.isna(value)):
            return ""
        if isinstance(value, bool):
            return t("upl_sys_yes" if value else "upl_sys_no")
        if isinstance(value, pd.Timestamp | datetime):
            return pd.Timestamp(value).strftime("%Y-%m-%d %H:%M")
        if isinstance(value, float) and value.is_integer():
            return int(value)
        return value

    shown = pd.DataFrame({field_label(c): frame[c].astype(object).map(cell) for c in frame.columns})
    return shown.astype(str) if not shown.empty else shown
