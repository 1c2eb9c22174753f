"""A theme rule's term (docs/journey-map.md "themes"): a word, a phrase, or a word with a wildcard.

A term is split into words by the comment tokeniser (pipelines/lemmas.py), so punctuation is
ignored and "Missä tilaukseni on?" is the phrase missä tilaukseni on. A word written `*suffix`
matches every lemma ending in the suffix (Finnish compounds put the head last: `*kuljetus`
matches kotiinkuljetus), `prefix*` every lemma starting with the prefix; a plain word and the
part after `*` are compared as lemmas, so "toimituksen" in a rule works like "toimitus".
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from pipelines.lemmas import tokenize

Match = Literal["exact", "prefix", "suffix"]
MAX_TERM_WORDS = 8


@dataclass(frozen=True)
class TermWord:
    match: Match
    word: str  # lowercase; for 'exact' and 'suffix' compared as its lemma, 'prefix' as written


class TermError(ValueError):
    """A term that cannot be matched; the message says why in the map's words."""


def _wildcard(piece: str) -> TermWord:
    core = piece.strip("*")
    stars = len(piece) - len(core)
    if not core or stars > 1 or "*" in core:
        raise TermError(
            f"{piece!r}: '*' may stand once, at the start or the end of a word (*kuljetus, lasku*)"
        )
    words = tokenize(core)
    if words != [core.lower()]:
        raise TermError(f"{piece!r}: a word with '*' must be letters (and hyphens) only")
    return TermWord("suffix" if piece.startswith("*") else "prefix", words[0])


def parse_term(text: object) -> tuple[TermWord, ...]:
    """The words of a term in order; TermError for a term without words or a misplaced '*'."""
    if not isinstance(text, str):
        raise TermError(f"{text!r} is not a text")
    words: list[TermWord] = []
    for piece in text.split():
        if "*" in piece:
            words.append(_wildcard(piece))
        else:
            words += [TermWord("exact", w) for w in tokenize(piece)]
    if not words:
        raise TermError(f"{text!r} has no words (letters)")
    if len(words) > MAX_TERM_WORDS:
        raise TermError(f"{text!r} has more than {MAX_TERM_WORDS} words; a phrase this long rarely recurs")
    return tuple(words)
