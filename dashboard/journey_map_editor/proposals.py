"""Journey map editor: proposed themes. The comments no theme catches, clustered on request
(pipelines/theme_proposals.py; seconds at scale L, so never in the page's first render) and
cached per database state; each cluster with its size, top terms and example comments, and for
users who may edit the map a form that adds it as a theme: a new saved version, validated and
re-attributed like any save of the editor (versions.apply)."""

from __future__ import annotations

import hashlib
import inspect
import logging
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from core.access import Actor, Permission
from dashboard import data_journey_map as jd
from dashboard import i18n, ui
from dashboard.cached_query import cached_query
from dashboard.data_journey_map_frames import frames_from_document, parse_document
from dashboard.i18n import t
from dashboard.journey_map_editor.proposal_theme import default_name, entry_problems, theme_entry, with_theme
from dashboard.journey_map_editor.state import names, show_problems
from dashboard.journey_map_editor.versions import apply
from dashboard.mapping_roles import plain
from pipelines.journey_map import JourneyMapError, load_journey_map_text
from pipelines.theme_proposals import Proposal, propose_themes

LOG = logging.getLogger("cx.theme_proposals")
REQUESTED = "tp_requested"  # session: the user asked for proposals (they show on every rerun after)
# propose_themes' sample size (the same comments every time): a summary this size says "a sample"
MAX_COMMENTS: int = inspect.signature(propose_themes).parameters["max_comments"].default
SOURCES = {"response": "tp_source_response", "contact": "tp_source_contact"}

OPEN_TAB = "jme_open_tab"  # set before a save that reruns the page: the tab to open then


@cached_query(max_entries=8)
def _proposals(cur: Any) -> list[Proposal]:
    """The proposals of the data this cursor reads (cached on the database and its data version:
    a refresh, e.g. after adding a theme, computes them again)."""
    return propose_themes(cur)


def _token(proposal: Proposal) -> str:
    """A key part that changes with the cluster (a refresh may reorder or replace clusters) and
    differs between the clusters of one run (the rank is part of it)."""
    text = "\x1f".join(proposal.top_terms) + f"\x1e{proposal.size}\x1e{proposal.cluster}"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:10]


def source_label(source: str) -> str:
    """Where an example comes from: a survey comment or a contact note (else the source as is)."""
    key = SOURCES.get(source)
    return t(key) if key else source


def examples_frame(proposal: Proposal) -> pd.DataFrame:
    """The example comments as a table: cell text, never Markdown or HTML."""
    return pd.DataFrame(
        {
            t("tp_col_source"): [source_label(str(e.get("source", ""))) for e in proposal.examples],
            t("tp_col_comment"): [str(e.get("text") or "") for e in proposal.examples],
        }
    )


def _unsaved_edits(state: dict[str, Any], edited: dict[str, pd.DataFrame], company: str | None) -> bool:
    """Whether the editor's tables differ from the map in effect (the save box's pending changes;
    an edit that makes the map invalid counts as one)."""
    doc = jd.document_from_frames(edited, company, state["doc"].get("version", 1), kept=state["doc"])
    text = jd.to_yaml(doc)
    try:
        load_journey_map_text(text, "edited map")
        return bool(jd.diff(state["text"], text))
    except JourneyMapError:
        return True


def _add(cur: Any, state: dict[str, Any], user: Actor, entry: dict[str, Any]) -> None:
    """Save the map in effect with the theme added as a new version, through the editor's save."""
    doc = with_theme(parse_document(state["text"]), entry)
    new_text = jd.to_yaml(doc, user.name)
    try:
        load_journey_map_text(new_text, "edited map")
    except JourneyMapError as exc:
        show_problems(exc, doc)
        return
    name = entry["name"].get(i18n.lang()) or next(iter(entry["name"].values()), entry["id"])
    st.session_state[OPEN_TAB] = "proposals"  # the page comes back on this tab after the save
    apply(lambda: jd.save_and_refresh(cur, new_text, user), "tp_saved", theme=plain(name))


