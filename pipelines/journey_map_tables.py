"""The journey map as the rows of its map_* tables, without pandas: what the refresh hashes to
tell whether the map changed (an incremental refresh must not pay pandas' ~0.3-0.5 s import,
issue 15). journey_map_frames.py turns these tables into the DataFrames a full refresh writes."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from typing import Any

from pipelines.journey_map import JourneyMap
from pipelines.theme_terms import parse_term

THEME_TERM_COLUMNS = ("theme", "kind", "term_order", "term", "position", "n_words", "match", "word")

# a column's type when it is not left to pandas' inference: float64, int64, string (pd.NA for
# None) or str (astype(str): every value through str(), None included)
Kind = str


@dataclass(frozen=True)
class MapTable:
    """One map_* table: its columns, rows and the columns whose type is set rather than inferred."""

    columns: tuple[str, ...]
    rows: list[tuple[Any, ...]]
    kinds: dict[str, Kind] = field(default_factory=dict)

    def column_kind(self, index: int) -> Kind:
        """The type pandas gives the column (inferred from its values unless set in ``kinds``)."""
        name = self.columns[index]
        if name in self.kinds:
            return self.kinds[name]
        return inferred_kind([row[index] for row in self.rows])


def inferred_kind(values: list[Any]) -> Kind:
    """pandas' type for a column built from these Python values (None, bool, int, float, str)."""
    present = [v for v in values if v is not None]
    missing = len(present) < len(values)
    if not present:
        return "object"
    if all(isinstance(v, bool) for v in present):
        return "object" if missing else "bool"
    if all(isinstance(v, int) and not isinstance(v, bool) for v in present):
        return "float64" if missing else "int64"
    if all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in present):
        return "float64"
    return "object"


def cell_text(value: Any, kind: Kind) -> Any:
    """A value as pandas' to_csv writes it in a column of that type (None: empty)."""
    if kind == "str":
        return str(value)
    if value is None:
        return ""
    if kind == "float64":
        return repr(float(value))
    if kind == "int64":
        return str(int(value))
    return value if isinstance(value, float) else str(value)


def csv_text(table: MapTable) -> str:
    """The table as pandas' ``DataFrame.to_csv(index=False)`` writes it (the same csv writer)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(table.columns)
    kinds = [table.column_kind(i) for i in range(len(table.columns))]
    for row in table.rows:
        writer.writerow([cell_text(v, k) for v, k in zip(row, kinds, strict=True)])
    return out.getvalue()


def like_pattern(pattern: str) -> str:
    """An activity pattern ('*' = anything) as a SQL LIKE pattern with escape '\\'."""
    return pattern.replace("\\", "\\\\").replace("%", r"\%").replace("_", r"\_").replace("*", "%")


def journey_map_tables(jm: JourneyMap) -> dict[str, MapTable]:
    """The journey map as the map_* tables the pipelines join against."""
    return {
        "map_functions": MapTable(
            ("function_id", "name_en", "name_fi"),
            [(fid, en, fi) for fid, (en, fi) in jm.functions.items()],
        ),
        "map_stages": MapTable(
            (
                "stage",
                "stage_order",
                "owner",
                "name_en",
                "name_fi",
                "sla_hours",
                "completes_journey",
                "promised",
                "has_done_rule",
            ),
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
            {"sla_hours": "float64"},
        ),
        "map_activity_rules": MapTable(
            ("rule_order", "pattern", "like_pattern", "stage"),
            [
                (i + 1, pattern, like_pattern(pattern), stage)
                for i, (pattern, stage) in enumerate(jm.activity_rules)
            ],
        ),
        "map_stage_done_rules": MapTable(
            ("stage", "pattern", "like_pattern"),
            [(s.id, pattern, like_pattern(pattern)) for s in jm.stages for pattern in s.done_when],
            {"stage": "str", "pattern": "str", "like_pattern": "str"},
        ),
        "map_contact_reasons": MapTable(
            ("reason", "stage", "owner", "avoidable", "name_en", "name_fi"),
            [(r.reason, r.stage, r.owner, r.avoidable, r.name_en, r.name_fi) for r in jm.contact_reasons],
        ),
        "map_channel_costs": MapTable(("channel", "cost_eur"), list(jm.channel_costs.items())),
        "map_targets": MapTable(("metric", "target"), list(jm.targets.items())),
        "map_settings": MapTable(
            ("key", "number", "text"),
            [(k, float(v) if isinstance(v, (int, float)) else None, str(v)) for k, v in jm.settings.items()],
        ),
        **theme_tables(jm),
    }


def theme_tables(jm: JourneyMap) -> dict[str, MapTable]:
    """map_themes (one row per theme, in map order) and map_theme_terms (one row per word of each
    include or exclude term, as written: int_comment_themes compares exact and *suffix words as
    their lemmas from text_lemmas). Typed explicitly, so a map without themes gives the same
    column types."""
    themes = MapTable(
        ("theme", "name_fi", "name_en", "stage", "owner", "theme_order"),
        [(t.id, t.name_fi, t.name_en, t.stage, t.owner, i + 1) for i, t in enumerate(jm.themes)],
        {"theme": "string", "name_fi": "string", "name_en": "string", "stage": "string", "owner": "string"}
        | {"theme_order": "int64"},
    )
    words = [
        (theme.id, kind, order, term, position, len(parsed), word.match, word.word)
        for theme in jm.themes
        for kind, terms in (("include", theme.terms), ("exclude", theme.exclude))
        for order, (term, parsed) in enumerate(((term, parse_term(term)) for term in terms), start=1)
        for position, word in enumerate(parsed, start=1)
    ]
    terms = MapTable(
        THEME_TERM_COLUMNS,
        words,
        {
            c: ("int64" if c in ("term_order", "position", "n_words") else "string")
            for c in THEME_TERM_COLUMNS
        },
    )
    return {"map_themes": themes, "map_theme_terms": terms}
