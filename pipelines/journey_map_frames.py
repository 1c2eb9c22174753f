"""The journey map as the map_* tables the SQL models join against (written by every refresh)."""

from __future__ import annotations

import pandas as pd

from pipelines.journey_map import JourneyMap


def like_pattern(pattern: str) -> str:
    """An activity pattern ('*' = anything) as a SQL LIKE pattern with escape '\\'."""
    return pattern.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_").replace("*", "%")


def journey_map_frames(jm: JourneyMap) -> dict[str, pd.DataFrame]:
    """The journey map as the map_* tables the pipelines join against."""
    return {
        "map_functions": pd.DataFrame(
            [(fid, en, fi) for fid, (en, fi) in jm.functions.items()],
            columns=["function_id", "name_en", "name_fi"],
        ),
        "map_stages": pd.DataFrame(
            [
                (
                    s.id,
                    s.order,
                    s.owner,
                    s.name_en,
                    s.name_fi,
                    s.sla_hours,
                    s.completes,
                    s.promised,
                    bool(s.done_when),
                )
                for s in jm.stages
            ],
            columns=[
                "stage",
                "stage_order",
                "owner",
                "name_en",
                "name_fi",
                "sla_hours",
                "completes_journey",
                "promised",
                "has_done_rule",
            ],
        ).astype({"sla_hours": "float64"}),
        "map_activity_rules": pd.DataFrame(
            [
                (i + 1, pattern, like_pattern(pattern), stage)
                for i, (pattern, stage) in enumerate(jm.activity_rules)
            ],
            columns=["rule_order", "pattern", "like_pattern", "stage"],
        ),
        "map_stage_done_rules": pd.DataFrame(
            [(s.id, pattern, like_pattern(pattern)) for s in jm.stages for pattern in s.done_when],
            columns=["stage", "pattern", "like_pattern"],
        ).astype(str),
        "map_contact_reasons": pd.DataFrame(
            [(r.reason, r.stage, r.owner, r.avoidable, r.name_en, r.name_fi) for r in jm.contact_reasons],
            columns=["reason", "stage", "owner", "avoidable", "name_en", "name_fi"],
        ),
        "map_channel_costs": pd.DataFrame(list(jm.channel_costs.items()), columns=["channel", "cost_eur"]),
        "map_targets": pd.DataFrame(list(jm.targets.items()), columns=["metric", "target"]),
        "map_settings": pd.DataFrame(
            [(k, float(v) if isinstance(v, (int, float)) else None, str(v)) for k, v in jm.settings.items()],
            columns=["key", "number", "text"],
        ),
    }
