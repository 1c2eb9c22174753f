"""The write floor of the benchmark (bench/write_floor.py) copies exactly the rows the models store
and leaves the database as it was."""

from __future__ import annotations

import shutil

from bench.baselines import model_closure
from bench.write_floor import copy_tables_and_rollback
from core.db import connect
from pipelines.runner import discover_models


def _tables(con) -> dict[str, int]:
    listed = con.execute("select table_name from duckdb_tables() where not temporary").fetchall()
    names = [name for (name,) in listed]
    return {name: con.execute(f"select count(*) from {name}").fetchall()[0][0] for name in names}


def test_the_copy_writes_every_stored_row_of_the_models_and_is_rolled_back(demo_db, tmp_path):
    db = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, db)
    con = connect(db)
    try:
        before = _tables(con)
        for models in (model_closure(["mart_friction"]), discover_models()):
            stored = {m.name: before[m.name] for m in models if m.materialized == "table"}
            assert stored and len(stored) < len(models)  # int_journey_outcomes, the staging views are views
            copied = copy_tables_and_rollback(con, models)
            assert (copied.tables, copied.rows) == (len(stored), sum(stored.values()))
            assert copied.rows > 10_000 and copied.seconds > 0
        assert _tables(con) == before  # no _write_floor_ table left, no model table touched
    finally:
        con.close()
