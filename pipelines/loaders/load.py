"""Preview and load a systems export: one transaction, idempotent by file hash, upsert by key."""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Literal

import duckdb
import pandas as pd

from core import audit
from core.access import Actor, Permission, require
from core.batches import BatchResult, already_imported, new_batch_id
from core.compressed import Unpacked, unpacked
from core.file_hash import file_sha256
from core.load_kinds import KindName
from core.problems import Problem, report_csv
from core.reading import FileRejectedError, Limits
from pipelines.loaders import checks as ck
from pipelines.loaders.analyse import Analysis, Progress, analyse, tick
from pipelines.loaders.mapping import LoadMapping, MappingError, load_mapping
from pipelines.loaders.source import Source
from pipelines.loaders.targets import KINDS, Kind
from pipelines.loaders.write import write_batch
from pipelines.loaders.zones import LoadZone, resolve_zone

SAMPLE_ROWS = 20


FileFormat = Literal["csv", "xlsx", "parquet", ""]  # '' when the file cannot be read
ZoneSource = Literal["given", "mapping", "company", ""]


@dataclass(kw_only=True)
class _FileFacts:
    """What a preview and a load both tell about the file besides the rows."""

    file_hash: str = ""
    problem_count: int = 0
    columns: list[ck.ColumnMatch] = field(default_factory=list)  # where each target came from
    notes: list[str] = field(default_factory=list)  # warnings that do not stop the load
    timezone: str = ""  # zone of times without an offset (stored as UTC)
    timezone_source: ZoneSource = ""
    compressed: str | None = None  # 'gzip' or 'zip: <member>' when unpacked


@dataclass
class LoadPreview(_FileFacts):
    """What the Upload page shows before loading: columns, how each target is filled, sample, problems."""

    kind: KindName
    source_file: str
    format: FileFormat
    mapping: LoadMapping  # the effective mapping (auto matches filled in)
    source_columns: list[str] = field(default_factory=list)
    unused_columns: list[str] = field(default_factory=list)
    sample: pd.DataFrame = field(default_factory=pd.DataFrame)  # first rows as in the file
    mapped_sample: pd.DataFrame = field(default_factory=pd.DataFrame)  # the same rows as loaded
    rows_read: int = 0
    rows_with_problems: int = 0
    problems: list[Problem] = field(default_factory=list)
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    already_imported: str | None = None  # batch id when this file is already loaded

    @property
    def ok(self) -> bool:
        """True when the whole file would load without --valid-rows-only."""
        return not self.problems and self.rows_read > 0

    def report_csv(self) -> str:
        return report_csv(self.problems)


@dataclass
class LoadResult(BatchResult, _FileFacts):
    """What a load did (core.batches.BatchResult): the kind, rows written and replaced, seconds."""

    kind: KindName
    rows_written: int = 0
    rows_replaced: int = 0  # existing rows with the same key, replaced
    seconds: float = 0.0


def _effective_mapping(mapping: LoadMapping, matches: list[ck.ColumnMatch]) -> LoadMapping:
    columns = {m.target: m.source for m in matches if m.source and m.how in ("mapping", "auto", "missing")}
    return replace(mapping, columns=columns)


def _kind(kind: str) -> Kind:
    if kind not in KINDS:
        raise ValueError(f"unknown load kind {kind!r}; use one of {', '.join(KINDS)}")
    return KINDS[kind]


def _zone(con: duckdb.DuckDBPyConnection, timezone: str | None, mapping: LoadMapping) -> LoadZone:
    try:
        return resolve_zone(con, timezone, mapping.timezone)
    except ValueError as exc:
        raise MappingError(str(exc)) from exc


def _compressed(plain: Unpacked) -> str | None:
    if plain.member is None:
        return None
    return "gzip" if plain.member == "" else f"zip: {plain.member}"


@contextmanager
def _analysed(
    con: duckdb.DuckDBPyConnection,
    spec: Kind,
    path: Path,
    mapping: LoadMapping,
    sheet: str | None,
    limits: Limits,
    zone: str,
    progress: Progress | None,
) -> Iterator[tuple[Analysis, str | None]]:
    """The file (unpacked first when it is a .gz or .zip) analysed; temp tables and files are
    removed afterwards. A file over the size limit or a rejected archive is a file-level problem."""
    if path.is_file() and path.stat().st_size > limits.max_bytes:
        yield (
            Analysis.start(spec, mapping, zone).fail(
                Problem(
                    0,
                    "",
                    "",
                    f"{path.name} is {path.stat().st_size:,} bytes, over the maximum of {limits.max_bytes:,}",
                    code="file_too_large",
                    params={"file": path.name, "size": path.stat().st_size, "limit": limits.max_bytes},
                )
            ),
            None,
        )
        return
    with ExitStack() as stack:
        try:
            plain = stack.enter_context(unpacked(path, limits))
        except FileRejectedError as exc:
            yield (
                Analysis.start(spec, mapping, zone).fail(
                    Problem(0, "", "", str(exc), code=exc.code, params=exc.params)
                    if exc.code
                    else Problem(0, "", "", str(exc), code="file_rejected", params={"detail": str(exc)})
                ),
                None,
            )
            return
        if plain.compressed:  # the unpacked data is bounded by the unpacking limits instead
            limits = replace(limits, max_bytes=max(limits.max_bytes, limits.max_uncompressed_bytes))
        out = analyse(con, spec, plain.path, mapping, sheet, limits, zone, progress)
        try:
            yield out, _compressed(plain)
        finally:
            out.drop(con)


