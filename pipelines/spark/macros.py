"""The DuckDB macros (models/macros.sql and the generated metric macros) as sqlglot trees, and
their expansion inside a model's parse tree: a call is replaced by the macro's body with each
parameter replaced by the argument's tree (never by text substitution)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import sqlglot
from sqlglot import exp

from pipelines.metric_macros import metric_macros_sql
from pipelines.model_files import MODELS_DIR

MAX_DEPTH = 20  # macros calling macros: deeper than this is a cycle


class MacroError(ValueError):
    """A macro cannot be read or expanded."""


@dataclass(frozen=True)
class Macro:
    name: str
    params: tuple[str, ...]
    body: exp.Expression


def company_tz_sql(zone: str) -> str:
    """The macro company_tz() as the runner creates it (the journey map's time zone)."""
    return f"create or replace macro company_tz() as '{zone.replace(chr(39), chr(39) * 2)}';"


def parse_macros(sql: str) -> dict[str, Macro]:
    """Every `create [or replace] macro name(params) as expr` of the text, by name; a later one
    replaces an earlier one (as DuckDB would), `create macro if not exists` does not."""
    macros: dict[str, Macro] = {}
    for statement in sqlglot.parse(sql, read="duckdb"):
        if statement is None:
            continue
        if not (isinstance(statement, exp.Create) and str(statement.args.get("kind")).upper() == "MACRO"):
            raise MacroError(f"not a macro definition: {statement.sql('duckdb')[:80]}")
        udf = statement.this
        name = udf.this.name.lower()
        if statement.args.get("exists") and name in macros:
            continue
        params = tuple(p.name.lower() for p in udf.expressions)
        macros[name] = Macro(name, params, statement.expression)
    return macros


def model_macros(timezone: str | None = None, models_dir: Path | None = None) -> dict[str, Macro]:
    """The macros every model may use (runner.model_macros_sql), company_tz() set to ``timezone``."""
    sql = metric_macros_sql() + ((models_dir or MODELS_DIR) / "macros.sql").read_text(encoding="utf-8")
    macros = parse_macros(sql)
    if timezone is not None:
        macros.update(parse_macros(company_tz_sql(timezone)))
    return macros


def _call_name(node: exp.Expression) -> str | None:
    if isinstance(node, exp.Anonymous):
        return str(node.this).lower()
    return None


def _instantiate(macro: Macro, args: list[exp.Expression]) -> exp.Expression:
    if len(args) != len(macro.params):
        raise MacroError(f"macro {macro.name} takes {len(macro.params)} arguments, given {len(args)}")
    by_param = dict(zip(macro.params, args, strict=True))

    def substitute(node: exp.Expression) -> exp.Expression:
        if isinstance(node, exp.Column) and not node.table and node.name.lower() in by_param:
            arg = by_param[node.name.lower()].copy()
            return arg if isinstance(arg, (exp.Column, exp.Literal, exp.Paren)) else exp.Paren(this=arg)
        return node

    body = macro.body.copy().transform(substitute, copy=False)
    return body if isinstance(body, (exp.Column, exp.Literal, exp.Paren)) else exp.Paren(this=body)


def expand_macros(tree: exp.Expression, macros: dict[str, Macro]) -> exp.Expression:
    """The tree with every macro call replaced by its body (macros inside bodies too)."""
    for _ in range(MAX_DEPTH):
        found = False

        def replace(node: exp.Expression) -> exp.Expression:
            nonlocal found
            name = _call_name(node)
            if name in macros:
                found = True
                return _instantiate(macros[name], list(node.expressions))
            return node

        tree = tree.transform(replace, copy=False)
        if not found:
            return tree
    raise MacroError(f"macros still unexpanded after {MAX_DEPTH} rounds (a macro calls itself?)")
