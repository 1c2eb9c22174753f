"""The where clause every filtered query uses: a month range, column IN (values) lists and
column = value pairs, always with bound parameters (values never enter the SQL text)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any


def where_clause(
    months: tuple[date, date] | None,
    in_lists: Mapping[str, Sequence[Any] | None],
    equal: Mapping[str, Any] | None = None,
) -> tuple[str, list[Any]]:
    """("true and period_month between ? and ? and segment in (?, ?) ...", params); an empty or
    None list filters nothing. Column names come from the code, never from a user."""
    clauses, params = ["true"], []
    if months is not None:
        clauses.append("period_month between ? and ?")
        params += [months[0], months[1]]
    for column, values in in_lists.items():
        if values:
            clauses.append(f"{column} in ({', '.join('?' for _ in values)})")
            params += list(values)
    for column, value in (equal or {}).items():
        clauses.append(f"{column} = ?")
        params.append(value)
    return " and ".join(clauses), params
