"""Contacts: why customers contact us, which contacts were avoidable, repeats, channels and cost.
This module lays out the page, its KPIs, reasons, channels and breakdowns; the stage focus is in
contacts_focus.py and one reason's drill-down in contacts_drilldown.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import contacts_repeated, data, i18n, links, page, ui, vega
from dashboard import data_contacts as q
from dashboard.contacts_figures import bar_spec, pareto_spec, share
from dashboard.contacts_tables import (
    breakdown,
    breakdown_display,
    key_label,
    pareto,
    pinned,
    reason_label,
)
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown
from dashboard.views.contacts_drilldown import render_drilldown
from dashboard.views.contacts_focus import render_focus

CHANNELS_KEY = "ct_channels"
WINDOW_KEY = "ct_repeat_window"
MAX_WINDOW = 90


def render_kpis(vol: pd.DataFrame, rep: pd.DataFrame, window: int) -> None:
    total = int(vol["contacts"].sum())
    avoidable = int(vol.loc[vol["avoidable"], "contacts"].sum())
    repeats = int(rep["contacts"].sum())
    transferred = int(vol["transferred_contacts"].sum())
    cost = float(vol["cost_eur"].sum())
    avoidable_cost = float(vol.loc[vol["avoidable"], "cost_eur"].sum())
    cols = st.columns(5)
    cols[0].metric(t("ct_kpi_contacts"), i18n.fmt_int(total), help=t("ct_kpi_contacts_help"))
    cols[1].metric(
        t("ct_kpi_avoidable"),
        i18n.fmt_share(share(avoidable, total), 1),
        delta=t("ct_kpi_of", count=i18n.fmt_int(avoidable)),
        delta_color="gray",
        delta_arrow="off",
        help=t("ct_kpi_avoidable_help"),
    )
    cols[2].metric(
        t("ct_kpi_repeats", days=window),
        i18n.fmt_int(repeats),
        delta=t("ct_kpi_share", share=i18n.fmt_share(share(repeats, total), 1)),
        delta_color="gray",
        delta_arrow="off",
        help=t("ct_kpi_repeats_help", days=window),
    )
    cols[3].metric(
        t("ct_kpi_transferred"),
        i18n.fmt_share(share(transferred, total), 1),
        delta=t("ct_kpi_transfers", count=i18n.fmt_int(vol["transfers"].sum())),
        delta_color="gray",
        delta_arrow="off",
        help=t("ct_kpi_transferred_help"),
    )
    cols[4].metric(
        t("ct_kpi_cost"),
        i18n.fmt_eur(cost),
        delta=t("ct_kpi_avoidable_cost", cost=i18n.fmt_eur(avoidable_cost)),
        delta_color="gray",
        delta_arrow="off",
        help=t("ct_kpi_cost_help"),
    )


def render_unmapped(table: pd.DataFrame, total: int, labels: dict[str, str]) -> None:
    unmapped = table[~table["reason_mapped"].astype(bool)]
    if unmapped.empty:
        st.caption(t("ct_unmapped_none"))
        return
    count = int(unmapped["contacts"].sum())
    listed = ", ".join(
        f"{labels.get(r, r) if r == 'unknown' else escape_markdown(r)} ({i18n.fmt_int(c)})"
        for r, c in zip(unmapped["reason"], unmapped["contacts"])
    )
    st.warning(
        t(
            "ct_unmapped",
            count=i18n.fmt_int(count),
            share=i18n.fmt_share(share(count, total), 1),
            reasons=listed,
        ),
        icon=":material/report:",
    )


def render() -> None:
    """The Contacts page."""
    ctx = page.start("ct_title")
    if ctx is None:
        return
    options, f, cfg = ctx.options, ctx.filters, ctx.settings
    stage_names, owner_names = options.get("stage_names", {}), options.get("owner_names", {})
    st.caption(" · ".join(page.scope_parts(ctx, stages=True, owners=True)))
    st.caption(t("ct_intro"))

    default_window = int(min(MAX_WINDOW, max(1, cfg.get("repeat_contact_window_days", 7) or 7)))
    left, right = st.columns(2)
    with left:
        all_channels = q.contact_channels()
        chosen = st.multiselect(
            t("ct_channel_filter"),
            options=all_channels,
            key=CHANNELS_KEY,
            format_func=i18n.channel_label,
            placeholder=t("ct_all_channels"),
            help=t("ct_channel_filter_help"),
        )
    with right:
        if WINDOW_KEY not in st.session_state:
            st.session_state[WINDOW_KEY] = default_window
        window = st.slider(
            t("ct_window"),
            min_value=1,
            max_value=MAX_WINDOW,
            key=WINDOW_KEY,
            help=t("ct_window_help", default=default_window),
        )
    st.caption(t("ct_response_channel_ignored"))
    channels = tuple(chosen)

    vol = q.volumes(f.months, f.segments, f.stages, f.owners, channels)
    if vol.empty or vol["contacts"].sum() == 0:
        st.info(t("ct_none"), icon=":material/info:")
        return
    rep = q.repeats_within(q.repeat_gaps(f.months, f.segments, f.stages, f.owners, channels), window)
    table = pareto(vol, rep)
    reason_names = {r["reason"]: r for r in data.map_reasons().to_dict("records")}
    labels = {
        r: reason_label(r, bool(m), reason_names) for r, m in zip(table["reason"], table["reason_mapped"])
    }
    focus = st.query_params.get(links.QP_FOCUS)
    if focus in options.get("stages", []):
        render_focus(f, focus, channels, vol, rep, window, labels, stage_names, owner_names)
    render_kpis(vol, rep, window)

    st.subheader(t("ct_reasons_header"), anchor=False)
    render_unmapped(table, int(table["contacts"].sum()), labels)
    vega.show(pareto_spec(table, [labels[r] for r in table["reason"]]), key="ct_pareto")
    display = breakdown_display(table, t("ct_col_reason"), [labels[r] for r in table["reason"]], window)
    display[t("ct_col_cumulative")] = [i18n.fmt_share(c, 0) for c in table["cumulative"]]
    ui.table(
        display,
        hide_index=True,
        width="stretch",
        key="ct_reasons",
        column_config=pinned(t("ct_col_reason")),
        height="content" if len(display) <= 25 else "auto",
    )
    st.caption(t("ct_reasons_caption"))

    st.subheader(t("ct_channels_header"), anchor=False)
    by_channel = breakdown(vol, rep, "channel")
    names = [i18n.channel_label(c) for c in by_channel["channel"]]
    # the chart above the table: side by side the table lost its last columns at 1440 px
    total = by_channel["contacts"].sum()
    vega.show(
        bar_spec(
            names,
            list(by_channel["contacts"]),
            [
                t(
                    "ct_channel_hover",
                    channel=n,
                    contacts=i18n.fmt_int(c),
                    share=i18n.fmt_share(share(c, total), 1),
                    cost=i18n.fmt_eur(e),
                )
                for n, c, e in zip(names, by_channel["contacts"], by_channel["cost_eur"])
            ],
        ),
        key="ct_channel_mix",
    )
    ui.table(
        breakdown_display(by_channel, t("ct_col_channel"), names, window),
        hide_index=True,
        width="stretch",
        key="ct_channel_table",
        column_config=pinned(t("ct_col_channel")),
    )

    st.subheader(t("ct_breakdown_header"), anchor=False)
    tabs = st.tabs([t("ct_tab_stage"), t("ct_tab_owner")])
    for tab, by, names in zip(tabs, ("stage", "owner"), (stage_names, owner_names)):
        with tab:
            grouped = breakdown(vol, rep, by)
            ui.table(
                breakdown_display(
                    grouped, t(f"ct_col_{by}"), [key_label(k, names) for k in grouped[by]], window
                ),
                hide_index=True,
                width="stretch",
                key=f"ct_{by}_table",
                height="content",
                column_config=pinned(t(f"ct_col_{by}")),
            )
    st.caption(t("ct_breakdown_caption"))

    contacts_repeated.render(
        f, channels, window, int(vol["contacts"].sum()), labels, stage_names, owner_names
    )
    render_drilldown(f, channels, table, labels, vol, stage_names, owner_names)
