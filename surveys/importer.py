"""Import a survey file into raw_survey_responses: one transaction, idempotent by file hash (the batch
record, version history and rollback are core.batches and core.versions, shared with the loaders)."""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import datetime
from pathlib import Path

import duckdb

from core import audit, batches
from core.access import Actor, Permission, require
from core.batches import BatchResult, new_batch_id, record_batch
from core.compressed import unpacked
from core.db import one_thread
from core.file_hash import file_sha256
from core.load_kinds import LOAD_KINDS, SURVEYS
from core.problems import Problem
from core.reading import FileRejectedError, Limits, RawTable
from core.table_reader import read_table
from core.timezones import DEFAULT_TIMEZONE
from core.transaction import write_transaction
from core.versions import archive_rows, ensure_versions
from pipelines.journey_map_store import company_timezone
from surveys.formats import FlatTable, flatten, format_label
from surveys.mapping import Mapping, find_profile, header_signature, load_profile, propose
from surveys.validate import Validated, validate

RESPONSES = LOAD_KINDS[SURVEYS]

Progress = Callable[[float, str], None]  # (fraction 0..1, stage: reading | validating | writing | done)


def _report(progress: Progress | None, fraction: float, stage: str) -> None:
    if progress is not None:
        progress(min(1.0, max(0.0, fraction)), stage)


def _scaled(progress: Progress | None, start: float, end: float) -> Progress | None:
    """A callback that maps 0..1 onto start..end of `progress`."""
    if progress is None:
        return None
    return lambda fraction, stage: progress(start + (end - start) * fraction, stage)


@dataclass
class Preview:
    """What the user confirms before importing: format, mapping, and the row report."""

    path: Path  # the file the user gave (a .csv.gz or .zip as given)
    table: FlatTable
    raw: RawTable
    mapping: Mapping
    signature: str
    profile: str | None
    file_hash: str  # SHA-256 of the file as given
    not_scores: dict[str, str] = field(default_factory=dict)  # numeric columns never scores, why
    company_timezone: str = DEFAULT_TIMEZONE
    compressed: str | None = None  # 'reviews.csv.gz (gzip)', 'export.zip: reviews.csv'
    rows_released: bool = False  # check(release_rows=True) freed the rows (raw keeps its headers)

    def format_line(self) -> str:
        """'Qualtrics (encoding utf-8, delimiter ',')', 'plain table (no survey tool recognised;
        sheet 'Vastaukset' of Ohjeet, Vastaukset)'."""
        label = format_label(self.table.format, self.raw.kind)
        if self.raw.sheet:
            where = f"sheet {self.raw.sheet!r} of {', '.join(self.raw.sheets)}"
        else:
            where = f"encoding {self.raw.encoding}, delimiter {self.raw.delimiter!r}"
        if self.compressed:
            where += f", unpacked from {self.compressed}"
        return f"{label} ({where})" if "(" not in label else f"{label[:-1]}; {where})"


@dataclass
class ImportResult(BatchResult):
    """What a survey import did (core.batches.BatchResult) with its mapping and responses."""

    mapping: Mapping
    responses_written: int = 0
    responses_replaced: int = 0  # of responses_written: earlier versions kept for rollback
    checked: Validated | None = None  # the validation: date reading, zone, skipped rows, repeats


SURVEY_MAX_ROWS = 1_500_000  # survey default: whole import <= 1.5 GiB (docs/survey-import.md, Memory)


def survey_limits(max_mb: float | None = None, max_rows: int | None = None) -> Limits:
    """Limits.from_env() with the survey importer's row default, SURVEY_MAX_ROWS (systems loads keep
    2,000,000); env CX_MAX_ROWS, then `max_rows`, still override it."""
    limits = Limits.from_env(max_mb, max_rows)
    if max_rows is None and not os.environ.get("CX_MAX_ROWS", "").strip():
        limits = replace(limits, max_rows=SURVEY_MAX_ROWS)
    return limits


def survey_name(path: Path) -> str:
    """'reviews' for reviews.csv, reviews.csv.gz and reviews.zip."""
    name = path.name
    for suffix in (".gz", ".zip", ".csv", ".tsv", ".txt", ".xlsx", ".xlsm"):
        if name.lower().endswith(suffix):
            name = name[: -len(suffix)]
    return name or path.stem


