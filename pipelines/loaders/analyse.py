"""Read one export into a stage table (typed value per target) and collect its row-level problems."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import duckdb

from core.db import setting
from core.problems import Problem
from core.reading import Limits
from pipelines.loaders import checks as ck
from pipelines.loaders.mapping import LoadMapping
from pipelines.loaders.notes import journey_map_notes, other_value_notes
from pipelines.loaders.open_export import open_source
from pipelines.loaders.source import Source, SourceError
from pipelines.loaders.targets import Kind

MAX_LISTED_PROBLEMS = 10_000
Progress = Callable[[float, str], None]


@dataclass
class Analysis:
    """A file read and checked: the stage and problems temp tables, counts and the listed report."""

    kind: Kind
    mapping: LoadMapping
    zone: str
    source: Source | None
    matches: list[ck.ColumnMatch]
    stage: str
    problems_table: str
    rows_read: int = 0
    bad_rows: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    # each check's (code, params known before reading, name of the param read from the row), by ord
    check_codes: list[tuple[str, dict[str, Any], str]] = field(default_factory=list)

    @classmethod
    def start(cls, kind: Kind, mapping: LoadMapping, zone: str) -> Analysis:
        """An empty analysis with fresh temp-table names."""
        tag = uuid.uuid4().hex[:12]
        return cls(kind, mapping, zone, None, [], f"__load_stage_{tag}", f"__load_problems_{tag}")

    def fail(self, problem: Problem) -> Analysis:
        """Record one file-level problem (the file cannot be loaded at all)."""
        self.problems, self.problem_count = [problem], 1
        return self

    def has_stage(self, con: duckdb.DuckDBPyConnection) -> bool:
        return (
            con.execute(
                "select count(*) from information_schema.tables where table_name = ?", [self.stage]
            ).fetchall()[0][0]
            > 0
        )

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(f"drop table if exists {self.stage}")
        con.execute(f"drop table if exists {self.problems_table}")
        if self.source is not None:
            self.source.close(con)


def tick(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def analyse(
    con: duckdb.DuckDBPyConnection,
    kind: Kind,
    path: Path,
    mapping: LoadMapping,
    sheet: str | None,
    limits: Limits,
    zone: str,
    progress: Progress | None,
) -> Analysis:
    """Read the file, type every target column in SQL and collect the row-level problems."""
    out = Analysis.start(kind, mapping, zone)
    tick(progress, 0.05, "reading")
    try:
        out.source = open_source(
            con, path, sheet or mapping.sheet, mapping.delimiter, mapping.encoding, limits
        )
    except SourceError as exc:
        return out.fail(exc.problem())
    source = out.source
    out.matches, _ = ck.resolve_columns(kind, mapping, source.headers)
    header_problems = _header_problems(kind, source, out.matches)
    if header_problems:
        out.problems, out.problem_count = header_problems, len(header_problems)
        out.rows_read = out.bad_rows = max(source.rows, 0)
        return out
    tick(progress, 0.2, "reading and typing")
    try:
        _create_stage(con, out)
    except SourceError as exc:
        return out.fail(exc.problem())
    total, out.rows_read = con.execute(
        f"select count(*), count(*) filter (where not __blank) from {out.stage}"
    ).fetchall()[0]
    source.rows = total
    if total > limits.max_rows:
        return out.fail(
            Problem(
                0,
                "",
                "",
                f"{path.name} has {total:,} rows, over the maximum of {limits.max_rows:,}",
                code="too_many_rows",
                params={"file": path.name, "rows": total, "limit": limits.max_rows},
            )
        )
    tick(progress, 0.5, "validating")
    _create_problems(con, out)
    out.problem_count, out.bad_rows = con.execute(
        f"select count(*), count(distinct rec) from {out.problems_table}"
    ).fetchall()[0]
    bad = f"select distinct rec from {out.problems_table}"
    out.notes = other_value_notes(con, out.stage, bad, mapping, out.matches) + journey_map_notes(
        con, kind.name, out.stage, bad
    )
    if out.problem_count:
        out.problems = _fetch_problems(con, out, source)
    elif out.rows_read == 0:
        out.fail(Problem(source.header_row, "", "", "the file has no data rows", code="no_data_rows"))
    return out


def _file_order(con: duckdb.DuckDBPyConnection) -> AbstractContextManager[None]:
    """Keep insertion order while the stage is written: its rowid must be the record's position."""
    return setting(con, "preserve_insertion_order", True)


