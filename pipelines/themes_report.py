"""Comment themes against the score: per theme x metric, how many commenters mention the theme and
how their score compares with the other commenters' (CI, Benjamini-Hochberg over the table).

Reads the additive mart_theme_scores (docs/data-model.md) under optional filters; the formulas are
core.metrics'. `python -m pipelines report themes` prints `themes_report`.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from core.db import connect, table_exists
from core.metrics import METRICS, Cell, benjamini_hochberg, difference, estimate
from pipelines.sql_filters import where_clause
from pipelines.stat_settings import min_n_and_alpha

THEME_REPORT_COLUMNS = [
    "theme",
    "name_fi",
    "name_en",
    "stage",
    "owner",
    "metric",
    "mentions",
    "commented",
    "share_of_comments",
    "score_mentioning",
    "score_others",
    "enough_n",
    "delta",
    "ci_low",
    "ci_high",
    "p_value",
    "p_adjusted",
    "significant",
]
SIDES = ("mention", "commented")
SUMS = [f"{stat}_{side}" for side in SIDES for stat in ("n", "pos", "neg", "sum", "sumsq")]


class ThemesUnavailableError(RuntimeError):
    """The database has no theme models yet (not refreshed since themes were added)."""


def _cell(row: dict[str, Any], side: str) -> Cell:
    return Cell(
        int(row[f"n_{side}"]),
        int(row[f"pos_{side}"]),
        int(row[f"neg_{side}"]),
        float(row[f"sum_{side}"]),
        float(row[f"sumsq_{side}"]),
    )


def _measure(row: dict[str, Any], min_n: int) -> dict[str, Any]:
    metric = row["metric"]
    mention = _cell(row, "mention")
    others = _cell(row, "commented") - mention  # the other commenters
    enough = mention.n >= min_n and others.n >= min_n
    diff = difference(metric, mention, others) if enough else None
    return {
        "theme": row["theme"],
        "name_fi": row["name_fi"],
        "name_en": row["name_en"],
        "stage": row["stage"],
        "owner": row["owner"],
        "metric": metric,
        "mentions": mention.n,
        "commented": mention.n + others.n,
        "share_of_comments": mention.n / (mention.n + others.n) if mention.n + others.n else None,
        "score_mentioning": estimate(metric, mention).value if mention.n >= min_n else None,
        "score_others": estimate(metric, others).value if others.n >= min_n else None,
        "enough_n": enough,
        "delta": diff.delta if diff else None,
        "ci_low": diff.ci_low if diff else None,
        "ci_high": diff.ci_high if diff else None,
        "p_value": diff.p_value if diff else None,
    }


def theme_table(
    con: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None = None,
    segments: list[str] | None = None,
    channels: list[str] | None = None,
) -> list[dict[str, Any]]:
    """One row per theme x metric with commenters (THEME_REPORT_COLUMNS), in map order and
    nps, csat, ces; groups under min_n (map_settings) show no score and are not tested."""
    cur = con.cursor()
    if not table_exists(cur, "mart_theme_scores"):
        raise ThemesUnavailableError(
            "the database has no comment themes yet; run 'python -m pipelines refresh' first"
        )
    where, params = where_clause(months, {"segment": segments, "channel": channels})
    sums = ", ".join(f"sum(s.{c}) as {c}" for c in SUMS)
    query = f"""
        select s.theme, any_value(t.name_fi) as name_fi, any_value(t.name_en) as name_en,
               any_value(t.stage) as stage, any_value(t.owner) as owner,
               any_value(t.theme_order) as theme_order, s.metric, {sums}
        from (select * from mart_theme_scores where {where}) as s
        join map_themes as t on t.theme = s.theme
        group by s.theme, s.metric"""
    cursor = cur.execute(query, params)
    names = [d[0] for d in cursor.description]
    records = [dict(zip(names, values)) for values in cursor.fetchall()]
    metric_order = {m: i for i, m in enumerate(METRICS)}
    records.sort(key=lambda r: (r["theme_order"], metric_order.get(r["metric"], len(METRICS))))
    min_n, alpha = min_n_and_alpha(cur)
    rows = [_measure(r, min_n) for r in records]
    for row, adjusted in zip(rows, benjamini_hochberg([r["p_value"] for r in rows])):
        row["p_adjusted"] = adjusted
        row["significant"] = adjusted is not None and adjusted < alpha
    return [{c: row[c] for c in THEME_REPORT_COLUMNS} for row in rows]


def themes_report(db_path: str | Path) -> list[dict[str, Any]]:
    """theme_table over all data, read from the database file (read-only)."""
    con = connect(db_path, read_only=True)
    try:
        return theme_table(con)
    finally:
        con.close()
