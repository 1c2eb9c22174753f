"""The Functions page's repeated questions (ranking column and scorecard line), headless on the
demo database (scale S): each function's count and cost are the mart's within the journey map's
repeat window and the page's months."""

from __future__ import annotations

import re

from tests import app_pages

query = app_pages.query


def test_each_function_shows_its_repeated_questions_and_their_cost(demo_db):
    at = app_pages.open_page("functions")
    start, end = at.session_state["flt_months"]
    expected = dict(
        query(
            demo_db,
            """select owner, sum(contacts) from mart_repeated_questions
               where period_month between ? and ? and gap_day <= 7 group by owner""",
            [start, end],
        )
    )
    names = dict(query(demo_db, "select function_id, name_en from map_functions", []))
    (payload,) = app_pages.html_table_payloads(at, "fn_ranking")
    ranking = app_pages.html_table.frame_of(payload)
    shown = {
        function: int(re.sub(r"[^\d]", "", cell.split("·")[0]))
        for function, cell in zip(ranking["Function"], ranking["Repeated questions"])
    }
    assert shown == {names[o]: int(expected.get(o, 0)) for o in names if names[o] in shown}
    assert max(shown.values()) > 10
    top = max(expected, key=expected.get)
    line = f"Asked again within 7 d: {expected[top]} contacts"
    assert any(line in c.value for c in at.caption)
