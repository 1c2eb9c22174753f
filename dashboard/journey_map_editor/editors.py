"""Journey map editor: one editable table per section of the map (functions, stages, activity
rules, contact reasons, channel costs, targets, settings) and the company and time zone."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from core.timezones import known_zones
from dashboard import i18n, ui
from dashboard.i18n import t
from dashboard.journey_map_editor.state import col
from pipelines.journey_map import SETTINGS_DEFAULTS


def _editor(
    state: dict[str, Any],
    name: str,
    config: dict[str, Any],
    labels: dict[str, dict[str, str]] | None = None,
    **kwargs: Any,
) -> pd.DataFrame:
    """One section's table; ``labels`` maps a column's ids to the names shown (the print copy shows
    them too). Empty cells are blank, not "None"."""
    edited = st.data_editor(
        state["frames"][name],
        key=f"jme_ed_{name}_{state['gen']}",
        column_config=config,
        hide_index=True,
        width="stretch",
        placeholder="",
        **kwargs,
    )
    shown = edited.assign(**{c: edited[c].map(lambda v, m=m: m.get(v, v)) for c, m in (labels or {}).items()})
    ui.print_copy(shown, config)
    return edited


def _picker(label: str, names: dict[str, str], **kwargs: Any) -> Any:
    """A column that stores an id (function, stage) and shows its name in the page's language."""
    return st.column_config.SelectboxColumn(
        label, options=list(names), format_func=lambda v: names.get(v, str(v)), **kwargs
    )


def _names_config(width: int | None = None) -> dict[str, Any]:
    """Names in English and Finnish; one language is enough (the other falls back to it)."""
    return {
        "name_en": st.column_config.TextColumn(col("name_en"), help=t("jme_names_help"), width=width),
        "name_fi": st.column_config.TextColumn(col("name_fi"), help=t("jme_names_help"), width=width),
    }


def _id_column(name: str, width: int | None = None) -> Any:
    return st.column_config.TextColumn(
        col(name), required=True, validate=r"^[a-z][a-z0-9_]*$", help=t("jme_id_help"), width=width
    )


def edit_functions(state: dict[str, Any]) -> pd.DataFrame:
    st.caption(t("jme_functions_help"))
    return _editor(state, "functions", {"id": _id_column("id"), **_names_config()}, num_rows="dynamic")


# Rows this tall let the grid wrap a cell's text (Streamlit wraps when a row is taller than 4rem),
# so a long Finnish name shows whole on two lines instead of being cut.
WRAP_ROW_HEIGHT = 66
HEADER_HEIGHT = 35


def edit_stages(state: dict[str, Any], owners: dict[str, str]) -> pd.DataFrame:
    """``owners``: function ids to their names (the owner column stores the id, shows the name)."""
    st.caption(t("jme_stages_help"))
    return _editor(
        state,
        "stages",
        {
            # widths that fit nine columns at 1440 px with the sidebar open, English or Finnish
            # headers (short ones here); long names wrap onto a second line
            "order": st.column_config.NumberColumn(
                col("order"), min_value=1, step=1, width=56, help=t("jme_order_help")
            ),
            "id": _id_column("id", width=86),
            "name_en": st.column_config.TextColumn(
                t("jme_col_short_name_en"), help=t("jme_names_help"), width=120
            ),
            "name_fi": st.column_config.TextColumn(
                t("jme_col_short_name_fi"), help=t("jme_names_help"), width=120
            ),
            "owner": _picker(col("owner"), owners, required=True, width=150),
            "sla_hours": st.column_config.NumberColumn(
                col("sla_hours"), min_value=0, step=1, width=78, help=t("jme_sla_help")
            ),
            "completes": st.column_config.CheckboxColumn(
                t("jme_col_short_completes"), width=112, help=t("jme_completes_help")
            ),
            "done_when": st.column_config.TextColumn(
                col("done_when"), width=112, help=t("jme_done_when_help")
            ),
            "promised": st.column_config.CheckboxColumn(
                col("promised"), width=84, help=t("jme_promised_help")
            ),
        },
        labels={"owner": owners},
        num_rows="dynamic",
        row_height=WRAP_ROW_HEIGHT,
        # every stage and the empty row for a new one, without a scroll bar inside the table
        height=HEADER_HEIGHT + (len(state["frames"]["stages"]) + 1) * WRAP_ROW_HEIGHT + 3,
    )


