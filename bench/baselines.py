"""Baselines in the same run: the friction table by stage in plain pandas, and stage transitions
with PM4Py, each timed against the DuckDB models on the same database and checked to agree.

    python -m bench.baselines --db PATH [--runs N]

1. Friction by stage. ``friction_by_stage_pandas`` starts from the raw tables and the journey map
   and re-implements staging + intermediate logic in pandas, vectorised (no loop over events):
   activity -> stage by the first matching rule, whether it finishes its stage (done_when) and
   the stage its promises are for (the first 'promised' stage at or after its own); per journey
   and stage the deadline rules of docs/metrics.md ("Lateness"): a promise is the earliest
   promised_at for the stage, an SLA runs from the previous reached stage's last event, a stage
   is done at its first done_when event else its last event, a deadline not met by then is missed
   AT the deadline once the data (its latest event) reaches it, and a stage never reached gets a
   row when a promise is for it or when it has an SLA right after the journey's furthest stage
   (not ended by a failure, journey not complete); first_friction_at = earliest of a failure and
   a missed deadline. Then response -> journey, given or else the customer's latest journey
   started by the answer (merge_asof); exposure = stages whose least(entered_at,
   first_friction_at) is by the answer; with friction = first_friction_at <= answer; reach counts
   stages reached or overdue; then the survey, journey and contact columns of ``mart_friction``
   with core.metrics (contacts: reason stage, else journey position by merge_asof on the same
   least(...), ties to the later stage; repeats by the window). It is timed against the SQL
   models that mart_friction needs (built in a transaction that is rolled back) and against a
   full refresh (``pipelines.runner.refresh``, which rewrites every model and logs one refresh:
   the database keeps its content).
   The lower bound: ``bench/lower_bound.sql``, one hand-written DuckDB query from the raw tables
   and the journey map (events grouped by journey x stage once, no row-level tables), timed
   alternating with the models the same number of runs and checked equal to the stage rows of
   mart_friction with the same tolerances; its result's note gives this run's ratios models /
   lower bound and pandas / models.
   The write floor (bench/write_floor.py), alternated with both: the tables of the models up to
   mart_friction copied row for row and rolled back, i.e. what storing those rows costs without
   computing them; and, alternated with the full refresh, the same for every model's tables.
2. Stage transitions. ``pm4py.discover_dfg`` on the mapped events (case = journey_id,
   activity = the event's stage, timestamp = occurred_at; rows pre-sorted in the models' event
   order - journey, time, then for equal times file order within a batch, the batches' blocks in
   journey-map order - so ties break as in SQL). Consecutive events in the same stage give
   self-loops in the DFG; without them the DFG counts exactly the transitions between consecutive
   stage visits. Compared with ``mart_stage_transitions`` (its transition counts: non-pseudo rows;
   the pseudo rows give the end stages, ``from_first_visit`` the start stages) and timed against
   one DuckDB window query over the same mapped events. Skipped with a note when PM4Py
   (requirements-bench.txt) is not installed.

Exits 1 when a baseline disagrees with DuckDB.
"""

from __future__ import annotations

import argparse
import math
import re
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import numpy as np
import pandas as pd

from bench.common import Result, emit, peak_rss_mib, timed
from bench.lower_bound import lower_bound_friction
from bench.write_floor import copy_tables_and_rollback
from core.metrics import Cell, benjamini_hochberg, difference, estimate, points_at_stake
from pipelines.journey_map import JourneyMap

REL_TOL = 1e-9  # relative tolerance of scores, deltas, CIs and points at stake
ABS_TOL = 1e-12  # absolute floor for values that are (almost) zero
P_REL_TOL = 1e-6  # p-values: the SQL twin uses an erfc approximation (relative error < 1.2e-7)
PSEUDO_STAGES = ("(end)", "(dropped)", "(in progress)")


# ---------------------------------------------------------------------------------------------
# 1. friction by stage in pandas


@dataclass
class RawFrames:
    """The raw tables the pandas baseline reads (only the columns it needs)."""

    events: pd.DataFrame
    responses: pd.DataFrame
    contacts: pd.DataFrame


def _frame(con: duckdb.DuckDBPyConnection, query: str) -> pd.DataFrame:
    """A query result as a pandas frame through Arrow (about 3x faster than .df() for strings)."""
    return con.sql(query).to_arrow_table().to_pandas()


def load_raw(con: duckdb.DuckDBPyConnection) -> RawFrames:
    """Read raw_journey_events, raw_survey_responses and raw_contacts into pandas (raw_customers
    only gives segments, which the table over all data does not use; event ids, batches and
    source rows only order events of equal time, which the friction table does not need)."""
    events = _frame(
        con,
        """select customer_id, journey_id, activity, occurred_at, outcome, promised_at
                            from raw_journey_events""",
    )
    responses = _frame(
        con,
        """select response_id, metric, score, scale_min, scale_max, customer_id,
                                      journey_id, responded_at from raw_survey_responses""",
    )
    contacts = _frame(
        con,
        """select contact_id, customer_id, journey_id, opened_at, channel, reason,
                                     transfers from raw_contacts""",
    )
    return RawFrames(events, responses, contacts)


