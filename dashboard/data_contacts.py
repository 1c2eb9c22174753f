"""Queries of the Contacts page: volumes by reason, stage, owner and channel; repeats for any
window; one reason's contacts and example customers.

All functions take the page's filters: a month range, segments, stages, owners and CONTACT
channels (the sidebar's channel filter is the survey response channel and does not apply).
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from core.db import table_exists
from dashboard.cached_query import cached_query
from dashboard.query_parts import sums, where

EXAMPLES = 20


@cached_query(max_entries=16)
def contact_channels(cur: duckdb.DuckDBPyConnection) -> list[str]:
    """Contact channels present in the data, most used first."""
    return [
        r[0]
        for r in cur.execute(
            "select channel from mart_contacts group by 1 order by sum(contacts) desc, 1"
        ).fetchall()
    ]


@cached_query(max_entries=128)
def volumes(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Contacts, transfers, resolved and cost per month x stage x owner x reason x channel."""
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    frame = cur.execute(
        f"""
        select period_month, stage, owner, reason, reason_mapped, avoidable, channel,
               {
            sums(
                "contacts",
                "transferred_contacts",
                "transfers",
                "resolved_contacts",
                "cost_eur",
                real=["cost_eur"],
            )
        }
        from mart_contacts where {clause}
        group by all""",
        params,
    ).df()
    frame["period_month"] = [pd.Timestamp(v).date() for v in frame["period_month"]]
    return frame


@cached_query(max_entries=128)
def repeat_gaps(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Repeat contacts per stage x owner x reason x channel x gap_day (whole days since the same
    customer's previous contact with the same reason); sum gap_day <= W for a W-day window."""
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    return cur.execute(
        f"""
        select stage, owner, reason, channel, gap_day, sum(contacts)::bigint as contacts
        from mart_contact_repeats where {clause}
        group by all""",
        params,
    ).df()


def repeats_within(gaps: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """The repeat contacts of a window: rows with gap_day <= window_days."""
    return gaps[gaps["gap_day"] <= int(window_days)]


@cached_query(max_entries=128)
def examples(
    cur: duckdb.DuckDBPyConnection,
    reason: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    limit: int = EXAMPLES,
) -> pd.DataFrame:
    """The latest contacts with one reason under the filters (for links to customers)."""
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    return cur.execute(
        f"""
        select customer_id, contact_id, opened_at, channel, stage, owner, handling_team, transfers,
               resolved, is_repeat, days_since_previous_same_reason, cost_eur
        from mart_contact_list where reason = ? and {clause}
        order by opened_at desc, contact_id limit ?""",
        [reason] + params + [int(limit)],
    ).df()


@cached_query(max_entries=64)
def stage_examples(
    cur: duckdb.DuckDBPyConnection,
    stage: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    limit: int = EXAMPLES,
) -> pd.DataFrame:
    """The latest contacts attributed to one stage under the filters (for links to customers)."""
    clause, params = where(months, segments, owner=owners, channel=channels)
    return cur.execute(
        f"""
        select customer_id, contact_id, opened_at, channel, reason, reason_mapped, avoidable,
               handling_team, transfers, resolved, days_since_previous_same_reason
        from mart_contact_list where stage = ? and {clause}
        order by opened_at desc, contact_id limit ?""",
        [stage] + params + [int(limit)],
    ).df()


@cached_query(max_entries=16)
def repeated_questions_available(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether the refresh has built the repeated-questions marts (a database refreshed before them
    has not)."""
    return table_exists(cur, "mart_repeated_questions") and table_exists(cur, "mart_repeated_question_list")


@cached_query(max_entries=128)
def repeated_question_gaps(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Repeated questions and their cost per stage x owner x topic x gap_day (whole days since the
    earlier contact about the same topic); sum gap_day <= W for a W-day window."""
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    return cur.execute(
        f"""
        select stage, owner, topic_kind, topic, gap_day, {sums("contacts", "cost_eur", real=["cost_eur"])}
        from mart_repeated_questions where {clause}
        group by all""",
        params,
    ).df()


@cached_query(max_entries=64)
def repeated_question_examples(
    cur: duckdb.DuckDBPyConnection,
    window_days: int,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    limit: int = EXAMPLES,
) -> pd.DataFrame:
    """The latest repeated questions within the window under the filters, with both notes."""
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    return cur.execute(
        f"""
        select customer_id, contact_id, opened_at, topic_kind, topic, stage, owner, days_since_previous,
               note, previous_note
        from mart_repeated_question_list where gap_day <= ? and {clause}
        order by opened_at desc, contact_id limit ?""",
        [int(window_days)] + params + [int(limit)],
    ).df()
