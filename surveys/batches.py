"""The survey batches in the database: the response columns and version history, the list of
imported batches, and rolling one back (in one transaction, with its audit entry)."""
from __future__ import annotations

from dataclasses import dataclass

import duckdb

from core import audit
from core.access import Actor, Permission, require
from core.db import SCHEMA_DIR
from core.transaction import write_transaction
from surveys.responses import COLUMNS

RESPONSE_COLUMNS = ", ".join(("response_id", "batch_id", *COLUMNS[1:]))
VERSIONS_DDL = SCHEMA_DIR / "raw_survey_response_versions.sql"


def ensure_versions(con: duckdb.DuckDBPyConnection) -> None:
    """Create the version history table on connections not opened by core.db.connect."""
    con.execute(VERSIONS_DDL.read_text(encoding="utf-8"))


def list_batches(con: duckdb.DuckDBPyConnection) -> list[dict]:
    cols = ["batch_id", "source_file", "file_hash", "imported_by", "imported_at", "row_count", "status"]
    rows = con.execute(f"select {', '.join(cols)} from import_batches where kind = 'surveys' "
                       "order by imported_at").fetchall()
    return [dict(zip(cols, r)) for r in rows]


@dataclass
class RollbackResult:
    """What a rollback did to the responses the batch had written."""

    batch_id: str
    already_rolled_back: bool = False
    removed: int = 0       # responses that exist no more (the batch had written them first)
    restored: int = 0      # responses back to the version they had before the batch
    superseded: int = 0    # versions a later batch had already replaced: later data kept as is

    @property
    def undone(self) -> int:
        """Current responses that came from this batch and were taken back."""
        return self.removed + self.restored

    def message(self) -> str:
        if self.already_rolled_back:
            return f"batch {self.batch_id} was already rolled back; nothing changed"
        text = (f"rolled back {self.batch_id}: {self.removed} responses removed, "
                f"{self.restored} restored to their earlier version")
        if self.superseded:
            text += f", {self.superseded} already replaced by later imports left as they are"
        return text


def rollback(con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor) -> RollbackResult:
    """Undo one survey batch in one transaction, restoring the versions it had replaced.

    Per response: if the batch wrote the current version, the version it replaced comes back
    (or the response goes when there was none); if a later batch has replaced it since, the
    later version stays and the chain of kept versions skips this batch. Rolling back a batch
    twice changes nothing. `actor` needs the rollback permission; the audit entry is written in
    the same transaction.
    """
    require(actor, Permission.ROLLBACK)
    ensure_versions(con)
    with write_transaction(con):
        rows = con.execute("select status from import_batches where batch_id = ? and kind = 'surveys'",
                           [batch_id]).fetchall()
        if not rows:
            raise KeyError(f"no survey import batch {batch_id!r}")
        if rows[0][0] == "rolled_back":
            return RollbackResult(batch_id, already_rolled_back=True)  # nothing written
        result = RollbackResult(batch_id)
        # 1. this batch's versions that a later batch replaced: link what the batch itself had
        #    replaced directly to that later batch, then forget the batch's version
        con.execute("update raw_survey_response_versions h set superseded_by = b.superseded_by "
                    "from raw_survey_response_versions b where b.batch_id = ? "
                    "and b.response_id = h.response_id and h.superseded_by = ?", [batch_id, batch_id])
        result.superseded = _count(con, "raw_survey_response_versions where batch_id = ?", batch_id)
        con.execute("delete from raw_survey_response_versions where batch_id = ?", [batch_id])
        # 2. current versions written by this batch: put back the version it replaced
        result.restored = _count(
            con, "raw_survey_response_versions h semi join raw_survey_responses r "
                 "on r.response_id = h.response_id and r.batch_id = h.superseded_by "
                 "where h.superseded_by = ?", batch_id)
        con.execute(f"insert or replace into raw_survey_responses ({RESPONSE_COLUMNS}) "
                    f"select {prefixed_columns('h')} from raw_survey_response_versions h "
                    "semi join raw_survey_responses r "
                    "on r.response_id = h.response_id and r.batch_id = h.superseded_by "
                    "where h.superseded_by = ?", [batch_id])
        con.execute("delete from raw_survey_response_versions where superseded_by = ?", [batch_id])
        # 3. current versions the batch wrote first: remove
        result.removed = _count(con, "raw_survey_responses where batch_id = ?", batch_id)
        con.execute("delete from raw_survey_responses where batch_id = ?", [batch_id])
        con.execute("update import_batches set status = 'rolled_back' where batch_id = ?", [batch_id])
        audit.record(con, actor, "rollback", "batch", batch_id,
                     {"kind": "surveys", "removed": result.removed, "restored": result.restored,
                      "superseded": result.superseded})
    return result


def rollback_batch(con: duckdb.DuckDBPyConnection, batch_id: str, *, actor: Actor) -> int:
    """Roll back one batch (see rollback); returns the responses removed or restored, 0 if already done."""
    return rollback(con, batch_id, actor=actor).undone


def _count(con: duckdb.DuckDBPyConnection, from_where: str, batch_id: str) -> int:
    return int(con.execute(f"select count(*) from {from_where}", [batch_id]).fetchall()[0][0])


def prefixed_columns(alias: str) -> str:
    return ", ".join(f"{alias}.{c}" for c in RESPONSE_COLUMNS.split(", "))
