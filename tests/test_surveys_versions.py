"""Rollback restores superseded versions: given batches of rows -> expected current rows and history."""

from __future__ import annotations

import csv
import random
from pathlib import Path

import duckdb
import pytest

from core.access import PermissionDeniedError
from core.batch_changes import last_changes
from core.batch_restore import RestoreRefusedError, RestoreResult, restore
from core.batch_rollback import RollbackResult, rollback, rollback_batch
from core.db import connect
from surveys import importer
from surveys.importer import import_file
from tests.actors import EDITOR, VIEWER


class Batches:
    """Import small NPS files named B1, B2, ... and read the state back with those names."""

    def __init__(self, con: duckdb.DuckDBPyConnection, folder: Path) -> None:
        self.con, self.folder, self.ids, self.step = con, folder, {}, 0

    def load(self, name: str, scores: dict[str, int]) -> str:
        self.step += 1
        path = self.folder / f"{name}-{self.step}.csv"
        with path.open("w", encoding="utf-8", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(["Response ID", "Date", "NPS"])
            w.writerows([[rid, f"2024-01-01 00:{self.step:02d}:00", s] for rid, s in scores.items()])
        result = import_file(self.con, path, actor=EDITOR)
        assert result.status == "imported", result.report_csv()
        self.ids[name] = result.batch_id
        return result.batch_id

    def name(self, batch_id: str) -> str:
        return {v: k for k, v in self.ids.items()}[batch_id]

    def rollback(self, name: str) -> RollbackResult:
        return rollback(self.con, self.ids[name], actor=EDITOR)

    def current(self) -> dict[str, tuple[str, float]]:
        rows = self.con.execute("select response_id, batch_id, score from raw_survey_responses").fetchall()
        return {r: (self.name(b), s) for r, b, s in rows}

    def history(self) -> set[tuple[str, str, float, str]]:
        rows = self.con.execute(
            "select response_id, batch_id, score, superseded_by from raw_survey_response_versions"
        ).fetchall()
        return {(r, self.name(b), s, self.name(by)) for r, b, s, by in rows}


@pytest.fixture()
def db(tmp_path: Path) -> Batches:
    con = connect(tmp_path / "cx.duckdb")
    yield Batches(con, tmp_path)
    con.close()


def test_upsert_keeps_the_replaced_version(db) -> None:
    db.load("B1", {"r1": 1, "r2": 2})
    db.load("B2", {"r1": 5, "r3": 3})
    assert db.current() == {"r1": ("B2", 5.0), "r2": ("B1", 2.0), "r3": ("B2", 3.0)}
    assert db.history() == {("r1", "B1", 1.0, "B2")}


def test_rollback_restores_the_earlier_version(db) -> None:
    db.load("B1", {"r1": 1, "r2": 2})
    db.load("B2", {"r1": 5, "r3": 3})
    done = db.rollback("B2")
    assert (done.restored, done.removed, done.superseded) == (1, 1, 0)
    assert db.current() == {"r1": ("B1", 1.0), "r2": ("B1", 2.0)}
    assert db.history() == set()


def test_rolling_back_an_older_batch_keeps_the_newer_rows(db) -> None:
    db.load("B1", {"r1": 1, "r2": 2})
    db.load("B2", {"r1": 5})
    done = db.rollback("B1")
    assert (done.restored, done.removed, done.superseded) == (0, 1, 1)
    assert db.current() == {"r1": ("B2", 5.0)}
    assert db.history() == set()
    assert db.rollback("B2").removed == 1  # B1's version is gone for good: nothing comes back
    assert db.current() == {}


def test_three_versions_newest_then_middle(db) -> None:
    for n, score in (("B1", 1), ("B2", 2), ("B3", 3)):
        db.load(n, {"r1": score})
    assert db.history() == {("r1", "B1", 1.0, "B2"), ("r1", "B2", 2.0, "B3")}
    db.rollback("B3")
    assert db.current() == {"r1": ("B2", 2.0)} and db.history() == {("r1", "B1", 1.0, "B2")}
    db.rollback("B2")
    assert db.current() == {"r1": ("B1", 1.0)} and db.history() == set()


def test_three_versions_middle_rolled_back_first(db) -> None:
    for n, score in (("B1", 1), ("B2", 2), ("B3", 3)):
        db.load(n, {"r1": score})
    db.rollback("B2")
    assert db.current() == {"r1": ("B3", 3.0)} and db.history() == {("r1", "B1", 1.0, "B3")}
    db.rollback("B3")  # restores B1's version: B2 was rolled back meanwhile
    assert db.current() == {"r1": ("B1", 1.0)}


def test_three_versions_oldest_rolled_back_first(db) -> None:
    for n, score in (("B1", 1), ("B2", 2), ("B3", 3)):
        db.load(n, {"r1": score})
    db.rollback("B1")
    assert db.current() == {"r1": ("B3", 3.0)} and db.history() == {("r1", "B2", 2.0, "B3")}
    db.rollback("B3")
    assert db.current() == {"r1": ("B2", 2.0)} and db.history() == set()


def test_rollback_twice_is_a_no_op_with_a_message(db) -> None:
    db.load("B1", {"r1": 1})
    db.load("B2", {"r1": 5})
    db.rollback("B2")
    state = (db.current(), db.history())
    again = db.rollback("B2")
    assert again.already_rolled_back and again.undone == 0
    assert again.message() == f"batch {db.ids['B2']} was already rolled back; nothing changed"
    assert rollback_batch(db.con, db.ids["B2"], actor=EDITOR) == 0
    assert (db.current(), db.history()) == state
    with pytest.raises(KeyError, match="no survey import batch"):
        rollback(db.con, "nope", actor=EDITOR, only="surveys")


def test_reimport_after_rollback_then_roll_back_the_original(db) -> None:
    db.load("B1", {"r1": 1})
    db.load("B2", {"r1": 5})
    db.rollback("B2")
    db.load("B4", {"r1": 5})
    assert db.history() == {("r1", "B1", 1.0, "B4")}
    db.rollback("B1")
    assert db.current() == {"r1": ("B4", 5.0)} and db.history() == set()


def test_stale_history_never_overwrites_another_batch_row(db) -> None:
    db.load("B1", {"r1": 1})
    db.load("B2", {"r1": 5, "r2": 6})
    # someone replaced r1 outside the importer (e.g. regenerated data): B2 no longer owns it
    db.con.execute("update raw_survey_responses set batch_id = ? where response_id = 'r1'", [db.ids["B1"]])
    db.rollback("B2")
    assert db.current() == {"r1": ("B1", 5.0)} and db.history() == set()


def test_failed_import_writes_neither_rows_nor_history(db, monkeypatch) -> None:
    db.load("B1", {"r1": 1})

    def boom(*args, **kwargs) -> int:
        raise RuntimeError("disk full")

    monkeypatch.setattr(importer.audit, "record", boom)  # fails inside the import's transaction
    with pytest.raises(RuntimeError):
        db.load("B2", {"r1": 5, "r2": 6})
    assert db.current() == {"r1": ("B1", 1.0)} and db.history() == set()
    assert db.con.execute("select count(*) from import_batches").fetchall() == [(1,)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_sequences_match_latest_active_batch(db, seed) -> None:
    """After any imports and rollbacks, each response shows the newest still-active batch's version."""
    rng = random.Random(seed)
    written: dict[str, dict[str, int]] = {}  # batch name -> rows it wrote
    active: list[str] = []  # in import order
    for step in range(24):
        if active and rng.random() < 0.35:
            name = rng.choice(active)
            db.rollback(name)
            active.remove(name)
        else:
            name = f"B{step}"
            rows = {f"r{i}": rng.randint(0, 10) for i in rng.sample(range(5), rng.randint(1, 4))}
            db.load(name, rows)
            written[name] = rows
            active.append(name)
        expected = {}
        for b in active:  # later batches overwrite earlier ones
            expected.update({r: (b, float(s)) for r, s in written[b].items()})
        assert db.current() == expected, (seed, step)
        older = {(r, b) for b in active for r in written[b]} - {(r, b) for r, (b, _) in expected.items()}
        assert {(r, b) for r, b, _, _ in db.history()} == older, (seed, step)


def test_history_table_created_when_missing(db) -> None:
    db.con.execute("drop table raw_survey_response_versions")  # a database from before versions
    db.load("B1", {"r1": 1})
    db.load("B2", {"r1": 5})
    db.rollback("B2")
    assert db.current() == {"r1": ("B1", 1.0)}


# --- restore: a rolled-back batch comes back exactly as it was --------------------------------------


def _tables(db: Batches) -> dict[str, list[tuple]]:
    """The data a rollback changes and a restore must put back: raw rows, versions, batch statuses."""
    out = {}
    for name in ("raw_survey_responses", "raw_survey_response_versions", "import_batches"):
        out[name] = sorted(db.con.execute(f"select * from {name}").fetchall(), key=repr)
    return out


def _restore(db: Batches, name: str) -> RestoreResult:
    return restore(db.con, db.ids[name], actor=EDITOR)


@pytest.mark.parametrize(
    ("loads", "target"),
    [
        ([("B1", {"r1": 1, "r2": 2})], "B1"),  # rows written first: they go and come back
        ([("B1", {"r1": 1, "r2": 2}), ("B2", {"r1": 5, "r3": 3})], "B2"),  # r1 replaced B1's
        ([("B1", {"r1": 1}), ("B2", {"r1": 2}), ("B3", {"r1": 3})], "B2"),  # middle, superseded by B3
        ([("B1", {"r1": 1}), ("B2", {"r1": 2}), ("B3", {"r1": 3})], "B1"),  # oldest
        ([("B1", {"r1": 1}), ("B2", {"r1": 2, "r2": 4}), ("B3", {"r1": 3})], "B2"),  # partly current
    ],
)
def test_rollback_then_restore_gives_the_tables_before_the_rollback(db, loads, target) -> None:
    for name, rows in loads:
        db.load(name, rows)
    before = _tables(db)
    db.rollback(target)
    assert _tables(db) != before
    done = _restore(db, target)
    assert _tables(db) == before
    assert done.restored == sum(1 for r, (b, _) in db.current().items() if b == target)
    assert db.con.execute("select count(*) from parked_raw_survey_responses").fetchall() == [(0,)]


def test_restore_brings_back_the_current_version_and_the_older_one_to_the_history(db) -> None:
    db.load("B1", {"r1": 1})
    db.load("B2", {"r1": 5})
    db.rollback("B2")
    assert db.current() == {"r1": ("B1", 1.0)} and db.history() == set()  # the older row is current
    done = _restore(db, "B2")
    assert (done.restored, done.versions) == (1, 1)
    assert db.current() == {"r1": ("B2", 5.0)} and db.history() == {("r1", "B1", 1.0, "B2")}
    assert done.message() == (
        f"restored {db.ids['B2']} (surveys): 1 responses current again, "
        "1 replaced versions back in the history"
    )


def test_restore_twice_is_refused_and_changes_nothing(db) -> None:
    db.load("B1", {"r1": 1})
    db.rollback("B1")
    _restore(db, "B1")
    state = _tables(db)
    with pytest.raises(RestoreRefusedError, match="is not rolled back; nothing to restore"):
        _restore(db, "B1")
    assert _tables(db) == state
    with pytest.raises(KeyError, match="no survey import batch"):
        restore(db.con, "nope", actor=EDITOR, only="surveys")


def test_restore_after_the_same_file_was_imported_again_is_refused(db, tmp_path) -> None:
    path = tmp_path / "same.csv"
    path.write_text("Response ID,Date,NPS\nr1,2024-01-01 10:00,9\n", encoding="utf-8")
    first = import_file(db.con, path, actor=EDITOR)
    rollback(db.con, first.batch_id, actor=EDITOR)
    again = import_file(db.con, path, actor=EDITOR)  # allowed: the first one is rolled back
    assert again.status == "imported"
    state = _tables(db)
    with pytest.raises(RestoreRefusedError, match=f"same file was imported again as batch {again.batch_id}"):
        restore(db.con, first.batch_id, actor=EDITOR)
    assert _tables(db) == state
    rollback(db.con, again.batch_id, actor=EDITOR)  # once the copy is rolled back, the first comes back
    restore(db.con, first.batch_id, actor=EDITOR)
    assert db.con.execute("select batch_id, score from raw_survey_responses").fetchall() == [
        (first.batch_id, 9.0)
    ]


def test_restore_refused_when_a_later_import_changed_the_rows(db) -> None:
    db.load("B1", {"r1": 1})
    db.load("B2", {"r1": 5})
    db.rollback("B2")
    db.load("B3", {"r1": 7})  # another file with the same response: B3 is now current
    state = _tables(db)
    with pytest.raises(RestoreRefusedError, match=f"1 of its rows have changed.*{db.ids['B3']}"):
        _restore(db, "B2")
    assert _tables(db) == state
    db.rollback("B3")
    _restore(db, "B2")
    assert db.current() == {"r1": ("B2", 5.0)} and db.history() == {("r1", "B1", 1.0, "B2")}


def test_restore_refused_when_the_later_batch_was_rolled_back_meanwhile(db) -> None:
    for n, score in (("B1", 1), ("B2", 2), ("B3", 3)):
        db.load(n, {"r1": score})
    db.rollback("B2")  # superseded by B3: B2's version leaves the history
    db.rollback("B3")  # B1 is current again
    with pytest.raises(RestoreRefusedError, match="changed since the rollback"):
        _restore(db, "B2")
    _restore(db, "B3")  # newest first: B3 back, then B2 fits in again
    _restore(db, "B2")
    assert db.current() == {"r1": ("B3", 3.0)}
    assert db.history() == {("r1", "B1", 1.0, "B2"), ("r1", "B2", 2.0, "B3")}


def test_restore_needs_the_import_permission(db) -> None:
    db.load("B1", {"r1": 1})
    db.rollback("B1")
    state = _tables(db)
    with pytest.raises(PermissionDeniedError):
        restore(db.con, db.ids["B1"], actor=VIEWER)
    assert _tables(db) == state


def test_a_batch_rolled_back_before_restore_existed_is_refused(db) -> None:
    db.load("B1", {"r1": 1})
    db.rollback("B1")
    db.con.execute("delete from parked_raw_survey_responses")  # what an older rollback kept: nothing
    with pytest.raises(RestoreRefusedError, match="none of its rows were kept"):
        _restore(db, "B1")


def test_restore_and_rollback_are_in_the_audit_log_and_the_batch_changes(db) -> None:
    db.load("B1", {"r1": 1})
    db.rollback("B1")
    _restore(db, "B1")
    actions = db.con.execute(
        "select action, object_id, actor from audit_log where action in ('rollback', 'restore') order by seq"
    ).fetchall()
    assert actions == [("rollback", db.ids["B1"], EDITOR.name), ("restore", db.ids["B1"], EDITOR.name)]
    action, _, by = last_changes(db.con)[db.ids["B1"]]
    assert (action, by) == ("restore", EDITOR.name)


def test_random_imports_rollbacks_and_restores_match_latest_active_batch(tmp_path) -> None:
    totals = {"restored": 0, "refused": 0}
    for seed in (1, 2, 3, 4):
        con = connect(tmp_path / f"seed{seed}.duckdb")
        try:
            for k, v in _random_run(Batches(con, tmp_path), seed).items():
                totals[k] += v
        finally:
            con.close()
    assert totals["restored"] >= 3 and totals["refused"] >= 3, totals  # both paths were taken


def _random_run(db: Batches, seed: int) -> dict[str, int]:
    """Any mix of imports, rollbacks and restores (a refused restore changes nothing): each
    response shows the newest still-active batch's version and the history holds the older ones."""
    rng = random.Random(seed)
    written: dict[str, dict[str, int]] = {}
    order: list[str] = []  # import order
    active: set[str] = set()
    outcomes = {"restored": 0, "refused": 0}
    for step in range(30):
        roll = rng.random()
        rolled = [b for b in order if b not in active]
        if active and roll < 0.3:
            name = rng.choice(sorted(active))
            db.rollback(name)
            active.discard(name)
        elif rolled and roll < 0.55:
            name = rng.choice(rolled)
            state = _tables(db)
            try:
                _restore(db, name)
            except RestoreRefusedError:
                assert _tables(db) == state, (seed, step)
                outcomes["refused"] += 1
                continue
            active.add(name)
            outcomes["restored"] += 1
        else:
            name = f"S{seed}B{step}"
            rows = {f"r{i}": rng.randint(0, 10) for i in rng.sample(range(5), rng.randint(1, 4))}
            db.load(name, rows)
            written[name] = rows
            order.append(name)
            active.add(name)
        expected = {}
        for b in order:
            if b in active:
                expected.update({r: (b, float(s)) for r, s in written[b].items()})
        assert db.current() == expected, (seed, step)
        older = {(r, b) for b in active for r in written[b]} - {(r, b) for r, (b, _) in expected.items()}
        assert {(r, b) for r, b, _, _ in db.history()} == older, (seed, step)
    return outcomes
