"""Refresh only what changed: after imports that only ADDED batches, rebuild the per-customer models
for the customers those batches touched, and the month-partitioned marts for the months whose rows
changed. Only the models that read (directly or through other models) a raw table the new batches
wrote to are rebuilt: a survey import leaves the journey, visit and contact models as they are.
After a change of the journey map alone, only the models that read a changed map table are rebuilt
(pipelines/map_scope.py). Anything else (first refresh, a model change, a map change together with
new batches, a rollback, a demo run) falls back to the full refresh of pipelines.runner.

A model opts in with a line among its first four:

    -- incremental: customer_id    every row belongs to one customer and depends only on that
                                   customer's rows (and on map_* / non-incremental models)
    -- incremental: customer_id (by response: <column>)
                                   as customer_id, and moreover every row belongs to the survey
                                   response <column> names and depends only on that response's
                                   row and the journey side: after batches of survey responses
                                   only, just the rows of the new and replaced responses are
                                   rebuilt (none read or deleted when all the responses are new)
    -- incremental: period_month   every output row of month M is computed only from input rows
                                   whose own period_month is M
    -- incremental: additive (kept while <condition>)
                                   every column outside the key is a count or sum over rows of
                                   customer-incremental models, and no grouping before the last
                                   mixes two customers' rows: the refresh adds the changed
                                   customers' new contribution, subtracts their old one, and keeps
                                   the rows that meet the condition (e.g. n_with + n_without > 0)

While a customer-incremental model is rebuilt, the raw tables and the customer-incremental models
already rebuilt are shadowed by temporary views restricted to the changed customers (DuckDB
resolves temporary objects first), so the model's own SQL runs unchanged on a small slice
(pipelines/incremental_rebuild.py: how one model's rows are replaced).
"""

from __future__ import annotations

import time
from datetime import datetime
from pathlib import Path

import duckdb

from core.load_kinds import LOAD_KINDS, SURVEYS
from pipelines import refresh_state
from pipelines.catalog_columns import columns_of, known_columns
from pipelines.incremental_rebuild import (
    add_differences,
    drop_shadows,
    drop_slices,
    incremental_key,
    reads_through_views,
    rebuild_for_customers,
    rebuild_for_months,
    rebuild_in_full,
    response_column,
)
from pipelines.journey_map_store import journey_map_for_refresh
from pipelines.journey_map_tables import journey_map_tables
from pipelines.lemma_cache import TEXT_SOURCES, fill_lemma_cache
from pipelines.refresh_plan import Plan, make_plan
from pipelines.runner import Model, RefreshError, discover_models, model_macros_sql, refresh, unordered_writes

EVENTS_TABLE = LOAD_KINDS["events"].table
OUTCOMES_VIEW = "int_journey_outcomes"  # in progress / dropped: they move with the end of the data,
JOURNEYS_END = "int_journeys_end"  # which this model holds
RESPONSES = LOAD_KINDS[SURVEYS]
TEXT_TABLES = frozenset(source.table for source in TEXT_SOURCES)  # raw tables whose text is lemmatised


def refresh_changed(
    con: duckdb.DuckDBPyConnection, journey_map_path: str | Path | None = None, force_full: bool = False
) -> dict:
    """Incremental refresh when only new batches arrived, else the full refresh; same guarantees
    (one transaction, readers see the old state until the commit, RefreshError on failure).

    The result says which journey map version was used and why (map_version, map_reason), and
    why the refresh was full, incremental or not needed (mode, reason).
    """
    choice = journey_map_for_refresh(con, journey_map_path)
    models = discover_models()
    tables = journey_map_tables(choice.journey_map)  # to hash: no pandas on this path
    macros_sql = model_macros_sql()
    plan = (
        Plan("full", "asked for a full refresh")
        if force_full
        else make_plan(con, models, tables, macros_sql, choice.source)
    )
    if plan.mode in ("full", "map"):
        scope = plan.map_tables if plan.mode == "map" else None
        result = refresh(con, choice=choice, changed_map_tables=scope)
        return {**result, "mode": plan.mode, "reason": plan.reason}
    if plan.mode == "none":
        return {
            "mode": "none",
            "reason": plan.reason,
            "models": 0,
            "seconds": 0.0,
            "rows": {},
            "map_version": choice.version,
            "map_reason": choice.reason,
        }
    catalog = con.execute("select current_database()").fetchall()[0][0]
    with unordered_writes(con), known_columns(con, catalog):
        result = _incremental(con, catalog, models, plan, tables, macros_sql, choice.source)
    return {**result, "map_version": choice.version, "map_reason": choice.reason}