def read_file(path: Path, sheet: str | None, limits: Limits) -> tuple[RawTable, str | None]:
    """The file's rows (a .csv.gz or a .zip holding one file is unpacked first, with limits)."""
    if path.is_file() and path.stat().st_size > limits.max_bytes:
        size = path.stat().st_size
        raise FileRejectedError(
            f"{path.name}: is {size:,} bytes, over the maximum of {limits.max_bytes:,} bytes",
            code="file_too_large",
            params={"file": path.name, "size": size, "limit": limits.max_bytes},
        )
    with unpacked(path, limits) as plain:
        raw = read_table(plain.path, sheet, limits)
        return raw, (plain.describe() if plain.compressed else None)


def preview_file(
    path: str | Path,
    con: duckdb.DuckDBPyConnection | None = None,
    sheet: str | None = None,
    profile: str | None = None,
    limits: Limits | None = None,
) -> Preview:
    """Read (unpacking .gz/.zip), detect the format, flatten headers and propose (or reuse a
    saved) mapping. Without `limits`, survey_limits() applies (env CX_MAX_UPLOAD_MB, CX_MAX_ROWS,
    else 200 MB and 1,500,000 rows).
    """
    path = Path(path)
    raw, compressed = read_file(path, sheet, limits if limits is not None else survey_limits())
    table = flatten(raw)
    signature = header_signature(table)
    proposal = propose(table, survey=survey_name(path))
    used_profile, mapping = None, None
    if con is not None and profile:
        mapping, used_profile = load_profile(con, profile), profile
    elif con is not None:
        found = find_profile(con, signature)
        if found:
            used_profile, mapping = found
    return Preview(
        path,
        table,
        raw,
        mapping or proposal.mapping,
        signature,
        used_profile,
        file_sha256(path),
        proposal.not_scores,
        company_timezone(con),
        compressed,
    )


def check(
    preview: Preview,
    mapping: Mapping | None = None,
    keep_one_of_repeats: bool = False,
    progress: Progress | None = None,
    zone_from: str = "",
    release_rows: bool = False,
) -> Validated:
    """Validate every row of the previewed file under `mapping` (default: the preview's);
    `zone_from` names where an explicit time zone came from ('--timezone', 'reviews.yaml').

    `release_rows=True` (the command line, import_file) frees the file's rows as they are checked,
    and the responses as they are written: the preview cannot be checked again afterwards. The
    Upload page keeps them (it checks again when the mapping changes)."""
    if preview.rows_released:
        raise ValueError(
            f"{preview.path.name}: its rows were already released by an import check; read the file again"
        )
    if release_rows:
        _release_raw(preview)
    checked = validate(
        preview.table,
        mapping or preview.mapping,
        progress,
        default_timezone=preview.company_timezone,
        keep_one_of_repeats=keep_one_of_repeats,
        zone_from=zone_from,
        release_rows=release_rows,
    )
    checked.rows_released = release_rows
    return checked


def _release_raw(preview: Preview) -> None:
    """Keep only the header rows of the reader's table (the data rows are the flat table's)."""
    header_rows = max(len(preview.raw.rows) - len(preview.table.rows), 0)
    preview.raw.rows = preview.raw.rows[:header_rows]
    preview.raw.row_numbers = preview.raw.row_numbers[:header_rows]
    preview.rows_released = True


def release_rows_of(preview: Preview) -> None:
    """Free the previewed file's rows (a check() afterwards raises ValueError: read it again)."""
    _release_raw(preview)
    preview.table.rows, preview.table.row_numbers = [], []


def already_imported(con: duckdb.DuckDBPyConnection, file_hash: str) -> str | None:
    """The active survey batch of this exact file, if any (core.batches.already_imported)."""
    return batches.already_imported(con, SURVEYS, file_hash)


def import_preview(
    con: duckdb.DuckDBPyConnection,
    preview: Preview,
    valid_rows_only: bool = False,
    progress: Progress | None = None,
    keep_one_of_repeats: bool = False,
    checked: Validated | None = None,
    *,
    actor: Actor,
    release: bool = False,
) -> ImportResult:
    """Validate (unless `checked` is the result of check() for this mapping) and write in ONE
    transaction with its audit entry; nothing is written when rejected. `actor` needs the import
    permission (PermissionDeniedError otherwise) and is recorded as imported_by.

    `release=True` frees the preview's rows before the write and the checked responses as they
    are written (peak memory: the rows and DuckDB's insert are not held together); neither the
    preview nor `checked` can be imported or checked again afterwards.

    `progress(fraction, stage)` is called with stages validating, writing and done (always last).
    """
    require(actor, Permission.IMPORT)
    result = _import_preview(
        con, preview, valid_rows_only, actor, progress, keep_one_of_repeats, checked, release_rows=release
    )
    _report(progress, 1.0, "done")
    return result


