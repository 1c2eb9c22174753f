"""Preview and load a systems export: one transaction, idempotent by file hash, upsert by key."""
from __future__ import annotations

import getpass
import time
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path
from typing import Callable

import duckdb
import pandas as pd

from pipelines.loaders import checks as ck
from pipelines.loaders.archive import archive_table, ensure_archive
from pipelines.loaders.mapping import LoadMapping, load_mapping
from pipelines.loaders.notes import journey_map_notes
from pipelines.loaders.source import Source, SourceError, open_source
from pipelines.loaders.targets import KINDS, Kind
from surveys.importer import file_sha256
from surveys.reading import Limits
from surveys.validate import Problem, report_csv

MAX_LISTED_PROBLEMS = 10_000
SAMPLE_ROWS = 20
Progress = Callable[[float, str], None]


@dataclass
class LoadPreview:
    """What the Upload page shows before loading: columns, how each target is filled, sample, problems."""

    kind: str
    source_file: str
    format: str                                  # csv | xlsx | parquet ('' if unreadable)
    file_hash: str
    mapping: LoadMapping                         # the effective mapping (auto matches filled in)
    columns: list[ck.ColumnMatch] = field(default_factory=list)
    source_columns: list[str] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)
    sample: pd.DataFrame = field(default_factory=pd.DataFrame)         # first rows as in the file
    mapped_sample: pd.DataFrame = field(default_factory=pd.DataFrame)  # the same rows as loaded
    rows_read: int = 0
    rows_with_problems: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    already_imported: str | None = None          # batch id when this file is already loaded
    notes: list[str] = field(default_factory=list)  # warnings that do not stop the load

    @property
    def ok(self) -> bool:
        """True when the whole file would load without --valid-rows-only."""
        return not self.problems and self.rows_read > 0

    def report_csv(self) -> str:
        return report_csv(self.problems)


@dataclass
class LoadResult:
    status: str                                  # imported | rejected | already_imported
    kind: str
    source_file: str
    batch_id: str | None = None
    rows_read: int = 0
    rows_written: int = 0
    rows_skipped: int = 0
    rows_replaced: int = 0                       # existing rows with the same key, replaced
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    file_hash: str = ""
    seconds: float = 0.0
    format: str = ""                             # csv | xlsx | parquet
    columns: list[ck.ColumnMatch] = field(default_factory=list)  # where each target came from
    notes: list[str] = field(default_factory=list)  # warnings that do not stop the load

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "already_imported")

    def report_csv(self) -> str:
        return report_csv(self.problems)


@dataclass
class _Analysis:
    kind: Kind
    mapping: LoadMapping
    source: Source | None
    matches: list[ck.ColumnMatch]
    stage: str
    problems_table: str
    rows_read: int = 0
    bad_rows: int = 0
    problem_count: int = 0
    problems: list[Problem] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def drop(self, con: duckdb.DuckDBPyConnection) -> None:
        con.execute(f"drop table if exists {self.stage}")
        con.execute(f"drop table if exists {self.problems_table}")
        if self.source is not None:
            self.source.close(con)


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValueError(f"unknown load kind {kind!r}; use one of {', '.join(KINDS)}")
    return KINDS[kind]


def _tick(progress: Progress | None, fraction: float, message: str) -> None:
    if progress is not None:
        progress(fraction, message)


def already_imported(con: duckdb.DuckDBPyConnection, kind: str, file_hash: str) -> str | None:
    """Batch id of an active load of this exact file (same SHA-256) as this kind, if any."""
    rows = con.execute("select batch_id from import_batches where file_hash = ? and kind = ? "
                       "and status = 'active' order by imported_at limit 1",
                       [file_hash, kind]).fetchall()
    return rows[0][0] if rows else None


