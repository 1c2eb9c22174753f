"""Where the marts come from when env CX_MARTS names a Parquet folder (the one
``python -m pipelines refresh --engine spark --marts PATH`` writes), and whether it can be served.

Reads the folder only (no DuckDB connection of the dashboard): ``inspect()`` returns a
``MartsSource`` that either lists every Parquet file of every mart, of the journey map's map_*
tables and the refresh's time, or names the one problem that keeps the pages from showing it (an
object-store or HDFS URI, which this DuckDB cannot read, a missing or empty folder, no
_refresh.json, a mart missing, columns the pages read missing), as an i18n key with its values.
dashboard/marts_catalog.py turns it into DuckDB views.

The map_* tables (stage and function names, targets, settings) are not written by the Spark run:
they are looked up in the marts folder first, then in the raw folder the run read (env CX_RAW, else
the "raw" path in _refresh.json, when it is a local folder); failing both, the pages use the
journey map stored in CX_DB, with a note saying so.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from datetime import datetime
from functools import lru_cache
from pathlib import Path
from typing import Literal

import duckdb

from core.locations import local_path, scheme

# read_parquet's arguments matched literally: kept importable from here (marts_catalog, tests)
from core.sql_paths import files_sql as files_sql
from core.sql_paths import glob_literal as glob_literal
from core.sql_paths import sql_string as sql_string
from pipelines.export_raw import MANIFEST
from pipelines.spark.engine_paths import DONE

MARTS_ENV = "CX_MARTS"  # the Parquet folder of the marts; unset: marts come from CX_DB
RAW_ENV = "CX_RAW"  # optional: the raw Parquet folder (export-raw layout) holding the map_* tables
# the journey map's tables the pages and the pipelines' page queries read
MAP_TABLES = (
    "map_stages",
    "map_functions",
    "map_contact_reasons",
    "map_settings",
    "map_targets",
    "map_themes",
)
MapsFrom = Literal["marts", "raw", "db"]


@dataclass(frozen=True)
class Problem:
    """Why the marts cannot be served (or a note about what is served): an i18n key and its values."""

    key: str
    values: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class MartsSource:
    """The Parquet marts folder as inspected at one state of its _refresh.json (``stamp``)."""

    folder: Path
    stamp: tuple[int, ...] | None
    problem: Problem | None = None
    refreshed_at: datetime | None = None
    seconds: float | None = None  # the Spark run's, from _refresh.json
    models: int | None = None
    marts: dict[str, tuple[Path, ...]] = field(default_factory=dict)  # mart -> its Parquet files
    maps: dict[str, tuple[Path, ...]] = field(default_factory=dict)  # map_* -> files ({} : from CX_DB)
    maps_from: MapsFrom = "db"
    notes: tuple[Problem, ...] = ()

    @property
    def usable(self) -> bool:
        return self.problem is None

    @property
    def name(self) -> str:
        """The folder's own name (shown to users instead of the server's path)."""
        return self.folder.name or str(self.folder)


def folder() -> Path | None:
    """The marts folder named by CX_MARTS (None: this deployment reads marts from CX_DB); a
    file: URI is its local path, another URI is kept as a path that inspect() refuses."""
    value = os.environ.get(MARTS_ENV, "").strip()
    if not value:
        return None
    local = local_path(value)
    return local.expanduser().absolute() if local is not None else Path(value)


def _remote_scheme(value: str) -> str | None:
    """The scheme of a URI this process cannot read as a folder (s3a, abfss, gs, hdfs...); None
    for a plain path or a file: URI of this machine."""
    return scheme(value) if value and local_path(value) is None else None


def enabled() -> bool:
    """Whether the marts come from a Parquet folder: the deployment is then read-only."""
    return folder() is not None


def stamp(path: Path) -> tuple[int, ...] | None:
    """The identity of the folder's _refresh.json (None without one): a Spark run rewrites it last."""
    try:
        st = (path / DONE).stat()
    except OSError:
        return None
    return (st.st_mtime_ns, st.st_size, st.st_ino)


@lru_cache(maxsize=4)
def _expected(models_key: tuple[tuple[str, str], ...]) -> dict[str, tuple[str, ...]]:
    import sqlglot
    from sqlglot.errors import SqlglotError
    from sqlglot.optimizer.qualify import qualify

    expected = {}
    for name, sql in models_key:
        tree = sqlglot.parse_one(sql, read="duckdb")
        selects = tree.named_selects
        if "*" in selects:  # a star over a CTE: its columns, as far as sqlglot can tell them
            try:
                expanded = qualify(tree, dialect="duckdb", expand_stars=True, validate_qualify_columns=False)
                selects = expanded.named_selects
            except SqlglotError:
                pass
        expected[name] = tuple(c for c in selects if c and c != "*")
    return expected


