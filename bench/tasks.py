"""Single benchmark steps, each run in its own process by ``python -m bench``.

python -m bench.tasks demo --scale L --db PATH
python -m bench.tasks refresh --db PATH
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from bench.common import Result, emit, peak_rss_mib


def demo(db: Path, scale: str) -> None:
    from pipelines.demo import run_demo

    t0 = time.perf_counter()
    run_demo(db, scale, seed=7)
    emit(Result("demo generation", [time.perf_counter() - t0], peak_rss_mib()))


def full_refresh(db: Path) -> None:
    from core.db import connect
    from pipelines.runner import refresh

    con = connect(db)
    try:
        t0 = time.perf_counter()
        refresh(con)
        seconds = time.perf_counter() - t0
    finally:
        con.close()
    emit(Result("full refresh", [seconds], peak_rss_mib(), "< 20 s", seconds < 20))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("task", choices=["demo", "refresh"])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--scale", default="L")
    args = parser.parse_args()
    if args.task == "demo":
        demo(args.db, args.scale)
    else:
        full_refresh(args.db)


if __name__ == "__main__":
    main()
