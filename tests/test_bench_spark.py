"""The Spark bench step's pure parts (bench/spark.py): the skip when pyspark or Java is missing,
reading Spark's event log by model, and the table rows assembled from the parts' results."""

from __future__ import annotations

import argparse
import json

import pytest

from bench import spark as step
from bench import spark_events as events
from bench.common import RESULT_PREFIX, Result


def _found(_name: str) -> object:
    return object()


def test_no_pyspark_is_a_skip_reason():
    reason = step.missing_requirement(lambda name: None, lambda name: "/usr/bin/java", {})
    assert reason == "pyspark is not installed (pip install pyspark==4.3.0)"


def test_no_java_on_the_path_is_a_skip_reason():
    reason = step.missing_requirement(_found, lambda name: None, {})
    assert reason is not None and reason.startswith("Java is not installed (no java on PATH")


def test_a_java_home_without_java_is_a_skip_reason(tmp_path):
    reason = step.missing_requirement(_found, lambda name: "/usr/bin/java", {"JAVA_HOME": str(tmp_path)})
    assert reason is not None and f"JAVA_HOME={tmp_path} has no bin/java" in reason


def test_java_home_with_java_and_pyspark_runs(tmp_path):
    (tmp_path / "bin").mkdir()
    (tmp_path / "bin" / "java").write_text("")
    assert step.missing_requirement(_found, lambda name: None, {"JAVA_HOME": str(tmp_path)}) is None


def test_the_step_skips_with_one_row_saying_why(monkeypatch, capsys, tmp_path):
    monkeypatch.setattr(step, "missing_requirement", lambda: "pyspark is not installed (pip install x)")
    args = argparse.Namespace(master="local[2]", db=tmp_path / "x.duckdb", work=tmp_path)
    step.orchestrate(args)
    lines = [ln for ln in capsys.readouterr().out.splitlines() if ln.startswith(RESULT_PREFIX)]
    assert len(lines) == 1
    result = Result.from_json(lines[0][len(RESULT_PREFIX) :])
    assert result.seconds == [] and result.note == "skipped: pyspark is not installed (pip install x)"


def _job(job_id: int, stages: list[int], description: str | None) -> str:
    props = {"spark.job.description": description} if description else {}
    return json.dumps(
        {"Event": "SparkListenerJobStart", "Job ID": job_id, "Stage IDs": stages, "Properties": props}
    )


def _stage(stage_id: int, tasks: int, metrics: dict[str, int], failure: str | None = None) -> str:
    info = {
        "Stage ID": stage_id,
        "Number of Tasks": tasks,
        "Accumulables": [{"ID": i, "Name": k, "Value": v} for i, (k, v) in enumerate(metrics.items())],
    }
    if failure:
        info["Failure Reason"] = failure
    return json.dumps({"Event": "SparkListenerStageCompleted", "Stage Info": info})


LOG = [
    json.dumps({"Event": "SparkListenerApplicationStart", "App Name": "x"}),
    _job(0, [0], None),
    _stage(0, 1, {"internal.metrics.input.bytesRead": 10}),
    _job(1, [1, 2], "int_journey_stages"),
    _stage(
        1, 2, {"internal.metrics.shuffle.write.bytesWritten": 100, "internal.metrics.input.bytesRead": 50}
    ),
    _stage(2, 8, {"internal.metrics.diskBytesSpilled": 7, "internal.metrics.executorRunTime": 900}),
    _job(2, [3], "int_journey_stages"),
    _stage(
        3, 1, {"internal.metrics.shuffle.write.bytesWritten": 1, "internal.metrics.peakExecutionMemory": 5}
    ),
    _job(3, [4, 5], "mart_scores"),
    _stage(4, 3, {"internal.metrics.output.bytesWritten": 30}, failure="executor lost"),
    _stage(5, 3, {"internal.metrics.output.bytesWritten": 20}),
]


def test_the_event_log_is_summed_by_model():
    io = events.io_by_label(LOG)
    assert io[events.INPUTS] == events.ModelIO(stages=1, tasks=1, input_bytes=10)
    assert io["int_journey_stages"] == events.ModelIO(
        stages=3, tasks=11, input_bytes=50, shuffle_write_bytes=101, disk_spilled_bytes=7, task_ms=900
    )
    assert io["mart_scores"] == events.ModelIO(
        stages=1, tasks=3, output_bytes=20
    )  # the failed attempt left out


def test_a_rolling_event_log_folder_is_read_in_order(tmp_path):
    folder = tmp_path / "eventlog_v2_local-1"
    folder.mkdir()
    (folder / "appstatus_local-1").write_text("")
    (folder / ".events_1_local-1.crc").write_text("junk\n")
    (folder / "events_10_local-1").write_text("c\n")
    (folder / "events_2_local-1").write_text("b\n")
    (folder / "events_1_local-1").write_text("a\n")
    assert list(events.event_lines(tmp_path)) == ["a\n", "b\n", "c\n"]


