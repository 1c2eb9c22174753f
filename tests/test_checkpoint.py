"""Commits do not stop for a checkpoint; the dashboard's refresh checkpoints on a thread of its own."""

from __future__ import annotations

import shutil

from core.db import CHECKPOINT_THRESHOLD, checkpoint_in_background, connect


def _wal_bytes(path) -> int:
    wal = path.with_name(path.name + ".wal")
    return wal.stat().st_size if wal.exists() else 0


def test_a_large_commit_stays_in_the_log_until_the_background_checkpoint(demo_db, tmp_path):
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    try:
        threshold = con.execute("select current_setting('checkpoint_threshold')").fetchall()[0][0]
        assert CHECKPOINT_THRESHOLD == "1GB" and threshold == "953.6 MiB"  # DuckDB shows 10^9 bytes so
        # rows fewer than a row group go through the log (~20 MB); the checkpoint moves them to the file
        con.execute("create table big (i bigint, s varchar)")
        con.execute("insert into big select range, repeat(range::varchar, 40) from range(100000)")
        assert _wal_bytes(path) > 16 * 2**20
        assert con.execute("select count(*) from big").fetchall()[0][0] == 100_000
        checkpoint_in_background(con).join(timeout=60)
        assert _wal_bytes(path) == 0
    finally:
        con.close()
    con = connect(path, read_only=True)
    try:
        assert con.execute("select count(*) from big").fetchall()[0][0] == 100_000
    finally:
        con.close()


def test_a_failed_background_checkpoint_is_only_logged(tmp_path, caplog):
    con = connect(tmp_path / "cx.duckdb")
    con.close()
    checkpoint_in_background(con).join(timeout=10)
    assert "background checkpoint not done" in caplog.text
