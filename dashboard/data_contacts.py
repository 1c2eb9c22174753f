"""Queries of the Contacts page: volumes by reason, stage, owner and channel; repeats for any
window; one reason's contacts and example customers.

All functions take the page's filters: a month range, segments, stages, owners and CONTACT
channels (the sidebar's channel filter is the survey response channel and does not apply).
"""
from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd
import streamlit as st

from dashboard import data
from dashboard.data_functions import where

EXAMPLES = 20


@st.cache_data(show_spinner=False, max_entries=16)
def _reasons(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _cur.execute("""
        select reason, stage, owner, avoidable, name_en, name_fi from map_contact_reasons""").df()


def reasons() -> pd.DataFrame:
    """The journey map's contact reasons with their names (map_contact_reasons)."""
    cur = data.cursor()
    return _reasons(data.db_path(), data.data_version(cur), cur)


@st.cache_data(show_spinner=False, max_entries=16)
def _channels(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in _cur.execute(
        "select channel from mart_contacts group by 1 order by sum(contacts) desc, 1").fetchall()]


def contact_channels() -> list[str]:
    """Contact channels present in the data, most used first."""
    cur = data.cursor()
    return _channels(data.db_path(), data.data_version(cur), cur)


@st.cache_data(show_spinner=False, max_entries=128)
def _volumes(path: str, version: str, months: tuple[date, date] | None, segments: tuple[str, ...],
             stages: tuple[str, ...], owners: tuple[str, ...], channels: tuple[str, ...],
             _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    frame = _cur.execute(f"""
        select period_month, stage, owner, reason, reason_mapped, avoidable, channel,
               sum(contacts)::bigint as contacts,
               sum(transferred_contacts)::bigint as transferred_contacts,
               sum(transfers)::bigint as transfers,
               sum(resolved_contacts)::bigint as resolved_contacts,
               sum(cost_eur)::double as cost_eur
        from mart_contacts where {clause}
        group by all""", params).df()
    frame["period_month"] = [pd.Timestamp(v).date() for v in frame["period_month"]]
    return frame


def volumes(months: tuple[date, date] | None, segments: tuple[str, ...] = (),
            stages: tuple[str, ...] = (), owners: tuple[str, ...] = (),
            channels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Contacts, transfers, resolved and cost per month x stage x owner x reason x channel."""
    cur = data.cursor()
    return _volumes(data.db_path(), data.data_version(cur), months, tuple(segments), tuple(stages),
                    tuple(owners), tuple(channels), cur)


@st.cache_data(show_spinner=False, max_entries=128)
def _repeat_gaps(path: str, version: str, months: tuple[date, date] | None,
                 segments: tuple[str, ...], stages: tuple[str, ...], owners: tuple[str, ...],
                 channels: tuple[str, ...], _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    return _cur.execute(f"""
        select stage, owner, reason, channel, gap_day, sum(contacts)::bigint as contacts
        from mart_contact_repeats where {clause}
        group by all""", params).df()


def repeat_gaps(months: tuple[date, date] | None, segments: tuple[str, ...] = (),
                stages: tuple[str, ...] = (), owners: tuple[str, ...] = (),
                channels: tuple[str, ...] = ()) -> pd.DataFrame:
    """Repeat contacts per stage x owner x reason x channel x gap_day (whole days since the same
    customer's previous contact with the same reason); sum gap_day <= W for a W-day window."""
    cur = data.cursor()
    return _repeat_gaps(data.db_path(), data.data_version(cur), months, tuple(segments),
                        tuple(stages), tuple(owners), tuple(channels), cur)


def repeats_within(gaps: pd.DataFrame, window_days: int) -> pd.DataFrame:
    """The repeat contacts of a window: rows with gap_day <= window_days."""
    return gaps[gaps["gap_day"] <= int(window_days)]


@st.cache_data(show_spinner=False, max_entries=128)
def _examples(path: str, version: str, reason: str, months: tuple[date, date] | None,
              segments: tuple[str, ...], stages: tuple[str, ...], owners: tuple[str, ...],
              channels: tuple[str, ...], limit: int, _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    clause, params = where(months, segments, stage=stages, owner=owners, channel=channels)
    return _cur.execute(f"""
        select customer_id, contact_id, opened_at, channel, stage, owner, handling_team, transfers,
               resolved, is_repeat, days_since_previous_same_reason, cost_eur
        from mart_contact_list where reason = ? and {clause}
        order by opened_at desc, contact_id limit ?""", [reason] + params + [limit]).df()


def examples(reason: str, months: tuple[date, date] | None, segments: tuple[str, ...] = (),
             stages: tuple[str, ...] = (), owners: tuple[str, ...] = (),
             channels: tuple[str, ...] = (), limit: int = EXAMPLES) -> pd.DataFrame:
    """The latest contacts with one reason under the filters (for links to customers)."""
    cur = data.cursor()
    return _examples(data.db_path(), data.data_version(cur), reason, months, tuple(segments),
                     tuple(stages), tuple(owners), tuple(channels), int(limit), cur)
