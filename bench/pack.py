"""The meeting pack for all functions over the latest six months, in each format: gathering the
content from the marts once per run, then each file (PDF: Chromium printing the HTML).

    python -m bench.pack --db PATH [--runs N]

Each format's figure is the whole command's work: gathering + that file (target < 10 s at scale L).
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

import duckdb

from bench.common import Result, emit, peak_rss_mib
from pipelines.report_pack import PackFormat, build_pack, chromium_path, render

TARGET_S = 10.0


def one_run(db: Path, formats: tuple[PackFormat, ...]) -> dict[str, float]:
    """Seconds of gathering and of each format's file; the sizes in bytes under size_<format>."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        t0 = time.perf_counter()
        pack = build_pack(con, "all", None, "en")
        out = {
            "build": time.perf_counter() - t0,
            "functions": len(pack.functions),
            "actions": len(pack.actions),
        }
    finally:
        con.close()
    for fmt in formats:
        t0 = time.perf_counter()
        data = render(pack, fmt)
        out[fmt], out[f"size_{fmt}"] = time.perf_counter() - t0, len(data)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    formats: tuple[PackFormat, ...] = ("xlsx", "html") + (("pdf",) if chromium_path() else ())
    runs = [one_run(args.db, formats) for _ in range(args.runs)]
    peak = peak_rss_mib()
    first = runs[0]
    emit(
        Result(
            "meeting pack: gathering (all functions, 6 months)",
            [r["build"] for r in runs],
            peak,
            note=f"{first['functions']} functions, {first['actions']} actions",
        )
    )
    for fmt in formats:
        total = [r["build"] + r[fmt] for r in runs]
        median = sorted(total)[len(total) // 2]
        alone = sorted(r[fmt] for r in runs)[len(runs) // 2]
        emit(
            Result(
                f"meeting pack {fmt} (gathering + file)",
                total,
                peak,
                f"< {TARGET_S:.0f} s",
                median < TARGET_S,
                f"file {first[f'size_{fmt}'] / 1024:,.0f} KiB; the file alone {alone:.2f} s",
            )
        )
    if "pdf" not in formats:
        emit(Result("meeting pack pdf", [], peak, note="skipped: Chromium is not installed"))


if __name__ == "__main__":
    main()
