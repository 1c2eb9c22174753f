"""Queries of the Functions page: scorecard counts, escalation times, caused-by x handled-by.

Every query reads additive marts (or the per-escalation mart) under the page's filters
(@cached_query). The journey map's stages come from dashboard.data.map_stages.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date

import duckdb
import pandas as pd

from core.db import table_exists
from core.metrics import benjamini_hochberg
from dashboard import filters
from dashboard.cached_query import cached_query
from dashboard.query_parts import sums, where

SERVICE_TEAM = "customer_service"
OTHER_KEYS = ("unattributed", "unknown")


@cached_query(max_entries=128)
def monthly(cur: duckdb.DuckDBPyConnection, segments: tuple[str, ...] = ()) -> pd.DataFrame:
    """Per month and owning function: journeys reached / with friction, contacts caused, avoidable
    contacts and their cost, repeats, escalations received (all months; filter in Python)."""
    clause, params = where(None, segments)
    frame = cur.execute(
        f"""
        select period_month, owner,
               {
            sums(
                "journeys_reached",
                "journeys_with_friction",
                "contacts_caused",
                "avoidable_contacts_caused",
                "avoidable_cost_eur",
                "repeat_contacts_caused",
                "escalations_received",
                real=["avoidable_cost_eur"],
            )
        }
        from mart_function_monthly where {clause}
        group by all order by period_month, owner""",
        params,
    ).df()
    frame["period_month"] = [pd.Timestamp(v).date() for v in frame["period_month"]]
    return frame


@cached_query(max_entries=64)
def repeated_questions(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...],
    window_days: int,
) -> pd.DataFrame | None:
    """Per owning function: repeated questions about its stages within the window and their cost
    (None when the refresh has not built them yet)."""
    if not table_exists(cur, "mart_repeated_questions"):
        return None
    clause, params = where(months, segments)
    return cur.execute(
        f"""
        select owner, {sums("contacts", "cost_eur", real=["cost_eur"])}
        from mart_repeated_questions where gap_day <= ? and {clause}
        group by owner""",
        [int(window_days), *params],
    ).df()


@cached_query(max_entries=128)
def escalations(
    cur: duckdb.DuckDBPyConnection, months: tuple[date, date] | None, segments: tuple[str, ...] = ()
) -> pd.DataFrame:
    """Per function escalated to: received, answered, median and p90 hours of answered ones."""
    clause, params = where(months, segments)
    return cur.execute(
        f"""
        select escalated_to,
               count(*) as received,
               count(escalation_hours) as answered,
               quantile_cont(escalation_hours, 0.5) as median_hours,
               quantile_cont(escalation_hours, 0.9) as p90_hours
        from mart_escalations where {clause}
        group by all""",
        params,
    ).df()


@cached_query(max_entries=128)
def caused_handled(
    cur: duckdb.DuckDBPyConnection,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    owners: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Contacts, avoidable contacts, cost and transfers per caused-by owner x handling team."""
    clause, params = where(months, segments, owner=owners)
    return cur.execute(
        f"""
        select owner, handling_team,
               {
            sums(
                "contacts",
                "avoidable_contacts",
                "cost_eur",
                "transfers",
                "escalated_contacts",
                real=["cost_eur"],
            )
        }
        from mart_caused_handled where {clause}
        group by all""",
        params,
    ).df()


@cached_query(max_entries=128)
def top_reasons(
    cur: duckdb.DuckDBPyConnection,
    owner: str,
    months: tuple[date, date] | None,
    segments: tuple[str, ...] = (),
    stages: tuple[str, ...] = (),
) -> pd.DataFrame:
    """Contact reasons attributed to one owning function, most frequent first."""
    clause, params = where(months, segments, stage=stages)
    return cur.execute(
        f"""
        with counts as (
            select reason, bool_or(reason_mapped) as reason_mapped, bool_or(avoidable) as avoidable,
                   sum(contacts)::bigint as contacts,
                   sum(repeat_contacts)::bigint as repeat_contacts,
                   sum(transferred_contacts)::bigint as transferred_contacts,
                   sum(cost_eur)::double as cost_eur
            from mart_contacts where owner = ? and {clause}
            group by reason)
        select c.*, r.name_en, r.name_fi
        from counts as c left join map_contact_reasons as r using (reason)
        order by c.contacts desc, c.reason""",
        [owner] + params,
    ).df()


