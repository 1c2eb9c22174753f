"""The tables each model reads are remembered on disk: a second process finds every model there
and does not import sqlglot; an edited model, a damaged cache or an unwritable folder only means
parsing again."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from pipelines import model_reads_cache
from pipelines.model_files import discover_models, table_references

ROOT = Path(__file__).resolve().parent.parent
PROBE = (
    "import sys; from pipelines.model_files import discover_models; "
    "models = discover_models(); print(len(models), 'sqlglot' in sys.modules)"
)


def _run(cache: Path) -> str:
    env = {"CX_CACHE_DIR": str(cache), "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.strip()


def test_a_second_process_reads_the_models_dependencies_from_the_cache(tmp_path):
    n = len(discover_models())
    assert _run(tmp_path) == f"{n} True"  # first process: parses every model and saves the answers
    stored = json.loads((tmp_path / "model_reads.json").read_text())
    assert len(stored) == n
    assert _run(tmp_path) == f"{n} False"  # second: every answer from the cache, sqlglot not imported


def test_edited_damaged_or_unwritable_caches_parse_again(tmp_path, monkeypatch):
    monkeypatch.setenv("CX_CACHE_DIR", str(tmp_path))
    model_reads_cache._stored.cache_clear()
    sql = "select * from stg_a join int_b using (k)"
    assert model_reads_cache.remembered(sql) is None
    assert table_references.__wrapped__(sql) == {"stg_a", "int_b"}
    model_reads_cache._stored.cache_clear()
    assert model_reads_cache.remembered(sql) == {"stg_a", "int_b"}
    assert model_reads_cache.remembered(sql + " join int_c using (k)") is None  # edited: another key

    (tmp_path / "model_reads.json").write_text("{not json", encoding="utf-8")
    model_reads_cache._stored.cache_clear()
    assert model_reads_cache.remembered(sql) is None
    assert table_references.__wrapped__(sql) == {"stg_a", "int_b"}

    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CX_CACHE_DIR", str(blocker))
    model_reads_cache._stored.cache_clear()
    assert table_references.__wrapped__(sql) == {"stg_a", "int_b"}  # cannot save: still answers
    model_reads_cache._stored.cache_clear()
