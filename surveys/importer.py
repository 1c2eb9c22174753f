"""Import a survey file into raw_survey_responses: one transaction, idempotent, batches, rollback."""
from __future__ import annotations

import getpass
import hashlib
import uuid
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

import duckdb
import pandas as pd

from surveys.formats import FlatTable, flatten
from surveys.mapping import Mapping, find_profile, header_signature, load_profile, propose_mapping
from surveys.reading import Limits, RawTable, read_table
from surveys.validate import COLUMNS, Problem, Validated, report_csv, validate


@dataclass
class Preview:
    """What the user confirms before importing: format, mapping, and the row report."""

    path: Path
    table: FlatTable
    raw: RawTable
    mapping: Mapping
    signature: str
    profile: str | None
    file_hash: str


@dataclass
class ImportResult:
    status: str                  # imported | rejected | already_imported
    source_file: str
    format: str
    mapping: Mapping
    batch_id: str | None = None
    rows_read: int = 0
    responses_written: int = 0
    rows_skipped: int = 0
    problems: list[Problem] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "already_imported")

    def report_csv(self) -> str:
        return report_csv(self.problems)


def file_sha256(path: str | Path) -> str:
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def preview_file(path: str | Path, con: duckdb.DuckDBPyConnection | None = None,
                 sheet: str | None = None, profile: str | None = None,
                 limits: Limits = Limits()) -> Preview:
    """Read, detect the format, flatten headers and propose (or reuse a saved) mapping."""
    path = Path(path)
    raw = read_table(path, sheet, limits)
    table = flatten(raw)
    signature = header_signature(table)
    used_profile, mapping = None, None
    if con is not None and profile:
        mapping, used_profile = load_profile(con, profile), profile
    elif con is not None:
        found = find_profile(con, signature)
        if found:
            used_profile, mapping = found
    if mapping is None:
        mapping = propose_mapping(table, survey=path.stem)
    return Preview(path, table, raw, mapping, signature, used_profile, file_sha256(path))


def already_imported(con: duckdb.DuckDBPyConnection, file_hash: str) -> str | None:
    rows = con.execute("select batch_id from import_batches where file_hash = ? and kind = 'surveys' "
                       "and status = 'active' limit 1", [file_hash]).fetchall()
    return rows[0][0] if rows else None


def import_preview(con: duckdb.DuckDBPyConnection, preview: Preview, valid_rows_only: bool = False,
                   imported_by: str | None = None) -> ImportResult:
    """Validate and write in ONE transaction; nothing is written when rejected."""
    table, mapping = preview.table, preview.mapping
    result = ImportResult("rejected", str(preview.path), table.format, mapping)
    existing = already_imported(con, preview.file_hash)
    if existing:
        result.status, result.batch_id = "already_imported", existing
        return result
    checked: Validated = validate(table, mapping)
    result.rows_read, result.problems = checked.rows_read, checked.problems
    result.rows_skipped = len(checked.bad_rows)
    if checked.problems and not valid_rows_only:
        return result
    if checked.n_records == 0:
        result.problems = result.problems or [Problem(0, "", "", "no responses to import")]
        return result
    batch_id = f"surveys-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"
    frame = pd.DataFrame.from_records(checked.records, columns=list(COLUMNS))
    frame.insert(1, "batch_id", batch_id)
    frame["responded_at"] = pd.to_datetime(frame["responded_at"])
    con.execute("begin transaction")
    try:
        con.register("survey_import_frame", frame)
        con.execute("insert or replace into raw_survey_responses by name "
                    "select * from survey_import_frame")
        con.execute("insert into import_batches (batch_id, kind, source_file, file_hash, imported_by, "
                    "imported_at, row_count, status) values (?, 'surveys', ?, ?, ?, ?, ?, 'active')",
                    [batch_id, preview.path.name, preview.file_hash,
                     imported_by or _user(), datetime.now(), len(frame)])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    finally:
        con.unregister("survey_import_frame")
    result.status, result.batch_id, result.responses_written = "imported", batch_id, len(frame)
    return result


def import_file(con: duckdb.DuckDBPyConnection, path: str | Path, sheet: str | None = None,
                mapping: Mapping | None = None, profile: str | None = None,
                valid_rows_only: bool = False, imported_by: str | None = None,
                limits: Limits = Limits()) -> ImportResult:
    """Preview (with the given mapping, a named profile, a matching saved profile or a guess) and import."""
    preview = preview_file(path, con, sheet, profile, limits)
    if mapping is not None:
        preview.mapping = mapping
    return import_preview(con, preview, valid_rows_only, imported_by)


def list_batches(con: duckdb.DuckDBPyConnection) -> list[dict]:
    cols = ["batch_id", "source_file", "file_hash", "imported_by", "imported_at", "row_count", "status"]
    rows = con.execute(f"select {', '.join(cols)} from import_batches where kind = 'surveys' "
                       "order by imported_at").fetchall()
    return [dict(zip(cols, r)) for r in rows]


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: str) -> int:
    """Delete the batch's responses and mark it rolled_back; returns the rows deleted."""
    rows = con.execute("select status from import_batches where batch_id = ? and kind = 'surveys'",
                       [batch_id]).fetchall()
    if not rows:
        raise KeyError(f"no survey import batch {batch_id!r}")
    if rows[0][0] == "rolled_back":
        return 0
    con.execute("begin transaction")
    try:
        deleted = con.execute("select count(*) from raw_survey_responses where batch_id = ?",
                              [batch_id]).fetchall()[0][0]
        con.execute("delete from raw_survey_responses where batch_id = ?", [batch_id])
        con.execute("update import_batches set status = 'rolled_back' where batch_id = ?", [batch_id])
        con.execute("commit")
    except BaseException:
        con.execute("rollback")
        raise
    return int(deleted)


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # noqa: BLE001 - no login name in some containers
        return "unknown"
