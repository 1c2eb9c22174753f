"""Language selection, translated texts and number/date formatting (English and Finnish).

Every user-visible string goes through ``t("key", **fmt)``. The current language lives in
``st.session_state["lang"]`` (mirrored in the URL query parameter ``lang``); English is the
default. Finnish formatting uses a decimal comma, a non-breaking space as the thousands
separator, ``d.m.yyyy`` dates and a space before the percent sign.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any, Literal

import streamlit as st

from core.metrics import Metric
from dashboard.strings import STRINGS

LangCode = Literal["en", "fi"]
LANGS: dict[LangCode, str] = {"en": "English", "fi": "Suomi"}
DEFAULT_LANG: LangCode = "en"
LANG_KEY = "lang"
NBSP = "\u00a0"
MINUS = "\u2212"

_MONTHS = {
    "en": [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ],
    "fi": [
        "tammikuu",
        "helmikuu",
        "maaliskuu",
        "huhtikuu",
        "toukokuu",
        "kesäkuu",
        "heinäkuu",
        "elokuu",
        "syyskuu",
        "lokakuu",
        "marraskuu",
        "joulukuu",
    ],
}
_MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "fi": [
        "tammi",
        "helmi",
        "maalis",
        "huhti",
        "touko",
        "kesä",
        "heinä",
        "elo",
        "syys",
        "loka",
        "marras",
        "joulu",
    ],
}


_DAYS = {  # Sunday first, as Plotly's locales
    "en": ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"],
    "fi": ["sunnuntai", "maanantai", "tiistai", "keskiviikko", "torstai", "perjantai", "lauantai"],
}
_DAYS_SHORT = {
    "en": ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"],
    "fi": ["su", "ma", "ti", "ke", "to", "pe", "la"],
}


def lang() -> LangCode:
    """The current language code ('en' or 'fi')."""
    try:
        value = st.session_state.get(LANG_KEY, DEFAULT_LANG)
    except Exception:  # outside a Streamlit run (unit tests of formatting helpers)
        value = DEFAULT_LANG
    return value if value in LANGS else DEFAULT_LANG


def parse_lang(value: Any) -> LangCode | None:
    """A language code from a query parameter, or None when it is not one we support."""
    if isinstance(value, str) and value.strip().lower() in LANGS:
        return value.strip().lower()
    return None


def t(key: str, /, lang_code: LangCode | None = None, **fmt: Any) -> str:
    """The text for ``key`` in the current language, formatted with ``fmt``.

    A missing key shows the key itself in brackets so a gap is visible, not a crash.
    """
    code = lang_code or lang()
    entry = STRINGS.get(key)
    if entry is None:
        return f"[{key}]"
    text = entry.get(code) or entry.get(DEFAULT_LANG) or f"[{key}]"
    return text.format(**fmt) if fmt else text


def t_count(key: str, count: int | float | None, /, lang_code: LangCode | None = None, **fmt: Any) -> str:
    """``t(key)``, or ``t(key + "_one")`` when ``count`` is exactly 1 and that text exists
    ("1 row", "1 rivi"; both languages use the singular for one only)."""
    one = f"{key}_one"
    return t(one if count == 1 and one in STRINGS else key, lang_code, **fmt)


def has(key: str) -> bool:
    return key in STRINGS


# --- numbers ------------------------------------------------------------------------


def _finite(x: Any) -> bool:
    return x is not None and not (isinstance(x, float) and math.isnan(x))


def fmt_number(
    x: float | int | None, decimals: int = 1, signed: bool = False, lang_code: LangCode | None = None
) -> str:
    """A number in the language's notation; '–' for a missing value.

    English: 1,234.5 / −3.2. Finnish: 1 234,5 / −3,2 (non-breaking space, decimal comma).
    ``signed`` adds '+' to positive values (for differences and NPS).
    """
    if not _finite(x):
        return "–"
    code = lang_code or lang()
    # 12 significant digits first: a sum whose last bits depend on the order it was added in
    # (DuckDB's parallel sums, Spark's partitions) shows the same, also at a .5 boundary
    value = float(f"{float(x):.12g}")
    if round(value, decimals) == 0:
        value = 0.0  # no "−0.0"
    text = f"{abs(value):,.{decimals}f}"
    if code == "fi":
        text = text.replace(",", NBSP).replace(".", ",")
    if value < 0:
        text = MINUS + text
    elif signed and value > 0:
        text = "+" + text
    return text


def fmt_int(x: float | int | None, lang_code: LangCode | None = None) -> str:
    return fmt_number(x, 0, lang_code=lang_code)


def fmt_percent(x: float | None, decimals: int = 1, lang_code: LangCode | None = None) -> str:
    """A percentage given in percent units (84.2 -> '84.2%' / '84,2 %')."""
    if not _finite(x):
        return "–"
    code = lang_code or lang()
    number = fmt_number(x, decimals, lang_code=code)
    return f"{number}{NBSP}%" if code == "fi" else f"{number}%"


def fmt_share(x: float | None, decimals: int = 0, lang_code: LangCode | None = None) -> str:
    """A fraction 0..1 as a percentage."""
    return fmt_percent(None if not _finite(x) else 100.0 * float(x), decimals, lang_code)


def fmt_p(p: float | None, lang_code: LangCode | None = None) -> str:
    """A p-value: three decimals, '< 0.001' for very small ones."""
    if not _finite(p):
        return "–"
    if p < 0.001:
        return "<" + NBSP + fmt_number(0.001, 3, lang_code=lang_code)
    return fmt_number(p, 3, lang_code=lang_code)


def fmt_eur(x: float | None, lang_code: LangCode | None = None) -> str:
    """Whole euros: '€1,234' / '1 234 €'; '–' for a missing value."""
    if not _finite(x):
        return "–"
    number = fmt_number(x, 0, lang_code=lang_code)
    return f"{number}{NBSP}€" if (lang_code or lang()) == "fi" else f"€{number}"


def fmt_range(
    low: float | None,
    high: float | None,
    decimals: int = 1,
    signed: bool = False,
    lang_code: LangCode | None = None,
) -> str:
    """'low to high' in English, 'low…high' in Finnish."""
    a = fmt_number(low, decimals, signed, lang_code)
    b = fmt_number(high, decimals, signed, lang_code)
    return f"{a}…{b}" if (lang_code or lang()) == "fi" else f"{a} to {b}"


# --- metric values ---------------------------------------------------------------------

METRIC_DECIMALS: dict[Metric, int] = {"nps": 1, "csat": 1, "ces": 2}


def fmt_metric(metric: Metric, value: float | None, lang_code: LangCode | None = None) -> str:
    """A score in its metric's units: NPS '+32.4', CSAT '84.2%', CES '5.41'."""
    if metric == "nps":
        return fmt_number(value, 1, signed=True, lang_code=lang_code)
    if metric == "csat":
        return fmt_percent(value, 1, lang_code=lang_code)
    return fmt_number(value, 2, lang_code=lang_code)


