"""Run the translated models on Spark over the exported Parquet (export_raw) and write every
mart as Parquet. Imports pyspark: loaded only by `refresh --engine spark`."""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from dataclasses import dataclass, field
from pathlib import Path

from pyspark.errors.exceptions.captured import CapturedException
from pyspark.sql import DataFrame, SparkSession
from pyspark.sql import functions as F
from pyspark.sql import types as T

from pipelines.export_raw import PARTITION_NAME
from pipelines.model_files import MODELS_DIR, Model, RefreshError, discover_models
from pipelines.spark.engine_paths import DONE, INTERMEDIATE
from pipelines.spark.macros import model_macros
from pipelines.spark.storage import Storage, StorageError, child, export_tables, location, read_pattern
from pipelines.spark.translate import translate

# always set, whatever the caller's settings say: one policy for time on both engines (UTC,
# timezone-naive timestamps: TIMESTAMP_NTZ), and no planner setting that breaks a model
SESSION_POLICY = {
    "spark.sql.session.timeZone": "UTC",
    "spark.sql.timestampType": "TIMESTAMP_NTZ",
    "spark.sql.ansi.enabled": "false",  # DuckDB's x / 0 is null, as Spark's without ANSI mode
    "spark.sql.parquet.outputTimestampType": "TIMESTAMP_MICROS",
    # Spark 4.3: a `union all` of two aggregates by journey_id, joined by journey_id with a sort-merge
    # join (mart_journey_paths once the tables outgrow broadcast joins: scale L), is planned as
    # hash-partitioned but runs its children's partitions one after the other: "Can't zip RDDs with
    # unequal numbers of partitions: List(16, 8)" (with equal numbers it could join wrong rows)
    "spark.sql.unionOutputPartitioning": "false",
}
# sized for one machine: the caller's settings (``extra``, `--spark-conf`) replace them
SESSION_DEFAULTS = {
    "spark.sql.shuffle.partitions": "8",
    "spark.ui.enabled": "false",
}


@dataclass
class ModelRun:
    name: str
    layer: str
    seconds: float = 0.0
    rows: int | None = None
    error: str | None = None


@dataclass
class SparkRefresh:
    runs: list[ModelRun] = field(default_factory=list)
    seconds: float = 0.0
    started_seconds: float = 0.0  # session start


def session(
    master: str = "local[*]", app: str = "cx-models", extra: dict[str, str] | None = None
) -> SparkSession:
    """A Spark session with the time and type policy above; ``extra``: more settings (tests', or
    `--spark-conf`: memory, cores, shuffle partitions), which replace SESSION_DEFAULTS but never
    SESSION_POLICY. Settings the JVM starts with (spark.driver.memory) only take effect when
    this process has no Spark session yet."""
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    # pyspark 4.3 warns that it does not fully support pandas 3; no model goes through pandas
    warnings.filterwarnings(
        "ignore", message="PySpark does not yet fully support pandas", category=FutureWarning
    )
    builder = SparkSession.builder.master(master).appName(app)
    for key, value in {**SESSION_DEFAULTS, **(extra or {}), **SESSION_POLICY}.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("OFF")
    return spark


def _ntz(df: DataFrame) -> DataFrame:
    """Zoned timestamps (Spark's TIMESTAMP) as TIMESTAMP_NTZ: DuckDB reads both back as TIMESTAMP."""
    columns = [
        F.col(f"`{f.name}`").cast(T.TimestampNTZType()).alias(f.name)
        if isinstance(f.dataType, T.TimestampType)
        else F.col(f"`{f.name}`")
        for f in df.schema.fields
    ]
    return df.select(*columns)


