"""Import a survey file into raw_survey_responses: one transaction, idempotent by file hash (the batch
record, version history and rollback are core.batches and core.versions, shared with the loaders).
Reading and checking the file before that is surveys/preview.py; its API is re-exported here, so
`from surveys.importer import check, preview_file, import_preview, import_file` stays the one import."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import duckdb

from core import audit, batches
from core.access import Actor, Permission, require
from core.batches import BatchResult, new_batch_id, record_batch
from core.db import one_thread
from core.load_kinds import LOAD_KINDS, SURVEYS
from core.problems import Problem
from core.reading import Limits
from core.transaction import write_transaction
from core.versions import archive_rows, ensure_versions
from surveys.mapping import Mapping
from surveys.preview import (
    SURVEY_MAX_ROWS,
    Preview,
    Progress,
    check,
    preview_file,
    read_file,
    release_rows_of,
    report,
    scaled,
    survey_limits,
    survey_name,
)
from surveys.validate import Validated

__all__ = [
    "SURVEY_MAX_ROWS",
    "ImportResult",
    "Preview",
    "Progress",
    "already_imported",
    "check",
    "import_file",
    "import_preview",
    "preview_file",
    "read_file",
    "release_rows_of",
    "survey_limits",
    "survey_name",
]

RESPONSES = LOAD_KINDS[SURVEYS]


@dataclass
class ImportResult(BatchResult):
    """What a survey import did (core.batches.BatchResult) with its mapping and responses."""

    mapping: Mapping
    responses_written: int = 0
    responses_replaced: int = 0  # of responses_written: earlier versions kept for rollback
    checked: Validated | None = None  # the validation: date reading, zone, skipped rows, repeats


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
    report(progress, 1.0, "done")
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
    report(progress, 0.0, "validating")
    if checked is None:
        checked = check(
            preview, mapping, keep_one_of_repeats, scaled(progress, 0.0, 0.6), release_rows=release_rows
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
    report(progress, 0.6, "writing")
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
    report(progress, 0.0, "reading")
    preview = preview_file(path, con, sheet, profile, limits)
    if mapping is not None:
        preview.mapping = mapping
    progress = scaled(progress, 0.2, 1.0)
    result = _import_preview(
        con, preview, valid_rows_only, actor, progress, keep_one_of_repeats, None, release_rows=True
    )  # this preview is not used again
    report(progress, 1.0, "done")
    return result
