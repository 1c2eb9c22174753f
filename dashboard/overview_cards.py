"""The Overview's friction in plain words: which rows rank (one metric at a time), the one-line
cards of the first screen, the manager's table below it, and where each row drills to.

Pure functions of the friction table (pipelines.friction.friction_table's columns) and a
language code, so the sentences can be tested row by row without a browser.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from dashboard import i18n, links
from dashboard.i18n import LangCode, Metric, t

CARDS = 3  # friction cards on the first screen
UNATTACHED = "unattached"  # responses not linked to a journey stage: nothing to drill into
# a kind of friction (delay, failure) is named when it is at least this share of the stage's friction
KIND_SHARE = 0.2
JOURNEY_URL_PATH = "journey"


def default_metric(collected: Sequence[str], requested: str | None = None) -> Metric | None:
    """The metric the friction ranking starts on: ``requested`` (a link's ?metric=) when it is
    collected, else NPS when collected, else the first collected metric; None without any."""
    if requested in collected:
        return requested  # type: ignore[return-value]
    if "nps" in collected:
        return "nps"
    return collected[0] if collected else None  # type: ignore[return-value]


def _number(value: object) -> float | None:
    number = pd.to_numeric(value, errors="coerce")
    return None if pd.isna(number) else float(number)


def of_metric(table: pd.DataFrame, metric: str) -> pd.DataFrame:
    """The rows of one metric with enough responses on both sides that cost points (those who
    met the friction scored lower), ranked: clear differences first, then by potential gain.
    Never mixes metrics: their points are not the same unit."""
    if table.empty:
        return table
    rows = table[(table["metric"] == metric) & table["enough_n"].astype(bool)].copy()
    rows["_gain"] = pd.to_numeric(rows["points_at_stake"], errors="coerce")
    rows = rows[rows["_gain"] > 0]
    rows["_significant"] = rows["significant"].astype(bool)
    order = ["_significant", "_gain"] + (["sort_order"] if "sort_order" in rows else [])
    rows = rows.sort_values(order, ascending=[False, False] + [True] * (len(order) - 2), kind="stable")
    return rows.drop(columns=["_gain", "_significant"]).reset_index(drop=True)


def not_enough(table: pd.DataFrame, metric: str) -> int:
    """How many stages of this metric were left out for too few responses on either side."""
    if table.empty:
        return 0
    return int(((table["metric"] == metric) & ~table["enough_n"].astype(bool)).sum())


def top(table: pd.DataFrame, metric: str, count: int = CARDS) -> pd.DataFrame:
    """The friction cards: significant, enough-n, costly rows of one metric, biggest gain first."""
    ranked = of_metric(table, metric)
    return ranked[ranked["significant"].astype(bool)].head(count).reset_index(drop=True)


def friction_kind(row: pd.Series | dict) -> str:
    """What the friction at a stage mostly was: 'late', 'failed', 'both' or 'any' (unknown)."""
    friction = _number(row.get("friction_rate")) or 0.0
    late = _number(row.get("late_rate")) or 0.0
    failed = _number(row.get("failure_rate")) or 0.0
    if friction <= 0:
        return "any"
    has_late, has_failed = late >= KIND_SHARE * friction, failed >= KIND_SHARE * friction
    if has_late and has_failed:
        return "both"
    if has_late:
        return "late"
    if has_failed:
        return "failed"
    return "any"


def stage_name(row: pd.Series | dict, lang_code: LangCode) -> str:
    if row.get("stage") == UNATTACHED:
        return t("stage_unattached", lang_code=lang_code)
    return i18n.localized(row, "name", lang_code=lang_code)


def where(row: pd.Series | dict, lang_code: LangCode) -> str:
    """'Delivery · Logistics' (the stage and its owner)."""
    owner = i18n.localized(row, "owner_name", lang_code=lang_code)
    stage = stage_name(row, lang_code)
    return stage if owner in ("–", stage) else f"{stage} · {owner}"


def _difference_decimals(metric: str, size: float) -> int:
    if metric == "ces":
        return 1 if size >= 1 else 2
    return 0 if size >= 10 else 1


def card_text(row: pd.Series | dict, lang_code: LangCode) -> str:
    """One friction point as a sentence a manager reads in a second, e.g. 'Delivery · Logistics:
    customers with a delay score 35 NPS points lower; worth +5.6 points overall'."""
    metric = str(row["metric"])
    delta = _number(row.get("delta")) or 0.0
    size = abs(delta)
    gain = _number(row.get("points_at_stake"))
    return t(
        f"ov_card_{metric}",
        lang_code=lang_code,
        where=where(row, lang_code),
        who=t(f"ov_who_{friction_kind(row)}", lang_code=lang_code),
        diff=i18n.fmt_number(size, _difference_decimals(metric, size), lang_code=lang_code),
        gain=i18n.fmt_number(gain, i18n.METRIC_DECIMALS.get(metric, 1), signed=True, lang_code=lang_code),
    )


def target(row: pd.Series | dict, metric: str) -> links.Target | None:
    """Where a friction row drills to: the Journey page focused on its stage, with the metric."""
    stage = row.get("stage")
    if not isinstance(stage, str) or not stage or stage == UNATTACHED:
        return None
    return JOURNEY_URL_PATH, {links.QP_FOCUS: stage, links.QP_METRIC: metric}


def _signed(x: object, decimals: int, lang_code: LangCode) -> str:
    return i18n.fmt_number(_number(x), decimals, signed=True, lang_code=lang_code)


def interval(low: object, high: object, decimals: int, lang_code: LangCode) -> str:
    """'(−0.4…+6.6)' in both languages."""
    return f"({_signed(low, decimals, lang_code)}…{_signed(high, decimals, lang_code)})"


def table_rows(ranked: pd.DataFrame, metric: str, lang_code: LangCode) -> pd.DataFrame:
    """The manager's friction table of one metric (rows as of_metric ranks them), plain-word
    column names; the statistics are explained in the columns' help (see column_help)."""
    decimals = i18n.METRIC_DECIMALS.get(metric, 1)  # type: ignore[call-overload]
    columns = {key: t(key, lang_code=lang_code) for key in TABLE_COLUMNS}
    rows = []
    for _, r in ranked.iterrows():
        score = (
            f"{i18n.fmt_metric(metric, _number(r['score_with']), lang_code=lang_code)} / "  # type: ignore[arg-type]
            f"{i18n.fmt_metric(metric, _number(r['score_without']), lang_code=lang_code)}"  # type: ignore[arg-type]
        )
        rows.append(
            {
                columns["ov_col_stage"]: stage_name(r, lang_code),
                columns["ov_col_owner"]: i18n.localized(r, "owner_name", lang_code=lang_code),
                columns["ov_col_affected"]: i18n.fmt_share(_number(r.get("friction_rate")), 0, lang_code),
                columns["ov_col_scores"]: score,
                columns["ov_col_difference"]: f"{_signed(r['delta'], decimals, lang_code)} "
                + interval(r["ci_low"], r["ci_high"], decimals, lang_code),
                columns["ov_col_clear"]: t("yes" if bool(r["significant"]) else "no", lang_code=lang_code),
                columns["ov_col_gain"]: _signed(r["points_at_stake"], decimals, lang_code),
            }
        )
    return pd.DataFrame(rows, columns=list(columns.values()))


TABLE_COLUMNS = [
    "ov_col_stage",
    "ov_col_owner",
    "ov_col_affected",
    "ov_col_scores",
    "ov_col_difference",
    "ov_col_clear",
    "ov_col_gain",
]
