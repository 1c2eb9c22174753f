"""Compare the marts Spark wrote (Parquet) with DuckDB's (a refreshed database), both read
through DuckDB: same columns and types, the same rows by key, numbers within a relative tolerance."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb

from core.sql_paths import folder_files_sql
from core.sql_paths import sql_identifier as _q
from pipelines.model_files import Model

REL_TOL = 1e-9
FLOATING = ("DOUBLE", "FLOAT", "REAL")


@dataclass(frozen=True)
class MartComparison:
    name: str
    status: str  # equal | differs | missing
    detail: str = ""


def _schema(con: duckdb.DuckDBPyConnection, relation: str) -> list[tuple[str, str]]:
    return [(r[0], r[1]) for r in con.execute(f"describe {relation}").fetchall()]


def compare_mart(
    con: duckdb.DuckDBPyConnection, model: Model, folder: Path, rel_tol: float = REL_TOL
) -> MartComparison:
    """One mart: DuckDB's table in ``con`` against Spark's Parquet folder."""
    if not folder.exists():
        return MartComparison(model.name, "missing", "no Parquet folder")
    files = folder_files_sql(folder)  # the folder's name matched literally: 'm[1]' is not 'm1'
    con.execute(f"create or replace temp view spark_side as select * from read_parquet({files})")
    duck_schema, spark_schema = _schema(con, model.name), _schema(con, "spark_side")
    problems: list[str] = []
    if duck_schema != spark_schema:
        d, s = dict(duck_schema), dict(spark_schema)
        if list(d) != list(s):
            problems.append(f"columns differ: duckdb {list(d)} spark {list(s)}")
        problems += [f"{c}: duckdb {d[c]} spark {s[c]}" for c in d if c in s and d[c] != s[c]]
    n_duck = con.execute(f"select count(*) from {model.name}").fetchall()[0][0]
    n_spark = con.execute("select count(*) from spark_side").fetchall()[0][0]
    if n_duck != n_spark:
        problems.append(f"rows: duckdb {n_duck} spark {n_spark}")
    key = list(model.contract.key)
    common = [c for c, _ in duck_schema if c in dict(spark_schema)]
    if key and all(k in common for k in key):
        on = " and ".join(f"d.{_q(k)} is not distinct from s.{_q(k)}" for k in key)
        only = con.execute(
            f"select count(*) filter (where s.{_q(key[0])} is null and d.{_q(key[0])} is not null), "
            f"count(*) filter (where d.{_q(key[0])} is null and s.{_q(key[0])} is not null) "
            f"from {model.name} as d full join spark_side as s on {on}"
        ).fetchall()[0]
        if only[0] or only[1]:
            problems.append(f"keys: {only[0]} only in duckdb, {only[1]} only in spark")
        types = dict(duck_schema)
        for column in common:
            if column in key:
                continue
            dv, sv = f"d.{_q(column)}", f"s.{_q(column)}"
            if types[column].upper() in FLOATING or types[column].upper().startswith("DECIMAL"):
                gap = f"abs({dv}::double - {sv}::double)"
                scale = f"greatest(abs({dv}::double), abs({sv}::double))"
                differ = (
                    f"not ({dv} is null and {sv} is null) and "
                    f"({dv} is null or {sv} is null or {gap} > {rel_tol} * greatest({scale}, 1e-300))"
                )
                worst = f"max({gap} / nullif({scale}, 0))"
            else:
                differ = f"{dv}::varchar is distinct from {sv}::varchar"
                worst = "null"
            n, rel = con.execute(
                f"select count(*) filter (where {differ}), {worst} "
                f"from {model.name} as d join spark_side as s on {on}"
            ).fetchall()[0]
            if n:
                problems.append(
                    f"{column}: {n} rows differ" + (f" (max rel {rel:.2g})" if rel is not None else "")
                )
    elif not problems:
        # no key: compare as multisets of text rows
        cols = ", ".join(f"{_q(c)}::varchar" for c in common)
        n = con.execute(
            f"select count(*) from ("
            f"(select {cols} from {model.name} except all select {cols} from spark_side) union all "
            f"(select {cols} from spark_side except all select {cols} from {model.name}))"
        ).fetchall()[0][0]
        if n:
            problems.append(f"{n} rows differ (no key: compared as whole rows)")
    return MartComparison(model.name, "differs" if problems else "equal", "; ".join(problems))


def compare_marts(
    db: Path, marts: Path, models: list[Model], rel_tol: float = REL_TOL, intermediate: bool = False
) -> list[MartComparison]:
    """Every mart model of ``models``: DuckDB's (in ``db``, read-only) against Spark's; with
    ``intermediate`` the other models too (written by run_models(write_intermediate=True))."""
    from pipelines.spark.engine_paths import INTERMEDIATE

    con = duckdb.connect(str(db), read_only=True)
    try:
        return [
            compare_mart(
                con, m, marts / m.name if m.layer == "marts" else marts / INTERMEDIATE / m.name, rel_tol
            )
            for m in models
            if intermediate or m.layer == "marts"
        ]
    finally:
        con.close()
