"""NPS, CSAT and CES with confidence intervals, differences and multiple-comparison correction.

These are the only Python definitions of the metric formulas. The SQL macros in
pipelines/models/macros.sql implement the same formulas; tests/test_metrics_sql_agree.py
checks that both give the same numbers. docs/metrics.md explains the method.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal, get_args

Z95 = 1.959963984540054
T_TABLE_MAX_DF = 100_000  # above this many degrees of freedom the t quantile is taken as z
Metric = Literal["nps", "csat", "ces"]  # the metrics the product knows, in the order pages show them
METRICS: tuple[Metric, ...] = get_args(Metric)
SCALES: dict[str, tuple[int, int]] = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}
POSITIVE_FROM: dict[str, int] = {"nps": 9, "csat": 4, "ces": 5}  # promoters, top-two-box, easy
NEGATIVE_UP_TO: dict[str, int] = {"nps": 6}  # detractors; CSAT, CES: none
INTEGER_METRICS = frozenset({"nps"})  # whole-number scores only


class ScaleMismatchError(ValueError):
    """A score scale that does not belong to the metric; never rescaled silently."""


@dataclass(frozen=True)
class Cell:
    """Sufficient statistics of one group of responses to one metric.

    positive: promoters (NPS 9-10), top-two-box answers (CSAT 4-5), easy answers (CES 5-7).
    negative: detractors (NPS 0-6); 0 for CSAT and CES.
    """

    n: int = 0
    positive: int = 0
    negative: int = 0
    total: float = 0.0
    total_sq: float = 0.0

    def __add__(self, other: Cell) -> Cell:
        return Cell(
            self.n + other.n,
            self.positive + other.positive,
            self.negative + other.negative,
            self.total + other.total,
            self.total_sq + other.total_sq,
        )

    def __sub__(self, other: Cell) -> Cell:
        """The rest of a group once a part of it is taken out (sums are additive both ways)."""
        return Cell(
            self.n - other.n,
            self.positive - other.positive,
            self.negative - other.negative,
            self.total - other.total,
            self.total_sq - other.total_sq,
        )


@dataclass(frozen=True)
class Estimate:
    metric: str
    n: int
    value: float | None  # NPS points, CSAT %, CES mean; None when n == 0
    se: float | None
    ci_low: float | None
    ci_high: float | None

    def enough(self, min_n: int) -> bool:
        return self.n >= min_n and self.value is not None


@dataclass(frozen=True)
class Difference:
    metric: str
    delta: float | None  # a - b, in the metric's units
    se: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None


def check_scale(metric: str, scale_min: int, scale_max: int) -> None:
    """Raise ScaleMismatchError unless (scale_min, scale_max) is the metric's own scale."""
    if metric not in SCALES:
        raise ScaleMismatchError(f"unknown metric {metric!r}; expected one of nps, csat, ces")
    expected = SCALES[metric]
    if (scale_min, scale_max) != expected:
        raise ScaleMismatchError(
            f"{metric.upper()} must be on a {expected[0]}-{expected[1]} scale, "
            f"got {scale_min}-{scale_max}; it is not rescaled"
        )


def cell_from_scores(metric: str, scores: Iterable[float], scale: tuple[int, int] | None = None) -> Cell:
    """Sufficient statistics of raw scores, after checking scale and range."""
    low, high = scale if scale is not None else SCALES[metric]
    check_scale(metric, low, high)
    values = [float(s) for s in scores]
    for s in values:
        if not low <= s <= high or (metric in INTEGER_METRICS and s != int(s)):
            raise ScaleMismatchError(f"{metric.upper()} score {s:g} is outside {low}-{high}")
    positive_from, negative_up_to = POSITIVE_FROM[metric], NEGATIVE_UP_TO.get(metric)
    return Cell(
        n=len(values),
        positive=sum(1 for s in values if s >= positive_from),
        negative=(sum(1 for s in values if s <= negative_up_to) if negative_up_to is not None else 0),
        total=sum(values),
        total_sq=sum(s * s for s in values),
    )


def t975(df: float) -> float:
    """Two-sided 95% Student t quantile; z beyond T_TABLE_MAX_DF (as in the SQL table)."""
    if df > T_TABLE_MAX_DF:
        return Z95
    from scipy import stats  # lazily: importing scipy costs a CLI ~0.6 s

    return float(stats.t.ppf(0.975, int(df)))


