"""The Journey page's adjusted lines under a stage's score gaps: what the friction at this stage
costs with every other stage's friction, segment and channel held equal (dashboard/data_drivers.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import streamlit as st

from core.metrics import METRICS
from dashboard import data_drivers, filters, i18n
from dashboard.i18n import t

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.drivers import DriverRow


def adjusted_line(row: DriverRow) -> tuple[str, str | None]:
    """One metric's adjusted effect at a stage in plain words, and the statistics for its tooltip."""
    from pipelines.drivers import ESTIMATED, TOO_FEW

    label = i18n.metric_label(row.metric)
    if row.status != ESTIMATED or row.effect is None:
        reason = t("journey_adjusted_too_few" if row.status == TOO_FEW else "journey_adjusted_collinear")
        return t("journey_adjusted_not_estimated", metric=label, reason=reason), None
    decimals = i18n.METRIC_DECIMALS[row.metric]
    words = {
        "metric": label,
        "effect": i18n.fmt_metric_delta(row.metric, row.effect),
        "gap": i18n.fmt_metric_delta(row.metric, abs(row.effect)).lstrip("+"),
        "ci": i18n.fmt_range(row.ci_low, row.ci_high, decimals, True),
        "gained": i18n.fmt_metric_delta(row.metric, row.points_gained).lstrip("+"),
    }
    if not row.significant:
        key = "journey_adjusted_unclear"
    else:
        key = "journey_adjusted_lower" if row.effect < 0 else "journey_adjusted_higher"
    return t(key, **words), t("journey_adjusted_help", p=i18n.fmt_p(row.p_adjusted))


def render_adjusted(stage: str, metric: str | None, f: filters.Filters) -> None:
    """The adjusted line of every metric at ``stage`` (the metric the link asked for first)."""
    table = data_drivers.drivers(f.months, f.segments, f.channels)
    if table is None:
        return
    order = [metric] + [m for m in METRICS if m != metric] if metric else list(METRICS)
    for m in order:
        try:
            row = table.row(stage, m)
        except KeyError:
            continue
        text, help_text = adjusted_line(row)
        st.markdown(("**" + text + "**") if m == metric else text, help=help_text)
