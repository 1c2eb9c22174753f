"""Open a Parquet export as a Source: DuckDB reads it from a private copy when the relation is
scanned; nested columns become text."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import duckdb

from pipelines.loaders.duckdb_paths import private_copy, sql_literal, sql_quote
from pipelines.loaders.source import Source, SourceError, first_line, header_names


def read_parquet_source(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    workdir = Path(tempfile.mkdtemp(prefix="cx_load_"))
    ref = f"read_parquet({sql_literal(str(private_copy(path, workdir, 'source.parquet')))})"
    try:
        described = con.execute(f"describe select * from {ref}").fetchall()
    except duckdb.Error as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        detail = first_line(exc)
        raise SourceError(
            f"{path.name} cannot be read as Parquet: {detail}",
            code="unreadable_file",
            params={"file": path.name, "detail": detail},
        ) from exc
    cols = []
    for i, (name, dtype, *_rest) in enumerate(described):
        nested = any(t in dtype for t in ("STRUCT", "MAP", "[]", "UNION"))
        expr = f"cast({sql_quote(name)} as varchar)" if nested else sql_quote(name)
        cols.append(f"{expr} as c{i}")
    relation = f"(select {', '.join(cols) or '1 as c0'} from {ref})"
    types = [r[1] for r in con.execute(f"describe select * from {relation}").fetchall()]
    return Source(
        path,
        "parquet",
        relation,
        header_names([d[0] for d in described]),
        types,
        header_row=0,
        workdir=workdir,
    )
