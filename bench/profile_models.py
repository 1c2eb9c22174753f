"""Time each model's build at one scale: python -m bench.profile_models DB [--top N]

Every model's `create` runs in one transaction that is rolled back, so the database is not
changed; the slowest models are printed with the total. Used to see where a refresh spends
its time (docs/benchmarks.md).
"""

from __future__ import annotations

import argparse
import time

from core.db import connect
from pipelines.runner import discover_models, unordered_writes


def profile(db: str) -> dict[str, float]:
    """Seconds per model, in refresh order (all built in one rolled-back transaction)."""
    con = connect(db)
    times: dict[str, float] = {}
    try:
        with unordered_writes(con):
            con.execute("begin transaction")
            try:
                for model in discover_models():
                    started = time.perf_counter()
                    con.execute(
                        f"drop {'view' if model.materialized == 'view' else 'table'} if exists {model.name}"
                    )
                    con.execute(f"create {model.materialized} {model.name} as\n{model.sql}")
                    times[model.name] = time.perf_counter() - started
            finally:
                con.execute("rollback")
    finally:
        con.close()
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile_models", description=__doc__)
    parser.add_argument("db")
    parser.add_argument("--top", type=int, default=12)
    args = parser.parse_args(argv)
    times = profile(args.db)
    for name, seconds in sorted(times.items(), key=lambda kv: -kv[1])[: args.top]:
        print(f"{seconds:6.2f} s  {name}")
    print(f"{sum(times.values()):6.2f} s  total ({len(times)} models)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
