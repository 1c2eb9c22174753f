"""Review page: the top friction points of the function (or of all) with their evidence: the
numbers, the comments customers who met the friction gave most often, and example customers whose
timelines show it (same-tab links); each with its actions (drawn when opened)."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from dashboard import actions_labels, actions_ui, data, data_review, filters, i18n, links
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown

TOP_ONE_FUNCTION, TOP_ALL = 3, 5


def top_points(scope: str, by_stage: pd.DataFrame, by_owner: pd.DataFrame, limit: int) -> list[dict]:
    """The highest-ranked friction rows (friction_table's order: significant first, then points
    at stake), one per point: the function's stages (the function itself when it owns none), or
    every stage."""
    rows = by_stage if scope == "all" else by_stage[by_stage["owner"] == scope]
    kind = "stage"
    if rows.empty and scope != "all":
        rows, kind = by_owner[by_owner["owner"] == scope], "function"
    out: list[dict] = []
    seen: set[str] = set()
    for row in rows.to_dict("records"):
        key = row["stage"] if kind == "stage" else row["owner"]
        if key in seen:
            continue
        seen.add(key)
        out.append({**row, "kind": kind, "key": key})
        if len(out) == limit:
            break
    return out


def facts(row: dict[str, Any], min_n: int) -> str:
    """One line of numbers: friction rate, contacts, cost, and the score with vs without."""
    parts = [
        t(
            "rv_point_ops",
            rate=i18n.fmt_share(row["friction_rate"], 1),
            contacts=i18n.fmt_number(row["contacts_per_100"], 1),
            cost=i18n.fmt_eur(row["avoidable_cost_eur"]),
        )
    ]
    metric = row["metric"]
    if not row["enough_n"] or pd.isna(row["delta"]):
        parts.append(t("rv_point_few", metric=i18n.metric_label(metric), min_n=i18n.fmt_int(min_n)))
    else:
        decimals = i18n.METRIC_DECIMALS[metric]
        parts.append(
            t(
                "rv_point_score",
                metric=i18n.metric_label(metric),
                with_=i18n.fmt_metric(metric, row["score_with"]),
                without=i18n.fmt_metric(metric, row["score_without"]),
                delta=i18n.fmt_number(row["delta"], decimals, signed=True),
                ci=i18n.fmt_range(row["ci_low"], row["ci_high"], decimals, signed=True),
                significant=t("rv_significant") if row["significant"] else t("rv_not_significant"),
            )
        )
    return " · ".join(parts)


def comments_table(frame: pd.DataFrame) -> tuple[pd.DataFrame, list[links.Target | None]]:
    """The comments customers who met the friction gave most often, how many gave each and the
    newest of them; each row opens that customer's timeline."""
    shown = pd.DataFrame(
        {
            t("rv_col_comment"): [f"“{c}”" for c in frame["comment"]],
            t("rv_col_answers"): [i18n.fmt_int(int(n)) for n in frame["responses"]],
            t("rv_col_newest"): [c if isinstance(c, str) else "–" for c in frame["customer_id"]],
        }
    )
    targets = [links.customer_target(c) if isinstance(c, str) else None for c in frame["customer_id"]]
    return shown, targets


def what_happened(failed: bool, late: bool, sla: bool) -> str:
    flags = (("rv_failed", failed), ("rv_late", late), ("rv_sla", sla))
    return ", ".join(t(key) for key, on in flags if on) or "–"


def customers_table(frame: pd.DataFrame, with_stage: bool) -> tuple[pd.DataFrame, list[links.Target | None]]:
    """Example customers whose timelines show the friction: when it first met them and what
    happened (the stage too, for a function's point); each row opens the customer's timeline."""
    columns: dict[str, list[str]] = {t("rv_col_customer"): [str(c) for c in frame["customer_id"]]}
    if with_stage:
        columns[t("rv_col_stage")] = [actions_labels.stage_name(s) for s in frame["stage"]]
    columns[t("rv_col_first_friction")] = [
        i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in frame["first_friction_at"]
    ]
    columns[t("rv_col_what_happened")] = [
        what_happened(bool(f), bool(late), bool(sla))
        for f, late, sla in zip(frame["failed"], frame["late"], frame["sla_breached"])
    ]
    return pd.DataFrame(columns), [links.customer_target(str(c)) for c in frame["customer_id"]]


def render_point(
    rank: int, row: dict[str, Any], min_n: int, comments: pd.DataFrame, customers: pd.DataFrame
) -> None:
    """One friction point: its numbers, the comments (``comments``) and example customers
    (``customers``) behind it, and its actions."""
    kind, key, metric = row["kind"], row["key"], row["metric"]
    with st.container(border=True):
        label = actions_labels.point_label(kind, key, metric)
        owner = actions_labels.function_name(row["owner"])
        st.markdown(f"**{rank}. {escape_markdown(label)}** · {escape_markdown(owner)}")
        st.caption(facts(row, min_n))
        if comments.empty:
            st.caption(t("rv_no_comments"))
        else:
            st.markdown(f"**{t('rv_comments_header')}**")
            shown, targets = comments_table(comments)
            links.drill_table(shown, targets, key=f"rv_comments_{kind}_{key}")
        if not customers.empty:
            st.markdown(f"**{t('rv_customers_header')}**")
            shown, targets = customers_table(customers, with_stage=kind == "function")
            links.drill_table(shown, targets, key=f"rv_customers_{kind}_{key}")
        actions_ui.render_point_expander(
            actions_labels.Point(kind, key, metric), f"rv_point_{kind}_{key}", owner=row["owner"]
        )


def render_evidence(scope: str, f: filters.Filters, min_n: int) -> None:
    st.subheader(t("rv_evidence_header"), anchor=False)
    st.caption(t("rv_evidence_intro", period=i18n.fmt_month_range(f.start, f.end)))
    by_stage = data.friction("stage", f.months, f.segments, f.channels)
    by_owner = data.friction("owner", f.months, f.segments, f.channels)
    points = top_points(scope, by_stage, by_owner, TOP_ALL if scope == "all" else TOP_ONE_FUNCTION)
    if not points:
        st.info(t("rv_evidence_none"), icon=":material/info:")
        return
    # the evidence of every point in two queries: comments of the point's metric, else of any
    # metric; example customers
    asked = tuple((row["kind"], row["key"], row["metric"]) for row in points)
    any_metric = tuple((kind, key, None) for kind, key, _ in asked)
    comments = data_review.recurring_comments(asked + any_metric, f.months, f.segments)
    customers = data_review.example_customers(any_metric, f.months, f.segments)
    for rank, row in enumerate(points, start=1):
        i = rank - 1
        said = comments[i] if not comments[i].empty else comments[len(points) + i]
        render_point(rank, row, min_n, said, customers[i])
