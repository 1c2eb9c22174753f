"""Write transactions, serialised within the process.

DuckDB gives each transaction the snapshot of its start. Two writers that both append to the audit
log (core/audit.py) would read the same last sequence number and the second commit would fail,
rolling back its import. So every write transaction that records an audit entry, and every audit
entry written on its own, takes this process-wide lock first: the next writer starts after the
previous one committed. (Only one process may write a database file, so a process lock suffices.)
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager

import duckdb

WRITE_LOCK = threading.RLock()


@contextmanager
def write_transaction(con: duckdb.DuckDBPyConnection) -> Iterator[duckdb.DuckDBPyConnection]:
    """Begin, yield, commit; roll back on any exception (re-raised). Holds WRITE_LOCK throughout."""
    with WRITE_LOCK:
        con.execute("begin transaction")
        try:
            yield con
            con.execute("commit")
        except BaseException:
            try:
                con.execute("rollback")
            except duckdb.Error:
                pass  # the connection already ended the transaction
            raise


def commit_and_begin(con: duckdb.DuckDBPyConnection) -> None:
    """Inside write_transaction: commit what is written so far and go on in a new transaction
    (a very large write committed in parts; a failure later rolls back only the current part)."""
    con.execute("commit")
    con.execute("begin transaction")