def describe_refresh(summary: dict) -> list[str]:
    """What a refresh did, for the command line: the journey map version used and why, the mode
    (full, incremental, none) and why."""
    lines = [f"journey map: version {summary.get('map_version')} ({summary.get('map_reason')})"]
    if summary["mode"] == "none":
        lines.append(f"nothing to refresh: {summary['reason']}")
    else:
        lines.append(
            f"{summary['mode']} refresh ({summary['reason']}): {summary['models']} models "
            f"in {summary['seconds']} s"
        )
    return lines


def _incremental(
    con: duckdb.DuckDBPyConnection,
    catalog: str,
    models: list[Model],
    plan: Plan,
    tables: dict,
    macros_sql: str,
    map_source: str,
) -> dict:
    started = time.perf_counter()
    con.execute("begin transaction")
    current = "changed customers"
    rebuilt: dict[str, str] = {}
    timings: dict[str, float] = {}
    try:
        customers, has_null, changed_tables = _changed_customers(con, catalog, plan.new_batches)
        if EVENTS_TABLE in changed_tables:  # only new events move the end of the event data
            customers += _add_customers_whose_deadlines_passed(con, catalog)
        if changed_tables & TEXT_TABLES:
            current = "lemma cache"
            fill_lemma_cache(con, plan.new_batches)  # only the new texts' words can be missing
        con.execute("create or replace temp table _changed_months (period_month date)")
        customer_models: list[str] = []  # customer-incremental models, rebuilt or not
        views = {m.name: m for m in models if m.materialized == "view"}
        rebuilt_customer_models: list[str] = []  # their rows before and after: _old_<name>, _new_<name>
        appended = None  # rebuilt by customer; True / False: by survey response (_rebuild_by_response)
        if _rebuild_by_response(models, changed_tables):
            appended = _changed_responses(con, catalog, plan.new_batches)
        changed = set(changed_tables)
        latest_before = _latest_journey_event(con, catalog)
        for model in models:
            key = incremental_key(model)
            if not model.reads & changed:
                # nothing it reads changed (e.g. journey models after a survey import): its rows stand
                if key == "customer_id":
                    customer_models.append(model.name)
                continue
            changed.add(model.name)
            if model.name == OUTCOMES_VIEW:
                _note_months_of_moved_outcomes(con, catalog, latest_before)
            if model.layer == "staging" or model.materialized == "view":
                continue  # views read the new rows by themselves
            current = f"{model.layer}/{model.path.name}"
            model_started = time.perf_counter()
            if key == "customer_id":
                reads = reads_through_views(model, views)
                rebuild_for_customers(
                    con, catalog, model, customer_models, rebuilt_customer_models, has_null, reads, appended
                )
                customer_models.append(model.name)
                rebuilt_customer_models.append(model.name)
                rebuilt[model.name] = {None: "customers", False: "responses", True: "appended"}[appended]
            elif key == "period_month":
                rebuild_for_months(con, catalog, model)
                rebuilt[model.name] = "months"
            elif key == "additive":
                add_differences(con, catalog, model, customer_models, rebuilt_customer_models, has_null)
                rebuilt[model.name] = "additive"
            else:
                rebuild_in_full(con, catalog, model)
                rebuilt[model.name] = "full"
            timings[model.name] = round(time.perf_counter() - model_started, 3)
        months = [
            r[0]
            for r in con.execute("select distinct period_month from _changed_months order by 1").fetchall()
        ]
        seconds = time.perf_counter() - started
        refresh_state.record(con, models, macros_sql, tables, seconds, len(rebuilt), map_source)
        con.execute("commit")
    except duckdb.Error as exc:
        con.execute("rollback")
        raise RefreshError(f"incremental refresh failed in {current}: {exc}") from exc
    finally:
        kept = [f"_{side}_{name}" for name in rebuilt_customer_models for side in ("old", "new")]
        temporary = (
            "_changed_customers",
            "_changed_responses",
            "_changed_months",
            "_old_rowids",
            "_old_rows",
            "_new_rows",
        )
        for name in (*temporary, *kept):
            con.execute(f"drop table if exists temp.main.{name}")
        drop_shadows(con)
        drop_slices(con)
    return {
        "mode": "incremental",
        "reason": plan.reason,
        "models": len(rebuilt),
        "seconds": round(seconds, 3),
        "customers": customers,
        "months": months,
        "rebuilt": rebuilt,
        "timings": timings,
        "rows": {},
    }


