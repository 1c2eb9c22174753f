"""The journey map as the map_* tables the SQL models join against (written by every refresh)."""

from __future__ import annotations

import pandas as pd

from pipelines.journey_map import JourneyMap
from pipelines.theme_terms import parse_term

THEME_TERM_COLUMNS = ["theme", "kind", "term_order", "term", "position", "n_words", "match", "word"]


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
        **theme_frames(jm),
    }


def theme_frames(jm: JourneyMap) -> dict[str, pd.DataFrame]:
    """map_themes (one row per theme, in map order) and map_theme_terms (one row per word of each
    include or exclude term, as written: int_comment_themes compares exact and *suffix words as
    their lemmas from text_lemmas). Typed explicitly, so a map without themes gives the same
    column types."""
    themes = pd.DataFrame(
        [(t.id, t.name_fi, t.name_en, t.stage, t.owner, i + 1) for i, t in enumerate(jm.themes)],
        columns=["theme", "name_fi", "name_en", "stage", "owner", "theme_order"],
    )
    words = [
        (theme.id, kind, order, term, position, len(parsed), word.match, word.word)
        for theme in jm.themes
        for kind, terms in (("include", theme.terms), ("exclude", theme.exclude))
        for order, (term, parsed) in enumerate(((term, parse_term(term)) for term in terms), start=1)
        for position, word in enumerate(parsed, start=1)
    ]
    terms = pd.DataFrame(words, columns=THEME_TERM_COLUMNS)
    text = "string"
    return {
        "map_themes": themes.astype(
            {
                "theme": text,
                "name_fi": text,
                "name_en": text,
                "stage": text,
                "owner": text,
                "theme_order": "int64",
            }
        ),
        "map_theme_terms": terms.astype(
            {c: ("int64" if c in ("term_order", "position", "n_words") else text) for c in THEME_TERM_COLUMNS}
        ),
    }
