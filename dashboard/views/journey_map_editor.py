"""Journey map editor: the CX team edits stages, owners, rules, reasons, SLAs, targets, costs and
settings; every save is validated, versioned and re-attributes the data at once."""
from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb
import pandas as pd
import streamlit as st

from dashboard import auth, data, i18n, ui
from dashboard import data_journey_map as jd
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from dashboard.plain_text import escape_markdown_lines
from core.access import Actor, Permission, PermissionDeniedError
from pipelines.journey_map import SETTINGS_DEFAULTS, JourneyMapError, load_journey_map_text
from pipelines.runner import RefreshError
from core.timezones import known_zones

STATE = "jme_state"
FLASH = "jme_flash"
MESSAGES: list[tuple[re.Pattern[str], str]] = [
    (re.compile(p), key) for p, key in [
        (r"^unknown function (?P<value>.+)$", "jme_msg_unknown_function"),
        (r"^unknown stage (?P<value>.+)$", "jme_msg_unknown_stage"),
        (r"^(?P<value>.+) is not a lowercase snake_case id$", "jme_msg_not_id"),
        (r"^needs both an English \(en\) and a Finnish \(fi\) name$", "jme_msg_names"),
        (r"^(?P<value>.+) appears more than once$", "jme_msg_duplicate"),
        (r"^(?P<value>.+) must be true or false$", "jme_msg_bool"),
        (r"^(?P<value>.+) is not a number$", "jme_msg_not_number"),
        (r"^(?P<value>.+) must be at least (?P<minimum>.+)$", "jme_msg_at_least"),
        (r"^needs a non-empty 'match' pattern$", "jme_msg_match"),
        (r"^must be a non-empty list.*$", "jme_msg_non_empty"),
        (r"^(?P<value>.+) must be a whole number >= 2$", "jme_msg_min_n"),
        (r"^(?P<value>.+) must be between 0 and 1$", "jme_msg_alpha"),
        (r"^(?P<value>.+) must be positive$", "jme_msg_positive"),
        (r"^(?P<value>.+) must be a number >= 0$", "jme_msg_non_negative"),
        (r"^(?P<value>.+) is outside (?P<low>[-\d.]+)\.\.(?P<high>[-\d.]+)$", "jme_msg_range"),
        (r"^unknown (?:key|setting|channel|metric).*$", "jme_msg_unknown"),
    ]
]


# --- state --------------------------------------------------------------------------------

def _state(text: str, source: str) -> dict[str, Any]:
    """The map the editors start from; reloaded (fresh editors) when the map in effect changed."""
    state = st.session_state.get(STATE)
    if state is None or state["source"] != source or state["text"] != text:
        if state is not None and FLASH not in st.session_state:
            _flash("info", t("jme_reloaded", source=source))  # someone else saved or restored
        doc = jd.parse_document(text)
        state = {"source": source, "text": text, "doc": doc, "frames": jd.frames_from_document(doc),
                 "gen": (state["gen"] + 1) if state else 0}
        st.session_state[STATE] = state
    return state


def _rebase(frames: dict[str, pd.DataFrame], company: str | None) -> None:
    """Make the current edits the editors' starting point (to add rows programmatically)."""
    state = st.session_state[STATE]
    state["frames"] = {name: frame.reset_index(drop=True) for name, frame in frames.items()}
    state["doc"] = {**state["doc"], "company": company}
    state["gen"] += 1


def _flash(kind: str, message: str) -> None:
    st.session_state[FLASH] = (kind, message)


def _show_flash() -> None:
    flash = st.session_state.pop(FLASH, None)
    if flash:
        kind, message = flash
        (st.success if kind == "success" else st.info)(message, icon=":material/check_circle:")


# --- labels -------------------------------------------------------------------------------

def _col(name: str) -> str:
    return t(f"jme_col_{name}") if i18n.has(f"jme_col_{name}") else name


def _ids(values: pd.Series) -> list[str]:
    return list(dict.fromkeys(v for v in (jd.clean(x) for x in values) if isinstance(v, str)))


