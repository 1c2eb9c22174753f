"""The Journey map page of a read-only deployment (Parquet marts, CX_MARTS): the journey map the
marts were built with (their map_* tables, dashboard/marts_catalog.py) and what falls out of it,
as tables; nothing to edit or save (the editor would edit the map stored in CX_DB, which is not the
one the data was built with)."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from core.access import Permission
from dashboard import auth, data, i18n, marts_ui, page, ui
from dashboard import data_journey_map as jd
from dashboard.cached_query import cached_query
from dashboard.i18n import t
from dashboard.journey_map_editor.state import col, when

# map_* table -> the select that gives the editor's columns (its labels: jme_col_*)
SELECTS = {
    "stages": """
        select s.stage_order as "order", s.stage as id, s.name_en, s.name_fi, s.owner, s.sla_hours,
               s.completes_journey as completes, s.promised
        from map_stages as s order by s.stage_order""",
    "functions": "select function_id as id, name_en, name_fi from map_functions order by 1",
    "activities": 'select rule_order as "order", pattern as match, stage from map_activity_rules order by 1',
    "contact_reasons": """
        select reason, name_en, name_fi, stage, owner, avoidable from map_contact_reasons order by 1""",
    "channel_costs": "select channel, cost_eur from map_channel_costs order by 1",
    "targets": "select metric, target from map_targets order by 1",
    "settings": "select key, coalesce(text, number::varchar) as value from map_settings order by 1",
}

# six sections: on a narrow screen their tabs go onto more lines instead of out of view (as the editor's)
TABS_WRAP_CSS = """
  [data-testid="stMain"] [data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; row-gap: 0.25rem; }
"""
ACTIVITY_COLUMNS = ["activity", "events", "journeys", "first_seen", "last_seen"]  # mart_unmapped_activities
REASON_COLUMNS = ["reason", "contacts", "customers", "first_seen", "last_seen"]  # mart_unmapped_reasons


@cached_query(max_entries=16)
def map_table(cur: duckdb.DuckDBPyConnection, name: str) -> pd.DataFrame | None:
    """One section of the journey map the marts were built with (None when its table is missing)."""
    try:
        return cur.execute(SELECTS[name]).df()
    except duckdb.CatalogException:
        return None


def _number(value: float) -> str:
    """A number with the decimals it has (at most 3), in the page's language."""
    decimals = len(f"{value:.3f}".rstrip("0").split(".")[1])
    return i18n.fmt_number(value, decimals)


def _shown(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells as the page's text: yes/no, numbers in the page's language, stage, owner, metric and
    channel ids as their names, empty for none."""
    names = {
        "owner": {r["function_id"]: i18n.localized(r) for r in data.map_functions().to_dict("records")},
        "stage": {r["stage"]: i18n.localized(r) for r in data.map_stages().to_dict("records")},
    }
    out = frame.copy()
    for column in out.columns:
        values = out[column]
        if values.dtype == bool:
            out[column] = [t("yes") if v else t("no") for v in values]
        elif pd.api.types.is_numeric_dtype(values):
            out[column] = ["" if pd.isna(v) else _number(float(v)) for v in values]
        elif column in ("metric", "channel"):
            label = i18n.metric_label if column == "metric" else i18n.channel_label
            out[column] = [label(v) for v in values]
        else:
            named = names.get(str(column), {})
            out[column] = ["" if v is None or pd.isna(v) else named.get(v, str(v)) for v in values]
    return out


def _table(name: str, key: str) -> None:
    frame = map_table(name)
    if frame is None:
        st.info(t("marts_map_section_missing"), icon=":material/info:")
        return
    ui.table(_shown(frame), key=key, column_config={c: col(c) for c in frame.columns})


def _unmapped(frame: pd.DataFrame | None, columns: list[str], key: str) -> None:
    if frame is None:
        st.info(t("jme_unmapped_not_built"), icon=":material/info:")
        return
    shown = frame[columns].copy()
    for column in ("first_seen", "last_seen"):
        if column in shown:
            shown[column] = [when(v) for v in shown[column]]
    ui.table(_shown(shown), key=key, column_config={c: col(c) for c in columns})


def _count(frame: pd.DataFrame | None, exclude_unknown: bool = False) -> int:
    if frame is None:
        return 0
    return int((~frame["no_reason_given"]).sum()) if exclude_unknown else len(frame)


def render() -> None:
    """The Journey map page when this deployment is read-only: it writes nothing."""
    auth.require_page(Permission.EDIT_JOURNEY_MAP)
    page.header(t("jme_title"))
    marts_ui.render_read_only_map()
    acts, reasons = jd.unmapped_activities(), jd.unmapped_reasons()
    unmapped = _count(acts) + _count(reasons, exclude_unknown=True)
    st.html(f"<style>{TABS_WRAP_CSS}</style>")
    tabs: Any = st.tabs(
        [
            t("jme_tab_stages"),
            t("jme_tab_functions"),
            t("jme_tab_rules"),
            t("jme_tab_reasons"),
            t("jme_tab_costs"),
            t("jme_tab_unmapped", n=i18n.fmt_int(unmapped)),
        ]
    )
    for tab, name in zip(tabs, ("stages", "functions", "activities", "contact_reasons")):
        with tab:
            _table(name, f"jmr_{name}")
    with tabs[4]:
        for name in ("channel_costs", "targets", "settings"):
            _table(name, f"jmr_{name}")
    with tabs[5]:
        st.subheader(t("jme_unmapped_activities"), anchor=False)
        _unmapped(acts, ACTIVITY_COLUMNS, "jmr_unmapped_activities")
        st.subheader(t("jme_unmapped_reasons"), anchor=False)
        listed = None if reasons is None else reasons[~reasons["no_reason_given"]]
        _unmapped(listed, REASON_COLUMNS, "jmr_unmapped_reasons")