def _analyse(con: duckdb.DuckDBPyConnection, kind: Kind, path: Path, mapping: LoadMapping,
             sheet: str | None, limits: Limits, progress: Progress | None) -> _Analysis:
    """Read the file, type every target column in SQL and collect the row-level problems."""
    tag = uuid.uuid4().hex[:12]
    out = _Analysis(kind, mapping, None, [], f"__load_stage_{tag}", f"__load_problems_{tag}")
    _tick(progress, 0.05, "reading")
    try:
        out.source = open_source(con, path, sheet or mapping.sheet, mapping.delimiter,
                                 mapping.encoding, limits)
    except SourceError as exc:
        out.problems = [Problem(exc.row, "", exc.value, str(exc))]
        out.problem_count = 1
        return out
    source = out.source
    out.matches, _ = ck.resolve_columns(kind, mapping, source.headers)
    header_problems = _header_problems(kind, source, out.matches)
    if header_problems:
        out.problems, out.problem_count = header_problems, len(header_problems)
        out.rows_read = out.bad_rows = max(source.rows, 0)
        return out
    _tick(progress, 0.2, "reading and typing")
    try:
        _create_stage(con, out)
    except SourceError as exc:
        out.problems = [Problem(exc.row, "", exc.value, str(exc))]
        out.problem_count = 1
        return out
    total, out.rows_read = con.execute(
        f"select count(*), count(*) filter (where not __blank) from {out.stage}").fetchall()[0]
    source.rows = total
    if total > limits.max_rows:
        out.problems = [Problem(0, "", "", f"{path.name} has {total:,} rows, over the maximum "
                                          f"of {limits.max_rows:,}")]
        out.problem_count = 1
        return out
    _tick(progress, 0.5, "validating")
    _create_problems(con, out)
    out.problem_count, out.bad_rows = con.execute(
        f"select count(*), count(distinct rec) from {out.problems_table}").fetchall()[0]
    out.notes = journey_map_notes(con, kind.name, out.stage,
                                  f"select distinct rec from {out.problems_table}")
    if out.problem_count:
        out.problems = _fetch_problems(con, out, source)
    elif out.rows_read == 0:
        out.problems = [Problem(source.header_row, "", "", "the file has no data rows")]
        out.problem_count = 1
    return out


def _create_stage(con: duckdb.DuckDBPyConnection, out: _Analysis) -> None:
    """Scan the file once into the stage table (CSV: fast reader, else the padding fallback)."""
    source = out.source
    try:
        create, _ = ck.stage_sql(out.kind, source, out.matches, out.mapping, out.stage,
                                 source.relation)
        con.execute(create)
        return
    except duckdb.Error as exc:
        if source.fallback is None or not _is_read_error(exc):
            if _is_read_error(exc):
                raise source.read_error(exc) from exc
            raise
    try:
        create, _ = ck.stage_sql(out.kind, source, out.matches, out.mapping, out.stage,
                                 source.fallback)
        con.execute(create)
        source.relation = source.fallback
    except duckdb.Error as exc:
        if _is_read_error(exc):
            raise source.read_error(exc) from exc
        raise


def _is_read_error(exc: Exception) -> bool:
    text = str(exc)
    return any(s in text for s in ("CSV Error", "Invalid unicode", "Parquet", "parquet",
                                   "Could not read", "IO Error"))


def _create_problems(con: duckdb.DuckDBPyConnection, out: _Analysis) -> None:
    """One problems table from every check and the duplicate-key rule; counts and the listed report."""
    _, checks = ck.stage_sql(out.kind, out.source, out.matches, out.mapping, out.stage,
                             out.source.relation)
    parts = [f"select rowid as rec, {i} as ord, {ck.lit(c.column)} as col, {c.value} as value, "
             f"{c.reason} as reason, null::bigint as other from {out.stage} "
             f"where not __blank and ({c.condition})"
             for i, c in enumerate(checks)]
    dup_sql, dup_label, dup_reason = ck.duplicate_sql(out.kind, out.matches, out.stage)
    parts.append(f"select rec, {len(checks)}, {ck.lit(dup_label)}, value, {ck.lit(dup_reason)}, "
                 f"first_rec from ({dup_sql})")
    con.execute(f"create temp table {out.problems_table} as {' union all '.join(parts)}")


