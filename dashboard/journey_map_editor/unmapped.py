"""Journey map editor: activities and contact reasons in the data that the map does not cover, with
a way to add them (rules to a stage, new reasons) to the map being edited."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data_journey_map as jd
from dashboard import i18n, ui
from dashboard.i18n import t
from dashboard.journey_map_editor.state import col, flash, rebase, when


def _provisional_name(code: str) -> str:
    """A readable stand-in name for a new reason code (gift_card -> Gift card)."""
    text = str(code).replace("_", " ").strip()
    return text[:1].upper() + text[1:]


def show_unmapped(
    acts: pd.DataFrame | None,
    reasons: pd.DataFrame | None,
    state: dict[str, Any],
    edited: dict[str, pd.DataFrame],
    company: str | None,
    stages: dict[str, str],
) -> None:
    """``stages``: stage ids to their names (the pickers store the id and show the name)."""
    if acts is None or reasons is None:
        st.info(t("jme_unmapped_not_built"), icon=":material/info:")
        return
    st.subheader(t("jme_unmapped_activities"), anchor=False)
    if acts.empty:
        st.success(t("jme_all_activities_mapped"), icon=":material/check_circle:")
    else:
        st.caption(
            t(
                "jme_unmapped_activities_caption",
                n=i18n.fmt_int(len(acts)),
                events=i18n.fmt_int(int(acts["events"].sum())),
            )
        )
        table = pd.DataFrame(
            {
                "activity": acts["activity"],
                "events": [i18n.fmt_int(v) for v in acts["events"]],
                "journeys": [i18n.fmt_int(v) for v in acts["journeys"]],
                "first_seen": [when(v) for v in acts["first_seen"]],
                "last_seen": [when(v) for v in acts["last_seen"]],
                "add_stage": pd.Series([None] * len(acts), dtype=object),
            }
        )
        chosen = st.data_editor(
            table,
            key=f"jme_ed_unmapped_activities_{state['gen']}",
            hide_index=True,
            width="stretch",
            placeholder="",
            disabled=["activity", "events", "journeys", "first_seen", "last_seen"],
            column_config={
                "activity": col("activity"),
                "events": col("events"),
                "journeys": col("journeys"),
                "first_seen": col("first_seen"),
                "last_seen": col("last_seen"),
                "add_stage": st.column_config.SelectboxColumn(
                    t("jme_add_to_stage"), options=list(stages), format_func=lambda v: stages.get(v, str(v))
                ),
            },
        )
        shown = list(table.columns[:-1])  # the information, not the "add to stage" choice
        ui.print_copy(chosen, {c: col(c) for c in shown}, column_order=shown)
        picked = chosen[chosen["add_stage"].map(jd.clean).notna()]
        if st.button(
            t("jme_add_rules", n=len(picked)),
            disabled=picked.empty,
            key="jme_add_rules",
            icon=":material/add:",
        ):
            rules = edited["activities"]
            start = int(pd.to_numeric(rules["order"], errors="coerce").max() or 0) + 1
            new = pd.DataFrame(
                {
                    "order": [float(start + i) for i in range(len(picked))],
                    "match": list(picked["activity"]),
                    "stage": list(picked["add_stage"]),
                }
            )
            rebase({**edited, "activities": pd.concat([rules, new], ignore_index=True)}, company)
            flash("info", t("jme_added_rules", n=len(picked)))
            st.rerun()

    st.subheader(t("jme_unmapped_reasons"), anchor=False)
    missing = reasons[reasons["no_reason_given"]]
    listed = reasons[~reasons["no_reason_given"]]
    if not missing.empty:
        row = missing.iloc[0]
        st.caption(
            t(
                "jme_no_reason_caption",
                contacts=i18n.fmt_int(row["contacts"]),
                position=i18n.fmt_int(row["attributed_by_position"]),
                unattributed=i18n.fmt_int(row["unattributed"]),
            )
        )
    if listed.empty:
        st.success(t("jme_all_reasons_mapped"), icon=":material/check_circle:")
        return
    st.caption(
        t(
            "jme_unmapped_reasons_caption",
            n=i18n.fmt_int(len(listed)),
            contacts=i18n.fmt_int(int(listed["contacts"].sum())),
        )
    )
    table = pd.DataFrame(
        {
            "reason": listed["reason"].to_list(),
            "contacts": [i18n.fmt_int(v) for v in listed["contacts"]],
            "customers": [i18n.fmt_int(v) for v in listed["customers"]],
            "attributed_by_position": [i18n.fmt_int(v) for v in listed["attributed_by_position"]],
            "unattributed": [i18n.fmt_int(v) for v in listed["unattributed"]],
            "first_seen": [when(v) for v in listed["first_seen"]],
            "last_seen": [when(v) for v in listed["last_seen"]],
            "add": [False] * len(listed),
            "stage": pd.Series([None] * len(listed), dtype=object),
            "avoidable": [False] * len(listed),
        }
    )
    info_columns = [
        "reason",
        "contacts",
        "customers",
        "attributed_by_position",
        "unattributed",
        "first_seen",
        "last_seen",
    ]
    chosen = st.data_editor(
        table,
        key=f"jme_ed_unmapped_reasons_{state['gen']}",
        hide_index=True,
        width="stretch",
        placeholder="",
        disabled=info_columns,
        column_config={
            **{c: col(c) for c in info_columns},
            "add": st.column_config.CheckboxColumn(t("jme_add_reason")),
            "stage": st.column_config.SelectboxColumn(
                col("stage"),
                options=list(stages),
                format_func=lambda v: stages.get(v, str(v)),
                help=t("jme_reason_stage_help"),
            ),
            "avoidable": st.column_config.CheckboxColumn(col("avoidable")),
        },
    )
    ui.print_copy(chosen, {c: col(c) for c in info_columns}, column_order=info_columns)
    picked = chosen[chosen["add"].fillna(False).astype(bool) | chosen["stage"].map(jd.clean).notna()]
    if st.button(
        t("jme_add_reasons", n=len(picked)),
        disabled=picked.empty,
        key="jme_add_reasons",
        icon=":material/add:",
    ):
        new = pd.DataFrame(
            {
                "reason": list(picked["reason"]),
                "name_en": [_provisional_name(r) for r in picked["reason"]],
                "name_fi": [_provisional_name(r) for r in picked["reason"]],
                "stage": [jd.clean(s) for s in picked["stage"]],
                "owner": [None] * len(picked),
                "avoidable": [bool(a) for a in picked["avoidable"].fillna(False)],
            }
        )
        reasons_frame = pd.concat([edited["contact_reasons"], new.astype(object)], ignore_index=True)
        rebase({**edited, "contact_reasons": reasons_frame}, company)
        flash("info", t("jme_added_reasons", n=len(picked)))
        st.rerun()
