"""Propose which column is what (ids, time, scores and their metric, comment, ...); saved profiles."""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import asdict, dataclass, field, fields
from datetime import datetime
from typing import Literal, get_args

import duckdb

from surveys.derived import derived_reason, duplicate_scores
from surveys.formats import FlatTable
from surveys.freetext import COMMENT_HEADER_WORDS, pick_comment
from surveys.parsing import SCALE_LABELS, label_score, parse_score

ROLE_WORDS: dict[str, tuple[str, ...]] = {
    "response_id": (
        "responseid",
        "response id",
        "respondent id",
        "response_id",
        "vastaus id",
        "vastaustunnus",
        "vastauksen tunnus",
        "#",
    ),
    "customer_id": (
        "customer id",
        "customer_id",
        "customer number",
        "customerid",
        "asiakasnumero",
        "asiakastunnus",
        "asiakas id",
        "asiakas_id",
        "externalreference",
        "client id",
    ),
    "journey_id": (
        "journey id",
        "journey_id",
        "order id",
        "order_id",
        "orderid",
        "order number",
        "booking",
        "case id",
        "tilausnumero",
        "tilaus",
        "varaus",
        "matka id",
        "asiointi",
    ),
    "responded_at": (
        "recordeddate",
        "recorded date",
        "submitted at",
        "submit date",
        "timestamp",
        "enddate",
        "end date",
        "aikaleima",
        "vastattu",
        "päivämäärä",
        "pvm",
        "date",
    ),
    "comment": COMMENT_HEADER_WORDS,
    "channel": ("channel", "kanava"),
    "touchpoint": ("touchpoint", "kosketuspiste", "palvelupiste"),
    "language": ("userlanguage", "language", "kieli"),
}
SEGMENT_WORDS = ("segment", "segmentti", "region", "alue", "tier", "taso", "country", "maa")
METRIC_WORDS: dict[str, tuple[str, ...]] = {
    "nps": ("recommend", "suosittel", "nps", "likely"),
    "csat": ("satisf", "tyytyv", "csat"),
    "ces": ("easy", "effort", "vaivat", "helppo", "ces"),
}
SCORE_WORDS = ("score", "rating", "arvosana", "pisteet", "arvio")
_SCALE_HINT = re.compile(r"\((\d+)\s*[-–]\s*(\d+)\)")
_SCALE_WORDS = re.compile(r"(?<![0-9A-Za-z.])([01])\s*(?:[-–]|_to_|\s+to\s+|\.\.)\s*(\d{1,2})(?![\d.])", re.I)
Role = Literal[
    "response_id", "customer_id", "journey_id", "responded_at", "comment", "channel", "touchpoint", "language"
]
ROLES: tuple[Role, ...] = get_args(Role)
CUSTOM_DATA = re.compile(r"^custom (?:data|variable)", re.I)


@dataclass
class Mapping:
    """What each column means. Edit freely before importing; save as a named profile or YAML file."""

    scores: dict[str, str] = field(default_factory=dict)  # column -> nps | csat | ces
    response_id: str | None = None
    customer_id: str | None = None
    journey_id: str | None = None
    responded_at: str | None = None
    comment: str | None = None
    channel: str | None = None
    touchpoint: str | None = None
    language: str | None = None
    segments: list[str] = field(default_factory=list)
    survey: str = "survey"
    date_format: str | None = None  # None: decided from the column; mdy | dmy | ymd | strptime format
    timezone: str | None = None  # None: the zone stated in the file, else the company's

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, sort_keys=True)

    @classmethod
    def from_json(cls, text: str) -> Mapping:
        """Also reads profiles saved before date_format existed (slash_date_order)."""
        data = json.loads(text)
        order = data.pop("slash_date_order", None)
        if order == "dmy" and not data.get("date_format"):
            data["date_format"] = "dmy"  # mdy was the silent default then: decided anew now
        known = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in data.items() if k in known})

    def describe(self) -> list[str]:
        lines = [f"  {role}: {getattr(self, role)}" for role in ROLES if getattr(self, role)]
        lines += [f"  score: {col} -> {metric}" for col, metric in self.scores.items()]
        if self.segments:
            lines.append(f"  segments: {', '.join(self.segments)}")
        if self.date_format:
            lines.append(f"  date format: {self.date_format}")
        if self.timezone:
            lines.append(f"  time zone: {self.timezone}")
        return [f"  survey: {self.survey}"] + lines


@dataclass
class Proposal:
    """A proposed mapping and the numeric columns that were deliberately not taken as scores."""

    mapping: Mapping
    not_scores: dict[str, str] = field(default_factory=dict)  # header -> why never a score


def header_signature(table: FlatTable) -> str:
    """Same format and same headers (case-insensitive) -> same signature."""
    text = table.format + "\x1f" + "\x1f".join(h.strip().lower() for h in table.headers)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def scale_hint(header: str) -> tuple[int, int] | None:
    """A scale written in the header: 'Satisfaction (1-10)', 'satisfaction_1_to_5', 'NPS 0-10'."""
    m = _SCALE_HINT.search(header) or _SCALE_WORDS.search(header)
    if not m:
        return None
    low, high = int(m.group(1)), int(m.group(2))
    return (low, high) if low < high else None


def _words_match(header: str, words: tuple[str, ...]) -> bool:
    h = header.lower().strip()
    for w in words:
        if w == "#":
            if h == "#":
                return True
        elif len(w) <= 3:
            if re.search(rf"\b{re.escape(w)}\b", h):
                return True
        elif w in h:
            return True
    return False


