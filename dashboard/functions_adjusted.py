"""The Functions page's adjusted figures in a function's drill-down: each stage's effect with the
other stages' friction held equal (a column), and the points the function's stages would gain
together (one line per metric), from the driver model (dashboard/data_drivers.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.metrics import METRICS
from dashboard import i18n
from dashboard.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.drivers import DriverTable


def adjusted_cells(table: DriverTable | None) -> dict[tuple[str, str], str]:
    """(stage, metric) -> the adjusted effect ± the half-width of its 95% interval, for the stage rows."""
    if table is None:
        return {}
    from pipelines.drivers import ESTIMATED

    cells = {}
    for row in table:
        if row.status != ESTIMATED or row.effect is None:
            cells[(row.stage, row.metric)] = "–"
            continue
        decimals = i18n.METRIC_DECIMALS[row.metric]
        half = (row.ci_high - row.ci_low) / 2  # the Wald interval is symmetric: "effect ± half" is short
        cells[(row.stage, row.metric)] = (
            f"{i18n.fmt_number(row.effect, decimals, True)} ±{i18n.fmt_number(half, decimals)}"
        )
    return cells


def render_function_gain(table: DriverTable | None, owner: str, name: str) -> None:
    """What removing all of the function's friction together would gain, metric by metric."""
    if table is None:
        return
    from pipelines.drivers import owner_rows

    parts = []
    for row in owner_rows(table):
        if row.owner != owner or row.metric not in METRICS:
            continue
        label = i18n.metric_label(row.metric)
        if row.points_gained is None:
            parts.append(t("fn_gain_none", metric=label))
            continue
        decimals = i18n.METRIC_DECIMALS[row.metric]
        parts.append(
            t(
                "fn_gain_metric",
                metric=label,
                gained=i18n.fmt_metric_delta(row.metric, row.points_gained),
                ci=i18n.fmt_range(row.gained_ci_low, row.gained_ci_high, decimals, True),
            )
        )
    if parts:
        st.markdown(t("fn_gain_line", name=name, parts="; ".join(parts)), help=t("fn_gain_help"))