def test_the_comparison_note_names_what_differs():
    equal = [{"name": f"m{i}", "status": "equal", "detail": ""} for i in range(3)]
    assert step.comparison_note(equal).startswith("3 of 3 marts equal")
    bad = [*equal, {"name": "mart_x", "status": "differs", "detail": "rows: duckdb 5 spark 4"}]
    assert step.comparison_note(bad) == "**1 of 4 marts differ**: mart_x differs: rows: duckdb 5 spark 4"
    assert step.comparison_note([]) == "**no marts compared**"


def _spark_result(seconds: float, session: float, jvm: float) -> Result:
    runs = [
        {"name": "stg_a", "layer": "staging", "seconds": 0.1, "rows": None, "error": None},
        {
            "name": "int_b",
            "layer": "intermediate",
            "seconds": 30.0,
            "rows": 9,
            "error": None,
            "io": {"shuffle_write_bytes": 3 << 30, "disk_spilled_bytes": 0},
        },
        {
            "name": "mart_c",
            "layer": "marts",
            "seconds": 12.0,
            "rows": 4,
            "error": None,
            "io": {"shuffle_write_bytes": 1 << 30, "disk_spilled_bytes": 1 << 20},
        },
    ]
    extra = {
        "session": session,
        "runs": runs,
        "jvm_peak_mib": jvm,
        "python_peak_mib": 200.0,
        "marts_bytes": 5 << 20,
    }
    return Result("spark", [seconds], jvm + 200.0, extra=extra)


def test_the_rows_are_medians_over_runs_with_the_largest_peak():
    tables = {"raw_journey_events": {"rows": 1000, "bytes": 32000}, "map_stages": {"rows": 5, "bytes": 1024}}
    measured = step.Measured(
        export=[(Result("export", [2.0], 100.0, extra={"tables": tables}), 3.0, 150.0)] * 2,
        spark=[
            (_spark_result(40.0, 8.0, 4096.0), 60.0, 50.0),
            (_spark_result(44.0, 10.0, 5120.0), 70.0, 50.0),
        ],
        duckdb=[
            (Result("full refresh", [5.0], 900.0), 6.0, 950.0),
            (Result("full refresh", [7.0], 800.0), 8.0, 850.0),
        ],
        compare=Result(
            "compare", [1.5], 300.0, extra={"marts": [{"name": "mart_c", "status": "equal", "detail": ""}]}
        ),
    )
    rows = {r.name.removeprefix(f"{step.PREFIX}: "): r for r in step.assemble(measured, "local[2]", "8g")}
    assert list(rows) == [
        "export-raw to Parquet",
        "Spark session start (local[2])",
        "models on Spark local[2]",
        "Spark refresh, whole process",
        "DuckDB full refresh, same database",
        "marts compared",
    ]
    export = rows["export-raw to Parquet"]
    assert export.median == 2.0 and export.peak_mib == 150.0
    assert export.note == "32 KiB; 1,000 journey events, 32.0 bytes/event"
    assert rows["Spark session start (local[2])"].median == 9.0
    assert "spark.driver.memory=8g" in rows["Spark session start (local[2])"].note
    models = rows["models on Spark local[2]"]
    assert models.median == 42.0 and models.peak_mib == 5120.0 + 200.0
    assert "3 models; 1 marts written as Parquet (5 MiB) in 12 s of it" in models.note
    assert "slowest: int_b 30 s, mart_c 12 s, stg_a 0 s" in models.note
    assert (
        "shuffle written 4.00 GiB, spilled to disk 1 MiB; peak = JVM 5.00 GiB + Python 200 MiB" in models.note
    )
    whole = rows["Spark refresh, whole process"]
    assert whole.median == 65.0 and "10.8× DuckDB's full refresh" in whole.note  # 65 / 6
    duck = rows["DuckDB full refresh, same database"]
    assert duck.median == 6.0 and duck.peak_mib == 950.0
    assert rows["marts compared"].note.startswith("1 of 1 marts equal")


def test_failed_models_are_said_first():
    failed = _spark_result(40.0, 8.0, 1024.0)
    failed.extra["runs"][1]["error"] = "boom"
    tables = {"raw_journey_events": {"rows": 0, "bytes": 0}}
    measured = step.Measured(
        export=[(Result("export", [1.0], 1.0, extra={"tables": tables}), 1.0, 1.0)],
        spark=[(failed, 50.0, 1.0)],
        duckdb=[(Result("full refresh", [5.0], 1.0), 5.0, 1.0)],
    )
    models = next(r for r in step.assemble(measured, "local[2]", "2g") if "models on Spark" in r.name)
    assert models.note.startswith("**1 failed**: int_b (boom); ")
    assert "int_b | intermediate | 30.00 | 9 | 0 B | 3.00 GiB | 0 B | 0.0 | error: boom" in step.detail_lines(
        failed.extra
    )


