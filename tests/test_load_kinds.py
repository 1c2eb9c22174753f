"""The load kinds, raw tables and version tables are named in several modules: they must agree with
each other and with the schema files (a new kind added in one place only fails here)."""
from __future__ import annotations

from core.db import RAW_TABLES, SCHEMA_DIR, SURVEY_TABLE, connect, table_exists, versions_table
from pipelines.loaders.archive import VERSION_TABLES, ensure_archive
from pipelines.loaders.cli import BATCH_KINDS
from pipelines.loaders.targets import KINDS


def test_the_raw_tables_are_the_survey_table_and_one_per_load_kind():
    assert set(RAW_TABLES) == {SURVEY_TABLE} | {kind.table for kind in KINDS.values()}
    assert len(RAW_TABLES) == len(set(RAW_TABLES))
    assert {f"{table}.sql" for table in RAW_TABLES} <= {p.name for p in SCHEMA_DIR.glob("*.sql")}


def test_every_batch_kind_can_be_listed_and_every_load_kind_has_a_version_table(tmp_path):
    assert set(BATCH_KINDS) == {"surveys", "demo", *KINDS}
    assert set(VERSION_TABLES) == set(KINDS)
    assert (SCHEMA_DIR / f"{versions_table(SURVEY_TABLE)}.sql").is_file()
    con = connect(tmp_path / "cx.duckdb")
    try:
        for kind in KINDS.values():
            ensure_archive(con, kind)
            assert table_exists(con, VERSION_TABLES[kind.name])
        assert table_exists(con, versions_table(SURVEY_TABLE))
    finally:
        con.close()
