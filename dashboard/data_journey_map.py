"""Data for the journey map editor: the edited tables back to a journey map document and YAML,
who is editing, versions and refresh, and the unmapped activities and contact reasons (from the
mart_unmapped_* marts). Reading a map into tables: dashboard.data_journey_map_frames; locating
validation problems: dashboard.data_journey_map_problems."""

from __future__ import annotations

import getpass
import math
from datetime import datetime
from typing import Any, Literal

import duckdb
import pandas as pd
import streamlit as st
import yaml

from core.access import Actor
from core.db import table_exists
from dashboard.cached_query import cached_query
from pipelines import journey_map_store as store
from pipelines.journey_map_diff import diff_summary

# sections the page has no table for yet: kept as they are in the map being edited (edit them in the
# YAML file: Download & upload)
KEPT_SECTIONS = ("themes",)


# --- the edited tables back to a map ------------------------------------------------------


def _names(record: dict[str, Any]) -> dict[str, Any]:
    """{en, fi} with only the languages given (one is enough; the other falls back to it)."""
    return {lang: record[f"name_{lang}"] for lang in ("en", "fi") if record.get(f"name_{lang}")}


def clean(value: Any) -> Any:
    """A cell as a plain Python value: None for empty cells, whole floats as int."""
    if value is None:
        return None
    if hasattr(value, "item") and not isinstance(value, (str, bytes)):
        value = value.item()
    if isinstance(value, float):
        if math.isnan(value):
            return None
        return int(value) if value.is_integer() else value
    if isinstance(value, str):
        return value.strip() or None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


def _records(frame: pd.DataFrame, order: str | None = None) -> list[dict[str, Any]]:
    """Non-empty rows as cleaned dicts, sorted by the order column (empty order = at the end)."""
    rows = [{k: clean(v) for k, v in rec.items()} for rec in frame.to_dict("records")]
    rows = [r for r in rows if any(v not in (None, False) for k, v in r.items() if k != order)]
    if order:
        rows = sorted(rows, key=lambda r: math.inf if r.get(order) is None else float(r[order]))
    return rows


def document_from_frames(
    frames: dict[str, pd.DataFrame], company: str | None, version: Any = 1, kept: dict[str, Any] | None = None
) -> dict[str, Any]:
    """The journey map document the edited tables describe (not yet validated); the sections the
    page has no table for (KEPT_SECTIONS) are copied from ``kept``, the document being edited."""
    doc: dict[str, Any] = {"version": version}
    if company:
        doc["company"] = company
    settings = {r["key"]: r["value"] for r in _records(frames["settings"]) if r.get("value") is not None}
    if "timezone" in frames and not frames["timezone"].empty:
        zone = clean(frames["timezone"]["timezone"].iloc[0])
        if zone:
            settings["timezone"] = zone
    doc["settings"] = settings
    doc["targets"] = {
        r["metric"]: r["target"] for r in _records(frames["targets"]) if r.get("target") is not None
    }
    doc["functions"] = [{"id": r["id"], "name": _names(r)} for r in _records(frames["functions"])]
    stages = []
    for r in _records(frames["stages"], "order"):
        stage: dict[str, Any] = {"id": r["id"], "name": _names(r), "owner": r["owner"]}
        if r.get("sla_hours") is not None:
            stage["sla_hours"] = r["sla_hours"]
        if r.get("completes"):
            stage["completes"] = True
        patterns = [p.strip() for p in str(r.get("done_when") or "").split(",") if p.strip()]
        if patterns:
            stage["done_when"] = patterns
        if r.get("promised"):
            stage["promised"] = True
        stages.append(stage)
    doc["stages"] = stages
    doc["activities"] = [
        {"match": r["match"], "stage": r["stage"]} for r in _records(frames["activities"], "order")
    ]
    reasons = []
    for r in _records(frames["contact_reasons"]):
        reason: dict[str, Any] = {"reason": r["reason"]}
        if r.get("stage") is not None:
            reason["stage"] = r["stage"]
        if r.get("owner") is not None:
            reason["owner"] = r["owner"]
        reason["avoidable"] = bool(r.get("avoidable"))
        reason["name"] = _names(r)
        reasons.append(reason)
    doc["contact_reasons"] = reasons
    doc["channel_costs"] = {
        r["channel"]: r["cost_eur"]
        for r in _records(frames["channel_costs"])
        if r.get("cost_eur") is not None
    }
    for key in KEPT_SECTIONS:
        if kept and key in kept:
            doc[key] = kept[key]
    return doc


