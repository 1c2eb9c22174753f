"""Keep the millions of row lists a reader builds cheap: the cyclic garbage collector paused while
they are built (no_gc), repetitive cell values stored once (SharedValues)."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager

from core.reading import Cell


@contextmanager
def no_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while millions of (acyclic) row lists are built: its
    full passes over them made reading a 2M-row file several times slower."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


class SharedValues:
    """One str object per distinct value in repetitive columns (channel, segment, score, ...)
    instead of one per cell: the columns are chosen from the first SAMPLE rows. Saves about a
    third of the memory of a large export's rows for ~0.3 s per million rows."""

    SAMPLE = 2000
    MAX_SHARE = 0.2  # a column is shared when its distinct values are <= 20% of the sample
    MAX_DISTINCT = 50_000  # a column whose values keep changing stops being shared

    def __init__(self) -> None:
        self.columns: list[int] = []
        self.cache: dict[str, str] = {}

    def choose(self, rows: list[list[Cell]]) -> None:
        sample = rows[1:]
        width = max((len(r) for r in sample), default=0)
        self.columns = [
            i
            for i in range(width)
            if len({r[i] for r in sample if i < len(r)}) <= self.MAX_SHARE * len(sample)
        ]
        for row in sample:
            self.apply(row)

    def add(self, rows: list[list[Cell]], record: list[Cell]) -> None:
        """Append the record to rows, its repetitive values shared (chosen after SAMPLE rows)."""
        if self.columns:
            self.apply(record)
        elif len(rows) == self.SAMPLE:
            self.choose(rows)
        rows.append(record)

    def apply(self, record: list[Cell]) -> None:
        cache = self.cache
        get = cache.setdefault
        n = len(record)
        for i in self.columns:
            if i < n:
                value = record[i]
                if type(value) is str:  # never 1 / 1.0 / True: equal keys of other types
                    record[i] = get(value, value)
        if len(cache) > self.MAX_DISTINCT:
            self.columns, self.cache = [], {}
