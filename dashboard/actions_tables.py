"""The action register as tables: actions with their titles shown whole, and one action's history
of changes (text people typed stays plain cell text)."""

from __future__ import annotations

import textwrap
from collections.abc import Iterable
from datetime import date
from typing import Any

import pandas as pd
import streamlit as st

from dashboard import data, i18n, ui
from dashboard.actions_labels import function_name, is_overdue, point_label, status_label, today
from dashboard.i18n import t
from pipelines import actions
from pipelines.actions import Action


def actions_table(items: list[Action], on: date, *, point: bool = True, ids: bool = False) -> pd.DataFrame:
    """The actions as a table of names and formatted dates (user text as plain cell text)."""
    rows = []
    for a in items:
        row = {t("act_col_title"): a.title}
        if point:
            row[t("act_col_point")] = point_label(a.point_kind, a.point_key, a.metric)
        row.update(
            {
                t("act_col_status"): status_label(a.status)
                + (f" · {t('act_overdue')}" if is_overdue(a, on) else ""),
                t("act_col_owner"): function_name(a.owner_function),
                t("act_col_responsible"): a.responsible or "–",
                t("act_col_due"): i18n.fmt_date(a.due_date),
                t("act_col_effective"): i18n.fmt_date(a.effective_from),
            }
        )
        if ids:
            row[t("act_col_id")] = a.action_id
        rows.append(row)
    return pd.DataFrame(rows)


# An action's title is a sentence and is read whole: its column is narrow enough that a phone
# shows it and the start of the next column, and the rows are tall enough for the longest title
# to wrap onto several lines (the grid wraps a cell's text only when a row is taller than 4rem).
TITLE_WIDTH = 170  # px
_CHAR_PX, _LINE_PX, _ROW_PAD_PX, _WRAP_MIN_PX, _MAX_LINES = 7.2, 20, 14, 66, 8


def title_row_height(titles: Iterable[str], width: int = TITLE_WIDTH) -> int | None:
    """A row height that shows the longest title whole in a column ``width`` px wide (None: one line
    is enough, the grid's default row)."""
    per_line = max(8, int((width - 16) / _CHAR_PX))
    lines = max((len(textwrap.wrap(str(s), per_line)) for s in titles), default=1)
    if lines <= 1:
        return None
    return max(_WRAP_MIN_PX, _ROW_PAD_PX + _LINE_PX * min(lines, _MAX_LINES))


def title_column() -> dict[str, Any]:
    return {t("act_col_title"): st.column_config.TextColumn(width=TITLE_WIDTH)}


def show_table(items: list[Action], key: str, on: date | None = None, **kwargs: Any) -> None:
    ui.table(
        actions_table(items, on or today(), **kwargs),
        key=key,
        row_height=title_row_height(a.title for a in items),
        column_config=title_column(),
    )


def history_table(changes: list[actions.ActionChange]) -> pd.DataFrame:
    return pd.DataFrame(
        {
            t("act_hist_when"): [i18n.fmt_datetime(c.changed_at) for c in changes],
            t("act_hist_who"): [c.changed_by for c in changes],
            t("act_hist_field"): [field_label(c.field) for c in changes],
            t("act_hist_old"): [c.old_value if c.old_value is not None else "–" for c in changes],
            t("act_hist_new"): [c.new_value if c.new_value is not None else "–" for c in changes],
        }
    )


def show_history(action_id: str) -> None:
    """Every change of one action: when, who, what, before and after (as stored text)."""
    ui.table(history_table(actions.action_history(data.cursor(), action_id)), key=f"act_history_{action_id}")


def field_label(field: str) -> str:
    key = f"act_field_{field}"
    return t(key) if i18n.has(key) else field
