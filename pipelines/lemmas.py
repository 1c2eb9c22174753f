"""Words of free text and their lemmas, Finnish and English (simplemma).

One tokenising rule for Python and SQL: the text is lowercased, and a word is a run of letters
(any alphabet, incl. å, ä, ö, é) joined by single hyphens ("pick-up"); digits, punctuation and
everything else separate words and are dropped. `TOKEN_PATTERN_SQL` is the same rule for DuckDB's
regexp_extract_all (tests/test_lemmas.py checks that both split texts alike).

A text is lemmatised as its language: 'fi', 'en', or - language unknown or another one - both
('fi+en': simplemma tries Finnish first, then English). simplemma is imported when a word is
first lemmatised; its dictionaries are opened as tries cached on disk (`_lemmatizer`), and callers
lemmatise only words not in the lemma cache (pipelines/lemma_cache.py).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from core.cache_folder import cache_root

if TYPE_CHECKING:
    from simplemma import Lemmatizer

LANGUAGE_KEYS: tuple[str, ...] = ("fi", "en", "fi+en")
UNKNOWN_LANGUAGE = "fi+en"
SIMPLEMMA_LANGUAGES: dict[str, str | tuple[str, ...]] = {"fi": "fi", "en": "en", "fi+en": ("fi", "en")}
# RE2 (DuckDB): letters joined by single hyphens; applied to lower(text)
TOKEN_PATTERN_SQL = r"\pL+(?:-\pL+)*"
# a word longer than this is its own lemma (a run of letters pasted without spaces, not a word)
MAX_WORD_LENGTH = 64
_WORD = re.compile(r"[^\s-]+(?:-[^\s-]+)*")


def language_key(language: str | None) -> str:
    """'fi' or 'en' for those languages (any case, spaces around), else 'fi+en'."""
    code = (language or "").strip().lower()
    return code if code in ("fi", "en") else UNKNOWN_LANGUAGE


def language_key_sql(column: str) -> str:
    """language_key as a SQL expression of a column (the models write the same case)."""
    return f"case lower(trim({column})) when 'fi' then 'fi' when 'en' then 'en' else '{UNKNOWN_LANGUAGE}' end"


def _fold(char: str) -> str:
    """One character lowercased as DuckDB's lower() does (one character stays one) if it is a
    letter or a hyphen, else a space."""
    low = char.lower()
    low = low[0] if low else char
    return low if low == "-" or low.isalpha() else " "


def tokenize(text: str | None) -> list[str]:
    """The words of a text, lowercased, in text order (same rule as TOKEN_PATTERN_SQL)."""
    if not text:
        return []
    return _WORD.findall("".join(map(_fold, text)))


def lemmatize(word: str, key: str) -> str:
    """The lemma of one lowercase word in language key 'fi', 'en' or 'fi+en'."""
    if key not in SIMPLEMMA_LANGUAGES:
        raise ValueError(f"unknown language key {key!r}; use one of {', '.join(LANGUAGE_KEYS)}")
    if not word or len(word) > MAX_WORD_LENGTH:
        return word
    lemma = _lemmatizer().lemmatize(word, SIMPLEMMA_LANGUAGES[key])
    return lemma.lower() if isinstance(lemma, str) and lemma.strip() else word


def cache_dir() -> Path:
    """Where simplemma's dictionaries are kept as tries: CX_CACHE_DIR, else the user's cache folder."""
    from simplemma import __version__

    return cache_root() / "simplemma" / __version__


@lru_cache(maxsize=1)
def _lemmatizer() -> Lemmatizer:
    """simplemma with its dictionaries as MARISA tries cached on disk: a process opens the Finnish
    one in ~2 ms instead of decoding 3.5M entries into a dict (2.2-2.7 s), the same lemmas (the
    same dictionary). The first process on a machine builds and saves it (~6 s); a folder it
    cannot write falls back to simplemma's own in-memory dictionaries."""
    from simplemma import Lemmatizer
    from simplemma.strategies.default import DefaultStrategy

    from pipelines.lemma_tries import AtomicTrieFactory

    folder = cache_dir()
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-probe-{os.getpid()}"
        probe.touch()
        probe.unlink()
    except OSError:
        return Lemmatizer()
    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=AtomicTrieFactory(folder)))


def lemmatize_pairs(pairs: Iterable[tuple[str, str]]) -> list[tuple[str, str, str]]:
    """(language key, word) -> (language key, word, lemma) for each pair."""
    return [(key, word, lemmatize(word, key)) for key, word in pairs]


def lemmas_of(text: str | None, language: str | None = None) -> list[str]:
    """The lemmas of a text's words in text order (for tests and small texts; the models read
    the cache)."""
    key = language_key(language)
    return [lemmatize(word, key) for word in tokenize(text)]
