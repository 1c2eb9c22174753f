"""Upload page, survey responses: the mapping step. One role per column (proposed, from a saved
profile or from an uploaded mapping file), then how dates are read and the zone of naive times."""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import streamlit as st

from core.timezones import ZoneChoice, choose_zone, known_zones
from dashboard import ui
from dashboard.i18n import LangCode, t
from dashboard.mapping_roles import DATE_FORMATS, ROLES, mapping_from_roles, plain, roles_of
from dashboard.upload.problem_text import rejection_text
from surveys import importer
from surveys.date_formats import ORDERS
from surveys.mapping import Mapping
from surveys.mapping_file import MappingFileError, fit_to_table, read_mapping_text
from surveys.response_times import file_zone

ZONES = list(known_zones())


def role_label(role: str) -> str:
    return t(f"upload_role_{role}")


def _sample(values: list) -> str:
    shown = [str(v) for v in values if v not in (None, "")][:3]
    return ", ".join(s if len(s) <= 30 else s[:29] + "…" for s in shown)


def rejected(key: str, exc: BaseException) -> None:
    """A refusal: the short reason in the message, a multi-line one (every problem) as plain text."""
    text = str(exc.args[0]) if isinstance(exc, KeyError) and exc.args else rejection_text(exc)
    first, _, rest = text.partition("\n")
    st.error(t(key, reason=plain(first)), icon=":material/block:")
    if rest:
        st.code(rest, language=None)


def _mapping_file(preview: importer.Preview, digest: str) -> tuple[Mapping, str]:
    """The mapping to start from: an uploaded mapping file (YAML) if valid, else the proposal or
    saved profile; and a tag that changes with it (so the role widgets take its values)."""
    uploaded = st.file_uploader(
        t("upload_mapping_upload"),
        type=["yaml", "yml"],
        key=f"upl_mapfile_{digest[:12]}",
        help=t("upload_mapping_upload_help"),
    )
    if uploaded is None:
        return preview.mapping, "p"
    text = uploaded.getvalue().decode("utf-8-sig", errors="replace")
    try:
        mapping = fit_to_table(
            read_mapping_text(text, uploaded.name), preview.table, uploaded.name, preview.path.name
        )
    except MappingFileError as exc:
        rejected("upload_mapping_file_invalid", exc)
        return preview.mapping, "p"
    st.success(t("upload_mapping_file_used", name=plain(uploaded.name)), icon=":material/description:")
    return mapping, hashlib.sha256(text.encode("utf-8")).hexdigest()[:8]


def _date_format_label(value: str) -> str:
    return t(f"upload_date_{value}") if value in DATE_FORMATS else value


def _default_zone(preview: importer.Preview, time_column: str | None) -> ZoneChoice:
    stated = file_zone(preview.table, time_column) if time_column in preview.table.headers else None
    return choose_zone(None, stated, preview.company_timezone)


def _time_settings(
    preview: importer.Preview, base: Mapping, time_column: str | None, key: str
) -> tuple[str | None, str | None]:
    """Date format (decided from the column unless picked) and the zone of times without an offset."""
    left, right = st.columns(2)
    options = list(DATE_FORMATS) + (
        [base.date_format] if base.date_format and base.date_format not in ORDERS else []
    )
    current = base.date_format if base.date_format in options else "auto"
    date_format = left.selectbox(
        t("upload_date_format"),
        options,
        index=options.index(current),
        format_func=_date_format_label,
        key=f"upl_datefmt_{key}",
        help=t("upload_date_format_help"),
    )
    default = _default_zone(preview, time_column)
    chosen = base.timezone or default.name
    zone = right.selectbox(
        t("upload_timezone"),
        ZONES if chosen in ZONES else [chosen, *ZONES],
        index=(ZONES.index(chosen) if chosen in ZONES else 0),
        key=f"upl_tz_{key}_{default.name}",
        help=t("upload_timezone_help"),
    )
    right.caption(
        t(f"upload_zone_default_{default.source}", zone=default.name, detail=zone_detail(default.detail))
    )
    return (None if date_format == "auto" else date_format), (None if zone == default.name else zone)


def mapping_editor(preview: importer.Preview, digest: str) -> tuple[Mapping, list[tuple[str, dict]]]:
    """One role selectbox per column (proposed, from a saved profile or from a mapping file),
    then how the dates are read; returns the mapping and its problems."""
    table = preview.table
    st.subheader(t("upload_mapping_title"))
    st.caption(t("upload_mapping_help"))
    base, tag = _mapping_file(preview, digest)
    key = f"{digest[:12]}_{tag}"
    proposed = roles_of(base, table.headers)
    survey = st.text_input(t("upload_survey_name"), value=base.survey, key=f"upl_survey_name_{key}")
    sample_rows = table.rows[:200]
    roles: list[str] = []
    grid = st.columns(3)
    for i, header in enumerate(table.headers):
        values = [r[i] if i < len(r) else None for r in sample_rows]
        if i and i % 3 == 0:  # one row of three at a time: on a phone they stack in the file's order
            grid = st.columns(3)
        with grid[i % 3]:
            roles.append(
                st.selectbox(
                    plain(header),
                    ROLES,
                    index=ROLES.index(proposed[i]),
                    format_func=role_label,
                    key=f"upl_role_{key}_{i}",
                    help=t("upload_sample_values", values=plain(_sample(values)) or "—"),
                )
            )
    not_scores = {h: why for h, why in preview.not_scores.items() if h not in base.scores}
    if not_scores:
        with st.expander(t("upload_not_scores", n=len(not_scores))):
            ui.table(
                pd.DataFrame(
                    {
                        t("upload_col_column"): list(not_scores),
                        t("upload_col_reason"): list(not_scores.values()),
                    }
                ),
                hide_index=True,
                width="stretch",
            )
    time_column = next((h for h, r in zip(table.headers, roles) if r == "responded_at"), None)
    date_format, zone = _time_settings(preview, base, time_column, key)
    return mapping_from_roles(table.headers, roles, survey, date_format, zone)


_ZONE_DETAILS = (  # where surveys.response_times.file_zone found a file's time zone (its English words)
    (re.compile(r"^Qualtrics header row 3 of (?P<column>.+)$", re.DOTALL), "upload_zone_detail_qualtrics"),
    (re.compile(r"^the header (?P<column>.+)$", re.DOTALL), "upload_zone_detail_header"),
)


def zone_detail(detail: str, lang_code: LangCode | None = None) -> str:
    """Where the file states its time zone, in the page's language (escaped for Markdown)."""
    for pattern, key in _ZONE_DETAILS:
        match = pattern.match(detail or "")
        if match:
            return t(key, lang_code, column=plain(match["column"]))
    return plain(detail)