def _rule_regex(pattern: str) -> re.Pattern:
    """A journey-map activity pattern ('*' = any text, the rest literal, case-sensitive)."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


def activity_stages(activities, rules: list[tuple[str, str]]) -> dict[str, str | None]:
    """Activity -> stage of the first rule that matches the whole activity (None = unmapped)."""
    return {a: stage for a, (stage, _) in _first_rules(activities, rules).items()}


def _first_rules(activities, rules: list[tuple[str, str]]) -> dict[str, tuple[str | None, int | None]]:
    """Activity -> (stage, 1-based position) of the first rule matching the whole activity."""
    compiled = [(_rule_regex(pattern), stage, i) for i, (pattern, stage) in enumerate(rules, start=1)]
    return {
        a: next(((stage, i) for rx, stage, i in compiled if rx.fullmatch(a)), (None, None))
        for a in activities
    }


def activity_table(activities, jm: JourneyMap) -> pd.DataFrame:
    """One row per activity: stage and stage_order (0 = unmapped) of the first matching rule and
    the rule's position, whether it finishes its stage (matches one of the stage's done_when
    patterns) and promise_order: the order of the stage its promised_at is for (the first stage at
    or after its own in journey order that is 'promised', else its own)."""
    rules = _first_rules(activities, jm.activity_rules)
    order = {s.id: s.order for s in jm.stages}
    done = {s.id: [_rule_regex(p) for p in s.done_when] for s in jm.stages}
    promised = sorted(s.order for s in jm.stages if s.promised)
    rows = []
    for activity, (stage, rule) in rules.items():
        if stage is None:
            rows.append((activity, None, 0, 0, False, 0))
            continue
        own = order[stage]
        rows.append(
            (
                activity,
                stage,
                own,
                rule,
                any(rx.fullmatch(activity) for rx in done[stage]),
                next((p for p in promised if p >= own), own),
            )
        )
    return pd.DataFrame(
        rows, columns=["activity", "stage", "stage_order", "rule_order", "is_done", "promise_order"]
    )


def _per_code(codes: np.ndarray, values: np.ndarray, missing) -> np.ndarray:
    """values[codes], with ``missing`` where the code is -1 (a null factorized away)."""
    return np.append(np.asarray(values), missing)[codes]


def mapped_events(events: pd.DataFrame, jm: JourneyMap) -> pd.DataFrame:
    """Events whose activity maps to a stage: journey_id, customer_id, occurred_at, promised_at,
    stage_order, is_failed, is_done (finishes its stage) and promise_order (the stage order its
    promised_at is for)."""
    codes, activities = pd.factorize(events["activity"])
    table = activity_table(list(activities), jm)
    stage_order = _per_code(codes, table["stage_order"].to_numpy(np.int64), 0)
    keep = stage_order > 0
    outcome_codes, outcomes = pd.factorize(events["outcome"])
    failed = _per_code(outcome_codes, np.array([str(o).lower() == "failed" for o in outcomes], bool), False)
    kept_codes = codes[keep]
    columns = ["journey_id", "customer_id", "occurred_at", "promised_at"]
    out = (events[columns] if keep.all() else events.loc[keep, columns]).reset_index(drop=True)
    out["stage_order"] = stage_order[keep]
    out["is_failed"] = failed[keep]
    out["is_done"] = _per_code(kept_codes, table["is_done"].to_numpy(bool), False)
    out["promise_order"] = _per_code(kept_codes, table["promise_order"].to_numpy(np.int64), 0)
    return out


def _epoch_seconds(ts: pd.Series) -> np.ndarray:
    """Whole epoch seconds (DuckDB date_diff('second') subtracts these)."""
    return ts.astype("datetime64[us]").astype("int64").to_numpy() // 1_000_000


def _times(values) -> np.ndarray:
    return np.asarray(values).astype("datetime64[us]")


NAT = np.datetime64("NaT", "us")


def _frame_of(columns: dict) -> pd.DataFrame:
    """A frame of these columns, added one by one: DataFrame(dict) would copy columns of one
    dtype into a 2-D block first, which costs seconds at 17M events."""
    items = iter(columns.items())
    name, values = next(items)
    frame = pd.DataFrame({name: values})
    for name, values in items:
        frame[name] = values
    return frame


def _lookup(sorted_keys: np.ndarray, keys: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Positions of keys in sorted unique keys, and whether each is there."""
    position = np.searchsorted(sorted_keys, keys)
    inside = position < len(sorted_keys)
    found = np.zeros(len(keys), bool)
    found[inside] = sorted_keys[position[inside]] == keys[inside]
    return position, found


def _values_at(series: pd.Series, keys: np.ndarray) -> np.ndarray:
    """series (times indexed by sorted unique int keys) at keys, NaT where missing."""
    if not len(series):
        return np.full(len(keys), NAT)
    position, found = _lookup(series.index.to_numpy(), keys)
    return np.where(found, _times(series)[np.minimum(position, len(series) - 1)], NAT)


def _stage_arrays(jm: JourneyMap) -> dict[str, np.ndarray]:
    """Per-stage attributes indexed by stage order (0 and n+1: no stage)."""
    n = len(jm.stages)
    sla = np.full(n + 2, np.timedelta64("NaT"), "timedelta64[us]")
    completes, has_done_rule = np.zeros(n + 2, bool), np.zeros(n + 2, bool)
    for s in jm.stages:
        if s.sla_hours is not None:
            sla[s.order] = np.timedelta64(int(round(s.sla_hours * 3600 * 1_000_000)), "us")
        completes[s.order], has_done_rule[s.order] = s.completes, bool(s.done_when)
    return {"sla": sla, "completes": completes, "has_done_rule": has_done_rule}


