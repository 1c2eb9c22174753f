"""Turn mapped rows into canonical responses and a row-level report of everything invalid."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from core.metrics import SCALES
from core.pii import scrub
from core.problems import Problem
from core.timezones import DEFAULT_TIMEZONE, UtcConverter, ZoneChoice
from surveys.cell_text import cell_text
from surveys.dates import DateReading
from surveys.derived import describe_skipped, test_rows
from surveys.formats import FlatTable
from surveys.heap_trim import give_back_memory
from surveys.mapping import Mapping
from surveys.mapping_check import check_mapping
from surveys.parsing import parse_score
from surveys.response_ids import response_ids
from surveys.response_times import date_problem, read_times
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


PROGRESS_EVERY = 5000  # rows between progress calls
CHUNK_ROWS = 50_000  # rows checked (and, on release, freed) at a time
KNOWN_SCORES = 1000  # distinct valid score texts remembered per column


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

    def text_at(row: list, i: int | None) -> str | None:
        """The cell's text (cell_text) at a column position; None for no column or a short row."""
        return cell_text(row[i]) if i is not None and i < len(row) else None

    def position(name: str | None) -> int | None:
        return idx[name] if name else None  # blank: not mapped (as check_mapping reads it)

    journey_at, touchpoint_at, channel_at, language_at = (
        position(mapping.journey_id),
        position(mapping.touchpoint),
        position(mapping.channel),
        position(mapping.language),
    )
    customer_at, comment_at = position(mapping.customer_id), position(mapping.comment)
    response_id_at = position(mapping.response_id)
    segments_at = [idx[c] for c in mapping.segments if c]

    rows = table.rows
    reading, zone = read_times(table, mapping, default_timezone, zone_from)
    parse, to_utc = reading.parser(), UtcConverter(zone.name)
    time_idx = idx[mapping.responded_at or ""]
    tests = test_rows(table)
    generated, repeated = response_ids(table, mapping, idx, tests)
    give_back_memory()
    numbers = np.asarray(table.row_numbers, dtype=np.int64)
    if release_rows:
        table.row_numbers = []
    out = Validated(dates=reading, zone=zone, repeats_kept_once=keep_one_of_repeats)
    builder = ResponseBuilder(
        mapping.survey, [(m, lo, hi, sfx) for (_, _, m, (lo, hi)), sfx in zip(score_cols, suffixes)]
    )
    # each score column's valid texts and their values: a column holds few distinct ones (0-10,
    # a scale's labels), so most cells are one dictionary look-up instead of a parse
    # ("": a blank cell, the question not answered, as cell_text reads it)
    known_scores: list[dict[str, float | None]] = [{"": None} for _ in score_cols]
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
            rid = generated[r] if generated is not None else text_at(row, response_id_at)
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
            customer = text_at(row, customer_at)
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
                text = cell_text(raw_time)
                problems.append(date_problem(number, mapping.responded_at or "", raw_time, text, reading))
            scores: list[float | None] = []
            for (name, i, metric, (lo, hi)), known in zip(score_cols, known_scores):
                raw = row[i] if i < len(row) else None
                if type(raw) is str and raw in known:  # a score written before in this column
                    scores.append(known[raw])
                    continue
                if cell_text(raw) is None:
                    scores.append(None)
                    continue  # question not answered
                value = parse_score(raw, metric)
                if value is None:
                    problems.append(
                        Problem(
                            number,
                            name,
                            cell_text(raw) or "",
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
                            cell_text(raw) or "",
                            f"outside the {metric.upper()} scale {lo}-{hi} (not rescaled)",
                            code="score_outside_scale",
                            params={"metric": metric, "low": lo, "high": hi},
                        )
                    )
                else:
                    scores.append(value)
                    if type(raw) is str and len(known) < KNOWN_SCORES:
                        known[raw] = value
            if problems:
                out.problems.extend(problems)
                out.bad_rows.add(number)
                continue
            comment = scrub(text_at(row, comment_at))
            segment = " | ".join(s for s in (text_at(row, i) for i in segments_at) if s) or None
            builder.add(
                rid,
                customer,
                text_at(row, journey_at),
                text_at(row, touchpoint_at),
                text_at(row, channel_at),
                when,
                comment,
                segment,
                text_at(row, language_at),
                scores,
            )
        builder.flush()
        if release_rows:
            rows[start:stop] = [None] * (stop - start)
            if generated is not None:
                generated[start:stop] = [None] * (stop - start)
    if release_rows:
        table.rows = []
        give_back_memory()
    out.responses = builder.finish()
    return out