def _numeric_profile(values: list, metric: str | None = None) -> tuple[int, float, float] | None:
    """(count, min, max) of the scores (numbers, or the metric's answer labels) when 80% parse."""
    nums = [parse_score(v, metric) for v in values if v not in (None, "")]
    nums = [n for n in nums if n is not None]
    if not nums or len(nums) < 0.8 * len([v for v in values if v not in (None, "")]):
        return None
    return len(nums), min(nums), max(nums)


def _label_metric(values: list) -> str | None:
    """The metric whose answer labels (e.g. 'Very satisfied') the column's text values are."""
    texts = [v for v in values if isinstance(v, str) and v.strip() and parse_score(v) is None]
    if not texts:
        return None
    hits = {m: len({label_score(v, m) for v in texts} - {None}) for m in SCALE_LABELS}
    best = max(hits, key=lambda m: hits[m])
    # two different answers at least: one 'Agree' in a consent column is not a CES scale
    return best if hits[best] >= 2 and _numeric_profile(values, best) else None


def _metric_for(header: str, values: list) -> str | None:
    for metric, words in METRIC_WORDS.items():
        if _words_match(header, words):
            return metric if _numeric_profile(values, metric) else (_label_metric(values) or metric)
    labelled = _label_metric(values)
    if labelled:
        return labelled
    if any(w in header.lower() for w in SCORE_WORDS):
        prof = _numeric_profile(values)
        if prof:
            _, lo, hi = prof
            if lo >= 0 and hi <= 10 and (lo == 0 or hi > 7):
                return "nps"
            if lo >= 1 and hi <= 5:
                return "csat"
            if lo >= 1 and hi <= 7:
                return "ces"
    return None


def propose(table: FlatTable, sample_rows: int = 500, survey: str | None = None) -> Proposal:
    """Guess the mapping from header words (English and Finnish) and the observed values; derived
    and metadata columns (Qualtrics _NPS_GROUP, _TEXT, Duration, ...) are never scores."""
    sample = table.rows[:sample_rows]
    columns = {h: [r[i] if i < len(r) else None for r in sample] for i, h in enumerate(table.headers)}
    mapping = Mapping(survey=survey or "survey")
    proposal = Proposal(mapping)
    used: set[str] = set()
    for header, values in columns.items():
        metric = _metric_for(header, values)
        if not metric or not _numeric_profile(values, metric) or _words_match(header, ROLE_WORDS["comment"]):
            continue
        reason = derived_reason(table, header)
        if reason:
            proposal.not_scores[header] = reason
            continue
        mapping.scores[header] = metric
    for header, reason in duplicate_scores(table, mapping.scores).items():
        del mapping.scores[header]
        proposal.not_scores[header] = reason
    used.update(mapping.scores)
    for role, words in ROLE_WORDS.items():
        if role == "comment":
            mapping.comment = pick_comment(columns, used)
            used.update([mapping.comment] if mapping.comment else [])
            continue
        for word in words:  # earlier words win (RecordedDate before StartDate)
            hit = next((h for h in table.headers if h not in used and _words_match(h, (word,))), None)
            if hit:
                setattr(mapping, role, hit)
                used.add(hit)
                break
    if mapping.customer_id is None:
        mapping.customer_id = _custom_data(table, columns, used)
        used.update([mapping.customer_id] if mapping.customer_id else [])
    mapping.segments = [h for h in table.headers if h not in used and _words_match(h, SEGMENT_WORDS)]
    return proposal


def propose_mapping(table: FlatTable, sample_rows: int = 500, survey: str | None = None) -> Mapping:
    """The proposed mapping (see propose)."""
    return propose(table, sample_rows, survey).mapping


def _custom_data(table: FlatTable, columns: dict[str, list], used: set[str]) -> str | None:
    """SurveyMonkey's custom value ('Custom Data 1', or a variable under 'Custom Data'): the id a
    survey link carries, usually the customer's. Only filled, mostly distinct columns qualify."""
    if table.format != "surveymonkey":
        return None
    for header, values in columns.items():
        if header in used or not CUSTOM_DATA.match(header):
            continue
        filled = [str(v).strip() for v in values if v is not None and str(v).strip()]
        if filled and len(filled) >= 0.8 * len(values) and len(set(filled)) >= 0.5 * len(filled):
            return header
    return None


PROFILE_DDL = """create table if not exists survey_mapping_profiles (
    name varchar primary key, signature varchar not null, mapping_json varchar not null,
    saved_at timestamp not null)"""


def save_profile(con: duckdb.DuckDBPyConnection, name: str, signature: str, mapping: Mapping) -> None:
    """Save (or replace) a confirmed mapping under a name."""
    con.execute(PROFILE_DDL)
    con.execute(
        "insert or replace into survey_mapping_profiles values (?, ?, ?, ?)",
        [name, signature, mapping.to_json(), datetime.now()],
    )


def load_profile(con: duckdb.DuckDBPyConnection, name: str) -> Mapping:
    con.execute(PROFILE_DDL)
    rows = con.execute("select mapping_json from survey_mapping_profiles where name = ?", [name]).fetchall()
    if not rows:
        raise KeyError(f"no mapping profile named {name!r}")
    return Mapping.from_json(rows[0][0])


def find_profile(con: duckdb.DuckDBPyConnection, signature: str) -> tuple[str, Mapping] | None:
    """The most recently saved profile for files of this shape, if any."""
    con.execute(PROFILE_DDL)
    rows = con.execute(
        "select name, mapping_json from survey_mapping_profiles where signature = ? "
        "order by saved_at desc limit 1",
        [signature],
    ).fetchall()
    return (rows[0][0], Mapping.from_json(rows[0][1])) if rows else None
