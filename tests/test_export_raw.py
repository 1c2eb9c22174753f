"""export-raw: the tables the models read, as Parquet (raw tables by UTC month), read back by DuckDB."""

from __future__ import annotations

import argparse
import shutil
from pathlib import Path

import duckdb
import pytest

from core.load_kinds import RAW_TABLES
from pipelines.export_raw import (
    MANIFEST,
    PARTITION_COLUMNS,
    ExportError,
    export_raw,
    export_table,
    run,
    sql_string,
)


def _read(path: Path) -> str:
    return f"read_parquet({sql_string(str(path / '**' / '*.parquet'))}, hive_partitioning = true)"


def private_copy(demo_db: Path, folder: Path) -> Path:
    """The demo database copied: export opens it read-only, which DuckDB refuses for a file this
    process already holds open read-write (other tests' app connections)."""
    path = folder / "cx.duckdb"
    shutil.copy(demo_db, path)
    return path


@pytest.fixture(scope="module")
def exported(demo_db, tmp_path_factory):
    """The demo database exported to a folder whose name needs quoting in SQL."""
    folder = tmp_path_factory.mktemp("export")
    demo_db = private_copy(demo_db, folder)
    target = folder / 'it\'s a "raw" folder; drop table x'
    con = duckdb.connect(str(demo_db), read_only=True)
    try:
        tables = export_raw(con, target)
    finally:
        con.close()
    return demo_db, target, tables


def test_every_table_the_models_read_is_written_with_its_rows(exported):
    db, target, tables = exported
    names = [t.name for t in tables]
    assert set(RAW_TABLES) <= set(names)
    assert {"text_lemmas", "ref_t975", "map_stages", "map_settings"} <= set(names)
    assert (target / MANIFEST).exists()
    con = duckdb.connect(str(db), read_only=True)
    try:
        for t in tables:
            source_rows = con.execute(f"select count(*) from {t.name}").fetchall()[0][0]
            assert t.rows == source_rows
            assert (
                con.execute(f"select count(*) from {_read(target / t.name)}").fetchall()[0][0] == source_rows
            )
    finally:
        con.close()


def test_raw_tables_are_partitioned_by_the_utc_month_of_their_time_column(exported):
    _, target, _ = exported
    con = duckdb.connect()
    for table, column in PARTITION_COLUMNS.items():
        folders = [p.name for p in (target / table).iterdir()]
        if column is None:
            assert folders == ["part_0.parquet"]
            continue
        assert folders and all(f.startswith("period_month=") for f in folders)
        wrong = con.execute(
            f"select count(*) from {_read(target / table)} "
            f"where date_trunc('month', {column})::date <> period_month::date"
        ).fetchall()[0][0]
        assert wrong == 0, table


def test_values_and_types_are_the_databases(exported):
    db, target, _ = exported
    con = duckdb.connect(str(db), read_only=True)
    try:
        for table in RAW_TABLES:
            source = con.execute(f"select column_name, column_type from (describe {table})").fetchall()
            back = con.execute(
                f"select column_name, column_type from (describe select * exclude (period_month) "
                f"from {_read(target / table)})"
                if PARTITION_COLUMNS[table]
                else f"select column_name, column_type from (describe select * from {_read(target / table)})"
            ).fetchall()
            assert back == source, table
            cols = ", ".join(name for name, _ in source)
            pq = _read(target / table)
            differing = con.execute(
                f"select count(*) from ((select {cols} from {table} except all select {cols} from {pq}) "
                f"union all (select {cols} from {pq} except all select {cols} from {table}))"
            ).fetchall()[0][0]
            assert differing == 0, table
    finally:
        con.close()


def test_an_existing_export_is_refused_unless_replaced(exported):
    db, target, _ = exported
    con = duckdb.connect(str(db), read_only=True)
    try:
        with pytest.raises(ExportError, match="--replace"):
            export_raw(con, target)
        again = export_raw(con, target, replace=True)
    finally:
        con.close()
    assert [t.rows for t in again] == [t.rows for t in exported[2]]


def test_a_zoned_timestamp_is_written_as_naive_utc(tmp_path):
    con = duckdb.connect()
    con.execute("set timezone = 'Europe/Helsinki'")
    con.execute(
        "create table raw_x as select 'a' as id, timestamptz '2026-01-31 23:30:00+00' as seen_at "
        "union all select 'b', timestamptz '2026-03-29 01:30:00+00'"
    )
    export_table(con, "raw_x", tmp_path / "raw_x", "seen_at")
    back = _read(tmp_path / "raw_x")
    rows = con.execute(
        f"select id, seen_at, typeof(seen_at), period_month::date from {back} order by id"
    ).fetchall()
    assert [(r[0], str(r[1]), r[2], str(r[3])) for r in rows] == [
        ("a", "2026-01-31 23:30:00", "TIMESTAMP", "2026-01-01"),  # UTC month, not Helsinki's February
        ("b", "2026-03-29 01:30:00", "TIMESTAMP", "2026-03-01"),
    ]


def test_a_database_without_models_is_refused_with_a_message(tmp_path):
    from core.db import connect

    con = connect(tmp_path / "empty.duckdb")
    try:
        with pytest.raises(ExportError, match="refresh"):
            export_raw(con, tmp_path / "out")
    finally:
        con.close()
    assert not (tmp_path / "out").exists()


def test_sql_string_doubles_quotes():
    assert sql_string("a'b") == "'a''b'"
    with pytest.raises(ExportError):
        sql_string("a\x00b")


def test_the_command_prints_one_line_per_table(demo_db, tmp_path, capsys):
    demo_db = private_copy(demo_db, tmp_path)
    assert run(argparse.Namespace(to=tmp_path / "raw", replace=False), demo_db) == 0
    out = capsys.readouterr().out
    assert "raw_journey_events: " in out and "by month of occurred_at" in out
    with pytest.raises(ExportError, match="does not exist"):
        run(argparse.Namespace(to=tmp_path / "raw2", replace=False), tmp_path / "missing.duckdb")
