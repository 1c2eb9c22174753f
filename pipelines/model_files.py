"""The model files: the contract each states on its first lines (grain, key, materialization),
the tables its SQL reads (sqlglot's parse tree), and the order they build in (graphlib).

A model file starts with

    -- grain: one row per <what a row is, in one line of prose>
    -- key: col1, col2                  (the columns that are unique and never null together)
    -- key: none (<why no columns are>)  (only where that is really so)

and may say `-- materialized: view|table` and `-- incremental: ...` (pipelines/incremental_rebuild.py)
among its first four lines. tests/test_model_contracts.py checks every key on the demo.
"""

from __future__ import annotations

import re
import warnings
from dataclasses import dataclass
from functools import lru_cache
from graphlib import CycleError, TopologicalSorter
from pathlib import Path
from typing import Literal

from pipelines import model_reads_cache

MODELS_DIR = Path(__file__).resolve().parent / "models"
Layer = Literal["staging", "intermediate", "marts"]
LAYERS: tuple[Layer, ...] = ("staging", "intermediate", "marts")
GRAIN_LINE = re.compile(r"^-- grain: (\S.*)$")
KEY_LINE = re.compile(r"^-- key: (\S.*)$")
KEY_COLUMNS = re.compile(r"^[a-z_][a-z0-9_]*(, [a-z_][a-z0-9_]*)*$")
NO_KEY = re.compile(r"^none \((\S.*)\)$")
MATERIALIZED_COMMENT = re.compile(r"^-- materialized: (view|table)\s*$", re.MULTILINE)
HINT_LINES = 4  # the materialized and incremental hints stand among the first four lines


class RefreshError(RuntimeError):
    """A model failed to build; nothing was changed."""


@dataclass(frozen=True)
class Contract:
    """What a model promises about its rows."""

    grain: str
    key: tuple[str, ...]  # empty: the model has no key, for the reason given
    no_key_reason: str | None = None


def read_contract(path: Path, sql: str) -> Contract:
    """The grain and key lines a model file starts with; RefreshError naming the file if not."""
    lines = sql.splitlines()
    grain = GRAIN_LINE.match(lines[0].rstrip() if lines else "")
    if not grain:
        raise RefreshError(f"{path}: the first line must state the grain ('-- grain: one row per ...')")
    key = KEY_LINE.match(lines[1].rstrip() if len(lines) > 1 else "")
    if not key:
        raise RefreshError(
            f"{path}: the second line must state the key ('-- key: col1, col2', or '-- key: none (why)')"
        )
    no_key = NO_KEY.match(key.group(1))
    if no_key:
        return Contract(grain.group(1), (), no_key.group(1))
    if re.match(r"none\b", key.group(1)):
        raise RefreshError(f"{path}: a model without a key must say why: '-- key: none (why)'")
    if not KEY_COLUMNS.match(key.group(1)):
        raise RefreshError(
            f"{path}: the key must be column names separated by ', ' or 'none (why)', not {key.group(1)!r}"
        )
    return Contract(grain.group(1), tuple(key.group(1).split(", ")))


@dataclass(frozen=True)
class Model:
    name: str
    layer: Layer
    path: Path
    sql: str

    @property
    def materialized(self) -> Literal["view", "table"]:
        """Staging models are views, the others tables, unless a hint says otherwise."""
        hint = MATERIALIZED_COMMENT.search("\n".join(self.sql.splitlines()[:HINT_LINES]))
        if hint:
            return "view" if hint.group(1) == "view" else "table"  # spelled out for the Literal
        return "view" if self.layer == "staging" else "table"

    @property
    def contract(self) -> Contract:
        return read_contract(self.path, self.sql)

    @property
    def reads(self) -> frozenset[str]:
        """The tables and views the model's SQL reads (CTE names excluded)."""
        return table_references(self.sql, str(self.path))


