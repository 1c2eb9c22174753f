"""Adjusted drivers: one linear model per metric of the per-response score on every stage's
friction indicator plus segment and channel, with standard errors clustered by customer
(statsmodels OLS), and the points each friction, or a set of them, would give back if removed.

docs/metrics.md "Adjusted drivers" explains the model; it reads mart_driver_responses.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

import duckdb

from core.metrics import METRICS, Z95, benjamini_hochberg
from pipelines.sql_filters import where_clause
from pipelines.stat_settings import min_n_and_alpha

if TYPE_CHECKING:  # pragma: no cover
    import numpy as np

ESTIMATED = "estimated"
TOO_FEW = "not enough responses"
COLLINEAR = "collinear with other stages"  # its indicator adds nothing the others do not hold


@dataclass(frozen=True)
class DriverRow:
    """One stage's adjusted effect on one metric (metric units: NPS points, CSAT %-points, CES)."""

    stage: str
    owner: str
    metric: str
    status: str  # ESTIMATED, TOO_FEW or COLLINEAR; the numbers are None unless ESTIMATED
    n_with: int  # responses to the metric with friction at the stage by the answer
    n_all: int  # all responses to the metric in the filters, attached to a journey or not
    effect: float | None = None  # the coefficient: score with the friction minus without, others held
    se: float | None = None  # clustered by customer
    ci_low: float | None = None
    ci_high: float | None = None
    p: float | None = None
    p_adjusted: float | None = None  # Benjamini-Hochberg over every estimated stage x metric row
    significant: bool = False  # p_adjusted < alpha
    points_gained: float | None = None  # -effect * n_with / n_all
    gained_ci_low: float | None = None
    gained_ci_high: float | None = None


@dataclass(frozen=True)
class MetricFit:
    """What one metric's model keeps for counterfactual sums: the stage coefficients and their
    clustered covariance (the rows and columns of ``cov`` follow ``stages``)."""

    metric: str
    n_all: int
    n_clusters: int
    stages: tuple[str, ...]
    beta: np.ndarray
    cov: np.ndarray
    n_with: dict[str, int]


@dataclass(frozen=True)
class OwnerRow:
    """Points an owning function's frictions together would give back on one metric."""

    owner: str
    metric: str
    stages: tuple[str, ...]  # its stages in the model
    stages_left_out: tuple[str, ...]  # its stages without an estimate (too few, collinear)
    points_gained: float | None
    gained_ci_low: float | None
    gained_ci_high: float | None


@dataclass(frozen=True)
class DriverTable:
    rows: list[DriverRow]  # metric by metric (nps, csat, ces), stages in journey order
    fits: dict[str, MetricFit]  # the metrics that had a model
    min_n: int
    alpha: float

    def __iter__(self) -> Iterator[DriverRow]:
        return iter(self.rows)

    def __len__(self) -> int:
        return len(self.rows)

    def row(self, stage: str, metric: str) -> DriverRow:
        for r in self.rows:
            if r.stage == stage and r.metric == metric:
                return r
        raise KeyError((stage, metric))


def points_gained(fit: MetricFit, stages: Iterable[str]) -> tuple[float, float, float]:
    """(points, ci_low, ci_high) the metric would gain if these stages' frictions were removed:
    the sum of -beta_s * n_with_s / n_all, variance w' V w from the clustered covariance."""
    import numpy as np

    chosen = set(stages)
    unknown = chosen - set(fit.stages)
    if unknown:
        raise ValueError(f"stages not in the {fit.metric} model: {', '.join(sorted(unknown))}")
    weights = np.array([-fit.n_with[s] / fit.n_all if s in chosen else 0.0 for s in fit.stages])
    value = float(weights @ fit.beta)
    half = Z95 * float(np.sqrt(max(0.0, weights @ fit.cov @ weights)))
    return value, value - half, value + half


