"""Review page: measures before vs after as words and numbers, "what changed since the previous
review" (significant moves only) and "did it work" for the actions under review."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, timedelta
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import actions_labels, actions_tables, connection, data_review, i18n, ui
from dashboard.i18n import t
from pipelines.actions import Action

MOVES = ("improved", "worse")  # verdicts whose 95 % CI excludes no change
VERDICT_ICONS = {"improved": "▲", "worse": "▼", "no_change": "=", "too_few": "…"}
FOLLOW_UP_DAYS = 182  # done actions stay under follow-up this long after they took effect
MEMO_KEY = "_rv_memo"  # tables kept in this session while their inputs and the data are the same


def session_memo(name: str, inputs: Any, make: Callable[[], pd.DataFrame]) -> pd.DataFrame:
    """The table ``make()`` builds, kept in this session under ``name`` while ``inputs``, the data
    version and the language stay the same. "What changed" and "did it work" do not depend on the
    sidebar's filters: a filter change shows the kept table instead of looking up every point's
    and action's comparison again."""
    key = (inputs, connection.data_version(connection.cursor()), i18n.lang())
    memo = st.session_state.setdefault(MEMO_KEY, {})
    kept = memo.get(name)
    if kept is not None and kept[0] == key:
        return kept[1]
    table = make()
    memo[name] = (key, table)
    return table


# --- words and numbers --------------------------------------------------------------------


def verdict_text(verdict: str) -> str:
    """'▲ improved' / '… no measurable change yet — n too small' in the page's language."""
    return f"{VERDICT_ICONS.get(verdict, '')} {t(f'rv_verdict_{verdict}')}".strip()


def measure_label(measure: Any) -> str:
    if measure.measure == "score_gap":
        return t("rv_measure_score_gap", metric=i18n.metric_label(measure.metric))
    return t(f"rv_measure_{measure.measure}")


def _decimals(measure: Any) -> int:
    if measure.measure == "score_gap":
        return i18n.METRIC_DECIMALS.get(measure.metric, 1)
    return 0 if measure.measure == "avoidable_cost" else 1


def fmt_value(measure: Any, value: float | None) -> str:
    """A level: a score gap in its metric's points, a rate in %, contacts or € per 100 journeys."""
    if measure.measure == "friction_rate":
        return i18n.fmt_percent(value, 1)
    if measure.measure == "avoidable_cost":
        return i18n.fmt_eur(value)
    return i18n.fmt_number(value, _decimals(measure), signed=measure.measure == "score_gap")


def fmt_change(measure: Any) -> str:
    """'+4.1 (+1.0 to +7.2)': the change after minus before with its 95 % CI, in the measure's unit."""
    if measure.change is None:
        return "–"
    decimals = _decimals(measure)
    unit = t(f"rv_unit_{measure.measure}") if i18n.has(f"rv_unit_{measure.measure}") else ""
    change = i18n.fmt_number(measure.change, decimals, signed=True)
    ci = i18n.fmt_range(measure.ci_low, measure.ci_high, decimals, signed=True)
    return f"{change}{unit} ({ci})"


def fmt_window(window: tuple[date, date]) -> str:
    return f"{i18n.fmt_date(window[0])} – {i18n.fmt_date(window[1])}"


def measures_table(comparison: Any, point: str | None = None) -> pd.DataFrame:
    """Every measure of a comparison: before, after, change with CI, n, verdict."""
    rows = []
    for m in comparison.measures:
        row = {t("act_col_point"): point} if point else {}
        row.update(
            {
                t("rv_col_measure"): measure_label(m),
                t("rv_col_before"): fmt_value(m, m.before),
                t("rv_col_after"): fmt_value(m, m.after),
                t("rv_col_change_plain"): fmt_change(m),
                t("rv_col_base"): f"{i18n.fmt_int(m.n_before)} / {i18n.fmt_int(m.n_after)}",
                t("rv_col_verdict"): verdict_text(m.verdict),
            }
        )
        rows.append(row)
    return pd.DataFrame(rows)


def measures_config() -> dict[str, Any]:
    """The columns' help: the statistics behind "Change" and the counts (not in the headers)."""
    return {
        t("rv_col_change_plain"): st.column_config.TextColumn(help=t("rv_col_change_help")),
        t("rv_col_base"): st.column_config.TextColumn(help=t("rv_col_base_help")),
    }


def show_measures(comparison: Any, key: str) -> None:
    ui.table(measures_table(comparison), key=key, column_config=measures_config())


# --- what changed since the previous review ---------------------------------------------------


def scope_points(scope: str, stage_map: pd.DataFrame, functions: list[str]) -> list[actions_labels.Point]:
    """The friction points a review covers: the function and its stages, or every function and
    stage. A function owning exactly one stage is left out: its numbers are that stage's."""
    points = []
    for function in functions if scope == "all" else [scope]:
        stages = list(stage_map.loc[stage_map["owner"] == function, "stage"])
        if len(stages) != 1:
            points.append(actions_labels.Point("function", function))
        points += [actions_labels.Point("stage", s) for s in stages]
    return points


