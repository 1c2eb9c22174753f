"""The Overview page, run headless with streamlit.testing.v1.AppTest against the demo database."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect
from dashboard import data, i18n
from tests import app_pages

TIMEOUT = 120
NUMBER = re.compile(r"^[+\u2212]?\d+(?:[.,]\d+)?(?:\u00a0?%)?(?: / 7)?$")


def run_app(query_params: dict | None = None) -> AppTest:
    """The app on its default page (Overview), opened like a browser at the root URL."""
    at = app_pages.new_app(TIMEOUT)
    if query_params:
        at.query_params.update(query_params)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def texts(at: AppTest) -> str:
    """Everything the page says, as one string (non-breaking spaces read as spaces)."""
    return app_pages.texts(at, deltas=True).replace("\u00a0", " ").replace("\u2060", "")


def tile_sizes(at: AppTest) -> list[int]:
    """The n of each tile, read from the '1,234 answers · Target ...' captions."""
    sizes = []
    for caption in at.caption:
        match = re.match(r"^([\d,\u00a0]+)\u00a0(?:answers|vastausta)\b", caption.value)
        if match:
            sizes.append(int(re.sub(r"[^\d]", "", match.group(1))))
    return sizes


def tile_changes(at: AppTest) -> list[str]:
    """Each tile's change line (the small Markdown line right after its score)."""
    return [
        c.value.removeprefix(":small[").removesuffix("]")
        for c in at.markdown
        if c.value.startswith(
            tuple(f":small[:{colour}-badge[" for colour in ("gray", "green", "red", "orange"))
        )
    ]


@pytest.fixture(autouse=True)
def _database(demo_db):
    """Every test here runs against the session's demo database (env CX_DB)."""
    yield demo_db


def test_overview_shows_three_tiles_with_numbers_trend_and_friction():
    at = run_app()
    labels = [m.label for m in at.metric]
    assert labels == ["Net Promoter Score (NPS)", "Customer satisfaction (CSAT)", "Customer effort (CES)"]
    for metric in at.metric:
        assert NUMBER.match(metric.value), metric.value
        assert metric.help and "95% confidence interval" in metric.help
    sizes = tile_sizes(at)
    assert len(sizes) == 3 and all(n >= 30 for n in sizes)
    page = texts(at)
    assert "Experience overview" in page
    assert re.search(r"Below target|Target .* met", page)
    trends = [json.loads(chart.proto.spec) for chart in at.get("vega_lite_chart")]
    assert len(trends) == 3 and not at.get("plotly_chart")
    for trend in trends:  # a line with markers and hover texts, each drawn in the page's language
        points = [layer for layer in trend["layer"] if layer["mark"]["type"] == "point"]
        assert points and all(row["value_text"] and row["month"] for row in points[-1]["data"]["values"])
        assert trend["config"]["locale"]["number"]["decimal"] == "."
    friction = app_pages.tables(at)[0]
    assert 1 <= len(friction) <= 10
    assert list(friction.columns) == [
        "Journey stage",
        "Owner",
        "Customers affected",
        "Score with / without",
        "Difference",
        "Clear difference",
        "Potential gain",
    ]
    assert "All friction points · NPS" in page
    # statistics terms live in the tooltips only, not in what the page says
    for term in ("Benjamini", "p-value", "p =", "adjusted p", "confidence interval", "Points at stake"):
        assert term not in page, term
    # the filters are mirrored in the URL
    assert re.fullmatch(r"\d{4}-\d{2}", at.query_params["from"])
    assert "lang" not in at.query_params  # English is the default


def test_switching_to_finnish_translates_and_formats_numbers():
    at = run_app()
    english = texts(at)
    at.button_group(key="lang").set_value("fi").run()
    assert not at.exception
    finnish = texts(at)
    assert finnish != english
    assert [m.label for m in at.metric] == [
        "Suositteluindeksi (NPS)",
        "Asiakastyytyväisyys (CSAT)",
        "Asioinnin helppous (CES)",
    ]
    assert "Asiakaskokemuksen yleiskuva" in finnish and "Experience overview" not in finnish
    assert "Suurimmat kitkakohdat" in finnish
    csat = at.metric[1].value
    assert re.fullmatch(r"\d+,\d\u00a0%", csat), csat  # decimal comma, space before %
    assert "Polun vaihe" in app_pages.tables(at)[0].columns
    trend = json.loads(at.get("vega_lite_chart")[1].proto.spec)  # CSAT
    assert trend["config"]["locale"]["number"]["decimal"] == ","
    hovered = [row for layer in trend["layer"] for row in layer["data"]["values"] if "month" in row]
    assert hovered and all(re.fullmatch(r"[a-zä]+kuu \d{4}", r["month"]) for r in hovered)  # 'helmikuu 2026'
    assert all(re.fullmatch(r"\d+,\d\u00a0%", r["value_text"]) for r in hovered), hovered
    assert at.query_params["lang"] == "fi"


