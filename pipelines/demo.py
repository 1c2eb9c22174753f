"""The demo company: a realistic Finnish online retailer with planted, known friction.

`generate_demo` replaces the raw tables with a generated "Pohjolan Kotitavara Oy" (the company
of data/journey_map.yaml) and returns the planted truth; `run_demo` does it for a database file
and writes the truth next to it. Customers are generated in chunks, each fully vectorised with
numpy and bulk-inserted through Arrow, so memory stays bounded at every scale.
"""

from __future__ import annotations

import datetime as dt
import json
import time
from concurrent.futures import ThreadPoolExecutor
from contextlib import nullcontext
from pathlib import Path

import duckdb
import numpy as np

from core import audit
from core.access import Actor
from core.batches import record_batch
from core.db import connect, setting, table_exists
from core.load_kinds import DEMO, LOAD_KINDS, RAW_TABLES
from core.transaction import commit_and_begin, write_transaction
from core.versions import parked_table
from pipelines import demo_model as m
from pipelines import demo_text as text
from pipelines.demo_actions import LOGIN_FIX, apply_login_fix, effective_date, plant_actions
from pipelines.demo_contacts import make_contacts
from pipelines.demo_journeys import make_customers, make_journeys, start_calendar
from pipelines.demo_notes import add_notes, relogged_with_theme
from pipelines.demo_surveys import make_surveys
from pipelines.demo_writer import ChunkWriter, LocalClock
from pipelines.journey_map import JourneyMapError, load_journey_map

SCALES = {"S": 5_000, "M": 100_000, "L": 1_000_000, "XL": 10_000_000}
CHUNK_CUSTOMERS = 250_000
ATOMIC_CHUNKS = 4  # scales up to L replace the data in one transaction
BULK_MEMORY_LIMIT = "2GB"  # DuckDB buffer cap while XL is written chunk by chunk
COMPANY = "Pohjolan Kotitavara Oy"


def default_end() -> dt.date:
    """The first day after the demo period by default: the first day of this month."""
    return dt.date.today().replace(day=1)


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def _make_chunk(
    seed: int, chunk: int, n: int, cdf: np.ndarray, t_end: float, tables: tuple, fix_at: float
) -> tuple:
    """Customers, journeys, events, contacts and responses of one chunk (own random stream)."""
    rng = np.random.default_rng([seed, chunk])
    cust = make_customers(rng, n)
    j, events = make_journeys(rng, cust, cdf, t_end)
    contacts = make_contacts(rng, j, t_end)
    surveys = make_surveys(rng, j, cust, contacts, t_end, tables)
    events, contacts = apply_login_fix(j, events, contacts, fix_at)
    add_notes(seed, chunk, contacts)  # its own random stream: no draw above moved
    return cust, j, events, contacts, surveys


def _stage_owners() -> dict[str, str]:
    try:
        return {s.id: s.owner for s in load_journey_map().stages}
    except JourneyMapError:
        return dict(m.DEFAULT_OWNERS)


