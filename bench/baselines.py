"""Baselines in the same run: the friction table by stage in plain pandas, and stage transitions
with PM4Py, each timed against the DuckDB models on the same database and checked to agree.

    python -m bench.baselines --db PATH [--runs N]

1. Friction by stage. ``friction_by_stage_pandas`` starts from the raw tables and the journey map
   and re-implements staging + intermediate logic in pandas (activity -> stage by the first
   matching rule; per journey-stage failed/late/SLA breach and first_friction_at; response ->
   journey, given or else the customer's latest journey started by the answer (merge_asof);
   exposure = stages entered by the answer; with friction = first_friction_at <= answer), then
   the survey, journey and contact columns of ``mart_friction`` with surveys.metrics (contacts:
   reason stage, else journey position by merge_asof; repeats by the window). It is timed against
   the SQL models that mart_friction needs (built in a transaction that is rolled back) and
   against a full refresh (``pipelines.runner.refresh``, which rewrites every model and logs one
   refresh: the database keeps its content).
2. Stage transitions. ``pm4py.discover_dfg`` on the mapped events (case = journey_id,
   activity = the event's stage, timestamp = occurred_at; rows pre-sorted by journey, time,
   event_id so ties break as in SQL). Consecutive events in the same stage give self-loops in the
   DFG; without them the DFG counts exactly the transitions between consecutive stage visits.
   Compared with ``mart_stage_transitions`` (non-pseudo rows; the pseudo rows give the end
   stages, visit 1 the start stages) and timed against one DuckDB window query over the same
   mapped events. Skipped with a note when PM4Py (requirements-bench.txt) is not installed.

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
from pipelines.journey_map import JourneyMap
from surveys.metrics import Cell, benjamini_hochberg, difference, estimate, points_at_stake

REL_TOL = 1e-9       # relative tolerance of scores, deltas, CIs and points at stake
ABS_TOL = 1e-12      # absolute floor for values that are (almost) zero
P_REL_TOL = 1e-6     # p-values: the SQL twin uses an erfc approximation (relative error < 1.2e-7)
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
    only gives segments, which the table over all data does not use)."""
    events = _frame(con, """select event_id, customer_id, journey_id, activity, occurred_at,
                                   outcome, promised_at from raw_journey_events""")
    responses = _frame(con, """select response_id, metric, score, scale_min, scale_max, customer_id,
                                      journey_id, responded_at from raw_survey_responses""")
    contacts = _frame(con, """select contact_id, customer_id, journey_id, opened_at, channel, reason,
                                     transfers from raw_contacts""")
    return RawFrames(events, responses, contacts)


def _rule_regex(pattern: str) -> re.Pattern:
    """A journey-map activity pattern ('*' = any text, the rest literal, case-sensitive)."""
    return re.compile(".*".join(re.escape(part) for part in pattern.split("*")), re.DOTALL)


def activity_stages(activities, rules: list[tuple[str, str]]) -> dict[str, str | None]:
    """Activity -> stage of the first rule that matches the whole activity (None = unmapped)."""
    compiled = [(_rule_regex(pattern), stage) for pattern, stage in rules]
    return {a: next((stage for rx, stage in compiled if rx.fullmatch(a)), None) for a in activities}


def mapped_events(events: pd.DataFrame, jm: JourneyMap) -> pd.DataFrame:
    """Events whose activity maps to a stage, with the stage and the failed / late flags."""
    stage_of = activity_stages(events["activity"].unique(), jm.activity_rules)
    out = events.assign(stage=events["activity"].map(stage_of))
    out = out[out["stage"].notna()]
    return out.assign(
        is_failed=out["outcome"].str.lower() == "failed",
        is_late=out["promised_at"].notna() & (out["occurred_at"] > out["promised_at"]))


def _epoch_seconds(ts: pd.Series) -> np.ndarray:
    """Whole epoch seconds (DuckDB date_diff('second') subtracts these)."""
    return ts.astype("datetime64[us]").astype("int64").to_numpy() // 1_000_000


