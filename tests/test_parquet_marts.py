"""The dashboard on a Parquet marts folder (env CX_MARTS, issue 17 item 2): every page renders
and the insight pages show exactly what they show on the DuckDB file the marts came from.

The folder is built cheaply, without Spark: the session's demo at scale S (refreshed by DuckDB)
with every mart COPY'd to Parquet in the layout `refresh --engine spark` writes (one folder per
mart, part files, _SUCCESS, _refresh.json written last naming the raw export it read), plus
decoys a reader must skip (a Spark _temporary folder, a .crc file).
"""

from __future__ import annotations

import json
import math
import shutil
import uuid
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
from streamlit.dataframe_util import convert_arrow_bytes_to_pandas_df
from streamlit.testing.v1 import AppTest

from dashboard.marts_source import sql_string
from dashboard.navigation import all_pages
from pipelines.export_raw import export_raw
from pipelines.model_files import discover_models
from tests import app_pages

INSIGHT_PAGES = ["overview", "journey", "feedback", "functions", "contacts", "customer"]
TEXT_KINDS = ("metric", "title", "subheader", "caption", "markdown", "info", "warning", "error", "success")


@dataclass(frozen=True)
class SparkLike:
    root: Path
    duckdb_file: Path  # the database the marts were copied from (a private copy of the demo)
    marts: Path
    raw: Path


def write_marts(con: duckdb.DuckDBPyConnection, marts: Path, raw: Path) -> None:
    """Every mart of ``con`` as Parquet in the Spark run's layout, _refresh.json last."""
    models = discover_models()
    marts.mkdir(parents=True)
    run = uuid.uuid4()
    for model in models:
        if model.layer != "marts":
            continue
        target = marts / model.name
        target.mkdir()
        pattern = f"part-{{i}}-{run}-c000.snappy"
        con.execute(
            f"copy (select * from {model.name}) to {sql_string(str(target / 'out'))} "
            f"(format parquet, per_thread_output true, filename_pattern '{pattern}')"
        )
        for part in (target / "out").iterdir():
            part.rename(target / part.name)
        (target / "out").rmdir()
        (target / "_SUCCESS").write_text("")
        (target / f".part-0-{run}-c000.snappy.parquet.crc").write_bytes(b"not parquet")
    # a half-written task's output: never read (Spark removes it when the job commits)
    decoy = marts / "mart_scores" / "_temporary" / "0"
    decoy.mkdir(parents=True)
    target = sql_string(str(decoy / "part-9.parquet"))
    con.execute(f"copy (select * replace (n * 1000 as n) from mart_scores) to {target}")
    done = {"models": [m.name for m in models], "seconds": 12.5, "raw": str(raw)}
    (marts / "_refresh.json").write_text(json.dumps(done), encoding="utf-8")


def build_spark_like(demo_db: Path, root: Path) -> SparkLike:
    """A private copy of the demo database, its raw export and its marts as a Parquet folder."""
    root.mkdir(parents=True, exist_ok=True)
    copy = root / "cx.duckdb"
    shutil.copy(demo_db, copy)
    con = duckdb.connect(str(copy), read_only=True)
    try:
        export_raw(con, root / "raw")
        write_marts(con, root / "marts", root / "raw")
    finally:
        con.close()
    return SparkLike(root, copy, root / "marts", root / "raw")


@pytest.fixture(scope="module")
def spark_like(demo_db, tmp_path_factory) -> SparkLike:
    return build_spark_like(demo_db, tmp_path_factory.mktemp("parquet_marts"))


@pytest.fixture()
def parquet_mode(spark_like, tmp_path, monkeypatch) -> Path:
    """The app on the Parquet marts, its own data in a new database file (returned)."""
    app_db = tmp_path / "app.duckdb"
    monkeypatch.setenv("CX_DB", str(app_db))
    monkeypatch.setenv("CX_MARTS", str(spark_like.marts))
    return app_db


def duckdb_mode(spark_like: SparkLike, monkeypatch) -> Path:
    """The app on the database the marts came from (the module's private copy), CX_MARTS unset."""
    monkeypatch.setenv("CX_DB", str(spark_like.duckdb_file))
    monkeypatch.delenv("CX_MARTS", raising=False)
    return spark_like.duckdb_file


def _cell(value):
    """A chart cell to compare: floats to 10 significant digits, since DuckDB's parallel sums differ
    between two runs in the last bits (failed once in CI on a contacts chart's cost)."""
    if isinstance(value, float):
        return None if math.isnan(value) else float(f"{value:.10g}")
    return value


def content(at: AppTest) -> dict:
    """What the page's main area shows: its texts and metrics in order, its tables and the data
    of its charts (the sidebar, which says where the data comes from, left out)."""
    texts = []
    for kind in TEXT_KINDS:
        for element in at.main.get(kind):
            texts.append((kind, element.label, element.value) if kind == "metric" else (kind, element.value))
    tables = [frame.astype(str).to_dict("split") for frame in app_pages.tables(at)]
    charts = []
    for chart in at.get("vega_lite_chart"):
        spec = json.loads(chart.proto.spec)
        frame = convert_arrow_bytes_to_pandas_df(chart.proto.data.data) if chart.proto.data.data else None
        rows = (
            [] if frame is None else [{k: _cell(v) for k, v in r.items()} for r in frame.to_dict("records")]
        )
        charts.append((spec.get("title"), rows))
    return {"texts": texts, "tables": tables, "charts": charts}


