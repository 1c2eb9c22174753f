"""Find the free-text comment column: by header words (EN/FI), else by its values (long, varied text)."""

from __future__ import annotations

import re

from surveys.date_values import family
from surveys.parsing import parse_score

# a header with one of these is the comment column (surveys.mapping's role words too)
COMMENT_HEADER_WORDS = (
    "comment",
    "kommentti",
    "open-ended",
    "open ended",
    "feedback",
    "palaute",
    "why",
    "miksi",
    "perustelu",
    "vapaa sana",
    "tell us",
    "anything else",
    "lisättävää",
)
# and these too, when the column's values also look like free text
COMMENT_WORDS = (
    *COMMENT_HEADER_WORDS,
    "reason",
    "syy",
    "explain",
    "kerro",
    "improve",
    "paranta",
    "suggestion",
    "ehdotus",
    "review text",
    "arvostelu",
)
_EMAIL = re.compile(r"^[\w.+-]+@[\w-]+(\.[\w-]+)+$")
MIN_MEAN_LENGTH = 20  # characters: shorter answers are codes, names or categories
MIN_DISTINCT = 0.6  # share of distinct values among the filled ones
MIN_TEXT_SHARE = 0.8  # share of filled values that are not numbers


def _words(header: str) -> bool:
    h = header.lower()
    return any(re.search(rf"\b{re.escape(w)}", h) if len(w) <= 3 else w in h for w in COMMENT_WORDS)


def text_profile(values: list) -> tuple[float, float, float] | None:
    """(share of text values, mean length, share distinct) of the filled values; None if none."""
    filled = [str(v).strip() for v in values if v is not None and str(v).strip()]
    if not filled:
        return None
    texts = [v for v in filled if parse_score(v) is None and not _EMAIL.match(v) and family(v) is None]
    mean = sum(len(v) for v in texts) / len(texts) if texts else 0.0
    return len(texts) / len(filled), mean, len(set(filled)) / len(filled)


def looks_free_text(values: list) -> bool:
    """Mostly non-numeric, long and varied: what people write, not codes or categories."""
    profile = text_profile(values)
    if profile is None:
        return False
    share, mean, distinct = profile
    return share >= MIN_TEXT_SHARE and mean >= MIN_MEAN_LENGTH and distinct >= MIN_DISTINCT


def pick_comment(columns: dict[str, list], used: set[str]) -> str | None:
    """The comment column: a header naming it whose values are varied text, else the longest free
    text, else a named column of few distinct answers (e.g. a contact reason category)."""
    named, categories, free = [], [], []
    for header, values in columns.items():
        if header in used:
            continue
        profile = text_profile(values)
        if _words(header) and (profile is None or profile[0] >= 0.5):
            filled = sum(1 for v in values if v is not None and str(v).strip())
            few_answers = (
                profile is not None and filled >= 20 and profile[2] < 0.3 and profile[1] < MIN_MEAN_LENGTH
            )
            (categories if few_answers else named).append((profile[1] if profile else 0.0, header))
        elif looks_free_text(values):
            free.append((profile[1] if profile else 0.0, header))
    for candidates in (named, free, categories):
        if candidates:
            return max(candidates, key=lambda c: c[0])[1]
    return None