def journey_stages(events: pd.DataFrame, jm: JourneyMap) -> pd.DataFrame:
    """One row per journey per stage reached (int_journey_stages) from mapped events."""
    ev = events.assign(friction_at=events["occurred_at"].where(events["is_failed"] | events["is_late"]))
    js = ev.groupby(["journey_id", "stage"], sort=False).agg(
        customer_id=("customer_id", "first"), entered_at=("occurred_at", "min"),
        left_at=("occurred_at", "max"), events=("occurred_at", "size"),
        failed=("is_failed", "any"), late=("is_late", "any"),
        first_event_friction_at=("friction_at", "min")).reset_index()
    stages = pd.DataFrame([(s.id, s.order, s.owner, s.sla_hours) for s in jm.stages],
                          columns=["stage", "stage_order", "owner", "sla_hours"]).astype({"sla_hours": "float64"})
    js = js.merge(stages, on="stage").sort_values(["journey_id", "stage_order"], ignore_index=True)
    previous_left = js.groupby("journey_id", sort=False)["left_at"].shift()
    start = previous_left.where(previous_left.notna(), js["entered_at"])
    seconds = _epoch_seconds(js["left_at"]) - _epoch_seconds(start)
    js["sla_breached"] = js["sla_hours"].notna().to_numpy() & (seconds > js["sla_hours"].to_numpy() * 3600)
    sla_at = js["left_at"].where(js["sla_breached"])
    first = js["first_event_friction_at"]
    js["first_friction_at"] = first.where(first.notna() & (sla_at.isna() | (first <= sla_at)), sla_at)
    return js


def valid_responses(responses: pd.DataFrame) -> pd.DataFrame:
    """stg_survey_responses: answers on their metric's own scale, with the positive/negative flags."""
    r, m, s = responses, responses["metric"], responses["score"]
    on_scale = (((m == "nps") & (r["scale_min"] == 0) & (r["scale_max"] == 10) & s.between(0, 10)
                 & (s == s.round()))
                | ((m == "csat") & (r["scale_min"] == 1) & (r["scale_max"] == 5) & s.between(1, 5))
                | ((m == "ces") & (r["scale_min"] == 1) & (r["scale_max"] == 7) & s.between(1, 7)))
    r = r[on_scale.fillna(False)]
    journey = r["journey_id"].str.strip()
    positive_from = r["metric"].map({"nps": 9, "csat": 4}).fillna(5)
    return r.assign(journey_id=journey.where(journey != ""),
                    is_positive=r["score"] >= positive_from,
                    is_negative=(r["metric"] == "nps") & (r["score"] <= 6))


def journeys_of(js: pd.DataFrame) -> pd.DataFrame:
    """One row per journey (int_journeys): customer and start, sorted by start."""
    return (js.groupby("journey_id", sort=False)
            .agg(customer_id=("customer_id", "first"), started_at=("entered_at", "min"))
            .reset_index().sort_values("started_at"))


def attach_journeys(rows: pd.DataFrame, journeys: pd.DataFrame, at: str) -> pd.DataFrame:
    """The given journey, else the customer's latest journey started at or before ``at``."""
    given = rows[rows["journey_id"].notna()]
    open_ = rows[rows["journey_id"].isna() & rows["customer_id"].notna()]
    found = pd.merge_asof(open_.drop(columns="journey_id").sort_values(at),
                          journeys.rename(columns={"started_at": "journey_started_at"}),
                          left_on=at, right_on="journey_started_at", by="customer_id",
                          direction="backward", allow_exact_matches=True)
    unmatched = rows[rows["journey_id"].isna() & rows["customer_id"].isna()]
    return pd.concat([given, found.drop(columns="journey_started_at"), unmatched], ignore_index=True)


