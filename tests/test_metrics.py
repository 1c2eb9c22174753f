"""Metric formulas against values computed by hand (see the comments)."""

import math

import pytest

from core.metrics import (
    Cell,
    ScaleMismatchError,
    benjamini_hochberg,
    cell_from_scores,
    ces_easy_share,
    check_scale,
    difference,
    estimate,
    points_at_stake,
)


def test_nps_hand_computed():
    # 5 promoters, 2 passives, 3 detractors of 10: NPS = 50 - 30 = 20
    # variance p + d - (p - d)^2 = 0.5 + 0.3 - 0.04 = 0.76; se = 100 * sqrt(0.076) = 27.568
    est = estimate("nps", cell_from_scores("nps", [10, 9, 8, 7, 6, 0, 10, 9, 3, 10]))
    assert est.n == 10 and est.value == pytest.approx(20.0)
    assert est.se == pytest.approx(100 * math.sqrt(0.076))
    assert est.ci_low == pytest.approx(20 - 1.959964 * 27.56810, abs=1e-3)
    assert est.ci_high == pytest.approx(74.0324, abs=1e-3)


def test_nps_all_promoters_and_all_detractors():
    est = estimate("nps", cell_from_scores("nps", [9, 10, 10]))
    assert (est.value, est.ci_low, est.ci_high, est.se) == (100.0, 100.0, 100.0, 0.0)
    est = estimate("nps", cell_from_scores("nps", [0, 6]))
    assert est.value == -100.0 and est.ci_low == -100.0


def test_no_responses_gives_no_number():
    for metric in ("nps", "csat", "ces"):
        est = estimate(metric, Cell())
        assert est.value is None and est.ci_low is None and not est.enough(1)


def test_csat_top_two_box_with_wilson_interval():
    # 3 of 5 in 4-5: 60 %; Wilson 95 % interval for 3/5 is (23.07 %, 88.24 %)
    est = estimate("csat", cell_from_scores("csat", [5, 4, 3, 2, 5]))
    assert est.value == pytest.approx(60.0)
    assert est.ci_low == pytest.approx(23.07, abs=0.01)
    assert est.ci_high == pytest.approx(88.24, abs=0.01)


def test_ces_mean_t_interval_and_easy_share():
    # mean 5, sample variance 2.5, se sqrt(0.5); t(0.975, 4) = 2.776445
    cell = cell_from_scores("ces", [7, 6, 5, 4, 3])
    est = estimate("ces", cell)
    assert est.value == pytest.approx(5.0)
    assert est.ci_low == pytest.approx(5 - 2.776445 * math.sqrt(0.5), abs=1e-5)
    assert est.ci_high == pytest.approx(6.96324, abs=1e-4)
    assert ces_easy_share(cell) == pytest.approx(60.0)


@pytest.mark.parametrize(
    "metric, low, high", [("nps", 1, 10), ("csat", 1, 7), ("ces", 1, 5), ("nps", 1, 5), ("effort", 1, 7)]
)
def test_scale_mismatch_is_rejected_not_rescaled(metric, low, high):
    with pytest.raises(ScaleMismatchError):
        check_scale(metric, low, high)


@pytest.mark.parametrize(
    "metric, scores", [("csat", [6]), ("nps", [11]), ("nps", [7.5]), ("ces", [0]), ("csat", [4, 5, 0])]
)
def test_out_of_range_scores_are_rejected(metric, scores):
    with pytest.raises(ScaleMismatchError):
        cell_from_scores(metric, scores)


def test_nps_difference_hand_computed():
    # a: p = d = 0.5 -> NPS 0, var 1;  b: p = 0.75, d = 0 -> NPS 75, var 0.1875
    # se = 100 * sqrt(1/4 + 0.1875/4) = 54.486; z = -1.37649; two-sided p = 0.16866
    diff = difference(
        "nps", cell_from_scores("nps", [10, 10, 0, 0]), cell_from_scores("nps", [10, 10, 10, 8])
    )
    assert diff.delta == pytest.approx(-75.0)
    assert diff.se == pytest.approx(54.4862, abs=1e-3)
    assert diff.p_value == pytest.approx(0.16866, abs=1e-4)
    assert diff.ci_low == pytest.approx(-75 - 1.959964 * 54.4862, abs=1e-2)


def test_csat_and_ces_difference():
    # csat: 80 % vs 40 % of 5 each: se = 100 * sqrt(.16/5 + .24/5) = 28.284
    diff = difference(
        "csat", cell_from_scores("csat", [5, 5, 4, 4, 1]), cell_from_scores("csat", [5, 4, 1, 2, 3])
    )
    assert diff.delta == pytest.approx(40.0) and diff.se == pytest.approx(28.2843, abs=1e-3)
    # ces: means 6 and 4, sample variances 1 and 1, n 3 each: se = sqrt(2/3)
    diff = difference("ces", cell_from_scores("ces", [5, 6, 7]), cell_from_scores("ces", [3, 4, 5]))
    assert diff.delta == pytest.approx(2.0) and diff.se == pytest.approx(math.sqrt(2 / 3))


def test_difference_needs_two_responses_each():
    assert difference("nps", Cell(1, 1, 0, 10, 100), Cell(5, 2, 1, 30, 250)).delta is None


def test_benjamini_hochberg_hand_computed():
    # sorted 0.01, 0.03, 0.04, 0.20 -> 0.04, 0.06, 0.0533, 0.20 -> step-up minimum
    got = benjamini_hochberg([0.04, 0.03, 0.01, None, 0.20])
    assert got[3] is None
    assert got[0] == pytest.approx(0.053333, abs=1e-5)
    assert got[1] == pytest.approx(0.053333, abs=1e-5)
    assert got[2] == pytest.approx(0.04)
    assert got[4] == pytest.approx(0.20)
    assert benjamini_hochberg([]) == []


def test_points_at_stake():
    # friction group 100 of 1000 responses scores 30 points lower -> overall would gain 3 points
    assert points_at_stake(-30.0, 100, 1000) == pytest.approx(3.0)
    assert points_at_stake(None, 100, 1000) is None


def test_benjamini_hochberg_equals_the_step_up_rule_on_random_p_values():
    """The library call gives what the step-up definition gives, ties and 1.0 included."""
    import random

    rnd = random.Random(3)
    for _ in range(50):
        ps = [rnd.choice([None, 1.0, 0.05, rnd.random()]) for _ in range(rnd.randint(1, 30))]
        tested = sorted((p, i) for i, p in enumerate(ps) if p is not None)
        expected: list = [None] * len(ps)
        running = 1.0
        for rank in range(len(tested), 0, -1):
            p, i = tested[rank - 1]
            running = min(running, p * len(tested) / rank)
            expected[i] = min(1.0, running)
        got = benjamini_hochberg(ps)
        assert [g is None for g in got] == [e is None for e in expected]
        assert all(g == pytest.approx(e, abs=1e-15) for g, e in zip(got, expected) if e is not None)


def test_a_cell_minus_a_part_of_it_is_the_rest():
    part, rest = Cell(3, 2, 1, 13.0, 65.0), Cell(5, 1, 3, 20.0, 90.0)
    assert (part + rest) - part == rest
    assert (part + rest) - rest == part