def plain_problem(where: dict[str, Any], message: str) -> str:
    """One validation problem in the page's terms: section › entry › column: message."""
    parts = []
    if where.get("section"):
        key = f"jme_section_{where['section']}"
        parts.append(t(key) if i18n.has(key) else where["section"])
    if where.get("entry"):
        parts.append(where["entry"])
    elif where.get("row"):
        parts.append(t("jme_row", row=where["row"]))
    if where.get("field") and where["field"] not in (where.get("entry"),):
        parts.append(_col(where["field"]))
    for pattern, key in MESSAGES:
        match = pattern.match(message)
        if match:
            values = {k: (t("jme_empty_value") if v == "None" else v)
                      for k, v in match.groupdict().items()}
            message = t(key, **values)
            break
    return (" › ".join(parts) + ": " if parts else "") + message


def _show_problems(error: JourneyMapError, doc: dict[str, Any] | None) -> None:
    found = jd.problems(error, doc)
    st.error(t("jme_invalid", n=i18n.fmt_int(len(found))), icon=":material/error:")
    # values of the map being checked (perhaps an uploaded file) are shown as text, not Markdown
    st.markdown("\n".join(f"- {plain(plain_problem(where, message))}"
                          for where, message in found))


# --- editors ------------------------------------------------------------------------------

def _editor(state: dict[str, Any], name: str, config: dict[str, Any], **kwargs: Any) -> pd.DataFrame:
    return st.data_editor(state["frames"][name], key=f"jme_ed_{name}_{state['gen']}",
                          column_config=config, hide_index=True, width="stretch", **kwargs)


def _names_config(width: int | None = None) -> dict[str, Any]:
    """Names in English and Finnish; one language is enough (the other falls back to it)."""
    return {"name_en": st.column_config.TextColumn(_col("name_en"), help=t("jme_names_help"), width=width),
            "name_fi": st.column_config.TextColumn(_col("name_fi"), help=t("jme_names_help"), width=width)}


def _id_column(name: str, width: int | None = None) -> Any:
    return st.column_config.TextColumn(_col(name), required=True, validate=r"^[a-z][a-z0-9_]*$",
                                       help=t("jme_id_help"), width=width)


def edit_functions(state: dict[str, Any]) -> pd.DataFrame:
    st.caption(t("jme_functions_help"))
    return _editor(state, "functions", {"id": _id_column("id"), **_names_config()}, num_rows="dynamic")


def edit_stages(state: dict[str, Any], owners: list[str]) -> pd.DataFrame:
    st.caption(t("jme_stages_help"))
    return _editor(state, "stages", {
        # widths that fit nine columns, English or Finnish headers, at 1440 px
        "order": st.column_config.NumberColumn(_col("order"), min_value=1, step=1, width=60,
                                               help=t("jme_order_help")),
        "id": _id_column("id", width=100), **_names_config(width=140),
        "owner": st.column_config.SelectboxColumn(_col("owner"), options=owners, required=True,
                                                  width=110),
        "sla_hours": st.column_config.NumberColumn(_col("sla_hours"), min_value=0, step=1, width=80,
                                                   help=t("jme_sla_help")),
        "completes": st.column_config.CheckboxColumn(_col("completes"), width=120,
                                                     help=t("jme_completes_help")),
        "done_when": st.column_config.TextColumn(_col("done_when"), width=100,
                                                 help=t("jme_done_when_help")),
        "promised": st.column_config.CheckboxColumn(_col("promised"), width=82,
                                                    help=t("jme_promised_help")),
    }, num_rows="dynamic")


def edit_rules(state: dict[str, Any], stages: list[str]) -> pd.DataFrame:
    st.caption(t("jme_rules_help"))
    return _editor(state, "activities", {
        "order": st.column_config.NumberColumn(_col("order"), min_value=1, step=1, help=t("jme_order_help")),
        "match": st.column_config.TextColumn(_col("match"), required=True, help=t("jme_match_help")),
        "stage": st.column_config.SelectboxColumn(_col("stage"), options=stages, required=True),
    }, num_rows="dynamic")