@lru_cache(maxsize=256)
def table_references(sql: str, where: str = "model") -> frozenset[str]:
    """Names of the tables the query reads, from sqlglot's parse tree (duckdb dialect): the
    sources of every scope (CTEs, subqueries, set operations) that are tables, not CTEs.
    Remembered on disk (pipelines/model_reads_cache.py), so a new process need not parse again.

    Should sqlglot fail to parse a statement DuckDB runs, every identifier token counts (a
    superset: it can add a dependency, never lose one) and a warning names the file;
    tests/test_model_contracts.py requires that every model parses.
    """
    names = model_reads_cache.remembered(sql)
    if names is not None:
        return names
    names = parsed_references(sql)
    if names is not None:
        model_reads_cache.remember(sql, names)
        return names
    return identifier_references(sql, where)


def parsed_references(sql: str) -> frozenset[str] | None:
    """The tables of table_references from sqlglot's parse tree; None if sqlglot cannot parse it."""
    import sqlglot  # here, not at the top: a process that finds every model in the cache skips it
    from sqlglot import exp
    from sqlglot.errors import SqlglotError
    from sqlglot.optimizer.scope import traverse_scope

    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
        return frozenset(
            source.name
            for scope in traverse_scope(tree)
            for source in (*scope.sources.values(), *scope.lateral_sources.values())
            if isinstance(source, exp.Table)
        )
    except SqlglotError:
        return None


def identifier_references(sql: str, where: str) -> frozenset[str]:
    """Every identifier token of the SQL, with a warning naming the file (sqlglot could not parse it)."""
    import sqlglot
    from sqlglot.errors import SqlglotError

    warnings.warn(
        f"{where}: sqlglot cannot parse it; its dependencies are read from its identifiers instead",
        stacklevel=3,
    )
    try:
        tokens = sqlglot.tokenize(sql, read="duckdb")
    except SqlglotError as exc:
        raise RefreshError(f"{where}: cannot read which tables it uses: {exc}") from exc
    return frozenset(
        t.text for t in tokens if t.token_type in (sqlglot.TokenType.VAR, sqlglot.TokenType.IDENTIFIER)
    )


def discover_models(models_dir: Path | None = None) -> list[Model]:
    """All models in dependency order; each file holds one relation named like the file."""
    models_dir = models_dir or MODELS_DIR
    models: list[Model] = []
    for layer in LAYERS:
        for path in sorted((models_dir / layer).glob("*.sql")):
            sql = path.read_text(encoding="utf-8").strip().rstrip(";")
            read_contract(path, sql)
            models.append(Model(path.stem, layer, path, sql))
    return dependency_order(models)


def dependencies(models: list[Model]) -> dict[str, set[str]]:
    """Model name -> the other models it reads; RefreshError for a read of a later layer."""
    by_name = {m.name: m for m in models}
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    deps: dict[str, set[str]] = {}
    for model in models:
        used = (model.reads & by_name.keys()) - {model.name}
        for name in sorted(used):
            if rank[by_name[name].layer] > rank[model.layer]:
                raise RefreshError(
                    f"{model.path}: a {model.layer} model may not read the {by_name[name].layer} model {name}"
                )
        deps[model.name] = used
    return deps


def dependency_order(models: list[Model]) -> list[Model]:
    """Layer by layer (no model reads a later layer), each layer in dependency order, ties by name."""
    by_name = {m.name: m for m in models}
    rank = {layer: i for i, layer in enumerate(LAYERS)}
    sorter = TopologicalSorter(dependencies(models))
    try:
        sorter.prepare()
    except CycleError as exc:
        # exc.args[1]: each name is read by the next one
        raise RefreshError(
            "models depend on each other in a cycle: " + " reads ".join(reversed(exc.args[1]))
        ) from exc
    ordered: list[Model] = []
    waiting: list[str] = []
    while sorter.is_active():
        waiting += sorter.get_ready()
        lowest = min(rank[by_name[name].layer] for name in waiting)
        ready = sorted(name for name in waiting if rank[by_name[name].layer] == lowest)
        waiting = [name for name in waiting if name not in ready]
        ordered += [by_name[name] for name in ready]
        sorter.done(*ready)
    return ordered