def _create_stage(con: duckdb.DuckDBPyConnection, out: Analysis) -> None:
    """Scan the file once into the stage table (CSV: fast reader, else the padding fallback)."""
    source = out.source
    assert source is not None
    with _file_order(con):
        try:
            create, _ = ck.stage_sql(
                out.kind, source, out.matches, out.mapping, out.stage, source.relation, out.zone
            )
            con.execute(create)
            return
        except duckdb.Error as exc:
            if source.fallback is None or not _is_read_error(exc):
                if _is_read_error(exc):
                    raise source.read_error(exc) from exc
                raise
        try:
            create, _ = ck.stage_sql(
                out.kind, source, out.matches, out.mapping, out.stage, source.fallback, out.zone
            )
            con.execute(create)
            source.relation = source.fallback
        except duckdb.Error as exc:
            if _is_read_error(exc):
                raise source.read_error(exc) from exc
            raise


def _is_read_error(exc: Exception) -> bool:
    text = str(exc)
    return any(
        s in text
        for s in ("CSV Error", "Invalid unicode", "Parquet", "parquet", "Could not read", "IO Error")
    )


def _create_problems(con: duckdb.DuckDBPyConnection, out: Analysis) -> None:
    """One problems table from every check and the duplicate-key rule."""
    assert out.source is not None
    _, checks = ck.stage_sql(
        out.kind, out.source, out.matches, out.mapping, out.stage, out.source.relation, out.zone
    )
    parts = [
        f"select rowid as rec, {i} as ord, {ck.lit(c.column)} as col, {c.value} as value, "
        f"{c.reason} as reason, null::bigint as other, cast({c.detail} as varchar) as detail "
        f"from {out.stage} where not __blank and ({c.condition})"
        for i, c in enumerate(checks)
    ]
    dup_sql, dup_label, dup_reason = ck.duplicate_sql(out.kind, out.matches, out.stage)
    parts.append(
        f"select rec, {len(checks)}, {ck.lit(dup_label)}, value, {ck.lit(dup_reason)}, "
        f"first_rec, null from ({dup_sql})"
    )
    out.check_codes = [(c.code, c.params, c.detail_param) for c in checks]
    out.check_codes.append((*ck.duplicate_code(out.kind, out.matches), ""))
    con.execute(f"create temp table {out.problems_table} as {' union all '.join(parts)}")


def _header_problems(kind: Kind, source: Source, matches: list[ck.ColumnMatch]) -> list[Problem]:
    """Required target columns with nowhere to come from, and mapped headers not in the file."""
    problems = []
    have = ", ".join(source.headers)
    for m in matches:
        if m.how != "missing":
            continue
        if m.source is not None:
            problems.append(
                Problem(
                    source.header_row,
                    m.source,
                    "",
                    f"the mapping reads {m.target} from column {m.source!r}, which "
                    f"is not in the file (columns: {have})",
                    code="mapped_column_not_in_file",
                    params={"field": m.target, "column": m.source, "columns": tuple(source.headers)},
                )
            )
        elif m.required:
            fix = (
                "map it to a column of the file ('columns:' in the mapping)"
                if m.target == kind.key
                else "map it to a column of the file ('columns:' in the mapping) or give every row "
                "the same value ('constants:')"
            )
            problems.append(
                Problem(
                    source.header_row,
                    m.target,
                    "",
                    f"required column {m.target} is missing: {fix}; the file has the columns {have}",
                    code="required_key_missing" if m.target == kind.key else "required_column_missing",
                    params={"field": m.target, "columns": tuple(source.headers)},
                )
            )
    return problems


def _fetch_problems(con: duckdb.DuckDBPyConnection, out: Analysis, source: Source) -> list[Problem]:
    rows = con.execute(
        f"select rec, col, value, reason, other, ord, detail from {out.problems_table} "
        f"order by rec, ord limit {MAX_LISTED_PROBLEMS}"
    ).fetchall()
    recs = {r[0] for r in rows} | {r[4] for r in rows if r[4] is not None}
    shown = source.display_rows(sorted(recs))
    problems = []
    for rec, col, value, reason, other, ord_, detail in rows:
        code, params, detail_param = out.check_codes[ord_]
        params = dict(params)
        if other is not None:
            params["other_row"] = shown.get(other, "")
        if detail_param:
            params[detail_param] = "" if detail is None else str(detail)
        problems.append(
            Problem(
                shown[rec],
                col,
                "" if value is None else str(value),
                reason.replace("{other}", str(shown.get(other, ""))),
                code=code,
                params=params,
            )
        )
    if out.problem_count > len(problems):
        more = out.problem_count - len(problems)
        problems.append(
            Problem(
                0, "", "", f"{more:,} more problems not listed", code="more_problems", params={"count": more}
            )
        )
    return problems
