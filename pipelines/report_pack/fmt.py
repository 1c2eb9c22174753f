"""Numbers and dates in the pack's language (HTML and PDF; the XLSX keeps numbers as numbers)."""

from __future__ import annotations

import math
from datetime import date, datetime

from pipelines.report_pack.text import Lang

NBSP, MINUS, DASH = "\u00a0", "\u2212", "–"
SCORE_DECIMALS = {"nps": 1, "csat": 1, "ces": 2}


def blank(x: object) -> bool:
    return x is None or (isinstance(x, float) and math.isnan(x))


def num(x: float | None, lang: Lang, decimals: int = 1, signed: bool = False) -> str:
    """1,234.5 / 1 234,5; a minus sign, '+' when signed; '–' when missing."""
    if blank(x):
        return DASH
    value = 0.0 if round(float(x), decimals) == 0 else float(x)
    text = f"{abs(value):,.{decimals}f}"
    if lang == "fi":
        text = text.replace(",", NBSP).replace(".", ",")
    sign = MINUS if value < 0 else "+" if signed and value > 0 else ""
    return sign + text


def share(x: float | None, lang: Lang) -> str:
    """A fraction as a whole percentage."""
    if blank(x):
        return DASH
    return num(100 * x, lang, 0) + (NBSP + "%" if lang == "fi" else "%")


def eur(x: float | None, lang: Lang) -> str:
    if blank(x):
        return DASH
    return f"{num(x, lang, 0)}{NBSP}€" if lang == "fi" else f"€{num(x, lang, 0)}"


def score(metric: str | None, x: float | None, lang: Lang, signed: bool = False) -> str:
    return num(x, lang, SCORE_DECIMALS.get(metric or "", 1), signed or metric == "nps")


def with_ci(
    metric: str | None, x: float | None, low: float | None, high: float | None, lang: Lang, signed: bool
) -> str:
    """'+4.5 (2.1 to 6.9)' / '+4,5 (2,1…6,9)'; '–' when the value is blank."""
    if blank(x):
        return DASH
    a, b = score(metric, low, lang, signed), score(metric, high, lang, signed)
    ci = f"{a}…{b}" if lang == "fi" else f"{a} to {b}"
    return f"{score(metric, x, lang, signed)} ({ci})"


def day(d: date | datetime | None, lang: Lang) -> str:
    if d is None:
        return DASH
    return f"{d.day}.{d.month}.{d.year}" if lang == "fi" else d.strftime("%Y-%m-%d")


def month_range(start: date, end: date) -> str:
    """'2026-05 – 2026-10' (the same in both languages)."""
    first, last = start.strftime("%Y-%m"), end.strftime("%Y-%m")
    return first if first == last else f"{first} – {last}"
