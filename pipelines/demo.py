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
import pyarrow as pa
import pyarrow.compute as pc

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
from pipelines.demo_contacts import CHANNELS as CONTACT_CHANNELS
from pipelines.demo_contacts import FUNCTIONS, REASONS, TEAMS, make_contacts
from pipelines.demo_journeys import ACTIVITIES, make_customers, make_journeys, start_calendar
from pipelines.demo_notes import add_notes, note_texts, relogged_with_theme
from pipelines.demo_surveys import CHANNELS as RESPONSE_CHANNELS
from pipelines.demo_surveys import SURVEYS, make_surveys
from pipelines.journey_map import JourneyMapError, load_journey_map

SCALES = {"S": 5_000, "M": 100_000, "L": 1_000_000, "XL": 10_000_000}
CHUNK_CUSTOMERS = 250_000
ATOMIC_CHUNKS = 4  # scales up to L replace the data in one transaction
BULK_MEMORY_LIMIT = "2GB"  # DuckDB buffer cap while XL is written chunk by chunk
COMPANY = "Pohjolan Kotitavara Oy"
COMPANY_TIMEZONE = "Europe/Helsinki"  # the demo company's wall clock (journey map settings.timezone)


def default_end() -> dt.date:
    """The first day after the demo period by default: the first day of this month."""
    return dt.date.today().replace(day=1)


def _minus_year(day: dt.date) -> dt.date:
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


class LocalClock:
    """The demo period on the company's clock. The generator counts real elapsed seconds from
    the period's start (local midnight), so its times map to UTC one to one - a naive local
    timeline would have an hour that does not exist in spring and one that repeats in autumn."""

    def __init__(self, start: dt.date, end: dt.date, zone: str = COMPANY_TIMEZONE):
        from zoneinfo import ZoneInfo

        self.tz = ZoneInfo(zone)
        first = dt.datetime(start.year, start.month, start.day, tzinfo=self.tz)
        last = dt.datetime(end.year, end.month, end.day, tzinfo=self.tz)
        self.epoch = int(first.timestamp())  # UTC seconds of the period's start
        self.seconds = float(int(last.timestamp()) - self.epoch)

    def elapsed_at(self, day: dt.date) -> float:
        """Seconds from the period's start to the local midnight that starts `day`."""
        return float(int(dt.datetime(day.year, day.month, day.day, tzinfo=self.tz).timestamp()) - self.epoch)

    def utc_seconds(self, elapsed: np.ndarray) -> np.ndarray:
        """Whole seconds since 1970 (UTC) of seconds elapsed since the period's start."""
        return np.floor(elapsed).astype(np.int64) + self.epoch

    def utc_iso(self, elapsed: float) -> str:
        return str(np.datetime64(int(self.utc_seconds(np.array([elapsed]))[0]), "s")).replace("T", " ")

    def local_hours(self) -> np.ndarray:
        """The local wall-clock hour (datetime64[h]) of each real hour of the period."""
        n = int(np.ceil(self.seconds / 3600))
        stamps = [
            dt.datetime.fromtimestamp(self.epoch + 3600 * h, self.tz).replace(tzinfo=None) for h in range(n)
        ]
        return np.array(stamps, dtype="datetime64[h]")


def _ts(seconds: np.ndarray, clock: LocalClock) -> pa.Array:
    """Seconds since the period's start (NaN = missing) as an Arrow array of UTC timestamps."""
    seconds = np.asarray(seconds)
    missing = np.isnan(seconds) if seconds.dtype.kind == "f" else None
    values = clock.utc_seconds(np.nan_to_num(seconds))
    return pa.array(values.astype("datetime64[s]"), mask=missing)


def _cat(codes: np.ndarray, values) -> pa.DictionaryArray:
    """Integer codes (-1 = NULL) as an Arrow dictionary array of strings."""
    codes = np.asarray(codes, dtype=np.int32)
    return pa.DictionaryArray.from_arrays(pa.array(codes, mask=codes < 0), pa.array(list(values)))