def edit_reasons(state: dict[str, Any], stages: list[str], owners: list[str]) -> pd.DataFrame:
    st.caption(t("jme_reasons_help"))
    return _editor(state, "contact_reasons", {
        "reason": _id_column("reason"), **_names_config(),
        "stage": st.column_config.SelectboxColumn(_col("stage"), options=stages,
                                                  help=t("jme_reason_stage_help")),
        "owner": st.column_config.SelectboxColumn(_col("owner"), options=owners,
                                                  help=t("jme_reason_owner_help")),
        "avoidable": st.column_config.CheckboxColumn(_col("avoidable"), help=t("jme_avoidable_help")),
    }, num_rows="dynamic")


def edit_costs_targets_settings(state: dict[str, Any]) -> tuple[dict[str, pd.DataFrame], str | None]:
    top_left, top_right = st.columns([2, 1])
    company = top_left.text_input(t("jme_company"), value=state["doc"].get("company") or "",
                                  key=f"jme_company_{state['gen']}")
    zones = list(known_zones())
    current = str(state["frames"]["timezone"]["timezone"].iloc[0])
    zone = top_right.selectbox(t("jme_timezone"), zones, index=zones.index(current) if current in zones else 0,
                               key=f"jme_timezone_{state['gen']}", help=t("jme_timezone_help"))
    left, middle, right = st.columns(3)
    frames = {}
    with left:
        st.markdown(f"**{t('jme_section_channel_costs')}**")
        costs = state["frames"]["channel_costs"].assign(
            label=[i18n.channel_label(c) for c in state["frames"]["channel_costs"]["channel"]])
        frames["channel_costs"] = st.data_editor(
            costs, key=f"jme_ed_channel_costs_{state['gen']}", hide_index=True, width="stretch",
            column_order=["label", "cost_eur"], disabled=["channel", "label"],
            column_config={"label": st.column_config.TextColumn(_col("channel")),
                           "cost_eur": st.column_config.NumberColumn(_col("cost_eur"), min_value=0,
                                                                     step=0.1, format="%.2f €")})
        st.caption(t("jme_costs_help"))
    with middle:
        st.markdown(f"**{t('jme_section_targets')}**")
        targets = state["frames"]["targets"].assign(
            label=[i18n.metric_label(m) for m in state["frames"]["targets"]["metric"]])
        frames["targets"] = st.data_editor(
            targets, key=f"jme_ed_targets_{state['gen']}", hide_index=True, width="stretch",
            column_order=["label", "target"], disabled=["metric", "label"],
            column_config={"label": st.column_config.TextColumn(_col("metric")),
                           "target": st.column_config.NumberColumn(_col("target"), min_value=-100,
                                                                   max_value=100)})
        st.caption(t("jme_targets_help"))
    with right:
        st.markdown(f"**{t('jme_section_settings')}**")
        settings = state["frames"]["settings"].assign(
            label=[t(f"jme_setting_{k}") for k in state["frames"]["settings"]["key"]])
        frames["settings"] = st.data_editor(
            settings, key=f"jme_ed_settings_{state['gen']}", hide_index=True, width="stretch",
            column_order=["label", "value"], disabled=["key", "label"],
            column_config={"label": st.column_config.TextColumn(_col("key")),
                           "value": st.column_config.NumberColumn(_col("value"), min_value=0)})
        st.caption(t("jme_settings_help", min_n=SETTINGS_DEFAULTS["min_n"],
                     alpha=i18n.fmt_number(SETTINGS_DEFAULTS["alpha"], 2)))
    frames = {name: frame.drop(columns=["label"]) for name, frame in frames.items()}
    frames["timezone"] = pd.DataFrame([(zone,)], columns=["timezone"])
    return frames, company.strip() or None


# --- what falls out -----------------------------------------------------------------------

def _provisional_name(code: str) -> str:
    """A readable stand-in name for a new reason code (gift_card -> Gift card)."""
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def _when(value: Any) -> str:
    return i18n.fmt_datetime(pd.Timestamp(value).to_pydatetime()) if value is not None and not pd.isna(value) else "–"