def fmt_metric_plain(metric: Metric, value: float | None, lang_code: LangCode | None = None) -> str:
    """A score without unit sign decoration (for ranges and axes)."""
    return fmt_number(value, METRIC_DECIMALS.get(metric, 1), signed=metric == "nps", lang_code=lang_code)


def fmt_metric_delta(metric: Metric, delta: float | None, lang_code: LangCode | None = None) -> str:
    """A difference in the metric's units: '+4.1 points', '−2.3 pp', '+0.12'."""
    number = fmt_number(delta, METRIC_DECIMALS.get(metric, 1), signed=True, lang_code=lang_code)
    return t(f"unit_{metric}_delta", lang_code=lang_code, value=number)


def metric_label(metric: Metric, long: bool = False, lang_code: LangCode | None = None) -> str:
    return t(f"metric_{metric}_long" if long else f"metric_{metric}", lang_code=lang_code)


# --- dates -----------------------------------------------------------------------------


def fmt_month(d: date, short: bool = True, lang_code: LangCode | None = None) -> str:
    """'Mar 2025' / 'maalis 2025' (short) or 'March 2025' / 'maaliskuu 2025'."""
    code = lang_code or lang()
    names = (_MONTHS_SHORT if short else _MONTHS)[code]
    return f"{names[d.month - 1]} {d.year}"


