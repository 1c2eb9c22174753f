"""Data for the journey map editor: the map as editable tables and back, validation messages,
versions, and the unmapped activities and contact reasons (from the mart_unmapped_* marts)."""

from __future__ import annotations

import getpass
import math
import re
from datetime import datetime
from typing import Any, Literal

import duckdb
import pandas as pd
import streamlit as st
import yaml

from core.db import table_exists
from core.yaml_text import load_yaml
from dashboard.cached_query import cached_query
from pipelines import journey_map_store as store
from pipelines.journey_map import CHANNELS, METRICS, SETTINGS_DEFAULTS, JourneyMapError

COLUMNS: dict[str, list[str]] = {
    "functions": ["id", "name_en", "name_fi"],
    "stages": [
        "order",
        "id",
        "name_en",
        "name_fi",
        "owner",
        "sla_hours",
        "completes",
        "done_when",
        "promised",
    ],
    "activities": ["order", "match", "stage"],
    "contact_reasons": ["reason", "name_en", "name_fi", "stage", "owner", "avoidable"],
    "channel_costs": ["channel", "cost_eur"],
    "targets": ["metric", "target"],
    "settings": ["key", "value"],
    "timezone": ["timezone"],
}
NUMBER_SETTINGS = [k for k, v in SETTINGS_DEFAULTS.items() if isinstance(v, (int, float))]
# sections the page has no table for yet: kept as they are in the map being edited (edit them in the
# YAML file: Download & upload)
KEPT_SECTIONS = ("themes",)
ENTRY_ID = {
    "themes": "id",
    "functions": "id",
    "stages": "id",
    "activities": "match",
    "contact_reasons": "reason",
}
PROBLEM_LINE = re.compile(  # e.g. functions[0].name.en, themes[15].terms[0]
    r"^(?P<section>[a-z_]+)(?:\[(?P<index>\d+)\])?(?:\.(?P<field>[a-z_]+))?(?:\[(?P<item>\d+)\])?"
    r"(?:\.(?P<sub>[a-z_]+))?: (?P<message>.*)$"
)


# --- the map as tables ------------------------------------------------------------------


def parse_document(text: str) -> dict[str, Any]:
    """The YAML text as a mapping ({} when it is not one)."""
    try:
        doc = load_yaml(text)  # bounded (core.yaml_text): an alias bomb is refused
    except yaml.YAMLError:
        return {}
    return doc if isinstance(doc, dict) else {}


def _items(doc: dict[str, Any], key: str) -> list[dict[str, Any]]:
    value = doc.get(key)
    return [item for item in value if isinstance(item, dict)] if isinstance(value, list) else []


def _mapping(doc: dict[str, Any], key: str) -> dict[str, Any]:
    value = doc.get(key)
    return value if isinstance(value, dict) else {}


def _name(item: dict[str, Any], lang: str) -> str | None:
    name = item.get("name")
    return str(name[lang]) if isinstance(name, dict) and name.get(lang) is not None else None


def _number(value: Any) -> float:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else math.nan


