"""Parse cell values: scores ("4,0", "10 - Extremely likely", "Very satisfied") and dates."""

from __future__ import annotations

import re
from datetime import datetime

from core.timezones import to_utc
from surveys.date_values import parse_any

_SCORE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:$|[-–=:.)(]|\s)")


# Answer labels without numbers (e.g. Qualtrics "choice text" exports), per metric scale, EN and FI.
# Keys are normalised with label_key(). NPS only names its endpoints; 1-9 arrive as numbers.
SCALE_LABELS: dict[str, dict[str, int]] = {
    "nps": {
        "not at all likely": 0,
        "not likely at all": 0,
        "extremely unlikely": 0,
        "very unlikely": 0,
        "extremely likely": 10,
        "very likely": 10,
        "ei lainkaan todennäköistä": 0,
        "ei lainkaan todennäköisesti": 0,
        "ei ollenkaan todennäköistä": 0,
        "ei ollenkaan todennäköisesti": 0,
        "erittäin epätodennäköistä": 0,
        "erittäin epätodennäköisesti": 0,
        "erittäin todennäköistä": 10,
        "erittäin todennäköisesti": 10,
    },
    "csat": {
        "extremely dissatisfied": 1,
        "very dissatisfied": 1,
        "somewhat dissatisfied": 2,
        "dissatisfied": 2,
        "neither satisfied nor dissatisfied": 3,
        "neutral": 3,
        "somewhat satisfied": 4,
        "satisfied": 4,
        "extremely satisfied": 5,
        "very satisfied": 5,
        "erittäin tyytymätön": 1,
        "hyvin tyytymätön": 1,
        "melko tyytymätön": 2,
        "jokseenkin tyytymätön": 2,
        "tyytymätön": 2,
        "ei tyytyväinen eikä tyytymätön": 3,
        "en tyytyväinen enkä tyytymätön": 3,
        "ei tyytyväinen mutta ei tyytymätönkään": 3,
        "neutraali": 3,
        "melko tyytyväinen": 4,
        "jokseenkin tyytyväinen": 4,
        "tyytyväinen": 4,
        "erittäin tyytyväinen": 5,
        "hyvin tyytyväinen": 5,
    },
    "ces": {
        "strongly disagree": 1,
        "disagree": 2,
        "somewhat disagree": 3,
        "neither agree nor disagree": 4,
        "somewhat agree": 5,
        "agree": 6,
        "strongly agree": 7,
        "täysin eri mieltä": 1,
        "eri mieltä": 2,
        "jokseenkin eri mieltä": 3,
        "osittain eri mieltä": 3,
        "ei samaa eikä eri mieltä": 4,
        "en samaa enkä eri mieltä": 4,
        "jokseenkin samaa mieltä": 5,
        "osittain samaa mieltä": 5,
        "samaa mieltä": 6,
        "täysin samaa mieltä": 7,
    },
}
_LABEL_SPACE = re.compile(r"\s+")


def label_key(value: object) -> str:
    """Lower case, single spaces, no surrounding quotes or trailing full stop: how labels are compared."""
    text = _LABEL_SPACE.sub(" ", str(value).replace("\u00a0", " ")).strip().strip("\"'").strip()
    return text.rstrip(".!").strip().lower()


def label_score(value: object, metric: str) -> int | None:
    """The number a known answer label of the metric's scale stands for; None when unknown."""
    if value is None or isinstance(value, (bool, int, float)):
        return None
    return SCALE_LABELS.get(metric, {}).get(label_key(value))


def parse_score(value: object, metric: str | None = None) -> float | None:
    """The number at the start of a score cell, else (given the metric) the number of its label.

    None when the cell has neither.
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    match = _SCORE.match(str(value))
    if match:
        return float(match.group(1).replace(",", "."))
    if metric is not None:
        found = label_score(value, metric)
        return float(found) if found is not None else None
    return None


def parse_decimal(value: object) -> float | None:
    """A number written with a decimal comma or point (and optional space thousands)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return float(value)
    text = str(value or "").strip().replace("\u00a0", "").replace(" ", "")
    if "," in text and "." not in text:
        text = text.replace(",", ".")
    try:
        return float(text)
    except ValueError:
        return None


def parse_datetime(value: object, slash_order: str = "mdy", timezone: str = "UTC") -> datetime | None:
    """A date or time cell as naive UTC; None when it is not one.

    ISO 8601, d.m.yyyy [H.MM[.SS]], a/b/yyyy read in `slash_order` (mdy or dmy), yyyy/mm/dd,
    datetime cells and Excel serial numbers. A value with an offset (`Z`, `+02:00`, `GMT+2`) is
    converted from it; a value without one is taken to be in `timezone`. Columns are read faster
    (one format decided for the whole column) by surveys.dates.read_column.
    """
    parsed = parse_any(value, slash_order)
    return None if parsed is None else to_utc(parsed, timezone)
