"""mart_theme_scores on given rows, and the themes report (pipelines/themes_report.py) read from it."""

from datetime import date

import duckdb
import pytest

from core.metrics import Cell, benjamini_hochberg, difference, estimate
from pipelines.themes_report import THEME_REPORT_COLUMNS, ThemesUnavailableError, theme_table
from tests.test_comment_themes import THEMES
from tests.theme_db import add_comments, build, map_with_themes, model_sql

MARCH, APRIL = date(2026, 3, 1), date(2026, 4, 1)
# response_id, metric, score, positive, negative, month, segment, channel, comment
RESPONSES = [
    ("R1", "nps", 10, True, False, MARCH, "A", "web", "Toimitus myöhässä"),
    ("R2", "nps", 3, False, True, MARCH, "A", "web", "Kotiinkuljetus oli myöhässä"),
    ("R3", "nps", 8, False, False, MARCH, "A", "web", "Ihan hyvä"),
    ("R4", "nps", 9, True, False, MARCH, "A", "web", None),  # no comment: not counted
    ("R5", "csat", 2, False, False, APRIL, "B", "unknown", "deliveries were slow"),
]


def mart_db() -> duckdb.DuckDBPyConnection:
    con = duckdb.connect()
    add_comments(con, [(r[0], f"C{r[0]}", "fi" if r[1] == "nps" else "en", r[8]) for r in RESPONSES])
    build(con, map_with_themes(THEMES))
    con.execute(
        "create table int_responses_attributed (response_id varchar, metric varchar, score double, "
        "is_positive boolean, is_negative boolean, period_month date, segment varchar, channel varchar)"
    )
    con.executemany(
        "insert into int_responses_attributed values (?, ?, ?, ?, ?, ?, ?, ?)", [r[:8] for r in RESPONSES]
    )
    con.execute(f"create table mart_theme_scores as\n{model_sql('mart_theme_scores')}")
    return con


def test_mart_rows_given_responses():
    con = mart_db()
    rows = con.execute("select * from mart_theme_scores order by metric desc, theme").fetchall()
    commented_a = (3, 1, 1, 21.0, 173.0)  # R1, R2, R3: n, promoters, detractors, sum, sum of squares
    commented_b = (1, 0, 0, 2.0, 4.0)
    assert rows == [
        ("app", "nps", MARCH, "A", "web", 0, 0, 0, 0.0, 0.0, *commented_a),
        ("delivery", "nps", MARCH, "A", "web", 2, 1, 1, 13.0, 109.0, *commented_a),  # toimitus, *kuljetus
        ("late", "nps", MARCH, "A", "web", 2, 1, 1, 13.0, 109.0, *commented_a),
        ("wrong_invoice", "nps", MARCH, "A", "web", 0, 0, 0, 0.0, 0.0, *commented_a),
        ("app", "csat", APRIL, "B", "unknown", 0, 0, 0, 0.0, 0.0, *commented_b),
        ("delivery", "csat", APRIL, "B", "unknown", 1, 0, 0, 2.0, 4.0, *commented_b),
        ("late", "csat", APRIL, "B", "unknown", 0, 0, 0, 0.0, 0.0, *commented_b),
        ("wrong_invoice", "csat", APRIL, "B", "unknown", 0, 0, 0, 0.0, 0.0, *commented_b),
    ]
    con.close()


def report_db(min_n: int = 2) -> duckdb.DuckDBPyConnection:
    """mart_theme_scores with two themes over two months (nps), plus map_themes and map_settings."""
    con = duckdb.connect()
    con.execute(
        "create table map_themes (theme varchar, name_fi varchar, name_en varchar, stage varchar, "
        "owner varchar, theme_order bigint)"
    )
    con.execute(
        "insert into map_themes values ('late', 'Myöhässä', 'Late', 'delivery', 'logistics', 1), "
        "('app', 'Sovellus', 'App', null, 'digital', 2)"
    )
    con.execute("create table map_settings (key varchar, number double, text varchar)")
    con.execute(f"insert into map_settings values ('min_n', {min_n}, '{min_n}'), ('alpha', 0.05, '0.05')")
    sums = [f"{s}_{side}" for side in ("mention", "commented") for s in ("n", "pos", "neg", "sum", "sumsq")]
    con.execute(
        "create table mart_theme_scores (theme varchar, metric varchar, period_month date, segment varchar, "
        "channel varchar, " + ", ".join(f"{c} double" for c in sums) + ")"
    )
    # month x theme: mention cell, commented cell (n, promoters, detractors, sum, sum of squares)
    cells = [
        ("late", "2026-03-01", (40, 4, 30, 160, 900), (200, 90, 50, 1500, 12500)),
        ("late", "2026-04-01", (20, 2, 15, 80, 450), (100, 45, 25, 750, 6250)),
        ("app", "2026-03-01", (10, 5, 2, 75, 600), (200, 90, 50, 1500, 12500)),
        ("app", "2026-04-01", (1, 1, 0, 10, 100), (100, 45, 25, 750, 6250)),
    ]
    for theme, month, mention, commented in cells:
        con.execute(
            "insert into mart_theme_scores values (?, 'nps', ?, 'A', 'web', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [theme, month, *mention, *commented],
        )
    return con


def cell(values) -> Cell:
    return Cell(*values)


def test_report_compares_mentioners_with_the_other_commenters():
    con = report_db()
    rows = theme_table(con)
    assert [list(r) for r in rows] == [THEME_REPORT_COLUMNS] * 2
    late, app = rows
    mention, commented = Cell(60, 6, 45, 240, 1350), Cell(300, 135, 75, 2250, 18750)
    others = Cell(240, 129, 30, 2010, 17400)
    diff = difference("nps", mention, others)
    assert late["theme"] == "late" and late["stage"] == "delivery" and late["owner"] == "logistics"
    assert late["mentions"] == 60 and late["commented"] == commented.n
    assert late["share_of_comments"] == pytest.approx(60 / 300)
    assert late["score_mentioning"] == pytest.approx(estimate("nps", mention).value) == pytest.approx(-65.0)
    assert late["score_others"] == pytest.approx(estimate("nps", others).value)
    assert (late["delta"], late["ci_low"], late["ci_high"]) == pytest.approx(
        (diff.delta, diff.ci_low, diff.ci_high)
    )
    app_diff = difference("nps", Cell(11, 6, 2, 85, 700), Cell(289, 129, 73, 2165, 18050))
    adjusted = benjamini_hochberg([diff.p_value, app_diff.p_value])
    assert late["p_adjusted"] == pytest.approx(adjusted[0]) and late["significant"]
    assert app["p_adjusted"] == pytest.approx(adjusted[1])
    con.close()


def test_filters_and_min_n():
    con = report_db(min_n=15)
    april = theme_table(con, months=(date(2026, 4, 1), date(2026, 4, 30)))
    late, app = april
    assert late["mentions"] == 20 and late["score_mentioning"] == pytest.approx(-65.0)
    assert app["mentions"] == 1 and app["score_mentioning"] is None and not app["enough_n"]
    assert app["delta"] is None and app["p_adjusted"] is None and not app["significant"]
    assert late["p_adjusted"] == pytest.approx(late["p_value"])  # one test in the family
    assert theme_table(con, segments=["nobody"]) == []
    con.close()


def test_a_database_without_themes_says_refresh_first():
    con = duckdb.connect()
    with pytest.raises(ThemesUnavailableError, match="refresh"):
        theme_table(con)
    con.close()
