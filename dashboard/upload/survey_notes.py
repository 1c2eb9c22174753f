"""Upload page, survey responses: what reading the file decided, shown before anything is written:
the detected format, how dates and times are read, skipped test rows, and the score per metric."""

from __future__ import annotations

import streamlit as st

from dashboard import i18n
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from dashboard.upload.survey_mapping import zone_detail
from surveys import importer
from surveys.dates import DateReading
from surveys.formats import FORMAT_NAMES
from surveys.mapping import Mapping
from surveys.summary import MetricPreview, score_preview
from surveys.validate import Validated


def file_summary(preview: importer.Preview) -> None:
    """The detected format and where it was read from, rows and columns, and a saved mapping applied."""
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


def reading_notes(checked: Validated, file_format: str) -> None:
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


def score_tiles(checked: Validated, mapping: Mapping) -> None:
    """The score each metric gets from this file, before anything is written."""
    metrics = score_preview(checked, mapping)
    if not metrics:
        return
    st.markdown(t("upload_scores_title"))
    for col, metric in zip(st.columns(max(3, len(metrics))), metrics):
        col.metric(i18n.metric_label(metric.metric), i18n.fmt_metric(metric.metric, metric.estimate.value))
        col.caption(t("upload_score_line", n=i18n.fmt_int(metric.n), per_row=_per_row(metric)))
