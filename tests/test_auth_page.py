"""Sign-in and roles through the running app (AppTest): modes none, password and oidc; pages a
role may not use are absent from the navigation and refuse when run; session expiry; the
upload limit; errors shown with an id instead of a traceback."""

from __future__ import annotations

import logging
import re
import shutil
from datetime import datetime, timedelta

import pytest
from streamlit import config as st_config
from streamlit.testing.v1 import AppTest

from core.db import connect
from dashboard import auth, data
from pipelines import users
from tests import app_pages
from tests.actors import ADMIN, VIEWER
from tests.app_pages import goto, new_app
from tests.conftest import ROOT

TIMEOUT = 180
INSIGHT = {"overview", "journey", "feedback", "functions", "contacts", "customer", "review"}
PASSWORDS = {"vera": "vera's long password", "eddie": "eddie's long password", "ada": "ada's long password"}


@pytest.fixture()
def app_db(demo_db, tmp_path, monkeypatch):
    """A private copy of the demo database with a viewer, an editor and an admin."""
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    for name, role in (("vera", "viewer"), ("eddie", "editor"), ("ada", "admin")):
        users.add(con, ADMIN, name, role, PASSWORDS[name])
    con.close()
    monkeypatch.setenv("CX_DB", str(path))
    yield path
    import streamlit as st

    st.cache_resource.clear()


def pages(at: AppTest) -> set[str]:
    """The pages in the navigation, by their URL path (the default page's is empty: 'overview')."""
    return {
        str(info.get("url_pathname") or "overview")
        for info in at._registered_pages.values()
        if "url_pathname" in info and not str(info.get("script_path") or "").endswith("app.py")
    }


def signed_in(name: str | None, clock: datetime | None = None) -> AppTest:
    at = new_app(TIMEOUT)
    at.run()
    if name is None:
        return at
    assert [t.value for t in at.title] == ["Sign in"] and not pages(at)
    at.text_input[0].set_value(name)
    at.text_input[1].set_value(PASSWORDS[name])
    at.button[0].click().run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def query(path, sql: str) -> list[tuple]:
    import streamlit as st

    st.cache_resource.clear()
    con = connect(path)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_mode_none_is_one_local_admin(app_db, monkeypatch):
    monkeypatch.delenv("CX_AUTH_MODE", raising=False)
    at = signed_in(None)
    assert not at.exception and not at.error
    assert pages(at) == INSIGHT | {"upload", "journey-map", "admin"}
    assert any("Single-user, local only" in c.value for c in at.sidebar.caption)


def test_mode_none_on_a_network_address_is_refused(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "none")
    before = st_config.get_option("server.address")
    st_config.set_option("server.address", "0.0.0.0")
    try:
        at = signed_in(None)
    finally:
        st_config.set_option("server.address", before)
    assert not pages(at)
    assert "CX_AUTH_MODE=password or oidc" in at.error[0].value
    assert auth.is_loopback("127.0.0.1") and auth.is_loopback("::1") and auth.is_loopback("localhost")
    assert (
        not auth.is_loopback("") and not auth.is_loopback("0.0.0.0") and not auth.is_loopback("192.168.1.5")
    )


def test_bad_mode_is_refused(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "off")
    at = signed_in(None)
    assert not pages(at) and "must be none, password or oidc" in at.error[0].value


@pytest.mark.parametrize(
    "name, expected",
    [
        ("vera", INSIGHT),
        ("eddie", INSIGHT | {"upload", "journey-map"}),
        ("ada", INSIGHT | {"upload", "journey-map", "admin"}),
    ],
)
def test_password_mode_navigation_follows_the_role(app_db, monkeypatch, name, expected):
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    at = signed_in(name)
    assert pages(at) == expected
    assert any(f"Signed in as **{name}**" in c.value for c in at.sidebar.caption)
    at.sidebar.button(key="auth_sign_out").click().run()
    assert [t.value for t in at.title] == ["Sign in"] and not pages(at)
    actions = [
        r[0]
        for r in query(
            app_db,
            f"select action from audit_log where actor = '{name}' and action like 'sign%' order by seq",
        )
    ]
    assert actions == ["sign_in", "sign_out"]