def metric(at: AppTest, label_start: str) -> str:
    return next(m.value for m in at.main.get("metric") if m.label.startswith(label_start))


@pytest.mark.parametrize("url_path", INSIGHT_PAGES)
def test_an_insight_page_shows_the_same_on_parquet_marts_as_on_the_duckdb_file(
    url_path, spark_like, tmp_path, monkeypatch
):
    duckdb_mode(spark_like, monkeypatch)
    on_duckdb = app_pages.open_page(url_path)
    monkeypatch.setenv("CX_DB", str(tmp_path / "app.duckdb"))
    monkeypatch.setenv("CX_MARTS", str(spark_like.marts))
    on_parquet = app_pages.open_page(url_path)
    expected, got = content(on_duckdb), content(on_parquet)
    assert expected["texts"] and (expected["tables"] or expected["charts"] or url_path == "customer")
    assert got == expected
    assert not on_parquet.main.get("error")


def test_the_key_numbers_match(spark_like, tmp_path, monkeypatch):
    """Overview NPS, the Journey page's worst stage, the Contacts page's count: present and equal."""
    duckdb_mode(spark_like, monkeypatch)
    numbers = {}
    for mode in ("duckdb", "parquet"):
        if mode == "parquet":
            monkeypatch.setenv("CX_DB", str(tmp_path / "app.duckdb"))
            monkeypatch.setenv("CX_MARTS", str(spark_like.marts))
        overview = app_pages.open_page("overview")
        contacts = app_pages.open_page("contacts")
        friction = app_pages.frame(overview, "Journey stage")
        numbers[mode] = (
            metric(overview, "Net Promoter Score"),
            friction.iloc[0]["Journey stage"],
            metric(contacts, "Contacts"),
        )
    nps, top_stage, contacts = numbers["parquet"]
    assert nps[0] in "+−" and top_stage and contacts.replace(",", "").isdigit()
    assert numbers["parquet"] == numbers["duckdb"]


@pytest.mark.parametrize("page", [p.url_path for p in all_pages()])
def test_every_page_renders_on_parquet_marts(page, parquet_mode):
    at = app_pages.open_page(page)
    assert not at.main.get("error"), [e.value for e in at.main.get("error")]


def test_the_sidebar_says_where_the_data_comes_from(parquet_mode, spark_like):
    at = app_pages.open_page("overview")
    captions = [c.value for c in at.sidebar.caption]
    status = [c for c in captions if c.startswith("Marts: Parquet folder")]
    assert status and status[0].startswith(f"Marts: Parquet folder “{spark_like.marts.name}”, refreshed ")
    assert "Read-only: data is loaded with a Spark refresh." in captions
    assert not any(c.startswith("Data refreshed") for c in captions)
    fi = app_pages.open_page("overview", {"lang": "fi"})
    assert any(c.value.startswith("Kokoomataulut: Parquet-kansio") for c in fi.sidebar.caption)


def test_no_demo_is_generated_and_no_model_built_into_the_database_file(parquet_mode):
    app_pages.open_page("overview")
    assert app_pages.query(parquet_mode, "select count(*) from raw_journey_events") == [(0,)]
    own = app_pages.query(
        parquet_mode,
        "select table_name from information_schema.tables where table_catalog = current_database() "
        "and (table_name like 'mart\\_%' escape '\\' or table_name like 'map\\_%' escape '\\' "
        "or table_name like 'int\\_%' escape '\\')",
    )
    assert own == []


def test_the_meeting_pack_is_made_from_the_parquet_marts(parquet_mode, spark_like):
    """The pack is gathered on a cursor of the shared connection (a download's own thread), and
    pipelines.friction takes a cursor of that cursor: both find the marts."""
    from dashboard import connection
    from dashboard.pack_download import pack_file_maker

    app_pages.open_page("review")  # the app opened the connection and installed the marts
    files = sql_string(str(spark_like.marts / "mart_scores" / "*.parquet"))
    months = f"select min(period_month), max(period_month) from read_parquet({files})"
    first, last = duckdb.connect().execute(months).fetchall()[0]
    made = pack_file_maker(connection.shared_connection(), "all", (first, last), "en", "html")()
    assert b"Delivery" in made and b"Logistics" in made


def test_the_pages_read_the_marts_without_the_read_snapshot(parquet_mode, monkeypatch):
    """CX_READ_SNAPSHOT=0: helpers then take fresh cursors of the session's cursor."""
    monkeypatch.setenv("CX_READ_SNAPSHOT", "0")
    for page in ("overview", "functions"):
        at = app_pages.open_page(page)
        assert at.main.get("metric") or app_pages.tables(at)
        assert not at.main.get("error"), page