def journey_stages(events: pd.DataFrame, jm: JourneyMap, data_end) -> tuple[pd.DataFrame, pd.DataFrame]:
    """int_journey_stages from mapped events, by the deadline rules of docs/metrics.md
    ("Lateness"), and int_journeys.

    Returns (stages, journeys). ``stages``: one row per journey per stage it reached, or did not
    reach but has a deadline for (a promise for it, or an SLA stage right after its furthest
    stage), with journey (the journey's code: its row in ``journeys``), journey_id, stage,
    stage_order, reached, entered_at, left_at, events, failed, first_failed_at, done_at,
    promise_at, sla_due_at, late, sla_breached and first_friction_at. ``journeys``: one row per
    journey in code order (index: the journey ids) with journey_id, customer_id and started_at.
    ``data_end``: the latest event time of all events (mapped or not); a deadline after it is not
    (yet) missed."""
    n_stages = len(jm.stages)
    k = n_stages + 1
    arrays = _stage_arrays(jm)
    journey, journey_ids = pd.factorize(events["journey_id"])
    journey = journey.astype(np.int64)
    order = events["stage_order"].to_numpy(np.int64)
    t = _times(events["occurred_at"])
    # a journey's customer: the one on its first event in the data (codes number journeys in the
    # order they first appear, so a code above all earlier ones marks a journey's first event)
    first_event = journey > np.maximum.accumulate(np.concatenate([[-1], journey[:-1]]))
    customers = events["customer_id"].take(np.flatnonzero(first_event)).array

    by_stage = _frame_of(
        {
            "key": journey * k + order,
            "t": t,
            "failed_t": np.where(events["is_failed"].to_numpy(bool), t, NAT),
            "done_t": np.where(events["is_done"].to_numpy(bool), t, NAT),
        }
    ).groupby("key", sort=True)
    entered_at = by_stage["t"].min()
    key = entered_at.index.to_numpy()
    code, stage_order = key // k, key % k
    entered, left = _times(entered_at), _times(by_stage["t"].max())
    first_failed = _times(by_stage["failed_t"].min())

    # promises: each event's promised_at is for the stage of its promise_order; the earliest counts
    promised = events["promised_at"].notna().to_numpy()
    promises = (
        pd.Series(_times(events["promised_at"])[promised])
        .groupby(journey[promised] * k + events["promise_order"].to_numpy(np.int64)[promised])
        .min()
    )

    # SLA of a reached stage: from the previous reached stage's (by order) last event, else from
    # its own first event
    same_journey = np.concatenate([[False], code[1:] == code[:-1]])
    start = np.where(same_journey, np.concatenate([[NAT], left[:-1]]), entered)
    sla_due = start + arrays["sla"][stage_order]
    has_done_rule = arrays["has_done_rule"][stage_order]
    done_at = np.where(has_done_rule, _times(by_stage["done_t"].min()), left)

    # never reached: the stage right after the furthest one, when it has an SLA, the furthest
    # stage did not end in a failure (a failure at its last moment wins the tie) and the journey
    # reached no stage that completes it; and any stage an event promised
    furthest = np.concatenate([code[1:] != code[:-1], [True]])
    completed = np.zeros(len(journey_ids), bool)
    completed[code[arrays["completes"][stage_order]]] = True
    ended_failed = _times(by_stage["failed_t"].max()) == left
    following = stage_order[furthest] + 1
    next_sla = arrays["sla"][following]
    waits = ~np.isnat(next_sla) & ~ended_failed[furthest] & ~completed[code[furthest]]
    sla_unreached = pd.Series(
        (left[furthest] + next_sla)[waits], index=code[furthest][waits] * k + following[waits]
    )
    promise_unreached = promises[~_lookup(key, promises.index.to_numpy())[1]]
    unreached_key = np.union1d(sla_unreached.index.to_numpy(), promise_unreached.index.to_numpy())

    n_reached, n_unreached = len(key), len(unreached_key)
    all_key = np.concatenate([key, unreached_key])
    all_code = all_key // k
    promise_at = _values_at(promises, all_key)
    sla_due_at = np.concatenate([sla_due, _values_at(sla_unreached, unreached_key)])
    done_at = np.concatenate([done_at, np.full(n_unreached, NAT)])
    first_failed = np.concatenate([first_failed, np.full(n_unreached, NAT)])
    data_end = np.datetime64(pd.Timestamp(data_end).to_datetime64(), "us")

    def missed(deadline: np.ndarray) -> np.ndarray:
        """Not done by the deadline (done later, or not done at all), and the deadline has passed."""
        return ~np.isnat(deadline) & (np.isnat(done_at) | (deadline < done_at)) & (deadline <= data_end)

    late, sla_breached = missed(promise_at), missed(sla_due_at)
    first_friction = np.fmin(
        first_failed, np.fmin(np.where(late, promise_at, NAT), np.where(sla_breached, sla_due_at, NAT))
    )
    all_order = all_key % k
    stage_names = [s.id for s in sorted(jm.stages, key=lambda s: s.order)]
    stages = _frame_of(
        {
            "journey": all_code,
            "journey_id": pd.Categorical.from_codes(all_code, journey_ids),
            "stage": pd.Categorical.from_codes(all_order - 1, stage_names),
            "stage_order": all_order,
            "reached": np.arange(n_reached + n_unreached) < n_reached,
            "entered_at": np.concatenate([entered, np.full(n_unreached, NAT)]),
            "left_at": np.concatenate([left, np.full(n_unreached, NAT)]),
            "events": np.concatenate([by_stage.size().to_numpy(np.int64), np.zeros(n_unreached, np.int64)]),
            "failed": ~np.isnat(first_failed),
            "first_failed_at": first_failed,
            "done_at": done_at,
            "promise_at": promise_at,
            "sla_due_at": sla_due_at,
            "late": late,
            "sla_breached": sla_breached,
            "first_friction_at": first_friction,
        }
    )
    first_stage_row = np.flatnonzero(~same_journey)
    journeys = pd.DataFrame(
        {
            "journey_id": journey_ids,
            "customer_id": customers,
            "started_at": np.minimum.reduceat(entered, first_stage_row) if len(entered) else entered,
        },
        index=journey_ids,
    )
    return stages, journeys


def valid_responses(responses: pd.DataFrame) -> pd.DataFrame:
    """stg_survey_responses: answers on their metric's own scale, with the positive/negative flags."""
    r, m, s = responses, responses["metric"], responses["score"]
    on_scale = (
        ((m == "nps") & (r["scale_min"] == 0) & (r["scale_max"] == 10) & s.between(0, 10) & (s == s.round()))
        | ((m == "csat") & (r["scale_min"] == 1) & (r["scale_max"] == 5) & s.between(1, 5))
        | ((m == "ces") & (r["scale_min"] == 1) & (r["scale_max"] == 7) & s.between(1, 7))
    )
    r = r[on_scale.fillna(False)]
    journey = r["journey_id"].str.strip()
    positive_from = r["metric"].map({"nps": 9, "csat": 4}).fillna(5)
    return r.assign(
        journey_id=journey.where(journey != ""),
        is_positive=r["score"] >= positive_from,
        is_negative=(r["metric"] == "nps") & (r["score"] <= 6),
    )