def show_unmapped(acts: pd.DataFrame | None, reasons: pd.DataFrame | None, state: dict[str, Any],
                  edited: dict[str, pd.DataFrame], company: str | None, stages: list[str]) -> None:
    if acts is None or reasons is None:
        st.info(t("jme_unmapped_not_built"), icon=":material/info:")
        return
    st.subheader(t("jme_unmapped_activities"), anchor=False)
    if acts.empty:
        st.success(t("jme_all_activities_mapped"), icon=":material/check_circle:")
    else:
        st.caption(t("jme_unmapped_activities_caption", n=i18n.fmt_int(len(acts)),
                     events=i18n.fmt_int(int(acts["events"].sum()))))
        table = pd.DataFrame({
            "activity": acts["activity"],
            "events": [i18n.fmt_int(v) for v in acts["events"]],
            "journeys": [i18n.fmt_int(v) for v in acts["journeys"]],
            "first_seen": [_when(v) for v in acts["first_seen"]],
            "last_seen": [_when(v) for v in acts["last_seen"]],
            "add_stage": pd.Series([None] * len(acts), dtype=object),
        })
        chosen = st.data_editor(
            table, key=f"jme_ed_unmapped_activities_{state['gen']}", hide_index=True, width="stretch",
            disabled=["activity", "events", "journeys", "first_seen", "last_seen"],
            column_config={"activity": _col("activity"), "events": _col("events"),
                           "journeys": _col("journeys"), "first_seen": _col("first_seen"),
                           "last_seen": _col("last_seen"),
                           "add_stage": st.column_config.SelectboxColumn(t("jme_add_to_stage"),
                                                                         options=stages)})
        picked = chosen[chosen["add_stage"].map(jd.clean).notna()]
        if st.button(t("jme_add_rules", n=len(picked)), disabled=picked.empty, key="jme_add_rules",
                     icon=":material/add:"):
            rules = edited["activities"]
            start = int(pd.to_numeric(rules["order"], errors="coerce").max() or 0) + 1
            new = pd.DataFrame({"order": [float(start + i) for i in range(len(picked))],
                                "match": list(picked["activity"]), "stage": list(picked["add_stage"])})
            _rebase({**edited, "activities": pd.concat([rules, new], ignore_index=True)}, company)
            _flash("info", t("jme_added_rules", n=len(picked)))
            st.rerun()

    st.subheader(t("jme_unmapped_reasons"), anchor=False)
    missing = reasons[reasons["no_reason_given"]]
    listed = reasons[~reasons["no_reason_given"]]
    if not missing.empty:
        row = missing.iloc[0]
        st.caption(t("jme_no_reason_caption", contacts=i18n.fmt_int(row["contacts"]),
                     position=i18n.fmt_int(row["attributed_by_position"]),
                     unattributed=i18n.fmt_int(row["unattributed"])))
    if listed.empty:
        st.success(t("jme_all_reasons_mapped"), icon=":material/check_circle:")
        return
    st.caption(t("jme_unmapped_reasons_caption", n=i18n.fmt_int(len(listed)),
                 contacts=i18n.fmt_int(int(listed["contacts"].sum()))))
    table = pd.DataFrame({
        "reason": listed["reason"].to_list(),
        "contacts": [i18n.fmt_int(v) for v in listed["contacts"]],
        "customers": [i18n.fmt_int(v) for v in listed["customers"]],
        "attributed_by_position": [i18n.fmt_int(v) for v in listed["attributed_by_position"]],
        "unattributed": [i18n.fmt_int(v) for v in listed["unattributed"]],
        "first_seen": [_when(v) for v in listed["first_seen"]],
        "last_seen": [_when(v) for v in listed["last_seen"]],
        "add": [False] * len(listed),
        "stage": pd.Series([None] * len(listed), dtype=object),
        "avoidable": [False] * len(listed),
    })
    info_columns = ["reason", "contacts", "customers", "attributed_by_position", "unattributed",
                    "first_seen", "last_seen"]
    chosen = st.data_editor(
        table, key=f"jme_ed_unmapped_reasons_{state['gen']}", hide_index=True, width="stretch",
        disabled=info_columns,
        column_config={**{c: _col(c) for c in info_columns},
                       "add": st.column_config.CheckboxColumn(t("jme_add_reason")),
                       "stage": st.column_config.SelectboxColumn(_col("stage"), options=stages,
                                                                 help=t("jme_reason_stage_help")),
                       "avoidable": st.column_config.CheckboxColumn(_col("avoidable"))})
    picked = chosen[chosen["add"].fillna(False).astype(bool) | chosen["stage"].map(jd.clean).notna()]
    if st.button(t("jme_add_reasons", n=len(picked)), disabled=picked.empty, key="jme_add_reasons",
                 icon=":material/add:"):
        new = pd.DataFrame({
            "reason": list(picked["reason"]),
            "name_en": [_provisional_name(r) for r in picked["reason"]],
            "name_fi": [_provisional_name(r) for r in picked["reason"]],
            "stage": [jd.clean(s) for s in picked["stage"]],
            "owner": [None] * len(picked),
            "avoidable": [bool(a) for a in picked["avoidable"].fillna(False)],
        })
        reasons_frame = pd.concat([edited["contact_reasons"], new.astype(object)], ignore_index=True)
        _rebase({**edited, "contact_reasons": reasons_frame}, company)
        _flash("info", t("jme_added_reasons", n=len(picked)))
        st.rerun()


