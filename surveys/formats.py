"""Recognise the survey tool that produced an export and flatten its header rows to one."""
from __future__ import annotations

from dataclasses import dataclass

from surveys.reading import RawTable

FORMATS = ("qualtrics", "surveymonkey", "google_forms", "typeform", "sheet")


@dataclass
class FlatTable:
    """One header per column and the data rows below it (with the file's row numbers)."""

    format: str
    headers: list[str]
    rows: list[list]
    row_numbers: list[int]


def _text(value: object) -> str:
    return "" if value is None else str(value).strip()


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for i, h in enumerate(headers):
        h = h or f"column {i + 1}"
        if h in seen:
            seen[h] += 1
            h = f"{h} ({seen[h]})"
        else:
            seen[h] = 1
        out.append(h)
    return out


def detect_format(table: RawTable) -> str:
    rows = table.rows
    if not rows:
        return "sheet"
    first = [_text(c) for c in rows[0]]
    lower = [c.lower() for c in first]
    if len(rows) >= 3 and any('"importid"' in _text(c).lower() for c in rows[2]):
        return "qualtrics"
    if len(rows) >= 2:
        second = [_text(c).lower() for c in rows[1]]
        if ("respondent id" in lower or "collector id" in lower) or (
                any(s in ("response", "open-ended response") for s in second)
                and any(c == "" for c in first)):
            return "surveymonkey"
    if lower and lower[0] in ("timestamp", "aikaleima"):
        return "google_forms"
    if "#" in lower and ("network id" in lower or "submitted at" in lower):
        return "typeform"
    return "sheet"


def flatten(table: RawTable, fmt: str | None = None) -> FlatTable:
    """Turn the multi-row header of the detected format into one header row."""
    fmt = fmt or detect_format(table)
    rows, numbers = table.rows, table.row_numbers
    if not rows:
        return FlatTable(fmt, [], [], [])
    if fmt == "qualtrics":
        ids, texts = [_text(c) for c in rows[0]], [_text(c) for c in rows[1]]
        headers = [t if (not i or i == t) else (i if not t else f"{i}: {t}")
                   for i, t in zip(ids, texts + [""] * (len(ids) - len(texts)))]
        body, nums = rows[3:], numbers[3:]
    elif fmt == "surveymonkey":
        top, sub = [_text(c) for c in rows[0]], [_text(c) for c in rows[1]]
        sub += [""] * (len(top) - len(sub))
        headers, current = [], ""
        for t, s in zip(top, sub):
            current = t or current  # merged header cells: the value sits in the first cell only
            if s.lower() in ("", "response", "open-ended response"):
                headers.append(f"{current} - {s}" if s.lower() == "open-ended response" and not t
                               else current)
            else:
                headers.append(f"{current} - {s}" if current else s)
        body, nums = rows[2:], numbers[2:]
    else:
        headers = [_text(c) for c in rows[0]]
        body, nums = rows[1:], numbers[1:]
    return FlatTable(fmt, _unique(headers), body, nums)
