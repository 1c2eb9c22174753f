"""Who is using the dashboard: the sign-in page, the session's actor, sign-out and expiry.

Modes (env CX_AUTH_MODE): ``none`` (default; one local user with the admin role, refused unless
the server is bound to a loopback address), ``password`` (users in the database, see
pipelines/users.py) and ``oidc`` (Streamlit's st.login; roles from pipelines/oidc_roles.py).
Every page run starts with gate(), which either returns the actor or shows the sign-in page and
stops. Pages and the code paths they call check the actor's permissions again.
"""

from __future__ import annotations

import ipaddress
import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any, Literal, get_args

import streamlit as st

from core import audit
from core.access import Actor, Permission, local_actor
from dashboard import data, filters, ui
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from pipelines import users
from pipelines.oidc_roles import RolesConfigError, role_for
from pipelines.oidc_roles import load as load_roles

Mode = Literal["none", "password", "oidc"]
MODES: tuple[Mode, ...] = get_args(Mode)
ACTOR_KEY = "_auth_actor"
SINCE_KEY = "_auth_since"  # when this session signed in (UTC)
SEEN_KEY = "_auth_seen"  # the last page run of this session (UTC)
OIDC_LOGGED_KEY = "_auth_oidc_logged"
LOG = logging.getLogger("cx.auth")

clock: Callable[[], datetime] = audit.utc_now  # tests replace it


def mode() -> Mode | Literal[""]:
    """The auth mode from env CX_AUTH_MODE (default none); '' when the value is not a mode."""
    value = (os.environ.get("CX_AUTH_MODE") or "none").strip().lower()
    return value if value in MODES else ""


def _minutes(name: str, default: float) -> float:
    try:
        value = float(os.environ.get(name, ""))
    except ValueError:
        return default
    return value if value > 0 else default


def idle_limit() -> timedelta:
    """Sign out after this long without a page run (env CX_SESSION_IDLE_MINUTES, default 30)."""
    return timedelta(minutes=_minutes("CX_SESSION_IDLE_MINUTES", 30))


def absolute_limit() -> timedelta:
    """Sign out this long after signing in (env CX_SESSION_MAX_HOURS, default 12)."""
    return timedelta(hours=_minutes("CX_SESSION_MAX_HOURS", 12))


def is_loopback(address: str | None) -> bool:
    """True for 127.0.0.0/8, ::1 and 'localhost'; False for '' (all interfaces) and others."""
    value = (address or "").strip().strip("[]")
    if value.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(value).is_loopback
    except ValueError:
        return False


def server_address() -> str:
    return str(st.get_option("server.address") or "")


def actor() -> Actor | None:
    """The actor of this session (set by gate() in this page run)."""
    value = st.session_state.get(ACTOR_KEY)
    return value if isinstance(value, Actor) else None


def allowed(permission: Permission) -> bool:
    who = actor()
    return who is not None and who.can(permission)


def require_page(permission: Permission) -> Actor:
    """The actor when it may use this page; otherwise a message and the page stops."""
    who = actor()
    if who is None or not who.can(permission):
        st.error(t("auth_page_refused"), icon=":material/block:")
        st.stop()
    return who


def export_logger(what: str, **detail: Any) -> Callable[[], None]:
    """An on_click callback for st.download_button that writes an 'export' audit entry."""

    def log() -> None:
        try:
            audit.record(
                data.cursor(), actor(), "export", "download", what, detail, name="unknown", via="local"
            )
        except Exception:  # noqa: BLE001 - a download is not refused because the log failed
            LOG.exception("could not record the export of %s", what)

    return log


# --- gate ----------------------------------------------------------------------------------


def refuse_unsafe_serving() -> None:
    """Stop before anything else (even preparing the database) when CX_AUTH_MODE is not a mode,
    or is none while the server listens on a non-loopback address."""
    current = mode()
    if not current:
        _stop(t("auth_bad_mode"))
    if current == "none" and not is_loopback(server_address()):
        _stop(t("auth_none_not_local", address=server_address() or "0.0.0.0"))


def gate() -> Actor:
    """The signed-in actor, or the sign-in page (or a refusal) and st.stop()."""
    refuse_unsafe_serving()
    current = mode()
    if current == "none":
        who = local_actor()
        st.session_state[ACTOR_KEY] = who
        return who
    if current == "password":
        return _password_gate()
    return _oidc_gate()


def _stop(message: str) -> None:
    st.session_state.pop(ACTOR_KEY, None)
    ui.page_header(t("app_name"))
    st.error(message, icon=":material/gpp_bad:")
    st.stop()


def _expired(now: datetime) -> str | None:
    since, seen = st.session_state.get(SINCE_KEY), st.session_state.get(SEEN_KEY)
    if since is None or seen is None:
        return "no session"
    if now - seen > idle_limit():
        return "idle"
    if now - since > absolute_limit():
        return "absolute"
    return None


