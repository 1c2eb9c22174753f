"""Two sessions of one dashboard process writing audit entries at once: a long import transaction
and a sign-in or download in between must both commit, in one unbroken chain."""

from __future__ import annotations

import threading
import time

from core import audit
from core.db import connect
from core.transaction import write_transaction
from tests.actors import ADMIN, EDITOR


def test_an_entry_written_during_another_sessions_import_does_not_break_that_import(tmp_path):
    con = connect(tmp_path / "cx.duckdb")
    try:
        audit.record(con, EDITOR, "export", "download", "before")
        importer, other = con.cursor(), con.cursor()
        began, errors = threading.Event(), []

        def long_import() -> None:
            try:
                with write_transaction(importer):
                    importer.execute("create table imported as select 1 as x")
                    began.set()
                    time.sleep(0.4)  # the other session acts while this import is running
                    audit.record(importer, EDITOR, "import", "batch", "b1")
            except Exception as exc:  # noqa: BLE001 - collected for the assertion
                errors.append(exc)
                began.set()

        def sign_in() -> None:
            began.wait()
            try:
                audit.record(other, ADMIN, "sign_in", "user", "ada")
            except Exception as exc:  # noqa: BLE001
                errors.append(exc)

        threads = [threading.Thread(target=long_import), threading.Thread(target=sign_in)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(10)
        assert errors == []
        assert con.execute("select count(*) from imported").fetchall() == [(1,)]
        actions = [r["action"] for r in audit.entries(con, ADMIN)[::-1]]
        assert actions == ["export", "import", "sign_in"]  # the sign-in waited for the import
        assert audit.verify(con).ok
    finally:
        con.close()
