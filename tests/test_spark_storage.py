"""The Spark refresh on URIs (issue 17): --raw and --marts as file:// URIs on a tiny export and
models folder, the driver's file operations through Hadoop's FileSystem API (pipelines/spark/
storage.py), one clear line and exit 2 for a scheme Hadoop has no FileSystem for or a broken
manifest; and the places that still need a local folder: export-raw's --to, the dashboard's
CX_MARTS / CX_RAW, and the comparison's read_parquet of a folder named like a glob.

The Spark tests share one local[2] session (the commands' own session() is replaced by it, and
their spark.stop() is ignored); the others need no pyspark.
"""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from core.locations import local_path, scheme
from core.sql_paths import folder_files_sql
from dashboard import marts_source
from dashboard.strings import STRINGS
from pipelines.export_raw import ExportError, export_raw
from pipelines.model_files import discover_models
from pipelines.spark.compare import compare_marts
from pipelines.spark.storage import location, no_filesystem_message, read_pattern
from tests import app_pages

STAGING = """-- grain: one row per event
-- key: event_id
select event_id, customer_id, amount, occurred_at from raw_events
"""
MART = """-- grain: one row per customer
-- key: customer_id
select customer_id, cast(sum(amount) as bigint) as amount, count(*) as events
from stg_events group by customer_id
"""
BROKEN = """-- grain: one row per customer
-- key: customer_id
select customer_id, no_such_column from stg_events
"""
EVENTS = [
    (1, "a", 10, "2026-01-05 10:00:00"),
    (2, "a", 5, "2026-02-01 08:00:00"),
    (3, "b", 7, "2026-02-03 09:30:00"),
]


# --- without Spark ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected_scheme", "local"),
    [
        ("s3a://bucket/cx/raw", "s3a", None),
        ("abfss://cx@account.dfs.core.windows.net/raw", "abfss", None),
        ("hdfs://namenode:8020/cx/raw", "hdfs", None),
        ("gs://bucket/raw", "gs", None),
        ("file:///tmp/cx/raw", "file", "/tmp/cx/raw"),
        ("file:/tmp/cx/raw", "file", "/tmp/cx/raw"),
        ("file://localhost/tmp/x", "file", "/tmp/x"),
        ("file://otherhost/tmp/x", "file", None),
        ("/data/cx/raw", None, "/data/cx/raw"),
        ("data/a:b/raw", None, "data/a:b/raw"),
        ("C:/data/raw", None, "C:/data/raw"),
    ],
)
def test_a_uri_is_told_from_a_plain_path(value, expected_scheme, local):
    assert scheme(value) == expected_scheme
    assert local_path(value) == (Path(local) if local else None)


