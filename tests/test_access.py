"""Roles and the server-side gates: each role x each protected operation through the code path the
dashboard calls. A viewer is refused with PermissionDeniedError and the database is unchanged;
editors and admins are allowed, and the audit log names them."""

from __future__ import annotations

import shutil

import pytest

from core import audit
from core.access import ROLE_PERMISSIONS, Actor, Permission, PermissionDeniedError, cli_actor, require
from core.batch_rollback import rollback as rollback_any
from core.db import connect
from pipelines import actions, users
from pipelines.journey_map import default_map_path
from pipelines.journey_map_store import save_version
from pipelines.loaders import load_file
from pipelines.refresh_gate import refresh_as
from surveys.importer import import_file
from tests.actors import ADMIN, EDITOR, VIEWER
from tests.conftest import ROOT

SURVEYS = ROOT / "tests" / "fixtures" / "surveys"
SYSTEMS = ROOT / "tests" / "fixtures" / "systems"
MAPS = ROOT / "data" / "mappings"
TABLES = (
    "raw_survey_responses",
    "raw_survey_response_versions",
    "raw_contacts",
    "raw_customers",
    "raw_journey_events",
    "import_batches",
    "journey_map_versions",
    "app_users",
    "actions",
    "action_changes",
    "review_meetings",
    "audit_log",
    "mart_refresh_log",
)


def test_role_permissions_are_exactly_the_documented_matrix():
    P = Permission
    assert ROLE_PERMISSIONS == {
        "viewer": {P.BROWSE, P.EXPORT},
        "editor": {P.BROWSE, P.EXPORT, P.IMPORT, P.ROLLBACK, P.EDIT_JOURNEY_MAP, P.REFRESH, P.MANAGE_ACTIONS},
        "admin": set(P),
    }


def test_require_refuses_nobody_and_a_missing_permission():
    with pytest.raises(PermissionDeniedError, match="nobody is signed in"):
        require(None, Permission.BROWSE)
    with pytest.raises(PermissionDeniedError, match="vera .role viewer"):
        require(VIEWER, Permission.IMPORT)
    assert require(EDITOR, Permission.IMPORT) is EDITOR


def test_actor_rejects_unknown_roles_and_empty_names():
    with pytest.raises(ValueError):
        Actor("x", "owner", "password")
    with pytest.raises(ValueError):
        Actor(" ", "viewer", "password")
    with pytest.raises(ValueError):
        Actor("x", "viewer", "telepathy")
    assert cli_actor().role == "admin" and cli_actor().via == "cli"


@pytest.fixture()
def world(demo_db, tmp_path):
    """A copy of the demo database with one survey batch and one systems batch (by an editor)."""
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    survey = import_file(con, SURVEYS / "qualtrics.csv", actor=EDITOR)
    system = load_file(
        con, "contacts", SYSTEMS / "ticketing_fi.csv", MAPS / "ticketing_fi.yaml", actor=EDITOR
    )
    assert survey.status == system.status == "imported"
    users.add(con, ADMIN, "someone", "viewer", "a long enough password")
    yield con, survey.batch_id, system.batch_id
    con.close()


def _edited_map() -> str:
    return default_map_path().read_text(encoding="utf-8").replace("sla_hours: 72", "sla_hours: 71", 1)


OPERATIONS = {
    "import survey": lambda con, a, ids: import_file(con, SURVEYS / "typeform.csv", actor=a),
    "load systems file": lambda con, a, ids: load_file(con, "customers", SYSTEMS / "customers.csv", actor=a),
    "rollback survey": lambda con, a, ids: rollback_any(con, ids[0], actor=a, only="surveys"),
    "rollback systems batch": lambda con, a, ids: rollback_any(con, ids[1], actor=a),
    "save journey map": lambda con, a, ids: save_version(con, _edited_map(), a),
    "refresh": lambda con, a, ids: refresh_as(con, actor=a),
    "manage actions": lambda con, a, ids: actions.add_action(
        con, actor=a, point_kind="stage", point_key="delivery", owner_function="logistics", title="x"
    ),
    "manage users": lambda con, a, ids: users.set_role(con, a, "someone", "editor"),
    "read audit": lambda con, a, ids: audit.entries(con, a),
    "export": lambda con, a, ids: require(a, Permission.EXPORT),
}
ALLOWED = {
    "viewer": {"export"},
    "editor": {
        "import survey",
        "load systems file",
        "rollback survey",
        "rollback systems batch",
        "save journey map",
        "refresh",
        "manage actions",
        "export",
    },
    "admin": set(OPERATIONS),
}
ACTION = {
    "import survey": "import",
    "load systems file": "load",
    "rollback survey": "rollback",
    "rollback systems batch": "rollback",
    "save journey map": "journey_map_save",
    "refresh": "refresh",
    "manage actions": "action_add",
    "manage users": "user_set_role",
}


