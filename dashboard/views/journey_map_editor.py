"""Journey map editor: the CX team edits stages, owners, rules, reasons, SLAs, targets, costs and
settings; every save is validated, versioned and re-attributes the data at once. The parts are in
dashboard/journey_map_editor/."""

from __future__ import annotations

from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from core.access import Actor, Permission
from dashboard import auth, data, i18n, page, ui
from dashboard import data_journey_map as jd
from dashboard.i18n import t
from dashboard.journey_map_editor.editors import (
    edit_costs_targets_settings,
    edit_functions,
    edit_reasons,
    edit_rules,
    edit_stages,
)
from dashboard.journey_map_editor.proposals import OPEN_TAB, show_proposals
from dashboard.journey_map_editor.state import (
    author_label,
    load_state,
    local_name,
    names,
    show_flash,
    show_problems,
    source_label,
    when,
)
from dashboard.journey_map_editor.unmapped import show_unmapped
from dashboard.journey_map_editor.versions import apply, show_history, show_import_export
from dashboard.mapping_roles import plain
from pipelines.journey_map import JourneyMapError, load_journey_map_text
from pipelines.refresh_plan import same_map_source
from pipelines.runner import RefreshError

_TABS_WRAP_CSS = """
  [data-testid="stMain"] [data-testid="stTabs"] [role="tablist"] { flex-wrap: wrap; row-gap: 0.25rem; }
"""


def _status(
    cur: Any, source: str, acts: pd.DataFrame | None, reasons: pd.DataFrame | None, user: Actor
) -> None:
    versions = jd.history(cur)
    if versions.empty:
        st.caption(t("jme_in_effect_file", source=source_label(source)))
    else:
        latest = versions.iloc[0]
        st.caption(
            t(
                "jme_in_effect_version",
                version=int(latest["version"]),
                by=plain(author_label(latest["changed_by"], local_name(user))),
                when=when(latest["changed_at"]),
            )
        )
    last = jd.last_refresh_source(cur)
    if last is not None and not same_map_source(last, source):
        st.warning(
            t("jme_not_applied", last=source_label(last), source=source_label(source)),
            icon=":material/sync_problem:",
        )
        if st.button(t("jme_refresh_now"), key="jme_refresh_now", icon=":material/sync:"):
            try:
                with st.spinner(t("jme_refreshing"), show_time=True):
                    jd.refresh_data(cur)
            except (JourneyMapError, RefreshError, duckdb.Error) as exc:
                st.error(t("jme_refresh_failed", error=exc), icon=":material/error:")
            else:
                st.rerun()
    if acts is not None and reasons is not None:
        listed = reasons[~reasons["no_reason_given"]]
        if not acts.empty or not listed.empty:
            st.warning(
                t(
                    "jme_unmapped_banner",
                    activities=i18n.fmt_int(len(acts)),
                    events=i18n.fmt_int(int(acts["events"].sum())),
                    reasons=i18n.fmt_int(len(listed)),
                    contacts=i18n.fmt_int(int(listed["contacts"].sum())),
                ),
                icon=":material/call_split:",
            )


def save_box(
    cur: Any, state: dict[str, Any], edited: dict[str, pd.DataFrame], company: str | None, user: Actor
) -> None:
    doc = jd.document_from_frames(edited, company, state["doc"].get("version", 1), kept=state["doc"])
    new_text = jd.to_yaml(doc, user.name)
    try:
        load_journey_map_text(new_text, "edited map")
        changes = jd.diff(state["text"], new_text)
    except JourneyMapError:
        changes = None
    if changes:
        st.markdown(t("jme_pending") + "\n" + "\n".join(f"- {plain(c)}" for c in changes))
    elif changes is None:
        st.caption(t("jme_pending_invalid"))
    if st.button(t("jme_save"), type="primary", key="jme_save", icon=":material/fact_check:"):
        try:
            load_journey_map_text(new_text, "edited map")
        except JourneyMapError as exc:
            show_problems(exc, doc)
            return
        if not changes:
            st.info(t("jme_no_changes"), icon=":material/info:")
            return
        apply(lambda: jd.save_and_refresh(cur, new_text, user), "jme_saved")


def render() -> None:
    """The Journey map editor page."""
    user = auth.require_page(Permission.EDIT_JOURNEY_MAP)
    cur = data.cursor()
    text, source = jd.active(cur)
    state = load_state(text, source)
    overline = page.company_overline_html(state["doc"].get("company"))  # "Demo data" as a badge
    if overline:
        st.html(overline)
    ui.page_header(t("jme_title"))
    st.caption(t("jme_intro"))
    show_flash()
    acts, reasons = jd.unmapped_activities(), jd.unmapped_reasons()
    _status(cur, source, acts, reasons, user)
    role = t(f"auth_role_{user.role}")
    if user.via == "local":  # the operating-system login ("root"), not a person's name
        st.caption(t("jme_user_local", role=role))
    else:
        st.caption(t("jme_user", name=plain(user.name), role=role))
    actions = st.container()

    # nine sections: on a narrow screen their tabs go onto more lines instead of out of view
    st.html(f"<style>{_TABS_WRAP_CSS}</style>")
    n_unmapped = (
        0 if acts is None or reasons is None else (len(acts) + int((~reasons["no_reason_given"]).sum()))
    )
    proposals_tab = t("tp_tab")
    reopen = st.session_state.pop(OPEN_TAB, None) == "proposals"  # after 'Add as theme' saved
    tabs = st.tabs(
        [
            t("jme_tab_stages"),
            t("jme_tab_functions"),
            t("jme_tab_rules"),
            t("jme_tab_reasons"),
            t("jme_tab_costs"),
            t("jme_tab_unmapped", n=i18n.fmt_int(n_unmapped)),
            proposals_tab,
            t("jme_tab_history"),
            t("jme_tab_files"),
        ],
        default=proposals_tab if reopen else None,
    )
    with tabs[1]:
        functions = edit_functions(state)
    owners = names(functions)  # function id -> name in the page's language
    with tabs[0]:
        stages = edit_stages(state, owners)
    stage_names = names(stages.sort_values("order", na_position="last", kind="stable"))
    with tabs[2]:
        rules = edit_rules(state, stage_names)
    with tabs[3]:
        reason_frame = edit_reasons(state, stage_names, owners)
    with tabs[4]:
        other, company = edit_costs_targets_settings(state)
    edited = {
        "functions": functions,
        "stages": stages,
        "activities": rules,
        "contact_reasons": reason_frame,
        **other,
    }
    with tabs[5]:
        show_unmapped(acts, reasons, state, edited, company, stage_names)
    with tabs[6]:
        show_proposals(cur, state, user, edited, company)
    with tabs[7]:
        show_history(cur, user)
    with tabs[8]:
        show_import_export(cur, text, source, user, state["gen"])
    with actions:
        save_box(cur, state, edited, company, user)
