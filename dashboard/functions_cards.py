"""The Functions page's ranking table and scorecards: one row and one card per owning function,
in the metric the page ranks by (points at stake, avoidable contacts, response time to
escalations, a trend, its actions)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import streamlit as st

from dashboard import actions_labels, actions_ui, i18n, vega
from dashboard import data_functions as q
from dashboard.data_functions import Scorecard
from dashboard.functions_figures import function_name, sparkline_spec
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown

CARDS_PER_ROW = 2


def fmt_hours(x: float | None) -> str:
    return "–" if x is None or pd.isna(x) else t("fn_hours", value=i18n.fmt_number(x, 1))


def stake_text(row: dict | None, with_metric: bool = True) -> str:
    """'NPS +4.5 (2.1 to 6.9)' for an owner or stage row ('+4.5 (2.1 to 6.9)' without the metric)."""
    if row is None:
        return "–"
    metric, decimals = row["metric"], i18n.METRIC_DECIMALS[row["metric"]]
    value = i18n.fmt_number(row["points_at_stake"], decimals, signed=True)
    ci = i18n.fmt_range(row["stake_ci_low"], row["stake_ci_high"], decimals, True)
    return f"{i18n.metric_label(metric)} {value} ({ci})" if with_metric else f"{value} ({ci})"


def stake_column(metric: str) -> str:
    return t("fn_col_stake_in", metric=i18n.metric_label(metric))


def repeated_text(card: Scorecard) -> str:
    return t("fn_repeated_value", count=i18n.fmt_int(card.repeated), cost=i18n.fmt_eur(card.repeated_cost))


def summary_table(
    cards: list[Scorecard], names: dict, metric: str, with_repeated: bool = False
) -> pd.DataFrame:
    """One row per function, ranked within ``metric`` (its points at stake in that metric only)."""
    rows = []
    for rank, card in enumerate(cards, start=1):
        rows.append(
            {
                t("col_rank"): rank,
                t("fn_col_function"): function_name(card.owner, names),
                stake_column(metric): stake_text(card.best, with_metric=False),
                t("col_significant"): (t("yes") if card.significant else t("no")) if card.best else "–",
                t("fn_col_avoidable"): i18n.fmt_int(card.avoidable),
                t("fn_col_avoidable_cost"): i18n.fmt_eur(card.avoidable_cost),
                **({t("fn_col_repeated"): repeated_text(card)} if with_repeated else {}),
                t("fn_col_response_time"): (
                    f"{fmt_hours(card.esc_median)} / {fmt_hours(card.esc_p90)}" if card.esc_received else "–"
                ),
                t("fn_col_answered"): (i18n.fmt_share(card.answered_share) if card.esc_received else "–"),
                t("fn_col_stages"): t(
                    "fn_stages_value", stages=len(card.stages), significant=card.significant_stages
                ),
            }
        )
    return pd.DataFrame(rows)


# --- rendering ------------------------------------------------------------------------------


def render_card(
    card: Scorecard,
    names: dict,
    stage_names: dict,
    months: list[date],
    metric: str,
    repeat_days: int | None = None,
) -> None:
    """One function's scorecard; its points at stake and badge are of the ranking's ``metric``."""
    label = i18n.metric_label(metric)
    with st.container(border=True):
        # few layout blocks per card (a new browser tab draws every one): the name and its badge
        # in one line, the three numbers in one row that wraps on a phone, one caption of detail
        if card.significant:
            badge = f":red-badge[:material/priority_high: {escape_markdown(t('fn_badge_significant'))}]"
        elif card.best is not None:
            badge = f":gray-badge[{escape_markdown(t('fn_badge_not_significant'))}]"
        else:
            badge = f":gray-badge[{escape_markdown(t('fn_badge_not_tested'))}]"
        st.markdown(f"**{escape_markdown(function_name(card.owner, names))}** &nbsp; {badge}")
        stages = ", ".join(i18n.name_in(stage_names, s) for s in card.stages) or t("fn_no_stages")
        st.caption(
            escape_markdown(
                t(
                    "fn_card_stages",
                    count=len(card.stages),
                    significant=card.significant_stages,
                    stages=stages,
                )
            )
        )
        with st.container(horizontal=True, gap="medium"):
            st.metric(
                t("fn_metric_stake_of", metric=label),
                "–"
                if card.best is None
                else i18n.fmt_number(card.best["points_at_stake"], i18n.METRIC_DECIMALS[metric], signed=True),
                help=t("fn_metric_stake_in_help", metric=label),
            )
            st.metric(
                t("fn_card_avoidable"), i18n.fmt_int(card.avoidable), help=t("fn_metric_avoidable_help")
            )
            st.metric(t("fn_metric_response"), fmt_hours(card.esc_median), help=t("fn_metric_response_help"))
        lines = []
        for row in card.stakes:
            mark = " ✱" if row["significant_page"] else ""
            lines.append(f"{stake_text(row)}{mark}")
        detail = [" · ".join(lines) if lines else t("fn_card_no_stake")]
        if card.stakes and card.best is None:
            detail.append(t("fn_card_no_stake_in", metric=label))
        detail.append(
            t("fn_card_costs", cost=i18n.fmt_eur(card.avoidable_cost), contacts=i18n.fmt_int(card.contacts))
            + " · "
            + (
                t(
                    "fn_card_escalations_plain",
                    received=i18n.fmt_int(card.esc_received),
                    p90=fmt_hours(card.esc_p90),
                    answered=i18n.fmt_share(card.answered_share),
                )
                if card.esc_received
                else t("fn_card_no_escalations")
            )
        )
        if repeat_days is not None and card.repeated:
            detail.append(
                t(
                    "fn_card_repeated",
                    days=repeat_days,
                    count=i18n.fmt_int(card.repeated),
                    cost=i18n.fmt_eur(card.repeated_cost),
                )
            )
        st.caption("  \n".join(detail))
        if months and (card.with_friction or card.avoidable):
            vega.show(sparkline_spec(card.trend, months), key=f"fn_spark_{card.owner}")
        elif months and card.stages:
            st.info(no_trend_text(card), icon=":material/info:")
        actions_ui.render_point_expander(
            actions_labels.Point("function", card.owner, metric), f"fn_card_{card.owner}"
        )


def render_cards(
    cards: list[Scorecard],
    names: dict,
    stage_names: dict,
    months: list[date],
    metric: str,
    repeat_days: int | None = None,
) -> None:
    """Scorecards, CARDS_PER_ROW side by side (with their repeated questions of a ``repeat_days``
    window, when given)."""
    for start in range(0, len(cards), CARDS_PER_ROW):
        for column, card in zip(st.columns(CARDS_PER_ROW), cards[start : start + CARDS_PER_ROW]):
            with column:
                render_card(card, names, stage_names, months, metric, repeat_days)


def no_trend_text(card: Scorecard) -> str:
    """Why a scorecard has no trend chart: no friction and no avoidable contacts in the period
    (and, when so, that the journey map gives its stages no deadline that could be missed)."""
    text = t("fn_card_no_trend")
    deadlines = q.stage_deadlines()
    mine = deadlines[deadlines["stage"].isin(card.stages)]
    if not mine.empty and not mine["has_deadline"].astype(bool).any():
        text += " " + t("fn_card_no_trend_rules")
    return escape_markdown(text)