def to_yaml(doc: dict[str, Any], changed_by: str = "") -> str:
    """The document as YAML text in the file's style, with a header saying where it came from."""
    header = (
        "# Journey map saved from the dashboard's journey map editor"
        + (f" by {changed_by}" if changed_by else "")
        + f" at {datetime.now():%Y-%m-%d %H:%M}.\n"
        "# Documented in docs/journey-map.md.\n"
    )
    body = yaml.safe_dump(doc, sort_keys=False, allow_unicode=True, default_flow_style=None, width=100)
    return header + body


# --- who is editing ---------------------------------------------------------------------


def default_user() -> str:
    """The logged-in user's name or e-mail, else the operating-system user."""
    try:
        if st.user.is_logged_in:
            for key in ("name", "email", "preferred_username"):
                value = st.user.get(key)
                if value:
                    return str(value)
    except Exception:  # authentication not configured
        pass
    try:
        return getpass.getuser()
    except Exception:
        return ""


# --- versions, refresh ------------------------------------------------------------------


def active(cur: duckdb.DuckDBPyConnection) -> tuple[str, str]:
    """(YAML text, source) of the map in effect for the next refresh."""
    return store.active_map_text(cur)


def last_refresh_source(cur: duckdb.DuckDBPyConnection) -> str | None:
    """The journey map the data was last refreshed with (mart_refresh_log.journey_map)."""
    from pipelines.refresh_plan import last_map_source

    return last_map_source(cur)


def refresh_data(cur: duckdb.DuckDBPyConnection) -> dict:
    """Bring the models up to the stored map: after a change of the map alone, only the models
    that read what changed are rebuilt (pipelines/map_scope.py)."""
    from pipelines.incremental import refresh_changed

    result = refresh_changed(cur)
    st.cache_data.clear()  # every page shows the re-attributed data
    return result


def save_and_refresh(cur: duckdb.DuckDBPyConnection, yaml_text: str, changed_by: Actor) -> int | None:
    """Store a new version and rebuild the models with it; a failed rebuild removes the version
    again. None when nothing changed. Raises JourneyMapError or RefreshError."""
    version = store.save_version(cur, yaml_text, changed_by)
    if version is not None:
        _refresh_or_undo(cur, version)
    return version


def restore_and_refresh(cur: duckdb.DuckDBPyConnection, version: int, changed_by: Actor) -> int | None:
    """Store an earlier version again as the newest one and rebuild the models with it."""
    new_version = store.restore(cur, version, changed_by)
    if new_version is not None:
        _refresh_or_undo(cur, new_version)
    return new_version


def _refresh_or_undo(cur: duckdb.DuckDBPyConnection, version: int) -> None:
    try:
        refresh_data(cur)
    except Exception:
        store.delete_version(cur, version)
        raise


def history(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return store.history(cur)


def diff(old_text: str, new_text: str) -> list[str]:
    return diff_summary(old_text, new_text)


# --- what falls out of the analysis -----------------------------------------------------

UnmappedMart = Literal["mart_unmapped_activities", "mart_unmapped_reasons"]


@cached_query(max_entries=16)
def _unmapped(cur: duckdb.DuckDBPyConnection, mart: UnmappedMart) -> pd.DataFrame | None:
    if not table_exists(cur, mart):
        return None
    volume = "events" if mart == "mart_unmapped_activities" else "contacts"
    return cur.execute(f"select * from {mart} order by {volume} desc, 1").df()


def unmapped_activities() -> pd.DataFrame | None:
    """mart_unmapped_activities, biggest first; None when the mart has not been built yet."""
    return _unmapped("mart_unmapped_activities")


def unmapped_reasons() -> pd.DataFrame | None:
    """mart_unmapped_reasons, biggest first; None when the mart has not been built yet."""
    return _unmapped("mart_unmapped_reasons")