def attach_journeys(rows: pd.DataFrame, journeys: pd.DataFrame, at: str) -> pd.DataFrame:
    """The given journey, else the customer's latest journey started at or before ``at`` (equal
    starts: the greatest journey id); adds ``journey``, the journey's code (-1: none, or a given
    journey without mapped events)."""
    given = rows[rows["journey_id"].notna()]
    open_ = rows[rows["journey_id"].isna() & rows["customer_id"].notna()]
    found = pd.merge_asof(
        open_.drop(columns="journey_id").sort_values(at),
        _candidates(journeys),
        left_on=at,
        right_on="journey_started_at",
        by="customer_id",
        direction="backward",
        allow_exact_matches=True,
    )
    unmatched = rows[rows["journey_id"].isna() & rows["customer_id"].isna()]
    out = pd.concat([given, found.drop(columns="journey_started_at"), unmatched], ignore_index=True)
    out["journey"] = journeys.index.get_indexer(out["journey_id"])
    return out


def _candidates(journeys: pd.DataFrame) -> pd.DataFrame:
    """The journeys merge_asof can pick, sorted by start. Of a customer's journeys that start at
    the same moment only the greatest id can ever be the latest, so the others are left out and
    the start alone orders the rest (no sort by id over all journeys)."""
    tied = journeys.duplicated(["customer_id", "started_at"], keep=False).to_numpy(copy=True)
    if tied.any():
        ties = journeys[tied]
        greatest = ties.groupby(["customer_id", "started_at"])["journey_id"].transform("max")
        tied[np.flatnonzero(tied)[(ties["journey_id"] == greatest).to_numpy()]] = False
    kept = journeys[~tied]
    return kept.iloc[np.argsort(kept["started_at"].to_numpy(), kind="stable")][
        ["journey_id", "customer_id", "started_at"]
    ].rename(columns={"started_at": "journey_started_at"})


def positioned_stages(js: pd.DataFrame) -> pd.DataFrame:
    """Rows of js a response or contact can stand at, from ``position_at``: when the journey
    entered the stage or, if earlier, when its deadline passed (a stage overdue before it was
    reached, or never reached) - least(entered_at, first_friction_at), nulls ignored. Sorted by
    position_at, then stage_order (for merge_asof: on equal times the later stage wins)."""
    position = np.fmin(_times(js["entered_at"]), _times(js["first_friction_at"]))
    rows = np.flatnonzero(~np.isnat(position))
    stage_order = js["stage_order"].to_numpy(np.int64)[rows]
    rows = rows[
        np.argsort(position[rows].astype(np.int64) * (int(stage_order.max(initial=0)) + 1) + stage_order)
    ]
    return _frame_of(
        {
            "journey": js["journey"].to_numpy()[rows],
            "stage_order": js["stage_order"].to_numpy(np.int64)[rows],
            "first_friction_at": _times(js["first_friction_at"])[rows],
            "position_at": position[rows],
        }
    )


def attributed_contacts(
    raw_contacts: pd.DataFrame, positions: pd.DataFrame, journeys: pd.DataFrame, jm: JourneyMap
) -> pd.DataFrame:
    """int_contacts_attributed: each contact's stage_order by its reason, else by its journey's
    position - the stage with the latest position_at (positioned_stages) by the contact, ties to
    the later stage - with the avoidable, repeat and transfer flags and costs."""
    c = raw_contacts
    journey, reason = c["journey_id"].str.strip(), c["reason"].str.strip().str.lower()
    c = c.assign(
        journey_id=journey.where(journey != ""),
        reason=reason.where(reason != "").fillna("unknown"),
        channel=c["channel"].str.strip().str.lower(),
        transfers=c["transfers"].fillna(0),
    )
    c = attach_journeys(c, journeys, "opened_at")
    on_journey = c[c["journey"] >= 0].sort_values("opened_at")
    positioned = pd.merge_asof(
        on_journey,
        positions[["journey", "stage_order", "position_at"]],
        left_on="opened_at",
        right_on="position_at",
        by="journey",
        direction="backward",
        allow_exact_matches=True,
    )
    c = pd.concat(
        [
            positioned.rename(columns={"stage_order": "position_order"}).drop(columns="position_at"),
            c[c["journey"] < 0],
        ],
        ignore_index=True,
    )
    order = {s.id: s.order for s in jm.stages}
    reasons = pd.DataFrame(
        [(r.reason, order[r.stage] if r.stage else None, r.avoidable) for r in jm.contact_reasons],
        columns=["reason", "reason_order", "avoidable"],
    )
    c = c.merge(reasons, on="reason", how="left")
    c["stage_order"] = c["reason_order"].fillna(c["position_order"])
    c["avoidable"] = c["avoidable"].fillna(False).astype(bool)
    c["cost_eur"] = c["channel"].map(jm.channel_costs).fillna(0.0)
    c = c.sort_values(["customer_id", "reason", "opened_at", "contact_id"], ignore_index=True)
    previous = c.groupby(["customer_id", "reason"], sort=False)["opened_at"].shift()
    gap = _epoch_seconds(c["opened_at"]) - _epoch_seconds(previous.fillna(c["opened_at"]))
    window = float(jm.settings["repeat_contact_window_days"]) * 86400
    c["is_repeat"] = previous.notna().to_numpy() & (gap <= window)
    c["transferred"] = c["transfers"] > 0
    c["avoidable_cost"] = c["cost_eur"].where(c["avoidable"], 0.0)
    return c


def contacts_by_stage(
    raw_contacts: pd.DataFrame, positions: pd.DataFrame, journeys: pd.DataFrame, jm: JourneyMap
) -> pd.DataFrame:
    """Per stage order: contacts, avoidable, repeated and transferred ones, avoidable cost."""
    c = attributed_contacts(raw_contacts, positions, journeys, jm)
    return (
        c[c["stage_order"].notna()]
        .astype({"stage_order": "int64"})
        .groupby("stage_order")
        .agg(
            contacts=("contact_id", "size"),
            avoidable_contacts=("avoidable", "sum"),
            repeat_contacts=("is_repeat", "sum"),
            transferred_contacts=("transferred", "sum"),
            avoidable_cost_eur=("avoidable_cost", "sum"),
        )
    )


