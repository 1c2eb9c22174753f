"""Queries of the Feedback page: the journey map's themes, theme mentions per month, each theme's
score among those who mention it vs the other commenters, and comments (of a theme, or untagged).

Every query takes the sidebar's month range, segments and response channels. A score group
(``ScoreGroup``: a metric and positive / neutral / negative, see docs/metrics.md) narrows the
counts and the comments; the score comparison never takes one (it would fix the score).
Reads mart_theme_scores (additive sums), mart_theme_comments (a view, one row per commented
response) and map_themes, all built by the refresh (docs/data-model.md).
"""

from __future__ import annotations

from datetime import date
from typing import NamedTuple

import duckdb
import pandas as pd

from core.db import table_exists
from dashboard.cached_query import cached_query
from dashboard.query_parts import where

COMMENTS_SHOWN = 20  # comments of one theme shown (the most focused on it first, then newest)
UNTAGGED_SHOWN = 10  # untagged comments shown (newest first)
RELATIONS = ("map_themes", "mart_theme_scores", "mart_theme_comments")
SIDES = ("mention", "commented")


class ScoreGroup(NamedTuple):
    """One metric's score group: 'positive' (NPS 9-10, CSAT 4-5, CES 5-7), 'negative' (NPS 0-6)
    or 'neutral' (the rest: NPS 7-8, CSAT 1-3, CES 1-4). None: every response."""

    metric: str
    group: str


def group_filter(group: ScoreGroup | None) -> dict[str, str]:
    """The column = value pairs of a score group in mart_theme_comments (none for every response)."""
    return {} if group is None else {"metric": group.metric, "score_group": group.group}


@cached_query(max_entries=16)
def available(cur: duckdb.DuckDBPyConnection) -> bool:
    """Whether the database has the theme models (a database refreshed since themes came)."""
    return all(table_exists(cur, name) for name in RELATIONS)


@cached_query(max_entries=16)
def themes(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The journey map's themes in map order: theme, name_en, name_fi, stage (null: none), owner."""
    return cur.execute(
        "select theme, name_en, name_fi, stage, owner, theme_order from map_themes order by theme_order"
    ).df()


@cached_query(max_entries=64)
def monthly(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Per theme x month x metric: responses whose comment mentions the theme (n, positive,
    negative) and all responses with a comment (the same for every theme of a month and metric)."""
    clause, params = where(months, segments, channel=channels)
    sums = ", ".join(f"sum({s}_{side})::bigint as {s}_{side}" for side in SIDES for s in ("n", "pos", "neg"))
    frame = cur.execute(
        f"""
        select theme, period_month, metric, {sums}
        from mart_theme_scores where {clause}
        group by all order by theme, period_month, metric""",
        params,
    ).df()
    frame["period_month"] = [pd.Timestamp(v).date() for v in frame["period_month"]]
    return frame


@cached_query(max_entries=64)
def theme_scores(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
) -> pd.DataFrame:
    """One row per theme x metric (pipelines.themes_report.theme_table: scores of those who
    mention the theme and of the other commenters, difference, CI, BH-adjusted p, min_n)."""
    from pipelines.themes_report import THEME_REPORT_COLUMNS, theme_table

    rows = theme_table(cur, months, list(segments) or None, list(channels) or None)
    return pd.DataFrame(rows, columns=THEME_REPORT_COLUMNS)


@cached_query(max_entries=64)
def comment_counts(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    group: ScoreGroup | None = None,
) -> tuple[int, int]:
    """(responses with a comment, those whose comment mentions no theme) under the filters."""
    clause, params = where(months, segments, group_filter(group), channel=channels)
    row = cur.execute(
        f"""
        select count(*), count(*) filter (where len(themes) = 0)
        from mart_theme_comments where {clause}""",
        params,
    ).fetchall()[0]
    return int(row[0]), int(row[1])


@cached_query(max_entries=64)
def theme_comments(
    cur: duckdb.DuckDBPyConnection,
    theme: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    group: ScoreGroup | None = None,
    limit: int = COMMENTS_SHOWN,
) -> tuple[pd.DataFrame, int, int]:
    """Comments that mention ``theme`` (those mentioning the fewest other themes first, then the
    newest) with the terms that matched; how many there are and from how many customers."""
    clause, params = where(months, segments, group_filter(group), channel=channels)
    clause += " and list_contains(themes, ?)"
    params.append(theme)
    total, customers = cur.execute(
        f"select count(*), count(distinct customer_id) from mart_theme_comments where {clause}", params
    ).fetchall()[0]
    frame = cur.execute(
        f"""
        select response_id, customer_id, responded_at, metric, score, score_group, comment, language,
               segment, channel, theme_terms[list_position(themes, ?)] as terms,
               len(themes) as n_themes
        from mart_theme_comments where {clause}
        order by len(themes), responded_at desc, response_id limit ?""",
        [theme, *params, int(limit)],
    ).df()
    return frame, int(total), int(customers)


@cached_query(max_entries=64)
def untagged_comments(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    channels: tuple[str, ...] = (),
    group: ScoreGroup | None = None,
    limit: int = UNTAGGED_SHOWN,
) -> pd.DataFrame:
    """The newest comments that mention no theme (what rules do not catch yet)."""
    clause, params = where(months, segments, group_filter(group), channel=channels)
    return cur.execute(
        f"""
        select response_id, customer_id, responded_at, metric, score, score_group, comment, language,
               segment, channel
        from mart_theme_comments where {clause} and len(themes) = 0
        order by responded_at desc, response_id limit ?""",
        [*params, int(limit)],
    ).df()
