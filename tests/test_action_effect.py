"""compare_periods and action_effect on hand-made day-mart rows: verdicts, CIs, n, windows."""

from __future__ import annotations

import datetime as dt
import math
from types import SimpleNamespace

import duckdb
import pytest

from core.metrics import Z95, Cell, difference
from pipelines.action_effect import action_effect, action_windows, compare_periods, verdict_of

DAY0 = dt.date(2026, 3, 1)
BEFORE = (DAY0, DAY0 + dt.timedelta(days=27))
AFTER = (DAY0 + dt.timedelta(days=28), DAY0 + dt.timedelta(days=55))
SCORE_COLUMNS = "n_with, pos_with, neg_with, sum_with, sumsq_with, n_without, pos_without, neg_without"


def day(i: int) -> dt.date:
    return DAY0 + dt.timedelta(days=i)


@pytest.fixture()
def con():
    connection = duckdb.connect()
    connection.execute("create table map_settings (key varchar, number double)")
    connection.execute("insert into map_settings values ('min_n', 30), ('alpha', 0.05)")
    connection.execute(
        f"""create table mart_point_daily_scores (dimension varchar, key varchar, metric varchar,
            period_month date, day date, {SCORE_COLUMNS.replace(",", " bigint,")} bigint,
            sum_without double, sumsq_without double)"""
    )
    connection.execute(
        """create table mart_point_daily_operations (dimension varchar, key varchar,
           period_month date, day date, reached bigint, with_friction bigint, contacts bigint,
           contacts_sq double, avoidable_contacts bigint, avoidable_cost_eur double,
           avoidable_cost_sq double)"""
    )
    yield connection
    connection.close()


def operations(
    con,
    key: str,
    i: int,
    reached: int,
    with_friction: int,
    contacts: int = 0,
    cost: float = 0.0,
    dimension: str = "stage",
) -> None:
    """One day's journeys and contacts (each contact its own customer, cost 1 € if cost given)."""
    con.execute(
        "insert into mart_point_daily_operations values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            dimension,
            key,
            day(i).replace(day=1),
            day(i),
            reached,
            with_friction,
            contacts,
            contacts,
            int(cost),
            cost,
            cost,
        ],
    )


def scores(con, key: str, i: int, with_cell: Cell, without_cell: Cell, metric: str = "nps") -> None:
    con.execute(
        "insert into mart_point_daily_scores values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            "stage",
            key,
            metric,
            day(i).replace(day=1),
            day(i),
            with_cell.n,
            with_cell.positive,
            with_cell.negative,
            with_cell.total,
            with_cell.total_sq,
            without_cell.n,
            without_cell.positive,
            without_cell.negative,
            without_cell.total,
            without_cell.total_sq,
        ],
    )


def test_friction_rate_falls_improved_with_the_two_proportion_ci(con):
    operations(con, "invoicing", 3, 1000, 200)  # 20 %
    operations(con, "invoicing", 40, 1000, 50)  # 5 %
    c = compare_periods(con, "stage", "invoicing", BEFORE, AFTER)
    rate = c.measure("friction_rate")
    assert (rate.before, rate.after, rate.n_before, rate.n_after) == (20.0, 5.0, 1000, 1000)
    se = 100 * math.sqrt(0.2 * 0.8 / 1000 + 0.05 * 0.95 / 1000)
    assert rate.change == pytest.approx(-15.0)
    assert (rate.ci_low, rate.ci_high) == pytest.approx((-15 - Z95 * se, -15 + Z95 * se))
    assert rate.better_when == "lower" and rate.verdict == "improved"
    assert c.verdict == "improved"  # no metric asked: the headline is the friction rate


def test_friction_rate_rises_worse(con):
    operations(con, "invoicing", 3, 1000, 50)
    operations(con, "invoicing", 40, 1000, 200)
    assert compare_periods(con, "stage", "invoicing", BEFORE, AFTER).verdict == "worse"


def test_same_rate_no_change_and_too_few_below_min_n(con):
    operations(con, "account", 3, 500, 60)
    operations(con, "account", 40, 500, 61)
    assert compare_periods(con, "stage", "account", BEFORE, AFTER).verdict == "no_change"
    operations(con, "payment", 3, 500, 100)
    operations(con, "payment", 40, 29, 0)  # a big fall, but 29 journeys < min_n 30
    rate = compare_periods(con, "stage", "payment", BEFORE, AFTER).measure("friction_rate")
    assert rate.verdict == "too_few" and rate.n_after == 29 and rate.change == pytest.approx(-20.0)


def test_nothing_at_the_point_is_too_few_everywhere(con):
    c = compare_periods(con, "stage", "nowhere", BEFORE, AFTER, metric="nps")
    assert {m.verdict for m in c.measures} == {"too_few"} and c.verdict == "too_few"
    assert [(m.measure, m.metric) for m in c.measures] == [
        ("score_gap", "nps"),
        ("score_gap", "csat"),
        ("score_gap", "ces"),
        ("friction_rate", None),
        ("contacts_per_100", None),
        ("avoidable_cost", None),
    ]


