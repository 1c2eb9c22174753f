"""The demo company's arrays into the raw tables: the company's clock (LocalClock) and the writer
that turns one generated chunk's numpy arrays into Arrow columns and inserts them (ChunkWriter).
pipelines/demo.py generates the chunks and calls it."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
import pyarrow.compute as pc

from core.load_kinds import RAW_TABLES
from pipelines import demo_model as m
from pipelines import demo_text as text
from pipelines.demo_contacts import CHANNELS as CONTACT_CHANNELS
from pipelines.demo_contacts import FUNCTIONS, REASONS, TEAMS
from pipelines.demo_journeys import ACTIVITIES
from pipelines.demo_notes import note_texts
from pipelines.demo_surveys import CHANNELS as RESPONSE_CHANNELS
from pipelines.demo_surveys import SURVEYS

COMPANY_TIMEZONE = "Europe/Helsinki"  # the demo company's wall clock (journey map settings.timezone)


class LocalClock:
    """The demo period on the company's clock. The generator counts real elapsed seconds from
    the period's start (local midnight), so its times map to UTC one to one - a naive local
    timeline would have an hour that does not exist in spring and one that repeats in autumn."""

    def __init__(self, start: dt.date, end: dt.date, zone: str = COMPANY_TIMEZONE):

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


class ChunkWriter:
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
