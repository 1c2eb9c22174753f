"""The audit log: append-only hash chain, entries of every operation with the acting user,
tampering found by `python -m pipelines audit --verify`, and the users/audit CLI."""

from __future__ import annotations

import io
import json

import pytest

from core import audit
from core.batch_rollback import rollback
from core.db import connect
from core.identity import login_name
from pipelines import users
from pipelines.cli import main as cli_main
from surveys.importer import import_file
from tests.actors import ADMIN, EDITOR
from tests.conftest import ROOT

SURVEYS = ROOT / "tests" / "fixtures" / "surveys"


@pytest.fixture()
def db(tmp_path):
    return tmp_path / "cx.duckdb"


def _entries(path) -> list[dict]:
    con = connect(path)
    try:
        return audit.entries(con, ADMIN)[::-1]
    finally:
        con.close()


def test_chain_links_each_row_to_the_one_before(db):
    con = connect(db)
    try:
        for i in range(3):
            audit.record(con, EDITOR, "export", "download", f"file{i}", {"rows": i})
        rows = audit.entries(con, ADMIN)[::-1]
        assert [r["seq"] for r in rows] == [1, 2, 3]
        assert rows[0]["prev_hash"] == audit.GENESIS
        assert [r["prev_hash"] for r in rows[1:]] == [r["hash"] for r in rows[:-1]]
        assert json.loads(rows[2]["detail"]) == {"rows": 2}
        assert (rows[0]["actor"], rows[0]["role"], rows[0]["via"]) == ("tester", "editor", "cli")
        result = audit.verify(con)
        assert result.ok and result.rows == 3 and result.head == rows[-1]["hash"]
    finally:
        con.close()


@pytest.mark.parametrize(
    "tamper, seq, reason",
    [
        ("update audit_log set actor = 'mallory' where seq = 2", 2, "content"),
        ("update audit_log set detail = '{\"rows\":99}' where seq = 3", 3, "content"),
        ("delete from audit_log where seq = 2", 3, "sequence gap"),
        ("update audit_log set logged_at = logged_at + interval 1 second where seq = 1", 1, "content"),
    ],
)
def test_tampering_is_found_by_verify(db, capsys, tamper, seq, reason):
    con = connect(db)
    try:
        for i in range(4):
            audit.record(con, EDITOR, "export", "download", f"file{i}", {"rows": i})
        con.execute(tamper)
    finally:
        con.close()
    assert cli_main(["audit", "--verify", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert f"BROKEN at entry {seq}" in err and reason in err


def test_a_rewritten_hash_breaks_the_next_link(db, capsys):
    con = connect(db)
    try:
        for i in range(3):
            audit.record(con, EDITOR, "export", "download", f"file{i}")
        # recompute row 2's own hash after editing it: row 3 no longer links to it
        row = con.execute("select * from audit_log where seq = 2").fetchall()[0]
        forged = audit.row_hash(row[9], 2, row[1], "mallory", *row[3:9])
        con.execute("update audit_log set actor = 'mallory', hash = ? where seq = 2", [forged])
    finally:
        con.close()
    assert cli_main(["audit", "--verify", "--db", str(db)]) == 1
    assert "BROKEN at entry 3: previous-hash link" in capsys.readouterr().err


def test_operations_are_logged_with_the_actor_in_the_same_transaction(db):
    con = connect(db)
    try:
        result = import_file(con, SURVEYS / "qualtrics.csv", actor=EDITOR)
        rollback(con, result.batch_id, actor=ADMIN)
        entries = audit.entries(con, ADMIN)[::-1]
    finally:
        con.close()
    assert [(e["action"], e["actor"], e["object_id"]) for e in entries] == [
        ("import", "tester", result.batch_id),
        ("rollback", "ada", result.batch_id),
    ]
    assert json.loads(entries[0]["detail"])["rows"] == 9
    assert json.loads(entries[1]["detail"])["removed"] == 9


def test_users_cli_and_audit_listing(db, capsys, monkeypatch):
    monkeypatch.setattr("sys.stdin", io.StringIO("a long enough password\n"))
    assert cli_main(["users", "add", "anna", "--role", "editor", "--password-stdin", "--db", str(db)]) == 0
    assert cli_main(["users", "disable", "anna", "--db", str(db)]) == 0
    assert cli_main(["users", "set-role", "anna", "admin", "--db", str(db)]) == 0
    assert cli_main(["users", "list", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "anna\tadmin\tdisabled" in out
    monkeypatch.setattr("sys.stdin", io.StringIO("short\n"))
    assert cli_main(["users", "set-password", "anna", "--password-stdin", "--db", str(db)]) == 2
    assert "at least 10" in capsys.readouterr().err
    assert cli_main(["users", "enable", "nobody", "--db", str(db)]) == 2
    assert cli_main(["audit", "--db", str(db), "--kind", "user_set_role"]) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2 and f"\t{login_name()}\tadmin\tcli\tuser_set_role\tuser anna\t" in lines[1]
    assert cli_main(["audit", "--db", str(db), "--since", "yesterday"]) == 2
    assert cli_main(["audit", "--db", str(db), "--verify"]) == 0
    assert "audit log intact: 3 entries" in capsys.readouterr().out


def test_names_with_control_characters_cannot_forge_listing_lines(db, capsys):
    con = connect(db)
    try:
        users.authenticate(con, "eve\n1\t2026-01-01\tadmin", "whatever password")
    finally:
        con.close()
    assert cli_main(["audit", "--db", str(db)]) == 0
    out = capsys.readouterr().out.strip().splitlines()
    assert len(out) == 2 and "eve\\n1\\t2026" in out[1]


def test_there_is_no_update_or_delete_api():
    assert not [n for n in dir(audit) if n.startswith(("update", "delete", "remove", "edit"))]


def test_a_journey_map_version_taken_back_stays_in_the_log(db):
    from pipelines.journey_map import default_map_path
    from pipelines.journey_map_store import delete_version, save_version

    con = connect(db)
    try:
        text = default_map_path().read_text(encoding="utf-8").replace("sla_hours: 72", "sla_hours: 70", 1)
        version = save_version(con, text, EDITOR)
        delete_version(con, version)  # what a failed refresh does
        entries = audit.entries(con, ADMIN)[::-1]
    finally:
        con.close()
    assert [(e["action"], e["actor"], e["object_id"]) for e in entries] == [
        ("journey_map_save", "tester", str(version)),
        ("journey_map_version_removed", "system", str(version)),
    ]
    assert "sla_hours" in entries[0]["detail"]


def test_a_command_line_import_logs_the_import_and_the_refresh_after_it(db, capsys):
    from pipelines.cli import main as pipelines_main
    from surveys.cli import main as surveys_main

    assert pipelines_main(["refresh", "--db", str(db)]) == 0  # empty database: models built
    code = surveys_main(["import", str(SURVEYS / "qualtrics.csv"), "--db", str(db)])
    assert code == 0, capsys.readouterr()
    logged = [(e["action"], e["actor"], e["via"]) for e in _entries(db)]
    assert logged[-2:] == [("import", login_name(), "cli"), ("refresh", login_name(), "cli")]


def test_generating_the_demo_is_logged(db, capsys):
    from pipelines.cli import main as pipelines_main

    assert pipelines_main(["demo", "--scale", "S", "--db", str(db)]) == 0
    entry = _entries(db)[-1]
    assert (entry["action"], entry["actor"], entry["via"]) == ("demo", login_name(), "cli")
    assert json.loads(entry["detail"])["scale"] == "S"
