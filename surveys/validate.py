"""Turn mapped rows into canonical responses and a row-level report of everything invalid."""

from __future__ import annotations

import ctypes
import ctypes.util
import hashlib
from array import array
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from core.metrics import SCALES, ScaleMismatchError, check_scale
from core.pii import scrub
from core.problems import Problem
from core.timezones import DEFAULT_TIMEZONE, UtcConverter, ZoneChoice, choose_zone, header_zone, zone_problem
from surveys.dates import ORDER_NAMES, DateReading, contradicts, format_problem, read_column
from surveys.derived import describe_skipped, test_rows
from surveys.formats import FlatTable
from surveys.mapping import Mapping, scale_hint
from surveys.parsing import parse_score
from surveys.responses import COLUMNS, Records, ResponseBuilder, Responses  # noqa: F401 (COLUMNS)


@dataclass(frozen=True)
class Repeat:
    """A response id repeated on a later row with the same answer (e.g. one review, two orders)."""

    response_id: str
    first_row: int
    row: int


@dataclass
class Validated:
    responses: Responses = field(default_factory=Responses)  # the valid responses, columnar
    problems: list[Problem] = field(default_factory=list)
    bad_rows: set[int] = field(default_factory=set)
    rows_read: int = 0
    dates: DateReading | None = None  # how the response times were read, and why
    zone: ZoneChoice | None = None  # the zone of times without an offset
    skipped: Counter = field(default_factory=Counter)  # preview/test/spam rows by reason
    repeats: list[Repeat] = field(default_factory=list)  # same id and same answer as an earlier row
    repeats_kept_once: bool = False  # True: those rows were dropped, not reported
    rows_released: bool = False  # checked with release_rows: the import frees responses

    @property
    def records(self) -> Records:
        """The valid responses as tuples in COLUMNS order (a view built on demand)."""
        return Records(self.responses)

    @property
    def n_records(self) -> int:
        return self.responses.count

    @property
    def rows_skipped_as_tests(self) -> int:
        return sum(self.skipped.values())

    def notes(self) -> list[str]:
        """What the reading decided, for the CLI and the page: dates, zone, skipped rows, repeats."""
        lines = []
        if self.dates is not None:
            lines.append(self.dates.describe())
        if self.zone is not None:
            lines.append(f"times without an offset are in {self.zone.describe()}; stored as UTC")
        if self.skipped:
            lines.append(describe_skipped(self.skipped))
        if self.repeats:
            first = self.repeats[0]
            what = (
                "kept once (the first row)"
                if self.repeats_kept_once
                else "reported; keep one of each to import them once"
            )
            lines.append(
                f"{len(self.repeats)} row(s) repeat an earlier row's response id and answer "
                f"(e.g. rows {first.first_row} and {first.row}): {what}"
            )
        return lines


def check_mapping(mapping: Mapping, table: FlatTable) -> None:
    """Mapped columns must exist; a score column whose header states another scale is refused."""
    missing = [
        c
        for c in [
            *mapping.scores,
            mapping.response_id,
            mapping.customer_id,
            mapping.journey_id,
            mapping.responded_at,
            mapping.comment,
            mapping.channel,
            mapping.touchpoint,
            mapping.language,
            *mapping.segments,
        ]
        if c and c not in table.headers
    ]
    if missing:
        raise KeyError(f"mapped columns not in the file: {', '.join(missing)}")
    if not mapping.scores:
        raise ValueError("no score column is mapped")
    if not mapping.responded_at:
        raise ValueError("no response time column is mapped")
    if mapping.timezone and zone_problem(mapping.timezone):
        raise ValueError(f"timezone: {zone_problem(mapping.timezone)}")
    if format_problem(mapping.date_format):
        raise ValueError(f"date format: {format_problem(mapping.date_format)}")
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
CHUNK_ROWS = 50_000  # rows checked (and, on release, freed) at a time


def file_zone(table: FlatTable, column: str) -> tuple[str, str] | None:
    """(zone, where it is stated) for a time column: Qualtrics' ImportId row, or '(UTC)' in the header."""
    stated = table.column_meta(column).get("timeZone")
    if stated:
        return str(stated), f"Qualtrics header row 3 of {table.column_id(column)}"
    zone = header_zone(column)
    return (zone, f"the header {column!r}") if zone else None


def read_times(
    table: FlatTable, mapping: Mapping, default_timezone: str, zone_from: str = ""
) -> tuple[DateReading, ZoneChoice]:
    """How the response time column is read (decided once for the whole column) and its zone."""
    i = table.headers.index(mapping.responded_at or "")
    values = [r[i] if i < len(r) else None for r in table.rows]
    reading = read_column(values, table.row_numbers, mapping.date_format, table.format)
    del values
    zone = choose_zone(
        mapping.timezone, file_zone(table, mapping.responded_at or ""), default_timezone, zone_from
    )
    return reading, zone