def nps_variance(cell: Cell) -> float:
    """Variance of the per-response score +1/0/-1: p + d - (p - d)^2."""
    p, d = cell.positive / cell.n, cell.negative / cell.n
    return p + d - (p - d) ** 2


def estimate(metric: str, cell: Cell) -> Estimate:
    """The metric's value and 95% CI for one group."""
    if cell.n == 0:
        return Estimate(metric, 0, None, None, None, None)
    if metric == "nps":
        value = 100.0 * (cell.positive - cell.negative) / cell.n
        se = 100.0 * math.sqrt(nps_variance(cell) / cell.n)
        return Estimate(
            metric, cell.n, value, se, max(-100.0, value - Z95 * se), min(100.0, value + Z95 * se)
        )
    if metric == "csat":
        p = cell.positive / cell.n
        low, high = wilson_interval(cell.positive, cell.n)
        return Estimate(
            metric, cell.n, 100.0 * p, 100.0 * math.sqrt(p * (1 - p) / cell.n), 100.0 * low, 100.0 * high
        )
    if metric == "ces":
        mean = cell.total / cell.n
        if cell.n < 2:
            return Estimate(metric, cell.n, mean, None, None, None)
        se = math.sqrt(sample_variance(cell) / cell.n)
        half = t975(cell.n - 1) * se
        return Estimate(metric, cell.n, mean, se, mean - half, mean + half)
    raise ScaleMismatchError(f"unknown metric {metric!r}")


def wilson_interval(successes: int, n: int) -> tuple[float, float]:
    """95% Wilson score interval for a proportion."""
    p = successes / n
    z2 = Z95 * Z95
    centre = (p + z2 / (2 * n)) / (1 + z2 / n)
    half = Z95 * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n)) / (1 + z2 / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def sample_variance(cell: Cell) -> float:
    """Unbiased variance of the raw scores (n - 1 denominator)."""
    mean = cell.total / cell.n
    return max(0.0, (cell.total_sq - cell.n * mean * mean) / (cell.n - 1))


def ces_easy_share(cell: Cell) -> float | None:
    """Share (%) of CES answers 5-7."""
    return None if cell.n == 0 else 100.0 * cell.positive / cell.n


def _per_response_variance(metric: str, cell: Cell) -> float:
    """Variance of one response on the metric's reporting scale (NPS and CSAT in points)."""
    if metric == "nps":
        return 10_000.0 * nps_variance(cell)
    if metric == "csat":
        p = cell.positive / cell.n
        return 10_000.0 * p * (1 - p)
    return sample_variance(cell)


def difference(metric: str, a: Cell, b: Cell) -> Difference:
    """a minus b with a large-sample (Wald z) 95% CI and two-sided p-value."""
    if a.n < 2 or b.n < 2:
        return Difference(metric, None, None, None, None, None)
    ea, eb = estimate(metric, a), estimate(metric, b)
    assert ea.value is not None and eb.value is not None
    delta = ea.value - eb.value
    se = math.sqrt(_per_response_variance(metric, a) / a.n + _per_response_variance(metric, b) / b.n)
    if se == 0:
        p_value = 1.0 if delta == 0 else 0.0
        return Difference(metric, delta, 0.0, delta, delta, p_value)
    p_value = math.erfc(abs(delta) / se / math.sqrt(2))  # two-sided normal p, = 2 * norm.sf(|z|)
    return Difference(metric, delta, se, delta - Z95 * se, delta + Z95 * se, p_value)


def points_at_stake(delta: float | None, n_with: int, n_all: int) -> float | None:
    """How much the overall score would rise if the friction group scored like the rest."""
    if delta is None or n_all == 0:
        return None
    return -delta * n_with / n_all


def benjamini_hochberg(p_values: Sequence[float | None]) -> list[float | None]:
    """Benjamini-Hochberg adjusted p-values (step-up FDR, scipy.stats.false_discovery_control);
    None stays None and is not counted among the tests."""
    tested = [i for i, p in enumerate(p_values) if p is not None]
    adjusted: list[float | None] = [None] * len(p_values)
    if tested:
        from scipy import stats  # lazily (see t975)

        values = stats.false_discovery_control([p_values[i] for i in tested], method="bh")
        for i, value in zip(tested, values):
            adjusted[i] = float(value)
    return adjusted