def _changed_customers(
    con: duckdb.DuckDBPyConnection, catalog: str, batches: list[str]
) -> tuple[int, bool, frozenset[str]]:
    """Customers with rows in the new batches, or whose rows those batches replaced; whether one
    of those rows has no customer; and the raw tables those rows are in (read from the rows, not
    from the batches' kinds: one batch may write to more than one table)."""
    con.execute("create or replace temp table _changed_customers (customer_id varchar)")
    marks = ", ".join("?" for _ in batches)
    tables: set[str] = set()
    for kind in LOAD_KINDS.values():
        sources = [f"from {catalog}.main.{kind.table} where batch_id in ({marks})"]
        if {"customer_id", "superseded_by"} <= set(columns_of(con, catalog, kind.versions)):  # if it exists
            sources.append(f"from {catalog}.main.{kind.versions} where superseded_by in ({marks})")
        for source in sources:
            inserted = con.execute(
                f"insert into _changed_customers select distinct customer_id {source}", batches
            ).fetchall()[0][0]
            if inserted:
                tables.add(kind.table)
    count, nulls = con.execute(
        "select count(distinct customer_id), count(*) filter "
        "(where customer_id is null) from _changed_customers"
    ).fetchall()[0]
    con.execute(
        "create or replace temp table _changed_customers as "
        "select distinct customer_id from _changed_customers where customer_id is not null"
    )
    return int(count), bool(nulls), frozenset(tables)


def _rebuild_by_response(models: list[Model], changed_tables: frozenset[str]) -> bool:
    """Whether the new batches changed survey responses only and every customer-incremental model
    they reach declares its response column: then those models rebuild only the changed responses'
    rows (a response's rows depend on that response and the journey side, never on the customer's
    other responses), not all the rows of the customers who answered."""
    if changed_tables != {RESPONSES.table}:
        return False
    reached = set(changed_tables)
    for model in models:  # in build order: a model is reached when it reads a reached table
        if model.reads & reached:
            reached.add(model.name)
            if incremental_key(model) == "customer_id" and response_column(model) is None:
                return False
    return True


def _changed_responses(con: duckdb.DuckDBPyConnection, catalog: str, batches: list[str]) -> bool:
    """The survey responses the new batches wrote or replaced, into temp table _changed_responses;
    whether they are all new (none replaced an earlier row, so no model holds a row of them yet)."""
    marks = ", ".join("?" for _ in batches)
    con.execute(
        f"create or replace temp table _changed_responses as "
        f"select {RESPONSES.key} as response_id from {catalog}.main.{RESPONSES.table} "
        f"where batch_id in ({marks})",
        batches,
    )
    replaced = con.execute(
        f"insert into _changed_responses select {RESPONSES.key} from {catalog}.main.{RESPONSES.versions} "
        f"where superseded_by in ({marks})",
        batches,
    ).fetchall()[0][0]
    return replaced == 0


def _latest_journey_event(con: duckdb.DuckDBPyConnection, catalog: str) -> datetime | None:
    """The latest mapped event of all journeys before the refresh (int_journeys_end)."""
    if "latest_event_at" not in columns_of(con, catalog, JOURNEYS_END):
        return None  # built by a version without it: then the refresh is full (the models changed)
    return con.execute(f"select latest_event_at from {catalog}.main.{JOURNEYS_END}").fetchall()[0][0]


def _note_months_of_moved_outcomes(
    con: duckdb.DuckDBPyConnection, catalog: str, latest_before: datetime | None
) -> None:
    """Add the months of the journeys whose outcome the refresh moved without touching them: a new
    end of the data turns a journey that stood still for in_progress_days from in progress to dropped
    (or, when the latest events were replaced by earlier ones, back). The journeys the new batches
    touched are noted already, by int_journeys' rebuild."""
    con.execute(
        f"""insert into _changed_months
        select distinct o.period_month
        from {catalog}.main.{OUTCOMES_VIEW} as o
        cross join {catalog}.main.{JOURNEYS_END} as e
        where o.outcome <> 'completed'
          and o.outcome is distinct from
              journey_outcome(false, o.last_event_at, ?::timestamp, e.in_progress_days)""",
        [latest_before],
    )


def _add_customers_whose_deadlines_passed(con: duckdb.DuckDBPyConnection, catalog: str) -> int:
    """Customers with a deadline that was still ahead when the data ended and that the new event
    data has passed: they are overdue now, without a new row of their own. Returns how many."""
    if "open_deadline_at" not in columns_of(con, catalog, "int_journey_stages"):
        return 0  # built by a version without deadlines: the full refresh that follows rebuilds it
    before = con.execute("select count(*) from _changed_customers").fetchall()[0][0]
    con.execute(f"""
        insert into _changed_customers
        select distinct customer_id from {catalog}.main.int_journey_stages
        where open_deadline_at <= (select max(occurred_at) from {catalog}.main.raw_journey_events)
          and customer_id not in (select customer_id from _changed_customers)""")
    return con.execute("select count(*) from _changed_customers").fetchall()[0][0] - before