def _password_gate() -> Actor:
    cur = data.cursor()
    who = actor()
    now = clock()
    if who is not None:
        reason = _expired(now)
        fresh = users.current(cur, who.name) if reason is None else None
        if fresh is not None:
            st.session_state[ACTOR_KEY], st.session_state[SEEN_KEY] = fresh, now
            return fresh
        audit.record(cur, who, "session_end", "user", who.name, {"reason": reason or "disabled or removed"})
        _forget()
        st.session_state["_auth_notice"] = "auth_expired" if reason else "auth_account_gone"
    _password_page(cur, now)
    st.stop()
    raise AssertionError("unreachable")


def _forget() -> None:
    for key in (ACTOR_KEY, SINCE_KEY, SEEN_KEY, OIDC_LOGGED_KEY):
        st.session_state.pop(key, None)


def _sign_in_frame() -> Any:
    """Title and language choice around the sign-in form (no sidebar: on a phone it would cover
    the form); returns the column to draw in."""
    ui.page_header(t("auth_title"), t("app_name"))
    box = st.container(width=440)
    with box:
        filters.language_selector()
    return box


def _password_page(cur: Any, now: datetime) -> None:
    box = _sign_in_frame()
    with box:
        notice = st.session_state.pop("_auth_notice", None)
        if notice:
            st.info(t(notice), icon=":material/schedule:")
        if users.count(cur) == 0:
            st.warning(t("auth_no_users"), icon=":material/person_add:")
            st.code("python -m pipelines users add NAME --role admin", language="bash")
            return
        with st.form("auth_sign_in", border=True):
            name = st.text_input(t("auth_name"), max_chars=users.MAX_NAME, autocomplete="username")
            password = st.text_input(
                t("auth_password"),
                type="password",
                max_chars=users.MAX_PASSWORD,
                autocomplete="current-password",
            )
            go = st.form_submit_button(
                t("auth_sign_in"), type="primary", icon=":material/login:", width="stretch"
            )
        if not go:
            st.caption(t("auth_password_hint"))
            return
        who = users.authenticate(cur, name, password, now=now)
        if who is None:
            st.error(t("auth_failed"), icon=":material/error:")
            return
        st.session_state[ACTOR_KEY] = who
        st.session_state[SINCE_KEY] = st.session_state[SEEN_KEY] = now
        st.rerun()


def _oidc_gate() -> Actor:
    try:
        configured = "auth" in st.secrets
    except Exception:  # noqa: BLE001 - no secrets file at all
        configured = False
    if not configured:
        _stop(t("auth_oidc_not_configured"))
    if not st.user.is_logged_in:
        _forget()
        with _sign_in_frame():
            st.write(t("auth_oidc_intro"))
            provider = os.environ.get("CX_OIDC_PROVIDER") or None
            if st.button(t("auth_oidc_button"), type="primary", icon=":material/login:"):
                st.login(provider) if provider else st.login()
        st.stop()
    claims = st.user.to_dict()
    try:
        role = role_for(claims, load_roles())
    except RolesConfigError:
        LOG.exception("the OIDC roles file cannot be used")
        role = None
    name = str(claims.get("email") or claims.get("sub") or claims.get("name") or "unknown")
    if role is None:
        audit.record(
            data.cursor(), None, "sign_in_refused", "user", name, {"reason": "no role"}, name=name, via="oidc"
        )
        with _sign_in_frame():
            st.error(t("auth_oidc_no_role"), icon=":material/block:")
            st.text(name)
            if st.button(t("auth_sign_out"), icon=":material/logout:"):
                st.logout()
        st.stop()
    who = Actor(name, role, "oidc")
    if not st.session_state.get(OIDC_LOGGED_KEY):
        audit.record(data.cursor(), who, "sign_in", "user", name)
        st.session_state[OIDC_LOGGED_KEY] = True
    st.session_state[ACTOR_KEY] = who
    return who


# --- sidebar ----------------------------------------------------------------------------------


def sidebar(who: Actor) -> None:
    """Who is signed in, with which role, and the sign-out button (not in mode none)."""
    with st.sidebar:
        if who.via == "local":
            st.caption(t("auth_local_caption"))
        else:
            st.caption(t("auth_signed_in_as", name=plain(who.name), role=t(f"auth_role_{who.role}")))
            if st.button(t("auth_sign_out"), icon=":material/logout:", key="auth_sign_out", type="tertiary"):
                sign_out(who)
        st.divider()


def sign_out(who: Actor) -> None:
    audit.record(data.cursor(), who, "sign_out", "user", who.name)
    _forget()
    if who.via == "oidc":
        st.logout()
    st.rerun()
