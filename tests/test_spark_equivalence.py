"""Both engines give the same marts (issue 17): the demo at scale S, exported to Parquet, run on
Spark local[2] (its inputs spread at random over partitions first, the JVM in a non-UTC zone) and
compared with DuckDB's marts, both read through DuckDB: same columns and types, same keys, numbers
within 1e-9 relative.

Needs pyspark and Java 17 (skipped only when pyspark cannot be imported). Env CX_EQUIVALENCE_MODELS
names another models folder to check (a copy with proposed rewrites): DuckDB's side is then
refreshed with that folder too.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import duckdb
import pytest

pytest.importorskip("pyspark", reason="pyspark is not installed (pip install pyspark; Java 17 needed too)")

from pipelines.export_raw import export_raw  # noqa: E402
from pipelines.model_files import MODELS_DIR, discover_models  # noqa: E402
from pipelines.spark.compare import compare_marts  # noqa: E402
from pipelines.spark.lint import lint_macros, lint_sql  # noqa: E402
from pipelines.spark.macros import model_macros  # noqa: E402
from pipelines.spark.translate import translate  # noqa: E402

JVM_ZONE = "America/New_York"  # the session zone is set to UTC; the JVM's own must not matter


def _models_dir() -> Path:
    return Path(os.environ.get("CX_EQUIVALENCE_MODELS") or MODELS_DIR)


def _unsafe(models_dir: Path) -> list[str]:
    macros = model_macros("UTC", models_dir)
    flagged = [str(f) for f in lint_macros(macros)]
    for m in discover_models(models_dir):
        flagged += [str(f) for f in lint_sql(m.sql, macros, m.name)]
    return flagged


@pytest.fixture(scope="module")
def spark():
    from pipelines.spark.engine import session

    s = session(
        "local[2]",
        "cx-equivalence",
        {
            "spark.driver.extraJavaOptions": f"-Duser.timezone={JVM_ZONE}",
            # no broadcast joins: the sort-merge joins Spark plans at scale L, where
            # mart_journey_paths once failed (engine.SESSION_POLICY); at S all would be broadcast
            "spark.sql.autoBroadcastJoinThreshold": "-1",
        },
    )
    # the JVM option applies only when this session starts the JVM; when another test module's
    # session started it first (one JVM per process), its default zone is set here, and put back
    zones = s.sparkContext._jvm.java.util.TimeZone
    before = zones.getDefault()
    zones.setDefault(zones.getTimeZone(JVM_ZONE))
    yield s
    zones.setDefault(before)
    s.stop()


@pytest.fixture(scope="module")
def duckdb_side(demo_db, tmp_path_factory) -> Path:
    """The demo database refreshed with the models under test (the fixture's own when they are the repo's)."""
    models = _models_dir()
    # a private copy: the export opens it read-only, which DuckDB refuses for a file this process
    # already holds open read-write (other tests' app connections to the demo database)
    path = tmp_path_factory.mktemp("equivalence") / "cx.duckdb"
    shutil.copy(demo_db, path)
    if models == MODELS_DIR:
        return path
    import pipelines.runner as runner
    from core.db import connect

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(runner, "MODELS_DIR", models)
        con = connect(path)
        try:
            runner.refresh(con)
        finally:
            con.close()
    return path


@pytest.fixture(scope="module")
def spark_run(spark, duckdb_side, tmp_path_factory):
    from pipelines.spark.engine import run_models

    unsafe = _unsafe(_models_dir())
    if unsafe:
        pytest.xfail(f"{len(unsafe)} lint findings: the models are not yet rewritten for Spark: {unsafe[:3]}")
    root = tmp_path_factory.mktemp("spark")
    con = duckdb.connect(str(duckdb_side), read_only=True)
    try:
        export_raw(con, root / "raw")
    finally:
        con.close()
    result = run_models(spark, root / "raw", root / "marts", _models_dir(), shuffle_inputs=5)
    return duckdb_side, root / "marts", result


def test_the_session_is_utc_whatever_the_jvm_zone(spark):
    assert spark.conf.get("spark.sql.session.timeZone") == "UTC"
    assert spark.sparkContext._jvm.java.util.TimeZone.getDefault().getID() == JVM_ZONE


def test_every_model_runs_on_spark(spark_run):
    _, _, result = spark_run
    failed = {r.name: r.error for r in result.runs if r.error}
    assert not failed, failed


def test_every_mart_equals_duckdbs(spark_run):
    db, marts, _ = spark_run
    compared = compare_marts(db, marts, discover_models(_models_dir()))
    differing = {c.name: c.detail for c in compared if c.status != "equal"}
    assert compared and not differing, differing


def test_an_ordered_list_survives_a_repartition(spark):
    """The safe spelling of list(x order by y) keeps its order on Spark however rows are spread."""
    from pyspark.sql import functions as F

    rows = [(g, y, f"{g}-{y:03d}") for g in range(20) for y in range(50)]
    frame = spark.createDataFrame(rows, "g int, y int, x string")
    frame.repartition(7, F.rand(seed=3)).createOrReplaceTempView("shuffled")
    safe = (
        "select g, list_transform(list_sort(list({'k': y, 'v': x})), lambda e: e.v) as xs "
        "from shuffled group by g"
    )
    got = {r["g"]: list(r["xs"]) for r in spark.sql(translate("t", safe, {}).spark_sql).collect()}
    assert got == {g: [f"{g}-{y:03d}" for y in range(50)] for g in range(20)}


def test_the_comparison_sees_a_changed_number(spark_run, tmp_path):
    """The comparison is not blind: one number off by 1e-6 relative in Spark's mart_scores differs."""
    db, marts, _ = spark_run
    changed = tmp_path / "mart_scores"
    changed.mkdir()
    con = duckdb.connect()
    source = str(marts / "mart_scores" / "*.parquet").replace("'", "''")
    target = str(changed / "part.parquet").replace("'", "''")
    first = "row_number() over (order by period_month, metric, stage, channel, segment) = 1"
    con.execute(
        f"copy (select * replace (case when {first} then value * (1 + 1e-6) else value end as value) "
        f"from read_parquet('{source}')) to '{target}' (format parquet)"
    )
    model = next(m for m in discover_models(_models_dir()) if m.name == "mart_scores")
    [result] = compare_marts(db, tmp_path, [model])
    assert result.status == "differs" and "value: 1 rows differ" in result.detail
