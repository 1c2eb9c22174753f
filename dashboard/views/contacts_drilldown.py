"""The Contacts page's drill-down: one contact reason by stage, channel and month, with example
contacts."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_contacts as q
from dashboard import filters, i18n, vega
from dashboard.contacts_figures import bar_spec, month_bar_spec
from dashboard.contacts_tables import example_contacts, key_label
from dashboard.i18n import t

REASON_KEY = "ct_reason"


def _count_bars(title: str, names: list[str], counts: list[int], key: str) -> None:
    """A titled horizontal bar chart of contact counts."""
    st.markdown(f"**{title}**")
    hover = [f"{n}: {i18n.fmt_int(v)}" for n, v in zip(names, counts)]
    vega.show(bar_spec(names, counts, hover), key=key)


def render_drilldown(
    f: filters.Filters,
    channels: tuple[str, ...],
    table: pd.DataFrame,
    labels: dict[str, str],
    vol: pd.DataFrame,
    stage_names: dict,
    owner_names: dict,
) -> None:
    st.subheader(t("ct_drill_header"), anchor=False)
    options = list(table["reason"])
    if st.session_state.get(REASON_KEY) not in options:
        st.session_state[REASON_KEY] = options[0]
    reason = st.selectbox(
        t("ct_select_reason"), options=options, key=REASON_KEY, format_func=lambda r: labels.get(r, r)
    )
    rows = vol[vol["reason"] == reason]
    row = table[table["reason"] == reason].iloc[0]
    mapped = bool(row["reason_mapped"])
    st.caption(
        t(
            "ct_drill_summary",
            contacts=i18n.fmt_int(row["contacts"]),
            share=i18n.fmt_share(row["share"], 1),
            cost=i18n.fmt_eur(row["cost_eur"]),
            kind=t("ct_kind_unmapped")
            if not mapped
            else t("ct_kind_avoidable")
            if bool(row["avoidable"])
            else t("ct_kind_value"),
        )
    )

    def counts(by: str, order: str) -> pd.DataFrame:
        return (
            rows.groupby(by, as_index=False)["contacts"]
            .sum()
            .sort_values(order, ascending=order == "period_month")
        )

    by_stage, by_channel = counts("stage", "contacts"), counts("channel", "contacts")
    by_month = counts("period_month", "period_month")
    c1, c2, c3 = st.columns(3)
    with c1:
        _count_bars(
            t("ct_by_stage"),
            [key_label(s, stage_names) for s in by_stage["stage"]],
            list(by_stage["contacts"]),
            "ct_drill_stage",
        )
    with c2:
        _count_bars(
            t("ct_by_channel"),
            [i18n.channel_label(c) for c in by_channel["channel"]],
            list(by_channel["contacts"]),
            "ct_drill_channel",
        )
    with c3:
        st.markdown(f"**{t('ct_by_month')}**")
        spec = month_bar_spec(
            list(by_month["period_month"]),
            list(by_month["contacts"]),
            [
                f"{i18n.fmt_month(m)}: {i18n.fmt_int(v)}"
                for m, v in zip(by_month["period_month"], by_month["contacts"])
            ],
        )
        vega.show(spec, key="ct_drill_month")
    st.markdown(f"**{t('ct_examples')}**")
    examples = q.examples(reason, f.months, f.segments, f.stages, f.owners, channels)
    if examples.empty:
        st.caption(t("ct_examples_none"))
        return
    example_contacts(
        examples,
        ("ct_col_customer", "ct_col_opened", "ct_col_channel", "ct_col_stage", "ct_col_handled",
         "ct_col_transfers", "ct_col_resolved", "ct_col_previous"),
        {"stage": stage_names, "owner": owner_names, "reason": labels},
        key=f"ct_examples_{reason}",
    )  # fmt: skip
