"""A small database for the comment-theme models: given comments and theme rules, build the lemma
cache and int_comment_lemmas / int_comment_themes with the real model SQL (no demo, no refresh)."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from typing import Any

import duckdb
import yaml

from core.db import table_exists
from pipelines.journey_map import DEFAULT_MAP_PATH, JourneyMap, parse_journey_map
from pipelines.journey_map_frames import theme_frames
from pipelines.lemma_cache import fill_lemma_cache
from pipelines.model_files import MODELS_DIR, discover_models

SCHEMA_DIR = MODELS_DIR.parent.parent / "core" / "schema"
RAW_DDL = (SCHEMA_DIR / "raw_survey_responses.sql").read_text(encoding="utf-8")
CONTACTS_DDL = (SCHEMA_DIR / "raw_contacts.sql").read_text(encoding="utf-8")
TEXT_MODELS = ("int_comment_lemmas", "int_comment_themes")


def demo_raw() -> dict[str, Any]:
    return yaml.safe_load(DEFAULT_MAP_PATH.read_text(encoding="utf-8"))


def map_with_themes(themes: list[dict[str, Any]] | None = None) -> JourneyMap:
    """The demo journey map, with these themes instead of its own (None: its own)."""
    doc = copy.deepcopy(demo_raw())
    if themes is not None:
        doc["themes"] = themes
    return parse_journey_map(doc, "test map")


def model_sql(name: str) -> str:
    return next(m.sql for m in discover_models() if m.name == name)


def add_comments(
    con: duckdb.DuckDBPyConnection,
    rows: Iterable[tuple[str, str | None, str | None, str | None]],
    batch: str = "b1",
) -> None:
    """(response_id, customer_id, language, comment) rows into raw_survey_responses."""
    con.execute(RAW_DDL)
    for response_id, customer, language, comment in rows:
        con.execute(
            "insert into raw_survey_responses (response_id, batch_id, survey, metric, score, scale_min, "
            "scale_max, customer_id, responded_at, comment, language) "
            "values (?, ?, 'relationship', 'nps', 5, 0, 10, ?, timestamp '2026-03-01 12:00', ?, ?)",
            [response_id, batch, customer, comment, language],
        )


def write_map(con: duckdb.DuckDBPyConnection, jm: JourneyMap) -> None:
    for name, frame in theme_frames(jm).items():
        con.register("frame_to_write", frame)
        con.execute(f"create or replace table {name} as select * from frame_to_write")
        con.unregister("frame_to_write")


def build(con: duckdb.DuckDBPyConnection, jm: JourneyMap, fill: bool = True) -> None:
    """The theme frames, the lemma cache and the two text models over raw_survey_responses and
    raw_contacts (their staging views are plain views over them here)."""
    write_map(con, jm)
    if not table_exists(con, "stg_survey_responses"):
        con.execute("create view stg_survey_responses as select * from raw_survey_responses")
    if not table_exists(con, "stg_contacts"):
        con.execute(CONTACTS_DDL)
        con.execute("create view stg_contacts as select * from raw_contacts")
    if fill:
        fill_lemma_cache(con)
    else:
        con.execute("create table if not exists text_lemmas (language varchar, token varchar, lemma varchar)")
    for name in TEXT_MODELS:
        con.execute(f"create or replace table {name} as\n{model_sql(name)}")


def themes_of(con: duckdb.DuckDBPyConnection) -> dict[str, set[str]]:
    """source_id -> the themes its text mentions (texts without a theme are left out)."""
    out: dict[str, set[str]] = {}
    for source_id, theme in con.execute("select source_id, theme from int_comment_themes").fetchall():
        out.setdefault(source_id, set()).add(theme)
    return out


def tag(texts: dict[str, tuple[str | None, str]], jm: JourneyMap) -> dict[str, set[str]]:
    """id -> (language, text) tagged by the map's themes: id -> set of themes (empty if none)."""
    con = duckdb.connect()
    try:
        add_comments(con, [(key, f"C{i}", lang, text) for i, (key, (lang, text)) in enumerate(texts.items())])
        build(con, jm)
        found = themes_of(con)
    finally:
        con.close()
    return {key: found.get(key, set()) for key in texts}