def generate_demo(
    con: duckdb.DuckDBPyConnection,
    scale: str,
    seed: int = 7,
    end_date: dt.date | None = None,
    planted: dict | None = None,
) -> list[dict]:
    """Replace all raw data with the demo company at this scale; return the planted truth of the
    frictions (and put the planted repeated questions in ``planted``, if given).

    Data covers the 12 full months before end_date (default: first day of this month) and is
    deterministic for a given seed (chunk i draws from numpy default_rng([seed, i])).
    """
    key = str(scale).upper()
    if key not in SCALES:
        raise ValueError(f"Unknown demo scale {scale!r}; use one of {', '.join(SCALES)}")
    n_customers = SCALES[key]
    end = end_date or default_end()
    start = _minus_year(end)
    clock = LocalClock(start, end)
    t_end = clock.seconds
    fix_at = clock.elapsed_at(effective_date(LOGIN_FIX, end))
    cdf = start_calendar(clock.local_hours())
    tables = text.build_variants()
    batch_id = f"demo-{key}-{seed}"

    n_chunks = -(-n_customers // CHUNK_CUSTOMERS)
    # Up to ATOMIC_CHUNKS chunks the replacement is one transaction. Bigger scales commit per
    # chunk (a transaction that large keeps growing in memory) and cap the buffer cache.
    atomic = n_chunks <= ATOMIC_CHUNKS
    pool = ThreadPoolExecutor(max_workers=1)  # builds chunk i+1 while chunk i is inserted
    deadlines = {
        "answers_while_overdue": 0,
        "journeys_overdue_never_done": 0,
        "picking_overdue_never_reached": 0,
        "same_second_order_payment": 0,
    }
    relogged = 0
    try:
        with (
            nullcontext() if atomic else setting(con, "memory_limit", BULK_MEMORY_LIMIT),
            write_transaction(con),
        ):
            _clear_raw_data(con)
            writer = ChunkWriter(con, batch_id, n_customers, clock, tables[0])
            starts = list(range(0, n_customers, CHUNK_CUSTOMERS))

            def make(i: int) -> object:
                size = min(CHUNK_CUSTOMERS, n_customers - starts[i])
                return _make_chunk(seed, i, size, cdf, t_end, tables, fix_at)

            pending = pool.submit(make, 0)
            for chunk, c0 in enumerate(starts):
                parts = pending.result()
                if chunk + 1 < len(starts):
                    pending = pool.submit(make, chunk + 1)
                if not atomic:
                    commit_and_begin(con)
                writer.write(c0, *parts)
                _count_deadlines(deadlines, *parts)
                journeys, contacts = parts[1], parts[3]
                relogged += relogged_with_theme(contacts, journeys["cust"][contacts["row"]])
                del parts
            record_batch(
                con,
                batch_id,
                DEMO,
                f"{COMPANY} demo, scale {key}, seed {seed}, {start} - {end}",
                None,
                "demo generator",
                sum(writer.counts.values()),
            )
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    if planted is not None:
        planted["repeated_questions"] = {
            "kind": "repeated_question",
            "relogged_as_other": relogged,
            "about": "follow-ups logged under 'other' whose note names the theme of the same "
            "customer's contact at most 90 days before (pipelines/demo_notes.py)",
        }
    truth = m.truth(_stage_owners())
    deadlines["cutoff_utc"] = clock.utc_iso(t_end - 86400)
    for entry in truth:
        if (entry["stage"], entry["metric"]) == ("delivery", "nps"):
            entry["deadline"] = deadlines
    return truth


def _clear_raw_data(con: duckdb.DuckDBPyConnection) -> None:
    """A new demo is a clean slate: the raw data, earlier imports, their replaced row versions,
    the rows kept for a restore and the rollback/restore log."""
    for kind in LOAD_KINDS.values():
        con.execute(f"delete from {kind.table}")
        for extra in (kind.versions, parked_table(kind)):
            if table_exists(con, extra):
                con.execute(f"delete from {extra}")
    if table_exists(con, "batch_changes"):
        con.execute("delete from batch_changes")
    con.execute("delete from import_batches")


def _count_deadlines(counts: dict, cust: dict, j: dict, events: dict, contacts: dict, surveys: dict) -> None:
    """The planted deadline situations of one chunk, for the truth file (see demo_model)."""
    counts["answers_while_overdue"] += int(surveys["answered_while_overdue"].sum())
    counts["journeys_overdue_never_done"] += int(j["overdue_never_done"].sum())
    counts["picking_overdue_never_reached"] += int(j["picking_overdue_unreached"].sum())
    counts["same_second_order_payment"] += int(j["same_second"].sum())


def run_demo(
    db_path: Path, scale: str, seed: int = 7, actor: Actor | None = None, end_date: dt.date | None = None
) -> dict:
    """Generate the demo company and its two planted actions into the database file and write the
    truth beside it ({"frictions": [...], "drivers": [...], "actions": [...],
    "repeated_questions": {...}}; "drivers" holds the correlated pair, `"kind": "driver"`); the audit
    log records who did it (`actor`; None = the dashboard seeding an empty database)."""
    started = time.perf_counter()
    db_path = Path(db_path)
    end = end_date or default_end()
    con = connect(db_path)
    try:
        planted: dict = {}
        truth = {
            "frictions": generate_demo(con, scale, seed, end, planted),
            "drivers": m.driver_truth(_stage_owners()),
            "actions": plant_actions(con, end),
            **planted,
        }
        counts = {
            table: con.execute(f"select count(*) from {table}").fetchall()[0][0] for table in RAW_TABLES
        }
        audit.record(
            con,
            actor,
            "demo",
            "demo",
            f"scale {scale}",
            {"scale": scale, "seed": seed, "rows": counts},
            name="dashboard first start",
            via="local",
        )
    finally:
        con.close()
    truth_path = Path(f"{db_path}.truth.json")
    truth_path.write_text(json.dumps(truth, ensure_ascii=False, indent=2), encoding="utf-8")
    return {
        "scale": str(scale).upper(),
        "seed": seed,
        "db": str(db_path),
        "counts": counts,
        "seconds": round(time.perf_counter() - started, 2),
        "truth_path": str(truth_path),
    }