def register_inputs(
    spark: SparkSession, raw: str | Path, shuffle: int = 0, tables: list[str] | None = None
) -> list[str]:
    """Every table of the export (its manifest's, or ``tables``) as a temporary view, read from
    its folder (the month partition column dropped); ``shuffle`` > 0 spreads each table's rows at
    random over that many partitions (tests: no result may depend on the order rows are read in)."""
    where = location(raw)
    if tables is None:
        tables = export_tables(Storage(spark), where, str(raw))
    for i, name in enumerate(tables):
        folder = child(where, name)
        try:
            df = spark.read.option("basePath", folder).parquet(read_pattern(folder))
        except CapturedException as exc:  # e.g. a folder without Parquet files: no schema to infer
            detail = " ".join(str(exc).split())[:300]
            raise StorageError(f"{raw}: the table {name} cannot be read as Parquet: {detail}") from exc
        if PARTITION_NAME in df.columns:
            df = df.drop(PARTITION_NAME)
        if shuffle:
            df = df.repartition(shuffle, F.rand(seed=i + 17)).localCheckpoint(eager=True)
        df.createOrReplaceTempView(name)
    return list(tables)


def company_timezone(spark: SparkSession, tables: list[str] | None = None) -> str:
    """The journey map's time zone (map_settings); StorageError when the export has no map_settings
    (``tables``: the export's tables): guessing a zone would move every month boundary."""
    if tables is not None and "map_settings" not in tables:
        raise StorageError(
            "the export has no map_settings table (the journey map's settings, its time zone among them): "
            "write it again with 'python -m pipelines export-raw' from a refreshed database"
        )
    rows = spark.sql("select text from map_settings where key = 'timezone'").collect()
    return rows[0][0] if rows else "Europe/Helsinki"


def run_models(
    spark: SparkSession,
    raw: str | Path,
    marts: str | Path,
    models_dir: Path | None = None,
    keep_going: bool = True,
    write_intermediate: bool = False,
    shuffle_inputs: int = 0,
) -> SparkRefresh:
    """Build every model in dependency order; marts written to marts/<name>/ as Parquet (with
    ``write_intermediate`` the other models too, to marts/_intermediate/<name>/, to compare them).
    ``raw`` and ``marts``: plain paths or URIs (pipelines/spark/storage.py).

    marts/_refresh.json is removed first and written last, only when every model was built: a
    reader that finds it knows every mart folder is from the same run. Nothing else in ``marts``
    is touched but the folders named like a model. StorageError (a RefreshError), before any
    model runs, for an export that is not one or a location Spark cannot reach.
    """
    started = time.perf_counter()
    store = Storage(spark)
    raw_at, marts_at = location(raw), location(marts)
    tables = export_tables(store, raw_at, str(raw))
    store.mkdirs(marts_at)
    store.delete(child(marts_at, DONE))
    register_inputs(spark, raw, shuffle_inputs, tables)
    macros = model_macros(company_timezone(spark, tables), models_dir)
    models: list[Model] = discover_models(models_dir or MODELS_DIR)
    result = SparkRefresh()
    failed: set[str] = set()
    for model in models:
        run = ModelRun(model.name, model.layer)
        result.runs.append(run)
        t0 = time.perf_counter()
        blocked = sorted(model.reads & failed)
        if blocked:
            run.error = f"not run: reads {', '.join(blocked)}, which failed"
            failed.add(model.name)
            continue
        try:
            sql = translate(model.name, model.sql, macros).spark_sql
            df = _ntz(spark.sql(sql))
            if model.layer == "marts":
                target = child(marts_at, model.name)
                df.write.mode("overwrite").parquet(target)
                df = spark.read.parquet(read_pattern(target))
            elif model.materialized == "table":
                df = df.localCheckpoint(eager=True)
            if write_intermediate and model.layer != "marts":
                df.write.mode("overwrite").parquet(child(child(marts_at, INTERMEDIATE), model.name))
            df.createOrReplaceTempView(model.name)
            if model.layer == "marts" or model.materialized == "table":
                run.rows = df.count()
        except Exception as exc:  # noqa: BLE001 - a translation, analysis or py4j error of one model
            run.error = " ".join(str(exc).split())[:400]
            failed.add(model.name)
            if not keep_going:
                raise RefreshError(
                    f"spark refresh failed in {model.layer}/{model.path.name}: {run.error}"
                ) from exc
        run.seconds = time.perf_counter() - t0
    result.seconds = time.perf_counter() - started
    if not failed:
        done = {"models": [r.name for r in result.runs], "seconds": round(result.seconds, 3), "raw": str(raw)}
        store.write_text(child(marts_at, DONE), json.dumps(done, indent=2) + "\n")
    return result
