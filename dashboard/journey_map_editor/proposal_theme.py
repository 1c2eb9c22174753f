"""A proposed theme as a journey-map theme entry: its id (a slug of its name, unique in the map),
its terms from the form's text, and the map in effect with the theme added (no Streamlit here)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from pipelines.theme_terms import TermError, parse_term

MAX_ID_LENGTH = 40
FALLBACK_ID = "theme"


def slug(name: str) -> str:
    """A lowercase snake_case id from a name: accents dropped (ä -> a), anything else than a
    letter or digit -> '_', at most MAX_ID_LENGTH characters, starting with a letter."""
    ascii_text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode("ascii")
    text = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    if not text:
        return FALLBACK_ID
    if not text[0].isalpha():
        text = f"{FALLBACK_ID}_{text}"
    if len(text) > MAX_ID_LENGTH:  # cut at a word boundary when there is one
        cut = text[:MAX_ID_LENGTH]
        if text[MAX_ID_LENGTH] != "_" and "_" in cut:
            cut = cut.rsplit("_", 1)[0]
        text = cut.rstrip("_")
    return text


def unique_id(name: str, taken: set[str]) -> str:
    """slug(name), with _2, _3, ... appended while the id is already a theme's."""
    base = slug(name)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}_{n}"
    return candidate


def split_terms(text: str) -> list[str]:
    """The terms typed in the form: separated by commas (or new lines), blanks left out, each once."""
    out: list[str] = []
    for piece in re.split(r"[,\n]", text or ""):
        term = " ".join(piece.split())
        if term and term not in out:
            out.append(term)
    return out


def default_name(terms: list[str]) -> str:
    """A stand-in name from the proposal's terms ("toimitus, nopea" -> "Toimitus, nopea")."""
    text = ", ".join(terms)
    return text[:1].upper() + text[1:]


def theme_ids(doc: dict[str, Any]) -> set[str]:
    themes = doc.get("themes")
    if not isinstance(themes, list):
        return set()
    return {str(t["id"]) for t in themes if isinstance(t, dict) and isinstance(t.get("id"), str)}


def theme_entry(
    doc: dict[str, Any],
    name_en: str,
    name_fi: str,
    stage: str | None,
    owner: str | None,
    terms_text: str,
) -> dict[str, Any]:
    """The theme to add to ``doc`` (the map in effect): id from the English name (else the
    Finnish one), names given, stage, owner only when chosen (else the stage's), the terms."""
    names = {lang: value.strip() for lang, value in (("en", name_en), ("fi", name_fi)) if value.strip()}
    entry: dict[str, Any] = {
        "id": unique_id(names.get("en") or names.get("fi") or "", theme_ids(doc)),
        "name": names,
    }
    if stage:
        entry["stage"] = stage
    if owner:
        entry["owner"] = owner
    entry["terms"] = split_terms(terms_text)
    return entry


def with_theme(doc: dict[str, Any], entry: dict[str, Any]) -> dict[str, Any]:
    """A copy of the map document with the theme added after the existing ones."""
    themes = doc.get("themes")
    kept = list(themes) if isinstance(themes, list) else []
    return {**doc, "themes": [*kept, entry]}


def entry_problems(entry: dict[str, Any]) -> list[tuple[str, dict[str, str]]]:
    """What keeps the form's theme from being added, as (text key, its values), before the whole
    map is validated: a name, a stage or an owner, and terms that can match are needed."""
    found: list[tuple[str, dict[str, str]]] = []
    if not entry.get("name"):
        found.append(("tp_need_name", {}))
    if not entry.get("stage") and not entry.get("owner"):
        found.append(("tp_need_stage_or_owner", {}))
    if not entry.get("terms"):
        found.append(("tp_need_terms", {}))
    for term in entry.get("terms") or []:
        try:
            parse_term(term)
        except TermError as exc:
            found.append(("tp_bad_term", {"problem": str(exc)}))
    return found
