"""The Feedback page's counting on given rows (dashboard/feedback_figures.py): score groups, mentions
and shares per theme and month."""

from __future__ import annotations

from datetime import date

import pandas as pd

from dashboard import feedback_figures as fig
from dashboard.data_feedback import ScoreGroup

MAR, APR = date(2026, 3, 1), date(2026, 4, 1)
COLUMNS = ["theme", "period_month", "metric", "n_mention", "pos_mention", "neg_mention", "n_commented",
           "pos_commented", "neg_commented"]  # fmt: skip
# March: 10 NPS comments (4 promoters, 3 detractors) and 5 CSAT (3 satisfied); April: 4 NPS (1, 2)
MONTHLY = pd.DataFrame(
    [
        ("late", MAR, "nps", 3, 0, 3, 10, 4, 3),
        ("late", MAR, "csat", 1, 0, 0, 5, 3, 0),
        ("late", APR, "nps", 2, 0, 2, 4, 1, 2),
        ("praise", MAR, "nps", 4, 4, 0, 10, 4, 3),
        ("praise", MAR, "csat", 2, 2, 0, 5, 3, 0),
        ("praise", APR, "nps", 0, 0, 0, 4, 1, 2),
    ],
    columns=COLUMNS,
)
THEMES = pd.DataFrame({"theme": ["praise", "late", "never"], "theme_order": [1, 2, 3]})


def rows(frame: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in frame.itertuples(index=False)]


def test_counts_by_month_for_every_response_and_for_score_groups():
    assert rows(fig.counts_by_month(MONTHLY, None)) == [
        ("late", MAR, 4, 15),
        ("late", APR, 2, 4),
        ("praise", MAR, 6, 15),
        ("praise", APR, 0, 4),
    ]
    assert rows(fig.counts_by_month(MONTHLY, ScoreGroup("nps", "negative"))) == [
        ("late", MAR, 3, 3),
        ("late", APR, 2, 2),
        ("praise", MAR, 0, 3),
        ("praise", APR, 0, 2),
    ]
    passives = fig.counts_by_month(MONTHLY, ScoreGroup("nps", "neutral"))  # n - promoters - detractors
    assert rows(passives) == [
        ("late", MAR, 0, 3),
        ("late", APR, 0, 1),
        ("praise", MAR, 0, 3),
        ("praise", APR, 0, 1),
    ]
    satisfied = fig.counts_by_month(MONTHLY, ScoreGroup("csat", "positive"))
    assert rows(satisfied) == [("late", MAR, 0, 3), ("praise", MAR, 2, 3)]


def test_volumes_list_every_theme_with_its_share_of_all_comments():
    counts = fig.counts_by_month(MONTHLY, None)
    assert list(fig.commented_by_month(counts).items()) == [(MAR, 15), (APR, 4)]
    assert rows(fig.volumes(counts, THEMES)) == [
        ("praise", 1, 6, 6 / 19),  # as many mentions as "late": map order
        ("late", 2, 6, 6 / 19),
        ("never", 3, 0, 0.0),
    ]
    assert rows(fig.volumes(counts.iloc[:0], THEMES))[0] == ("praise", 1, 0, None)  # no comments


def test_score_group_options_follow_the_metrics_definitions():
    assert fig.group_options(["nps", "csat"]) == [
        "all", "nps:positive", "nps:neutral", "nps:negative", "csat:positive", "csat:neutral"
    ]  # fmt: skip
    assert fig.parse_group("nps:negative") == ScoreGroup("nps", "negative")
    assert fig.parse_group("csat:negative") is None  # CSAT has no negative group (docs/metrics.md)
    assert fig.parse_group("all") is None and fig.parse_group(None) is None
    assert fig.score_text("nps", 3.0, "negative") == "NPS 3 (detractor)"
    assert fig.score_text("csat", 3.5, "neutral") == "CSAT 3.5 (not satisfied)"