def _header_problems(kind: Kind, source: Source, matches: list[ck.ColumnMatch]) -> list[Problem]:
    """Required target columns with nowhere to come from, and mapped headers not in the file."""
    problems = []
    have = ", ".join(source.headers)
    for m in matches:
        if m.how != "missing":
            continue
        if m.source is not None:
            problems.append(Problem(source.header_row, m.source, "",
                                    f"the mapping reads {m.target} from column {m.source!r}, which "
                                    f"is not in the file (columns: {have})"))
        elif m.required:
            fix = ("map it to a column of the file ('columns:' in the mapping)"
                   if m.target == kind.key else
                   "map it to a column of the file ('columns:' in the mapping) or give every row "
                   "the same value ('constants:')")
            problems.append(Problem(source.header_row, m.target, "",
                                    f"required column {m.target} is missing: {fix}; the file has "
                                    f"the columns {have}"))
    return problems


def _fetch_problems(con: duckdb.DuckDBPyConnection, out: _Analysis, source: Source) -> list[Problem]:
    rows = con.execute(f"select rec, col, value, reason, other from {out.problems_table} "
                       f"order by rec, ord limit {MAX_LISTED_PROBLEMS}").fetchall()
    recs = {r[0] for r in rows} | {r[4] for r in rows if r[4] is not None}
    shown = source.display_rows(sorted(recs))
    problems = [Problem(shown[rec], col, "" if value is None else str(value),
                        reason.replace("{other}", str(shown.get(other, ""))))
                for rec, col, value, reason, other in rows]
    if out.problem_count > len(problems):
        problems.append(Problem(0, "", "", f"{out.problem_count - len(problems):,} more problems "
                                           "not listed"))
    return problems


def _effective_mapping(mapping: LoadMapping, matches: list[ck.ColumnMatch]) -> LoadMapping:
    columns = {m.target: m.source for m in matches
               if m.source and m.how in ("mapping", "auto", "missing")}
    return replace(mapping, columns=columns)


def preview_load(con: duckdb.DuckDBPyConnection, kind: str, path: str | Path,
                 mapping: LoadMapping | dict | str | Path | None = None, sheet: str | None = None,
                 limits: Limits | None = None) -> LoadPreview:
    """Read and validate the whole file without writing anything; what the Upload page shows."""
    spec, path = _kind(kind), Path(path)
    mapping = load_mapping(mapping, kind)
    file_hash = file_sha256(path) if path.is_file() else ""
    out = _analyse(con, spec, path, mapping, sheet, limits or Limits.from_env(), None)
    try:
        source = out.source
        preview = LoadPreview(kind, path.name, source.format if source else "", file_hash,
                              _effective_mapping(mapping, out.matches), out.matches,
                              rows_read=out.rows_read, rows_with_problems=out.bad_rows,
                              problem_count=out.problem_count, problems=out.problems,
                              notes=out.notes,
                              already_imported=already_imported(con, kind, file_hash)
                              if file_hash else None)
        if source is None:
            return preview
        used = {m.index for m in out.matches if m.index is not None}
        preview.source_columns = list(source.headers)
        preview.unused_columns = [h for i, h in enumerate(source.headers) if i not in used]
        preview.encoding, preview.delimiter = source.encoding, source.delimiter
        preview.sheet, preview.sheets = source.sheet, source.sheets
        preview.sample = _sample(con, source)
        if con.execute("select count(*) from information_schema.tables where table_name = ?",
                       [out.stage]).fetchall()[0][0]:
            names = [m.target for m in out.matches if m.how != "missing"]
            preview.mapped_sample = con.execute(
                f"select {', '.join(f'v_{n} as {n}' for n in names)} from {out.stage} "
                f"where not __blank order by rowid limit {SAMPLE_ROWS}").df()
        return preview
    finally:
        out.drop(con)


def _sample(con: duckdb.DuckDBPyConnection, source: Source) -> pd.DataFrame:
    """The first rows of the file as text, under its own headers (empty if it cannot be read)."""
    cols = ", ".join(f"cast(c{i} as varchar)" for i in range(len(source.headers)))
    for relation in dict.fromkeys([source.relation, source.fallback]):
        if relation is None:
            continue
        try:
            rows = con.execute(f"select {cols} from {relation} limit {SAMPLE_ROWS}").fetchall()
        except duckdb.Error:
            continue
        return pd.DataFrame(rows, columns=_unique(source.headers))
    return pd.DataFrame(columns=_unique(source.headers))


