"""The lower-bound query of the benchmark (bench/lower_bound.sql) gives exactly the stage rows of
mart_friction, and the comparison that checks it in the benchmark run can fail."""

from __future__ import annotations

import numpy as np
import pandas as pd

from bench.baselines import compare_friction, mart_friction_by_stage
from bench.lower_bound import lower_bound_friction
from core.db import connect


def _frames(demo_db) -> tuple[pd.DataFrame, pd.DataFrame]:
    con = connect(demo_db)
    try:
        return lower_bound_friction(con), mart_friction_by_stage(con)
    finally:
        con.close()


def test_lower_bound_equals_mart_friction_by_stage(demo_db):
    lower, mart = _frames(demo_db)
    assert len(mart) > 0
    assert list(lower.columns) == list(mart.columns)
    assert compare_friction(lower, mart, "lower bound") == []
    # every column, row by row in rank order (counts are integers here, hugeint sums in the mart)
    for column in mart.columns:
        ours, theirs = lower[column], mart[column]
        if ours.dtype.kind in "fiu" and theirs.dtype.kind in "fiu":
            assert np.allclose(
                ours.astype(float), theirs.astype(float), rtol=1e-9, atol=1e-12, equal_nan=True
            ), column
        else:
            assert ((ours == theirs) | (ours.isna() & theirs.isna())).all(), column


def test_the_comparison_catches_an_altered_table(demo_db):
    lower, mart = _frames(demo_db)
    altered = lower.copy()
    altered.loc[0, "n_with"] += 1
    late = int(altered.index[altered["late_rate"] > 0][0])
    altered.loc[late, "late_rate"] *= 1.001
    problems = compare_friction(altered, mart, "lower bound")
    assert any("n_with: lower bound" in p for p in problems)
    assert any("late_rate: lower bound" in p for p in problems)
    assert compare_friction(lower.iloc[1:], mart, "lower bound") != []  # a missing row


def test_the_query_reads_the_raw_tables(demo_db):
    """Raw data the models have not seen yet (failures on the delivery events, in a transaction
    that is rolled back): the query no longer equals mart_friction, and the check says so."""
    con = connect(demo_db)
    try:
        con.execute("begin transaction")
        try:
            con.execute("update raw_journey_events set outcome = 'failed' where activity ilike '%deliver%'")
            lower = lower_bound_friction(con)
            problems = compare_friction(lower, mart_friction_by_stage(con), "lower bound")
        finally:
            con.execute("rollback")
    finally:
        con.close()
    assert any(p.startswith("('delivery'") and "failure_rate: lower bound" in p for p in problems)
