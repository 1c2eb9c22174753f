"""Friction ranking under filters, recomputed from the additive friction marts.

mart_friction holds the same ranking over all data, built in SQL; tests check both agree.
"""

from __future__ import annotations

from datetime import date

import duckdb
import pandas as pd

from core.metrics import Z95, Cell, benjamini_hochberg, difference, estimate
from pipelines.sql_filters import where_clause
from pipelines.stat_settings import min_n_and_alpha

CELL_SUMS = [
    "n_with",
    "pos_with",
    "neg_with",
    "sum_with",
    "sumsq_with",
    "n_without",
    "pos_without",
    "neg_without",
    "sum_without",
    "sumsq_without",
]
OPERATION_SUMS = [
    "reached",
    "failed",
    "late",
    "with_friction",
    "contacts",
    "avoidable_contacts",
    "repeat_contacts",
    "transferred_contacts",
    "avoidable_cost_eur",
    "escalations_answered",
    "escalation_hours_sum",
]


def _where(
    months: tuple[date, date] | None,
    segments: list[str] | None,
    channels: list[str] | None,
    has_channel: bool,
) -> tuple[str, list]:
    return where_clause(months, {"segment": segments, "channel": channels if has_channel else None})


def friction_table(
    con: duckdb.DuckDBPyConnection,
    by: str = "stage",
    months: tuple[date, date] | None = None,
    segments: list[str] | None = None,
    channels: list[str] | None = None,
) -> pd.DataFrame:
    """Ranked friction by stage or owner; channels filter the survey side only."""
    if by not in ("stage", "owner"):
        raise ValueError("by must be 'stage' or 'owner'")
    cur = con.cursor()
    where, params = _where(months, segments, channels, has_channel=True)
    cells = cur.execute(
        f"select key, metric, {', '.join(f'sum({c}) as {c}' for c in CELL_SUMS)} "
        f"from mart_friction_cells where dimension = ? and {where} group by all",
        [by] + params,
    ).df()
    where_ops, params_ops = _where(months, segments, None, has_channel=False)
    ops = cur.execute(
        f"select key, {', '.join(f'sum({c}) as {c}' for c in OPERATION_SUMS)} "
        f"from mart_friction_operations where dimension = ? and {where_ops} group by all",
        [by] + params_ops,
    ).df()
    journeys = cur.execute(
        f"select coalesce(sum(journeys), 0) from mart_journey_volume where {where_ops}", params_ops
    ).fetchall()[0][0]
    n_all = dict(
        cur.execute(
            f"select metric, sum(n) from mart_scores where {where} group by metric", params
        ).fetchall()
    )
    labels = _labels(cur, by)
    min_n, alpha = min_n_and_alpha(cur)
    table = cells.merge(ops, on="key", how="left").merge(labels, on="key", how="left")
    rows = [
        _measure(row, int(journeys), int(n_all.get(row["metric"], 0)), min_n)
        for row in table.to_dict("records")
    ]
    result = pd.DataFrame(rows, columns=RESULT_COLUMNS)
    result["p_adjusted"] = benjamini_hochberg([None if pd.isna(p) else float(p) for p in result["p_value"]])
    result["significant"] = [p is not None and not pd.isna(p) and p < alpha for p in result["p_adjusted"]]
    result = result.sort_values(
        ["significant", "points_at_stake", "sort_order", "key", "metric"],
        ascending=[False, False, True, True, True],
        na_position="last",
    ).reset_index(drop=True)
    result["rank"] = range(1, len(result) + 1)
    if by == "stage":
        result.insert(0, "stage", result["key"])
    return result.drop(columns=["key"])


def _labels(cur: duckdb.DuckDBPyConnection, by: str) -> pd.DataFrame:
    if by == "stage":
        return cur.execute("""
            select s.stage as key, s.stage_order as sort_order, s.owner, s.name_en, s.name_fi,
                   f.name_en as owner_name_en, f.name_fi as owner_name_fi
            from map_stages s join map_functions f on f.function_id = s.owner""").df()
    return cur.execute("""
        select function_id as key, null::integer as sort_order, function_id as owner, name_en, name_fi,
               name_en as owner_name_en, name_fi as owner_name_fi from map_functions""").df()