def contacts_by_stage(raw_contacts: pd.DataFrame, js: pd.DataFrame, journeys: pd.DataFrame,
                      jm: JourneyMap) -> pd.DataFrame:
    """Per stage: contacts attributed by reason, else by journey position (int_contacts_attributed)."""
    c = raw_contacts
    journey, reason = c["journey_id"].str.strip(), c["reason"].str.strip().str.lower()
    c = c.assign(journey_id=journey.where(journey != ""),
                 reason=reason.where(reason != "").fillna("unknown"),
                 channel=c["channel"].str.strip().str.lower(), transfers=c["transfers"].fillna(0))
    c = attach_journeys(c, journeys, "opened_at")
    on_journey = c[c["journey_id"].notna()].sort_values("opened_at")
    positioned = pd.merge_asof(on_journey, js[["journey_id", "stage", "entered_at"]].sort_values("entered_at"),
                               left_on="opened_at", right_on="entered_at", by="journey_id",
                               direction="backward", allow_exact_matches=True)
    c = pd.concat([positioned.rename(columns={"stage": "position_stage"}).drop(columns="entered_at"),
                   c[c["journey_id"].isna()]], ignore_index=True)
    reasons = pd.DataFrame([(r.reason, r.stage, r.avoidable) for r in jm.contact_reasons],
                           columns=["reason", "reason_stage", "avoidable"])
    c = c.merge(reasons, on="reason", how="left")
    c["stage"] = c["reason_stage"].fillna(c["position_stage"])
    c["avoidable"] = c["avoidable"].fillna(False).astype(bool)
    c["cost_eur"] = c["channel"].map(jm.channel_costs).fillna(0.0)
    c = c.sort_values(["customer_id", "reason", "opened_at", "contact_id"], ignore_index=True)
    previous = c.groupby(["customer_id", "reason"], sort=False)["opened_at"].shift()
    gap = _epoch_seconds(c["opened_at"]) - _epoch_seconds(previous.fillna(c["opened_at"]))
    window = float(jm.settings["repeat_contact_window_days"]) * 86400
    c["is_repeat"] = previous.notna().to_numpy() & (gap <= window)
    c["transferred"] = c["transfers"] > 0
    c["avoidable_cost"] = c["cost_eur"].where(c["avoidable"], 0.0)
    return c[c["stage"].notna()].groupby("stage").agg(
        contacts=("contact_id", "size"), avoidable_contacts=("avoidable", "sum"),
        repeat_contacts=("is_repeat", "sum"), transferred_contacts=("transferred", "sum"),
        avoidable_cost_eur=("avoidable_cost", "sum"))


def stage_cells(responses: pd.DataFrame, js: pd.DataFrame) -> pd.DataFrame:
    """Per stage x metric: sufficient statistics of exposed responses with / without friction."""
    exposed = responses[["metric", "score", "is_positive", "is_negative", "journey_id", "responded_at"]].merge(
        js[["journey_id", "stage", "entered_at", "first_friction_at"]], on="journey_id")
    exposed = exposed[exposed["entered_at"] <= exposed["responded_at"]]
    exposed = exposed.assign(
        had_friction=exposed["first_friction_at"].notna()
        & (exposed["first_friction_at"] <= exposed["responded_at"]),
        score_sq=exposed["score"] * exposed["score"])
    stats = exposed.groupby(["stage", "metric", "had_friction"]).agg(
        n=("score", "size"), pos=("is_positive", "sum"), neg=("is_negative", "sum"),
        total=("score", "sum"), total_sq=("score_sq", "sum")).unstack("had_friction", fill_value=0)
    return stats.reset_index()


def _contact_columns(contacts: pd.DataFrame, stage: str, reach: int) -> dict:
    """contacts, contacts_per_100, avoidable / repeat / transfer shares and avoidable cost of a stage."""
    if stage not in contacts.index:
        return {"contacts": 0, "contacts_per_100": 0.0, "avoidable_share": None, "repeat_share": None,
                "transfer_rate": None, "avoidable_cost_eur": 0.0, "escalation_hours_mean": None}
    row = contacts.loc[stage]
    n = int(row["contacts"])
    return {"contacts": n, "contacts_per_100": 100.0 * n / reach,
            "avoidable_share": row["avoidable_contacts"] / n, "repeat_share": row["repeat_contacts"] / n,
            "transfer_rate": row["transferred_contacts"] / n,
            "avoidable_cost_eur": float(row["avoidable_cost_eur"]), "escalation_hours_mean": None}


