"""Upload page, survey responses: the row report before the import: counts, the first valid
responses in plain columns, the problems by row and column, and the choice to import only the
valid rows."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import auth, i18n, ui
from dashboard.i18n import t
from dashboard.upload.problem_text import problem_frame, problem_report_csv
from surveys.validate import Validated

PREVIEW_ROWS = 20
PROBLEM_ROWS = 500

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


def row_report(checked: Validated, path: Path, digest: str) -> bool:
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
