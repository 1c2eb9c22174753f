"""The Journey page's adjusted lines (dashboard/journey_adjusted.py): under a stage's score gaps,
the driver model's effect of the friction there with the other stages' friction held equal."""

from __future__ import annotations

from datetime import date

from core.db import connect
from dashboard import i18n
from dashboard.journey_adjusted import adjusted_line
from pipelines.drivers import COLLINEAR, ESTIMATED, TOO_FEW, DriverRow, driver_table
from tests.test_journey_page import open_page

ADJUSTED = ("NPS, the other", "CSAT, the other", "CES, the other")


def _adjusted(at) -> list:
    return [m for m in at.markdown if str(m.value).lstrip("*").startswith(ADJUSTED)]


def test_a_drilled_stage_shows_each_metrics_adjusted_effect_as_the_model_gives_it(demo_db):
    at = open_page({"focus": "delivery", "metric": "csat"})
    lines = _adjusted(at)
    assert len(lines) == 3
    assert str(lines[0].value).startswith("**CSAT, the other")  # the metric the link asked for first
    (nps,) = [m for m in lines if str(m.value).startswith("NPS, the other")]
    con = connect(demo_db)  # the page's settings: a second connection to the file in this process
    try:
        start, end = (date.fromisoformat(at.query_params[k] + "-01") for k in ("from", "to"))
        row = driver_table(con, months=(start, end)).row("delivery", "nps")  # the page's period
    finally:
        con.close()
    assert row.status == ESTIMATED and row.significant and row.effect < 0
    text = str(nps.value)
    assert "lower" in text and i18n.fmt_metric_delta("nps", abs(row.effect), "en").lstrip("+") in text
    assert i18n.fmt_metric_delta("nps", row.points_gained, "en").lstrip("+") in text
    assert "clustered by customer" in str(nps.proto.help)


def _row(**changes) -> DriverRow:
    base = dict(stage="delivery", owner="logistics", metric="nps", status=ESTIMATED, n_with=100, n_all=1000)
    return DriverRow(**{**base, **changes})


def test_lines_in_words_for_every_status():
    lower, help_text = adjusted_line(
        _row(effect=-12.0, ci_low=-15.0, ci_high=-9.0, p_adjusted=0.001, significant=True, points_gained=1.2)
    )
    assert "lower" in lower and "raise the overall score by 1.2" in lower and help_text
    unclear, _ = adjusted_line(
        _row(effect=-2.0, ci_low=-6.0, ci_high=2.0, p_adjusted=0.4, significant=False, points_gained=0.2)
    )
    assert "may be chance" in unclear
    assert adjusted_line(_row(status=TOO_FEW))[0].endswith("too few answers.")
    assert "cannot be told apart" in adjusted_line(_row(status=COLLINEAR))[0]
    assert adjusted_line(_row(status=TOO_FEW))[1] is None
