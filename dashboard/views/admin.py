"""Admin page: users of password mode (through pipelines/users.py) and the audit log."""

from __future__ import annotations

import json

import pandas as pd
import streamlit as st

from core import audit
from core.access import ROLES, Actor, Permission, PermissionDeniedError
from core.safe_cells import safe_csv_bytes
from dashboard import auth, data, i18n, ui
from dashboard.i18n import t
from pipelines import users

SHOWN = 500


def _role_label(role: str) -> str:
    return t(f"auth_role_{role}")


def _label(prefix: str, code: str) -> str:
    """The page's name for an audit code (action, via); the code itself when it has none."""
    key = f"{prefix}_{code}"
    return t(key) if i18n.has(key) else code


def _role_or_blank(role: str) -> str:
    return _role_label(role) if role else ""


def _status(user: users.User) -> str:
    if user.disabled:
        return t("adm_status_disabled")
    if user.locked_until is not None and user.locked_until > audit.utc_now():
        return t("adm_status_locked", until=f"{user.locked_until:%Y-%m-%d %H:%M} UTC")
    return t("adm_status_active")


def _apply(change, message: str) -> None:
    try:
        change()
    except (users.UserError, PermissionDeniedError) as exc:
        st.error(str(exc), icon=":material/error:")
        return
    st.session_state["_adm_flash"] = message
    st.rerun()


def users_tab(who: Actor) -> None:
    mode = auth.mode()
    if mode != "password":
        st.info(t(f"adm_mode_{mode}"), icon=":material/info:")
    cur = data.cursor()
    flash = st.session_state.pop("_adm_flash", None)
    if flash:
        st.success(flash, icon=":material/check_circle:")
    listed = users.list_users(cur, who)
    if listed:
        ui.table(
            pd.DataFrame(
                {
                    t("adm_col_name"): [u.name for u in listed],
                    t("adm_col_role"): [_role_label(u.role) for u in listed],
                    t("adm_col_status"): [_status(u) for u in listed],
                    t("adm_col_changed"): [f"{u.changed_at:%Y-%m-%d %H:%M}" for u in listed],
                }
            ),
            hide_index=True,
            width="stretch",
        )
    else:
        st.caption(t("adm_no_users"))
    left, right = st.columns(2, gap="large")
    with left, st.form("adm_add", border=True, clear_on_submit=True):
        st.subheader(t("adm_add_header"), anchor=False)
        name = st.text_input(t("adm_col_name"), max_chars=users.MAX_NAME)
        role = st.selectbox(t("adm_col_role"), ROLES, format_func=_role_label)
        password = st.text_input(
            t("adm_password"), type="password", max_chars=users.MAX_PASSWORD, autocomplete="new-password"
        )
        if st.form_submit_button(t("adm_add_button"), type="primary", icon=":material/person_add:"):
            _apply(
                lambda: users.add(cur, who, name, role, password),
                t("adm_added", name=name.strip(), role=_role_label(role)),
            )
    if not listed:
        return
    with right, st.container(border=True):
        st.subheader(t("adm_change_header"), anchor=False)
        names = [u.name for u in listed]
        pick = st.selectbox(t("adm_pick_user"), names, key="adm_pick")
        user = next(u for u in listed if u.name == pick)
        new_role = st.selectbox(
            t("adm_new_role"),
            ROLES,
            index=ROLES.index(user.role),
            format_func=_role_label,
            key=f"adm_role_{pick}",
        )
        b1, b2 = st.columns(2)
        if b1.button(t("adm_set_role"), key="adm_set_role", width="stretch"):
            _apply(lambda: users.set_role(cur, who, pick, new_role), t("adm_changed"))
        toggle = "adm_enable" if user.disabled else "adm_disable"
        if b2.button(t(toggle), key="adm_toggle", width="stretch"):
            _apply(lambda: users.set_disabled(cur, who, pick, not user.disabled), t("adm_changed"))
        new_password = st.text_input(
            t("adm_new_password"),
            type="password",
            max_chars=users.MAX_PASSWORD,
            key=f"adm_pw_{pick}",
            autocomplete="new-password",
        )
        if st.button(t("adm_set_password"), key="adm_set_pw"):
            _apply(lambda: users.set_password(cur, who, pick, new_password), t("adm_changed"))