def snapshot(con) -> dict[str, tuple]:
    out = {}
    for table in TABLES:
        out[table] = tuple(
            con.execute(f"select count(*), coalesce(sum(hash(t)), 0) from {table} t").fetchall()[0]
        )
    return out


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_role_matrix_through_the_code_path(world, operation):
    con, *ids = world
    for who in (VIEWER, EDITOR, ADMIN):
        before = snapshot(con)
        if operation in ALLOWED[who.role]:
            OPERATIONS[operation](con, who, ids)
            if (
                operation in ACTION
                and who.role == "editor"
                or (who.role == "admin" and operation == "manage users")
            ):
                last = audit.entries(con, ADMIN, limit=1)[0]
                assert (last["action"], last["actor"], last["role"]) == (
                    ACTION[operation],
                    who.name,
                    who.role,
                )
        else:
            with pytest.raises(PermissionDeniedError):
                OPERATIONS[operation](con, who, ids)
            assert snapshot(con) == before, f"{who.role} changed the database"


def test_imported_by_and_changed_by_come_from_the_actor(world):
    con, survey_batch, system_batch = world
    rows = con.execute(
        "select batch_id, imported_by from import_batches where batch_id in (?, ?) order by 1",
        [survey_batch, system_batch],
    ).fetchall()
    assert {r[1] for r in rows} == {"tester"}
    version = save_version(con, _edited_map(), ADMIN)
    assert con.execute(
        "select changed_by from journey_map_versions where version = ?", [version]
    ).fetchall() == [("ada",)]


# --- password mode: users, hashes, lock-out ---------------------------------------------------


@pytest.fixture()
def con(tmp_path):
    connection = connect(tmp_path / "users.duckdb")
    yield connection
    connection.close()


def test_hashes_are_salted_scrypt_with_their_parameters():
    one, two = users.hash_password("correct horse battery"), users.hash_password("correct horse battery")
    assert one != two and one.startswith("scrypt$16384$8$1$")
    assert users.check_password("correct horse battery", one)
    assert not users.check_password("correct horse batterY", one)
    assert not users.check_password("anything", "not a hash")


def test_sign_in_success_wrong_password_unknown_and_disabled(con):
    users.add(con, ADMIN, "anna", "editor", "anna's long password")
    who = users.authenticate(con, "anna", "anna's long password")
    assert who == Actor("anna", "editor", "password")
    assert users.authenticate(con, "anna", "wrong password!") is None
    assert users.authenticate(con, "nobody", "anna's long password") is None
    users.set_disabled(con, ADMIN, "anna", True)
    assert users.authenticate(con, "anna", "anna's long password") is None
    assert users.current(con, "anna") is None  # a signed-in session ends at its next page run
    users.set_disabled(con, ADMIN, "anna", False)
    assert users.authenticate(con, "anna", "anna's long password") is not None
    actions = [e["action"] for e in audit.entries(con, ADMIN)][::-1]
    assert actions == [
        "user_add",
        "sign_in",
        "sign_in_failed",
        "sign_in_failed",
        "user_disable",
        "sign_in_failed",
        "user_enable",
        "sign_in",
    ]