def edit_rules(state: dict[str, Any], stages: dict[str, str]) -> pd.DataFrame:
    st.caption(t("jme_rules_help"))
    return _editor(
        state,
        "activities",
        {
            "order": st.column_config.NumberColumn(
                col("order"), min_value=1, step=1, help=t("jme_order_help")
            ),
            "match": st.column_config.TextColumn(col("match"), required=True, help=t("jme_match_help")),
            "stage": _picker(col("stage"), stages, required=True),
        },
        labels={"stage": stages},
        num_rows="dynamic",
    )


def edit_reasons(state: dict[str, Any], stages: dict[str, str], owners: dict[str, str]) -> pd.DataFrame:
    st.caption(t("jme_reasons_help"))
    return _editor(
        state,
        "contact_reasons",
        {
            "reason": _id_column("reason"),
            **_names_config(),
            "stage": _picker(col("stage"), stages, help=t("jme_reason_stage_help"), width=190),
            "owner": _picker(col("owner"), owners, help=t("jme_reason_owner_help"), width=190),
            "avoidable": st.column_config.CheckboxColumn(col("avoidable"), help=t("jme_avoidable_help")),
        },
        labels={"stage": stages, "owner": owners},
        num_rows="dynamic",
    )


def _labelled_table(
    state: dict[str, Any], name: str, key: str, label: Callable[[str], str], value: str, value_config: Any
) -> pd.DataFrame:
    """A fixed list of keys (channels, metrics, settings) shown by name, with one value to edit."""
    st.markdown(f"**{t(f'jme_section_{name}')}**")
    frame = state["frames"][name]
    config = {"label": st.column_config.TextColumn(col(key)), value: value_config}
    edited = st.data_editor(
        frame.assign(label=[label(k) for k in frame[key]]),
        key=f"jme_ed_{name}_{state['gen']}",
        hide_index=True,
        width="stretch",
        column_order=["label", value],
        disabled=[key, "label"],
        placeholder="",
        column_config=config,
    )
    ui.print_copy(edited, config, column_order=["label", value])
    return edited


def edit_costs_targets_settings(state: dict[str, Any]) -> tuple[dict[str, pd.DataFrame], str | None]:
    top_left, top_right = st.columns([2, 1])
    company = top_left.text_input(
        t("jme_company"), value=state["doc"].get("company") or "", key=f"jme_company_{state['gen']}"
    )
    zones = list(known_zones())
    current = str(state["frames"]["timezone"]["timezone"].iloc[0])
    zone = top_right.selectbox(
        t("jme_timezone"),
        zones,
        index=zones.index(current) if current in zones else 0,
        key=f"jme_timezone_{state['gen']}",
        help=t("jme_timezone_help"),
    )
    left, middle, right = st.columns([5, 4, 6])  # the settings' names are the longest
    frames = {}
    with left:
        frames["channel_costs"] = _labelled_table(
            state,
            "channel_costs",
            "channel",
            i18n.channel_label,
            "cost_eur",
            st.column_config.NumberColumn(col("cost_eur"), min_value=0, step=0.1, format="%.2f €"),
        )
        st.caption(t("jme_costs_help"))
    with middle:
        frames["targets"] = _labelled_table(
            state,
            "targets",
            "metric",
            i18n.metric_label,
            "target",
            st.column_config.NumberColumn(col("target"), min_value=-100, max_value=100),
        )
        st.caption(t("jme_targets_help"))
    with right:
        frames["settings"] = _labelled_table(
            state,
            "settings",
            "key",
            lambda k: t(f"jme_setting_{k}"),
            "value",
            st.column_config.NumberColumn(col("value"), min_value=0),
        )
        st.caption(
            t(
                "jme_settings_help",
                min_n=SETTINGS_DEFAULTS["min_n"],
                alpha=i18n.fmt_number(SETTINGS_DEFAULTS["alpha"], 2),
            )
        )
    frames = {name: frame.drop(columns=["label"]) for name, frame in frames.items()}
    frames["timezone"] = pd.DataFrame([(zone,)], columns=["timezone"])
    return frames, company.strip() or None