def test_a_link_reproduces_language_and_filters_and_reset_clears_them():
    default_period = run_app().session_state["flt_months"]
    first = default_period[0]
    link = {
        "lang": "fi",
        "segment": "household",
        "channel": "email",
        "from": f"{first.year}-{first.month:02d}",
        "to": f"{first.year}-{first.month:02d}",
    }
    at = run_app(link)
    assert at.session_state["lang"] == "fi"
    assert at.session_state["flt_segments"] == ["household"]
    assert at.session_state["flt_channels"] == ["email"]
    assert at.session_state["flt_months"] == (first, first)
    assert at.select_slider[0].value == (first, first)
    assert "Kotitalous" in texts(at)
    assert at.query_params["segment"] == "household"
    at.button[0].click().run()  # "Palauta rajaukset"
    assert not at.exception
    assert at.session_state["flt_segments"] == [] and at.session_state["flt_channels"] == []
    assert at.session_state["flt_months"] == default_period
    assert "segment" not in at.query_params and "channel" not in at.query_params
    assert at.query_params["lang"] == "fi"


def test_invalid_link_values_are_ignored():
    at = run_app({"lang": "xx", "segment": "no_such_segment", "from": "garbage"})
    assert at.session_state["lang"] == "en"
    assert at.session_state["flt_segments"] == []
    assert len(tile_sizes(at)) == 3


def test_segment_and_channel_filters_change_the_numbers():
    at = run_app()
    everyone = tile_sizes(at)
    values = [m.value for m in at.metric]
    at.multiselect(key="flt_segments").select("small_business").run()
    assert not at.exception
    business = tile_sizes(at)
    assert all(b < e for b, e in zip(business, everyone)), (business, everyone)
    assert [m.value for m in at.metric] != values
    assert at.query_params["segment"] == "small_business"
    at.multiselect(key="flt_channels").select("email").run()
    assert not at.exception
    texts_now = texts(at)
    assert "Small business" in texts_now and "E-mail" in texts_now
    narrowed = [n for n in tile_sizes(at)]
    assert sum(narrowed) < sum(business)
    assert at.query_params["channel"] == "email"


def test_period_filter_changes_the_numbers():
    at = run_app()
    default = tile_sizes(at)
    start, end = at.session_state["flt_months"]
    at.select_slider[0].set_range(end, end).run()
    assert not at.exception
    one_month = tile_sizes(at)
    assert sum(one_month) < sum(default)
    assert at.query_params["from"] == at.query_params["to"] == f"{end.year}-{end.month:02d}"


def test_a_too_small_group_shows_not_enough_responses():
    at = run_app()
    _, end = at.session_state["flt_months"]
    at.select_slider[0].set_range(end, end)
    at.multiselect(key="flt_segments").select("premium")
    at.multiselect(key="flt_channels").select("sms").run()
    assert not at.exception
    page = texts(at)
    assert "Not enough responses" in page
    assert any(m.value == "—" for m in at.metric)
    assert "at least 30 are needed" in page


def test_min_n_from_settings_hides_every_number(monkeypatch):
    real = data.settings
    monkeypatch.setattr(data, "settings", lambda: {**real(), "min_n": 10**9})
    at = run_app()
    assert [m.value for m in at.metric] == ["—", "—", "—"]
    assert texts(at).count("Not enough responses") == 3
    assert tile_sizes(at) == []


def test_change_is_marked_only_when_significant(monkeypatch):
    real = data.settings
    monkeypatch.setattr(data, "settings", lambda: {**real(), "alpha": 1e-300})
    at = run_app()
    changes = tile_changes(at)
    assert len(changes) == 3
    # greyed and worded plainly, with the change, the previous value and the interval
    number = r"[+\u2212]?\d[\d.]*"
    vs = re.compile(rf"^:gray-badge\[{number} vs {number}%?(?: / 7)? \({number}…{number}\)\]")
    for change in changes:
        assert vs.match(change) and change.endswith(":gray[no\u00a0clear\u00a0change]"), change
    monkeypatch.setattr(data, "settings", lambda: {**real(), "alpha": 0.999999})
    at = run_app()
    changes = tile_changes(at)
    coloured = [c for c in changes if c.startswith((":green-badge[", ":red-badge["))]
    assert coloured, changes
    for change in coloured:
        up = change.startswith(":green-badge[")
        assert (":material/arrow_upward:" in change) == up
        assert change.endswith("clear\u00a0rise]" if up else "clear\u00a0drop]"), change
        assert re.search(r"[+\u2212]\d[\d.]* vs ", change), change
    # the statistics behind it are in the tooltip
    assert all("p = " in m.help and "95% confidence interval" in m.help for m in at.metric)