def friction_by_stage_pandas(raw: RawFrames, jm: JourneyMap) -> pd.DataFrame:
    """The friction table by stage over all data (survey and journey columns), in pandas."""
    js = journey_stages(mapped_events(raw.events, jm), jm)
    journeys_table = journeys_of(js)
    responses = valid_responses(raw.responses)
    cells = stage_cells(attach_journeys(responses, journeys_table, "responded_at"), js)
    contacts = contacts_by_stage(raw.contacts, js, journeys_table, jm)
    n_all = responses["metric"].value_counts().to_dict()
    journeys = js["journey_id"].nunique()
    ops = js.assign(late_or_sla=js["late"] | js["sla_breached"],
                    with_friction=js["first_friction_at"].notna()).groupby("stage").agg(
        reach=("journey_id", "size"), failed=("failed", "sum"), late=("late_or_sla", "sum"),
        with_friction=("with_friction", "sum"))
    order = {s.id: s.order for s in jm.stages}
    min_n, alpha = int(jm.settings["min_n"]), float(jm.settings["alpha"])
    rows = []
    for rec in cells.itertuples(index=False):
        stage, metric = rec[0], rec[1]
        part = dict(zip(cells.columns[2:], rec[2:]))

        def cell(flag: bool) -> Cell:
            return Cell(int(part[("n", flag)]), int(part[("pos", flag)]), int(part[("neg", flag)]),
                        float(part[("total", flag)]), float(part[("total_sq", flag)]))
        with_, without = cell(True), cell(False)
        enough = with_.n >= min_n and without.n >= min_n
        diff = difference(metric, with_, without) if enough else None
        total = int(n_all.get(metric, 0))
        reach = int(ops.at[stage, "reach"])
        row = {"stage": stage, "metric": metric, "sort_order": order[stage], "journeys": journeys,
               "reach": reach, "reach_rate": reach / journeys,
               "failure_rate": ops.at[stage, "failed"] / reach, "late_rate": ops.at[stage, "late"] / reach,
               "friction_rate": ops.at[stage, "with_friction"] / reach,
               **_contact_columns(contacts, stage, reach),
               "n_with": with_.n, "n_without": without.n, "n_all": total, "enough_n": enough,
               "score_with": estimate(metric, with_).value if enough else None,
               "score_without": estimate(metric, without).value if enough else None,
               "delta": None, "se": None, "ci_low": None, "ci_high": None, "p_value": None,
               "points_at_stake": None}
        if diff is not None and diff.delta is not None:
            row.update(delta=diff.delta, se=diff.se, ci_low=diff.ci_low, ci_high=diff.ci_high,
                       p_value=diff.p_value, points_at_stake=points_at_stake(diff.delta, with_.n, total))
        rows.append(row)
    table = pd.DataFrame(rows)
    table["p_adjusted"] = benjamini_hochberg([None if pd.isna(p) else float(p) for p in table["p_value"]])
    table["significant"] = [p is not None and not pd.isna(p) and p < alpha for p in table["p_adjusted"]]
    table = table.sort_values(["significant", "points_at_stake", "sort_order", "stage", "metric"],
                              ascending=[False, False, True, True, True], na_position="last",
                              ignore_index=True)
    table["rank"] = range(1, len(table) + 1)
    return table


EXACT_COLUMNS = ["n_with", "n_without", "n_all", "enough_n", "journeys", "reach", "significant",
                 "contacts", "rank"]
CLOSE_COLUMNS = ["score_with", "score_without", "delta", "se", "ci_low", "ci_high", "points_at_stake",
                 "reach_rate", "failure_rate", "late_rate", "friction_rate", "contacts_per_100",
                 "avoidable_share", "repeat_share", "transfer_rate", "avoidable_cost_eur",
                 "escalation_hours_mean"]
P_COLUMNS = ["p_value", "p_adjusted"]


def mart_friction_by_stage(con: duckdb.DuckDBPyConnection) -> pd.DataFrame:
    """The stage rows of mart_friction."""
    return con.execute("select * from mart_friction where dimension = 'stage'").df()


def _close(a, b, rel: float) -> bool:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return (a is None or pd.isna(a)) and (b is None or pd.isna(b))
    return math.isclose(float(a), float(b), rel_tol=rel, abs_tol=ABS_TOL)


