"""Did it work? A friction point's measures before vs after a date, each change with its 95 % CI.

A point is a stage or a function (its stages together, as the marts' 'owner' rows count them).
Measures over a window of days (both ends included), read from the day-grain marts
mart_point_daily_scores and mart_point_daily_operations:

  score_gap         per metric: the score of answers with the friction minus those without
  friction_rate     % of journeys reaching the point that had the friction there
  contacts_per_100  contacts caused at the point per 100 journeys reaching it
  avoidable_cost    € of avoidable contacts caused at the point per 100 journeys reaching it

The change (after minus before) is a difference of two independent estimates, so its variance is
the sum of theirs; docs/metrics.md ("Did it work") states the method and its limits.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import duckdb

from core.metrics import METRICS, Z95, Cell, difference, estimate

if TYPE_CHECKING:  # the action register (pipelines.actions) is only read for its attributes
    from pipelines.actions import Action

Verdict = Literal["improved", "worse", "no_change", "too_few"]
MeasureName = Literal["score_gap", "friction_rate", "contacts_per_100", "avoidable_cost"]
BetterWhen = Literal["higher", "lower"]
PointKind = Literal["stage", "function"]
DIMENSION: dict[str, str] = {"stage": "stage", "function": "owner"}  # the marts' dimension names
DEFAULT_MIN_N = 30


@dataclass(frozen=True)
class MeasureChange:
    measure: MeasureName
    metric: str | None  # the survey metric of a score_gap; None for the others
    before: float | None
    after: float | None
    change: float | None  # after - before
    ci_low: float | None  # 95 % CI of the change
    ci_high: float | None
    n_before: int  # score_gap: the smaller of the with / without groups; else journeys reaching
    n_after: int
    better_when: BetterWhen
    verdict: Verdict


@dataclass(frozen=True)
class Comparison:
    point_kind: PointKind
    point_key: str
    before: tuple[dt.date, dt.date]  # first and last day, both included
    after: tuple[dt.date, dt.date]
    measures: list[MeasureChange]
    verdict: Verdict  # the headline: score_gap of the metric asked for, else friction_rate

    def measure(self, name: MeasureName, metric: str | None = None) -> MeasureChange:
        return next(m for m in self.measures if m.measure == name and m.metric == metric)


@dataclass(frozen=True)
class _Window:
    """Sums of one window: score cells with / without per metric, and operation counts."""

    with_cells: dict[str, Cell]
    without_cells: dict[str, Cell]
    reached: int = 0
    with_friction: int = 0
    contacts: int = 0
    contacts_sq: float = 0.0
    avoidable_cost: float = 0.0
    avoidable_cost_sq: float = 0.0


@dataclass(frozen=True)
class _Value:
    value: float | None
    se: float | None
    n: int


def verdict_of(
    change: float | None, ci_low: float | None, ci_high: float | None, enough: bool, better_when: BetterWhen
) -> Verdict:
    """too_few below min n or without a CI; no_change when the CI includes 0; else the direction."""
    if not enough or change is None or ci_low is None or ci_high is None:
        return "too_few"
    if ci_low <= 0.0 <= ci_high:
        return "no_change"
    return "improved" if (change > 0) == (better_when == "higher") else "worse"


def _change(
    name: MeasureName, metric: str | None, a: _Value, b: _Value, better_when: BetterWhen, min_n: int
) -> MeasureChange:
    """b (after) minus a (before); independent windows, so the variances add."""
    change = ci_low = ci_high = None
    if a.value is not None and b.value is not None and a.se is not None and b.se is not None:
        change = b.value - a.value
        half = Z95 * math.sqrt(a.se**2 + b.se**2)
        ci_low, ci_high = change - half, change + half
    enough = a.n >= min_n and b.n >= min_n
    return MeasureChange(
        name,
        metric,
        a.value,
        b.value,
        change,
        ci_low,
        ci_high,
        a.n,
        b.n,
        better_when,
        verdict_of(change, ci_low, ci_high, enough, better_when),
    )


def _score_gap(metric: str, w: _Window) -> _Value:
    cell_with, cell_without = w.with_cells.get(metric, Cell()), w.without_cells.get(metric, Cell())
    gap = difference(metric, cell_with, cell_without)
    return _Value(gap.delta, gap.se, min(cell_with.n, cell_without.n))


def _friction_rate(w: _Window) -> _Value:
    """A proportion in %: the same formulas as CSAT's top-two-box share (estimate, Wald se)."""
    e = estimate("csat", Cell(n=w.reached, positive=w.with_friction))
    return _Value(e.value, e.se if w.reached else None, w.reached)


def _per_100(total: float, variance: float, reached: int) -> _Value:
    """A total per 100 journeys reaching the point. The variance of the total is given (customers'
    contacts arrive as a Poisson process, each with its own total); the journeys are fixed."""
    if reached == 0:
        return _Value(None, None, 0)
    return _Value(100.0 * total / reached, 100.0 * math.sqrt(variance) / reached, reached)