def test_a_plain_path_is_given_to_spark_as_its_absolute_file_uri(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert location("raw x") == f"file://{tmp_path}/raw x"
    assert location(Path("/data/cx/raw")) == "file:///data/cx/raw"
    assert location("s3a://bucket/cx/raw") == "s3a://bucket/cx/raw"


def test_spark_reads_a_path_with_glob_characters_literally():
    assert read_pattern("file:///tmp/run [1]/m*?") == "file:///tmp/run \\[1\\]/m\\*\\?"
    assert read_pattern("hdfs://[::1]:8020/cx/{a}") == "hdfs://[::1]:8020/cx/\\{a\\}"  # not the host
    assert read_pattern("s3a://bucket/cx/raw") == "s3a://bucket/cx/raw"


def test_the_missing_connector_is_named_with_this_hadoop_version():
    s3a = no_filesystem_message("s3a", "Class org.apache.hadoop.fs.s3a.S3AFileSystem not found", "3.5.0")
    assert "--spark-conf spark.jars.packages=org.apache.hadoop:hadoop-aws:3.5.0" in s3a
    assert "org.apache.hadoop:hadoop-azure:3.5.0" in no_filesystem_message("abfss", "x", "3.5.0")
    assert 'scheme "nosuch"' in no_filesystem_message("nosuch", "x", "3.5.0")


def test_the_comparison_reads_the_folder_named_not_the_one_its_name_matches(tmp_path):
    """Spark's marts in 'm[1]' next to 'm1': read_parquet must not take 'm[1]/x' as the glob m1/x."""
    [model] = [m for m in discover_models(tiny_models(tmp_path / "models")) if m.layer == "marts"]
    db = tmp_path / "duck.duckdb"
    con = duckdb.connect(str(db))
    try:
        con.execute(
            "create table mart_customer_totals as "
            "select * from (values ('a', 15::bigint, 2::bigint), ('b', 7, 1)) t(customer_id, amount, events)"
        )
        for folder, factor in (("m[1]", 1), ("m1", 100)):  # m1 holds other numbers
            (tmp_path / folder / model.name).mkdir(parents=True)
            target = str(tmp_path / folder / model.name / "part-0.parquet").replace("'", "''")
            con.execute(
                f"copy (select customer_id, amount * {factor} as amount, events from mart_customer_totals) "
                f"to '{target}' (format parquet)"
            )
    finally:
        con.close()
    assert folder_files_sql(tmp_path / "m[1]" / "x") == f"'{tmp_path}/m[[]1]/x/*.parquet'"
    [same] = compare_marts(db, tmp_path / "m[1]", [model])
    assert (same.status, same.detail) == ("equal", "")
    [other] = compare_marts(db, tmp_path / "m1", [model])
    assert other.status == "differs"


def test_export_raw_refuses_a_uri(tmp_path, capsys):
    from pipelines.cli import main

    with pytest.raises(ExportError, match=r"not a s3a: URI \(s3a://bucket/cx/raw\).*aws s3 sync"):
        export_raw(duckdb.connect(), "s3a://bucket/cx/raw")
    code = main(
        ["export-raw", "--to", "abfss://cx@acct.dfs.core.windows.net/raw", "--db", str(tmp_path / "x.db")]
    )
    err = capsys.readouterr().err
    assert code == 2 and err.startswith(
        "error: export-raw writes a local or mounted folder, not a abfss: URI"
    )
    assert "Traceback" not in err and not (tmp_path / "x.db").exists()


def test_cx_marts_naming_a_uri_says_so(monkeypatch):
    monkeypatch.setenv("CX_MARTS", "s3a://bucket/cx/marts")
    found = marts_source.inspect(marts_source.folder())
    assert not found.usable
    assert (found.problem.key, found.problem.values) == ("marts_uri", {"folder": "marts", "scheme": "s3a"})
    fi = STRINGS["marts_uri"]["fi"].format(**found.problem.values)
    assert fi.startswith("`CX_MARTS` osoittaa s3a://-sijaintiin (”marts”)")


def test_cx_marts_as_a_file_uri_is_the_local_folder(monkeypatch, tmp_path):
    monkeypatch.setenv("CX_MARTS", f"file://{tmp_path}/marts")
    assert marts_source.folder() == tmp_path / "marts"
    assert marts_source.inspect(marts_source.folder()).problem.key == "marts_folder_missing"


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_pages_say_cx_marts_must_be_a_local_folder(lang, tmp_path, monkeypatch):
    monkeypatch.setenv("CX_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("CX_MARTS", "gs://bucket/cx/marts")
    monkeypatch.delenv("CX_RAW", raising=False)
    at = app_pages.open_page("overview", {"lang": lang})
    expected = STRINGS["marts_uri"][lang].format(scheme="gs", folder="marts")
    assert [e.value for e in at.main.get("error")] == [expected]


def test_cx_raw_naming_a_uri_is_said_in_the_note(monkeypatch, tmp_path):
    """A usable marts folder whose map_* tables are nowhere local: the note names CX_RAW's URI."""
    marts = tmp_path / "marts"
    (marts / "mart_x").mkdir(parents=True)
    con = duckdb.connect()
    try:
        con.execute(f"copy (select 1 as a) to '{marts / 'mart_x' / 'part-0.parquet'}' (format parquet)")
    finally:
        con.close()
    (marts / "_refresh.json").write_text(json.dumps({"models": ["mart_x"], "raw": "s3a://b/raw"}))
    monkeypatch.setattr(marts_source, "expected_columns", lambda: {"mart_x": ("a",)})
    monkeypatch.setenv("CX_RAW", "hdfs://namenode/cx/raw")
    found = marts_source.inspect(marts)
    assert found.usable and found.maps_from == "db"
    assert [(n.key, n.values) for n in found.notes] == [("marts_raw_uri", {"scheme": "hdfs"})]
    monkeypatch.delenv("CX_RAW")
    assert [n.key for n in marts_source.inspect(marts).notes] == ["marts_maps_from_db"]


# --- on Spark ----------------------------------------------------------------------------------


def tiny_models(folder: Path, broken: bool = False) -> Path:
    """A models folder of one staging model over raw_events and one mart (and a mart that fails)."""
    for layer in ("staging", "intermediate", "marts"):
        (folder / layer).mkdir(parents=True, exist_ok=True)
    (folder / "macros.sql").write_text("", encoding="utf-8")
    (folder / "staging" / "stg_events.sql").write_text(STAGING, encoding="utf-8")
    (folder / "marts" / "mart_customer_totals.sql").write_text(MART, encoding="utf-8")
    if broken:
        (folder / "marts" / "mart_broken.sql").write_text(BROKEN, encoding="utf-8")
    return folder


def tiny_export(raw: Path) -> Path:
    """raw_events partitioned by month as export-raw writes it, map_settings, and the manifest."""
    raw.mkdir(parents=True)
    con = duckdb.connect()
    try:
        rows = ", ".join(f"({i}, '{c}', {a}, timestamp '{t}')" for i, c, a, t in EVENTS)
        con.execute(
            f"create table raw_events as select * from (values {rows}) "
            "t(event_id, customer_id, amount, occurred_at)"
        )
        target = str(raw / "raw_events").replace("'", "''")
        con.execute(
            "copy (select *, date_trunc('month', occurred_at)::date as period_month from raw_events) "
            f"to '{target}' (format parquet, partition_by (period_month))"
        )
        (raw / "map_settings").mkdir()
        target = str(raw / "map_settings" / "part_0.parquet").replace("'", "''")
        con.execute(f"copy (select 'timezone' as key, 'UTC' as text) to '{target}' (format parquet)")
    finally:
        con.close()
    manifest = {"tables": {"raw_events": {"rows": 3}, "map_settings": {"rows": 1}}}
    (raw / "_export.json").write_text(json.dumps(manifest), encoding="utf-8")
    return raw


class KeptSession:
    """The module's session, handed to the commands: their spark.stop() leaves it running."""

    def __init__(self, spark) -> None:
        self._spark = spark

    def stop(self) -> None:
        pass

    def __getattr__(self, name: str):
        return getattr(self._spark, name)


@pytest.fixture(scope="module")
def spark():
    pytest.importorskip(
        "pyspark", reason="pyspark is not installed (pip install pyspark; Java 17 needed too)"
    )
    from pipelines.spark.engine import session

    s = session("local[2]", "cx-storage", {"spark.sql.shuffle.partitions": "2"})
    yield s
    s.stop()


@pytest.fixture()
def commands(spark, monkeypatch):
    """The commands run on the module's session, with none of another test's views."""
    from pipelines.spark import engine

    for table in spark.catalog.listTables():
        if table.isTemporary:
            spark.catalog.dropTempView(table.name)
    monkeypatch.setattr(engine, "session", lambda *args, **kwargs: KeptSession(spark))


@pytest.fixture()
def work(tmp_path) -> Path:
    """A folder whose name has a space and glob characters: Spark's readers must not glob it."""
    folder = tmp_path / "run [1]"
    folder.mkdir()
    return folder


def spark_refresh(raw: str, marts: str, models: Path) -> int:
    from pipelines.spark.cli import main

    return main(["--raw", raw, "--marts", marts, "--models", str(models), "--spark-master", "local[2]"])


def read_mart(folder: Path) -> list[tuple]:
    con = duckdb.connect()
    try:
        return con.execute(f"select * from read_parquet({folder_files_sql(folder)}) order by 1").fetchall()
    finally:
        con.close()


def test_the_refresh_reads_and_writes_file_uris(commands, work, capsys):
    raw = tiny_export(work / "raw")
    models = tiny_models(work / "models")
    marts = work / "marts"
    assert spark_refresh(f"file://{raw}", f"file://{marts}", models) == 0
    out = capsys.readouterr().out
    assert "marts/mart_customer_totals: " in out and "2 of 2 models" in out
    assert read_mart(marts / "mart_customer_totals") == [("a", 15, 2), ("b", 7, 1)]
    done = json.loads((marts / "_refresh.json").read_text(encoding="utf-8"))
    assert done["models"] == ["stg_events", "mart_customer_totals"] and done["raw"] == f"file://{raw}"
    assert not (marts / "._refresh.json.crc").exists()  # Hadoop's local file system wrote none beside it


def test_a_plain_path_still_works_and_a_failing_model_leaves_no_refresh_json(commands, work, capsys):
    raw = tiny_export(work / "raw")
    marts = work / "marts"
    assert spark_refresh(str(raw), str(marts), tiny_models(work / "models")) == 0
    assert (marts / "_refresh.json").is_file()
    assert spark_refresh(str(raw), str(marts), tiny_models(work / "broken", broken=True)) == 2
    out = capsys.readouterr().out
    assert "failed: mart_broken" in out
    assert not (marts / "_refresh.json").exists()  # removed first, not written: a model failed
    assert read_mart(marts / "mart_customer_totals") == [("a", 15, 2), ("b", 7, 1)]


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ("raw", 'no Hadoop FileSystem for scheme "nosuch"'),
        ("marts", "--spark-conf spark.jars.packages=org.apache.hadoop:hadoop-aws:3.5.0"),
    ],
)
def test_a_scheme_without_a_filesystem_is_one_line_and_exit_2(commands, work, capsys, where, expected):
    from pipelines.cli import main

    raw, marts = str(tiny_export(work / "raw")), str(work / "marts")
    if where == "raw":
        raw = "nosuch://somewhere/cx/raw"
    else:
        marts = "s3a://bucket/cx/marts"
    assert main(["refresh", "--engine", "spark", "--raw", raw, "--marts", marts]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: ") and expected in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1


def test_a_uri_without_an_export_is_refused_once_the_session_runs(commands, work, capsys, monkeypatch):
    from pipelines.spark import cli

    monkeypatch.setattr(cli, "local_path", lambda value: None)  # as for s3a://: no check before Spark
    (work / "raw").mkdir()
    assert spark_refresh(f"file://{work}/raw/", str(work / "marts"), tiny_models(work / "models")) == 2
    export = "run 'python -m pipelines export-raw' first"
    assert (
        capsys.readouterr().err == f"error: file://{work}/raw/ is not an export (no _export.json): {export}\n"
    )
    assert not (work / "marts").exists()  # refused before anything is written


def test_a_local_folder_without_an_export_is_refused_before_spark_starts(work, capsys, monkeypatch):
    pytest.importorskip("pyspark")
    from pipelines.spark import engine

    monkeypatch.setattr(engine, "session", lambda *args, **kwargs: pytest.fail("a session was started"))
    (work / "raw").mkdir()
    for raw in (str(work / "raw"), f"file://{work}/raw"):
        assert spark_refresh(raw, str(work / "marts"), tiny_models(work / "models")) == 2
        assert capsys.readouterr().err.startswith(f"error: {raw} is not an export (no _export.json)")


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ("{not json", "_export.json is not an export manifest (not JSON, or not an object)"),
        ('{"partition": "period_month"}', '_export.json lists no tables (its "tables" object)'),
        (
            '{"tables": {"raw_events": {}, "map_settings": {}, "raw_contacts": {}}}',
            "_export.json names tables without a folder there: raw_contacts",
        ),
    ],
)
def test_a_broken_manifest_is_one_line_and_exit_2(commands, work, capsys, manifest, expected):
    raw = tiny_export(work / "raw")
    (raw / "_export.json").write_text(manifest, encoding="utf-8")
    assert spark_refresh(f"file://{raw}", f"file://{work}/marts", tiny_models(work / "models")) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: file://{raw}: {expected}") and "Traceback" not in err


def test_a_table_folder_without_parquet_is_one_line_and_exit_2(commands, work, capsys):
    raw = tiny_export(work / "raw")
    for part in (raw / "map_settings").iterdir():
        part.unlink()
    assert spark_refresh(str(raw), str(work / "marts"), tiny_models(work / "models")) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"error: {raw}: the table map_settings cannot be read as Parquet: ")
    assert "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_an_export_without_map_settings_is_one_line_and_exit_2(commands, work, capsys):
    raw = tiny_export(work / "raw")
    (raw / "_export.json").write_text('{"tables": {"raw_events": {}}}', encoding="utf-8")
    assert spark_refresh(str(raw), str(work / "marts"), tiny_models(work / "models")) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: the export has no map_settings table") and "Traceback" not in err
    assert not (work / "marts" / "_refresh.json").exists()