@cached_query(max_entries=16)
def stage_deadlines(cur: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """Per stage of the journey map: whether it has a deadline that can be missed (an SLA or a
    time promised to the customer); a stage without one meets friction only by a failed step."""
    return cur.execute(
        """
        select stage, (sla_hours is not null or coalesce(promised, false)) as has_deadline
        from map_stages order by stage_order"""
    ).df()


# --- scorecards (pure computation on the query results) -----------------------------------------


@dataclass
class Scorecard:
    owner: str
    stages: list[str]
    significant_stages: int
    significant: bool
    stakes: list[dict]  # owner rows with enough responses, one per metric
    best: dict | None  # the row that ranks the function
    contacts: int = 0
    avoidable: int = 0
    avoidable_cost: float = 0.0
    reached: int = 0
    with_friction: int = 0
    esc_received: int = 0
    esc_answered: int = 0
    esc_median: float | None = None
    esc_p90: float | None = None
    repeated: int = 0  # repeated questions about the function's stages within the repeat window
    repeated_cost: float = 0.0
    trend: pd.DataFrame = field(default_factory=pd.DataFrame)

    @property
    def friction_rate(self) -> float | None:
        return self.with_friction / self.reached if self.reached else None

    @property
    def answered_share(self) -> float | None:
        return self.esc_answered / self.esc_received if self.esc_received else None

    @property
    def empty(self) -> bool:
        """Owns no stage, caused no contact and received no escalation (nothing to show)."""
        return not self.stages and not self.contacts and not self.esc_received


def shown_functions(all_owners: list[str], stage_map: pd.DataFrame, f: filters.Filters) -> list[str]:
    """Functions on the page: the owner filter, narrowed to owners of the filtered stages."""
    shown = [o for o in all_owners if not f.owners or o in f.owners]
    if f.stages:
        owning = set(stage_map.loc[stage_map["stage"].isin(f.stages), "owner"])
        shown = [o for o in shown if o in owning]
    return shown


def page_significance(
    owner_tbl: pd.DataFrame, stage_tbl: pd.DataFrame, functions: list[str], stages: list[str], alpha: float
) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Benjamini-Hochberg across every cell tested on the page (owner rows of the functions shown
    and stage rows of their stages); adds p_page and significant_page."""
    own = owner_tbl[owner_tbl["owner"].isin(functions)].copy()
    stg = stage_tbl[stage_tbl["stage"].isin(stages)].copy()
    p_values = [None if pd.isna(p) else float(p) for p in list(own["p_value"]) + list(stg["p_value"])]
    adjusted = benjamini_hochberg(p_values)
    own["p_page"], stg["p_page"] = adjusted[: len(own)], adjusted[len(own) :]
    for frame in (own, stg):
        frame["significant_page"] = [p is not None and not pd.isna(p) and p < alpha for p in frame["p_page"]]
    return own, stg


def _stake_rows(rows: pd.DataFrame) -> list[dict]:
    usable = rows[rows["enough_n"].astype(bool) & rows["points_at_stake"].notna()]
    return usable.sort_values("points_at_stake", ascending=False).to_dict("records")


def build_scorecards(
    functions: list[str],
    own: pd.DataFrame,
    stg: pd.DataFrame,
    stage_map: pd.DataFrame,
    monthly: pd.DataFrame,
    escalations: pd.DataFrame,
    months: tuple[date, date] | None,
    metric: str | None = None,
    repeated: pd.DataFrame | None = None,
) -> list[Scorecard]:
    """One scorecard per function, ranked within one metric: significant friction first, then
    points at stake. With ``metric`` the function's row of that metric ranks it (never a CES
    difference against an NPS one); without, its largest significant row, else its largest row."""
    period = (
        monthly
        if months is None
        else monthly[(monthly["period_month"] >= months[0]) & (monthly["period_month"] <= months[1])]
    )
    cards = []
    for owner in functions:
        stages = list(stage_map.loc[stage_map["owner"] == owner, "stage"])
        own_rows = own[own["owner"] == owner]
        stakes = _stake_rows(own_rows)
        if metric is not None:
            stakes_in = [r for r in stakes if r["metric"] == metric]
            best = stakes_in[0] if stakes_in else None
            significant = [best] if best is not None and best["significant_page"] else []
        else:
            significant = [r for r in stakes if r["significant_page"]]
            best = significant[0] if significant else (stakes[0] if stakes else None)
        stage_rows = stg[stg["owner"] == owner]
        sig_stages = int(stage_rows.loc[stage_rows["significant_page"], "stage"].nunique())
        mine = period[period["owner"] == owner]
        esc = escalations[escalations["escalated_to"] == owner]
        trend = mine.groupby("period_month", as_index=False)[
            ["journeys_reached", "journeys_with_friction", "avoidable_contacts_caused"]
        ].sum()
        card = Scorecard(
            owner=owner,
            stages=stages,
            significant_stages=sig_stages,
            significant=bool(significant),
            stakes=stakes,
            best=best,
            contacts=int(mine["contacts_caused"].sum()),
            avoidable=int(mine["avoidable_contacts_caused"].sum()),
            avoidable_cost=float(mine["avoidable_cost_eur"].sum()),
            reached=int(mine["journeys_reached"].sum()),
            with_friction=int(mine["journeys_with_friction"].sum()),
            trend=trend,
        )
        if repeated is not None and owner in set(repeated["owner"]):
            row = repeated[repeated["owner"] == owner].iloc[0]
            card.repeated, card.repeated_cost = int(row["contacts"]), float(row["cost_eur"])
        if not esc.empty:
            row = esc.iloc[0]
            card.esc_received, card.esc_answered = int(row["received"]), int(row["answered"])
            card.esc_median = None if pd.isna(row["median_hours"]) else float(row["median_hours"])
            card.esc_p90 = None if pd.isna(row["p90_hours"]) else float(row["p90_hours"])
        cards.append(card)
    order = {o: i for i, o in enumerate(functions)}

    def rank_key(card: Scorecard) -> tuple:
        stake = card.best["points_at_stake"] if card.best else -math.inf
        return (not card.significant, -stake, order[card.owner])

    return sorted(cards, key=rank_key)


def service_absorbed(matrix: pd.DataFrame, team: str = SERVICE_TEAM) -> dict | None:
    """What one handling team handled on behalf of other functions (caused by another owner)."""
    handled = matrix[matrix["handling_team"] == team]
    if handled.empty or handled["contacts"].sum() == 0:
        return None
    others = handled[~handled["owner"].isin([team, *OTHER_KEYS])]
    return {
        "contacts": int(others["contacts"].sum()),
        "handled": int(handled["contacts"].sum()),
        "cost": float(others["cost_eur"].sum()),
        "owners": int((others.groupby("owner")["contacts"].sum() > 0).sum()),
    }
