"""A model file that is removed takes its table with it at the next full refresh; other tables stay."""

from __future__ import annotations

import json

from core.db import connect
from pipelines.runner import refresh
from tests import pipeline_scenario


def test_full_refresh_drops_tables_of_removed_models_only(tmp_path):
    con = connect(tmp_path / "r.duckdb")
    pipeline_scenario.load(con)
    refresh(con)
    names = json.loads(
        con.execute("select value from refresh_state where key = 'model_names'").fetchall()[0][0]
    )
    assert "int_journey_stages" in names and "mart_friction" in names
    # an earlier version of the models had int_gone; a table from before names were recorded;
    # and a table someone made by hand
    con.execute(
        "update refresh_state set value = ? where key = 'model_names'", [json.dumps(names + ["int_gone"])]
    )
    for table in ("int_gone", "int_response_owner_exposure", "my_notes"):
        con.execute(f"create table {table} as select 1 as x")
    refresh(con)
    tables = {r[0] for r in con.execute("select table_name from information_schema.tables").fetchall()}
    assert "int_gone" not in tables and "int_response_owner_exposure" not in tables
    assert {"my_notes", "int_journey_stages", "mart_friction"} <= tables
    con.close()
