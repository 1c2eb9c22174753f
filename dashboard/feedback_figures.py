"""The Feedback page's numbers, tables and charts from its query results (dashboard/data_feedback.py).
Pure functions: building a table or a spec draws nothing."""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import date

import pandas as pd

from dashboard import i18n
from dashboard.contacts_figures import lookup_expr, month_axis, month_key, tooltip, wrap
from dashboard.data_feedback import ScoreGroup
from dashboard.i18n import t

ALL = "all"  # the score group option for every response
GROUP_KINDS: dict[str, tuple[str, ...]] = {  # docs/metrics.md: only NPS has a negative group
    "nps": ("positive", "neutral", "negative"),
    "csat": ("positive", "neutral"),
    "ces": ("positive", "neutral"),
}
TREND_THEMES = 5  # lines on the trend chart: the most mentioned themes
TREND_HEIGHT = 180
TREND_COLORS = ["#1f5fa8", "#b4690e", "#2e7d32", "#8e24aa", "#c62828"]
NotEnough = Callable[[int], str]


# --- score groups -----------------------------------------------------------------------------


def group_options(metrics: list[str]) -> list[str]:
    """The score group choices: 'all', then '<metric>:<group>' for the metrics in the data."""
    return [ALL] + [f"{m}:{g}" for m in GROUP_KINDS if m in metrics for g in GROUP_KINDS[m]]


def parse_group(option: str | None) -> ScoreGroup | None:
    """'nps:negative' -> ScoreGroup('nps', 'negative'); 'all' or anything unknown -> None."""
    metric, _, group = (option or "").partition(":")
    return ScoreGroup(metric, group) if group in GROUP_KINDS.get(metric, ()) else None


def group_label(option: str) -> str:
    return t("fb_group_all") if parse_group(option) is None else t(f"fb_group_{option.replace(':', '_')}")


def score_text(metric: str, score: float, group: str) -> str:
    """'NPS 3 (detractor)', 'CSAT 4 (satisfied)'."""
    decimals = 0 if float(score).is_integer() else 1
    kind = t(f"fb_short_{metric}_{group}") if group in GROUP_KINDS.get(metric, ()) else ""
    value = f"{i18n.metric_label(metric)} {i18n.fmt_number(score, decimals)}"
    return f"{value} ({kind})" if kind else value


# --- counts -----------------------------------------------------------------------------------


def counts_by_month(monthly: pd.DataFrame, group: ScoreGroup | None) -> pd.DataFrame:
    """Per theme x month: comments mentioning the theme and all comments, of the score group."""
    frame = monthly if group is None else monthly[monthly["metric"] == group.metric]

    def of(side: str) -> pd.Series:
        n, pos, neg = (frame[f"{s}_{side}"] for s in ("n", "pos", "neg"))
        if group is None:
            return n
        return {"positive": pos, "negative": neg}.get(group.group, n - pos - neg)

    out = pd.DataFrame(
        {"theme": frame["theme"], "period_month": frame["period_month"], "mentions": of("mention"),
         "commented": of("commented")}
    )  # fmt: skip
    return out.groupby(["theme", "period_month"], as_index=False)[["mentions", "commented"]].sum()


def commented_by_month(counts: pd.DataFrame) -> pd.Series:
    """All comments per month (every theme carries the same count: take one theme's)."""
    if counts.empty:
        return pd.Series(dtype="int64")
    first = counts["theme"].iloc[0]
    return counts[counts["theme"] == first].set_index("period_month")["commented"].sort_index()


def volumes(counts: pd.DataFrame, themes: pd.DataFrame) -> pd.DataFrame:
    """Every theme of the map with its mentions and share of all comments, most mentioned first
    (then map order)."""
    total = int(commented_by_month(counts).sum())
    mentions = counts.groupby("theme")["mentions"].sum()
    out = themes[["theme", "theme_order"]].copy()
    out["mentions"] = [int(mentions.get(theme, 0)) for theme in out["theme"]]
    out["share"] = [m / total if total else None for m in out["mentions"]]
    return out.sort_values(["mentions", "theme_order"], ascending=[False, True]).reset_index(drop=True)


# --- tables -----------------------------------------------------------------------------------


def _score_cell(metric: str, score: float | None, n: int, min_n: int) -> str:
    if n < min_n or score is None or (isinstance(score, float) and math.isnan(score)):
        return t("fb_not_enough_n", n=i18n.fmt_int(n))
    return t("fb_score_n", score=i18n.fmt_metric(metric, score), n=i18n.fmt_int(n))


def _present(value: object) -> bool:
    return value is not None and not (isinstance(value, float) and math.isnan(value))


def scores_rows(scores: pd.DataFrame) -> pd.DataFrame:
    """The theme x metric rows worth a line: mentioned at all; tested ones first by adjusted p."""
    rows = scores[scores["mentions"] > 0].copy()
    rows["_tested"] = [_present(p) for p in rows["p_adjusted"]]
    rows["_p"] = [p if _present(p) else 2.0 for p in rows["p_adjusted"]]
    rows["_order"] = range(len(rows))
    rows = rows.sort_values(["_tested", "_p", "_order"], ascending=[False, True, True])
    return rows.drop(columns=["_tested", "_p", "_order"]).reset_index(drop=True)


