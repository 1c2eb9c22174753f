"""Recognise the survey tool that produced an export and flatten its header rows to one."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from core.reading import RawTable

FORMATS = ("qualtrics", "surveymonkey", "google_forms", "typeform", "sheet")
FORMAT_NAMES = {
    "qualtrics": "Qualtrics",
    "surveymonkey": "SurveyMonkey",
    "google_forms": "Google Forms",
    "typeform": "Typeform",
}


@dataclass
class FlatTable:
    """One header per column and the data rows below it (with the file's row numbers).

    ``ids`` are the tool's own column ids (Qualtrics' first header row: ``Q1``, ``Q1_NPS_GROUP``,
    ``Status``); the header itself for other files. ``meta`` holds Qualtrics' third header row
    per column (``{"ImportId": "recordedDate", "timeZone": "Europe/Helsinki"}``), else ``{}``.
    """

    format: str
    headers: list[str]
    rows: list[list]
    row_numbers: list[int]
    ids: list[str] = field(default_factory=list)
    meta: list[dict] = field(default_factory=list)

    def column_id(self, header: str) -> str:
        """The tool's id of a column (Qualtrics 'Q1'), else the header."""
        i = self.headers.index(header)
        return self.ids[i] if i < len(self.ids) and self.ids[i] else header

    def column_meta(self, header: str) -> dict:
        i = self.headers.index(header)
        return self.meta[i] if i < len(self.meta) else {}


def format_label(fmt: str, kind: str = "csv") -> str:
    """How the format is named to the user: the tool, else what kind of plain table it is."""
    if fmt in FORMAT_NAMES:
        return FORMAT_NAMES[fmt]
    return (
        "plain table (no survey tool recognised)"
        if kind != "xlsx"
        else "hand-made sheet (no survey tool recognised)"
    )


def _import_meta(cell: object) -> dict:
    """Qualtrics' third-row cell '{"ImportId":"QID1","timeZone":"..."}' as a dict ({} if not JSON)."""
    text = _text(cell)
    if not text.startswith("{"):
        return {}
    try:
        value = json.loads(text)
    except ValueError:
        return {}
    return value if isinstance(value, dict) else {}


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
            any(s in ("response", "open-ended response") for s in second) and any(c == "" for c in first)
        ):
            return "surveymonkey"
    if lower and lower[0] in ("timestamp", "aikaleima"):
        return "google_forms"
    if "#" in lower and ("network id" in lower or "submitted at" in lower):
        return "typeform"
    return "sheet"


SUB_HEADERS = ("response", "open-ended response")


def _sub_header(rows: list[list]) -> bool:
    """SurveyMonkey's second header row: empty under the metadata columns (Respondent ID first),
    'Response' / 'Open-Ended Response' / choice texts under the questions. A first data row instead
    (an all-empty second row is skipped by the reader) has the respondent id in its first cell."""
    if len(rows) < 2:
        return False
    second = [_text(c) for c in rows[1]]
    return bool(second) and (not second[0] or any(c.lower() in SUB_HEADERS for c in second))


def flatten(table: RawTable, fmt: str | None = None) -> FlatTable:
    """Turn the multi-row header of the detected format into one header row."""
    fmt = fmt or detect_format(table)
    rows, numbers = table.rows, table.row_numbers
    if not rows:
        return FlatTable(fmt, [], [], [])
    ids: list[str] = []
    meta: list[dict] = []
    if fmt == "qualtrics":
        ids, texts = [_text(c) for c in rows[0]], [_text(c) for c in rows[1]]
        headers = [
            t if (not i or i == t) else (i if not t else f"{i}: {t}")
            for i, t in zip(ids, texts + [""] * (len(ids) - len(texts)))
        ]
        meta = [_import_meta(c) for c in rows[2]]
        body, nums = rows[3:], numbers[3:]
    elif fmt == "surveymonkey" and not _sub_header(rows):
        headers = [_text(c) for c in rows[0]]  # its blank second header row was skipped
        body, nums = rows[1:], numbers[1:]
    elif fmt == "surveymonkey":
        top, sub = [_text(c) for c in rows[0]], [_text(c) for c in rows[1]]
        sub += [""] * (len(top) - len(sub))
        headers, current = [], ""
        for t, s in zip(top, sub):
            current = t or current  # merged header cells: the value sits in the first cell only
            if s.lower() in ("", "response", "open-ended response"):
                headers.append(
                    f"{current} - {s}" if s.lower() == "open-ended response" and not t else current
                )
            else:
                headers.append(f"{current} - {s}" if current else s)
        body, nums = rows[2:], numbers[2:]
    else:
        headers = [_text(c) for c in rows[0]]
        body, nums = rows[1:], numbers[1:]
    headers = _unique(headers)
    return FlatTable(fmt, headers, body, nums, ids or list(headers), meta)
