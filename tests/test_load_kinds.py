"""One registry of load kinds (core/load_kinds.py): the schema, the loaders, the CLI, the refresh
and the demo read it. A kind added to the registry without its raw table, its loader targets or its
versions table fails here."""

from __future__ import annotations

from core.db import RAW_TABLES, SCHEMA_DIR, SURVEY_TABLE, connect, table_exists
from core.load_kinds import BATCH_KINDS, DEMO, LOAD_KINDS, SURVEYS, SYSTEMS_KINDS
from pipelines import incremental_rebuild as incremental
from pipelines.loaders.cli import add_parsers
from pipelines.loaders.targets import KINDS


def test_the_raw_tables_are_the_survey_table_and_one_per_load_kind():
    assert set(RAW_TABLES) == {SURVEY_TABLE} | {kind.table for kind in KINDS.values()}
    assert len(RAW_TABLES) == len(set(RAW_TABLES))
    assert {f"{table}.sql" for table in RAW_TABLES} <= {p.name for p in SCHEMA_DIR.glob("*.sql")}
    # the versions tables are derived from the raw tables, never written out again
    assert not any(
        p.stem.endswith("_versions") and p.stem.startswith("raw_") for p in SCHEMA_DIR.glob("*.sql")
    )


def test_every_systems_kind_has_targets_in_the_registry_order():
    assert list(KINDS) == list(SYSTEMS_KINDS) == [k for k in LOAD_KINDS if k != SURVEYS]
    for name, kind in KINDS.items():
        assert (kind.table, kind.key) == (LOAD_KINDS[name].table, LOAD_KINDS[name].key)
        assert kind.key in kind.names


def test_the_cli_and_the_refresh_read_the_registry():
    import argparse

    sub = argparse.ArgumentParser().add_subparsers(dest="command")
    add_parsers(sub)
    kind_choices = {a.dest: a.choices for a in sub.choices["batches"]._actions}["kind"]
    assert tuple(kind_choices) == BATCH_KINDS == (*LOAD_KINDS, DEMO)
    load_choices = {a.dest: a.choices for a in sub.choices["load"]._actions}["kind"]
    assert list(load_choices) == list(SYSTEMS_KINDS)
    assert set(incremental.RAW_WITH_CUSTOMERS) == set(RAW_TABLES)


def test_every_kind_has_a_versions_table_like_its_raw_table(tmp_path):
    con = connect(tmp_path / "cx.duckdb")
    try:
        for kind in LOAD_KINDS.values():
            assert table_exists(con, kind.versions)
            raw = con.execute(f"describe {kind.table}").fetchall()
            versions = con.execute(f"describe {kind.versions}").fetchall()
            assert [(c[0], c[1]) for c in versions] == [(c[0], c[1]) for c in raw] + [
                ("superseded_by", "VARCHAR"),
                ("superseded_at", "TIMESTAMP"),
            ]
        # the survey versions keep the shape they always had: keyed by (response_id, batch_id)
        keys = con.execute(
            "select constraint_column_names from duckdb_constraints() where "
            "table_name = 'raw_survey_response_versions' and "
            "constraint_type = 'PRIMARY KEY'"
        ).fetchall()
        assert keys == [(["response_id", "batch_id"],)]
    finally:
        con.close()
