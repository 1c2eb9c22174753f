"""A model's DuckDB SQL as Spark SQL: macros expanded in the parse tree, a few DuckDB functions
sqlglot leaves as they are rewritten to their Spark equivalents, then sqlglot's Spark generator."""

from __future__ import annotations

from dataclasses import dataclass

import sqlglot
from sqlglot import exp
from sqlglot.errors import SqlglotError

from pipelines.spark.macros import Macro, expand_macros


class TranslationError(ValueError):
    """A model cannot be translated."""


@dataclass(frozen=True)
class Translated:
    name: str
    duckdb_sql: str  # macros expanded, still DuckDB
    spark_sql: str


def _anonymous(node: exp.Expression, name: str) -> bool:
    return isinstance(node, exp.Anonymous) and str(node.this).lower() == name


def _spark_functions(node: exp.Expression) -> exp.Expression:
    """DuckDB functions sqlglot passes through unchanged, as Spark expressions of the same value."""
    # `as [not] materialized`: a DuckDB planner hint, no meaning for the result; Spark has no syntax
    if isinstance(node, exp.CTE) and node.args.get("materialized") is not None:
        node.set("materialized", None)
        return node
    # timezone(zone, timezone('UTC', ts)): a naive UTC time as the zone's naive wall-clock time
    if _anonymous(node, "timezone") and len(node.expressions) == 2:
        zone, inner = node.expressions
        if (
            _anonymous(inner, "timezone")
            and len(inner.expressions) == 2
            and isinstance(inner.expressions[0], exp.Literal)
            and inner.expressions[0].this.upper() == "UTC"
        ):
            converted = exp.Anonymous(this="from_utc_timestamp", expressions=[inner.expressions[1], zone])
            return exp.Cast(this=converted, to=exp.DataType.build("timestamp_ntz", dialect="spark"))
        raise TranslationError("timezone() is translated only as timezone(zone, timezone('UTC', ts))")
    # row_number() / rank() are BIGINT on DuckDB, INT on Spark
    if (
        isinstance(node, exp.Window)
        and isinstance(node.this, (exp.RowNumber, exp.Rank, exp.DenseRank))
        and not isinstance(node.parent, exp.Cast)
    ):
        return exp.Cast(this=node, to=exp.DataType.build("bigint"))
    # to_seconds(x): an interval of x seconds
    if _anonymous(node, "to_seconds") and len(node.expressions) == 1:
        zero = exp.Literal.number(0)
        return exp.Anonymous(
            this="make_dt_interval", expressions=[zero, zero.copy(), zero.copy(), node.expressions[0]]
        )
    return node


def _numbered_unnest(select: exp.Expression) -> exp.Expression:
    """`unnest(xs) as a, generate_subscripts(xs, 1) as i` in one select list (DuckDB: the elements
    and their 1-based positions) as Spark's `inline(arrays_zip(xs, positions)) as (a, i)`."""
    if not isinstance(select, exp.Select):
        return select
    projections = list(select.expressions)
    for k, sub in enumerate(projections):
        call = sub.this if isinstance(sub, exp.Alias) else None
        if not (_anonymous(call, "generate_subscripts") and len(call.expressions) == 2):
            continue
        array, dim = call.expressions
        if dim.sql() != "1":
            raise TranslationError("generate_subscripts is translated only for dimension 1")
        for j, other in enumerate(projections):
            inner = other.this if isinstance(other, exp.Alias) else None
            if isinstance(inner, (exp.Unnest, exp.Explode)) and _same(inner, array):
                arr = array.sql("spark")
                zipped = sqlglot.parse_one(
                    f"inline(arrays_zip({arr}, transform({arr}, (x, i) -> i + 1)))", read="spark"
                )
                projections[j] = exp.Aliases(
                    this=zipped, expressions=[exp.to_identifier(other.alias), exp.to_identifier(sub.alias)]
                )
                del projections[k]
                select.set("expressions", projections)
                return select
        raise TranslationError(
            "generate_subscripts(xs, 1) is translated only beside unnest(xs) in one select"
        )
    return select


def _same(unnest: exp.Expression, array: exp.Expression) -> bool:
    args = unnest.expressions if isinstance(unnest, exp.Unnest) else [unnest.this]
    return len(args) == 1 and args[0] == array


def expanded_tree(sql: str, macros: dict[str, Macro], where: str = "model") -> exp.Expression:
    """The model's parse tree (duckdb) with its macros expanded."""
    try:
        tree = sqlglot.parse_one(sql, read="duckdb")
    except SqlglotError as exc:
        raise TranslationError(f"{where}: sqlglot cannot parse it: {str(exc).splitlines()[0]}") from exc
    return expand_macros(tree, macros)


def translate(name: str, sql: str, macros: dict[str, Macro]) -> Translated:
    """The model as Spark SQL (sqlglot read='duckdb', write='spark')."""
    tree = expanded_tree(sql, macros, name)
    duck = tree.sql("duckdb")
    try:
        spark_tree = tree.copy().transform(_spark_functions, copy=False)
        spark_tree = spark_tree.transform(_numbered_unnest, copy=False)
        spark = spark_tree.sql("spark", unsupported_level=sqlglot.ErrorLevel.RAISE)
    except (SqlglotError, TranslationError) as exc:
        raise TranslationError(f"{name}: {str(exc).splitlines()[0]}") from exc
    return Translated(name, duck, spark)
