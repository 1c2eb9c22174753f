"""The Functions page's adjusted figures (dashboard/functions_adjusted.py): each stage's effect with
the other stages' friction held equal, and what removing all of a function's friction gains."""

from __future__ import annotations

from datetime import date

import pytest

from core.db import connect
from dashboard import i18n
from pipelines.drivers import driver_table, owner_rows
from tests import app_pages
from tests.test_functions_page import STAGE_ROWS, open_page

pytestmark = pytest.mark.usefixtures("demo_db")


def _page_drivers(demo_db, at):
    start, end = (date.fromisoformat(at.query_params[k] + "-01") for k in ("from", "to"))
    con = connect(demo_db)  # the page's settings: a second connection to the file in this process
    try:
        return driver_table(con, months=(start, end))
    finally:
        con.close()


def test_stage_rows_carry_the_adjusted_effect_and_the_function_its_joint_gain(demo_db):
    at = open_page()
    at.selectbox(key="fn_select").set_value("logistics").run()
    assert "Others held equal" not in app_pages.frame(at, STAGE_ROWS).columns  # fitted when asked
    assert not [m for m in at.markdown if str(m.value).startswith("If all of")]
    at.toggle(key="fn_adjusted").set_value(True).run()
    table = _page_drivers(demo_db, at)
    stages = app_pages.frame(at, STAGE_ROWS)
    row = table.row("delivery", "nps")
    (shown,) = stages.loc[
        (stages["Journey stage"] == "Delivery") & (stages["Metric"] == "NPS"), "Others held equal"
    ]
    half = (row.ci_high - row.ci_low) / 2
    assert (
        shown == f"{i18n.fmt_number(row.effect, 1, True, 'en')} ±{i18n.fmt_number(half, 1, lang_code='en')}"
    )
    (gain,) = [m for m in at.markdown if str(m.value).startswith("If all of Logistics")]
    (nps,) = [r for r in owner_rows(table) if r.owner == "logistics" and r.metric == "nps"]
    assert "NPS " + i18n.fmt_metric_delta("nps", nps.points_gained, "en") in str(gain.value)
    assert "can be added" in str(gain.proto.help)


def test_finnish_drill_down_names_the_columns_and_the_gain_in_finnish():
    # the drill-down opens on the first function of the ranking; the toggle is on from the start
    # (a second run would re-send the selectbox's English label to the Finnish options)
    at = app_pages.open_page(
        "functions", {"lang": "fi"}, setup=lambda a: a.session_state.__setitem__("fn_adjusted", True)
    )
    assert any(str(m.value).startswith("Jos kaikki toiminnon") for m in at.markdown)
    assert "Muut vakioituina" in app_pages.frame(at, "Kohdanneet / muut").columns
