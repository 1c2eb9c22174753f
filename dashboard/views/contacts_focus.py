"""The Contacts page's stage focus (focus=<stage> in the URL): one stage's contact reasons and
latest customers first."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_contacts as q
from dashboard import filters, i18n, links, ui
from dashboard.contacts_figures import share
from dashboard.contacts_tables import breakdown, breakdown_display, example_contacts, key_label, pinned
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown


def render_focus(
    f: filters.Filters,
    stage: str,
    channels: tuple[str, ...],
    vol: pd.DataFrame,
    rep: pd.DataFrame,
    window: int,
    labels: dict[str, str],
    stage_names: dict,
    owner_names: dict,
) -> None:
    """One stage's contacts first (focus=<stage> in the URL, e.g. from the Journey page): its
    reasons, and its latest customers, each a click away; a button back to all stages."""
    name = key_label(stage, stage_names)
    st.subheader(escape_markdown(t("ct_focus_header", stage=name)), anchor=False)
    st.button(
        t("ct_focus_all"),
        icon=":material/arrow_back:",
        type="tertiary",
        key="ct_focus_all",
        on_click=links.set_here,
        kwargs={links.QP_FOCUS: None},
    )
    rows, repeats = vol[vol["stage"] == stage], rep[rep["stage"] == stage]
    total = int(rows["contacts"].sum())
    if not total:
        st.caption(t("ct_focus_none"))
        st.divider()
        return
    avoidable = rows.loc[rows["avoidable"], ["contacts", "cost_eur"]].sum()
    st.caption(
        t(
            "ct_focus_summary",
            contacts=i18n.fmt_int(total),
            avoidable=i18n.fmt_share(share(float(avoidable["contacts"]), total), 0),
            cost=i18n.fmt_eur(float(rows["cost_eur"].sum())),
            avoidable_cost=i18n.fmt_eur(float(avoidable["cost_eur"])),
        )
    )
    by_reason = breakdown(rows, repeats, "reason")
    ui.table(
        breakdown_display(
            by_reason, t("ct_col_reason"), [labels.get(r, r) for r in by_reason["reason"]], window
        ),
        hide_index=True,
        width="stretch",
        key=f"ct_focus_reasons_{stage}",
        height="content",
        column_config=pinned(t("ct_col_reason")),
    )
    examples = q.stage_examples(stage, f.months, f.segments, f.owners, channels)
    if not examples.empty:
        st.markdown(f"**{t('ct_focus_examples')}**")
        example_contacts(
            examples,
            ("ct_col_customer", "ct_col_opened", "ct_col_reason", "ct_col_channel", "ct_col_handled",
             "ct_col_resolved"),
            {"stage": stage_names, "owner": owner_names, "reason": labels},
            key=f"ct_focus_examples_{stage}",
        )  # fmt: skip
    st.divider()