class _Writer:
    """Inserts one chunk's arrays into the raw tables.

    String ids are built by DuckDB from integers: unique row ids (events, contacts,
    responses) during the insert, customer and journey ids once per chunk and then
    referenced through Arrow dictionary arrays (far cheaper than formatting them per row).
    lpad would silently truncate, so every width is checked against the largest id.
    """

    PREFIX = {"c": "C", "j": "J", "e": "E", "k": "K", "r": "R"}

    def __init__(
        self,
        con: duckdb.DuckDBPyConnection,
        batch_id: str,
        n_customers: int,
        clock: LocalClock,
        texts: list[str],
    ):
        self.con, self.batch, self.clock = con, batch_id, clock
        self.texts = pa.array(texts)
        self.notes = note_texts()
        self.width = {
            "c": max(7, len(str(n_customers))),
            "j": max(9, len(str(n_customers * 4))),
            "e": 9,
            "k": 9,
            "r": 9,
        }
        self.offset = {"j": 0, "e": 0, "k": 0, "r": 0}
        self.counts = {table: 0 for table in RAW_TABLES}

    def _fmt(self, key: str, column: str) -> str:
        return f"'{self.PREFIX[key]}' || lpad(cast({column} as varchar), {self.width[key]}, '0')"

    def _id_strings(self, key: str, first: int, n: int) -> pa.Array:
        """Ids first .. first+n-1 as an Arrow string array."""
        if first + n - 1 >= 10 ** self.width[key]:
            raise RuntimeError(f"demo id {key}{first + n - 1} does not fit in {self.width[key]} digits")
        table = self.con.sql(
            f"select {self._fmt(key, 'range')} as id from range({int(first)}, {int(first + n)})"
        ).to_arrow_table()
        return table.column("id").combine_chunks()

    @staticmethod
    def _ref(ids: pa.Array, rows: np.ndarray, missing: np.ndarray | None = None) -> pa.Array:
        return pa.DictionaryArray.from_arrays(pa.array(rows.astype(np.int32), mask=missing), ids)

    def _row_ids(self, key: str, n: int) -> pa.Array:
        if self.offset[key] + n >= 10 ** self.width[key]:
            raise RuntimeError(f"demo ids {key} do not fit in {self.width[key]} digits")
        return pa.array(self.offset[key] + 1 + np.arange(n, dtype=np.int64))

    def _insert(self, table: str, frame: pa.Table, select: str) -> None:
        self.con.register("demo_chunk", frame)
        try:
            self.con.execute(f"insert into {table} select {select} from demo_chunk", [self.batch])
        finally:
            self.con.unregister("demo_chunk")
        self.counts[table] += frame.num_rows

    def write(self, c0: int, cust: dict, j: dict, ev: dict, con_: dict, sv: dict) -> None:
        clock, ref = self.clock, self._ref
        n_c, n_j = cust["segment"].size, j["t0"].size
        n_e, n_k, n_r = ev["jrow"].size, con_["row"].size, sv["row"].size
        cids = self._id_strings("c", c0 + 1, n_c)
        jids = self._id_strings("j", self.offset["j"] + 1, n_j)
        jc = j["cust"]
        self._insert(
            "raw_customers",
            pa.table(
                {
                    "c": cids,
                    "segment": _cat(cust["segment"], m.SEGMENTS),
                    "region": _cat(cust["region"], m.REGIONS),
                    "tier": _cat(cust["plus"].astype(np.int8), ("basic", "plus")),
                }
            ),
            "c, ?, segment, region, tier",
        )
        self._insert(
            "raw_journey_events",
            pa.table(
                {
                    "e": self._row_ids("e", n_e),
                    "c": ref(cids, jc[ev["jrow"]]),
                    "j": ref(jids, ev["jrow"]),
                    "activity": _cat(ev["act"], ACTIVITIES),
                    "occurred_at": _ts(ev["t"], clock),
                    "outcome": _cat(ev["failed"].astype(np.int8), ("ok", "failed")),
                    "promised_at": _ts(ev["promised"], clock),
                }
            ),
            # event ids look like a real system's (no order in them): ties in time are
            # ordered by source_row, the event's place in the export, as for loaded files
            "'E' || hash(e)::varchar, ?, c, j, activity, occurred_at, outcome, promised_at, e",
        )
        self._insert(
            "raw_contacts",
            pa.table(
                {
                    "k": self._row_ids("k", n_k),
                    "c": ref(cids, jc[con_["row"]]),
                    "j": ref(jids, con_["row"], ~con_["journey_known"]),
                    "opened_at": _ts(con_["opened"], clock),
                    "closed_at": _ts(con_["closed"], clock),
                    "channel": _cat(con_["channel"], CONTACT_CHANNELS),
                    "reason": _cat(con_["reason"], REASONS),
                    "handling_team": _cat(con_["team"], TEAMS),
                    "transfers": pa.array(con_["transfers"].astype(np.int32)),
                    "resolved": pa.array(con_["resolved"]),
                    "escalated_to": _cat(con_["escalated_to"], FUNCTIONS),
                    "asked": _ts(con_["asked"], clock),
                    "answered": _ts(con_["answered"], clock),
                    "note": _cat(con_["note"], self.notes),
                }
            ),
            f"{self._fmt('k', 'k')}, ?, c, j, opened_at, closed_at, channel, reason, "
            "handling_team, transfers, resolved, escalated_to, asked, answered, note",
        )
        survey = sv["survey"]
        self._insert(
            "raw_survey_responses",
            pa.table(
                {
                    "r": self._row_ids("r", n_r),
                    "survey": _cat(survey, [s[0] for s in SURVEYS]),
                    "metric": _cat(survey, [s[1] for s in SURVEYS]),
                    "score": pa.array(sv["score"].astype(np.float64)),
                    "scale_min": pa.array(np.array([s[2] for s in SURVEYS], np.int32)[survey]),
                    "scale_max": pa.array(np.array([s[3] for s in SURVEYS], np.int32)[survey]),
                    "c": ref(cids, jc[sv["row"]]),
                    "j": ref(jids, sv["row"], ~sv["journey_known"]),
                    "touchpoint": _cat(survey, [s[4] for s in SURVEYS]),
                    "channel": _cat(sv["channel"], RESPONSE_CHANNELS),
                    "responded_at": _ts(sv["t"], clock),
                    "comment": pc.take(self.texts, pa.array(sv["comment"], mask=sv["comment"] < 0)),
                    "language": _cat(sv["lang_en"].astype(np.int8), text.LANGUAGES),
                }
            ),
            f"{self._fmt('r', 'r')}, ?, survey, metric, score, scale_min, scale_max, c, j, "
            "touchpoint, channel, responded_at, comment, null, language",
        )
        for key, n in (("j", n_j), ("e", n_e), ("k", n_k), ("r", n_r)):
            self.offset[key] += n


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
            writer = _Writer(con, batch_id, n_customers, clock, tables[0])
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
