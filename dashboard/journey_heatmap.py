"""The Journey page's stage x measure heatmap built from query results (no Streamlit calls): its
columns, and per stage a colour, a text and a hover text for each cell."""

from __future__ import annotations

import pandas as pd

from core.metrics import METRICS
from dashboard import i18n
from dashboard.i18n import t
from dashboard.journey_figures import MEASURE_KEYS, RATE_MEASURES, flat, owner_label, rate_text


def heatmap_column_metrics() -> list[str | None]:
    """The metric of each heatmap column (None for the rate columns), as heatmap_cells orders them."""
    return [None] * (1 + len(RATE_MEASURES)) + list(METRICS)


def heatmap_cells(
    table: pd.DataFrame, stage_table: pd.DataFrame, min_n: int, reference: pd.DataFrame | None = None
) -> tuple[list[str], list[str], list[list], list[list[str]], list[list[str]]]:
    """Columns, stage ids, colour (0..1 worse, None = uncoloured), cell texts and hover texts.

    Rows follow ``stage_table`` (journey order); one row per stage even without responses.
    Colours are relative to the worst stage in ``reference`` (all stages; default ``table``),
    so limiting the stages shown does not make the rest look worse.
    """
    reference = table if reference is None else reference
    measures = ["reach_rate", *RATE_MEASURES]
    columns = [t(MEASURE_KEYS[m]) for m in measures] + [
        t("journey_measure_diff", metric=i18n.metric_label(m)) for m in METRICS
    ]
    stage_ids = list(stage_table["stage"])
    per_stage = table.drop_duplicates("stage").set_index("stage") if not table.empty else pd.DataFrame()
    maxima = {
        m: (pd.to_numeric(reference[m], errors="coerce").max() if not reference.empty else None)
        for m in RATE_MEASURES
    }
    significant = reference[reference["significant"].astype(bool)] if not reference.empty else reference
    worst = {}  # per metric (the units differ): the largest significant |difference|
    for metric in METRICS:
        deltas = significant[significant["metric"] == metric]["delta"] if not significant.empty else []
        worst[metric] = max(
            [abs(float(d)) for d in pd.to_numeric(pd.Series(deltas), errors="coerce").dropna()] or [0.0]
        )
    z, text, hover = [], [], []
    for _, srow in stage_table.iterrows():
        stage = srow["stage"]
        name = f"{i18n.localized(srow)} ({owner_label(srow)})"
        ops = per_stage.loc[stage] if stage in per_stage.index else None
        zr, tr, hr = [], [], []
        reach = None if ops is None else ops["reach_rate"]
        zr.append(None)
        tr.append(rate_text("reach_rate", reach))
        hr.append(
            t(
                "journey_hover_reach",
                stage=name,
                reach=i18n.fmt_int(None if ops is None else ops["reach"]),
                journeys=i18n.fmt_int(None if ops is None else ops["journeys"]),
                rate=rate_text("reach_rate", reach),
            )
        )
        for measure in RATE_MEASURES:
            value = None if ops is None or pd.isna(ops[measure]) else float(ops[measure])
            top = maxima.get(measure)
            zr.append(None if value is None or not top or pd.isna(top) else value / float(top))
            tr.append(rate_text(measure, value))
            hr.append(
                t(
                    "journey_hover_rate",
                    stage=name,
                    measure=flat(t(MEASURE_KEYS[measure])),
                    value=rate_text(measure, value),
                    owner=owner_label(srow),
                )
            )
        for metric in METRICS:
            cell = (
                table[(table["stage"] == stage) & (table["metric"] == metric)] if not table.empty else table
            )
            zc, tc, hc = _difference_cell(
                cell.iloc[0] if not cell.empty else None, name, metric, min_n, worst[metric]
            )
            zr.append(zc)
            tr.append(tc)
            hr.append(hc)
        z.append(zr)
        text.append(tr)
        hover.append(hr)
    return columns, stage_ids, z, text, hover


def _difference_cell(
    row: pd.Series | None, name: str, metric: str, min_n: int, worst: float
) -> tuple[float | None, str, str]:
    label = i18n.metric_label(metric)
    if row is None or not bool(row["enough_n"]) or pd.isna(row["delta"]):
        n_with = 0 if row is None else row["n_with"]
        n_without = 0 if row is None else row["n_without"]
        return (
            None,
            t("journey_not_enough_cell"),
            t(
                "journey_hover_not_enough",
                stage=name,
                metric=label,
                n_with=i18n.fmt_int(n_with),
                n_without=i18n.fmt_int(n_without),
                min_n=i18n.fmt_int(min_n),
            ),
        )
    decimals = i18n.METRIC_DECIMALS[metric]
    delta = float(row["delta"])
    significant = bool(row["significant"])
    colour = max(0.0, -delta) / worst if significant and worst else 0.0
    value = i18n.fmt_number(delta, decimals, signed=True) + ("*" if significant else "")
    hover = t(
        "journey_hover_diff",
        stage=name,
        metric=label,
        with_score=i18n.fmt_metric(metric, row["score_with"]),
        n_with=i18n.fmt_int(row["n_with"]),
        without_score=i18n.fmt_metric(metric, row["score_without"]),
        n_without=i18n.fmt_int(row["n_without"]),
        delta=i18n.fmt_metric_delta(metric, delta),
        ci=i18n.fmt_range(row["ci_low"], row["ci_high"], decimals, True),
        p=i18n.fmt_p(row["p_adjusted"]),
        significance=t("journey_significant") if significant else t("journey_not_significant"),
    )
    return min(colour, 1.0), value, hover
