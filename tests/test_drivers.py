"""Adjusted drivers (pipelines/drivers.py): given responses -> the model's numbers, checked against
numpy least squares, the clustered sandwich written out, and predictions recomputed directly."""

from __future__ import annotations

import math
from datetime import date

import duckdb
import numpy as np
import pandas as pd
import pytest

from core.metrics import Z95, benjamini_hochberg, cell_from_scores, difference
from pipelines.drivers import (
    COLLINEAR,
    ESTIMATED,
    TOO_FEW,
    driver_table,
    fit_metric,
    owner_rows,
    points_gained,
)
from pipelines.drivers_report import DriversUnavailableError, drivers_report

DRIVER_COLUMNS = [
    ("response_id", "varchar"),
    ("customer_id", "varchar"),
    ("metric", "varchar"),
    ("value", "double"),
    ("segment", "varchar"),
    ("channel", "varchar"),
    ("period_month", "date"),
    ("friction_stages", "varchar[]"),
]
STAGES = [("delivery", 1, "logistics"), ("invoicing", 2, "billing"), ("returns", 3, "warehouse")]


def given(responses: list[tuple], stages=STAGES, min_n: int = 30, path: str = ":memory:"):
    """A database holding only what driver_table reads: map_stages, map_settings and
    mart_driver_responses rows (response_id, customer_id, metric, value, segment, channel,
    period_month, friction_stages)."""
    con = duckdb.connect(path)
    con.execute("create table map_stages (stage varchar, stage_order bigint, owner varchar)")
    con.executemany("insert into map_stages values (?, ?, ?)", stages)
    con.execute("create table map_settings (key varchar, number double)")
    con.executemany("insert into map_settings values (?, ?)", [("min_n", min_n), ("alpha", 0.05)])
    con.execute(f"create table mart_driver_responses ({', '.join(f'{c} {t}' for c, t in DRIVER_COLUMNS)})")
    frame = pd.DataFrame(responses, columns=[c for c, _ in DRIVER_COLUMNS])  # noqa: F841 (read by the insert)
    con.execute("insert into mart_driver_responses select * from frame")
    return con


def nps_value(score: int) -> float:
    return 100.0 * ((score >= 9) - (score <= 6))


# --- worked example of docs/metrics.md "Adjusted drivers" ---------------------------------------
# ten NPS answers, each from its own customer, one segment and channel, min_n lowered to 2:
# no friction: 10, 10, 9, 7 (NPS 75); delivery only: 10, 8, 7, 2 (0); delivery and invoicing: 9, 3 (0)
WORKED = [(10, []), (10, []), (9, []), (7, [])]
WORKED += [(10, ["delivery"]), (8, ["delivery"]), (7, ["delivery"]), (2, ["delivery"])]
WORKED += [(9, ["delivery", "invoicing"]), (3, ["delivery", "invoicing"])]


def worked_rows() -> list[tuple]:
    return [
        (f"r{i}", f"c{i}", "nps", nps_value(s), "household", "email", "2026-01-01", f)
        for i, (s, f) in enumerate(WORKED)
    ]


def test_the_worked_example_of_the_docs():
    table = driver_table(given(worked_rows(), min_n=2))
    delivery, invoicing = table.row("delivery", "nps"), table.row("invoicing", "nps")
    # every combination present is a cell of its own (none, D, D+I): the coefficients are
    # differences of cell means: delivery 0 - 75, invoicing (with delivery) 0 - 0
    assert delivery.effect == pytest.approx(-75.0) and invoicing.effect == pytest.approx(0.0, abs=1e-9)
    # sandwich, one response per cluster: var(cell mean) = sum of squared residuals / n_cell^2
    # none 7500/16, D 20000/16, D+I 20000/4; small-sample factor G/(G-1) (N-1)/(N-K) = 10/7
    var_d, var_i = (1250 + 468.75) * 10 / 7, (5000 + 1250) * 10 / 7
    assert delivery.se == pytest.approx(math.sqrt(var_d)) and delivery.se == pytest.approx(49.5516, abs=1e-4)
    assert invoicing.se == pytest.approx(math.sqrt(var_i))
    assert (delivery.ci_low, delivery.ci_high) == pytest.approx(
        (-75 - Z95 * delivery.se, -75 + Z95 * delivery.se)
    )
    assert delivery.points_gained == pytest.approx(45.0)  # 75 x 6 / 10
    assert invoicing.points_gained == pytest.approx(0.0, abs=1e-9)
    # both removed: 45 + 0 = 45 = 75 (everyone like the no-friction group) - 30 (the NPS now);
    # var = .36 var_d + .04 var_i + 2 (.6)(.2) cov, cov(D, I) = -var(D cell mean) = -1250 x 10/7
    value, low, high = points_gained(table.fits["nps"], ["delivery", "invoicing"])
    half = Z95 * math.sqrt(0.36 * var_d + 0.04 * var_i - 0.24 * 1250 * 10 / 7)
    assert (value, low, high) == pytest.approx((45.0, 45.0 - half, 45.0 + half))
    assert half == pytest.approx(Z95 * math.sqrt(812.5))
    # the with/without view: invoicing 0 vs 37.5 -> delta -37.5, 7.5 points at stake (added to
    # delivery's 45 that makes 52.5: more than removing both frictions gives)
    with_i = cell_from_scores("nps", [9, 3])
    without_i = cell_from_scores("nps", [10, 10, 9, 7, 10, 8, 7, 2])
    assert difference("nps", with_i, without_i).delta == pytest.approx(-37.5)
    assert table.row("returns", "nps").status == TOO_FEW  # nobody had it
    assert [r.status for r in table.rows if r.metric != "nps"] == [TOO_FEW] * 6  # no answers