RESULT_COLUMNS = [
    "key",
    "owner",
    "metric",
    "name_en",
    "name_fi",
    "owner_name_en",
    "owner_name_fi",
    "sort_order",
    "journeys",
    "reach",
    "reach_rate",
    "failure_rate",
    "late_rate",
    "friction_rate",
    "contacts",
    "contacts_per_100",
    "avoidable_share",
    "repeat_share",
    "transfer_rate",
    "avoidable_cost_eur",
    "escalation_hours_mean",
    "n_with",
    "score_with",
    "n_without",
    "score_without",
    "n_all",
    "enough_n",
    "delta",
    "se",
    "ci_low",
    "ci_high",
    "p_value",
    "points_at_stake",
    "stake_ci_low",
    "stake_ci_high",
]


def _ratio(numerator, denominator) -> float | None:
    if denominator is None or pd.isna(denominator) or denominator == 0 or pd.isna(numerator):
        return None
    return float(numerator) / float(denominator)


def _measure(row: dict, journeys: int, n_all: int, min_n: int) -> dict:
    metric = row["metric"]
    with_cell = Cell(
        int(row["n_with"]),
        int(row["pos_with"]),
        int(row["neg_with"]),
        float(row["sum_with"]),
        float(row["sumsq_with"]),
    )
    without_cell = Cell(
        int(row["n_without"]),
        int(row["pos_without"]),
        int(row["neg_without"]),
        float(row["sum_without"]),
        float(row["sumsq_without"]),
    )
    enough = with_cell.n >= min_n and without_cell.n >= min_n
    diff = difference(metric, with_cell, without_cell) if enough else None
    reached = row.get("reached")
    out = {
        "key": row["key"],
        "owner": row["owner"],
        "metric": metric,
        "name_en": row["name_en"],
        "name_fi": row["name_fi"],
        "owner_name_en": row["owner_name_en"],
        "owner_name_fi": row["owner_name_fi"],
        "sort_order": row["sort_order"],
        "journeys": journeys,
        "reach": 0 if pd.isna(reached) else int(reached),
        "reach_rate": _ratio(reached, journeys),
        "failure_rate": _ratio(row.get("failed"), reached),
        "late_rate": _ratio(row.get("late"), reached),
        "friction_rate": _ratio(row.get("with_friction"), reached),
        "contacts": 0 if pd.isna(row.get("contacts")) else int(row["contacts"]),
        "contacts_per_100": None
        if _ratio(row.get("contacts"), reached) is None
        else 100.0 * _ratio(row.get("contacts"), reached),
        "avoidable_share": _ratio(row.get("avoidable_contacts"), row.get("contacts")),
        "repeat_share": _ratio(row.get("repeat_contacts"), row.get("contacts")),
        "transfer_rate": _ratio(row.get("transferred_contacts"), row.get("contacts")),
        "avoidable_cost_eur": 0.0
        if pd.isna(row.get("avoidable_cost_eur"))
        else float(row["avoidable_cost_eur"]),
        "escalation_hours_mean": _ratio(row.get("escalation_hours_sum"), row.get("escalations_answered")),
        "n_with": with_cell.n,
        "n_without": without_cell.n,
        "n_all": n_all,
        "enough_n": enough,
        "score_with": estimate(metric, with_cell).value if enough else None,
        "score_without": estimate(metric, without_cell).value if enough else None,
        "delta": None,
        "se": None,
        "ci_low": None,
        "ci_high": None,
        "p_value": None,
        "points_at_stake": None,
        "stake_ci_low": None,
        "stake_ci_high": None,
    }
    if diff is not None and diff.delta is not None and n_all:
        share = with_cell.n / n_all
        out.update(
            delta=diff.delta,
            se=diff.se,
            ci_low=diff.ci_low,
            ci_high=diff.ci_high,
            p_value=diff.p_value,
            points_at_stake=-diff.delta * share,
            stake_ci_low=-(diff.delta + Z95 * diff.se) * share,
            stake_ci_high=-(diff.delta - Z95 * diff.se) * share,
        )
    return out
