"""Columns that are never scores (tool metadata, derived columns) and rows that are not real responses.

Qualtrics writes, next to a 0-10 question ``Q1``, the derived ``Q1_NPS_GROUP`` (1 = detractor,
2 = passive, 3 = promoter), ``_TEXT`` siblings, ``_DO`` display orders and metadata such as
``Progress`` or ``Duration (in seconds)``; numbers all, and none of them a score. Preview, test and
spam responses (``Status``, ``DistributionChannel``) are skipped, with the reason counted.
"""

from __future__ import annotations

import re
from collections import Counter

from surveys.formats import FlatTable
from surveys.parsing import parse_score

METADATA_IDS = {  # lower-cased column ids that are tool metadata, never scores
    "duration (in seconds)",
    "duration",
    "progress",
    "finished",
    "status",
    "distributionchannel",
    "ipaddress",
    "ip address",
    "locationlatitude",
    "locationlongitude",
    "q_recaptchascore",
    "q_totalduration",
    "q_ballotboxstuffing",
    "respondent id",
    "collector id",
    "network id",
    "responseid",
    "response id",
    "externalreference",
    "recipientemail",
    "#",
}
_RULES: tuple[tuple[re.Pattern, str], ...] = (
    (
        re.compile(r"^(?P<base>.+)_NPS_GROUP$", re.I),
        "NPS group derived from {base} (1 = detractor, 2 = passive, 3 = promoter)",
    ),
    (re.compile(r"^(?P<base>.+)_TEXT$", re.I), "free text belonging to {base} (_TEXT)"),
    (re.compile(r"^(?P<base>.+)_DO(?:_\d+)?$", re.I), "display order of {base} (_DO)"),
    (re.compile(r"^(?P<base>.+)_(?:RANK|GROUP)$", re.I), "ranking or grouping of {base}"),
    (re.compile(r"^Q_Relevant", re.I), "Qualtrics fraud detection (Q_Relevant...)"),
    (re.compile(r"^Q_", re.I), "Qualtrics system field (Q_...)"),
)
TEST_STATUS_TEXT = {
    "survey preview": "preview",
    "survey test": "test",
    "spam": "spam",
    "preview spam": "spam",
    "imported spam": "spam",
    "offline survey preview": "preview",
}
TEST_STATUS_CODES = {
    "1": "Survey Preview",
    "2": "Survey Test",
    "8": "Spam",
    "9": "Preview Spam",
    "12": "Imported Spam",
    "17": "Offline Survey Preview",
}
TEST_CHANNELS = {"preview", "test"}
DUPLICATE_SAMPLE = 2000  # rows compared when looking for embedded data that copies a score column


def derived_reason(table: FlatTable, header: str) -> str | None:
    """Why the column can never be a score (Qualtrics derived columns, tool metadata); else None."""
    column_id = table.column_id(header)
    import_id = str(table.column_meta(header).get("ImportId") or "")
    for name in (column_id, import_id, header):
        if not name:
            continue
        if name.strip().lower() in METADATA_IDS:
            return f"survey tool metadata ({name})"
        for pattern, reason in _RULES:
            m = pattern.match(name.strip())
            if m:
                return reason.format(**m.groupdict())
    return None


def never_scores(table: FlatTable) -> dict[str, str]:
    """header -> why it is never a score, for every such column of the file."""
    out = {}
    for header in table.headers:
        reason = derived_reason(table, header)
        if reason:
            out[header] = reason
    return out


def _is_question(table: FlatTable, header: str) -> bool:
    """A Qualtrics question column (ImportId QID...); True for every column of other files."""
    import_id = str(table.column_meta(header).get("ImportId") or "")
    return not table.meta or import_id.upper().startswith("QID")


def duplicate_scores(table: FlatTable, scores: dict[str, str]) -> dict[str, str]:
    """Score columns that copy another score column of the same metric (equal wherever both are
    filled): header -> reason. The question column is kept (else the earlier one)."""
    idx = {h: i for i, h in enumerate(table.headers)}
    rows = table.rows[:DUPLICATE_SAMPLE]
    headers = list(scores)
    dropped: dict[str, str] = {}
    for a_pos, a in enumerate(headers):
        for b in headers[a_pos + 1 :]:
            if a in dropped or b in dropped or scores[a] != scores[b]:
                continue
            if not _same_values(rows, idx[a], idx[b], scores[a]):
                continue
            keep, drop = (b, a) if _is_question(table, b) and not _is_question(table, a) else (a, b)
            dropped[drop] = f"copies the score column {keep} on every row (embedded data)"
    return dropped


def _same_values(rows: list[list], i: int, j: int, metric: str) -> bool:
    both = 0
    for row in rows:
        a = row[i] if i < len(row) else None
        b = row[j] if j < len(row) else None
        if a in (None, "") or b in (None, ""):
            continue
        if parse_score(a, metric) != parse_score(b, metric):
            return False
        both += 1
    return both >= 2


def test_rows(table: FlatTable) -> dict[int, str]:
    """Data-row index -> why the row is a preview, test or spam response, not a real one."""
    codes = table.format == "qualtrics" or any(i.lower() == "responseid" for i in table.ids)
    checks: list[tuple[int, str]] = []
    for i, header in enumerate(table.headers):
        column_id = (table.ids[i] if i < len(table.ids) else header).strip().lower()
        if column_id in ("status", "distributionchannel"):
            checks.append((i, table.ids[i] if i < len(table.ids) else header))
    out: dict[int, str] = {}
    if not checks:
        return out
    for r, row in enumerate(table.rows):
        for i, name in checks:
            value = str(row[i]).strip() if i < len(row) and row[i] is not None else ""
            reason = _test_reason(name, value, codes)
            if reason:
                out[r] = reason
                break
    return out


def _test_reason(column: str, value: str, codes: bool) -> str | None:
    if not value:
        return None
    lower = value.lower()
    if column.lower() == "distributionchannel":
        return f"{column} = {value}" if lower in TEST_CHANNELS else None
    if lower in TEST_STATUS_TEXT:
        return f"{column} = {value}"
    if codes:
        code = value[:-2] if value.endswith(".0") else value
        if code in TEST_STATUS_CODES:
            return f"{column} = {code} ({TEST_STATUS_CODES[code]})"
    return None


def describe_skipped(reasons: Counter) -> str:
    """'3 preview/test responses skipped (Status = Survey Preview: 2, DistributionChannel = preview: 1)'."""
    total = sum(reasons.values())
    parts = ", ".join(f"{reason}: {n}" for reason, n in reasons.most_common())
    return f"{total} preview/test response{'s' if total != 1 else ''} skipped ({parts})"