def preview_load(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    path: str | Path,
    mapping: LoadMapping | dict | str | Path | None = None,
    sheet: str | None = None,
    limits: Limits | None = None,
    timezone: str | None = None,
) -> LoadPreview:
    """Read and validate the whole file without writing anything; what the Upload page shows.

    `timezone`: the zone of times without an offset (default: the mapping's, else the company's).
    """
    spec, path = _kind(kind), Path(path)
    mapping = load_mapping(mapping, kind)
    zone = _zone(con, timezone, mapping)
    file_hash = file_sha256(path) if path.is_file() else ""
    with _analysed(con, spec, path, mapping, sheet, limits or Limits.from_env(), zone.name, None) as (
        out,
        compressed,
    ):
        source = out.source
        preview = LoadPreview(
            kind,
            path.name,
            source.format if source else "",
            _effective_mapping(mapping, out.matches),
            file_hash=file_hash,
            columns=out.matches,
            rows_read=out.rows_read,
            rows_with_problems=out.bad_rows,
            problem_count=out.problem_count,
            problems=out.problems,
            notes=out.notes,
            already_imported=already_imported(con, kind, file_hash) if file_hash else None,
            timezone=zone.name,
            timezone_source=zone.source,
            compressed=compressed,
        )
        if source is None:
            return preview
        used = {m.index for m in out.matches if m.index is not None}
        preview.source_columns = list(source.headers)
        preview.unused_columns = [h for i, h in enumerate(source.headers) if i not in used]
        preview.encoding, preview.delimiter = source.encoding, source.delimiter
        preview.sheet, preview.sheets = source.sheet, source.sheets
        preview.sample = _sample(con, source)
        if out.has_stage(con):
            names = [m.target for m in out.matches if m.how != "missing"]
            preview.mapped_sample = con.execute(
                f"select {', '.join(f'v_{n} as {n}' for n in names)} from {out.stage} "
                f"where not __blank order by rowid limit {SAMPLE_ROWS}"
            ).df()
        return preview


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


def load_file(
    con: duckdb.DuckDBPyConnection,
    kind: str,
    path: str | Path,
    mapping: LoadMapping | dict | str | Path | None = None,
    sheet: str | None = None,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    limits: Limits | None = None,
    timezone: str | None = None,
    *,
    actor: Actor,
) -> LoadResult:
    """Validate and load one export in ONE transaction (with its audit entry); nothing is written
    when it is rejected. `actor` needs the import permission and is recorded as imported_by.

    `timezone`: the zone of times without an offset (default: the mapping's, else the company's);
    every time is stored as naive UTC.
    """
    require(actor, Permission.IMPORT)
    started = time.perf_counter()
    spec, path = _kind(kind), Path(path)
    mapping = load_mapping(mapping, kind)
    zone = _zone(con, timezone, mapping)
    result = LoadResult("rejected", path.name, kind, timezone=zone.name, timezone_source=zone.source)
    if not path.is_file():
        result.problems, result.problem_count = (
            [
                Problem(
                    0,
                    "",
                    "",
                    f"{path.name}: file not found",
                    code="file_not_found",
                    params={"file": path.name},
                )
            ],
            1,
        )
        return result
    result.file_hash = file_sha256(path)
    existing = already_imported(con, kind, result.file_hash)
    if existing:
        result.status, result.batch_id = "already_imported", existing
        tick(progress, 1.0, "already imported")
        return result
    with _analysed(con, spec, path, mapping, sheet, limits or Limits.from_env(), zone.name, progress) as (
        out,
        compressed,
    ):
        result.compressed = compressed
        result.rows_read, result.rows_skipped = out.rows_read, out.bad_rows
        result.problems, result.problem_count = out.problems, out.problem_count
        result.columns, result.notes = out.matches, out.notes
        result.format = out.source.format if out.source else ""
        writable = out.rows_read - out.bad_rows
        if out.source is None or (out.problems and not valid_rows_only) or writable <= 0:
            if not result.problems:
                result.problems = [Problem(0, "", "", "no valid rows to load", code="no_valid_rows")]
                result.problem_count = 1
            result.seconds = round(time.perf_counter() - started, 3)
            return result
        tick(progress, 0.7, "writing")
        batch_id = new_batch_id(kind)
        detail = {
            "kind": kind,
            "file": path.name,
            "file_hash": result.file_hash,
            "rows": writable,
            "skipped": out.bad_rows,
        }
        result.rows_replaced = write_batch(
            con,
            out,
            batch_id,
            path.name,
            result.file_hash,
            actor.name,
            writable,
            before_commit=lambda: audit.record(con, actor, "load", "batch", batch_id, detail),
        )
        result.status, result.batch_id, result.rows_written = "imported", batch_id, writable
    tick(progress, 1.0, "done")
    result.seconds = round(time.perf_counter() - started, 3)
    return result