def owner_rows(table: DriverTable) -> list[OwnerRow]:
    """Per owning function and metric, its estimated stages' points gained together."""
    owners: dict[str, list[str]] = {}
    for row in table.rows:
        owners.setdefault(row.owner, [])
        if row.stage not in owners[row.owner]:
            owners[row.owner].append(row.stage)
    result = []
    for metric in METRICS:
        fit = table.fits.get(metric)
        for owner, stages in owners.items():
            inside = tuple(s for s in stages if fit is not None and s in fit.stages)
            left_out = tuple(s for s in stages if s not in inside)
            gained = points_gained(fit, inside) if fit is not None and inside else (None, None, None)
            result.append(OwnerRow(owner, metric, inside, left_out, *gained))
    return result


def driver_table(
    con: duckdb.DuckDBPyConnection,
    *,
    segments: Sequence[str] | None = None,
    channels: Sequence[str] | None = None,
    months: tuple[date, date] | None = None,
) -> DriverTable:
    """The adjusted drivers of every metric under the filters (as friction_table takes them)."""
    cur = con.cursor()
    stage_rows = cur.execute("select stage, owner from map_stages order by stage_order, stage").fetchall()
    min_n, alpha = min_n_and_alpha(cur)
    stages = [s for s, _ in stage_rows]
    data = read_responses(cur, stages, segments=segments, channels=channels, months=months)
    fits: dict[str, MetricFit] = {}
    statuses: dict[tuple[str, str], str] = {}
    counts: dict[str, tuple[int, dict[str, int]]] = {}
    for metric in METRICS:
        chosen = data["metric"] == metric
        friction = data["friction"][chosen]
        n_all = int(chosen.sum())
        n_with = {s: int(friction[:, i].sum()) for i, s in enumerate(stages)}
        counts[metric] = (n_all, n_with)
        fit, status = fit_metric(
            metric,
            data["value"][chosen],
            {s: friction[:, i] for i, s in enumerate(stages)},
            [data["segment"][chosen], data["channel"][chosen]],
            data["cluster"][chosen],
            min_n,
        )
        statuses.update({(metric, s): v for s, v in status.items()})
        if fit is not None:
            fits[metric] = fit
    rows = [
        _row(stage, owner, metric, statuses[(metric, stage)], *counts[metric], fits.get(metric))
        for metric in METRICS
        for stage, owner in stage_rows
    ]
    return DriverTable(_adjust(rows, alpha), fits, min_n, alpha)


def read_responses(
    cur: duckdb.DuckDBPyConnection,
    stages: list[str],
    *,
    segments: Sequence[str] | None = None,
    channels: Sequence[str] | None = None,
    months: tuple[date, date] | None = None,
) -> dict[str, np.ndarray]:
    """The filtered responses as arrays: metric, value, segment and channel codes (null a level
    of its own), customer cluster codes (a response without customer is its own cluster) and a
    responses x stages boolean friction matrix."""
    import numpy as np

    where, params = where_clause(months, {"segment": segments, "channel": channels})
    flags = "".join(f", list_contains(friction_stages, ?) as f{i}" for i in range(len(stages)))
    got = cur.execute(
        f"""
        with picked as (select * from mart_driver_responses where {where})
        select metric, value,
               dense_rank() over (order by segment nulls last) - 1 as segment,
               dense_rank() over (order by channel nulls last) - 1 as channel,
               dense_rank() over (order by customer_id nulls last,
                   case when customer_id is null then response_id end) - 1 as cluster{flags}
        from picked""",
        params + stages,
    ).fetchnumpy()
    n = len(got["metric"])
    friction = np.zeros((n, len(stages)), dtype=bool)
    for i in range(len(stages)):
        friction[:, i] = np.asarray(got[f"f{i}"], dtype=bool)
    return {
        "metric": np.asarray(got["metric"], dtype=object),
        "value": np.asarray(got["value"], dtype=float),
        "segment": np.asarray(got["segment"], dtype=np.int64),
        "channel": np.asarray(got["channel"], dtype=np.int64),
        "cluster": np.asarray(got["cluster"], dtype=np.int64),
        "friction": friction,
    }


