"""Coverage study: over many demo companies the reported 95% CIs contain the planted effects."""

from __future__ import annotations

import json
import math

import pytest

from core.db import connect
from pipelines.demo import run_demo
from pipelines.runner import refresh

SEEDS = range(101, 121)  # fixed before looking at results; 20 independent companies at scale S


@pytest.fixture(scope="module")
def study(tmp_path_factory):
    """Per seed and planted friction: (effect, delta, ci_low, ci_high, no-effect flagged)."""
    results = []
    for seed in SEEDS:
        db = tmp_path_factory.mktemp(f"seed{seed}") / "s.duckdb"
        run_demo(db, "S", seed=seed)
        con = connect(db)
        try:
            refresh(con)
            truth = json.loads(db.with_name("s.duckdb.truth.json").read_text())["frictions"]
            for planted in truth:
                delta, low, high, significant = con.execute(
                    """select delta, ci_low, ci_high, significant from mart_friction
                       where dimension = 'stage' and key = ? and metric = ?""",
                    [planted["stage"], planted["metric"]],
                ).fetchall()[0]
                results.append((seed, planted, delta, low, high, significant))
        finally:
            con.close()
    return results


def test_ci_coverage_near_95_percent(study):
    planted = [r for r in study if r[1]["effect"] != 0 and r[2] is not None]
    assert len(planted) >= 70  # 4 planted frictions x 20 seeds, nearly all testable at S
    covered = sum(1 for _s, t, _d, low, high, _sig in planted if low <= t["effect"] <= high)
    # expected 95%: with n = 80 the binomial sd is 1.9 intervals; below 85% is ~5 sd off
    assert covered / len(planted) >= 0.85, (covered, len(planted))


def test_estimates_unbiased_across_seeds(study):
    for key in {(t["stage"], t["metric"]) for _s, t, *_ in study}:
        rows = [r for r in study if (r[1]["stage"], r[1]["metric"]) == key and r[2] is not None]
        z = [(d - t["effect"]) / ((high - low) / (2 * 1.959964)) for _s, t, d, low, high, _ in rows]
        mean_z = sum(z) / len(z)
        # the mean of n standard-normal errors has sd 1/sqrt(n); 4 of those means bias
        assert abs(mean_z) < 4 / math.sqrt(len(z)), (key, mean_z)


def test_no_effect_stage_rarely_flagged(study):
    null = [r for r in study if r[1]["effect"] == 0]
    assert len(null) == len(SEEDS)
    flagged = sum(1 for r in null if r[5])
    # Benjamini-Hochberg keeps false discoveries near alpha = 5 %: 1 of 20 expected
    assert flagged <= 4, flagged
