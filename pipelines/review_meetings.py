"""Review meetings (table review_meetings): when a function (or all) met, and the next date.

Re-exported by pipelines/actions.py; writes need Permission.MANAGE_ACTIONS and leave an audit entry.
"""

from __future__ import annotations

from datetime import date

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.db import table_exists
from core.transaction import write_transaction
from pipelines.action_values import (
    ALL_FUNCTIONS,
    ActionError,
    as_date,
    check_function,
    ensure_tables,
    journey_map,
    text_form,
)


def record_review(
    con: duckdb.DuckDBPyConnection,
    *,
    actor: Actor,
    function_scope: str,
    meeting_date: date,
    next_review: date | None = None,
) -> None:
    """Record a review meeting of a function (or 'all'); recording the same meeting again
    replaces its next-review date."""
    require(actor, Permission.MANAGE_ACTIONS)
    if function_scope != ALL_FUNCTIONS:
        check_function(journey_map(con), function_scope, "function_scope")
    day = as_date(meeting_date, "meeting_date")
    if day is None:
        raise ActionError("meeting_date: a date is needed")
    following = as_date(next_review, "next_review")
    if following is not None and following <= day:
        raise ActionError(f"next_review: {following} is not after the meeting date {day}")
    ensure_tables(con)
    with write_transaction(con):
        con.execute(
            "insert into review_meetings values (?, ?, ?, ?, ?) on conflict (function_scope, meeting_date) "
            "do update set next_review = excluded.next_review, recorded_at = excluded.recorded_at, "
            "recorded_by = excluded.recorded_by",
            [function_scope, day, following, audit.utc_now(), actor.name],
        )
        audit.record(
            con,
            actor,
            "review_record",
            "review_meeting",
            f"{function_scope} {day}",
            {"next_review": text_form(following)},
        )


def reviews(con: duckdb.DuckDBPyConnection, function_scope: str) -> list[tuple[date, date | None]]:
    """(meeting_date, next_review) of a scope's recorded meetings, newest first."""
    if not table_exists(con, "review_meetings"):
        return []
    return [
        (day, following)
        for day, following in con.execute(
            "select meeting_date, next_review from review_meetings where function_scope = ? "
            "order by meeting_date desc",
            [function_scope],
        ).fetchall()
    ]


def previous_review(con: duckdb.DuckDBPyConnection, function_scope: str, before: date) -> date | None:
    """The latest recorded meeting of the scope before a day, or None."""
    return next((day for day, _ in reviews(con, function_scope) if day < before), None)
