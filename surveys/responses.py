"""The valid responses of a file, column by column in pyarrow batches: one row per file row.

A file row gives one response per answered score column. Holding the row's values once (and not
one tuple per response, nor a pandas object frame) keeps a 2M-row import small; responses are
expanded per batch when written (`tables`) or looked at (`Records`, `scores_by_metric`).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from itertools import islice
from typing import overload

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

COLUMNS = (
    "response_id",
    "survey",
    "metric",
    "score",
    "scale_min",
    "scale_max",
    "customer_id",
    "journey_id",
    "touchpoint",
    "channel",
    "responded_at",
    "comment",
    "segment",
    "language",
)
ROW_FIELDS = ("rid", *COLUMNS[COLUMNS.index("customer_id") :])  # per row; the score columns apart
WRITTEN = (COLUMNS[0], *COLUMNS[2:])  # all but survey: one name per file, added when the batch is written


@dataclass(frozen=True)
class ScoreColumn:
    """One mapped score column: its metric, scale and the suffix of its response ids."""

    metric: str
    low: int
    high: int
    suffix: str  # '' (one score column), '-nps', '-csat-7'


@dataclass
class Responses:
    """Batches of valid file rows (ROW_FIELDS, then score_0..score_k-1, null = not answered)."""

    survey: str = ""
    scores: list[ScoreColumn] = field(default_factory=list)
    batches: list[pa.RecordBatch] = field(default_factory=list)
    count: int = 0  # responses (answered scores) over all batches

    def expanded(self, batch: pa.RecordBatch) -> pa.Table:
        """One batch as responses (WRITTEN columns), file row by file row, score columns in order."""
        k = len(self.scores)
        n = batch.num_rows
        answered = np.zeros((n, k), dtype=bool)
        values = np.zeros((n, k), dtype=np.float64)
        for j in range(k):
            column = batch.column(len(ROW_FIELDS) + j)
            answered[:, j] = column.is_valid().to_numpy(zero_copy_only=False)
            values[:, j] = column.fill_null(0.0).to_numpy(zero_copy_only=False)
        rows, cols = np.nonzero(answered)  # row-major: the order the rows gave them
        take = pa.array(rows, type=pa.int64())
        which = pa.array(cols, type=pa.int64())
        rid = batch.column(0).take(take)
        suffixes = pa.array([s.suffix for s in self.scores], type=pa.string())
        ids = (
            pc.binary_join_element_wise(rid, suffixes.take(which), "")
            if any(s.suffix for s in self.scores)
            else rid
        )
        columns = {
            "response_id": ids,
            "metric": pa.array([s.metric for s in self.scores], type=pa.string()).take(which),
            "score": pa.array(values[rows, cols], type=pa.float64()),
            "scale_min": pa.array([s.low for s in self.scores], type=pa.int32()).take(which),
            "scale_max": pa.array([s.high for s in self.scores], type=pa.int32()).take(which),
        }
        for i, name in enumerate(ROW_FIELDS[1:], start=1):
            columns[name] = batch.column(i).take(take)
        return pa.table({name: columns[name] for name in WRITTEN})

    def tables(self, release: bool = False) -> Iterator[pa.Table]:
        """Each batch expanded to responses; `release` drops every batch once it has been given
        (the import hands them to the database; `count` stays)."""
        if not release:
            for batch in list(self.batches):
                yield self.expanded(batch)
            return
        while self.batches:
            yield self.expanded(self.batches.pop(0))

    def scores_by_metric(self) -> dict[str, list[float]]:
        """Every valid score per metric, in the order of the responses."""
        out: dict[str, list[float]] = {}
        for batch in self.batches:
            table = self.expanded(batch)
            metrics = table.column("metric").to_pylist()
            for metric, score in zip(metrics, table.column("score").to_pylist()):
                out.setdefault(metric, []).append(score)
        return out


class ResponseBuilder:
    """Collects valid rows; every `flush` turns the collected rows into one pyarrow batch."""

    def __init__(self, survey: str, scores: list[tuple[str, int, int, str]]) -> None:
        self.responses = Responses(survey, [ScoreColumn(*s) for s in scores])
        self._columns: list[list] = [[] for _ in range(len(ROW_FIELDS) + len(scores))]
        self._appends = [column.append for column in self._columns]  # bound once: add is per row

    def add(
        self,
        rid: str,
        customer_id: str | None,
        journey_id: str | None,
        touchpoint: str | None,
        channel: str | None,
        responded_at: datetime,
        comment: str | None,
        segment: str | None,
        language: str | None,
        scores: list[float | None],
    ) -> None:
        values = (
            rid,
            customer_id,
            journey_id,
            touchpoint,
            channel,
            responded_at,
            comment,
            segment,
            language,
            *scores,
        )
        for append, value in zip(self._appends, values):
            append(value)
        self.responses.count += len(scores) - scores.count(None)

    def flush(self) -> None:
        if not self._columns[0]:
            return
        arrays = []
        for i, values in enumerate(self._columns):
            kind = (
                pa.timestamp("us")
                if i == ROW_FIELDS.index("responded_at")
                else pa.float64()
                if i >= len(ROW_FIELDS)
                else pa.string()
            )
            arrays.append(pa.array(values, type=kind))
            values.clear()
        names = [*ROW_FIELDS, *(f"score_{j}" for j in range(len(self.responses.scores)))]
        self.responses.batches.append(pa.RecordBatch.from_arrays(arrays, names=names))

    def finish(self) -> Responses:
        self.flush()
        return self.responses


class Records(Sequence):
    """The responses as tuples in COLUMNS order, built batch by batch when asked for."""

    def __init__(self, responses: Responses) -> None:
        self._responses = responses

    def __len__(self) -> int:
        return self._responses.count

    def __iter__(self) -> Iterator[tuple]:
        survey = self._responses.survey
        for batch in self._responses.batches:
            table = self._responses.expanded(batch)
            columns = [table.column(name).to_pylist() for name in WRITTEN]
            for values in zip(*columns):
                yield (values[0], survey, *values[1:])

    @overload
    def __getitem__(self, index: int) -> tuple: ...

    @overload
    def __getitem__(self, index: slice) -> list[tuple]: ...

    def __getitem__(self, index: int | slice) -> tuple | list[tuple]:
        if isinstance(index, slice):
            start, stop, step = index.indices(len(self))
            return list(islice(iter(self), start, stop, step))
        position = index + len(self) if index < 0 else index
        if not 0 <= position < len(self):
            raise IndexError("response index out of range")
        return next(islice(iter(self), position, None))

    def __eq__(self, other: object) -> bool:
        return list(self) == list(other) if isinstance(other, (Sequence, Records)) else NotImplemented

    def __repr__(self) -> str:
        return f"Records({len(self)} responses)"
