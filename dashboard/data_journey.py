"""Queries of the Journey and Customer pages: stage flow, common paths, one stage's drill-down
(contacts, verbatims, affected customers) and one customer's timeline.

Periods and segments follow docs/data-model.md: journey tables use the month the journey
started, contacts the month they were opened, responses the month they were given. The
sidebar's channel filter is the survey response channel; it applies to responses only.
"""
from __future__ import annotations

from datetime import date
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard import data
from pipelines.sql_filters import where_clause

END_NODES = ("(end)", "(dropped)", "(in progress)")
RESPONSE_LIMIT = 200
AFFECTED_LIMIT = 500


def _where(months: tuple[date, date] | None, segments: tuple[str, ...],
           channels: tuple[str, ...] = (), **equal: Any) -> tuple[str, list[Any]]:
    """A where clause on period_month, segment, channel and column = value pairs."""
    return where_clause(months, {"segment": segments, "channel": channels}, equal)


# --- the journey map --------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=16)
def _stages(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _cur.execute("""
        select s.stage, s.stage_order, s.owner, s.name_en, s.name_fi, s.completes_journey,
               f.name_en as owner_name_en, f.name_fi as owner_name_fi
        from map_stages as s left join map_functions as f on f.function_id = s.owner
        order by s.stage_order""").df()


def stages() -> pd.DataFrame:
    """The journey map's stages in journey order, with owner and names."""
    cur = data.cursor()
    return _stages(data.db_path(), data.data_version(cur), cur)


@st.cache_data(show_spinner=False, max_entries=16)
def _reason_names(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _cur.execute("select reason, name_en, name_fi from map_contact_reasons").df()


def reason_names() -> pd.DataFrame:
    """Contact reasons with their names (map_contact_reasons)."""
    cur = data.cursor()
    return _reason_names(data.db_path(), data.data_version(cur), cur)


# --- flow and paths ---------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def _transitions(path: str, version: str, months: tuple[date, date] | None,
                 segments: tuple[str, ...], _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    clause, params = _where(months, segments)
    return _cur.execute(f"""
        select from_stage, to_stage, is_rework,
               count(*)::bigint as transitions,
               median(hours) as median_hours
        from mart_stage_transitions where {clause}
        group by all order by transitions desc""", params).df()


def transitions(months: tuple[date, date] | None, segments: tuple[str, ...] = ()) -> pd.DataFrame:
    """Transitions between stages (and to the end nodes) under the filters.

    Columns: from_stage, to_stage, is_rework, transitions, median_hours (null for end nodes).
    """
    cur = data.cursor()
    return _transitions(data.db_path(), data.data_version(cur), months, tuple(segments), cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _paths(path: str, version: str, months: tuple[date, date] | None, segments: tuple[str, ...],
           _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    clause, params = _where(months, segments)
    return _cur.execute(f"""
        select path,
               sum(journeys)::bigint as journeys,
               (sum(journeys) filter (where outcome = 'completed'))::bigint as completed,
               (sum(journeys) filter (where outcome = 'dropped'))::bigint as dropped,
               (sum(journeys) filter (where outcome = 'in_progress'))::bigint as in_progress,
               sum(journeys_with_friction)::bigint as with_friction
        from mart_journey_paths where {clause}
        group by path order by journeys desc, path""", params).df().fillna(
        {"completed": 0, "dropped": 0, "in_progress": 0})


def paths(months: tuple[date, date] | None, segments: tuple[str, ...] = ()) -> pd.DataFrame:
    """Every path under the filters, most common first: path, journeys, completed, dropped,
    in_progress, with_friction."""
    cur = data.cursor()
    return _paths(data.db_path(), data.data_version(cur), months, tuple(segments), cur)


# --- one stage's drill-down ---------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def _stage_contacts(path: str, version: str, stage: str, months: tuple[date, date] | None,
                    segments: tuple[str, ...], _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    clause, params = _where(months, segments, stage=stage)
    return _cur.execute(f"""
        select reason, bool_or(avoidable) as avoidable, bool_or(reason_mapped) as reason_mapped,
               sum(contacts)::bigint as contacts,
               sum(repeat_contacts)::bigint as repeat_contacts,
               sum(cost_eur)::double as cost_eur,
               string_agg(distinct attribution, ',' order by attribution) as attribution
        from mart_contacts where {clause}
        group by reason order by contacts desc, reason""", params).df()


def stage_contacts(stage: str, months: tuple[date, date] | None,
                   segments: tuple[str, ...] = ()) -> pd.DataFrame:
    """Contacts attributed to one stage by reason (mart_contacts)."""
    cur = data.cursor()
    return _stage_contacts(data.db_path(), data.data_version(cur), stage, months, tuple(segments), cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _stage_responses(path: str, version: str, stage: str, months: tuple[date, date] | None,
                     segments: tuple[str, ...], channels: tuple[str, ...], friction: str,
                     _cur: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, dict[str, int]]:
    clause, params = _where(months, segments, channels, stage=stage)
    counts = dict(_cur.execute(f"""
        select case when had_friction then 'with' else 'without' end, count(*)
        from mart_stage_responses where {clause} and comment is not null and trim(comment) <> ''
        group by 1""", params).fetchall())
    extra = {"with": " and had_friction", "without": " and not had_friction"}.get(friction, "")
    frame = _cur.execute(f"""
        select responded_at, metric, score, had_friction, comment, language, channel, segment,
               customer_id, journey_id, response_id
        from mart_stage_responses
        where {clause} and comment is not null and trim(comment) <> ''{extra}
        order by responded_at desc, response_id limit {RESPONSE_LIMIT}""", params).df()
    return frame, {k: int(v) for k, v in counts.items()}


def stage_responses(stage: str, months: tuple[date, date] | None, segments: tuple[str, ...] = (),
                    channels: tuple[str, ...] = (), friction: str = "all"
                    ) -> tuple[pd.DataFrame, dict[str, int]]:
    """Newest responses with a comment from journeys that reached the stage (friction: 'all',
    'with' or 'without' friction there before answering), and the count of each group."""
    cur = data.cursor()
    return _stage_responses(data.db_path(), data.data_version(cur), stage, months, tuple(segments),
                            tuple(channels), friction, cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _affected(path: str, version: str, stage: str, months: tuple[date, date] | None,
              segments: tuple[str, ...], _cur: duckdb.DuckDBPyConnection) -> tuple[pd.DataFrame, int]:
    clause, params = _where(months, segments, stage=stage)
    total = _cur.execute(f"select count(*) from mart_stage_friction_journeys where {clause}",
                         params).fetchall()[0][0]
    frame = _cur.execute(f"""
        select customer_id, journey_id, first_friction_at, failed, late, sla_breached, done_at,
               reached, segment
        from mart_stage_friction_journeys where {clause}
        order by first_friction_at desc, journey_id limit {AFFECTED_LIMIT}""", params).df()
    return frame, int(total)


def affected_customers(stage: str, months: tuple[date, date] | None,
                       segments: tuple[str, ...] = ()) -> tuple[pd.DataFrame, int]:
    """Journeys with friction at the stage, newest first (at most AFFECTED_LIMIT), and how many
    there are in all."""
    cur = data.cursor()
    return _affected(data.db_path(), data.data_version(cur), stage, months, tuple(segments), cur)


# --- one customer -----------------------------------------------------------------------

@st.cache_data(show_spinner=False, max_entries=64)
def _timeline(path: str, version: str, customer_id: str,
              _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _cur.execute("""
        select occurred_at, kind, journey_id, stage, owner, what, detail, friction, outcome, late,
               channel, handling_team, score, comment, item_id, journey_outcome
        from mart_customer_timeline where customer_id = ?
        order by occurred_at, kind, item_id""", [customer_id]).df()


def customer_timeline(customer_id: str) -> pd.DataFrame:
    """Every event, contact and response of one customer in time order (empty if unknown)."""
    cur = data.cursor()
    return _timeline(data.db_path(), data.data_version(cur), customer_id, cur)


@st.cache_data(show_spinner=False, max_entries=64)
def _customer_segment(path: str, version: str, customer_id: str,
                      _cur: duckdb.DuckDBPyConnection) -> str | None:
    found = _cur.execute("""
        select segment from mart_customer_timeline where customer_id = ? and segment is not null
        limit 1""", [customer_id]).fetchall()
    return found[0][0] if found else None


def customer_segment(customer_id: str) -> str | None:
    """The customer's segment ('unknown' when the customer has none; None if no activity)."""
    cur = data.cursor()
    return _customer_segment(data.db_path(), data.data_version(cur), customer_id, cur)


@st.cache_data(show_spinner=False, max_entries=16)
def _example_customers(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> list[str]:
    return [r[0] for r in _cur.execute("""
        select customer_id from mart_stage_friction_journeys
        group by 1 order by count(*) desc, 1 limit 5""").fetchall()]


def example_customers() -> list[str]:
    """A few customers who met friction (suggestions for the search box)."""
    cur = data.cursor()
    return _example_customers(data.db_path(), data.data_version(cur), cur)


@st.cache_data(show_spinner=False, max_entries=16)
def _functions(path: str, version: str, _cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    return _cur.execute("select function_id, name_en, name_fi from map_functions").df()


def functions() -> pd.DataFrame:
    """The journey map's functions with their names (map_functions)."""
    cur = data.cursor()
    return _functions(data.db_path(), data.data_version(cur), cur)
