"""Customer page: one customer's journeys and a timeline of their events, contacts and responses.
This module lays out the page and its tables; the names and details of a row are in
customer_names.py and the timeline chart in customer_timeline_chart.py."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dashboard import data, data_customer, i18n, links, page, ui, vega
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown
from dashboard.views.customer_names import Names, detail
from dashboard.views.customer_timeline_chart import timeline_spec

SEARCH_KEY = "customer_id"
SEEN_PARAM_KEY = "_customer_param_seen"


def _sync_with_url() -> None:
    """Take the id from the URL when the URL changed (a link), else keep what was typed."""
    param = st.query_params.get(links.QP_CUSTOMER)
    if param != st.session_state.get(SEEN_PARAM_KEY):
        st.session_state[SEEN_PARAM_KEY] = param
        if param:
            st.session_state[SEARCH_KEY] = param


def _on_search() -> None:
    value = (st.session_state.get(SEARCH_KEY) or "").strip()
    st.session_state[SEARCH_KEY] = value
    st.session_state[SEEN_PARAM_KEY] = value or None
    if value:
        st.query_params[links.QP_CUSTOMER] = value
    else:
        del st.query_params[links.QP_CUSTOMER]


def _outcome(value) -> str:
    return t(f"customer_outcome_{value}") if isinstance(value, str) else t("customer_outcome_none")


def journeys_table(timeline: pd.DataFrame, names: Names) -> pd.DataFrame:
    """One row per journey of the customer, newest first."""
    rows = []
    with_journey = timeline[timeline["journey_id"].notna()]
    for journey_id, items in with_journey.groupby("journey_id", sort=False):
        events = items[items["kind"] == "event"]
        stages: list[str] = []
        for stage in events["stage"]:
            if isinstance(stage, str) and (not stages or stages[-1] != stage):
                stages.append(stage)
        start = events["occurred_at"].min() if not events.empty else items["occurred_at"].min()
        rows.append(
            {
                "_start": start,
                t("customer_col_journey"): journey_id,
                t("customer_col_started"): i18n.fmt_datetime(pd.Timestamp(start).to_pydatetime()),
                t("customer_col_stages"): " › ".join(names.stage(s) for s in stages),
                t("customer_col_outcome"): _outcome(
                    items["journey_outcome"].dropna().iloc[0]
                    if items["journey_outcome"].notna().any()
                    else None
                ),
                t("customer_col_friction_items"): int(items["friction"].fillna(False).astype(bool).sum()),
                t("customer_col_contacts"): int((items["kind"] == "contact").sum()),
                t("customer_col_responses"): int((items["kind"] == "response").sum()),
            }
        )
    if not rows:
        return pd.DataFrame()
    return pd.DataFrame(rows).sort_values("_start", ascending=False).drop(columns="_start")


def timeline_table(timeline: pd.DataFrame, names: Names) -> pd.DataFrame:
    yes, no = t("yes"), t("no")
    return pd.DataFrame(
        {
            t("customer_col_time"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in timeline["occurred_at"]
            ],
            t("customer_col_kind"): [t(f"customer_kind_{k}") for k in timeline["kind"]],
            t("customer_col_journey"): [
                j if isinstance(j, str) else t("customer_no_journey") for j in timeline["journey_id"]
            ],
            t("customer_col_stage"): [names.stage(s) for s in timeline["stage"]],
            t("customer_col_owner"): [names.owner(o) for o in timeline["owner"]],
            t("customer_col_what"): [names.what(r) for _, r in timeline.iterrows()],
            t("customer_col_detail"): [detail(r) for _, r in timeline.iterrows()],
            t("customer_col_friction"): [yes if bool(f) else no for f in timeline["friction"].fillna(False)],
        }
    )


SUMMARY_ROWS = 5
FULL_TABLE_ROWS = 40  # a longer timeline scrolls inside a table this tall
TALL_TABLE_PX = 36 * 20


def friction_lines(table: pd.DataFrame, flagged: list[bool], limit: int = SUMMARY_ROWS) -> list[str]:
    """'time · stage · what: detail' of the first `limit` friction rows of the timeline table."""
    columns = [t("customer_col_time"), t("customer_col_stage"), t("customer_col_what")]
    rows = table[pd.Series(flagged, index=table.index)]
    return [
        " · ".join(str(r[c]) for c in columns) + f": {r[t('customer_col_detail')]}"
        for _, r in rows.head(limit).iterrows()
    ]


def friction_summary(table: pd.DataFrame, flagged: list[bool]) -> None:
    """The friction rows in a few lines above the timeline table, so none hides in its scroll.
    Names come from files: escaped, never Markdown."""
    count = sum(flagged)
    if not count:
        st.caption(t("customer_no_friction_summary"))
        return
    lines = [f"- {escape_markdown(line)}" for line in friction_lines(table, flagged)]
    if count > SUMMARY_ROWS:
        lines.append(f"- {t('customer_friction_more', n=i18n.fmt_int(count - SUMMARY_ROWS))}")
    st.warning(
        t("customer_friction_summary", n=i18n.fmt_int(count)) + "\n\n" + "\n".join(lines),
        icon=":material/warning:",
    )


def render_customer(customer_id: str) -> None:
    timeline = data_customer.customer_timeline(customer_id)
    if timeline.empty:
        st.warning(t("customer_unknown", customer=escape_markdown(customer_id)), icon=":material/person_off:")
        return
    names = Names()
    friction = timeline["friction"].fillna(False).astype(bool)
    segment = data_customer.customer_segment(customer_id) or "unknown"
    columns = st.columns(5)
    columns[0].metric(t("customer_segment"), i18n.segment_label(segment))
    columns[1].metric(t("customer_journeys"), i18n.fmt_int(timeline["journey_id"].dropna().nunique()))
    for column, kind, key in zip(
        columns[2:],
        ("event", "contact", "response"),
        ("customer_events", "customer_contacts", "customer_responses"),
    ):
        of_kind = timeline["kind"] == kind
        column.metric(
            t(key),
            i18n.fmt_int(int(of_kind.sum())),
            delta=t("customer_friction_items", n=i18n.fmt_int(int((of_kind & friction).sum()))),
            delta_color="red" if (of_kind & friction).any() else "gray",
            delta_arrow="off",
        )

    st.subheader(t("customer_journeys_header"), anchor=False)
    journeys = journeys_table(timeline, names)
    if not journeys.empty:
        # a static table (a customer has a few journeys): the stages visited wrap in their cell
        # instead of pushing the last columns out of view
        ui.table(journeys, key="customer_journeys_table", height="content")

    st.subheader(t("customer_timeline_header"), anchor=False)
    vega.show(timeline_spec(timeline, names), key="customer_timeline_chart")
    st.caption(t("customer_timeline_caption", zone=data.company_timezone()))
    table = timeline_table(timeline, names)
    friction_summary(table, list(friction))
    ui.table(
        table,
        key="customer_timeline_table",
        row_tones=["flag" if flagged else None for flagged in friction],
        height="content" if len(table) <= FULL_TABLE_ROWS else TALL_TABLE_PX,
    )


def render() -> None:
    """The Customer page."""
    page.header(t("customer_title"))
    st.caption(t("customer_intro"))
    _sync_with_url()
    examples = data_customer.example_customers()
    st.text_input(
        t("customer_search"),
        key=SEARCH_KEY,
        on_change=_on_search,
        placeholder=t("customer_search_placeholder", example=examples[0] if examples else "C0000001"),
        help=t("customer_search_help"),
    )
    customer_id = (st.session_state.get(SEARCH_KEY) or "").strip()
    if not customer_id:
        st.info(t("customer_prompt"), icon=":material/person_search:")
        if examples:
            st.caption(t("customer_examples", ids=", ".join(escape_markdown(e) for e in examples)))
        return
    render_customer(customer_id)