def expected_columns() -> dict[str, tuple[str, ...]]:
    """Every mart model -> the columns its SQL names in its final select, a star over a CTE
    expanded (one whose source sqlglot cannot resolve is left out: mart_friction's): what the
    pages may read."""
    from pipelines.model_files import discover_models  # sqlglot: only in this mode

    models = tuple((m.name, m.sql) for m in discover_models() if m.layer == "marts")
    return _expected(models)


def parquet_files(table_folder: Path) -> tuple[Path, ...]:
    """The Parquet files of one table folder, partition folders included, in path order; folders
    and files whose name starts with '_' or '.' (Spark's _temporary, _SUCCESS, .crc) skipped."""
    found: list[Path] = []
    for root, dirs, files in os.walk(table_folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith(("_", ".")))
        found += [Path(root) / f for f in files if f.endswith(".parquet") and not f.startswith(("_", "."))]
    return tuple(sorted(found))


def _columns(con: duckdb.DuckDBPyConnection, files: tuple[Path, ...]) -> list[str]:
    return [r[0] for r in con.execute(f"describe select * from read_parquet({files_sql(files)})").fetchall()]


def _refresh_info(path: Path) -> dict | None:
    try:
        info = json.loads((path / DONE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return info if isinstance(info, dict) else None


def raw_folder(info: dict) -> Path | None:
    """The raw export the run read: env CX_RAW, else _refresh.json's "raw" when it is a local
    folder (or file: URI) holding an export (a cluster's hdfs:// or s3a:// path is not read here)."""
    value = os.environ.get(RAW_ENV, "").strip() or str(info.get("raw") or "")
    path = local_path(value) if value else None
    if path is None:
        return None
    path = path.expanduser()
    return path if (path / MANIFEST).is_file() else None


def _find_maps(path: Path, info: dict) -> tuple[dict[str, tuple[Path, ...]], MapsFrom]:
    for where, base in (("marts", path), ("raw", raw_folder(info))):
        if base is None:
            continue
        maps = {
            t.name: parquet_files(t)
            for t in sorted(base.iterdir())
            if t.is_dir() and t.name.startswith("map_") and parquet_files(t)
        }
        if all(m in maps for m in MAP_TABLES):
            return maps, where  # type: ignore[return-value]
    return {}, "db"


def inspect(path: Path) -> MartsSource:
    """The folder's state: its marts' files, the map_* tables' files, or the problem."""
    now = stamp(path)
    values = {"folder": path.name or str(path)}

    def refused(key: str, **more: str) -> MartsSource:
        return MartsSource(path, now, Problem(key, {**values, **more}))

    remote = _remote_scheme(str(path))
    if remote is not None:  # DuckDB here has no httpfs: the marts are synced to a local folder
        return refused("marts_uri", scheme=remote)
    if not path.is_dir():
        return refused("marts_folder_missing")
    try:
        if not any(path.iterdir()):
            return refused("marts_folder_empty")
    except OSError:
        return refused("marts_folder_missing")
    info = _refresh_info(path) if now is not None else None
    if info is None:
        return refused("marts_not_refreshed")
    # the files under the folder's real path: a symlink flipped to a newer run's folder is served
    # from the next script run on, while a run in flight reads the files it started with
    real = path.resolve()
    expected = expected_columns()
    marts = {name: parquet_files(real / name) for name in expected}
    missing = [name for name, files in marts.items() if not files]
    if missing:
        return refused("marts_missing", marts=", ".join(missing), n=str(len(missing)))
    con = duckdb.connect()
    try:
        for name, files in marts.items():
            try:
                have = set(_columns(con, files))
            except duckdb.Error:
                return refused("marts_unreadable", mart=name)
            lacking = [c for c in expected[name] if c not in have]
            if lacking:
                return refused("marts_schema", mart=name, columns=", ".join(lacking))
    finally:
        con.close()
    maps, maps_from = _find_maps(real, info)
    notes: tuple[Problem, ...] = ()
    if maps_from == "db":
        remote_raw = _remote_scheme(os.environ.get(RAW_ENV, "").strip())
        notes = (
            Problem("marts_raw_uri", {"scheme": remote_raw}) if remote_raw else Problem("marts_maps_from_db"),
        )
    refreshed = datetime.fromtimestamp(now[0] / 1e9) if now else None
    seconds = info.get("seconds")
    models = info.get("models")
    return MartsSource(
        path,
        now,
        None,
        refreshed,
        float(seconds) if isinstance(seconds, (int, float)) else None,
        len(models) if isinstance(models, list) else None,
        marts,
        maps,
        maps_from,
        notes,
    )
