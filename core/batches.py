"""Import batches, shared by the survey importer and the systems loaders: the batch record
(table import_batches), recognising a file imported before, and the list of batches. Rolling a
batch back is core.batch_rollback's, restoring a rolled-back one core.batch_restore's, their log
core.batch_changes'.
"""

from __future__ import annotations

import uuid
from dataclasses import KW_ONLY, dataclass, field
from datetime import datetime
from typing import Literal

import duckdb

from core.load_kinds import BatchKind
from core.problems import Problem, report_csv

Status = Literal["imported", "rejected", "already_imported"]
BatchStatus = Literal["active", "rolled_back"]
BATCH_COLUMNS = (
    "batch_id",
    "kind",
    "source_file",
    "file_hash",
    "imported_by",
    "imported_at",
    "row_count",
    "status",
)


@dataclass
class BatchResult:
    """What an import did with one file; surveys.importer.ImportResult and
    pipelines.loaders.LoadResult add what is their own."""

    status: Status
    source_file: str
    _: KW_ONLY
    batch_id: str | None = None  # the new batch, or the earlier one of the same file
    rows_read: int = 0
    rows_skipped: int = 0
    problems: list[Problem] = field(default_factory=list)
    format: str = ""

    @property
    def ok(self) -> bool:
        return self.status in ("imported", "already_imported")

    def report_csv(self) -> str:
        return report_csv(self.problems)


def new_batch_id(kind: BatchKind) -> str:
    """'contacts-20260301101500-1a2b3c4d': the kind, the local time and a random part."""
    return f"{kind}-{datetime.now():%Y%m%d%H%M%S}-{uuid.uuid4().hex[:8]}"


def record_batch(
    con: duckdb.DuckDBPyConnection,
    batch_id: str,
    kind: BatchKind,
    source_file: str,
    file_hash: str | None,
    imported_by: str,
    row_count: int,
    imported_at: datetime | None = None,
) -> None:
    """The batch row, active (inside the caller's transaction)."""
    con.execute(
        "insert into import_batches (batch_id, kind, source_file, file_hash, imported_by, "
        "imported_at, row_count, status) values (?, ?, ?, ?, ?, ?, ?, 'active')",
        [batch_id, kind, source_file, file_hash, imported_by, imported_at or datetime.now(), row_count],
    )


def already_imported(con: duckdb.DuckDBPyConnection, kind: BatchKind, file_hash: str) -> str | None:
    """Batch id of an active import of this exact file (same SHA-256) as this kind, if any."""
    rows = con.execute(
        "select batch_id from import_batches where file_hash = ? and kind = ? "
        "and status = 'active' order by imported_at limit 1",
        [file_hash, kind],
    ).fetchall()
    return rows[0][0] if rows else None


def list_batches(con: duckdb.DuckDBPyConnection, kind: BatchKind | None = None) -> list[dict]:
    """Every import batch (all kinds, or one), oldest first, as dicts of BATCH_COLUMNS."""
    sql = f"select {', '.join(BATCH_COLUMNS)} from import_batches"
    params: list = []
    if kind:
        sql += " where kind = ?"
        params.append(kind)
    rows = con.execute(sql + " order by imported_at, batch_id", params).fetchall()
    return [dict(zip(BATCH_COLUMNS, r)) for r in rows]