def stage_cells(responses: pd.DataFrame, positions: pd.DataFrame) -> pd.DataFrame:
    """Per stage order x metric: sufficient statistics of exposed responses with / without
    friction. A response is exposed to the stages its journey had reached by the answer, and to
    those it was overdue for (position_at <= responded_at, see positioned_stages); with friction
    when the stage's friction began by the answer."""
    answered = responses.loc[
        responses["journey"] >= 0,
        ["metric", "score", "is_positive", "is_negative", "journey", "responded_at"],
    ]
    exposed = answered.merge(positions, on="journey")
    exposed = exposed[exposed["position_at"] <= exposed["responded_at"]]
    exposed = exposed.assign(
        had_friction=(exposed["first_friction_at"] <= exposed["responded_at"]).fillna(False).astype(bool),
        score_sq=exposed["score"] * exposed["score"],
    )
    stats = (
        exposed.groupby(["stage_order", "metric", "had_friction"])
        .agg(
            n=("score", "size"),
            pos=("is_positive", "sum"),
            neg=("is_negative", "sum"),
            total=("score", "sum"),
            total_sq=("score_sq", "sum"),
        )
        .unstack("had_friction", fill_value=0)
    )
    for column in ("n", "pos", "neg", "total", "total_sq"):
        for flag in (True, False):
            if (column, flag) not in stats.columns:
                stats[(column, flag)] = 0
    return stats.reset_index()


def _contact_columns(contacts: pd.DataFrame, stage_order: int, reach: int) -> dict:
    """contacts, contacts_per_100, avoidable / repeat / transfer shares and avoidable cost of a stage."""
    if stage_order not in contacts.index:
        return {
            "contacts": 0,
            "contacts_per_100": 0.0,
            "avoidable_share": None,
            "repeat_share": None,
            "transfer_rate": None,
            "avoidable_cost_eur": 0.0,
            "escalation_hours_mean": None,
        }
    row = contacts.loc[stage_order]
    n = int(row["contacts"])
    return {
        "contacts": n,
        "contacts_per_100": 100.0 * n / reach,
        "avoidable_share": row["avoidable_contacts"] / n,
        "repeat_share": row["repeat_contacts"] / n,
        "transfer_rate": row["transferred_contacts"] / n,
        "avoidable_cost_eur": float(row["avoidable_cost_eur"]),
        "escalation_hours_mean": None,
    }


def _cell(part: dict, flag: bool) -> Cell:
    """One side (with / without the friction) of a pivoted friction cell."""
    return Cell(
        int(part[("n", flag)]),
        int(part[("pos", flag)]),
        int(part[("neg", flag)]),
        float(part[("total", flag)]),
        float(part[("total_sq", flag)]),
    )


def friction_by_stage_pandas(raw: RawFrames, jm: JourneyMap) -> pd.DataFrame:
    """The friction table by stage over all data (survey and journey columns), in pandas."""
    data_end = raw.events["occurred_at"].max()  # of every event, mapped or not (int_data_end)
    js, journeys_table = journey_stages(mapped_events(raw.events, jm), jm, data_end)
    responses = valid_responses(raw.responses)
    positions = positioned_stages(js)
    cells = stage_cells(attach_journeys(responses, journeys_table, "responded_at"), positions)
    contacts = contacts_by_stage(raw.contacts, positions, journeys_table, jm)
    n_all = responses["metric"].value_counts().to_dict()
    journeys = len(journeys_table)
    # a stage counts for a journey that reached it or was overdue for it (mart_friction_operations)
    concerned = js[js["reached"].to_numpy() | js["first_friction_at"].notna().to_numpy()]
    ops = (
        concerned.assign(
            late_or_sla=concerned["late"] | concerned["sla_breached"],
            with_friction=concerned["first_friction_at"].notna(),
        )
        .groupby("stage_order")
        .agg(
            reach=("journey", "size"),
            failed=("failed", "sum"),
            late=("late_or_sla", "sum"),
            with_friction=("with_friction", "sum"),
        )
    )
    stage_of = {s.order: s.id for s in jm.stages}
    min_n, alpha = int(jm.settings["min_n"]), float(jm.settings["alpha"])
    rows = []
    for rec in cells.itertuples(index=False):
        stage_order, metric = int(rec[0]), rec[1]
        part = dict(zip(cells.columns[2:], rec[2:]))
        with_, without = _cell(part, True), _cell(part, False)
        enough = with_.n >= min_n and without.n >= min_n
        diff = difference(metric, with_, without) if enough else None
        total = int(n_all.get(metric, 0))
        reach = int(ops.at[stage_order, "reach"])
        row = {
            "stage": stage_of[stage_order],
            "metric": metric,
            "sort_order": stage_order,
            "journeys": journeys,
            "reach": reach,
            "reach_rate": reach / journeys,
            "failure_rate": ops.at[stage_order, "failed"] / reach,
            "late_rate": ops.at[stage_order, "late"] / reach,
            "friction_rate": ops.at[stage_order, "with_friction"] / reach,
            **_contact_columns(contacts, stage_order, reach),
            "n_with": with_.n,
            "n_without": without.n,
            "n_all": total,
            "enough_n": enough,
            "score_with": estimate(metric, with_).value if enough else None,
            "score_without": estimate(metric, without).value if enough else None,
            "delta": None,
            "se": None,
            "ci_low": None,
            "ci_high": None,
            "p_value": None,
            "points_at_stake": None,
        }
        if diff is not None and diff.delta is not None:
            row.update(
                delta=diff.delta,
                se=diff.se,
                ci_low=diff.ci_low,
                ci_high=diff.ci_high,
                p_value=diff.p_value,
                points_at_stake=points_at_stake(diff.delta, with_.n, total),
            )
        rows.append(row)
    table = pd.DataFrame(rows)
    table["p_adjusted"] = benjamini_hochberg([None if pd.isna(p) else float(p) for p in table["p_value"]])
    table["significant"] = [p is not None and not pd.isna(p) and p < alpha for p in table["p_adjusted"]]
    table = table.sort_values(
        ["significant", "points_at_stake", "sort_order", "stage", "metric"],
        ascending=[False, False, True, True, True],
        na_position="last",
        ignore_index=True,
    )
    table["rank"] = range(1, len(table) + 1)
    return table