def test_score_gap_change_adds_the_variances_of_the_two_gaps(con):
    before_with, before_without = Cell(40, 10, 20), Cell(100, 50, 10)  # NPS -25 vs 40: gap -65
    after_with, after_without = Cell(40, 20, 10), Cell(100, 50, 10)  # NPS 25 vs 40: gap -15
    scores(con, "delivery", 5, before_with, before_without)
    scores(con, "delivery", 50, after_with, after_without)
    c = compare_periods(con, "stage", "delivery", BEFORE, AFTER, metric="nps")
    gap = c.measure("score_gap", "nps")
    a, b = difference("nps", before_with, before_without), difference("nps", after_with, after_without)
    assert (gap.before, gap.after, gap.change) == pytest.approx((-65.0, -15.0, 50.0))
    half = Z95 * math.sqrt(a.se**2 + b.se**2)
    assert (gap.ci_low, gap.ci_high) == pytest.approx((50 - half, 50 + half))
    assert (gap.n_before, gap.n_after) == (40, 40)  # the smaller group
    assert gap.better_when == "higher" and gap.verdict == "improved" and c.verdict == "improved"
    assert c.measure("score_gap", "csat").verdict == "too_few"


def test_contacts_and_cost_per_100_journeys(con):
    operations(con, "delivery", 3, 1000, 100, contacts=100, cost=100.0)
    operations(con, "delivery", 40, 1000, 100, contacts=40, cost=40.0)
    c = compare_periods(con, "stage", "delivery", BEFORE, AFTER)
    contacts = c.measure("contacts_per_100")
    assert (contacts.before, contacts.after, contacts.change) == pytest.approx((10.0, 4.0, -6.0))
    half = Z95 * 100 * math.sqrt(100 + 40) / 1000  # Poisson counts, journeys fixed
    assert (contacts.ci_low, contacts.ci_high) == pytest.approx((-6 - half, -6 + half))
    assert contacts.verdict == "improved" and c.measure("avoidable_cost").verdict == "improved"


def test_days_outside_both_windows_are_not_counted(con):
    operations(con, "browse", -1, 1000, 1000)  # the day before the before window
    operations(con, "browse", 3, 100, 10)
    operations(con, "browse", 40, 100, 10)
    operations(con, "browse", 56, 1000, 1000)  # the day after the after window
    rate = compare_periods(con, "stage", "browse", BEFORE, AFTER).measure("friction_rate")
    assert (rate.n_before, rate.n_after, rate.before, rate.after) == (100, 100, 10.0, 10.0)


def test_function_scope_reads_the_functions_rows(con):
    """A function is its stages together: the marts' owner rows count a journey once for it."""
    operations(con, "warehouse", 3, 300, 60, dimension="owner")
    operations(con, "warehouse", 40, 300, 6, dimension="owner")
    operations(con, "picking", 40, 300, 300)  # a stage row of the same name space is not read
    assert compare_periods(con, "function", "warehouse", BEFORE, AFTER).verdict == "improved"
    assert compare_periods(con, "stage", "warehouse", BEFORE, AFTER).verdict == "too_few"
    with pytest.raises(ValueError, match="point_kind"):
        compare_periods(con, "owner", "warehouse", BEFORE, AFTER)  # type: ignore[arg-type]


def test_action_windows_are_cut_at_the_data_end():
    eff = dt.date(2026, 5, 1)
    before, after = action_windows(eff, 56, dt.date(2026, 12, 31))
    assert before == (dt.date(2026, 3, 6), dt.date(2026, 4, 30))
    assert after == (eff, dt.date(2026, 6, 25))
    assert action_windows(eff, 56, dt.date(2026, 5, 20))[1] == (eff, dt.date(2026, 5, 20))
    with pytest.raises(ValueError):
        action_windows(eff, 0, None)


def test_action_effect_uses_as_of_and_needs_an_effective_date(con):
    operations(con, "invoicing", 3, 1000, 200)
    operations(con, "invoicing", 30, 1000, 20)
    operations(con, "invoicing", 35, 1000, 500)  # after as_of: not yet known
    action = SimpleNamespace(point_kind="stage", point_key="invoicing", metric=None, effective_from=day(28))
    c = action_effect(con, action, window_days=28, as_of=day(33))
    assert c is not None and c.before == BEFORE and c.after == (day(28), day(33))
    assert c.measure("friction_rate").after == 2.0 and c.verdict == "improved"
    assert action_effect(con, SimpleNamespace(**{**vars(action), "effective_from": None})) is None


def test_verdict_rule():
    assert verdict_of(-1.0, -2.0, -0.1, True, "lower") == "improved"
    assert verdict_of(-1.0, -2.0, -0.1, True, "higher") == "worse"
    assert verdict_of(0.5, -0.1, 1.1, True, "higher") == "no_change"
    assert verdict_of(5.0, 4.0, 6.0, False, "higher") == "too_few"
    assert verdict_of(None, None, None, True, "higher") == "too_few"
