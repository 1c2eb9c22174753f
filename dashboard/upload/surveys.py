"""Upload page, survey responses: an export -> detected format and mapping (proposed, a saved
profile or a mapping file) -> dates, time zone and the score per metric before anything is
written -> row report -> import with progress -> refresh."""

from __future__ import annotations

import dataclasses
import logging
from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from core.metrics import ScaleMismatchError
from core.reading import FileRejectedError
from dashboard import auth, data, i18n, ui
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
from dashboard.upload.problem_text import problem_frame, problem_report_csv
from dashboard.upload.survey_mapping import mapping_editor, rejected, role_label, zone_detail
from surveys import importer
from surveys.dates import DateReading
from surveys.formats import FORMAT_NAMES
from surveys.mapping import Mapping, save_profile
from surveys.mapping_file import mapping_to_yaml
from surveys.summary import MetricPreview, score_preview
from surveys.validate import Validated

SURVEY_TYPES = ["csv", "xlsx", "txt", "tsv", "gz", "zip"]
PREVIEW_ROWS = 20
PROBLEM_ROWS = 500
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


# --- survey upload ---------------------------------------------------------------------


def _file_summary(preview: importer.Preview) -> None:
    raw, table = preview.raw, preview.table
    fmt = FORMAT_NAMES.get(table.format) or t(
        "upload_format_sheet" if raw.kind == "xlsx" else "upload_format_plain"
    )
    if raw.kind == "xlsx":
        where = t("upload_detected_sheet", sheet=plain(raw.sheet or ""))
    else:
        where = t(
            "upload_detected_csv",
            encoding=plain(raw.encoding or "?"),
            delimiter={"\t": "tab", ";": ";", ",": ","}.get(raw.delimiter or ",", plain(raw.delimiter)),
        )
    st.markdown(
        t(
            "upload_detected",
            format=fmt,
            where=where,
            rows=i18n.fmt_int(len(table.rows)),
            columns=i18n.fmt_int(len(table.headers)),
        )
    )
    if preview.compressed:
        st.caption(t("upload_unpacked", name=plain(preview.compressed)))
    if preview.profile:
        st.info(t("upload_profile_used", profile=plain(preview.profile)), icon=":material/bookmark:")


def _order_name(order: str) -> str:
    return t(f"upload_order_{order}")


def _dates_note(reading: DateReading, file_format: str) -> str:
    """Which reading of the dates was used, and why (bilingual)."""
    if reading.form == "strptime":
        return t("upload_dates_strptime", format=plain(reading.strptime or ""))
    if not reading.slashes:
        return t(f"upload_dates_{reading.form}") if i18n.has(f"upload_dates_{reading.form}") else ""
    order = _order_name(reading.order)
    if reading.source == "explicit":
        text = t("upload_dates_explicit", order=order)
    elif reading.source == "column" and reading.evidence:
        text = t(
            "upload_dates_column", order=order, row=reading.evidence.row, value=plain(reading.evidence.value)
        )
    else:
        other = "dmy" if reading.order == "mdy" else "mdy"
        text = t(
            "upload_dates_assumed",
            order=order,
            other=_order_name(other),
            tool=FORMAT_NAMES.get(file_format, t("upload_dates_us_tools")),
        )
    if reading.conflict:
        text += " " + t(
            "upload_dates_conflict", row=reading.conflict.row, value=plain(reading.conflict.value)
        )
    return text


def _reading_notes(checked: Validated, file_format: str) -> None:
    """Dates, time zone, skipped preview/test rows, repeats: what the reading decided."""
    lines = []
    if checked.dates is not None:
        lines.append(_dates_note(checked.dates, file_format))
    if checked.zone is not None:
        lines.append(
            t(
                f"upload_zone_{checked.zone.source}",
                zone=checked.zone.name,
                detail=zone_detail(checked.zone.detail),
            )
        )
    st.caption("  \n".join(line for line in lines if line))
    if checked.skipped:
        reasons = ", ".join(f"{plain(reason)}: {n}" for reason, n in checked.skipped.most_common())
        st.info(
            t("upload_tests_skipped", n=i18n.fmt_int(checked.rows_skipped_as_tests), reasons=reasons),
            icon=":material/science:",
        )


def _per_row(metric: MetricPreview) -> str:
    if len(metric.columns) <= 1:
        return t("upload_score_one_per_row")
    return t(
        "upload_score_many_per_row",
        n=len(metric.columns),
        columns=", ".join(plain(c) for c in metric.columns),
    )


