"""Write a checked stage table into its raw table: archive and replace keys, insert, one commit."""

from __future__ import annotations

from collections.abc import Callable

import duckdb

from core.batches import record_batch
from core.load_kinds import LOAD_KINDS
from core.pii import scrub
from core.transaction import write_transaction
from core.versions import archive_rows, ensure_versions
from pipelines.loaders.analyse import Analysis


def write_batch(
    con: duckdb.DuckDBPyConnection,
    out: Analysis,
    batch_id: str,
    source_file: str,
    file_hash: str,
    user: str,
    rows: int,
    before_commit: Callable[[], None] | None = None,
) -> int:
    """Archive and replace rows with the same keys, insert the valid rows and the batch row in ONE
    transaction; returns the number of existing rows replaced. `before_commit` runs inside that
    transaction (the audit entry).

    The kind's row column (events: source_row) gets the record's position in its file, 1 = first.
    """
    spec = out.kind
    key, table = spec.key, spec.table
    cols = list(spec.names)
    values = [f"v_{n}" for n in spec.names]
    if spec.row_column:
        cols.append(spec.row_column)
        values.append("__rec + 1")
    valid = f"(select *, rowid as __rec from {out.stage} where not __blank)"
    if out.bad_rows:  # --valid-rows-only: leave out every row with a problem
        valid = (
            f"(select s.*, s.rowid as __rec from {out.stage} s anti join "
            f"(select distinct rec from {out.problems_table}) b on s.rowid = b.rec "
            "where not s.__blank)"
        )
    keys = f"{out.stage}_keys"
    for target in spec.targets:
        if target.free_text:
            scrub_column(con, out.stage, f"v_{target.name}")
    with write_transaction(con):
        ensure_versions(con, LOAD_KINDS[spec.name])
        con.execute(f"create temp table {keys} as select v_{key} as k from {valid}")
        replaced = archive_rows(con, LOAD_KINDS[spec.name], f"{key} in (select k from {keys})", batch_id)
        if replaced:
            con.execute(f"delete from {table} where {key} in (select k from {keys})")
        con.execute(
            f"insert into {table} (batch_id, {', '.join(cols)}) select ?, {', '.join(values)} from {valid}",
            [batch_id],
        )
        record_batch(con, batch_id, spec.name, source_file, file_hash, user, rows)
        con.execute(f"drop table {keys}")
        if before_commit is not None:
            before_commit()
    return int(replaced)


def scrub_column(con: duckdb.DuckDBPyConnection, stage: str, column: str) -> int:
    """Replace personal data (core.pii) in one text column of a stage table; returns the cells
    changed. Only cells with a digit or an @ can hold any, so only those go through Python."""
    import pyarrow as pa

    cells = con.execute(
        f"select rowid, {column} from {stage} where regexp_matches({column}, '[0-9@]')"
    ).fetchall()
    changed = [(rid, clean) for rid, text in cells if (clean := scrub(text)) != text]
    if not changed:
        return 0
    frame = pa.table({"rid": [r for r, _ in changed], "text": [c for _, c in changed]})
    con.register("scrubbed_cells", frame)
    try:
        con.execute(
            f"update {stage} set {column} = x.text from scrubbed_cells as x where {stage}.rowid = x.rid"
        )
    finally:
        con.unregister("scrubbed_cells")
    return len(changed)
