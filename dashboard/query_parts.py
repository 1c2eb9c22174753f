"""Pieces the dashboard's mart queries are put together from: the page filters' where clause, the
select list of summed measures, and months and dates read back from query results."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from pipelines.sql_filters import where_clause


def where(
    months: tuple[date, date] | None,
    segments: Sequence[str] = (),
    equal: Mapping[str, Any] | None = None,
    **lists: Sequence[str],
) -> tuple[str, list[Any]]:
    """The where clause of the page filters (pipelines.sql_filters.where_clause): a month range,
    segments, any other column -> values lists, then column = value pairs; bound parameters."""
    return where_clause(months, {"segment": segments, **lists}, equal)


def sums(*columns: str, real: Sequence[str] = ()) -> str:
    """A select list of the additive marts' measures summed over the filtered rows, in the order
    given: 'sum(c)::bigint as c' for counts, 'sum(c)::double as c' for the ``real`` ones (money)."""
    return ", ".join(f"sum({c})::{'double' if c in real else 'bigint'} as {c}" for c in columns)


def month_span(months: list[date]) -> list[date]:
    """Every month from the first to the last (months without responses included)."""
    if not months:
        return []
    first, last = min(months), max(months)
    span, index = [], first.year * 12 + first.month - 1
    while index <= last.year * 12 + last.month - 1:
        span.append(date(index // 12, index % 12 + 1, 1))
        index += 1
    return span


def as_date(value: Any) -> date:
    """A month or time from a query result as a date."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return pd.Timestamp(value).date()