def _score_tiles(checked: Validated, mapping: Mapping) -> None:
    """The score each metric gets from this file, before anything is written."""
    metrics = score_preview(checked, mapping)
    if not metrics:
        return
    st.markdown(t("upload_scores_title"))
    for col, metric in zip(st.columns(max(3, len(metrics))), metrics):
        col.metric(i18n.metric_label(metric.metric), i18n.fmt_metric(metric.metric, metric.estimate.value))
        col.caption(t("upload_score_line", n=i18n.fmt_int(metric.n), per_row=_per_row(metric)))


# the preview's columns: (record field, text key of the header); the scale is one column "0–10"
_PREVIEW_FIELDS = (
    ("response_id", "upload_role_response_id"),
    ("metric", "upload_prev_metric"),
    ("score", "upload_prev_score"),
    ("scale", "upload_prev_scale"),
    ("customer_id", "upload_role_customer_id"),
    ("journey_id", "upload_role_journey_id"),
    ("touchpoint", "upload_role_touchpoint"),
    ("channel", "upload_role_channel"),
    ("responded_at", "upload_role_responded_at"),
    ("comment", "upload_role_comment"),
    ("segment", "upload_prev_segment"),
    ("language", "upload_role_language"),
)

_PREVIEW_ALWAYS = {"response_id", "metric", "score", "scale", "responded_at"}


def _cell(value: Any) -> str:
    """A preview cell as text: empty (None, NaN, '') is blank, never "None"."""
    if value is None or (isinstance(value, float) and value != value) or value == "":
        return ""
    if isinstance(value, float):
        return i18n.fmt_number(value, 0 if value.is_integer() else 1)
    if isinstance(value, datetime):
        return i18n.fmt_datetime(value)
    return str(value)


def records_frame(records: list[tuple]) -> pd.DataFrame:
    """The first valid responses in plain columns: no internal fields (scale_min/scale_max are
    one "0–10" column, the metric its name), empty cells blank, columns the file left empty out."""
    from surveys.validate import COLUMNS

    rows = [dict(zip(COLUMNS, record, strict=False)) for record in records[:PREVIEW_ROWS]]
    for row in rows:
        low, high = row.get("scale_min"), row.get("scale_max")
        row["scale"] = f"{low}–{high}" if low is not None and high is not None else ""
        row["metric"] = i18n.metric_label(row["metric"]) if row.get("metric") else ""
    columns = {name: [_cell(row.get(name)) for row in rows] for name, _ in _PREVIEW_FIELDS}
    shown = [(n, k) for n, k in _PREVIEW_FIELDS if n in _PREVIEW_ALWAYS or any(columns[n])]
    return pd.DataFrame({t(key): columns[name] for name, key in shown})  # empty columns left out


def _records_frame(checked: Validated) -> pd.DataFrame:
    return records_frame(checked.records[:PREVIEW_ROWS])


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


def _report(checked: Validated, path: Path, digest: str) -> bool:
    """Counts, the first records and the row report; returns 'import only the valid rows'."""
    c1, c2, c3, c4 = st.columns(4)
    c1.metric(t("upload_rows_read"), i18n.fmt_int(checked.rows_read))
    c2.metric(t("upload_responses_valid"), i18n.fmt_int(checked.n_records))
    c3.metric(t("upload_rows_invalid"), i18n.fmt_int(len(checked.bad_rows)))
    c4.metric(t("upload_rows_tests"), i18n.fmt_int(checked.rows_skipped_as_tests))
    if checked.records:
        ui.table(_records_frame(checked), hide_index=True, width="stretch")
    if not checked.problems:
        st.success(t("upload_no_problems"), icon=":material/check_circle:")
        return False
    st.warning(
        t(
            "upload_problems",
            problems=i18n.fmt_int(len(checked.problems)),
            rows=i18n.fmt_int(len(checked.bad_rows)),
        ),
        icon=":material/report:",
    )
    ui.table(problem_frame(checked.problems, PROBLEM_ROWS), hide_index=True, width="stretch")
    st.download_button(
        t("upload_download_report"),
        problem_report_csv(checked.problems),
        file_name=f"{path.stem}-report.csv",
        mime="text/csv",
        icon=":material/download:",
        key=f"upl_report_{digest[:12]}",
        on_click=auth.export_logger("survey row report", file=path.name),
    )
    return st.checkbox(
        t("upload_valid_only", rows=i18n.fmt_int(checked.n_records)),
        key=f"upl_valid_only_{digest[:12]}",
        disabled=not checked.records,
    )


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
    _file_summary(preview)
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
    _reading_notes(checked, preview.table.format)
    _score_tiles(checked, mapping)
    if checked.repeats:
        first = checked.repeats[0]
        st.checkbox(
            t("upload_keep_one", n=i18n.fmt_int(len(checked.repeats)), first=first.first_row, row=first.row),
            key=repeats_key,
            help=t("upload_keep_one_help"),
        )
    valid_only = _report(checked, path, digest)

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