def significant_moves(points: list[actions_labels.Point], windows: tuple[Any, Any]) -> pd.DataFrame:
    """The measures whose change is significant (95 % CI excludes 0), worse first."""
    rows = []
    for point in points:
        comparison = data_review.comparison(point.kind, point.key, windows[0], windows[1])
        label = actions_labels.point_label(point.kind, point.key)
        table = measures_table(comparison, label)
        keep = [m.verdict in MOVES for m in comparison.measures]
        order = [0 if m.verdict == "worse" else 1 for m in comparison.measures]
        rows += [(o, r) for o, r, k in zip(order, table.to_dict("records"), keep) if k]
    return pd.DataFrame([r for _, r in sorted(rows, key=lambda x: x[0])])


def render_changes(points: list[actions_labels.Point], since: date, meeting: date, last: date | None) -> None:
    st.subheader(t("rv_changes_header", since=i18n.fmt_date(since)), anchor=False)
    windows = data_review.since_windows(since, meeting, last)
    if windows is None:
        st.info(t("rv_changes_no_data", since=i18n.fmt_date(since)), icon=":material/info:")
        return
    st.caption(t("rv_changes_windows", before=fmt_window(windows[0]), after=fmt_window(windows[1])))
    moves = session_memo("moves", (tuple(points), windows), lambda: significant_moves(points, windows))
    if moves.empty:
        st.info(t("rv_changes_none"), icon=":material/check:")
    else:
        ui.table(moves, key="rv_moves", column_config=measures_config())
    st.caption(t("rv_changes_caption"))


# --- did it work ----------------------------------------------------------------------------


def follow_up(items: list[Action], meeting: date) -> list[Action]:
    """Open and in-progress actions, and done ones that took effect in the last half year."""
    recent = meeting - timedelta(days=FOLLOW_UP_DAYS)
    return [
        a
        for a in items
        if a.status in actions_labels.OPEN
        or (a.status == "done" and a.effective_from is not None and a.effective_from >= recent)
    ]


def effect_cells(action: Action, weeks: int, as_of: date) -> dict[str, str]:
    comparison = data_review.effect(action, weeks * 7, as_of)
    if comparison is None:
        return {t("rv_col_worked"): t("rv_worked_no_date"), t("rv_col_change_plain"): "–"}
    # the measure the verdict is about: the score gap of the action's metric, else the friction rate
    wanted = ("score_gap", action.metric) if action.metric else ("friction_rate", None)
    m = next(m for m in comparison.measures if (m.measure, m.metric) == wanted)
    return {t("rv_col_worked"): verdict_text(comparison.verdict), t("rv_col_change_plain"): fmt_change(m)}


def status_text(action: Action, meeting: date) -> str:
    """'Open · due 15 Dec 2026 · overdue' / 'Done · in effect 9 Aug 2026'."""
    parts = [actions_labels.status_label(action.status)]
    if action.status in actions_labels.OPEN and action.due_date is not None:
        parts.append(t("rv_due", date=i18n.fmt_date(action.due_date)))
    if actions_labels.is_overdue(action, meeting):
        parts.append(t("act_overdue"))
    if action.effective_from is not None:
        parts.append(t("rv_in_effect", date=i18n.fmt_date(action.effective_from)))
    return " · ".join(parts)


def followup_table(items: list[Action], weeks: int, meeting: date, as_of: date) -> pd.DataFrame:
    """One row per action: what, where, status, who, since when, did it work (fits a laptop)."""
    rows = [
        {
            t("act_col_title"): a.title,
            t("act_col_point"): actions_labels.point_name(a.point_kind, a.point_key),
            t("act_col_status"): status_text(a, meeting),
            t("act_col_responsible"): a.responsible or "–",
            **effect_cells(a, weeks, as_of),
        }
        for a in items
    ]
    return pd.DataFrame(rows)


def render_followup(items: list[Action], weeks: int, meeting: date, as_of: date) -> None:
    st.subheader(t("rv_actions_header"), anchor=False)
    overdue = sum(actions_labels.is_overdue(a, meeting) for a in items)
    shown = follow_up(items, meeting)
    if not shown:
        st.info(t("rv_actions_none"), icon=":material/info:")
        return
    st.caption(
        t(
            "rv_actions_caption",
            open=i18n.fmt_int(sum(a.status in actions_labels.OPEN for a in shown)),
            overdue=i18n.fmt_int(overdue),
            weeks=i18n.fmt_int(weeks),
        )
    )
    shown = sorted(shown, key=lambda a: (not actions_labels.is_overdue(a, meeting), a.status == "done"))
    table = session_memo(
        "followup",
        (tuple(shown), weeks, meeting, as_of),
        lambda: followup_table(shown, weeks, meeting, as_of),
    )
    ui.table(
        table,
        key="rv_followup",
        row_height=actions_tables.title_row_height(a.title for a in shown),  # titles wrap, never cut
        column_config={**actions_tables.title_column(), **measures_config()},
    )
    st.caption(t("rv_change_caption"))
