"""Refresh after a journey-map edit: only the models that read what changed are rebuilt
(pipelines/map_scope.py), against a full refresh of the same database.

    python -m bench.map_refresh --db PATH [--runs 3]

PATH must be a refreshed demo database. It is copied once (and refreshed in full once if its last
refresh recorded no per-table digests of the map); each edit of each run then works on a fresh copy
of that: the map in effect (the demo's) with one change, stored and refreshed with it, as the
journey map editor's save does.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from bench.common import Result, copy_at_rest, emit, peak_rss_mib

# (what the benchmark row says, text of the demo map, its replacement)
EDITS = (
    ("a theme loses a term", "yli luvatun ajan, late", "late"),
    (
        "a contact reason moves to another stage",
        "{reason: wrong_item, stage: picking,",
        "{reason: wrong_item, stage: delivery,",
    ),
    ("the minimum group size (min_n) changes", "min_n: 30", "min_n: 31"),
    (
        "a stage's SLA changes",
        "sla_hours: 72                # deadline",
        "sla_hours: 60                # deadline",
    ),
)


def prepared_base(source: Path, work: Path) -> Path:
    """A copy of the database whose last refresh recorded the map tables' digests."""
    from core.db import connect
    from pipelines.incremental import refresh_changed
    from pipelines.refresh_state import load

    base = work / "base.duckdb"
    copy_at_rest(source, base)
    con = connect(base)
    try:
        if not json.loads(load(con).get("journey_map_tables") or "{}"):
            refresh_changed(con, force_full=True)
            con.execute("checkpoint")
    finally:
        con.close()
    return base


def one_edit(base: Path, work: Path, old: str | None, new: str | None) -> tuple[float, dict]:
    """Seconds and summary of the refresh after storing the demo map with ``old`` replaced by
    ``new`` (None: a forced full refresh), on a fresh copy of ``base``."""
    from core.db import connect
    from pipelines.incremental import refresh_changed
    from pipelines.journey_map_store import active_map_text

    db = work / "run.duckdb"
    copy_at_rest(base, db)
    con = connect(db)
    try:
        if old is None:
            t0 = time.perf_counter()
            summary = refresh_changed(con, force_full=True)
        else:
            text = active_map_text(con)[0]
            if text.count(old) != 1:
                raise SystemExit(f"the map in effect does not hold {old!r} once: use a demo database")
            edited = work / "map.yaml"
            edited.write_text(text.replace(old, new or ""), encoding="utf-8")
            t0 = time.perf_counter()
            summary = refresh_changed(con, edited)
        return time.perf_counter() - t0, summary
    finally:
        con.close()
        db.unlink(missing_ok=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="cx-map-"))
    try:
        base = prepared_base(args.db, work)
        cases = [*EDITS, ("full refresh of the same database", None, None)]
        timings: dict[str, list[float]] = {label: [] for label, _, _ in cases}
        notes: dict[str, str] = {}
        for _ in range(args.runs):  # the edits alternate, run by run
            for label, old, new in cases:
                seconds, summary = one_edit(base, work, old, new)
                timings[label].append(seconds)
                notes[label] = f"{summary['mode']} refresh: {summary['models']} models rebuilt"
    finally:
        shutil.rmtree(work, ignore_errors=True)
    peak = peak_rss_mib()
    for label, _, _ in cases:
        name = label if label.startswith("full") else f"refresh after a map edit: {label}"
        emit(Result(name, timings[label], peak, note=notes[label]))


if __name__ == "__main__":
    main()