def scores_table(
    rows: pd.DataFrame, min_n: int, theme_name: Callable[[str], str], place: Callable[[str], tuple[str, str]]
) -> tuple[pd.DataFrame, list[str | None]]:
    """The score comparison as shown (theme, metric, both scores with n, difference with CI,
    adjusted p, significant, stage, owner) and each row's tone: good/bad when significant."""
    diff, tones = [], []
    for r in rows.itertuples():
        if not bool(r.enough_n) or not _present(r.delta):
            diff.append(t("not_enough"))
            tones.append("muted")
            continue
        decimals = i18n.METRIC_DECIMALS[r.metric]
        ci = i18n.fmt_range(r.ci_low, r.ci_high, decimals, signed=True)
        diff.append(f"{i18n.fmt_metric_delta(r.metric, r.delta)} ({ci})")
        tones.append(None if not bool(r.significant) else "bad" if r.delta < 0 else "good")
    others = [int(c) - int(m) for c, m in zip(rows["commented"], rows["mentions"])]
    table = pd.DataFrame(
        {
            t("fb_col_theme"): [theme_name(x) for x in rows["theme"]],
            t("col_metric"): [i18n.metric_label(m) for m in rows["metric"]],
            t("fb_col_mentioning"): [
                _score_cell(m, s, int(n), min_n)
                for m, s, n in zip(rows["metric"], rows["score_mentioning"], rows["mentions"])
            ],
            t("fb_col_others"): [
                _score_cell(m, s, n, min_n) for m, s, n in zip(rows["metric"], rows["score_others"], others)
            ],
            t("col_delta"): diff,
            t("col_p_adj"): [i18n.fmt_p(p) if _present(p) else "–" for p in rows["p_adjusted"]],
            t("col_significant"): [
                (t("yes") if bool(s) else t("no")) if _present(p) else "–"
                for s, p in zip(rows["significant"], rows["p_adjusted"])
            ],
            t("col_stage"): [place(x)[0] for x in rows["theme"]],
            t("fb_col_owner"): [place(x)[1] for x in rows["theme"]],
        }
    )
    return table, tones


def comments_table(frame: pd.DataFrame, terms: bool = True) -> pd.DataFrame:
    """Comments as shown: the score with its group, the comment as written (cell text, never
    Markdown or HTML; next to the short score it stays in view on a phone), when, the terms that
    matched, the customer."""
    columns = {
        t("fb_col_score"): [
            score_text(m, s, g) for m, s, g in zip(frame["metric"], frame["score"], frame["score_group"])
        ],
        t("fb_col_comment"): [str(c) for c in frame["comment"]],
        t("fb_col_responded"): [
            i18n.fmt_datetime(pd.Timestamp(v).to_pydatetime()) for v in frame["responded_at"]
        ],
    }
    if terms:
        columns[t("fb_col_terms")] = [
            ", ".join(str(x) for x in v) if v is not None and len(v) else "–" for v in frame["terms"]
        ]
    columns[t("fb_col_customer")] = [c if isinstance(c, str) and c else "–" for c in frame["customer_id"]]
    return pd.DataFrame(columns)


# --- charts -----------------------------------------------------------------------------------


def trend_spec(counts: pd.DataFrame, top: list[str], labels: dict[str, str]) -> dict:
    """Lines of each ``top`` theme's share of comments per month (%), in the language."""
    commented = commented_by_month(counts)
    months: list[date] = list(commented.index)
    rows, hovers = [], []
    for theme in top:
        own = counts[counts["theme"] == theme].set_index("period_month")["mentions"]
        for month in months:
            total, mentions = int(commented.get(month, 0)), int(own.get(month, 0))
            if not total:
                continue
            share = mentions / total
            rows.append({"theme": labels[theme], "month": month_key(month), "share": round(100 * share, 2)})
            hovers.append(
                t(
                    "fb_trend_hover",
                    theme=labels[theme],
                    month=i18n.fmt_month(month),
                    share=i18n.fmt_share(share, 1),
                    mentions=i18n.fmt_int(mentions),
                    comments=i18n.fmt_int(total),
                )
            )
    tips, channel = tooltip(hovers)
    names = [labels[theme] for theme in top]
    wrapped = {name: wrap(name, 30) for name in names}
    suffix = "\u00a0%" if i18n.lang() == "fi" else "%"
    return {
        "data": {"values": [{**row, **tip} for row, tip in zip(rows, tips)]},
        "height": TREND_HEIGHT,
        # the height is the plot's: the legend (a column of names on a phone) comes on top of it
        "autosize": {"type": "fit-x", "contains": "padding"},
        "mark": {"type": "line", "point": {"size": 28}, "strokeWidth": 1.8},
        "encoding": {
            "x": {"field": "month", "type": "ordinal", "sort": [month_key(m) for m in months],
                  "axis": month_axis(months)},
            "y": {"field": "share", "type": "quantitative", "title": None,
                  "axis": {"labelExpr": f"datum.label + '{suffix}'", "tickCount": 5}},
            "color": {
                "field": "theme", "type": "nominal", "sort": names,
                "scale": {"domain": names, "range": TREND_COLORS[: len(names)]},
                "legend": {"title": None, "orient": "top", "columns": {"expr": "width < 560 ? 1 : 3"},
                           "labelExpr": lookup_expr(wrapped)},
            },
            "tooltip": channel,
        },
    }  # fmt: skip


def month_counts(counts: pd.DataFrame, theme: str) -> tuple[list[date], list[int], list[str]]:
    """One theme's mentions per month of the period (months without any comment left out) and
    their hover texts, for contacts_figures.month_bar_spec."""
    commented = commented_by_month(counts)
    own = counts[counts["theme"] == theme].set_index("period_month")["mentions"]
    months = [m for m in commented.index if commented[m]]
    values = [int(own.get(m, 0)) for m in months]
    hovers = [
        t(
            "fb_month_hover",
            month=i18n.fmt_month(m),
            mentions=i18n.fmt_int(v),
            share=i18n.fmt_share(v / int(commented[m]), 1),
        )
        for m, v in zip(months, values)
    ]
    return months, values, hovers
