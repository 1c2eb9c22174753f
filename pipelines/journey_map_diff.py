"""What changed from one journey map to another, in words, one item per change (the summary
journey_map_store stores with every saved version; empty means "nothing to save")."""

from __future__ import annotations

from typing import Any

from pipelines.journey_map import JourneyMap, load_journey_map_text
from pipelines.theme_changes import theme_changes


def _as_map(value: str | JourneyMap, label: str) -> JourneyMap:
    return value if isinstance(value, JourneyMap) else load_journey_map_text(value, label)


def _fmt(value: Any, quote: bool = False) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else f"{value:g}"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return f'"{value}"' if quote else str(value)


def _change(label: str, field: str, old: Any, new: Any) -> list[str]:
    if old == new:
        return []
    prefix = f"{label}: {field} " if field else f"{label}: "
    quote = field.startswith("name") or label == "company"
    return [f"{prefix}{_fmt(old, quote)} -> {_fmt(new, quote)}"]


def _keyed(
    old: dict[str, Any], new: dict[str, Any], label: str, describe: Any, fields: tuple[str, ...]
) -> list[str]:
    """Added, removed and changed entries of two id -> record mappings."""
    out: list[str] = []
    for key in old:
        if key not in new:
            out.append(f"{label} {key} removed")
    for key, record in new.items():
        if key not in old:
            detail = describe(record)
            out.append(f"{label} {key} added" + (f": {detail}" if detail else ""))
            continue
        for name in fields:
            out += _change(
                f"{label} {key}", name, getattr(old[key], name, old[key]), getattr(record, name, record)
            )
    return out


def diff_summary(old: str | JourneyMap, new: str | JourneyMap) -> list[str]:
    """What changed from one map to another, in words, one item per change
    (e.g. "stage delivery: sla_hours 48 -> 72"); empty when the maps mean the same."""
    a, b = _as_map(old, "old map"), _as_map(new, "new map")
    out = _change("company", "", a.company or None, b.company or None)
    for key in dict.fromkeys([*a.settings, *b.settings]):
        out += _change(f"setting {key}", "", a.settings.get(key), b.settings.get(key))
    out += _optional_numbers(a.targets, b.targets, "target")
    out += _keyed(
        {k: _Names(*v) for k, v in a.functions.items()},
        {k: _Names(*v) for k, v in b.functions.items()},
        "function",
        lambda r: f'"{r.name_en}"',
        ("name_en", "name_fi"),
    )
    out += _keyed(
        {s.id: s for s in a.stages},
        {s.id: s for s in b.stages},
        "stage",
        lambda s: f"owner {s.owner}",
        ("owner", "name_en", "name_fi", "sla_hours", "completes", "done_when", "promised"),
    )
    old_order = [s for s in a.stage_ids if s in b.stage_ids]
    new_order = [s for s in b.stage_ids if s in a.stage_ids]
    if old_order != new_order:
        out.append(f"stage order: {', '.join(a.stage_ids)} -> {', '.join(b.stage_ids)}")
    out += _rules_diff(a.activity_rules, b.activity_rules)
    out += _keyed(
        {r.reason: r for r in a.contact_reasons},
        {r.reason: r for r in b.contact_reasons},
        "reason",
        lambda r: f"stage {_fmt(r.stage)}, avoidable {_fmt(r.avoidable)}",
        ("stage", "owner", "avoidable", "name_en", "name_fi"),
    )
    out += _optional_numbers(a.channel_costs, b.channel_costs, "cost")
    out += theme_changes(a.themes, b.themes)
    return out


class _Names:
    """A function's names, compared field by field."""

    def __init__(self, name_en: str, name_fi: str):
        self.name_en, self.name_fi = name_en, name_fi


def _optional_numbers(old: dict[str, float], new: dict[str, float], label: str) -> list[str]:
    out: list[str] = []
    for key in dict.fromkeys([*old, *new]):
        if key not in new:
            out.append(f"{label} {key} removed (was {_fmt(old[key])})")
        elif key not in old:
            out.append(f"{label} {key} added: {_fmt(new[key])}")
        else:
            out += _change(f"{label} {key}", "", old[key], new[key])
    return out


def _rules_diff(old: list[tuple[str, str]], new: list[tuple[str, str]]) -> list[str]:
    first_old: dict[str, str] = {}
    for pattern, stage in old:
        first_old.setdefault(pattern, stage)
    first_new: dict[str, str] = {}
    for pattern, stage in new:
        first_new.setdefault(pattern, stage)
    out: list[str] = []
    for pattern, stage in first_old.items():
        if pattern not in first_new:
            out.append(f"rule {pattern} removed (was stage {stage})")
    for position, (pattern, stage) in enumerate(first_new.items(), start=1):
        if pattern not in first_old:
            out.append(f"rule {pattern} added at position {position}: stage {stage}")
        elif first_old[pattern] != stage:
            out.append(f"rule {pattern}: stage {first_old[pattern]} -> {stage}")
    common_old = [p for p, _ in old if p in first_new]
    common_new = [p for p, _ in new if p in first_old]
    if common_old != common_new:
        out.append("rule order changed (first match wins): " + ", ".join(p for p, _ in new))
    return out