# --- versions -----------------------------------------------------------------------------

def _apply(action: Any, done_key: str, **fmt: Any) -> None:
    """Run a save or restore (which refreshes the data) and report the outcome."""
    try:
        with st.spinner(t("jme_refreshing"), show_time=True):
            version = action()
    except JourneyMapError as exc:
        st.error(escape_markdown_lines(exc), icon=":material/error:")
        return
    except PermissionDeniedError:
        st.error(t("auth_action_refused"), icon=":material/block:")
        return
    except (RefreshError, duckdb.Error) as exc:
        st.error(t("jme_refresh_failed", error=exc), icon=":material/error:")
        return
    if version is None:
        st.info(t("jme_no_changes"), icon=":material/info:")
        return
    summary = jd.history(data.cursor()).iloc[0]["summary"]
    _flash("success", t(done_key, version=version, summary=plain(summary), **fmt))
    st.rerun()


def show_history(cur: Any, user: Actor) -> None:
    versions = jd.history(cur)
    if versions.empty:
        st.info(t("jme_no_versions"), icon=":material/info:")
        return
    table = pd.DataFrame({
        "version": versions["version"].astype(int),
        "changed_at": [_when(v) for v in versions["changed_at"]],
        "changed_by": versions["changed_by"],
        "summary": versions["summary"],
    })
    st.dataframe(table, hide_index=True, width="stretch", key="jme_history",
                 column_config={c: _col(c) for c in table.columns})
    older = [int(v) for v in versions["version"]][1:]
    if not older:
        return
    left, right = st.columns([2, 1], vertical_alignment="bottom")
    with left:
        chosen = st.selectbox(t("jme_restore_pick"), older, key="jme_restore_version",
                              format_func=lambda v: t("jme_version_label", version=v))
    with right:
        if st.button(t("jme_restore"), key="jme_restore", icon=":material/history:"):
            _apply(lambda: jd.restore_and_refresh(cur, chosen, user), "jme_restored", restored=chosen)


def show_import_export(cur: Any, text: str, source: str, user: Actor, gen: int) -> None:
    st.download_button(t("jme_download"), data=text.encode("utf-8"), file_name="journey_map.yaml",
                       mime="application/yaml", icon=":material/download:", key="jme_download",
                       on_click=auth.export_logger("journey map", source=source))
    st.caption(t("jme_download_help", source=source))
    upload = st.file_uploader(t("jme_upload"), type=["yaml", "yml"], key=f"jme_upload_{gen}",
                              max_upload_size=8)
    if upload is None:
        return
    try:
        uploaded = upload.getvalue().decode("utf-8")
    except UnicodeDecodeError:
        st.error(t("jme_upload_not_text"), icon=":material/error:")
        return
    try:
        load_journey_map_text(uploaded, upload.name)
    except JourneyMapError as exc:
        _show_problems(exc, jd.parse_document(uploaded))
        return
    changes = jd.diff(text, uploaded)
    if not changes:
        st.info(t("jme_no_changes"), icon=":material/info:")
        return
    st.markdown(t("jme_upload_changes") + "\n" + "\n".join(f"- {plain(c)}" for c in changes))
    if st.button(t("jme_upload_save"), key="jme_upload_save", type="primary", icon=":material/save:"):
        _apply(lambda: jd.save_and_refresh(cur, uploaded, user), "jme_saved")