def test_wrong_password_and_unknown_user_get_the_same_answer(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    answers = []
    for name, password in (("vera", "not her password"), ("nobody", "whatever it is")):
        at = signed_in(None)
        at.text_input[0].set_value(name)
        at.text_input[1].set_value(password)
        at.button[0].click().run()
        assert not pages(at)
        answers.append([e.value for e in at.error])
    assert answers[0] == answers[1] and "Sign-in failed" in answers[0][0]


def test_session_expires_when_idle_and_after_the_absolute_limit(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    monkeypatch.setenv("CX_SESSION_MAX_HOURS", "1")
    now = [datetime(2026, 5, 4, 8, 0)]
    monkeypatch.setattr(auth, "clock", lambda: now[0])
    at = signed_in("vera")
    now[0] += timedelta(minutes=29)
    at.run()
    assert pages(at) == INSIGHT  # 29 idle minutes: still signed in
    now[0] += timedelta(minutes=29)
    at.run()
    assert pages(at) == INSIGHT  # active every 29 minutes, 58 minutes in
    now[0] += timedelta(minutes=3)
    at.run()  # 61 minutes after signing in: over the 1 h limit
    assert not pages(at) and "Your session ended" in at.info[0].value
    at = signed_in("vera")
    now[0] += timedelta(minutes=31)
    at.run()  # 31 idle minutes
    assert not pages(at) and "Your session ended" in at.info[0].value
    reasons = [
        r[0] for r in query(app_db, "select detail from audit_log where action = 'session_end' order by seq")
    ]
    assert reasons == ['{"reason":"absolute"}', '{"reason":"idle"}']


def test_a_disabled_user_is_signed_out_at_the_next_page_run(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    at = signed_in("eddie")
    cur = data._process_connection(data.db_path()).cursor()
    try:
        users.set_disabled(cur, ADMIN, "eddie", True)
    finally:
        cur.close()
    at.run()
    assert not pages(at) and "disabled" in at.info[0].value


def _run_view(view: str) -> None:
    import importlib

    importlib.import_module(f"dashboard.views.{view}").render()


@pytest.mark.parametrize("view", ["upload", "journey_map_editor", "admin"])
def test_protected_pages_refuse_a_viewer_when_run_directly(app_db, monkeypatch, view):
    at = AppTest.from_function(_run_view, args=(view,), default_timeout=TIMEOUT)
    at.session_state[auth.ACTOR_KEY] = VIEWER
    at.run()
    assert not at.exception
    assert [e.value for e in at.error] == ["Your role does not allow this page."]
    assert not at.file_uploader and not at.button and not at.download_button


def test_an_editor_imports_under_their_own_name(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    at = signed_in("eddie")
    goto(at, "upload").run()
    assert not at.exception, [e.value for e in at.exception]
    assert not [t for t in at.text_input if t.label == "Imported by"]
    content = (ROOT / "tests" / "fixtures" / "surveys" / "qualtrics.csv").read_bytes()
    at.file_uploader(key="upl_survey_file_0").set_value(("qualtrics.csv", content, "text/csv")).run()
    assert any("Recorded as imported by **eddie** (editor)" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "3. Import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Imported 9 responses" in s.value for s in at.success)
    assert query(app_db, "select imported_by from import_batches where source_file = 'qualtrics.csv'") == [
        ("eddie",)
    ]
    assert query(
        app_db, "select action, actor, role from audit_log where action in ('import', 'refresh') order by seq"
    ) == [("import", "eddie", "editor"), ("refresh", "eddie", "editor")]


def test_admin_page_lists_users_and_verifies_the_log(app_db, monkeypatch):
    monkeypatch.setenv("CX_AUTH_MODE", "password")
    at = signed_in("ada")
    goto(at, "admin").run()
    assert not at.exception, [e.value for e in at.exception]
    assert list(app_pages.frame(at, "User")["User"]) == ["ada", "eddie", "vera"]
    at.selectbox(key="adm_pick").set_value("vera").run()
    at.selectbox(key="adm_role_vera").set_value("editor")
    at.button(key="adm_set_role").click().run()
    assert not at.exception, [e.value for e in at.exception]
    at.button(key="adm_toggle").click().run()
    next(b for b in at.button if b.label == "Check the chain").click().run()
    assert any("The chain is intact" in s.value for s in at.success)
    log = app_pages.frame(at, "Action")
    assert list(log["Action"][:2]) == ["user disabled", "role changed"]  # names, not codes
    assert list(log["Object"][:2]) == ["user vera", "user vera"]
    assert log["Via"][0] == "password"
    assert set(log["Who"][:2]) == {"ada"}
    assert query(app_db, "select role, disabled from app_users where name = 'vera'") == [("editor", True)]


def test_oidc_roles_from_the_roles_file(app_db, monkeypatch, tmp_path):
    roles = tmp_path / "roles.toml"
    roles.write_text(
        '[admin]\nemails = ["boss@example.com"]\n[viewer]\ndomains = ["example.com"]\n', encoding="utf-8"
    )
    monkeypatch.setenv("CX_AUTH_MODE", "oidc")
    monkeypatch.setenv("CX_AUTH_ROLES_FILE", str(roles))
    secrets = {
        "auth": {
            "redirect_uri": "https://cx.example.com/oauth2callback",
            "cookie_secret": "x" * 32,
            "client_id": "id",
            "client_secret": "s",
            "server_metadata_url": "https://idp.example.com/.well-known/openid-configuration",
        }
    }
    expected = {
        "boss@example.com": INSIGHT | {"upload", "journey-map", "admin"},
        "staff@example.com": INSIGHT,
        "someone@else.org": set(),
    }
    for email, want in expected.items():
        at = new_app(TIMEOUT)
        at.secrets = dict(secrets)
        at.user = {"is_logged_in": True, "email": email, "email_verified": True}
        at.run()
        assert not at.exception, [e.value for e in at.exception]
        assert pages(at) == want, email
    assert "no access" in at.error[0].value
    at = new_app(TIMEOUT)
    at.secrets = dict(secrets)
    at.user = {"is_logged_in": False}
    at.run()
    assert not pages(at) and [b.label for b in at.button] == ["Sign in"]


def test_upload_limit_follows_cx_max_upload_mb(app_db, monkeypatch):
    monkeypatch.delenv("CX_AUTH_MODE", raising=False)
    monkeypatch.setenv("CX_MAX_UPLOAD_MB", "3")
    before = st_config.get_option("server.maxUploadSize")
    try:
        at = signed_in(None)
        goto(at, "upload").run()
        assert st_config.get_option("server.maxUploadSize") == 3
        assert at.file_uploader(key="upl_survey_file_0").proto.max_upload_size_mb == 3
    finally:
        st_config.set_option("server.maxUploadSize", before)


def test_an_unexpected_error_shows_an_id_not_a_traceback(app_db, monkeypatch, caplog):
    monkeypatch.delenv("CX_AUTH_MODE", raising=False)

    def broken(*args, **kwargs):
        raise RuntimeError("cannot open /srv/secret/cx.duckdb")

    monkeypatch.setattr(data, "friction_available", broken)
    with caplog.at_level(logging.ERROR, logger="cx.dashboard"):
        at = signed_in(None)
    assert not at.exception
    message = at.error[0].value
    error_id = re.search(r"error id ([0-9a-f]{8})", message).group(1)
    assert "/srv" not in message and "Traceback" not in message
    logged = [r for r in caplog.records if error_id in r.getMessage()]
    assert logged and "/srv/secret/cx.duckdb" in str(logged[0].exc_info[1])
