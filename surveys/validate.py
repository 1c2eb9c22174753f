"""Turn mapped rows into canonical responses and a row-level report of everything invalid."""
from __future__ import annotations

import csv
import hashlib
import io
from dataclasses import dataclass, field
from typing import Callable

from surveys.formats import FlatTable
from surveys.mapping import Mapping, scale_hint
from surveys.metrics import SCALES, ScaleMismatchError, check_scale
from surveys.parsing import parse_datetime, parse_score
from surveys.pii import scrub

COLUMNS = ("response_id", "survey", "metric", "score", "scale_min", "scale_max", "customer_id",
           "journey_id", "touchpoint", "channel", "responded_at", "comment", "segment", "language")


@dataclass(frozen=True)
class Problem:
    row: int          # the row number the user sees in the file (sheet row / CSV line)
    column: str
    value: str
    reason: str


@dataclass
class Validated:
    records: list[tuple] = field(default_factory=list)     # canonical rows in COLUMNS order
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    rows_read: int = 0

    @property
    def n_records(self) -> int:
        return len(self.records)


def report_csv(problems: list[Problem]) -> str:
    """The row report as CSV text (row, column, value, reason)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["row", "column", "value", "reason"])
    for p in problems:
        writer.writerow([p.row, p.column, p.value, p.reason])
    return out.getvalue()


def check_mapping(mapping: Mapping, table: FlatTable) -> None:
    """Mapped columns must exist; a score column whose header states another scale is refused."""
    missing = [c for c in [*mapping.scores, mapping.response_id, mapping.customer_id,
                           mapping.journey_id, mapping.responded_at, mapping.comment,
                           mapping.channel, mapping.touchpoint, mapping.language, *mapping.segments]
               if c and c not in table.headers]
    if missing:
        raise KeyError(f"mapped columns not in the file: {', '.join(missing)}")
    if not mapping.scores:
        raise ValueError("no score column is mapped")
    if not mapping.responded_at:
        raise ValueError("no response time column is mapped")
    for column, metric in mapping.scores.items():
        if metric not in SCALES:
            raise ValueError(f"unknown metric {metric!r} for column {column!r}")
        hint = scale_hint(column)
        if hint:
            try:
                check_scale(metric, *hint)
            except ScaleMismatchError as exc:
                raise ScaleMismatchError(f"column {column!r}: {exc}") from exc


def _s(value: object) -> str | None:
    if value is None:
        return None
    if type(value) is str:
        return value.strip() or None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text or None


def _content_id(row: list, key_idx: list[int]) -> str:
    """A stable id for files without a response id: the same answer in two exports gets the same id."""
    text = "\x1f".join(str(row[i]) if i < len(row) else "" for i in key_idx)
    return "gen-" + hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


PROGRESS_EVERY = 5000  # rows between progress calls


def validate(table: FlatTable, mapping: Mapping,
             progress: Callable[[float, str], None] | None = None) -> Validated:
    """Check every row; collect canonical records of the rows that are valid."""
    check_mapping(mapping, table)
    idx = {h: i for i, h in enumerate(table.headers)}
    score_cols = [(c, idx[c], m, SCALES[m]) for c, m in mapping.scores.items()]
    suffix = len(score_cols) > 1
    metric_counts: dict[str, int] = {}
    for _, _, m, _ in score_cols:
        metric_counts[m] = metric_counts.get(m, 0) + 1

    def col(row: list, name: str | None) -> object:
        if name is None:
            return None
        i = idx[name]
        return row[i] if i < len(row) else None

    key_idx = [idx[c] for c in (mapping.responded_at, mapping.customer_id, *mapping.scores) if c]
    out = Validated()
    seen: dict[str, int] = {}
    append = out.records.append
    total = len(table.rows) or 1
    for row, number in zip(table.rows, table.row_numbers):
        out.rows_read += 1
        if progress is not None and out.rows_read % PROGRESS_EVERY == 0:
            progress(out.rows_read / total, "validating")
        problems: list[Problem] = []
        rid = _s(col(row, mapping.response_id)) if mapping.response_id else _content_id(row, key_idx)
        if rid is None:
            problems.append(Problem(number, mapping.response_id or "", "", "missing response id"))
        elif rid in seen:
            problems.append(Problem(number, mapping.response_id or "", rid,
                                    f"duplicate response id (also on row {seen[rid]})"))
        else:
            seen[rid] = number
        customer = _s(col(row, mapping.customer_id))
        if mapping.customer_id and customer is None:
            problems.append(Problem(number, mapping.customer_id, "", "missing customer id"))
        raw_time = col(row, mapping.responded_at)
        when = parse_datetime(raw_time, mapping.slash_date_order)
        if when is None:
            problems.append(Problem(number, mapping.responded_at or "", _s(raw_time) or "",
                                    "unparseable date" if _s(raw_time) else "missing date"))
        scores: list[tuple[str, str, float, tuple[int, int]]] = []
        for name, i, metric, (lo, hi) in score_cols:
            raw = row[i] if i < len(row) else None
            if _s(raw) is None:
                continue  # question not answered
            value = parse_score(raw, metric)
            if value is None:
                problems.append(Problem(number, name, _s(raw) or "",
                                        f"not a {metric.upper()} score (neither a number nor a "
                                        f"known {metric.upper()} answer label)"))
            elif not value.is_integer() or not lo <= value <= hi:
                problems.append(Problem(number, name, _s(raw) or "",
                                        f"outside the {metric.upper()} scale {lo}-{hi} (not rescaled)"))
            else:
                scores.append((name, metric, value, (lo, hi)))
        if problems:
            out.problems.extend(problems)
            out.bad_rows.add(number)
            continue
        comment = scrub(_s(col(row, mapping.comment)))
        segment = " | ".join(s for s in (_s(col(row, c)) for c in mapping.segments) if s) or None
        base = (_s(col(row, mapping.journey_id)), _s(col(row, mapping.touchpoint)),
                _s(col(row, mapping.channel)), when, comment, segment, _s(col(row, mapping.language)))
        for name, metric, value, (lo, hi) in scores:
            ident = rid if not suffix else (f"{rid}-{metric}" if metric_counts[metric] == 1
                                            else f"{rid}-{metric}-{idx[name] + 1}")
            append((ident, mapping.survey, metric, value, lo, hi, customer) + base)
    return out
