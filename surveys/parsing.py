"""Parse cell values: scores ("4,0", "10 - Extremely likely", "Very satisfied") and dates."""
from __future__ import annotations

import re
from datetime import date, datetime, timedelta

_SCORE = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*(?:$|[-–=:.)(]|\s)")
_DMY = re.compile(r"^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:[ T]+(\d{1,2})[.:](\d{2})(?:[.:](\d{2}))?)?$")
_SLASH = re.compile(r"^(\d{1,2})/(\d{1,2})/(\d{4})(?:[ T]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$")
EXCEL_EPOCH = datetime(1899, 12, 30)


# Answer labels without numbers (e.g. Qualtrics "choice text" exports), per metric scale, EN and FI.
# Keys are normalised with label_key(). NPS only names its endpoints; 1-9 arrive as numbers.
SCALE_LABELS: dict[str, dict[str, int]] = {
    "nps": {
        "not at all likely": 0, "not likely at all": 0, "extremely unlikely": 0, "very unlikely": 0,
        "extremely likely": 10, "very likely": 10,
        "ei lainkaan todennäköistä": 0, "ei lainkaan todennäköisesti": 0,
        "ei ollenkaan todennäköistä": 0, "ei ollenkaan todennäköisesti": 0,
        "erittäin epätodennäköistä": 0, "erittäin epätodennäköisesti": 0,
        "erittäin todennäköistä": 10, "erittäin todennäköisesti": 10,
    },
    "csat": {
        "extremely dissatisfied": 1, "very dissatisfied": 1,
        "somewhat dissatisfied": 2, "dissatisfied": 2,
        "neither satisfied nor dissatisfied": 3, "neutral": 3,
        "somewhat satisfied": 4, "satisfied": 4,
        "extremely satisfied": 5, "very satisfied": 5,
        "erittäin tyytymätön": 1, "hyvin tyytymätön": 1,
        "melko tyytymätön": 2, "jokseenkin tyytymätön": 2, "tyytymätön": 2,
        "ei tyytyväinen eikä tyytymätön": 3, "en tyytyväinen enkä tyytymätön": 3,
        "ei tyytyväinen mutta ei tyytymätönkään": 3, "neutraali": 3,
        "melko tyytyväinen": 4, "jokseenkin tyytyväinen": 4, "tyytyväinen": 4,
        "erittäin tyytyväinen": 5, "hyvin tyytyväinen": 5,
    },
    "ces": {
        "strongly disagree": 1, "disagree": 2, "somewhat disagree": 3,
        "neither agree nor disagree": 4, "somewhat agree": 5, "agree": 6, "strongly agree": 7,
        "täysin eri mieltä": 1, "eri mieltä": 2, "jokseenkin eri mieltä": 3, "osittain eri mieltä": 3,
        "ei samaa eikä eri mieltä": 4, "en samaa enkä eri mieltä": 4,
        "jokseenkin samaa mieltä": 5, "osittain samaa mieltä": 5, "samaa mieltä": 6,
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


def parse_datetime(value: object, slash_order: str = "mdy") -> datetime | None:
    """ISO, d.m.yyyy [hh.mm[.ss]], m/d/yyyy or d/m/yyyy, datetimes and Excel serial numbers."""
    if value is None:
        return None
    if isinstance(value, datetime):
        return value.replace(tzinfo=None)
    if isinstance(value, date):
        return datetime(value.year, value.month, value.day)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return _serial(float(value))
    text = str(value).strip()
    if not text:
        return None
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
        return parsed.replace(tzinfo=None) if parsed.tzinfo is None else \
            (parsed - parsed.utcoffset()).replace(tzinfo=None)
    except ValueError:
        pass
    for pattern, order in ((_DMY, "dmy"), (_SLASH, slash_order)):
        m = pattern.match(text)
        if m:
            a, b, year = int(m.group(1)), int(m.group(2)), int(m.group(3))
            day, month = (a, b) if order == "dmy" else (b, a)
            try:
                return datetime(year, month, day, int(m.group(4) or 0), int(m.group(5) or 0),
                                int(m.group(6) or 0))
            except ValueError:
                return None
    number = parse_decimal(text)
    return _serial(number) if number is not None else None


def _serial(number: float) -> datetime | None:
    """Excel serial day number (1900 date system) to datetime; plausible range only."""
    if not 20000 <= number <= 80000:
        return None
    return EXCEL_EPOCH + timedelta(days=number)


def guess_slash_order(values: list[object]) -> str:
    """'dmy' if any a/b/yyyy value has a first part above 12, else 'mdy' (Google Forms US)."""
    for v in values:
        m = _SLASH.match(str(v).strip()) if isinstance(v, str) else None
        if m and int(m.group(1)) > 12:
            return "dmy"
    return "mdy"