def fit_metric(
    metric: str,
    value: np.ndarray,
    friction: dict[str, np.ndarray],
    factors: list[np.ndarray],
    cluster: np.ndarray,
    min_n: int,
) -> tuple[MetricFit | None, dict[str, str]]:
    """OLS of value on 1 + the friction indicators of the stages with at least min_n responses
    with and min_n without friction + dummies of each factor (integer codes; its most common
    level is the baseline), covariance clustered by ``cluster``. Returns the fit (None when no
    stage could be estimated) and each stage's status."""
    import numpy as np

    n_all = len(value)
    status = {s: TOO_FEW for s in friction}
    candidates = [s for s, x in friction.items() if min_n <= int(x.sum()) <= n_all - min_n]
    _, groups = np.unique(cluster, return_inverse=True)
    n_clusters = int(groups.max()) + 1 if n_all else 0
    if not candidates or n_clusters < 2:
        return None, status
    columns = [np.ones(n_all)] + [x for codes in factors for x in _dummies(codes)]
    controls = len(columns)
    columns += [np.asarray(friction[s], dtype=float) for s in candidates]
    kept = _independent(np.column_stack(columns))
    kept_stages = [s for i, s in enumerate(candidates) if controls + i in kept]
    for s in candidates:
        status[s] = ESTIMATED if s in kept_stages else COLLINEAR
    if not kept_stages:
        return None, status
    design = np.column_stack([columns[i] for i in kept])
    fitted = _ols_clustered(value, design, groups)
    stage_at = slice(design.shape[1] - len(kept_stages), design.shape[1])
    return (
        MetricFit(
            metric,
            n_all,
            n_clusters,
            tuple(kept_stages),
            np.asarray(fitted.params)[stage_at],
            np.asarray(fitted.cov_params())[stage_at, stage_at],
            {s: int(friction[s].sum()) for s in kept_stages},
        ),
        status,
    )


def _ols_clustered(value: np.ndarray, design: np.ndarray, groups: np.ndarray):
    """statsmodels OLS with CRV1 cluster-robust covariance (normal p-values and intervals)."""
    import statsmodels.api as sm

    return sm.OLS(value, design).fit(cov_type="cluster", cov_kwds={"groups": groups})


def _dummies(codes: np.ndarray) -> list[np.ndarray]:
    """0/1 columns for every level of an integer-coded factor except its most common one."""
    import numpy as np

    levels, counts = np.unique(codes, return_counts=True)
    baseline = levels[int(np.argmax(counts))]
    return [(codes == level).astype(float) for level in levels if level != baseline]


def _independent(design: np.ndarray) -> list[int]:
    """Indices of the columns kept, left to right, that each add to the rank of those before."""
    import numpy as np

    gram = design.T @ design
    kept: list[int] = []
    for j in range(design.shape[1]):
        trial = kept + [j]
        if np.linalg.matrix_rank(gram[np.ix_(trial, trial)]) == len(trial):
            kept = trial
    return kept


def _row(
    stage: str,
    owner: str,
    metric: str,
    status: str,
    n_all: int,
    n_with: dict[str, int],
    fit: MetricFit | None,
) -> DriverRow:
    base = DriverRow(stage, owner, metric, status, n_with[stage], n_all)
    if status != ESTIMATED or fit is None:
        return base
    from math import erfc, sqrt

    i = fit.stages.index(stage)
    effect, se = float(fit.beta[i]), float(sqrt(max(0.0, fit.cov[i, i])))
    share = n_with[stage] / n_all
    p = erfc(abs(effect) / se / sqrt(2)) if se > 0 else (1.0 if effect == 0 else 0.0)
    return DriverRow(
        stage,
        owner,
        metric,
        status,
        n_with[stage],
        n_all,
        effect=effect,
        se=se,
        ci_low=effect - Z95 * se,
        ci_high=effect + Z95 * se,
        p=p,
        points_gained=-effect * share,
        gained_ci_low=-(effect + Z95 * se) * share,
        gained_ci_high=-(effect - Z95 * se) * share,
    )


def _adjust(rows: list[DriverRow], alpha: float) -> list[DriverRow]:
    """Benjamini-Hochberg over every estimated row of the table: one family."""
    from dataclasses import replace

    adjusted = benjamini_hochberg([r.p for r in rows])
    return [replace(r, p_adjusted=a, significant=a is not None and a < alpha) for r, a in zip(rows, adjusted)]
