"""Contacts page: repeated questions, the contacts that ask again about what the same customer
already asked (the same reason, or a theme with a stage in both notes), by stage and owner, with
the avoidable cost, the topics asked most, and the latest examples (each opens its customer)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data_contacts as q
from dashboard import data_feedback, filters, i18n, links, ui
from dashboard.contacts_figures import share
from dashboard.contacts_tables import customer_rows, key_label
from dashboard.i18n import t

KIND_THEME = "theme"


def topic_names(reason_labels: dict[str, str]) -> dict[tuple[str, str], str]:
    """(topic_kind, topic) -> its readable name: a reason's journey-map name, a theme's name."""
    names = {("reason", r): label for r, label in reason_labels.items()}
    themes = data_feedback.themes()
    for row in themes.to_dict("records"):
        names[(KIND_THEME, row["theme"])] = i18n.localized(row)
    return names


def topic_label(kind: str, topic: str, names: dict[tuple[str, str], str]) -> str:
    return names.get((kind, topic), topic)


def by_stage_owner(within: pd.DataFrame) -> pd.DataFrame:
    """Repeated questions, of them found through notes, and their cost per stage x owner."""
    within = within.assign(via_note=within["contacts"].where(within["topic_kind"] == KIND_THEME, 0))
    out = within.groupby(["stage", "owner"], as_index=False)[["contacts", "via_note", "cost_eur"]].sum()
    return out.sort_values(["contacts", "stage", "owner"], ascending=[False, True, True])


def by_topic(within: pd.DataFrame) -> pd.DataFrame:
    out = within.groupby(["topic_kind", "topic", "stage", "owner"], as_index=False)[
        ["contacts", "cost_eur"]
    ].sum()
    return out.sort_values(["contacts", "topic"], ascending=[False, True])


def render_kpis(within: pd.DataFrame, total_contacts: int, window: int) -> None:
    count = int(within["contacts"].sum())
    via_note = int(within.loc[within["topic_kind"] == KIND_THEME, "contacts"].sum())
    cols = st.columns(3)
    cols[0].metric(
        t("rq_kpi_count", days=window),
        i18n.fmt_int(count),
        delta=t("ct_kpi_share", share=i18n.fmt_share(share(count, total_contacts), 1)),
        delta_color="gray",
        delta_arrow="off",
        help=t("rq_kpi_count_help", days=window),
    )
    cols[1].metric(
        t("rq_kpi_cost"), i18n.fmt_eur(float(within["cost_eur"].sum())), help=t("rq_kpi_cost_help")
    )
    cols[2].metric(
        t("rq_kpi_via_note"),
        i18n.fmt_int(via_note),
        delta=t("rq_share_of_repeats", share=i18n.fmt_share(share(via_note, count), 1)),
        delta_color="gray",
        delta_arrow="off",
        help=t("rq_kpi_via_note_help"),
    )


def _topic_cells(rows: pd.DataFrame, names: dict) -> list[str]:
    return [topic_label(kind, topic, names) for kind, topic in zip(rows["topic_kind"], rows["topic"])]


def _note_cells(notes: pd.Series) -> list[str]:
    """Notes as cell text (the table never reads them as Markdown or HTML); a missing one as '–'."""
    return [v if isinstance(v, str) else "–" for v in notes]


def _example_table(rows: pd.DataFrame, names: dict, stage_names: dict, key: str) -> None:
    frame = pd.DataFrame(
        {
            t("ct_col_customer"): list(rows["customer_id"]),
            t("rq_col_asked_again"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in rows["opened_at"]
            ],
            t("rq_col_topic"): _topic_cells(rows, names),
            t("ct_col_stage"): [key_label(s, stage_names) for s in rows["stage"]],
            t("rq_col_days"): [
                t("ct_days", value=i18n.fmt_number(d, 1)) for d in rows["days_since_previous"]
            ],
            t("rq_col_note"): _note_cells(rows["note"]),
            t("rq_col_previous_note"): _note_cells(rows["previous_note"]),
        }
    )
    links.drill_table(
        frame,
        customer_rows(rows["customer_id"]),
        hide_index=True,
        width="stretch",
        key=key,
        column_config={t("ct_col_customer"): st.column_config.TextColumn(help=t("ct_col_customer_help"))},
    )


def render(
    f: filters.Filters,
    channels: tuple[str, ...],
    window: int,
    total_contacts: int,
    reason_labels: dict[str, str],
    stage_names: dict,
    owner_names: dict,
) -> None:
    """The Repeated questions section of the Contacts page (the page's filters and repeat window)."""
    st.subheader(t("rq_header"), anchor=False)
    st.caption(t("rq_intro", days=window))
    if not q.repeated_questions_available():
        st.caption(t("rq_unavailable"))
        return
    gaps = q.repeated_question_gaps(f.months, f.segments, f.stages, f.owners, channels)
    within = q.repeats_within(gaps, window)
    if within.empty or within["contacts"].sum() == 0:
        st.caption(t("rq_none", days=window))
        return
    render_kpis(within, total_contacts, window)

    grouped = by_stage_owner(within)
    ui.table(
        pd.DataFrame(
            {
                t("ct_col_stage"): [key_label(s, stage_names) for s in grouped["stage"]],
                t("ct_col_owner"): [key_label(o, owner_names) for o in grouped["owner"]],
                t("rq_col_count"): [i18n.fmt_int(v) for v in grouped["contacts"]],
                t("rq_col_via_note"): [i18n.fmt_int(v) for v in grouped["via_note"]],
                t("rq_col_cost"): [i18n.fmt_eur(v) for v in grouped["cost_eur"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="rq_stage_owner",
        height="content",
        column_config={t("ct_col_stage"): st.column_config.TextColumn(pinned=True)},
    )
    names = topic_names(reason_labels)
    topics = by_topic(within).head(10)
    st.markdown(f"**{t('rq_topics_header')}**")
    ui.table(
        pd.DataFrame(
            {
                t("rq_col_topic"): [
                    topic_label(k, tp, names) for k, tp in zip(topics["topic_kind"], topics["topic"])
                ],
                t("rq_col_found_by"): [
                    t("rq_found_theme") if k == KIND_THEME else t("rq_found_reason")
                    for k in topics["topic_kind"]
                ],
                t("ct_col_stage"): [key_label(s, stage_names) for s in topics["stage"]],
                t("rq_col_count"): [i18n.fmt_int(v) for v in topics["contacts"]],
                t("rq_col_cost"): [i18n.fmt_eur(v) for v in topics["cost_eur"]],
            }
        ),
        hide_index=True,
        width="stretch",
        key="rq_topics",
        height="content",
        column_config={t("rq_col_topic"): st.column_config.TextColumn(pinned=True)},
    )
    st.markdown(f"**{t('rq_examples_header')}**")
    examples = q.repeated_question_examples(window, f.months, f.segments, f.stages, f.owners, channels)
    _example_table(examples, names, stage_names, "rq_examples")
    st.caption(t("rq_examples_caption", count=len(examples)))