def _import_preview(
    con: duckdb.DuckDBPyConnection,
    preview: Preview,
    valid_rows_only: bool,
    actor: Actor,
    progress: Progress | None,
    keep_one_of_repeats: bool,
    checked: Validated | None,
    release_rows: bool,
) -> ImportResult:
    table, mapping = preview.table, preview.mapping
    result = ImportResult("rejected", str(preview.path), mapping, format=table.format)
    existing = already_imported(con, preview.file_hash)
    if existing:
        result.status, result.batch_id = "already_imported", existing
        return result
    _report(progress, 0.0, "validating")
    if checked is None:
        checked = check(
            preview, mapping, keep_one_of_repeats, _scaled(progress, 0.0, 0.6), release_rows=release_rows
        )
    if checked.responses.count and not checked.responses.batches:
        raise ValueError(
            f"{preview.path.name}: these checked responses were already handed to an "
            "import; check the file again"
        )
    result.checked = checked
    result.rows_read, result.problems = checked.rows_read, checked.problems
    result.rows_skipped = len(checked.bad_rows)
    if checked.problems and not valid_rows_only:
        return result
    if checked.n_records == 0:
        result.problems = result.problems or [
            Problem(0, "", "", "no responses to import", code="no_responses")
        ]
        return result
    _report(progress, 0.6, "writing")
    if release_rows:
        release_rows_of(preview)
    batch_id = new_batch_id(SURVEYS)
    count = checked.n_records
    now = datetime.now()
    ensure_versions(con, RESPONSES)
    with write_transaction(con), one_thread(con):
        replaced = _write_responses(
            con, checked, batch_id, now, release=release_rows or checked.rows_released
        )
        record_batch(con, batch_id, SURVEYS, preview.path.name, preview.file_hash, actor.name, count, now)
        audit.record(
            con,
            actor,
            "import",
            "batch",
            batch_id,
            {
                "kind": "surveys",
                "file": preview.path.name,
                "file_hash": preview.file_hash,
                "rows": count,
                "replaced": replaced,
            },
        )
    result.status, result.batch_id, result.responses_written = "imported", batch_id, count
    result.responses_replaced = replaced
    return result


def _write_responses(
    con: duckdb.DuckDBPyConnection, checked: Validated, batch_id: str, now: datetime, release: bool
) -> int:
    """Insert the responses batch by batch (inside the caller's transaction), keeping the versions
    they replace; returns how many were replaced. `release` frees each batch once written."""
    replaced = 0
    for frame in checked.responses.tables(release=release):
        con.register("survey_import_frame", frame)
        try:
            kept = archive_rows(
                con, RESPONSES, "response_id in (select response_id from survey_import_frame)", batch_id, now
            )
            # ids are unique within the file, so without earlier versions a plain insert is the same
            verb = "insert or replace" if kept else "insert"
            con.execute(
                f"{verb} into raw_survey_responses by name select "
                "?::varchar as batch_id, ?::varchar as survey, * from survey_import_frame",
                [batch_id, checked.responses.survey],
            )
            replaced += kept
        finally:
            con.unregister("survey_import_frame")
        del frame
    return replaced


def import_file(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    sheet: str | None = None,
    mapping: Mapping | None = None,
    profile: str | None = None,
    valid_rows_only: bool = False,
    limits: Limits | None = None,
    progress: Progress | None = None,
    keep_one_of_repeats: bool = False,
    *,
    actor: Actor,
) -> ImportResult:
    """Preview (with the given mapping, a named profile, a matching saved profile or a guess) and import.

    `progress(fraction, stage)` is called with stages reading, validating, writing and done.
    """
    require(actor, Permission.IMPORT)
    _report(progress, 0.0, "reading")
    preview = preview_file(path, con, sheet, profile, limits)
    if mapping is not None:
        preview.mapping = mapping
    progress = _scaled(progress, 0.2, 1.0)
    result = _import_preview(
        con, preview, valid_rows_only, actor, progress, keep_one_of_repeats, None, release_rows=True
    )  # this preview is not used again
    _report(progress, 1.0, "done")
    return result