# --- correlated frictions: A hurts, B only travels with A ---------------------------------------


def correlated(seed: int = 16, customers: int = 3000) -> list[tuple]:
    """NPS answers: delivery (A) takes 40 points (promoters 50 -> 30 %, detractors 20 -> 40 %);
    invoicing (B) comes with A 80 % of the time, else 10 %, and changes nothing; business
    customers score 10 points lower; customers answer 1-3 times and some are always happier or
    grumpier than others and half live where parcels are late more often (45 % vs 15 %): a
    customer's answers and frictions are correlated; returns is rare (20)."""
    rng = np.random.default_rng(seed)
    rows = []
    for c in range(customers):
        business = rng.random() < 0.3
        mood = rng.choice([-0.15, 0.0, 0.15])
        far = rng.random() < 0.5  # far-away customers' parcels are late more often
        for k in range(rng.integers(1, 4)):
            a = rng.random() < (0.45 if far else 0.15)
            b = rng.random() < (0.8 if a else 0.1)
            promoter, detractor = (0.3 + mood, 0.4 - mood) if a else (0.5 + mood, 0.2 - mood)
            if business:
                promoter -= 0.05
                detractor += 0.05
            u = rng.random()
            score = 10 if u < promoter else (0 if u > 1 - detractor else 8)
            stages = [s for s, hit in (("delivery", a), ("invoicing", b)) if hit]
            rows.append(
                (
                    f"r{c}_{k}",
                    f"c{c}",
                    "nps",
                    nps_value(score),
                    ["household", "business"][business],
                    ["email", "sms", None][int(rng.integers(0, 3))],
                    "2026-01-01",
                    stages,
                )
            )
    for i in range(20):  # returns: too rare for min_n = 30
        rows.append((f"ret{i}", f"x{i}", "nps", 100.0, "household", "email", "2026-01-01", ["returns"]))
    return rows


@pytest.fixture(scope="module")
def correlated_rows() -> list[tuple]:
    return correlated()


def test_the_model_finds_the_friction_that_hurts_and_clears_the_one_that_travels_with_it(correlated_rows):
    table = driver_table(given(correlated_rows))
    a, b = table.row("delivery", "nps"), table.row("invoicing", "nps")
    assert a.ci_low <= -40.0 <= a.ci_high and a.ci_high < 0 and a.significant
    assert b.ci_low <= 0.0 <= b.ci_high and not b.significant
    # the with/without view flags invoicing clearly: about -27 points
    scores = {r[0]: r[3] for r in correlated_rows}
    with_b = [scores[r[0]] for r in correlated_rows if "invoicing" in r[7]]
    without_b = [scores[r[0]] for r in correlated_rows if "invoicing" not in r[7]]
    cells = [
        cell_from_scores("nps", [{100.0: 10, 0.0: 8, -100.0: 0}[v] for v in g]) for g in (with_b, without_b)
    ]
    naive = difference("nps", *cells)
    assert naive.ci_high < -15 and naive.p_value < 1e-12
    assert table.row("returns", "nps").status == TOO_FEW and table.row("returns", "nps").effect is None
    assert table.row("returns", "nps").n_with == 20


