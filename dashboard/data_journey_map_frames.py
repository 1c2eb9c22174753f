"""The journey map document as editable tables, one per section (tolerates an invalid document)."""

from __future__ import annotations

import math
from typing import Any

import pandas as pd
import yaml

from core.yaml_text import load_yaml
from pipelines.journey_map import CHANNELS, METRICS, SETTINGS_DEFAULTS

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