def audit_tab(who: Actor) -> None:
    st.caption(t("adm_audit_intro"))
    cur = data.cursor()
    audit.ensure_table(cur)
    actions = [r[0] for r in cur.execute("select distinct action from audit_log order by 1").fetchall()]
    top = st.columns([2, 1, 1], vertical_alignment="bottom")
    action = top[0].selectbox(
        t("adm_audit_action"),
        ["", *actions],
        format_func=lambda a: _label("adm_action", a) if a else t("adm_audit_all"),
        key="adm_action",
    )
    if top[1].button(t("adm_audit_verify"), icon=":material/verified:", width="stretch"):
        result = audit.verify(cur)
        if result.ok:
            st.success(t("adm_audit_ok", rows=result.rows, head=result.head[:16] + "…"))
        else:
            st.error(t("adm_audit_broken", seq=result.broken_seq, reason=result.reason))
    rows = audit.entries(cur, who, action=action or None, limit=SHOWN)
    if not rows:
        st.caption(t("adm_audit_empty"))
        return
    frame = pd.DataFrame(
        {
            t("adm_col_seq"): [r["seq"] for r in rows],
            t("adm_col_at"): [f"{r['logged_at']:%Y-%m-%d %H:%M:%S}" for r in rows],
            t("adm_col_actor"): [r["actor"] for r in rows],
            t("adm_col_role"): [_role_or_blank(r["role"]) for r in rows],
            t("adm_col_via"): [_label("adm_via", r["via"]) if r["via"] else "" for r in rows],
            t("adm_col_action"): [_label("adm_action", r["action"]) for r in rows],
            t("adm_col_object"): [
                " ".join(x for x in (_label("adm_kind", r["object_kind"] or ""), r["object_id"]) if x)
                for r in rows
            ],
            t("adm_col_detail"): [r["detail"] for r in rows],
        }
    )
    # The detail (a JSON object, often long) is not a column: the table then fits the screen, and a
    # picked row shows its detail in full below it. The CSV has every column.
    small = {t("adm_col_seq"): st.column_config.Column(width="small")}
    event = ui.table(
        frame.drop(columns=[t("adm_col_detail")]),
        hide_index=True,
        width="stretch",
        column_config=small,
        on_select="rerun",
        selection_mode="single-row",
        key="adm_audit_table",
    )
    st.caption(t("adm_shown", n=len(rows)) + " " + t("adm_pick_row"))
    picked = list(getattr(getattr(event, "selection", None), "rows", None) or [])
    if picked and 0 <= picked[0] < len(rows):
        _detail(rows[picked[0]])
    top[2].download_button(
        t("adm_audit_download"),
        _csv(frame),
        file_name="audit_log.csv",
        mime="text/csv",
        icon=":material/download:",
        width="stretch",
        on_click=auth.export_logger("audit_log.csv", rows=len(rows)),
    )


def _detail(row: dict) -> None:
    """One entry's detail in full: indented JSON in a code block (text from files and users is
    shown as typed, never as Markdown)."""
    st.caption(t("adm_detail_of", seq=row["seq"], action=_label("adm_action", row["action"])))
    detail = row["detail"]
    try:
        value = json.loads(detail) if isinstance(detail, str) else detail
    except ValueError:
        value = detail
    if value in (None, "", {}, []):
        st.caption(t("adm_detail_none"))
        return
    text = value if isinstance(value, str) else json.dumps(value, indent=2, ensure_ascii=False, default=str)
    st.code(text, language="json" if not isinstance(value, str) else None, wrap_lines=True)


def _csv(frame: pd.DataFrame) -> bytes:
    """CSV with cells that a spreadsheet would run as formulas neutralised."""
    return safe_csv_bytes(frame)


def render() -> None:
    """The Admin page."""
    who = auth.require_page(Permission.MANAGE_USERS)
    auth.require_page(Permission.READ_AUDIT)
    ui.page_header(t("adm_title"), t("adm_overline"))
    tab_users, tab_audit = st.tabs([t("adm_tab_users"), t("adm_tab_audit")])
    with tab_users:
        users_tab(who)
    with tab_audit:
        audit_tab(who)