EXACT_COLUMNS = [
    "n_with",
    "n_without",
    "n_all",
    "enough_n",
    "journeys",
    "reach",
    "significant",
    "contacts",
    "rank",
]
CLOSE_COLUMNS = [
    "score_with",
    "score_without",
    "delta",
    "se",
    "ci_low",
    "ci_high",
    "points_at_stake",
    "reach_rate",
    "failure_rate",
    "late_rate",
    "friction_rate",
    "contacts_per_100",
    "avoidable_share",
    "repeat_share",
    "transfer_rate",
    "avoidable_cost_eur",
    "escalation_hours_mean",
]
P_COLUMNS = ["p_value", "p_adjusted"]


def mart_friction_by_stage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stage rows of mart_friction."""
    return con.execute("select * from mart_friction where dimension = 'stage'").df()


def _close(a, b, rel: float) -> bool:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return (a is None or pd.isna(a)) and (b is None or pd.isna(b))
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=ABS_TOL)


def compare_friction(pandas_table: pd.DataFrame, mart: pd.DataFrame, name: str = "pandas") -> list[str]:
    """Differences between the pandas table (or another table by stage, called ``name`` in the
    messages) and mart_friction (empty = they agree)."""
    problems = []
    ours = {(r["stage"], r["metric"]): r for r in pandas_table.to_dict("records")}
    theirs = {(r["stage"], r["metric"]): r for r in mart.to_dict("records")}
    for key in sorted(set(ours) ^ set(theirs)):
        problems.append(f"{key}: only in {name if key in ours else 'mart_friction'}")
    for key in sorted(set(ours) & set(theirs)):
        a, b = ours[key], theirs[key]
        for col in EXACT_COLUMNS:
            if not (pd.isna(a[col]) and pd.isna(b[col])) and a[col] != b[col]:
                problems.append(f"{key} {col}: {name} {a[col]} != mart {b[col]}")
        for col, rel in [(c, REL_TOL) for c in CLOSE_COLUMNS] + [(c, P_REL_TOL) for c in P_COLUMNS]:
            if not _close(a[col], b[col], rel):
                problems.append(f"{key} {col}: {name} {a[col]!r} != mart {b[col]!r}")
    return problems


# ---------------------------------------------------------------------------------------------
# DuckDB side: the SQL models a mart needs, built in a rolled-back transaction


def model_closure(targets: list[str]):
    """The models the targets need (themselves included), in refresh order."""
    from pipelines.runner import discover_models

    models = discover_models()
    by_name = {m.name: m for m in models}
    needed, todo = set(), list(targets)
    while todo:
        name = todo.pop()
        if name in needed:
            continue
        needed.add(name)
        todo += [other for other in by_name if other != name and other in by_name[name].reads]
    return [m for m in models if m.name in needed]


def build_models_and_rollback(con: duckdb.DuckDBPyConnection, targets: list[str]) -> tuple[float, int]:
    """Rebuild the models the targets need exactly as the refresh does, time it, roll back."""
    from pipelines.runner import drop_relation, model_macros_sql

    models = model_closure(targets)
    macros = model_macros_sql()
    con.execute("begin transaction")
    try:
        t0 = time.perf_counter()
        con.execute(macros)
        for model in models:
            drop_relation(con, model.name)
            con.execute(f"create {model.materialized} {model.name} as\n{model.sql}")
        seconds = time.perf_counter() - t0
    finally:
        con.execute("rollback")
    return seconds, len(models)


# ---------------------------------------------------------------------------------------------
# 2. stage transitions: PM4Py directly-follows graph vs DuckDB


def event_log(con: duckdb.DuckDBPyConnection, jm: JourneyMap) -> pd.DataFrame:
    """Mapped events as a process-mining log (journey_id, event_id, stage, occurred_at) in the
    models' event order: journey, time, and for equal times the order of docs/data-model.md - one
    file's events in file order (source_row), the files' blocks in journey-map order (least stage
    order, then least activity-rule position of the block), then stage order and event id. The
    activity mapping is computed here (activity_table) and DuckDB sorts the raw rows, which is
    ~10x faster than pandas here."""
    activities = [a for (a,) in con.execute("select distinct activity from raw_journey_events").fetchall()]
    table = activity_table(activities, jm)
    mapping = table.loc[table["stage_order"] > 0, ["activity", "stage", "stage_order", "rule_order"]]
    con.register("baseline_activity_map", mapping)
    try:
        return _frame(
            con,
            """
            with mapped as (
                select e.journey_id, e.event_id, m.stage, e.occurred_at, e.batch_id, e.source_row,
                       m.stage_order,
                       min(m.stage_order) over tie as tie_stage_order,
                       min(m.rule_order) over tie as tie_rule_order
                from raw_journey_events as e
                join baseline_activity_map as m using (activity)
                window tie as (partition by e.journey_id, e.occurred_at, e.batch_id)
            )
            select journey_id, event_id, stage, occurred_at
            from mapped
            order by journey_id, occurred_at, tie_stage_order, tie_rule_order, batch_id, source_row,
                     stage_order, event_id""",
        )
    finally:
        con.unregister("baseline_activity_map")


def dfg_pm4py(log: pd.DataFrame) -> tuple[dict, dict, dict]:
    """Stage-to-stage transitions, start and end stages with pm4py.discover_dfg (self-loops dropped)."""
    import pm4py

    dfg, start, end = pm4py.discover_dfg(
        log, case_id_key="journey_id", activity_key="stage", timestamp_key="occurred_at"
    )
    return (
        {k: int(v) for k, v in dfg.items() if k[0] != k[1]},
        {k: int(v) for k, v in start.items()},
        {k: int(v) for k, v in end.items()},
    )


TRANSITIONS_SQL = """
with mapped as (
    select e.journey_id, e.occurred_at, e.batch_id, e.source_row, e.event_id, a.stage, m.stage_order,
           min(m.stage_order) over tie as tie_stage_order,
           min(a.rule_order) over tie as tie_rule_order
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    join map_stages as m on m.stage = a.stage
    window tie as (partition by e.journey_id, e.occurred_at, e.batch_id)
),
ordered as (
    select stage,
           lag(stage) over (partition by journey_id
                            order by occurred_at, tie_stage_order, tie_rule_order, batch_id, source_row,
                                     stage_order, event_id) as previous
    from mapped
)
select previous as from_stage, stage as to_stage, count(*) as transitions
from ordered
where previous <> stage
group by all
"""


def dfg_duckdb(con: duckdb.DuckDBPyConnection) -> dict:
    """Stage-to-stage transitions with one DuckDB window query over the mapped events."""
    return {(a, b): int(n) for a, b, n in con.execute(TRANSITIONS_SQL).fetchall()}


def dfg_mart(con: duckdb.DuckDBPyConnection) -> tuple[dict, dict, dict] | None:
    """Transitions, start and end stages from mart_stage_transitions (None if it does not exist)."""
    exists = con.execute(
        "select count(*) from information_schema.tables where table_name = 'mart_stage_transitions'"
    ).fetchall()[0][0]
    if not exists:
        return None
    pseudo = ", ".join(f"'{p}'" for p in PSEUDO_STAGES)
    # the mart is aggregated: transitions per month x segment x from x to x rework x first visit x
    # duration bucket
    edges = con.execute(f"""select from_stage, to_stage, sum(transitions) from mart_stage_transitions
                            where to_stage not in ({pseudo}) group by all""").fetchall()
    start = con.execute(
        "select from_stage, sum(transitions) from mart_stage_transitions where from_first_visit group by all"
    ).fetchall()
    end = con.execute(f"""select from_stage, sum(transitions) from mart_stage_transitions
                          where to_stage in ({pseudo}) group by all""").fetchall()
    return ({(a, b): int(n) for a, b, n in edges}, {a: int(n) for a, n in start}, {a: int(n) for a, n in end})


def compare_counts(name: str, ours: dict, theirs: dict) -> list[str]:
    """Keys whose counts differ between two count dictionaries."""
    return [
        f"{name} {k}: {ours.get(k)} != {theirs.get(k)}"
        for k in sorted(set(ours) | set(theirs), key=str)
        if ours.get(k) != theirs.get(k)
    ]


# ---------------------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b > 0 else "—"


def _median(xs: list[float]) -> float:
    return float(np.median(xs))


def run_friction(
    con: duckdb.DuckDBPyConnection, jm: JourneyMap, runs: int, time_refresh: bool = True
) -> bool:
    """Time and check the pandas friction table and the lower-bound query (bench/lower_bound.sql)
    against the models up to mart_friction; emit results; True when both agree with the mart."""
    load_s, compute_s, table = [], [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        raw = load_raw(con)
        t1 = time.perf_counter()
        table = friction_by_stage_pandas(raw, jm)
        load_s.append(t1 - t0)
        compute_s.append(time.perf_counter() - t1)
        del raw
    pandas_peak = peak_rss_mib()
    problems = compare_friction(table, mart_friction_by_stage(con))
    agree = not problems
    pandas_total = [a + b for a, b in zip(load_s, compute_s)]
    print(
        f"friction by stage: pandas {len(table)} stage x metric rows; agreement with mart_friction: "
        f"{'AGREE' if agree else 'DISAGREE'}"
    )
    for p in problems[:50]:
        print("  " + p)
    # the models, the lower-bound query and the storing of the models' tables alone, alternating,
    # the same number of runs
    sql_s, lower_s, floor_s, n_models, n_tables, lower = [], [], [], 0, 0, None
    friction_models = model_closure(["mart_friction"])
    for _ in range(runs):
        seconds, n_models = build_models_and_rollback(con, ["mart_friction"])
        sql_s.append(seconds)
        t0 = time.perf_counter()
        lower = lower_bound_friction(con)
        lower_s.append(time.perf_counter() - t0)
        copied = copy_tables_and_rollback(con, friction_models)
        floor_s.append(copied.seconds)
        n_tables = copied.tables
    lower_problems = compare_friction(lower, mart_friction_by_stage(con), "lower bound")
    lower_agree = not lower_problems
    print(
        f"friction by stage: lower-bound query {len(lower)} stage x metric rows; agreement with "
        f"mart_friction: {'AGREE' if lower_agree else 'DISAGREE'}"
    )
    for p in lower_problems[:50]:
        print("  " + p)
    from pipelines.runner import discover_models, refresh

    refresh_s, all_floor_s, n_all_tables = [], [], 0
    all_models = discover_models()
    for _ in range(runs if time_refresh else 0):
        refresh_s += timed(lambda: refresh(con), 1)
        copied = copy_tables_and_rollback(con, all_models)
        all_floor_s.append(copied.seconds)
        n_all_tables = copied.tables
    flag = "agrees with mart_friction" if agree else "**DISAGREES with mart_friction**"
    emit(
        Result(
            "baseline: friction by stage, pandas from raw tables",
            pandas_total,
            pandas_peak,
            note=f"{flag} ({len(table)} rows); read {_median(load_s):.1f} s + compute "
            f"{_median(compute_s):.1f} s",
            extra={"agree": agree, "load_s": load_s, "compute_s": compute_s},
        )
    )
    emit(
        Result(
            "baseline: friction, DuckDB models up to mart_friction",
            sql_s,
            peak_rss_mib(),
            note=f"{n_models} models rebuilt (rolled back); pandas takes "
            f"{_ratio(_median(pandas_total), _median(sql_s))} this time "
            f"(compute only {_ratio(_median(compute_s), _median(sql_s))})",
        )
    )
    lower_flag = "agrees with mart_friction" if lower_agree else "**DISAGREES with mart_friction**"
    emit(
        Result(
            "baseline: friction, lower-bound single DuckDB query",
            lower_s,
            peak_rss_mib(),
            note=f"bench/lower_bound.sql, {lower_flag} ({len(lower)} rows); this run: models / lower "
            f"bound {_ratio(_median(sql_s), _median(lower_s))}, pandas / models "
            f"{_ratio(_median(pandas_total), _median(sql_s))}",
            extra={
                "agree": lower_agree,
                "models_over_lower_bound": _median(sql_s) / _median(lower_s)
                if _median(lower_s) > 0
                else None,
                "pandas_over_models": _median(pandas_total) / _median(sql_s) if _median(sql_s) > 0 else None,
            },
        )
    )
    emit(
        Result(
            "baseline: storing the tables of the models up to mart_friction alone",
            floor_s,
            peak_rss_mib(),
            note=f"bench/write_floor.py: their {n_tables} tables copied (rolled back), the floor under "
            f"the models; this run: floor / lower bound {_ratio(_median(floor_s), _median(lower_s))}, "
            f"the models' computing beyond it / lower bound "
            f"{_ratio(_median(sql_s) - _median(floor_s), _median(lower_s))}",
            extra={
                "floor_over_lower_bound": _median(floor_s) / _median(lower_s)
                if _median(lower_s) > 0
                else None
            },
        )
    )
    if refresh_s:
        emit(
            Result(
                "baseline: friction, DuckDB full refresh",
                refresh_s,
                peak_rss_mib(),
                note=f"all models; pandas takes "
                f"{_ratio(_median(pandas_total), _median(refresh_s))} this time",
            )
        )
        emit(
            Result(
                "baseline: storing every model's tables alone",
                all_floor_s,
                peak_rss_mib(),
                note=f"bench/write_floor.py: {n_all_tables} tables copied (rolled back), alternated with "
                f"the full refresh: {_ratio(_median(all_floor_s), _median(refresh_s))} of it, "
                f"{_ratio(_median(all_floor_s), _median(lower_s))} the lower bound",
            )
        )
    return agree and lower_agree


def run_transitions(con: duckdb.DuckDBPyConnection, jm: JourneyMap, runs: int) -> bool:
    """Time and check PM4Py's DFG against DuckDB; emit results; True when they agree (or skipped)."""
    try:
        import pm4py  # noqa: F401  (prints its AGPL licence banner to stderr)
    except ImportError:
        print("stage transitions: PM4Py is not installed (pip install -r requirements-bench.txt); skipped")
        emit(
            Result(
                "baseline: stage transitions, PM4Py",
                [],
                None,
                note="skipped: pm4py not installed (requirements-bench.txt)",
            )
        )
        return True
    t0 = time.perf_counter()
    log = event_log(con, jm)
    log_s = time.perf_counter() - t0
    pm4py_s, found = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        found = dfg_pm4py(log)
        pm4py_s.append(time.perf_counter() - t0)
    pm4py_peak = peak_rss_mib()
    sql_s, sql_edges = [], None
    for _ in range(runs):
        t0 = time.perf_counter()
        sql_edges = dfg_duckdb(con)
        sql_s.append(time.perf_counter() - t0)
    mart = dfg_mart(con)
    problems = compare_counts("window query", found[0], sql_edges)
    if mart is None:
        mart_note = "mart_stage_transitions missing: compared with the window query only"
    else:
        mart_note = "checked against mart_stage_transitions and a window query"
        problems += compare_counts("mart edge", found[0], mart[0])
        problems += compare_counts("mart start", found[1], mart[1])
        problems += compare_counts("mart end", found[2], mart[2])
    agree = not problems
    transitions = sum(found[0].values())
    print(
        f"stage transitions: PM4Py {transitions} transitions over {len(found[0])} stage pairs; "
        f"{mart_note}: {'AGREE' if agree else 'DISAGREE'}"
    )
    for p in problems[:50]:
        print("  " + p)
    flag = "agrees" if agree else "**DISAGREES**"
    emit(
        Result(
            "baseline: stage transitions, PM4Py discover_dfg",
            pm4py_s,
            pm4py_peak,
            note=f"{flag} ({transitions} transitions, {len(found[0])} pairs; {mart_note}); "
            f"log from raw tables {log_s:.1f} s not included",
            extra={"agree": agree},
        )
    )
    mart_s = (
        [build_models_and_rollback(con, ["mart_stage_transitions"])[0] for _ in range(runs)]
        if mart is not None
        else []
    )
    emit(
        Result(
            "baseline: stage transitions, DuckDB window query",
            sql_s,
            peak_rss_mib(),
            note=f"same mapped events; PM4Py takes {_ratio(_median(pm4py_s), _median(sql_s))} this time"
            + (f"; models up to mart_stage_transitions {_median(mart_s):.1f} s" if mart_s else ""),
        )
    )
    return agree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m bench.baselines",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--db", type=Path, required=True, help="a refreshed database (it is refreshed again)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-refresh", action="store_true", help="do not time the full refresh")
    args = parser.parse_args(argv)
    from core.db import connect
    from pipelines.journey_map_store import journey_map_for_refresh

    con = connect(args.db)
    try:
        jm = journey_map_for_refresh(con).journey_map
        friction_ok = run_friction(con, jm, args.runs, not args.skip_refresh)
        transitions_ok = run_transitions(con, jm, args.runs)
    finally:
        con.close()
    if not (friction_ok and transitions_ok):
        print("BASELINE DISAGREEMENT: see the lines above", file=sys.stderr)
        return 1
    print("baselines: all agree")
    return 0


if __name__ == "__main__":
    sys.exit(main())