def measure_changes(a: _Window, b: _Window, min_n: int) -> list[MeasureChange]:
    """Every measure of two windows (a before, b after), scores in the order of core.metrics."""
    out = [
        _change("score_gap", metric, _score_gap(metric, a), _score_gap(metric, b), "higher", min_n)
        for metric in METRICS
    ]
    out.append(_change("friction_rate", None, _friction_rate(a), _friction_rate(b), "lower", min_n))
    for name, total, variance in (
        ("contacts_per_100", "contacts", "contacts_sq"),
        ("avoidable_cost", "avoidable_cost", "avoidable_cost_sq"),
    ):
        values = [_per_100(getattr(w, total), getattr(w, variance), w.reached) for w in (a, b)]
        out.append(_change(name, None, *values, "lower", min_n))
    return out


def _min_n(con: duckdb.DuckDBPyConnection) -> int:
    row = con.execute("select max(number) from map_settings where key = 'min_n'").fetchall()
    return int(row[0][0]) if row and row[0][0] is not None else DEFAULT_MIN_N


def _windows(
    con: duckdb.DuckDBPyConnection,
    dimension: str,
    key: str,
    spans: tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]],
) -> list[_Window]:
    """The sums of each window (days between its first and last, both included)."""
    params = [d for span in spans for d in span]
    window = "case when day between ? and ? then 0 when day between ? and ? then 1 end"
    scores = con.execute(
        f"""select {window} as w, metric,
                   sum(n_with), sum(pos_with), sum(neg_with), sum(sum_with), sum(sumsq_with),
                   sum(n_without), sum(pos_without), sum(neg_without), sum(sum_without),
                   sum(sumsq_without)
            from mart_point_daily_scores
            where dimension = ? and key = ? and w is not null
            group by all""",
        [*params, dimension, key],
    ).fetchall()
    operations = dict(
        (row[0], row[1:])
        for row in con.execute(
            f"""select {window} as w, sum(reached), sum(with_friction), sum(contacts), sum(contacts_sq),
                       sum(avoidable_cost_eur), sum(avoidable_cost_sq)
                from mart_point_daily_operations
                where dimension = ? and key = ? and w is not null
                group by all""",
            [*params, dimension, key],
        ).fetchall()
    )
    out = []
    for w in (0, 1):
        with_cells = {
            r[1]: Cell(int(r[2]), int(r[3]), int(r[4]), float(r[5]), float(r[6])) for r in scores if r[0] == w
        }
        without_cells = {
            r[1]: Cell(int(r[7]), int(r[8]), int(r[9]), float(r[10]), float(r[11]))
            for r in scores
            if r[0] == w
        }
        reached, with_friction, contacts, contacts_sq, cost, cost_sq = operations.get(w, (0,) * 6)
        out.append(
            _Window(
                with_cells,
                without_cells,
                int(reached),
                int(with_friction),
                int(contacts),
                float(contacts_sq),
                float(cost),
                float(cost_sq),
            )
        )
    return out


def compare_periods(
    con: duckdb.DuckDBPyConnection,
    point_kind: PointKind,
    point_key: str,
    before: tuple[dt.date, dt.date],
    after: tuple[dt.date, dt.date],
    metric: str | None = None,
) -> Comparison:
    """The point's measures in two windows of days (first, last; both included) and their changes."""
    if point_kind not in DIMENSION:
        raise ValueError(f"point_kind must be 'stage' or 'function', got {point_kind!r}")
    if metric is not None and metric not in METRICS:
        raise ValueError(f"metric must be one of {', '.join(METRICS)} or None, got {metric!r}")
    a, b = _windows(con, DIMENSION[point_kind], point_key, (before, after))
    measures = measure_changes(a, b, _min_n(con))
    headline = next(
        m
        for m in measures
        if (m.measure, m.metric) == (("score_gap", metric) if metric else ("friction_rate", None))
    )
    return Comparison(point_kind, point_key, before, after, measures, headline.verdict)


def data_last_day(con: duckdb.DuckDBPyConnection) -> dt.date | None:
    """The last day of the event data in the company's time zone (int_data_end)."""
    row = con.execute("select cast(local_time(data_end) as date) from int_data_end").fetchall()
    return row[0][0] if row else None


def action_windows(
    effective_from: dt.date, window_days: int, last_day: dt.date | None
) -> tuple[tuple[dt.date, dt.date], tuple[dt.date, dt.date]]:
    """[eff - window, eff) and [eff, eff + window), the latter cut at the data's last day."""
    if window_days < 1:
        raise ValueError("window_days must be at least 1")
    before = (effective_from - dt.timedelta(days=window_days), effective_from - dt.timedelta(days=1))
    end = effective_from + dt.timedelta(days=window_days - 1)
    if last_day is not None:
        end = min(end, last_day)
    return before, (effective_from, end)


def action_effect(
    con: duckdb.DuckDBPyConnection, action: Action, window_days: int = 56, as_of: dt.date | None = None
) -> Comparison | None:
    """Before vs after the action's effective_from (None if it has none); the after window ends at
    as_of or, without it, the data's last day."""
    if action.effective_from is None:
        return None
    last_day = as_of if as_of is not None else data_last_day(con)
    before, after = action_windows(action.effective_from, window_days, last_day)
    return compare_periods(con, action.point_kind, action.point_key, before, after, action.metric)
