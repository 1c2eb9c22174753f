"""The tables each model's SQL reads, remembered on disk between processes: a command that
refreshes would otherwise import sqlglot and parse all 46 models first (~0.3 s of a survey
refresh's budget of 1 s). An entry is keyed by the SQL text and sqlglot's version, so an edited
model, or another sqlglot, is parsed again. A cache that cannot be read or written is ignored."""

from __future__ import annotations

import hashlib
import json
import os
import tempfile
from functools import lru_cache
from importlib.metadata import version
from pathlib import Path

from core.cache_folder import cache_root

MAX_ENTRIES = 500  # old models' entries are dropped, oldest first


def cache_file() -> Path:
    return cache_root() / "model_reads.json"


def _key(sql: str) -> str:
    return hashlib.sha256(f"sqlglot {_sqlglot_version()}\0{sql}".encode()).hexdigest()


@lru_cache(maxsize=1)
def _sqlglot_version() -> str:
    return version("sqlglot")  # package metadata: without importing sqlglot


@lru_cache(maxsize=4)
def _stored(path: Path) -> dict[str, list[str]]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {
        k: v
        for k, v in data.items()
        if isinstance(k, str) and isinstance(v, list) and all(isinstance(n, str) for n in v)
    }


def remembered(sql: str) -> frozenset[str] | None:
    """The tables an earlier process found this SQL to read, if it is in the cache."""
    names = _stored(cache_file()).get(_key(sql))
    return None if names is None else frozenset(names)


def remember(sql: str, names: frozenset[str]) -> None:
    """Add one answer to the cache; the file is replaced whole (a reader never sees half of it)."""
    path = cache_file()
    stored = _stored(path)
    stored[_key(sql)] = sorted(names)
    while len(stored) > MAX_ENTRIES:
        del stored[next(iter(stored))]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".model_reads-", suffix=".json")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(stored, out)
        os.replace(temporary, path)
    except OSError:
        pass  # a folder it cannot write: the next process parses again