def compare_friction(pandas_table: pd.DataFrame, mart: pd.DataFrame) -> list[str]:
    """Differences between the pandas table and mart_friction (empty = they agree)."""
    problems = []
    ours = {(r["stage"], r["metric"]): r for r in pandas_table.to_dict("records")}
    theirs = {(r["stage"], r["metric"]): r for r in mart.to_dict("records")}
    for key in sorted(set(ours) ^ set(theirs)):
        problems.append(f"{key}: only in {'pandas' if key in ours else 'mart_friction'}")
    for key in sorted(set(ours) & set(theirs)):
        a, b = ours[key], theirs[key]
        for col in EXACT_COLUMNS:
            if not (pd.isna(a[col]) and pd.isna(b[col])) and a[col] != b[col]:
                problems.append(f"{key} {col}: pandas {a[col]} != mart {b[col]}")
        for col, rel in [(c, REL_TOL) for c in CLOSE_COLUMNS] + [(c, P_REL_TOL) for c in P_COLUMNS]:
            if not _close(a[col], b[col], rel):
                problems.append(f"{key} {col}: pandas {a[col]!r} != mart {b[col]!r}")
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
        todo += [other for other in by_name if other != name
                 and re.search(rf"\b{re.escape(other)}\b", by_name[name].sql)]
    return [m for m in models if m.name in needed]


def build_models_and_rollback(con: duckdb.DuckDBPyConnection, targets: list[str]) -> tuple[float, int]:
    """Rebuild the models the targets need exactly as the refresh does, time it, roll back."""
    from pipelines.runner import MODELS_DIR, _drop_relation

    models = model_closure(targets)
    macros = (MODELS_DIR / "macros.sql").read_text(encoding="utf-8")
    con.execute("begin transaction")
    try:
        t0 = time.perf_counter()
        con.execute(macros)
        for model in models:
            _drop_relation(con, model.name)
            con.execute(f"create {model.materialized} {model.name} as\n{model.sql}")
        seconds = time.perf_counter() - t0
    finally:
        con.execute("rollback")
    return seconds, len(models)


# ---------------------------------------------------------------------------------------------
# 2. stage transitions: PM4Py directly-follows graph vs DuckDB


def event_log(con: duckdb.DuckDBPyConnection, jm: JourneyMap) -> pd.DataFrame:
    """Mapped events as a process-mining log (journey_id, stage, occurred_at), in SQL's visit order
    (journey, time, event_id; DuckDB sorts the raw rows, which is ~10x faster than pandas here)."""
    ev = _frame(con, """select journey_id, event_id, activity, occurred_at from raw_journey_events
                        order by journey_id, occurred_at, event_id""")
    stage_of = activity_stages(ev["activity"].unique(), jm.activity_rules)
    ev["stage"] = ev["activity"].map(stage_of)
    return ev.loc[ev["stage"].notna(), ["journey_id", "event_id", "stage", "occurred_at"]].reset_index(drop=True)


def dfg_pm4py(log: pd.DataFrame) -> tuple[dict, dict, dict]:
    """Stage-to-stage transitions, start and end stages with pm4py.discover_dfg (self-loops dropped)."""
    import pm4py

    dfg, start, end = pm4py.discover_dfg(log, case_id_key="journey_id", activity_key="stage",
                                         timestamp_key="occurred_at")
    return ({k: int(v) for k, v in dfg.items() if k[0] != k[1]},
            {k: int(v) for k, v in start.items()}, {k: int(v) for k, v in end.items()})


