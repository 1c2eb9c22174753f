"""The database made ready on first start: an empty database gets the demo company and its models,
a database whose models are missing or stale gets them built (once per file and process)."""

from __future__ import annotations

import os
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from core import db as cxdb
from dashboard import marts_source
from dashboard.connection import db_path

DEMO_SCALE_ENV = "CX_DEMO_SCALE"  # scale used when seeding an empty database (default S)
DEFAULT_DEMO_SCALE = "S"
DEMO_SEED = 7


@dataclass
class Preparation:
    """What ``ensure_database`` had to do before the dashboard could show anything."""

    path: str
    seeded: bool = False
    built_models: bool = False
    scale: str = ""
    seconds: float = 0.0
    counts: dict[str, int] = field(default_factory=dict)
    demo_summary: dict[str, Any] = field(default_factory=dict)


_prepare_lock = threading.Lock()
_prepared: dict[str, Preparation] = {}


def ensure_database() -> Preparation | None:
    """Seed an empty database with the demo company and build missing models.

    Runs once per database file and process, before the shared connection is opened
    (the demo generator opens the file itself). Returns the Preparation only to the
    caller that did the work, so exactly one session shows the notice.

    With CX_MARTS set (marts from a Parquet folder: dashboard/marts_source.py) nothing is done:
    no demo is generated and no model is built into the database file, which then holds only the
    app's own data.
    """
    if marts_source.enabled():
        return None
    path = db_path()
    if path in _prepared:
        return None
    with _prepare_lock:
        if path in _prepared:
            return None
        result = _prepare(path)
        _prepared[path] = result
        return result


def _prepare(path: str) -> Preparation:
    started = time.perf_counter()
    result = Preparation(path=path)
    con = cxdb.connect(path)
    try:
        if cxdb.is_empty(con):
            con.close()
            from pipelines.demo import run_demo
            from pipelines.runner import refresh

            scale = os.environ.get(DEMO_SCALE_ENV) or DEFAULT_DEMO_SCALE
            summary = run_demo(Path(path), scale, seed=DEMO_SEED)
            con = cxdb.connect(path)
            refresh(con)
            result.seeded, result.built_models, result.scale = True, True, scale
            result.demo_summary = dict(summary or {})
        else:
            # builds what is missing or stale: after an upgrade that added models, after imports
            # by the CLI, or after a journey-map change (no-op when nothing changed)
            from pipelines.incremental import refresh_changed

            result.built_models = refresh_changed(con)["mode"] != "none"
        if result.seeded:
            for table in cxdb.RAW_TABLES:
                if cxdb.table_exists(con, table):
                    result.counts[table] = con.execute(f"select count(*) from {table}").fetchall()[0][0]
    finally:
        con.close()
    result.seconds = time.perf_counter() - started
    return result