def test_empty_database_is_seeded_with_the_demo_company_and_says_so(tmp_path, monkeypatch):
    empty = tmp_path / "fresh.duckdb"
    monkeypatch.setenv("CX_DB", str(empty))
    at = run_app()
    notices = [i.value for i in at.info]
    assert any("The database was empty, so the demo company" in n for n in notices), notices
    assert len(tile_sizes(at)) == 3
    # a second visitor is not told again
    again = run_app()
    assert not any("database was empty" in i.value for i in again.info)


def test_number_formatting_per_language():
    assert i18n.fmt_number(1234.56, 1, lang_code="en") == "1,234.6"
    assert i18n.fmt_number(1234.56, 1, lang_code="fi") == "1\u00a0234,6"
    assert i18n.fmt_number(-3.26, 1, signed=True, lang_code="fi") == "\u22123,3"
    assert i18n.fmt_number(-0.01, 1, signed=True, lang_code="en") == "0.0"
    assert i18n.fmt_percent(84.21, 1, lang_code="en") == "84.2%"
    assert i18n.fmt_percent(84.21, 1, lang_code="fi") == "84,2\u00a0%"
    assert i18n.fmt_p(0.0001, lang_code="fi") == "<\u00a00,001"
    assert i18n.fmt_month(date(2025, 3, 1), lang_code="fi") == "maalis 2025"
    assert i18n.fmt_month_range(date(2025, 1, 1), date(2025, 3, 1), lang_code="en") == "Jan–Mar 2025"


def test_a_sum_shows_the_same_whatever_order_it_was_added_in():
    """1,620.5 summed in another order is 1,620.4999999999998 or 1,620.5000000000002 (seen: Spark's
    and DuckDB's marts, DuckDB's native and Parquet reads): each shows as the same euros."""
    parts = [32.58, 39.44, 4.69, 1.42, 41.79, 21.64, 1478.94]  # 1,620.5 in all
    assert sum(parts) != sum(reversed(parts))  # the same numbers, another order, another sum
    sums = {sum(parts), sum(reversed(parts)), 1620.4999999999998, 1620.5, 1620.5000000000002}
    assert {i18n.fmt_eur(v, lang_code="en") for v in sums} == {"€1,620"}
    assert (
        len({i18n.fmt_number(v, 1, lang_code="fi") for v in (0.35, 0.35000000000000003, 0.3499999999999999)})
        == 1
    )


def test_every_string_has_both_languages():
    from dashboard.strings import STRINGS

    missing = [key for key, entry in STRINGS.items() if not entry.get("en") or not entry.get("fi")]
    assert missing == []


def test_ces_tile_shows_the_share_of_easy_answers(demo_db):
    at = run_app()
    first, last = at.query_params["from"], at.query_params["to"]
    con = connect(demo_db)  # same process and settings: shares the app's database instance
    positive, n = con.execute(
        """select sum(n_positive), sum(n) from mart_scores where metric = 'ces'
           and strftime(period_month, '%Y-%m') between ? and ?""",
        [first, last],
    ).fetchall()[0]
    con.close()
    expected = f"{100 * positive / n:.0f} % found it easy (5–7)"
    assert expected in texts(at), (expected, texts(at))


def test_stage_and_function_filters_limit_the_friction_rows_and_travel_in_the_link():
    at = run_app({"stage": "delivery", "owner": ["logistics", "billing"]})
    assert at.session_state["flt_stages"] == ["delivery"]
    assert at.session_state["flt_owners"] == ["logistics", "billing"]
    assert at.query_params["stage"] == "delivery"
    assert at.query_params["owner"] == ["logistics", "billing"]
    friction = app_pages.tables(at)[0]
    assert set(friction["Journey stage"]) == {"Delivery"}
    at.button_group(key="ov_metric").set_value("csat").run()  # CSAT has costly rows at two owners
    at.multiselect(key="flt_stages").unselect("delivery").run()
    stages = set(app_pages.tables(at)[0]["Journey stage"])
    assert stages <= {"Delivery", "Invoicing"} and "Delivery" in stages  # owners still filtered
    unfiltered = run_app()
    unfiltered.button_group(key="ov_metric").set_value("csat").run()
    assert set(app_pages.tables(unfiltered)[0]["Journey stage"]) - {"Delivery", "Invoicing"}
    at = run_app({"stage": "no_such_stage"})
    assert at.session_state["flt_stages"] == []