TRANSITIONS_SQL = """
with ordered as (
    select a.stage,
           lag(a.stage) over (partition by e.journey_id order by e.occurred_at, e.event_id) as previous
    from stg_journey_events as e
    join int_activity_stages as a using (activity)
    where a.stage is not null
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
    exists = con.execute("select count(*) from information_schema.tables "
                         "where table_name = 'mart_stage_transitions'").fetchall()[0][0]
    if not exists:
        return None
    pseudo = ", ".join(f"'{p}'" for p in PSEUDO_STAGES)
    edges = con.execute(f"""select from_stage, to_stage, count(*) from mart_stage_transitions
                            where to_stage not in ({pseudo}) group by all""").fetchall()
    start = con.execute("select from_stage, count(*) from mart_stage_transitions "
                        "where from_visit = 1 group by all").fetchall()
    end = con.execute(f"""select from_stage, count(*) from mart_stage_transitions
                          where to_stage in ({pseudo}) group by all""").fetchall()
    return ({(a, b): int(n) for a, b, n in edges}, {a: int(n) for a, n in start},
            {a: int(n) for a, n in end})


def compare_counts(name: str, ours: dict, theirs: dict) -> list[str]:
    """Keys whose counts differ between two count dictionaries."""
    return [f"{name} {k}: {ours.get(k)} != {theirs.get(k)}"
            for k in sorted(set(ours) | set(theirs), key=str) if ours.get(k) != theirs.get(k)]


# ---------------------------------------------------------------------------------------------


def _ratio(a: float, b: float) -> str:
    return f"{a / b:.1f}×" if b > 0 else "—"


def _median(xs: list[float]) -> float:
    return float(np.median(xs))


def run_friction(con: duckdb.DuckDBPyConnection, jm: JourneyMap, runs: int, time_refresh: bool = True) -> bool:
    """Time and check the pandas friction table; emit results; True when it agrees."""
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
    print(f"friction by stage: pandas {len(table)} stage x metric rows; agreement with mart_friction: "
          f"{'AGREE' if agree else 'DISAGREE'}")
    for p in problems[:50]:
        print("  " + p)
    sql_runs = [build_models_and_rollback(con, ["mart_friction"]) for _ in range(runs)]
    sql_s, n_models = [s for s, _ in sql_runs], sql_runs[0][1]
    from pipelines.runner import refresh

    refresh_s = timed(lambda: refresh(con), runs) if time_refresh else []
    flag = "agrees with mart_friction" if agree else "**DISAGREES with mart_friction**"
    emit(Result("baseline: friction by stage, pandas from raw tables", pandas_total, pandas_peak,
                note=f"{flag} ({len(table)} rows); read {_median(load_s):.1f} s + compute "
                     f"{_median(compute_s):.1f} s",
                extra={"agree": agree, "load_s": load_s, "compute_s": compute_s}))
    emit(Result("baseline: friction, DuckDB models up to mart_friction", sql_s, peak_rss_mib(),
                note=f"{n_models} models rebuilt (rolled back); pandas takes "
                     f"{_ratio(_median(pandas_total), _median(sql_s))} this time "
                     f"(compute only {_ratio(_median(compute_s), _median(sql_s))})"))
    if refresh_s:
        emit(Result("baseline: friction, DuckDB full refresh", refresh_s, peak_rss_mib(),
                    note=f"all models; pandas takes {_ratio(_median(pandas_total), _median(refresh_s))} this time"))
    return agree


def run_transitions(con: duckdb.DuckDBPyConnection, jm: JourneyMap, runs: int) -> bool:
    """Time and check PM4Py's DFG against DuckDB; emit results; True when they agree (or skipped)."""
    try:
        import pm4py  # noqa: F401  (prints its AGPL licence banner to stderr)
    except ImportError:
        print("stage transitions: PM4Py is not installed (pip install -r requirements-bench.txt); skipped")
        emit(Result("baseline: stage transitions, PM4Py", [], None,
                    note="skipped: pm4py not installed (requirements-bench.txt)"))
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
    print(f"stage transitions: PM4Py {transitions} transitions over {len(found[0])} stage pairs; "
          f"{mart_note}: {'AGREE' if agree else 'DISAGREE'}")
    for p in problems[:50]:
        print("  " + p)
    flag = "agrees" if agree else "**DISAGREES**"
    emit(Result("baseline: stage transitions, PM4Py discover_dfg", pm4py_s, pm4py_peak,
                note=f"{flag} ({transitions} transitions, {len(found[0])} pairs; {mart_note}); "
                     f"log from raw tables {log_s:.1f} s not included",
                extra={"agree": agree}))
    mart_s = [build_models_and_rollback(con, ["mart_stage_transitions"])[0] for _ in range(runs)] \
        if mart is not None else []
    emit(Result("baseline: stage transitions, DuckDB window query", sql_s, peak_rss_mib(),
                note=f"same mapped events; PM4Py takes {_ratio(_median(pm4py_s), _median(sql_s))} this time"
                     + (f"; models up to mart_stage_transitions {_median(mart_s):.1f} s" if mart_s else "")))
    return agree


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.baselines", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--db", type=Path, required=True, help="a refreshed database (it is refreshed again)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--skip-refresh", action="store_true", help="do not time the full refresh")
    args = parser.parse_args(argv)
    from pipelines.db import connect
    from pipelines.journey_map_store import journey_map_for_refresh

    con = connect(args.db)
    try:
        jm, _ = journey_map_for_refresh(con)
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