@pytest.mark.parametrize("item", ["spark.driver.memory", "=8g", "spark.driver.memory= "])
def test_a_spark_conf_that_is_not_key_value_is_refused(item):
    from pipelines.spark.cli import parse_spark_conf

    with pytest.raises(ValueError, match="--spark-conf needs KEY=VALUE"):
        parse_spark_conf([item])


def test_spark_conf_keeps_the_last_of_a_repeated_key():
    from pipelines.spark.cli import parse_spark_conf

    conf = parse_spark_conf(
        ["spark.driver.memory=4g", "spark.sql.shuffle.partitions = 400", "spark.driver.memory=8g"]
    )
    assert conf == {"spark.driver.memory": "8g", "spark.sql.shuffle.partitions": "400"}


def test_a_fixed_setting_is_refused_before_spark_starts(tmp_path, capsys):
    pytest.importorskip("pyspark")
    from pipelines.spark.cli import run

    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "_export.json").write_text("{}")
    args = argparse.Namespace(
        raw=raw,
        marts=tmp_path / "marts",
        spark_master="local[1]",
        spark_conf=["spark.sql.session.timeZone=Europe/Helsinki"],
    )
    assert run(args) == 2
    assert "spark.sql.session.timeZone cannot be changed" in capsys.readouterr().err


def test_a_path_with_an_export_is_read_for_sizes(tmp_path):
    raw = tmp_path / "raw"
    (raw / "raw_journey_events" / "period_month=2026-01-01").mkdir(parents=True)
    (raw / "raw_journey_events" / "period_month=2026-01-01" / "part_0.parquet").write_bytes(b"x" * 300)
    (raw / "map_stages").mkdir()
    (raw / "map_stages" / "part_0.parquet").write_bytes(b"x" * 20)
    manifest = {"tables": {"raw_journey_events": {"rows": 10}, "map_stages": {"rows": 2}}}
    (raw / "_export.json").write_text(json.dumps(manifest))
    assert events.export_sizes(raw) == {
        "raw_journey_events": {"rows": 10, "bytes": 300},
        "map_stages": {"rows": 2, "bytes": 20},
    }


def test_the_step_runs_its_parts_in_order_and_emits_the_rows(monkeypatch, capsys, tmp_path):
    calls: list[list[str]] = []
    tables = {"raw_journey_events": {"rows": 100, "bytes": 3200}}

    def fake_run_task(module: str, args: list[str]):
        calls.append([module, *args])
        part = args[0]
        if part == "export":
            return [Result("export", [1.0], 10.0, extra={"tables": tables})], 1.5, 20.0
        if part == "spark":
            return [_spark_result(30.0, 5.0, 2048.0)], 40.0, 30.0
        if part == "refresh":
            return [Result("full refresh", [4.0], 500.0, "< 20 s", True)], 5.0, 520.0
        marts = [{"name": "mart_c", "status": "equal", "detail": ""}]
        return [Result("compare", [0.5], 100.0, extra={"marts": marts})], 1.0, 110.0

    monkeypatch.setattr(step, "missing_requirement", lambda: None)
    monkeypatch.setattr(step, "run_task", fake_run_task)
    args = argparse.Namespace(
        master="local[2]",
        db=tmp_path / "L.duckdb",
        work=tmp_path,
        scale="L",
        runs=2,
        driver_memory=None,
        conf=["spark.sql.shuffle.partitions=16"],
        detail=tmp_path / "detail.json",
    )
    step.orchestrate(args)
    assert [c[1] if c[0] == "bench.spark" else "refresh" for c in calls] == [
        "export",
        "spark",
        "refresh",
        "export",
        "spark",
        "refresh",
        "compare",
    ]
    spark_call = calls[1]
    confs = [spark_call[i + 1] for i, a in enumerate(spark_call) if a == "--conf"]
    assert confs == [
        "spark.driver.memory=8g",
        f"spark.local.dir={tmp_path / 'spark-local'}",
        "spark.sql.shuffle.partitions=16",
    ]
    captured = capsys.readouterr()
    rows = [
        Result.from_json(ln[len(RESULT_PREFIX) :])
        for ln in captured.out.splitlines()
        if ln.startswith(RESULT_PREFIX)
    ]
    assert len(rows) == 6 and rows[-1].note.startswith("1 of 1 marts equal")
    assert "export raw_journey_events: 100 rows, 3,200 bytes" in captured.err
    assert "int_b | intermediate | 30.00 | 9 | 0 B | 3.00 GiB | 0 B | 0.0" in captured.err
    assert json.loads(args.detail.read_text())["spark"]["jvm_peak_mib"] == 2048.0
