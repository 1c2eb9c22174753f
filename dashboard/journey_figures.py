"""The Journey page's stages and their words, shared by its figures (dashboard/journey_heatmap.py,
journey_heatmap_spec.py, journey_flow.py): the stages shown under the filters, stage and owner
labels, the measures' names and texts, and the colour scale of "worse"."""

from __future__ import annotations

import math

import pandas as pd

from dashboard import filters, i18n
from dashboard.i18n import t

RATE_MEASURES = ("failure_rate", "late_rate", "friction_rate", "contacts_per_100", "avoidable_share")
MEASURE_KEYS = {
    "reach_rate": "journey_measure_reach",
    "failure_rate": "journey_measure_failure",
    "late_rate": "journey_measure_late",
    "friction_rate": "journey_measure_friction",
    "contacts_per_100": "journey_measure_contacts",
    "avoidable_share": "journey_measure_avoidable",
}
END_KEYS = {
    "(end)": "journey_node_end",
    "(dropped)": "journey_node_dropped",
    "(in progress)": "journey_node_in_progress",
}
WORSE = [[0.0, "#f7f7f5"], [0.35, "#f6c58f"], [0.7, "#e8743b"], [1.0, "#b2182b"]]


def shown_stages(stage_table: pd.DataFrame, f: filters.Filters) -> pd.DataFrame:
    """The journey map's stages in journey order, limited by the stage and owner filters."""
    shown = stage_table
    if f.stages:
        shown = shown[shown["stage"].isin(f.stages)]
    if f.owners:
        shown = shown[shown["owner"].isin(f.owners)]
    return shown.reset_index(drop=True)


def stage_label(stage: str, stage_table: pd.DataFrame) -> str:
    """A stage's name in the current language; end nodes and unknown ids readable too."""
    if stage in END_KEYS:
        return t(END_KEYS[stage])
    row = stage_table[stage_table["stage"] == stage]
    return i18n.localized(row.iloc[0]) if not row.empty else stage


def owner_label(row: pd.Series) -> str:
    return (
        i18n.localized(row, "owner_name") if isinstance(row.get("owner_name_en"), str) else str(row["owner"])
    )


def flat(label: str) -> str:
    """A column label without its line breaks (for hover texts)."""
    return label.replace("-<br>", "").replace("<br>", " ")


def rate_text(measure: str, value: float | None) -> str:
    """A rate measure's value as text: contacts per 100 as a number, the others as a percentage."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    if measure == "contacts_per_100":
        return i18n.fmt_number(value, 1)
    return i18n.fmt_share(value, 1)
