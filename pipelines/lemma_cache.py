"""The lemma cache `text_lemmas(language, token, lemma)`: every word of every text, lemmatised once.

Lemmatising is Python (simplemma), the models are SQL: before the models run, `fill_lemma_cache`
finds the (language key, word) pairs of all texts that the cache does not hold yet (one query),
lemmatises them and inserts them (one insert from a registered frame). Cache rows never change,
so the comments already built keep their lemmas and a refresh pays only for words it has not seen.
The words of the journey map's theme terms (map_theme_terms) are cached the same way, in every
language key, so a rule's "toimituksen" is lemmatised exactly as a comment's.

A text source is a raw table with an id, a customer, a language and a text column (`TEXT_SOURCES`);
int_comment_lemmas and int_note_lemmas read the same sources (through their staging views): a new
source is one entry here and one pair of lemma and theme models.
After an upgrade of simplemma, empty the cache (`delete from text_lemmas`) and refresh with --full.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import duckdb

from core.db import table_exists
from pipelines.lemmas import LANGUAGE_KEYS, TOKEN_PATTERN_SQL, language_key_sql, lemmatize_pairs

CACHE_TABLE = "text_lemmas"
CACHE_DDL = f"create table if not exists {CACHE_TABLE} (language varchar, token varchar, lemma varchar)"
TERMS_TABLE = "map_theme_terms"


@dataclass(frozen=True)
class TextSource:
    """Free text in a raw table: (source, source_id, customer_id, language, text) rows."""

    source: str  # the `source` value of its lemma model (int_comment_lemmas, int_note_lemmas)
    table: str
    id_column: str
    text_column: str
    language_column: str | None  # None: the texts' language is not known (lemmatised as fi+en)


TEXT_SOURCES: tuple[TextSource, ...] = (
    TextSource("response", "raw_survey_responses", "response_id", "comment", "language"),
    TextSource("contact", "raw_contacts", "contact_id", "note", None),
)


def _texts_sql(con: duckdb.DuckDBPyConnection, batches: Sequence[str] | None) -> tuple[str, list]:
    """(language key, text) of every text source (of the given batches only, if any), plus the
    words of the theme terms in every language key."""
    parts: list[str] = []
    params: list = []
    for src in TEXT_SOURCES:
        if not table_exists(con, src.table):
            continue
        where = f"{src.text_column} is not null"
        if batches is not None:
            where += " and batch_id in (select unnest(?::varchar[]))"
            params.append(list(batches))
        language = language_key_sql(src.language_column or "null")
        parts.append(
            f"select {language} as language, {src.text_column} as text from {src.table} where {where}"
        )
    if table_exists(con, TERMS_TABLE):
        keys = ", ".join(f"('{key}')" for key in LANGUAGE_KEYS)
        parts.append(
            f"select k.language, t.word as text from {TERMS_TABLE} as t "
            f"cross join (values {keys}) as k(language) where t.match <> 'prefix'"
        )
    return "\nunion all\n".join(parts), params


def missing_pairs(
    con: duckdb.DuckDBPyConnection, batches: Sequence[str] | None = None
) -> list[tuple[str, str]]:
    """The distinct (language key, word) pairs of the texts that the cache does not hold."""
    con.execute(CACHE_DDL)
    texts, params = _texts_sql(con, batches)
    if not texts:
        return []
    return con.execute(
        f"""
        with words as (
            select distinct language, unnest(regexp_extract_all(lower(text), '{TOKEN_PATTERN_SQL}')) as token
            from ({texts}))
        select language, token from words
        where not exists (
            select 1 from {CACHE_TABLE} as c where c.language = words.language and c.token = words.token)
        order by language, token""",
        params,
    ).fetchall()


def fill_lemma_cache(con: duckdb.DuckDBPyConnection, batches: Sequence[str] | None = None) -> int:
    """Lemmatise the words not in the cache yet and add them; returns how many were added.

    ``batches``: read only the texts of these import batches (an incremental refresh: the other
    texts' words are cached already); None reads every text. Runs inside the caller's transaction.
    """
    pairs = missing_pairs(con, batches)
    if not pairs:
        return 0
    import pandas as pd  # lazily: a refresh imports it anyway; a caller with nothing new does not

    frame = pd.DataFrame(lemmatize_pairs(pairs), columns=["language", "token", "lemma"], dtype="string")
    con.register("new_text_lemmas", frame)
    try:
        con.execute(f"insert into {CACHE_TABLE} select language, token, lemma from new_text_lemmas")
    finally:
        con.unregister("new_text_lemmas")
    return len(pairs)