def month_names(short: bool = True, lang_code: LangCode | None = None) -> list[str]:
    """January to December in the language ('tammi'…'joulu' / 'tammikuu'…'joulukuu')."""
    return list((_MONTHS_SHORT if short else _MONTHS)[lang_code or lang()])


def day_names(short: bool = True, lang_code: LangCode | None = None) -> list[str]:
    """Sunday to Saturday in the language ('su'…'la' / 'sunnuntai'…'lauantai')."""
    return list((_DAYS_SHORT if short else _DAYS)[lang_code or lang()])


def fmt_month_range(start: date, end: date, lang_code: LangCode | None = None) -> str:
    """A month range: 'Jan–Mar 2025', 'Nov 2024–Jan 2025' or a single month."""
    code = lang_code or lang()
    if (start.year, start.month) == (end.year, end.month):
        return fmt_month(start, short=False, lang_code=code)
    names = _MONTHS_SHORT[code]
    if start.year == end.year:
        return f"{names[start.month - 1]}–{names[end.month - 1]} {end.year}"
    return f"{fmt_month(start, lang_code=code)}–{fmt_month(end, lang_code=code)}"


def _fmt_day(d: date, code: LangCode) -> str:
    """'23 Nov 2025' / '23.11.2025'."""
    if code == "fi":
        return f"{d.day}.{d.month}.{d.year}"
    return f"{d.day} {_MONTHS_SHORT['en'][d.month - 1]} {d.year}"


def fmt_datetime(ts: datetime | None, lang_code: LangCode | None = None) -> str:
    """'23 Nov 2025, 09:12' / '23.11.2025 klo 9.12'."""
    if ts is None:
        return "–"
    code = lang_code or lang()
    if code == "fi":
        return f"{_fmt_day(ts, code)} klo {ts.hour}.{ts.minute:02d}"
    return f"{_fmt_day(ts, code)}, {ts.hour:02d}:{ts.minute:02d}"


def fmt_date(d: date | None, lang_code: LangCode | None = None) -> str:
    return "–" if d is None else _fmt_day(d, lang_code or lang())


# --- names from the data and the journey map --------------------------------------------


def pretty(identifier: str) -> str:
    """An id as words: 'web_form' -> 'Web form' (for ids without a name)."""
    text = str(identifier).replace("_", " ").replace("-", " ").strip()
    return text[:1].upper() + text[1:] if text else "–"


def channel_label(channel: str, lang_code: LangCode | None = None) -> str:
    key = f"channel_{channel}"
    return t(key, lang_code=lang_code) if has(key) else pretty(channel)


def segment_label(segment: str, lang_code: LangCode | None = None) -> str:
    key = f"segment_{segment}"
    return t(key, lang_code=lang_code) if has(key) else pretty(segment)


def name_in(names: dict[str, dict[str, str]], key: str) -> str:
    """The current language's name of ``key`` in {id: {"en": .., "fi": ..}} (journey map names),
    else the English one, else the id as words."""
    entry = names.get(key) or {}
    return entry.get(lang()) or entry.get("en") or pretty(key)


def localized(row: Any, prefix: str = "name", lang_code: LangCode | None = None) -> str:
    """``row[prefix + '_fi']`` or ``row[prefix + '_en']`` (journey map names)."""
    code = lang_code or lang()
    for key in (f"{prefix}_{code}", f"{prefix}_en"):
        try:
            value = row[key]
        except (KeyError, IndexError, TypeError):
            continue
        if isinstance(value, str) and value:
            return value
    return "–"


def plotly_separators(lang_code: LangCode | None = None) -> str:
    """Plotly's ``layout.separators`` (decimal then thousands character)."""
    return "," + NBSP if (lang_code or lang()) == "fi" else ".,"
