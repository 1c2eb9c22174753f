"""The SQL macros and the Python metric functions give the same numbers."""

import duckdb
import numpy as np
import pytest

from core.metrics import Cell, cell_from_scores, difference, estimate
from pipelines.runner import MODELS_DIR, ensure_reference_tables

SCALES = {"nps": (0, 10), "csat": (1, 5), "ces": (1, 7)}


@pytest.fixture(scope="module")
def con():
    connection = duckdb.connect()
    connection.execute((MODELS_DIR / "macros.sql").read_text())
    ensure_reference_tables(connection)
    yield connection
    connection.close()


def random_cells(metric: str, count: int, seed: int) -> list[Cell]:
    rng = np.random.default_rng(seed)
    low, high = SCALES[metric]
    cells = []
    for _ in range(count):
        n = int(rng.choice([2, 3, 7, 31, 250, 4000]))
        weights = rng.dirichlet(np.ones(high - low + 1))
        cells.append(cell_from_scores(metric, rng.choice(np.arange(low, high + 1), n, p=weights)))
    return cells


@pytest.mark.parametrize("metric", ["nps", "csat", "ces"])
def test_value_and_interval_agree(con, metric):
    for cell in random_cells(metric, 40, seed=hash(metric) % 1000):
        got = con.execute(
            """select metric_value(?, ?, ?, ?, ?),
                      metric_ci_low(?, ?, ?, ?, ?, ?,
                                    coalesce((select t975 from ref_t975 where df = ? - 1), z95())),
                      metric_ci_high(?, ?, ?, ?, ?, ?,
                                     coalesce((select t975 from ref_t975 where df = ? - 1), z95()))""",
            [metric, cell.n, cell.positive, cell.negative, cell.total]
            + [metric, cell.n, cell.positive, cell.negative, cell.total, cell.total_sq, cell.n] * 2,
        ).fetchall()[0]
        est = estimate(metric, cell)
        assert got[0] == pytest.approx(est.value, abs=1e-9)
        assert got[1] == pytest.approx(est.ci_low, abs=1e-9)
        assert got[2] == pytest.approx(est.ci_high, abs=1e-9)


@pytest.mark.parametrize("metric", ["nps", "csat", "ces"])
def test_difference_and_p_value_agree(con, metric):
    cells = random_cells(metric, 40, seed=7)
    for a, b in zip(cells[::2], cells[1::2]):
        se, p = con.execute(
            """select difference_se(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) as se,
                      p_two_sided((metric_value(?, ?, ?, ?, ?) - metric_value(?, ?, ?, ?, ?))
                                  / nullif(difference_se(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?), 0))""",
            [
                metric,
                a.n,
                a.positive,
                a.negative,
                a.total,
                a.total_sq,
                b.n,
                b.positive,
                b.negative,
                b.total,
                b.total_sq,
                metric,
                a.n,
                a.positive,
                a.negative,
                a.total,
                metric,
                b.n,
                b.positive,
                b.negative,
                b.total,
                metric,
                a.n,
                a.positive,
                a.negative,
                a.total,
                a.total_sq,
                b.n,
                b.positive,
                b.negative,
                b.total,
                b.total_sq,
            ],
        ).fetchall()[0]
        diff = difference(metric, a, b)
        assert se == pytest.approx(diff.se, rel=1e-9)
        if diff.se:
            # the SQL erfc approximation has relative error below 1.2e-7
            assert p == pytest.approx(diff.p_value, rel=2e-7, abs=1e-12)


@pytest.mark.parametrize("metric", ["nps", "csat", "ces"])
def test_the_generated_macros_classify_every_score_as_cell_from_scores_does(metric):
    """stg_survey_responses' is_positive / is_negative / on_scale come from core/metrics.py."""
    import duckdb

    from core.metrics import SCALES, ScaleMismatchError, cell_from_scores
    from pipelines.metric_macros import metric_macros_sql

    low, high = SCALES[metric]
    con = duckdb.connect()
    con.execute(metric_macros_sql())
    for tenths in range(10 * (low - 1), 10 * (high + 1) + 1):
        score = tenths / 10
        on, pos, neg = con.execute(
            "select on_scale(?, ?, ?, ?), is_positive(?, ?), is_negative(?, ?)",
            [metric, low, high, score, metric, score, metric, score],
        ).fetchall()[0]
        try:
            cell = cell_from_scores(metric, [score])
        except ScaleMismatchError:
            assert not on, score
            continue
        assert on, score
        assert (pos, neg) == (cell.positive == 1, cell.negative == 1), score
    assert con.execute("select on_scale(?, 0, 10, 5)", [metric]).fetchall()[0][0] == (metric == "nps")
