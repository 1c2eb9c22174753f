"""The survey import's memory: rows released once checked, results unchanged, peak bounded.

The full-size figures (500k / 1M / 2M rows) come from `python -m bench.survey_memory`; here a
100,000-row import runs as a subprocess and its growth over a 100-row import is held to a bound
scaled from those measurements (docs/survey-import.md, "Memory").
"""

from __future__ import annotations

import gc
import weakref
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

from bench.survey_memory import SURVEY_MAX_ROWS as BENCH_SURVEY_MAX_ROWS
from bench.survey_memory import measure_import, write_survey_csv
from core.access import cli_actor
from core.db import connect
from surveys.importer import check, import_file, import_preview, preview_file

# Measured (bench.survey_memory, 2026-11-28): a 100,000-row import peaks ~125 MB (1.3 KB a row)
# above a 100-row one; before the columnar rewrite it was 315 MB (3.3 KB a row), which fails here.
GROWTH_PER_ROW_BOUND = 2048  # bytes of peak RSS per data row, over a tiny import


class _Row(list):
    """A row list that can be watched with a weak reference."""


def _file(tmp_path: Path) -> Path:
    path = tmp_path / "answers.csv"
    path.write_text(
        "Response ID,Date,NPS,CSAT,Comment,Status\n"
        "R1,2024-03-01 10:00,9,5,hyvä,IP Address\n"
        "R2,2024-03-02 11:30,3,,call me at 040 123 4567,IP Address\n"
        "R3,2024-03-03 12:00,10,4,,Survey Preview\n"
        "R4,2024-03-04 13:00,,2,slow,IP Address\n",
        encoding="utf-8",
    )
    return path


def _mapping(preview):
    mapping = preview.mapping
    mapping.scores = {"NPS": "nps", "CSAT": "csat"}
    mapping.response_id, mapping.responded_at, mapping.comment = "Response ID", "Date", "Comment"
    return mapping


def test_released_rows_are_freed_and_the_records_are_the_same(tmp_path: Path) -> None:
    path = _file(tmp_path)
    kept = preview_file(path)
    _mapping(kept)
    expected = list(check(kept).records)
    assert [r[:4] for r in expected] == [
        ("R1-nps", "answers", "nps", 9.0),
        ("R1-csat", "answers", "csat", 5.0),
        ("R2-nps", "answers", "nps", 3.0),
        ("R4-csat", "answers", "csat", 2.0),
    ]
    assert expected[2][10] == datetime(2024, 3, 2, 9, 30) and expected[2][11] == "call me at [phone]"
    assert len(kept.table.rows) == 4  # checking without release keeps the rows (the Upload page)

    preview = preview_file(path)
    _mapping(preview)
    preview.table.rows = [_Row(r) for r in preview.table.rows]
    watched = [weakref.ref(r) for r in preview.table.rows]
    preview.raw.rows[1:] = preview.table.rows  # the reader's list holds the same rows
    checked = check(preview, release_rows=True)
    gc.collect()
    assert [w() for w in watched] == [None] * 4, "a checked row is still alive"
    assert preview.table.rows == [] and len(preview.raw.rows) == 1 and preview.rows_released
    assert list(checked.records) == expected and checked.n_records == 4
    assert checked.skipped and sum(checked.skipped.values()) == 1
    with pytest.raises(ValueError, match="already released"):
        check(preview)


def _responses(db: Path) -> list[tuple]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(
            "select * exclude (batch_id) from raw_survey_responses order by response_id"
        ).fetchall()
    finally:
        con.close()


def test_released_import_writes_what_the_kept_one_writes(tmp_path: Path) -> None:
    path = write_survey_csv(tmp_path / "survey.csv", 3000)
    dbs = []
    for name in ("kept", "import_file", "released_at_write"):
        db = tmp_path / f"{name}.duckdb"
        con = connect(db)
        try:
            if name == "import_file":
                result = import_file(con, path, actor=cli_actor())
            else:
                preview = preview_file(path, con)
                checked = check(preview)
                result = import_preview(
                    con, preview, checked=checked, actor=cli_actor(), release=name == "released_at_write"
                )
            assert result.status == "imported" and result.responses_written == 6000
            if name == "released_at_write":  # the responses went to the database: not twice
                assert preview.table.rows == [] and checked.n_records == 6000
                con.execute("delete from import_batches")
                with pytest.raises(ValueError, match="already handed to an import"):
                    import_preview(con, preview, checked=checked, actor=cli_actor())
        finally:
            con.close()
        dbs.append(db)
    kept, *others = (_responses(db) for db in dbs)
    assert len(kept) == 6000 and others == [kept, kept]


def test_a_100k_row_import_grows_by_less_than_the_bound(tmp_path: Path) -> None:
    small = write_survey_csv(tmp_path / "small.csv", 100)
    large = write_survey_csv(tmp_path / "large.csv", 100_000)
    base, _, status, last = measure_import(small, tmp_path / "small.duckdb")
    assert status == 0, last
    peak, _, status, last = measure_import(large, tmp_path / "large.duckdb")
    assert status == 0 and "200000 responses" in last, last
    growth = peak - base
    assert growth <= GROWTH_PER_ROW_BOUND * 100_000, (
        f"peak {peak / 2**20:.0f} MB, {growth / 2**20:.0f} MB above a 100-row import "
        f"({growth / 100_000:.0f} bytes a row; bound {GROWTH_PER_ROW_BOUND})"
    )


def test_the_survey_row_default_keeps_the_bound_and_env_still_overrides(monkeypatch) -> None:
    from core.reading import Limits
    from surveys.importer import SURVEY_MAX_ROWS, survey_limits

    monkeypatch.delenv("CX_MAX_ROWS", raising=False)
    assert survey_limits().max_rows == SURVEY_MAX_ROWS == BENCH_SURVEY_MAX_ROWS == 1_500_000
    assert Limits.from_env().max_rows == 2_000_000  # systems loads keep theirs
    assert survey_limits(max_rows=2_000_000).max_rows == 2_000_000
    monkeypatch.setenv("CX_MAX_ROWS", "2000000")
    assert survey_limits().max_rows == 2_000_000
