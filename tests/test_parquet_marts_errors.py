"""The Parquet marts mode (env CX_MARTS) when the folder is not what the pages need, when it
changes, and its read-only pages: a clear message in English and Finnish, never a traceback, and
nothing written."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

from dashboard import html_table, marts_source
from dashboard.marts_catalog import MartsConnection
from dashboard.marts_source import inspect, sql_string
from dashboard.plain_text import escape_markdown
from dashboard.strings import STRINGS
from tests import app_pages
from tests.test_parquet_marts import SparkLike, build_spark_like


@pytest.fixture(scope="module")
def built(demo_db, tmp_path_factory) -> SparkLike:
    return build_spark_like(demo_db, tmp_path_factory.mktemp("parquet_marts_errors"))


@pytest.fixture()
def marts(built, tmp_path) -> Path:
    """A private copy of the marts folder, to break (its _refresh.json names the module's raw export)."""
    target = tmp_path / "marts"
    shutil.copytree(built.marts, target)
    return target


@pytest.fixture()
def app(marts, tmp_path, monkeypatch) -> Path:
    """The app on the copy, its own data in a new database file (returned)."""
    app_db = tmp_path / "app.duckdb"
    monkeypatch.setenv("CX_DB", str(app_db))
    monkeypatch.setenv("CX_MARTS", str(marts))
    monkeypatch.delenv("CX_RAW", raising=False)
    return app_db


def rewrite_refresh(marts: Path, **changes) -> None:
    """Write _refresh.json again (as a new Spark run would, last), with ``changes``."""
    done = marts / "_refresh.json"
    info = json.loads(done.read_text(encoding="utf-8"))
    done.unlink()
    done.write_text(json.dumps({**info, **changes}), encoding="utf-8")


def rewrite_mart(marts: Path, mart: str, select: str) -> None:
    """Replace a mart's files by one file holding ``select`` over its old rows (``t``), under the
    name of its first file."""
    folder = marts / mart
    parts = sorted(folder.glob("*.parquet"))
    con = duckdb.connect()
    try:
        files = "[" + ", ".join(sql_string(marts_source.glob_literal(p)) for p in parts) + "]"
        con.execute(f"create table t as select * from read_parquet({files})")
        for part in parts:
            part.unlink()
        con.execute(f"copy ({select}) to {sql_string(str(parts[0]))} (format parquet)")
    finally:
        con.close()


def problem(marts: Path):
    found = inspect(marts)
    assert not found.usable
    return found.problem.key, found.problem.values


def test_a_missing_or_empty_folder(tmp_path):
    assert problem(tmp_path / "nowhere")[0] == "marts_folder_missing"
    (tmp_path / "empty").mkdir()
    assert problem(tmp_path / "empty")[0] == "marts_folder_empty"


def test_a_folder_without_refresh_json_or_with_a_broken_one(marts):
    (marts / "_refresh.json").write_text("{not json", encoding="utf-8")
    assert problem(marts)[0] == "marts_not_refreshed"
    (marts / "_refresh.json").unlink()  # removed first by a Spark run: running, or it failed
    assert problem(marts) == ("marts_not_refreshed", {"folder": "marts"})


def test_a_mart_folder_missing(marts):
    shutil.rmtree(marts / "mart_escalations")
    assert problem(marts) == ("marts_missing", {"folder": "marts", "marts": "mart_escalations", "n": "1"})


def test_a_mart_without_a_column_the_pages_read(marts):
    rewrite_mart(marts, "mart_contacts", "select * exclude (cost_eur) from t")
    assert problem(marts) == (
        "marts_schema",
        {"folder": "marts", "mart": "mart_contacts", "columns": "cost_eur"},
    )


def test_a_mart_that_is_not_parquet(marts):
    part = next((marts / "mart_journey_paths").glob("*.parquet"))
    part.write_bytes(b"PAR1 this is not a parquet file")
    assert problem(marts) == ("marts_unreadable", {"folder": "marts", "mart": "mart_journey_paths"})


def test_the_complete_folder_is_usable(marts):
    found = inspect(marts)
    assert found.usable and found.maps_from == "raw" and not found.notes
    assert found.seconds == 12.5 and found.models and found.refreshed_at is not None
    assert all(
        ".crc" not in str(f) and "_temporary" not in str(f) for files in found.marts.values() for f in files
    )


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_pages_say_why_instead_of_showing_data(app, marts, lang):
    (marts / "_refresh.json").unlink()
    expected = STRINGS["marts_not_refreshed"][lang].format(folder="marts")
    for page in ("overview", "journey", "customer", "journey-map"):
        at = app_pages.open_page(page, {"lang": lang})
        assert [e.value for e in at.main.get("error")] == [expected], page
    status = STRINGS["marts_status_problem"][lang].format(folder="marts")
    assert status in [c.value for c in at.sidebar.caption]
    admin = app_pages.open_page("admin", {"lang": lang})  # the app's own data: still there
    assert not admin.main.get("error")


def test_a_schema_problem_on_a_page_names_the_mart_and_column(app, marts):
    rewrite_mart(marts, "mart_scores", "select * exclude (n) from t")
    at = app_pages.open_page("overview")
    (error,) = at.main.get("error")
    assert escape_markdown("mart_scores") in error.value and ": n." in error.value  # shown as mart_scores


def test_a_database_file_with_marts_of_its_own_is_refused(marts, built, tmp_path, monkeypatch):
    """Its tables would be found before the Parquet views: the page says so instead."""
    own = tmp_path / "old.duckdb"
    shutil.copy(built.duckdb_file, own)
    monkeypatch.setenv("CX_DB", str(own))
    monkeypatch.setenv("CX_MARTS", str(marts))
    at = app_pages.open_page("overview")
    (error,) = at.main.get("error")
    assert error.value.startswith("The database file (`CX_DB`) holds tables of its own")
    assert escape_markdown("(mart_caused_handled, mart_contact_list, ") in error.value
    assert not at.main.get("metric")


def test_without_the_raw_folder_the_journey_map_comes_from_the_database_file(app, marts, monkeypatch):
    rewrite_refresh(marts, raw="s3a://lake/cx/raw")  # a cluster's path: not read here
    at = app_pages.open_page("overview")
    assert at.main.get("metric") and not at.main.get("error")
    note = STRINGS["marts_maps_from_db"]["en"]
    assert note in [c.value for c in at.sidebar.caption]


def test_cx_raw_names_the_raw_folder(marts, built, monkeypatch):
    rewrite_refresh(marts, raw="hdfs://cluster/cx/raw")
    assert inspect(marts).maps_from == "db"
    monkeypatch.setenv("CX_RAW", str(built.raw))
    assert inspect(marts).maps_from == "raw"


def open_catalog(app_db: Path, marts: Path) -> MartsConnection:
    from core.db import connect

    return MartsConnection(connect(app_db), marts)


def scalar(con: MartsConnection, sql: str):
    cur = con.cursor()
    try:
        return cur.execute(sql).fetchall()[0][0]
    finally:
        cur.close()


def test_a_new_spark_run_is_served_once_its_refresh_json_is_written(marts, tmp_path):
    con = open_catalog(tmp_path / "app.duckdb", marts)
    try:
        first = con.sync()
        assert first.usable and con.sync() is first  # unchanged: not inspected again
        total = scalar(con, "select sum(n) from mart_scores")
        before = scalar(con, "select max(refreshed_at) from mart_refresh_log")
        # a run starts (removes _refresh.json first) and rewrites a mart: nothing is served meanwhile
        info = (marts / "_refresh.json").read_text(encoding="utf-8")
        (marts / "_refresh.json").unlink()
        rewrite_mart(marts, "mart_scores", "select * replace (n * 2 as n) from t")
        assert con.sync().problem.key == "marts_not_refreshed"
        assert (
            scalar(con, "select count(*) from information_schema.tables where table_name = 'mart_scores'")
            == 0
        )
        (marts / "_refresh.json").write_text(info, encoding="utf-8")  # the run ends: written last
        later = first.stamp[0] + 10**9
        os.utime(marts / "_refresh.json", ns=(later, later))
        again = con.sync()
        assert again.usable and again is not first
        assert scalar(con, "select sum(n) from mart_scores") == 2 * total
        assert scalar(con, "select max(refreshed_at) from mart_refresh_log") > before
    finally:
        con.close()


def test_a_symlink_flipped_to_a_newer_run_is_served(marts, tmp_path):
    """Each run written to a folder of its own, CX_MARTS a symlink flipped to the newest: no gap."""
    newer = tmp_path / "run2"
    shutil.copytree(marts, newer)
    rewrite_mart(newer, "mart_scores", "select * replace (n * 3 as n) from t")
    link = tmp_path / "current"
    link.symlink_to(marts)
    con = open_catalog(tmp_path / "app.duckdb", link)
    try:
        assert con.sync().usable
        total = scalar(con, "select sum(n) from mart_scores")
        in_flight = con.cursor()  # a page's run that began before the flip (its read snapshot)
        in_flight.execute("begin transaction")
        assert in_flight.execute("select sum(n) from mart_scores").fetchall()[0][0] == total
        flip = tmp_path / "flip"
        flip.symlink_to(newer)
        flip.replace(link)  # rename over the old link: atomic
        assert con.sync().usable
        assert scalar(con, "select sum(n) from mart_scores") == 3 * total
        # the older run's files by their real paths, though the new run's have the same names
        assert in_flight.execute("select sum(n) from mart_scores").fetchall()[0][0] == total
        in_flight.execute("commit")
    finally:
        con.close()


def served_value(app_db: Path, folder: Path, sql: str):  # noqa: ANN201 (a cell of any type)
    """One value a fresh catalog on the folder serves."""
    con = open_catalog(app_db, folder)
    try:
        assert con.sync().usable
        return scalar(con, sql)
    finally:
        con.close()


def test_the_data_end_is_the_models(built, marts, tmp_path):
    """int_data_end from the timeline gives the Review page the same last day as the model's."""
    served = served_value(
        tmp_path / "app.duckdb", marts, "select cast(local_time(data_end) as date) from int_data_end"
    )
    duck = duckdb.connect(str(built.duckdb_file), read_only=True)
    try:
        model = duck.execute("select cast(local_time(data_end) as date) from int_data_end").fetchall()[0][0]
    finally:
        duck.close()
    assert served == model


def test_a_folder_named_like_a_glob_reads_only_its_own_files(marts, tmp_path):
    """'m[1]' as a glob matches 'm1': the paths are escaped, so the decoy next to it is not read."""
    tricky = tmp_path / "m[1]"
    shutil.copytree(marts, tricky)
    decoy = tmp_path / "m1"
    shutil.copytree(marts, decoy)
    rewrite_mart(decoy, "mart_scores", "select * replace (n + 1000 as n) from t")
    served = served_value(tmp_path / "app.duckdb", tricky, "select sum(n) from mart_scores")
    assert sorted(p.name for p in (decoy / "mart_scores").glob("*.parquet")) == sorted(
        p.name for p in (tricky / "mart_scores").glob("*.parquet")
    )  # the same file names: the unescaped pattern would match the decoy's
    files = sql_string(marts_source.glob_literal(marts / "mart_scores") + "/*.parquet")
    assert served == duckdb.connect().execute(f"select sum(n) from read_parquet({files})").fetchall()[0][0]


COUNTS = (
    "select (select count(*) from import_batches), (select count(*) from raw_survey_responses), "
    "(select count(*) from raw_contacts), (select count(*) from raw_journey_events)"
)


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_upload_page_is_read_only(app, lang):
    before = app_pages.query(app, COUNTS)
    at = app_pages.open_page("upload", {"lang": lang})
    assert not at.get("file_uploader") and not at.main.get("button")
    (warning,) = at.main.get("warning")
    assert warning.value == STRINGS["marts_read_only_upload"][lang].format(folder="marts")
    (commands,) = at.main.get("code")
    assert "refresh --engine spark" in commands.value and "export-raw" in commands.value
    assert app_pages.query(app, COUNTS) == before == [(0, 0, 0, 0)]


@pytest.mark.parametrize("lang", ["en", "fi"])
def test_the_journey_map_page_shows_the_map_the_marts_were_built_with_read_only(app, built, lang):
    at = app_pages.open_page("journey-map", {"lang": lang})
    assert [i.value for i in at.main.get("info")] == [STRINGS["marts_read_only_map"][lang]]
    assert not at.main.get("button") and not at.get("arrow_data_editor") and not at.get("file_uploader")
    stages = app_pages.html_table_payloads(at, "jmr_stages")
    raw = duckdb.connect()
    files = sql_string(marts_source.glob_literal(built.raw / "map_stages") + "/*.parquet")
    expected = raw.execute(f"select stage from read_parquet({files}) order by stage_order").fetchall()
    shown = html_table.frame_of(stages[0])
    assert list(shown[STRINGS["jme_col_id"][lang]]) == [r[0] for r in expected]
    owner = STRINGS["jme_col_owner"][lang]
    assert "Logistics" in list(shown[owner]) or "Logistiikka" in list(shown[owner])  # names, not ids
    versions = "select count(*) from duckdb_tables() where table_name = 'journey_map_versions'"
    if app_pages.query(app, versions) != [(0,)]:
        assert app_pages.query(app, "select count(*) from journey_map_versions") == [(0,)]


def _save_script() -> None:
    import streamlit as st

    from dashboard.journey_map_editor.versions import apply

    calls = []
    apply(lambda: calls.append("saved") or 1, "jme_saved")
    st.markdown(f"calls: {len(calls)}")


def test_a_journey_map_save_is_refused_without_running(app):
    at = AppTest.from_function(_save_script, default_timeout=60).run()
    assert not at.exception
    assert [e.value for e in at.error] == [STRINGS["marts_read_only_refused"]["en"]]
    assert [m.value for m in at.markdown] == ["calls: 0"]


def _actor_script() -> None:
    import streamlit as st

    from dashboard.upload import files

    files.current_actor()  # what every import and refresh of the Upload page asks first
    st.markdown("went on")


def _rollback_script() -> None:
    import streamlit as st

    from dashboard.upload import history

    history._rollback("B-1")
    st.markdown("went on")


@pytest.mark.parametrize("script", [_actor_script, _rollback_script])
def test_an_import_or_rollback_cannot_run_even_when_called(app, script):
    """Behind the read-only Upload page, the importers' actor and the rollback stop first."""
    at = AppTest.from_function(script, default_timeout=60).run()
    assert not at.exception
    assert [w.value for w in at.warning] == [STRINGS["marts_read_only_upload"]["en"].format(folder="marts")]
    assert not at.markdown
    assert app_pages.query(app, COUNTS) == [(0, 0, 0, 0)]