# --- the page -----------------------------------------------------------------------------

def _same_map(a: str, b: str) -> bool:
    """Whether two journey map sources (file paths or 'db:version N') name the same map."""
    if a.startswith("db:") or b.startswith("db:"):
        return a == b
    return Path(a).resolve() == Path(b).resolve()


def _status(cur: Any, source: str, acts: pd.DataFrame | None, reasons: pd.DataFrame | None) -> None:
    versions = jd.history(cur)
    if versions.empty:
        st.caption(t("jme_in_effect_file", source=source))
    else:
        latest = versions.iloc[0]
        st.caption(t("jme_in_effect_version", version=int(latest["version"]), by=latest["changed_by"],
                     when=_when(latest["changed_at"])))
    last = jd.last_refresh_source(cur)
    if last is not None and not _same_map(last, source):
        st.warning(t("jme_not_applied", last=last, source=source), icon=":material/sync_problem:")
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
            st.warning(t("jme_unmapped_banner", activities=i18n.fmt_int(len(acts)),
                         events=i18n.fmt_int(int(acts["events"].sum())),
                         reasons=i18n.fmt_int(len(listed)),
                         contacts=i18n.fmt_int(int(listed["contacts"].sum()))),
                       icon=":material/call_split:")


def save_box(cur: Any, state: dict[str, Any], edited: dict[str, pd.DataFrame], company: str | None,
             user: Actor) -> None:
    doc = jd.document_from_frames(edited, company, state["doc"].get("version", 1))
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
            _show_problems(exc, doc)
            return
        if not changes:
            st.info(t("jme_no_changes"), icon=":material/info:")
            return
        _apply(lambda: jd.save_and_refresh(cur, new_text, user), "jme_saved")


def main() -> None:
    user = auth.require_page(Permission.EDIT_JOURNEY_MAP)
    cur = data.cursor()
    text, source = jd.active(cur)
    state = _state(text, source)
    ui.page_header(t("jme_title"), overline=state["doc"].get("company") or None)
    st.caption(t("jme_intro"))
    _show_flash()
    acts, reasons = jd.unmapped_activities(), jd.unmapped_reasons()
    _status(cur, source, acts, reasons)
    st.caption(t("jme_user", name=plain(user.name), role=t(f"auth_role_{user.role}")))
    actions = st.container()

    n_unmapped = 0 if acts is None or reasons is None else (
        len(acts) + int((~reasons["no_reason_given"]).sum()))
    tabs = st.tabs([t("jme_tab_stages"), t("jme_tab_functions"), t("jme_tab_rules"),
                    t("jme_tab_reasons"), t("jme_tab_costs"),
                    t("jme_tab_unmapped", n=i18n.fmt_int(n_unmapped)), t("jme_tab_history"),
                    t("jme_tab_files")])
    with tabs[1]:
        functions = edit_functions(state)
    owners = _ids(functions["id"])
    with tabs[0]:
        stages = edit_stages(state, owners)
    stage_ids = _ids(stages.sort_values("order", na_position="last", kind="stable")["id"])
    with tabs[2]:
        rules = edit_rules(state, stage_ids)
    with tabs[3]:
        reason_frame = edit_reasons(state, stage_ids, owners)
    with tabs[4]:
        other, company = edit_costs_targets_settings(state)
    edited = {"functions": functions, "stages": stages, "activities": rules,
              "contact_reasons": reason_frame, **other}
    with tabs[5]:
        show_unmapped(acts, reasons, state, edited, company, stage_ids)
    with tabs[6]:
        show_history(cur, user)
    with tabs[7]:
        show_import_export(cur, text, source, user, state["gen"])
    with actions:
        save_box(cur, state, edited, company, user)


main()
