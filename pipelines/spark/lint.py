"""The constructs that sqlglot translates to Spark SQL without an error but with another result
(issue 17), found in a model's parse tree (its macros expanded, so a macro's body is checked where
it is used). Each finding says the safe way to write it; tests/test_spark_lint.py runs this over
every model file.

- ordered aggregates: `list(x order by y)` becomes COLLECT_LIST(x), `string_agg(x, s order by y)`
  loses its order too. Safe: `list_transform(list_sort(list({'k': y, 'v': x})), lambda e: e.v)`
  (sorted by y, then by x: the same list wherever y has no ties within a group).
- decimal literals in arithmetic: `x / 3600.0`, `100.0 * x` are DECIMAL on Spark (precision lost,
  errors up to 2e-4). Safe: `3600.0::double`, or an exponent literal (`1e2`, a DOUBLE on both).
- date_diff on units other than microsecond: DuckDB counts boundaries crossed, Spark whole units.
  Safe: both timestamps date_trunc'ed to the unit first (then both count the same), or
  `date_diff('microsecond', a, b)`.
- a frame added to a named window, `over (w rows between ...)`: Spark cannot parse it. Safe: the
  whole window spelled out in the over clause, or a named window of its own with the frame.
- infinite timestamps, `'infinity'::timestamp`: null on Spark (it has none), so a comparison with
  it is null. Safe: say what it stands for (`done_at is null or x < done_at`).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlglot import exp

from pipelines.spark.macros import Macro
from pipelines.spark.translate import expanded_tree

ARITHMETIC = (exp.Add, exp.Sub, exp.Mul, exp.Div, exp.Mod, exp.IntDiv)
EXACT_UNITS = {"MICROSECOND", "MICROSECONDS", "US"}
TRUNCS = (exp.TimestampTrunc, exp.DateTrunc)


@dataclass(frozen=True)
class Finding:
    where: str
    rule: (
        str  # ordered_aggregate | decimal_literal | date_diff_unit | named_window_frame | infinite_timestamp
    )
    sql: str  # the offending expression (duckdb)

    def __str__(self) -> str:
        return f"{self.where}: {self.rule}: {self.sql[:160]}"


def _decimal_literal(node: exp.Expression) -> bool:
    if not (isinstance(node, exp.Literal) and node.is_number):
        return False
    text = str(node.this).lower()
    return "." in text and "e" not in text


def _in_arithmetic(node: exp.Expression) -> exp.Expression | None:
    """The arithmetic node a literal is an operand of (through parentheses and minus signs)."""
    parent = node.parent
    while isinstance(parent, (exp.Paren, exp.Neg)):
        parent = parent.parent
    return parent if isinstance(parent, ARITHMETIC) else None


def _unit(node: exp.Expression) -> str:
    unit = node.args.get("unit")
    return str(unit.name if isinstance(unit, exp.Expression) else unit or "DAY").upper()


def _truncated_to(node: exp.Expression, unit: str) -> bool:
    return isinstance(node, TRUNCS) and _unit(node) == unit


def lint_tree(tree: exp.Expression, where: str) -> list[Finding]:
    """Every silently-wrong construct in the tree."""
    found: list[Finding] = []
    for node in tree.walk():
        if isinstance(node, exp.AggFunc) and isinstance(node.this, exp.Order):
            found.append(Finding(where, "ordered_aggregate", node.sql("duckdb")))
        elif _decimal_literal(node) and (op := _in_arithmetic(node)) is not None:
            found.append(Finding(where, "decimal_literal", op.sql("duckdb")))
        elif isinstance(node, exp.DateDiff):
            unit = _unit(node)
            if unit not in EXACT_UNITS and not (
                _truncated_to(node.this, unit) and _truncated_to(node.expression, unit)
            ):
                found.append(Finding(where, "date_diff_unit", node.sql("duckdb")))
        elif isinstance(node, exp.Window) and node.args.get("alias") and node.args.get("spec"):
            found.append(Finding(where, "named_window_frame", node.sql("duckdb")))
        elif (
            isinstance(node, exp.Cast)
            and isinstance(node.this, exp.Literal)
            and node.this.is_string
            and str(node.this.this).strip().lower().lstrip("+-") == "infinity"
        ):
            found.append(Finding(where, "infinite_timestamp", node.sql("duckdb")))
    return found


def lint_sql(sql: str, macros: dict[str, Macro], where: str = "model") -> list[Finding]:
    """The findings of one model's SQL (macros expanded; a finding inside a macro's body shows here)."""
    return lint_tree(expanded_tree(sql, macros, where), where)


def lint_macros(macros: dict[str, Macro]) -> list[Finding]:
    """A macro whose body is a bare decimal literal (z95()): every use in arithmetic is DECIMAL."""
    return [
        Finding(f"macro {m.name}", "decimal_literal", m.body.sql("duckdb"))
        for m in macros.values()
        if _decimal_literal(m.body)
    ]