def _date_problem(number: int, column: str, raw: object, text: str | None, reading: DateReading) -> Problem:
    if not text:
        return Problem(number, column, "", "missing date", code="missing_date")
    if reading.conflict and contradicts(raw, reading.order):
        other = "dmy" if reading.order == "mdy" else "mdy"
        ev = reading.evidence
        return Problem(
            number,
            column,
            text,
            f"unparseable date (day and month: this value only fits {ORDER_NAMES[other]}, "
            f"but row {ev.row if ev else '?'} has {ev.value if ev else '?'}, which only fits "
            f"{ORDER_NAMES[reading.order]}; the column mixes both: fix the file or give the "
            "date format)",
            code="date_order_mixed",
            params={
                "order": reading.order,
                "other_order": other,
                "evidence_row": ev.row if ev else "?",
                "evidence_value": str(ev.value) if ev else "?",
            },
        )
    return Problem(number, column, text, "unparseable date", code="unparseable_date")


def validate(
    table: FlatTable,
    mapping: Mapping,
    progress: Callable[[float, str], None] | None = None,
    *,
    default_timezone: str = DEFAULT_TIMEZONE,
    keep_one_of_repeats: bool = False,
    zone_from: str = "",
    release_rows: bool = False,
) -> Validated:
    """Check every row; collect the valid rows' responses column by column (surveys.responses).

    Response times become naive UTC (see core.timezones; `zone_from` says where an explicit
    mapping.timezone came from); preview/test rows are skipped and counted; a response id repeated
    with the same answer is reported, or kept once on request. Whole-file decisions (the date
    reading, test rows, repeated ids) are taken first, on the columns they need; then the rows are
    checked in chunks. `release_rows=True` drops each chunk of `table.rows` once it is checked (the
    table is empty afterwards): the import keeps the file in memory only once.
    """
    check_mapping(mapping, table)
    idx = {h: i for i, h in enumerate(table.headers)}
    score_cols = [(c, idx[c], m, SCALES[m]) for c, m in mapping.scores.items()]
    suffix = len(score_cols) > 1
    metric_counts: dict[str, int] = {}
    for _, _, m, _ in score_cols:
        metric_counts[m] = metric_counts.get(m, 0) + 1
    suffixes = [
        ("" if not suffix else f"-{m}" if metric_counts[m] == 1 else f"-{m}-{i + 1}")
        for _, i, m, _ in score_cols
    ]

    def col(row: list, name: str | None) -> object:
        if name is None:
            return None
        i = idx[name]
        return row[i] if i < len(row) else None

    rows = table.rows
    reading, zone = read_times(table, mapping, default_timezone, zone_from)
    parse, to_utc = reading.parser(), UtcConverter(zone.name)
    time_idx = idx[mapping.responded_at or ""]
    tests = test_rows(table)
    generated, repeated = _response_ids(table, mapping, idx, tests)
    _give_back_memory()
    numbers = np.asarray(table.row_numbers, dtype=np.int64)
    if release_rows:
        table.row_numbers = []
    out = Validated(dates=reading, zone=zone, repeats_kept_once=keep_one_of_repeats)
    builder = ResponseBuilder(
        mapping.survey, [(m, lo, hi, sfx) for (_, _, m, (lo, hi)), sfx in zip(score_cols, suffixes)]
    )
    total = len(rows) or 1
    for start in range(0, len(rows), CHUNK_ROWS):
        stop = min(len(rows), start + CHUNK_ROWS)
        chunk_numbers = numbers[start:stop].tolist()
        for r in range(start, stop):
            row, number = rows[r], chunk_numbers[r - start]
            out.rows_read += 1
            if progress is not None and out.rows_read % PROGRESS_EVERY == 0:
                progress(out.rows_read / total, "validating")
            if tests and r in tests:
                out.skipped[tests[r]] += 1
                continue
            problems: list[Problem] = []
            rid = generated[r] if generated is not None else _s(col(row, mapping.response_id))
            if rid is None:
                problems.append(
                    Problem(
                        number,
                        mapping.response_id or "",
                        "",
                        "missing response id",
                        code="missing_response_id",
                    )
                )
            elif r in repeated:
                first_index, same = repeated[r]
                first = int(numbers[first_index])
                if same:
                    out.repeats.append(Repeat(rid, first, number))
                    if keep_one_of_repeats:
                        continue
                    problems.append(
                        Problem(
                            number,
                            mapping.response_id or "",
                            rid,
                            f"the same response id on rows {first} and {number} with the "
                            "same answer (a repeat, e.g. one review for two orders; "
                            "keep one of repeats to import it once)",
                            code="repeated_response",
                            params={"first_row": first, "row": number},
                        )
                    )
                else:
                    problems.append(
                        Problem(
                            number,
                            mapping.response_id or "",
                            rid,
                            f"duplicate response id (rows {first} and {number}) with different answers",
                            code="duplicate_response_id",
                            params={"first_row": first, "row": number},
                        )
                    )
            customer = _s(col(row, mapping.customer_id))
            if mapping.customer_id and customer is None:
                problems.append(
                    Problem(
                        number, mapping.customer_id, "", "missing customer id", code="missing_customer_id"
                    )
                )
            raw_time = row[time_idx] if time_idx < len(row) else None
            parsed = parse(raw_time) if raw_time is not None else None
            when = to_utc(parsed) if parsed is not None else None
            if when is None:
                text = _s(raw_time)
                problems.append(_date_problem(number, mapping.responded_at or "", raw_time, text, reading))
            scores: list[float | None] = []
            for name, i, metric, (lo, hi) in score_cols:
                raw = row[i] if i < len(row) else None
                if _s(raw) is None:
                    scores.append(None)
                    continue  # question not answered
                value = parse_score(raw, metric)
                if value is None:
                    problems.append(
                        Problem(
                            number,
                            name,
                            _s(raw) or "",
                            f"not a {metric.upper()} score (neither a number nor a "
                            f"known {metric.upper()} answer label)",
                            code="not_a_score",
                            params={"metric": metric},
                        )
                    )
                elif not value.is_integer() or not lo <= value <= hi:
                    problems.append(
                        Problem(
                            number,
                            name,
                            _s(raw) or "",
                            f"outside the {metric.upper()} scale {lo}-{hi} (not rescaled)",
                            code="score_outside_scale",
                            params={"metric": metric, "low": lo, "high": hi},
                        )
                    )
                else:
                    scores.append(value)
            if problems:
                out.problems.extend(problems)
                out.bad_rows.add(number)
                continue
            comment = scrub(_s(col(row, mapping.comment)))
            segment = " | ".join(s for s in (_s(col(row, c)) for c in mapping.segments) if s) or None
            builder.add(
                rid,
                customer,
                _s(col(row, mapping.journey_id)),
                _s(col(row, mapping.touchpoint)),
                _s(col(row, mapping.channel)),
                when,
                comment,
                segment,
                _s(col(row, mapping.language)),
                scores,
            )
        builder.flush()
        if release_rows:
            rows[start:stop] = [None] * (stop - start)
            if generated is not None:
                generated[start:stop] = [None] * (stop - start)
    if release_rows:
        table.rows = []
        _give_back_memory()
    out.responses = builder.finish()
    return out


