"""What changed in the journey map's themes, in words (for journey_map_diff.diff_summary, whose
empty result means "nothing to save"): e.g. "theme late_delivery: terms [myöhässä] -> [myöhässä, late]"."""

from __future__ import annotations

from typing import Any

from pipelines.journey_map import Theme

FIELDS = ("stage", "owner", "name_en", "name_fi", "terms", "exclude")


def _fmt(value: Any, field: str) -> str:
    if value is None:
        return "none"
    if isinstance(value, tuple):
        return "[" + ", ".join(value) + "]"
    return f'"{value}"' if field.startswith("name") else str(value)


def theme_changes(old: list[Theme], new: list[Theme]) -> list[str]:
    """Themes added, removed, changed field by field (owner with its default applied), and a
    changed order (the order pages list themes in)."""
    before = {t.id: t for t in old}
    after = {t.id: t for t in new}
    out = [f"theme {key} removed" for key in before if key not in after]
    for key, theme in after.items():
        if key not in before:
            out.append(
                f"theme {key} added: stage {_fmt(theme.stage, 'stage')}, owner {_fmt(theme.owner, 'owner')}, "
                f"terms {_fmt(theme.terms, 'terms')}"
            )
            continue
        for field in FIELDS:
            a, b = getattr(before[key], field), getattr(theme, field)
            if a != b:
                out.append(f"theme {key}: {field} {_fmt(a, field)} -> {_fmt(b, field)}")
    common_old = [t.id for t in old if t.id in after]
    common_new = [t.id for t in new if t.id in before]
    if common_old != common_new:
        out.append("theme order changed: " + ", ".join(t.id for t in new))
    return out