def test_lock_out_after_five_failures_for_fifteen_minutes(con):
    from datetime import datetime, timedelta

    users.add(con, ADMIN, "ben", "viewer", "ben's long password")
    t0 = datetime(2026, 3, 1, 9, 0)
    for i in range(4):
        assert users.authenticate(con, "ben", f"guess {i}", now=t0) is None
    assert users.authenticate(con, "ben", "ben's long password", now=t0) is not None  # resets
    for i in range(5):
        assert users.authenticate(con, "ben", f"guess {i}", now=t0) is None
    assert users.get(con, "ben").locked_until == t0 + timedelta(minutes=15)
    # locked: even the right password is refused, with the same answer
    assert users.authenticate(con, "ben", "ben's long password", now=t0 + timedelta(minutes=14)) is None
    assert users.authenticate(con, "ben", "ben's long password", now=t0 + timedelta(minutes=16)) == Actor(
        "ben", "viewer", "password"
    )
    entries = audit.entries(con, ADMIN, action="lock_out")
    assert len(entries) == 1 and entries[0]["object_id"] == "ben"


def test_user_changes_need_an_admin_and_valid_values(con):
    with pytest.raises(PermissionDeniedError):
        users.add(con, EDITOR, "eve", "admin", "eve's long password")
    with pytest.raises(users.UserError, match="at least 10"):
        users.add(con, ADMIN, "eve", "viewer", "short")
    with pytest.raises(users.UserError, match="unknown role"):
        users.add(con, ADMIN, "eve", "root", "eve's long password")
    with pytest.raises(users.UserError, match="printable"):
        users.add(con, ADMIN, "eve\nforged line", "viewer", "eve's long password")
    users.add(con, ADMIN, "eve", "viewer", "eve's long password")
    with pytest.raises(users.UserError, match="already exists"):
        users.add(con, ADMIN, "eve", "viewer", "eve's long password")
    me = Actor("eve", "admin", "password")
    users.set_role(con, ADMIN, "eve", "admin")
    with pytest.raises(users.UserError, match="yourself"):
        users.set_disabled(con, me, "eve", True)
    assert [u.name for u in users.list_users(con, ADMIN)] == ["eve"]
    assert users.count(con) == 1


# --- OIDC role mapping ------------------------------------------------------------------------


def test_oidc_roles_highest_match_wins_and_unknown_users_are_refused():
    from pipelines.oidc_roles import parse, role_for

    config = parse(
        {
            "admin": {"emails": ["Boss@Example.com"]},
            "editor": {"groups": ["cx-editors"]},
            "viewer": {"domains": ["@example.com"]},
        }
    )
    assert role_for({"email": "boss@example.com"}, config) == "admin"
    assert role_for({"email": "staff@example.com", "groups": ["cx-editors"]}, config) == "editor"
    assert role_for({"email": "staff@EXAMPLE.com"}, config) == "viewer"
    assert role_for({"email": "x@other.org", "groups": "cx-editors"}, config) == "editor"
    assert role_for({"email": "x@other.org"}, config) is None
    assert role_for({"email": "boss@example.com", "email_verified": False}, config) is None
    assert role_for({"email": "evil@example.com.attacker.org"}, config) is None
    assert role_for({}, config) is None


def test_oidc_roles_file_options_and_errors(tmp_path):
    from pipelines.oidc_roles import RolesConfigError, load, parse, role_for

    file = tmp_path / "roles.toml"
    file.write_text(
        'unknown = "viewer"\ngroups_claim = "roles"\n[editor]\ngroups = ["cx"]\n', encoding="utf-8"
    )
    config = load(file)
    assert role_for({"email": "a@b.c", "roles": ["cx"]}, config) == "editor"
    assert role_for({"email": "a@b.c", "groups": ["cx"]}, config) == "viewer"
    assert load(None).rules == {} and role_for({"email": "a@b.c"}, load(None)) is None
    for bad in ({"unknown": "admin"}, {"owner": {}}, {"admin": {"emails": "a@b.c"}}):
        with pytest.raises(RolesConfigError):
            parse(bad)
    file.write_text("[admin\n", encoding="utf-8")
    with pytest.raises(RolesConfigError, match="not valid TOML"):
        load(file)
