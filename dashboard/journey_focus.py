"""The Journey page's drilled stage, section by section: the score gaps in plain words, the
stage's contacts by reason, the newest comments of those who answered there, and the customers
whose journey met friction there (dashboard/views/journey.py draws the heading and calls these)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.metrics import METRICS
from dashboard import data, data_journey, filters, i18n, links, ui
from dashboard.i18n import t

RESPONSES_SHOWN = 12  # the newest comments shown in full under a drilled stage


def score_gap_line(row: pd.Series | None, metric: str) -> tuple[str, str | None]:
    """One metric's score gap at a stage in plain words, and the statistics for its tooltip."""
    label = i18n.metric_label(metric)
    if row is None or not bool(row["enough_n"]) or pd.isna(row["delta"]):
        return t("journey_gap_not_enough", metric=label), None
    delta = float(row["delta"])
    words = {
        "metric": label,
        "with_score": i18n.fmt_metric(metric, row["score_with"]),
        "without_score": i18n.fmt_metric(metric, row["score_without"]),
        "gap": i18n.fmt_metric_delta(metric, abs(delta)).lstrip("+"),
    }
    if not bool(row["significant"]):
        key = "journey_gap_unclear"
    else:
        key = "journey_gap_lower" if delta < 0 else "journey_gap_higher"
    help_text = t(
        "journey_gap_help",
        n_with=i18n.fmt_int(row["n_with"]),
        n_without=i18n.fmt_int(row["n_without"]),
        ci=i18n.fmt_range(row["ci_low"], row["ci_high"], i18n.METRIC_DECIMALS[metric], True),
        p=i18n.fmt_p(row["p_adjusted"]),
    )
    return t(key, **words), help_text


def render_score_gaps(stage: str, metric: str | None, friction: pd.DataFrame) -> None:
    """How the scores of customers who met friction here differ, one metric at a time (the
    metric the link asked for first)."""
    cells = friction[friction["stage"] == stage] if not friction.empty else friction
    order = [metric] + [m for m in METRICS if m != metric] if metric else list(METRICS)
    for m in order:
        cell = cells[cells["metric"] == m] if not cells.empty else cells
        text, help_text = score_gap_line(cell.iloc[0] if not cell.empty else None, m)
        st.markdown(("**" + text + "**") if m == metric else text, help=help_text)


def render_stage_contacts(stage: str, f: filters.Filters) -> None:
    st.markdown(f"**{t('journey_contacts_header')}**")
    frame = data_journey.stage_contacts(stage, f.months, f.segments)
    if frame.empty:
        st.caption(t("journey_contacts_none"))
        return
    names = data.map_reasons().set_index("reason")
    total = int(frame["contacts"].sum())

    def reason_name(reason: str) -> str:
        if reason in names.index:
            return i18n.localized(names.loc[reason])
        return t("journey_reason_unknown") if reason == "unknown" else reason

    table = pd.DataFrame(
        {
            t("journey_col_reason"): [reason_name(r) for r in frame["reason"]],
            t("journey_col_contacts"): [int(v) for v in frame["contacts"]],
            t("journey_col_share"): [i18n.fmt_share(v / total, 1) for v in frame["contacts"]],
            t("journey_col_avoidable"): [t("yes") if a else t("no") for a in frame["avoidable"]],
            t("journey_col_repeat_share"): [
                i18n.fmt_share(r / c, 0) for r, c in zip(frame["repeat_contacts"], frame["contacts"])
            ],
            t("journey_col_cost"): [i18n.fmt_number(v, 0) for v in frame["cost_eur"]],
        }
    )
    ui.table(
        table,
        hide_index=True,
        width="stretch",
        key=f"journey_contacts_table_{stage}",
        column_config={t("journey_col_reason"): st.column_config.TextColumn(pinned=True)},
    )
    st.caption(t("journey_contacts_caption", contacts=i18n.fmt_int(total)))
    links.page_link(
        "contacts",
        t("journey_contacts_link"),
        icon=":material/support_agent:",
        **{links.QP_FOCUS: stage},
    )