def _unique(headers: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for h in headers:
        seen[h] = seen.get(h, 0) + 1
        out.append(h if seen[h] == 1 else f"{h} ({seen[h]})")
    return out


def load_file(con: duckdb.DuckDBPyConnection, kind: str, path: str | Path,
              mapping: LoadMapping | dict | str | Path | None = None, sheet: str | None = None,
              valid_rows_only: bool = False, progress: Progress | None = None,
              imported_by: str | None = None, limits: Limits | None = None) -> LoadResult:
    """Validate and load one export in ONE transaction; nothing is written when it is rejected."""
    started = time.perf_counter()
    spec, path = _kind(kind), Path(path)
    mapping = load_mapping(mapping, kind)
    result = LoadResult("rejected", kind, path.name)
    if not path.is_file():
        result.problems, result.problem_count = [Problem(0, "", "", f"{path.name}: file not found")], 1
        return result
    result.file_hash = file_sha256(path)
    existing = already_imported(con, kind, result.file_hash)
    if existing:
        result.status, result.batch_id = "already_imported", existing
        _tick(progress, 1.0, "already imported")
        return result
    out = _analyse(con, spec, path, mapping, sheet, limits or Limits.from_env(), progress)
    try:
        result.rows_read, result.rows_skipped = out.rows_read, out.bad_rows
        result.problems, result.problem_count = out.problems, out.problem_count
        result.columns, result.notes = out.matches, out.notes
        result.format = out.source.format if out.source else ""
        writable = out.rows_read - out.bad_rows
        if out.source is None or (out.problems and not valid_rows_only) or writable <= 0:
            if not result.problems:
                result.problems = [Problem(0, "", "", "no valid rows to load")]
                result.problem_count = 1
            result.seconds = round(time.perf_counter() - started, 3)
            return result
        _tick(progress, 0.7, "writing")
        batch_id = f"{kind}-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
        result.rows_replaced = _write(con, spec, out, batch_id, path.name, result.file_hash,
                                      imported_by or _user(), writable)
        result.status, result.batch_id, result.rows_written = "imported", batch_id, writable
    finally:
        out.drop(con)
    _tick(progress, 1.0, "done")
    result.seconds = round(time.perf_counter() - started, 3)
    return result


def _write(con: duckdb.DuckDBPyConnection, spec: Kind, out: _Analysis, batch_id: str,
           source_file: str, file_hash: str, user: str, rows: int) -> int:
    """Archive and replace rows with the same keys, insert the valid rows and the batch: one commit."""
    key, table, archive = spec.key, spec.table, archive_table(spec)
    cols = ", ".join(spec.names)
    values = ", ".join(f"v_{n}" for n in spec.names)
    valid = f"(select * from {out.stage} where not __blank)"
    if out.bad_rows:  # --valid-rows-only: leave out every row with a problem
        valid = (f"(select s.* from {out.stage} s anti join "
                 f"(select distinct rec from {out.problems_table}) b on s.rowid = b.rec "
                 "where not s.__blank)")
    con.execute("begin transaction")
    try:
        ensure_archive(con, spec)
        con.execute(f"create temp table {out.stage}_keys as select v_{key} as k from {valid}")
        replaced = con.execute(
            f"select count(*) from {table} where {key} in (select k from {out.stage}_keys)"
        ).fetchall()[0][0]
        if replaced:
            con.execute(f"insert into {archive} select t.*, ?, ? from {table} t "
                        f"where t.{key} in (select k from {out.stage}_keys)",
                        [batch_id, datetime.now()])
            con.execute(f"delete from {table} where {key} in (select k from {out.stage}_keys)")
        con.execute(f"insert into {table} (batch_id, {cols}) select ?, {values} from {valid}",
                    [batch_id])
        con.execute("insert into import_batches (batch_id, kind, source_file, file_hash, "
                    "imported_by, imported_at, row_count, status) values (?, ?, ?, ?, ?, ?, ?, "
                    "'active')", [batch_id, spec.name, source_file, file_hash, user,
                                  datetime.now(), rows])
        con.execute(f"drop table {out.stage}_keys")
        con.execute("commit")
    except BaseException:
        try:
            con.execute("rollback")
        except duckdb.Error:
            pass
        raise
    return int(replaced)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"