def _give_back_memory() -> None:
    """Return freed heap pages to the system (glibc malloc_trim; nothing elsewhere): without it the
    process keeps the peak of the whole-file checks while the rows are released."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _libc()


def _response_ids(
    table: FlatTable, mapping: Mapping, idx: dict[str, int], tests: dict[int, str]
) -> tuple[list[str | None] | None, dict[int, tuple[int, bool]]]:
    """Repeated response ids, decided on the whole file before any row is checked (or released):
    for each row whose id an earlier row already had, (that first row's index, whether both rows
    give the same answer). Test rows and rows without an id take no part. Also the generated ids
    of a file without a response id column (None when it has one: the ids are in the rows).

    Only the ids' hashes are held for the whole file (8 bytes a row); rows whose hash another row
    shares are then compared by their ids themselves, so the result is exact."""
    key_idx = [idx[c] for c in (mapping.responded_at, mapping.customer_id, *mapping.scores) if c]
    answer_idx = [
        idx[c] for c in (mapping.responded_at, mapping.customer_id, mapping.comment, *mapping.scores) if c
    ]
    rows, id_idx = table.rows, (idx[mapping.response_id] if mapping.response_id else None)
    generated: list[str | None] | None = [None] * len(rows) if id_idx is None else None
    hashes, positions = array("q"), array("q")
    for r, row in enumerate(rows):
        if tests and r in tests:
            continue
        if generated is not None:
            rid = generated[r] = _content_id(row, key_idx)
        else:
            rid = _s(row[id_idx]) if id_idx < len(row) else None
        if rid is not None:
            hashes.append(hash(rid))
            positions.append(r)
    keys, where = np.frombuffer(hashes, dtype=np.int64), np.frombuffer(positions, dtype=np.int64)
    order = np.argsort(keys, kind="stable")
    shared = np.zeros(len(order), dtype=bool)
    if len(order) > 1:
        equal = keys[order[1:]] == keys[order[:-1]]
        shared[1:] |= equal
        shared[:-1] |= equal
    candidates = np.sort(where[order[shared]]).tolist()
    del keys, where, order, shared, hashes, positions
    repeated: dict[int, tuple[int, bool]] = {}
    first_of: dict[str, int] = {}
    for r in candidates:
        row = rows[r]
        rid = generated[r] if generated is not None else _s(row[id_idx] if id_idx < len(row) else None)
        first_index = first_of.setdefault(rid, r)
        if first_index != r:
            repeated[r] = (first_index, _answer(rows[first_index], answer_idx) == _answer(row, answer_idx))
    return generated, repeated


def _answer(row: list, answer_idx: list[int]) -> tuple:
    """What makes two rows the same answer: time, customer, comment and every score, as written."""
    return tuple(_s(row[i]) if i < len(row) else None for i in answer_idx)
