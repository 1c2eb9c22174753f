"""The Spark lint (pipelines/spark/lint.py) and the macro expansion it reads models through:
the constructs sqlglot translates to Spark silently wrong are found, their safe forms are not,
and no model file has one."""

from __future__ import annotations

import pytest
import sqlglot

from pipelines.model_files import discover_models
from pipelines.spark.lint import lint_macros, lint_sql
from pipelines.spark.macros import MacroError, expand_macros, model_macros, parse_macros
from pipelines.spark.translate import TranslationError, translate

MACROS = model_macros("Europe/Helsinki")


def rules(sql: str, macros=None) -> list[str]:
    return [f.rule for f in lint_sql(sql, MACROS if macros is None else macros)]


@pytest.mark.parametrize(
    ("sql", "expected"),
    [
        ("select list(x order by y) from t group by g", ["ordered_aggregate"]),
        ("select string_agg(x, ' > ' order by y) from t", ["ordered_aggregate"]),
        ("select list(x order by y) filter (where k) from t", ["ordered_aggregate"]),
        ("select x / 3600.0 from t", ["decimal_literal"]),
        ("select 100.0 * x / n from t", ["decimal_literal"]),
        ("select -(1.5) * x from t", ["decimal_literal"]),
        ("select date_diff('second', a, b) from t", ["date_diff_unit"]),
        ("select date_diff('hour', a, b) from t", ["date_diff_unit"]),
        (
            "select date_diff('second', date_trunc('minute', a), date_trunc('second', b)) from t",
            ["date_diff_unit"],
        ),
        (
            "select max(x) over (w rows between unbounded preceding and current row) from t "
            "window w as (partition by a order by b)",
            ["named_window_frame"],
        ),
        ("select coalesce(done_at, 'infinity'::timestamp) from t", ["infinite_timestamp"]),
    ],
)
def test_silently_wrong_constructs_are_found(sql, expected):
    assert rules(sql) == expected


@pytest.mark.parametrize(
    "sql",
    [
        "select list_transform(list_sort(list({'k': y, 'v': x})), lambda e: e.v) from t group by g",
        "select list_sort(list(x)) from t group by g",
        "select list(x) from t group by g",
        "select x / 3600.0::double, 100.0::double * x / n, 1e2 * x from t",
        "select greatest(0.0, x), coalesce(c, 0.0), x > 0.5 from t",
        "select date_diff('second', date_trunc('second', a), date_trunc('second', b)) from t",
        "select date_diff('microsecond', a, b) from t",
        "select max(x) over (partition by a order by b rows between unbounded preceding and current row) "
        "from t",
        "select lag(x) over w from t window w as (partition by a order by b)",
        "select case when done_at is null or p < done_at then p end from t",
    ],
)
def test_the_safe_forms_pass(sql):
    assert rules(sql) == []


def test_a_macro_body_is_checked_where_it_is_used():
    macros = parse_macros("create macro pct(a, n) as 100.0 * a / n; create macro half() as 0.5;")
    assert rules("select pct(x, y) from t", macros) == ["decimal_literal"]
    assert [f.where for f in lint_macros(macros)] == ["macro half"]
    safe = parse_macros("create macro pct(a, n) as 100.0::double * a / n;")
    assert rules("select pct(x, y) from t", safe) == []


def test_macros_expand_in_the_parse_tree_with_arguments_kept_whole():
    macros = parse_macros(
        "create macro sq(x) as x * x; create macro f(a, b) as sq(a) - b; create macro k() as 'it''s';"
    )
    tree = expand_macros(sqlglot.parse_one("select f(p + 1, q), k() from t", read="duckdb"), macros)
    assert tree.sql("duckdb") == "SELECT (((p + 1) * (p + 1)) - q), 'it''s' FROM t"
    with pytest.raises(MacroError, match="takes 2 arguments"):
        expand_macros(sqlglot.parse_one("select f(1) from t", read="duckdb"), macros)
    looping = parse_macros("create macro a() as b(); create macro b() as a();")
    with pytest.raises(MacroError, match="calls itself"):
        expand_macros(sqlglot.parse_one("select a()", read="duckdb"), looping)


def test_a_column_named_like_a_parameter_but_qualified_is_not_replaced():
    macros = parse_macros("create macro m(x) as t.x + x;")
    tree = expand_macros(sqlglot.parse_one("select m(y) from t", read="duckdb"), macros)
    assert tree.sql("duckdb") == "SELECT (t.x + y) FROM t"


def test_translation_expands_every_macro_and_maps_duckdb_only_functions():
    sql = (
        "select local_time(ts) as l, local_month(ts) as m, ts + to_seconds(h * 3600) as d, "
        "unnest(xs) as x, generate_subscripts(xs, 1) as i from t"
    )
    spark = translate("m", sql, MACROS).spark_sql
    assert "FROM_UTC_TIMESTAMP(ts, 'Europe/Helsinki')" in spark
    assert "MAKE_DT_INTERVAL(0, 0, 0, h * 3600)" in spark
    assert "INLINE(ARRAYS_ZIP(xs, TRANSFORM(xs, (x, i) -> i + 1))) AS (x, i)" in spark
    for name in MACROS:
        assert f"{name.upper()}(" not in spark.upper().replace("_" + name.upper(), "")


@pytest.mark.parametrize(
    ("sql", "message"),
    [
        ("select generate_subscripts(xs, 1) as i from t", "beside unnest"),
        ("select timezone('Europe/Helsinki', ts) from t", "timezone"),
    ],
)
def test_what_the_translation_cannot_map_is_an_error_naming_the_model(sql, message):
    with pytest.raises(TranslationError, match=f"^m: .*{message}"):
        translate("m", sql, MACROS)


MODELS = discover_models()


@pytest.mark.parametrize("model", MODELS, ids=[m.name for m in MODELS])
def test_no_model_has_a_construct_spark_gets_silently_wrong(model):
    findings = lint_sql(model.sql, MACROS, str(model.path))
    assert not findings, "\n".join(str(f) for f in findings)


def test_no_macro_is_a_bare_decimal_literal():
    assert not lint_macros(MACROS), [str(f) for f in lint_macros(MACROS)]