def frames_from_document(doc: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """One editable table per section of the map (tolerates an invalid document)."""
    functions = [(f.get("id"), _name(f, "en"), _name(f, "fi")) for f in _items(doc, "functions")]
    stages = [
        (
            i + 1,
            s.get("id"),
            _name(s, "en"),
            _name(s, "fi"),
            s.get("owner"),
            _number(s.get("sla_hours")),
            s.get("completes") is True,
            _patterns(s.get("done_when")),
            s.get("promised") is True,
        )
        for i, s in enumerate(_items(doc, "stages"))
    ]
    rules = [(i + 1, r.get("match"), r.get("stage")) for i, r in enumerate(_items(doc, "activities"))]
    reasons = [
        (
            r.get("reason"),
            _name(r, "en"),
            _name(r, "fi"),
            r.get("stage"),
            r.get("owner"),
            r.get("avoidable") is True,
        )
        for r in _items(doc, "contact_reasons")
    ]
    costs = _mapping(doc, "channel_costs")
    targets = _mapping(doc, "targets")
    settings = {**SETTINGS_DEFAULTS, **_mapping(doc, "settings")}
    frames = {
        "functions": pd.DataFrame(functions, columns=COLUMNS["functions"], dtype=object),
        "stages": pd.DataFrame(stages, columns=COLUMNS["stages"]),
        "activities": pd.DataFrame(rules, columns=COLUMNS["activities"]),
        "contact_reasons": pd.DataFrame(reasons, columns=COLUMNS["contact_reasons"]),
        "channel_costs": pd.DataFrame(
            [(c, _number(costs.get(c))) for c in [*CHANNELS, *(k for k in costs if k not in CHANNELS)]],
            columns=COLUMNS["channel_costs"],
        ),
        "targets": pd.DataFrame([(m, _number(targets.get(m))) for m in METRICS], columns=COLUMNS["targets"]),
        "settings": pd.DataFrame(
            [(k, _number(settings.get(k))) for k in NUMBER_SETTINGS], columns=COLUMNS["settings"]
        ),
        "timezone": pd.DataFrame(
            [(str(settings.get("timezone") or SETTINGS_DEFAULTS["timezone"]),)], columns=COLUMNS["timezone"]
        ),
    }
    for name in ("stages", "activities", "contact_reasons"):
        text_columns = [
            c for c in COLUMNS[name] if c not in ("order", "sla_hours", "completes", "avoidable", "promised")
        ]
        frames[name] = frames[name].astype({c: object for c in text_columns})
    frames["stages"] = frames["stages"].astype({"order": "float64", "sla_hours": "float64"})
    frames["activities"] = frames["activities"].astype({"order": "float64"})
    return frames


def _patterns(value: Any) -> str | None:
    """done_when as the editor shows it: patterns separated by commas."""
    if isinstance(value, str):
        return value
    if isinstance(value, list):
        return ", ".join(str(v) for v in value if v is not None) or None
    return None


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


def problems(error: JourneyMapError, doc: dict[str, Any] | None = None) -> list[tuple[dict[str, Any], str]]:
    """Each problem of a JourneyMapError as (where, message): where has section, entry
    (the id of the entry, else its row number) and field; the message is the validator's."""
    text = str(error)
    lines = [line[4:] for line in text.splitlines() if line.startswith("  - ")]
    if not lines:
        return [({}, text)]
    out = []
    for line in lines:
        match = PROBLEM_LINE.match(line)
        if not match:
            out.append(({}, line))
            continue
        where: dict[str, Any] = {"section": match["section"], "field": match["sub"] or match["field"]}
        if match["index"] is not None:
            index = int(match["index"])
            where["row"] = index + 1
            items = (doc or {}).get(match["section"])
            if isinstance(items, list) and index < len(items) and isinstance(items[index], dict):
                entry = items[index].get(ENTRY_ID.get(match["section"], "id"))
                if isinstance(entry, str) and entry:
                    where["entry"] = entry
            if match["sub"]:  # e.g. functions[0].name.en
                where["field"] = f"{match['field']}_{match['sub']}"
        out.append((where, match["message"]))
    return out


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
    if not table_exists(cur, "mart_refresh_log"):
        return None
    rows = cur.execute(
        "select journey_map from mart_refresh_log order by refreshed_at desc limit 1"
    ).fetchall()
    return rows[0][0] if rows else None


def refresh_data(cur: duckdb.DuckDBPyConnection) -> dict:
    from pipelines.runner import refresh

    result = refresh(cur)
    st.cache_data.clear()  # every page shows the re-attributed data
    return result


def save_and_refresh(cur: duckdb.DuckDBPyConnection, yaml_text: str, changed_by: str) -> int | None:
    """Store a new version and rebuild the models with it; a failed rebuild removes the version
    again. None when nothing changed. Raises JourneyMapError or RefreshError."""
    version = store.save_version(cur, yaml_text, changed_by)
    if version is not None:
        _refresh_or_undo(cur, version)
    return version


def restore_and_refresh(cur: duckdb.DuckDBPyConnection, version: int, changed_by: str) -> int | None:
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
    return store.diff_summary(old_text, new_text)


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