def _form(
    cur: Any,
    state: dict[str, Any],
    user: Actor,
    proposal: Proposal,
    stages: dict[str, str],
    owners: dict[str, str],
    blocked: bool,
) -> None:
    """Name, stage, owner and terms, prefilled from the cluster, and the one-click Add."""
    key = f"{state['gen']}_{_token(proposal)}"
    suggested = proposal.theme_entry()
    with st.form(f"tp_form_{key}", border=True):
        left, right = st.columns(2)
        name_en = left.text_input(
            t("tp_name_en"), value=default_name(suggested["terms"]), key=f"tp_name_en_{key}"
        )
        name_fi = right.text_input(
            t("tp_name_fi"), value=default_name(suggested["terms"]), key=f"tp_name_fi_{key}"
        )
        left, right = st.columns(2)
        stage = left.selectbox(
            t("tp_stage"),
            list(stages),
            index=None,
            format_func=lambda v: stages.get(v, str(v)),
            placeholder=t("tp_stage_placeholder"),
            key=f"tp_stage_{key}",
        )
        owner = right.selectbox(
            t("tp_owner"),
            [None, *owners],
            format_func=lambda v: t("tp_owner_default") if v is None else owners.get(v, str(v)),
            key=f"tp_owner_{key}",
            help=t("tp_owner_help"),
        )
        terms = st.text_input(
            t("tp_terms"), value=", ".join(suggested["terms"]), key=f"tp_terms_{key}", help=t("tp_terms_help")
        )
        if blocked:
            st.caption(t("tp_unsaved"))
        submitted = st.form_submit_button(
            t("tp_add"), type="primary", icon=":material/add:", disabled=blocked, key=f"tp_add_{key}"
        )
    if not submitted:
        return
    entry = theme_entry(parse_document(state["text"]), name_en, name_fi, stage, owner, terms)
    problems = entry_problems(entry)
    for code, values in problems:
        st.error(t(code, **{k: plain(v) for k, v in values.items()}), icon=":material/error:")
    if not problems:
        _add(cur, state, user, entry)


def _show_one(proposal: Proposal, expanded: bool) -> Any:
    """The cluster's expander (its heading: rank, top terms, size, share) with terms and examples."""
    label = t(
        "tp_cluster",
        rank=proposal.cluster,
        terms=plain(", ".join(proposal.top_terms[:3])),
        size=i18n.fmt_int(proposal.size),
        share=i18n.fmt_share(proposal.share, 1),
    )
    box = st.expander(label, expanded=expanded)
    with box:
        st.markdown(t("tp_top_terms", terms=" · ".join(plain(term) for term in proposal.top_terms)))
        if proposal.examples:
            ui.table(examples_frame(proposal), key=f"tp_examples_{_token(proposal)}")
    return box


def _request() -> None:
    st.session_state[REQUESTED] = True


def show_proposals(
    cur: Any, state: dict[str, Any], user: Actor, edited: dict[str, pd.DataFrame], company: str | None
) -> None:
    """The Proposed themes tab; proposals are computed only after the button is clicked."""
    st.caption(t("tp_intro"))
    if not st.session_state.get(REQUESTED):  # the click's callback sets it before the next run
        st.button(t("tp_propose"), key="tp_propose", icon=":material/auto_awesome:", on_click=_request)
        st.caption(t("tp_propose_help"))
        return
    try:
        with st.spinner(t("tp_computing"), show_time=True):
            proposals = _proposals()
    except (duckdb.Error, ValueError, MemoryError):
        LOG.exception("theme proposals failed")
        st.error(t("tp_failed"), icon=":material/error:")
        return
    if not proposals:
        st.info(t("tp_none"), icon=":material/info:")
        return
    clustered = sum(p.size for p in proposals)
    key = "tp_summary_sample" if clustered >= MAX_COMMENTS else "tp_summary"
    st.caption(t(key, n=len(proposals), count=i18n.fmt_int(clustered)))
    can_edit = user.can(Permission.EDIT_JOURNEY_MAP)
    if not can_edit:
        st.caption(t("tp_read_only"))
    frames = frames_from_document(parse_document(state["text"]))  # the map in effect
    stages = names(frames["stages"].sort_values("order", na_position="last", kind="stable"))
    owners = names(frames["functions"])
    blocked = can_edit and _unsaved_edits(state, edited, company)
    for i, proposal in enumerate(proposals):
        with _show_one(proposal, expanded=i == 0):
            if can_edit:
                _form(cur, state, user, proposal, stages, owners, blocked)