def design(rows: list[tuple], stages: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """y, X = [1, segment and channel dummies (baseline: the most common level), frictions], clusters,
    built here without pipelines.drivers."""
    y = np.array([r[3] for r in rows])
    columns = [np.ones(len(rows))]
    for position in (4, 5):
        levels = [r[position] for r in rows]
        common = max(set(levels), key=lambda v: (levels.count(v), str(v)))
        columns += [
            np.array([x == v for x in levels], float) for v in sorted(set(levels), key=str) if v != common
        ]
    columns += [np.array([s in r[7] for r in rows], float) for s in stages]
    customers = {c: i for i, c in enumerate(sorted({r[1] for r in rows}))}
    return y, np.column_stack(columns), np.array([customers[r[1]] for r in rows])


def test_coefficients_are_least_squares_and_the_covariance_is_the_clustered_sandwich(correlated_rows):
    rows = [r for r in correlated_rows if not r[0].startswith("ret")]
    table = driver_table(given(rows))
    y, x, groups = design(rows, ["delivery", "invoicing"])
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    fit = table.fits["nps"]
    assert fit.stages == ("delivery", "invoicing")
    assert np.allclose(fit.beta, beta[-2:], rtol=1e-9, atol=1e-9)
    # V = c (X'X)^-1 [sum over customers of (X_g' u_g)(X_g' u_g)'] (X'X)^-1, c = G/(G-1) (N-1)/(N-K)
    u = y - x @ beta
    scores = np.zeros((groups.max() + 1, x.shape[1]))
    np.add.at(scores, groups, x * u[:, None])
    bread = np.linalg.inv(x.T @ x)
    n, k, g = x.shape[0], x.shape[1], groups.max() + 1
    sandwich = g / (g - 1) * (n - 1) / (n - k) * bread @ (scores.T @ scores) @ bread
    assert np.allclose(fit.cov, sandwich[-2:, -2:], rtol=1e-9)
    assert fit.n_clusters == g == 3000
    assert table.row("delivery", "nps").se == pytest.approx(math.sqrt(sandwich[-2, -2]))
    # the data can tell: with every answer its own cluster the sandwich differs by more than 2 %
    per_answer = n / (n - 1) * (n - 1) / (n - k) * bread @ ((x * u[:, None]).T @ (x * u[:, None])) @ bread
    assert np.abs(np.diag(fit.cov) / np.diag(per_answer)[-2:] - 1).max() > 0.02


def test_points_gained_for_a_set_is_the_mean_change_of_the_predictions(correlated_rows):
    table = driver_table(given(correlated_rows))
    fit = table.fits["nps"]
    rows = [r for r in correlated_rows]
    y, x, _ = design(rows, list(fit.stages))
    beta = np.linalg.lstsq(x, y, rcond=None)[0]
    for chosen in (["delivery"], ["invoicing"], ["delivery", "invoicing"]):
        zeroed = x.copy()
        for s in chosen:
            zeroed[:, x.shape[1] - len(fit.stages) + fit.stages.index(s)] = 0.0
        direct = float(np.mean(zeroed @ beta - x @ beta))  # over all n_all answers, "returns" too
        assert points_gained(fit, chosen)[0] == pytest.approx(direct, rel=1e-9)
    # stage rows add up to the set
    rows_sum = sum(table.row(s, "nps").points_gained for s in ("delivery", "invoicing"))
    assert points_gained(fit, ["delivery", "invoicing"])[0] == pytest.approx(rows_sum)
    with pytest.raises(ValueError, match="not in the nps model: returns"):
        points_gained(fit, ["returns"])


def test_owner_rows_sum_their_estimated_stages(correlated_rows):
    stages = [("delivery", 1, "logistics"), ("invoicing", 2, "logistics"), ("returns", 3, "logistics")]
    table = driver_table(given(correlated_rows, stages=stages))
    owner = next(o for o in owner_rows(table) if o.metric == "nps")
    assert (owner.owner, owner.stages, owner.stages_left_out) == (
        "logistics",
        ("delivery", "invoicing"),
        ("returns",),
    )
    assert (owner.points_gained, owner.gained_ci_low, owner.gained_ci_high) == pytest.approx(
        points_gained(table.fits["nps"], ["delivery", "invoicing"])
    )
    csat = next(o for o in owner_rows(table) if o.metric == "csat")
    assert csat.points_gained is None and csat.stages == ()


def test_stages_with_too_few_responses_with_or_without_are_left_out():
    # 40 answers; min_n 10: delivery 9 with (too few), invoicing 31 with / 9 without (too few),
    # returns 20 / 20 (estimated)
    rows = [
        (
            f"r{i}",
            f"c{i}",
            "ces",
            float(1 + i % 7),
            "s",
            "web",
            "2026-01-01",
            [s for s, hit in (("delivery", i < 9), ("invoicing", i < 31), ("returns", i % 2 == 0)) if hit],
        )
        for i in range(40)
    ]
    table = driver_table(given(rows, min_n=10))
    assert [(r.stage, r.status, r.n_with) for r in table.rows if r.metric == "ces"] == [
        ("delivery", TOO_FEW, 9),
        ("invoicing", TOO_FEW, 31),
        ("returns", ESTIMATED, 20),
    ]
    assert table.fits["ces"].stages == ("returns",)
    assert table.row("returns", "ces").p_adjusted == table.row("returns", "ces").p  # a family of one


def test_a_stage_whose_friction_always_comes_with_another_is_collinear():
    rng = np.random.default_rng(3)
    value = rng.normal(size=200)
    a = rng.random(200) < 0.4
    fit, status = fit_metric("ces", value, {"a": a, "b": a.copy(), "c": ~a}, [], np.arange(200), 30)
    assert status == {"a": ESTIMATED, "b": COLLINEAR, "c": COLLINEAR}  # c = 1 - a, the intercept holds it
    assert fit.stages == ("a",)


def test_benjamini_hochberg_runs_over_every_estimated_row_of_the_table(correlated_rows):
    """One family across stages and metrics: the same answers again as CSAT (promoter -> 100)."""
    as_csat = [(f"s{r[0]}", r[1], "csat", 100.0 * (r[3] == 100.0), *r[4:]) for r in correlated_rows]
    table = driver_table(given(correlated_rows + as_csat))
    estimated = [r for r in table.rows if r.status == ESTIMATED]
    assert [(r.stage, r.metric) for r in estimated] == [
        ("delivery", "nps"),
        ("invoicing", "nps"),
        ("delivery", "csat"),
        ("invoicing", "csat"),
    ]
    family = benjamini_hochberg([r.p for r in estimated])
    assert [r.p_adjusted for r in estimated] == pytest.approx(family, rel=1e-12, abs=0)
    per_metric = benjamini_hochberg([r.p for r in estimated[:2]]) + benjamini_hochberg(
        [r.p for r in estimated[2:]]
    )
    assert [r.p_adjusted for r in estimated] != pytest.approx(per_metric, rel=1e-6, abs=0)
    assert [r.significant for r in estimated] == [p < 0.05 for p in family]


def test_filters_pick_the_responses(correlated_rows):
    con = given(correlated_rows)
    only = driver_table(con, segments=["business"], channels=["email", "sms"])
    expected = [r for r in correlated_rows if r[4] == "business" and r[5] in ("email", "sms")]
    assert only.row("delivery", "nps").n_all == len(expected)
    assert driver_table(con, months=(date(2026, 2, 1), date(2026, 2, 28))).row("delivery", "nps").n_all == 0


def test_drivers_report_gives_records_and_a_message_without_the_mart(tmp_path):
    path = tmp_path / "d.duckdb"
    given(worked_rows(), min_n=2, path=str(path)).close()
    rows = drivers_report(path)
    assert rows[0]["stage"] == "delivery" and rows[0]["metric"] == "nps"
    assert rows[0]["effect"] == pytest.approx(-75.0) and rows[0]["points_gained"] == pytest.approx(45.0)
    assert {"stage", "owner", "metric", "effect", "ci_low", "ci_high", "p_adjusted", "points_gained"} <= set(
        rows[0]
    )
    owners = drivers_report(path, by="owner")
    assert owners[0] == pytest.approx(
        {
            "owner": "logistics",
            "metric": "nps",
            "stages": "delivery",
            "stages_left_out": "",
            "points_gained": 45.0,
            "gained_ci_low": rows[0]["gained_ci_low"],
            "gained_ci_high": rows[0]["gained_ci_high"],
        }
    )
    empty = tmp_path / "e.duckdb"
    duckdb.connect(str(empty)).close()
    with pytest.raises(
        DriversUnavailableError, match="no mart_driver_responses yet; run 'python -m pipelines refresh'"
    ):
        drivers_report(empty)
