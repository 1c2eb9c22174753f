"""What a Spark run did, read afterwards for bench/spark.py: its event log summed by model (jobs
labelled with the model whose SQL started them, LabelledSession), and the sizes of an export."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

INPUTS = "(inputs)"  # label of the jobs before the first model: reading the export's schemas


# --- Spark's event log: bytes per model -----------------------------------------------------------

METRICS = {
    "internal.metrics.input.bytesRead": "input_bytes",
    "internal.metrics.output.bytesWritten": "output_bytes",
    "internal.metrics.shuffle.write.bytesWritten": "shuffle_write_bytes",
    "internal.metrics.memoryBytesSpilled": "memory_spilled_bytes",
    "internal.metrics.diskBytesSpilled": "disk_spilled_bytes",
    "internal.metrics.executorRunTime": "task_ms",
    "internal.metrics.input.recordsRead": "input_records",
    "internal.metrics.shuffle.write.recordsWritten": "shuffle_write_records",
}


@dataclass
class ModelIO:
    """What Spark's tasks did for one model (all its jobs' completed stages)."""

    stages: int = 0
    tasks: int = 0
    input_bytes: int = 0
    output_bytes: int = 0
    shuffle_write_bytes: int = 0
    memory_spilled_bytes: int = 0
    disk_spilled_bytes: int = 0
    task_ms: int = 0
    input_records: int = 0
    shuffle_write_records: int = 0


def io_by_label(lines: Iterable[str]) -> dict[str, ModelIO]:
    """Sum the completed stages of a Spark event log (JSON lines) by their job's description
    (spark.job.description; INPUTS when none)."""
    label_of_stage: dict[int, str] = {}
    totals: dict[str, ModelIO] = {}
    for line in lines:
        if '"SparkListenerJobStart"' not in line and '"SparkListenerStageCompleted"' not in line:
            continue
        event = json.loads(line)
        if event.get("Event") == "SparkListenerJobStart":
            label = (event.get("Properties") or {}).get("spark.job.description") or INPUTS
            for stage_id in event.get("Stage IDs", []):
                label_of_stage.setdefault(stage_id, label)
        elif event.get("Event") == "SparkListenerStageCompleted":
            info = event["Stage Info"]
            if info.get("Failure Reason"):
                continue
            io = totals.setdefault(label_of_stage.get(info["Stage ID"], INPUTS), ModelIO())
            io.stages += 1
            io.tasks += int(info.get("Number of Tasks", 0))
            for acc in info.get("Accumulables", []):
                attr = METRICS.get(acc.get("Name", ""))
                if attr:
                    setattr(io, attr, getattr(io, attr) + int(acc.get("Value", 0)))
    return totals


def event_lines(event_dir: Path) -> Iterable[str]:
    """The lines of the event log(s) in a folder (a plain file, or Spark 4's rolling
    eventlog_v2_* folder of events_N_* files); the folder holds one run's log."""
    files = [p for p in event_dir.rglob("*") if p.is_file() and not p.name.startswith((".", "appstatus"))]
    for path in sorted(files, key=lambda p: (p.parent.name, len(p.name), p.name)):
        with path.open(encoding="utf-8") as handle:
            yield from handle


class LabelledSession:
    """A SparkSession whose sql() labels the jobs that follow with the model whose SQL it runs
    (the model's translated text -> its name), so the event log can be read by model."""

    def __init__(self, spark, names_by_sql: dict[str, str]) -> None:
        self._spark = spark
        self._names = names_by_sql
        spark.sparkContext.setJobDescription(INPUTS)

    def sql(self, query: str, *args, **kwargs):
        self._spark.sparkContext.setJobDescription(self._names.get(query, INPUTS))
        return self._spark.sql(query, *args, **kwargs)

    def __getattr__(self, name: str):
        return getattr(self._spark, name)


# --- sizes ------------------------------------------------------------------------------------


def folder_bytes(path: Path) -> int:
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


def export_sizes(raw: Path) -> dict[str, dict[str, int]]:
    """Rows (from the export's manifest) and bytes of every table folder of an export."""
    manifest = json.loads((raw / "_export.json").read_text(encoding="utf-8"))["tables"]
    return {
        name: {"rows": int(info["rows"]), "bytes": folder_bytes(raw / name)}
        for name, info in manifest.items()
    }


def fmt_bytes(n: float) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if n >= size:
            return f"{n / size:.2f} {unit}" if unit == "GiB" else f"{n / size:.0f} {unit}"
    return f"{n:.0f} B"