def render_stage_responses(stage: str, metric: str | None, f: filters.Filters) -> None:
    st.markdown(f"**{t('journey_responses_header')}**")
    _, counts = data_journey.stage_responses(stage, f.months, f.segments, f.channels, metric=metric)
    n_with, n_without = counts.get("with", 0), counts.get("without", 0)
    labels = {
        "all": t("journey_responses_all", n=i18n.fmt_int(n_with + n_without)),
        "with": t("journey_responses_with", n=i18n.fmt_int(n_with)),
        "without": t("journey_responses_without", n=i18n.fmt_int(n_without)),
    }
    choice = (
        st.segmented_control(
            t("journey_responses_filter"),
            options=list(labels),
            format_func=labels.get,
            key="journey_verbatim_filter",
            default="all",
        )
        or "all"
    )
    frame, _ = data_journey.stage_responses(stage, f.months, f.segments, f.channels, choice, metric=metric)
    if frame.empty:
        st.caption(t("journey_responses_none"))
        return
    shown = frame.head(RESPONSES_SHOWN)
    table = pd.DataFrame(
        {
            t("journey_col_responded"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in shown["responded_at"]
            ],
            t("col_metric"): [i18n.metric_label(m) for m in shown["metric"]],
            t("journey_col_score"): [i18n.fmt_number(s, 0) for s in shown["score"]],
            t("journey_col_comment"): list(shown["comment"]),
            t("journey_col_friction"): [t("yes") if v else t("no") for v in shown["had_friction"]],
            t("journey_col_customer"): [c if isinstance(c, str) else "–" for c in shown["customer_id"]],
        }
    )
    # an HTML table: a comment wraps and is read whole (a grid cuts it at the column's edge);
    # the comments are text from files, shown as cell text (textContent), never Markdown
    ui.table(table, key="journey_responses_table")
    caption = "journey_responses_caption_metric" if metric else "journey_responses_caption"
    st.caption(
        t(
            caption,
            shown=i18n.fmt_int(len(shown)),
            count=i18n.fmt_int({"with": n_with, "without": n_without}.get(choice, n_with + n_without)),
            metric=i18n.metric_label(metric) if metric else "",
        )
    )


def _done_text(done, reached) -> str:
    """When the stage was done, or why not: still open, or never reached."""
    if done is not None and not pd.isna(done):
        return i18n.fmt_datetime(pd.Timestamp(done).to_pydatetime())
    return t("journey_not_done") if bool(reached) else t("journey_not_reached")


def render_affected(stage: str, f: filters.Filters) -> None:
    st.markdown(f"**{t('journey_affected_header')}**")
    frame, total = data_journey.affected_customers(stage, f.months, f.segments)
    if frame.empty:
        st.caption(t("journey_affected_none"))
        return
    yes, no = t("yes"), t("no")
    table = pd.DataFrame(
        {
            t("journey_col_customer"): list(frame["customer_id"]),
            t("journey_col_first_friction"): [
                i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in frame["first_friction_at"]
            ],
            t("journey_col_failed"): [yes if v else no for v in frame["failed"]],
            t("journey_col_late"): [yes if v else no for v in frame["late"]],
            t("journey_col_sla"): [yes if v else no for v in frame["sla_breached"]],
            t("journey_col_done"): [
                _done_text(done, reached) for done, reached in zip(frame["done_at"], frame["reached"])
            ],
            t("journey_col_segment"): [i18n.segment_label(s) for s in frame["segment"]],
            t("journey_col_journey"): list(frame["journey_id"]),
        }
    )
    links.drill_table(
        table,
        [links.customer_target(c) for c in frame["customer_id"]],
        key=f"journey_affected_table_{stage}",
        hide_index=True,
        width="stretch",
    )
    st.caption(
        t(
            "journey_affected_caption",
            count=i18n.fmt_int(total),
            limit=i18n.fmt_int(data_journey.AFFECTED_LIMIT),
        )
    )
