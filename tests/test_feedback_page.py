"""The Feedback page, run headless with AppTest against the demo database (scale S), in English and
Finnish: its numbers against a direct recomputation from the comment models, min_n, the score group
filter, comments from files shown as written, and a journey map without themes."""

from __future__ import annotations

import re
from datetime import date

import pandas as pd
import pytest
import yaml
from streamlit.testing.v1 import AppTest

from core.db import connect
from core.metrics import benjamini_hochberg, cell_from_scores, difference, estimate
from dashboard import i18n
from pipelines.journey_map import DEFAULT_MAP_PATH
from pipelines.runner import refresh
from tests import app_pages
from tests.test_pages_partial_data import no_surveys  # noqa: F401 (a fixture)

THEME = "fast_delivery"  # the demo's most mentioned delivery theme, enough responses over a year
SMALL = "late_delivery"  # under min_n mentioners in the default six months
N = "n\u00a0=\u00a0"  # "n = 12" never breaks between its parts
HOSTILE_TAGGED = "**Nopea toimitus** <b>kiitos</b> [klikkaa](http://example.com) <script>alert(1)</script>"
HOSTILE_UNTAGGED = "<img src=x onerror=alert(1)> # Otsikko | `koodi` :material/home: _kursiivi_"


def open_page(query_params: dict | None = None) -> AppTest:
    return app_pages.open_page("feedback", query_params)


query = app_pages.query


def whole_period(db) -> dict[str, str]:
    """The URL parameters of every month with data."""
    first, last = query(db, "select min(period_month), max(period_month) from mart_scores where n > 0")[0]
    return {"from": f"{first:%Y-%m}", "to": f"{last:%Y-%m}"}


def table(at: AppTest, key: str) -> pd.DataFrame:
    (data,) = app_pages.html_table_payloads(at, key)
    return app_pages.html_table.frame_of(data)


def kpi(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def number(text: str) -> int:
    return int(re.sub(r"[^\d]", "", text))


COMMENTED = """
    select r.response_id, r.customer_id, r.metric, r.score, r.is_positive, r.is_negative,
           coalesce(list(t.theme) filter (where t.theme is not null), []) as themes
    from int_responses_attributed as r
    join int_comment_lemmas as c on c.source = 'response' and c.source_id = r.response_id
    left join int_comment_themes as t on t.source = 'response' and t.source_id = r.response_id
    where r.period_month between ? and ?
    group by all"""


def commented(db, months: tuple[date, date]) -> pd.DataFrame:
    """Every response with a comment in the months, with the themes its comment mentions, read
    straight from the intermediate models (not from the page's marts)."""
    con = connect(db)
    try:
        return con.execute(COMMENTED, list(months)).df()
    finally:
        con.close()


pytestmark = pytest.mark.usefixtures("demo_db")


def test_page_renders_with_themes_scores_and_untagged_comments(demo_db):
    at = open_page()
    page = app_pages.texts(at)
    assert "What customers write about" in page and "[fb_" not in page
    subheaders = [str(s.value) for s in at.subheader]
    assert subheaders == [
        "Themes customers mention",
        "Scores of those who mention a theme vs the other commenters",
        "Comments without a theme",
    ]
    volumes = table(at, "fb_volumes")
    theme_ids = {r[0] for r in query(demo_db, "select theme from map_themes")}
    assert not theme_ids & set(volumes.astype(str).to_numpy().ravel())  # names, never ids
    assert "Late delivery" in set(volumes["Theme"]) and "Customer service" in set(volumes["Owning function"])
    assert "No single stage" in set(volumes["Journey stage"])  # a theme without a stage says so
    untagged = table(at, "fb_untagged")
    assert untagged["Customer"].str.fullmatch(r"C\d+").all()
    (payload,) = app_pages.html_table_payloads(at, "fb_untagged")
    assert all(
        re.match(r"customer\?.*\bcustomer=C\d+$", link) for link in payload["links"]
    )  # a row opens its customer
    assert at.get("vega_lite_chart")  # the trend


def test_finnish():
    at = open_page({"lang": "fi", "focus": THEME})
    page = app_pages.texts(at)
    assert "Mistä asiakkaat kirjoittavat" in page and "What customers" not in page and "[fb_" not in page
    assert "Aihe: Nopea tai täsmällinen toimitus" in page
    volumes = table(at, "fb_volumes")
    assert "Myöhästynyt toimitus" in set(volumes["Aihe"])
    assert volumes["Osuus kommenteista"].str.fullmatch(r"\d+,\d\u00a0%").all()
    comments = table(at, f"fb_comments_{THEME}")
    assert comments["Tulos"].str.contains("suosittelija").any()
    scores = table(at, "fb_scores")
    assert scores["Maininneet"].str.startswith("Liian vähän vastauksia").any()
    assert at.selectbox(key="fb_score_group").options[1] == "NPS: suosittelijat (9–10)"


def test_numbers_match_a_direct_recomputation_for_one_theme(demo_db):
    period = whole_period(demo_db)
    at = open_page({**period, "focus": THEME})
    months = tuple(at.session_state["flt_months"])
    rows = commented(demo_db, months)
    mentions = rows[[THEME in list(themes) for themes in rows["themes"]]]
    assert number(kpi(at, "Comments")) == len(rows)
    untagged = sum(len(themes) == 0 for themes in rows["themes"])
    assert number(kpi(at, "No theme")) == untagged
    volumes = table(at, "fb_volumes").set_index("Theme")
    assert volumes.loc["Fast or on-time delivery", "Mentions"] == f"{len(mentions):,}"
    assert (
        volumes.loc["Fast or on-time delivery", "Share of comments"]
        == f"{100 * len(mentions) / len(rows):.1f}%"
    )
    # every theme x metric, recomputed with core.metrics, then BH over all of them as the page does
    min_n = int(query(demo_db, "select number from map_settings where key = 'min_n'")[0][0])
    themes = [r[0] for r in query(demo_db, "select theme from map_themes order by theme_order")]
    tests = {}
    for theme in themes:
        flag = [theme in list(x) for x in rows["themes"]]
        for metric in ("nps", "csat", "ces"):
            mine = rows[(rows["metric"] == metric) & pd.Series(flag, index=rows.index)]
            rest = rows[(rows["metric"] == metric) & ~pd.Series(flag, index=rows.index)]
            if len(mine) + len(rest) == 0:
                continue
            a, b = cell_from_scores(metric, mine["score"]), cell_from_scores(metric, rest["score"])
            enough = a.n >= min_n and b.n >= min_n
            tests[(theme, metric)] = (a, b, difference(metric, a, b) if enough else None)
    keys = list(tests)
    adjusted = dict(zip(keys, benjamini_hochberg([d.p_value if d else None for *_, d in tests.values()])))
    a, b, diff = tests[(THEME, "nps")]
    assert diff is not None and a.n == len(mentions[mentions["metric"] == "nps"])
    scores = table(at, "fb_scores")
    row = scores[(scores["Theme"] == "Fast or on-time delivery") & (scores["Metric"] == "NPS")].iloc[0]
    en = "en"
    assert row["Mention it"] == f"{i18n.fmt_metric('nps', estimate('nps', a).value, en)} ({N}{a.n})"
    assert row["Other commenters"] == f"{i18n.fmt_metric('nps', estimate('nps', b).value, en)} ({N}{b.n})"
    ci = i18n.fmt_range(diff.ci_low, diff.ci_high, 1, True, en)
    assert row["Difference (95% CI)"] == f"{i18n.fmt_metric_delta('nps', diff.delta, en)} ({ci})"
    assert row["Adjusted p"] == i18n.fmt_p(adjusted[(THEME, "nps")], en)
    # the open theme: its count, share and customers
    customers = mentions["customer_id"].nunique()
    share = f"{100 * len(mentions) / len(rows):.1f}%"
    assert (
        f"{len(mentions)} comments ({share} of all comments) from {customers} customers"
        in app_pages.texts(at)
    )
    comments = table(at, f"fb_comments_{THEME}")
    assert len(comments) == min(20, len(mentions))
    assert set(comments["Customer"]) <= set(mentions["customer_id"])


def test_min_n_hides_small_groups(demo_db):
    at = open_page({"focus": SMALL})
    months = tuple(at.session_state["flt_months"])
    rows = commented(demo_db, months)
    n = sum(SMALL in list(x) and m == "nps" for x, m in zip(rows["themes"], rows["metric"]))
    min_n = int(query(demo_db, "select number from map_settings where key = 'min_n'")[0][0])
    assert 0 < n < min_n  # the premise: a small group
    scores = table(at, "fb_scores")
    row = scores[(scores["Theme"] == "Late delivery") & (scores["Metric"] == "NPS")].iloc[0]
    assert row["Mention it"] == f"Not enough responses ({N}{n})"
    assert row["Difference (95% CI)"] == "Not enough responses"
    assert row["Adjusted p"] == "–" and row["Significant"] == "–"
    assert "points" not in " ".join(row.astype(str))
    others = sum(m == "nps" for m in rows["metric"]) - n
    assert f"NPS: not enough responses to compare ({n} mention it, {others} others)." in app_pages.texts(at)


def test_score_group_filter_changes_the_counts(demo_db):
    at = open_page()
    months = tuple(at.session_state["flt_months"])
    rows = commented(demo_db, months)
    everyone = table(at, "fb_volumes").set_index("Theme")["Mentions"].map(number)
    at.selectbox(key="fb_score_group").set_value("nps:negative").run()
    assert not at.exception
    detractors = rows[(rows["metric"] == "nps") & rows["is_negative"]]
    assert number(kpi(at, "Comments")) == len(detractors) < len(rows)
    assert number(kpi(at, "No theme")) == sum(len(x) == 0 for x in detractors["themes"])
    volumes = table(at, "fb_volumes").set_index("Theme")["Mentions"].map(number)
    expected = sum("late_delivery" in list(x) for x in detractors["themes"])
    assert volumes["Late delivery"] == expected
    assert (volumes <= everyone[volumes.index]).all() and volumes.sum() < everyone.sum()
    assert volumes["Fast or on-time delivery"] == 0  # nobody praising speed is a detractor here
    at.selectbox(key="fb_score_group").set_value("nps:neutral").run()
    passives = rows[(rows["metric"] == "nps") & ~rows["is_negative"] & ~rows["is_positive"]]
    assert number(kpi(at, "Comments")) == len(passives)
    assert len(table(at, "fb_untagged")) == min(10, sum(len(x) == 0 for x in passives["themes"]))
    assert table(at, "fb_untagged")["Score"].str.fullmatch(r"NPS [78] \(passive\)").all()
    # the choice outlives a visit to another page
    app_pages.goto(at, "overview").run()
    app_pages.goto(at, "feedback").run()
    assert at.selectbox(key="fb_score_group").value == "nps:neutral"


def test_comments_with_markdown_and_html_show_as_written(writable_db):
    period = whole_period(writable_db)
    first, last = (date(int(p[:4]), int(p[5:]), 1) for p in (period["from"], period["to"]))
    tagged = query(
        writable_db,
        "select source_id from int_comment_themes where theme = ? order by source_id desc limit 1",
        [THEME],
    )[0][0]
    untagged = query(
        writable_db,
        """select r.response_id from int_responses_attributed as r
           join int_comment_lemmas as c on c.source_id = r.response_id
           where not exists (select 1 from int_comment_themes as t where t.source_id = r.response_id)
             and r.period_month between ? and ?
           order by r.responded_at desc limit 1""",
        [first, last],
    )[0][0]
    con = connect(writable_db)
    try:
        for response_id, text in ((tagged, HOSTILE_TAGGED), (untagged, HOSTILE_UNTAGGED)):
            con.execute(
                "update raw_survey_responses set comment = ? where response_id = ?", [text, response_id]
            )
        con.execute("update raw_survey_responses set responded_at = responded_at + interval 1 second")
        refresh(con)
    finally:
        con.close()
    at = open_page({**period, "focus": THEME})
    assert HOSTILE_TAGGED in set(table(at, f"fb_comments_{THEME}")["Comment"])  # cell text, as written
    assert HOSTILE_UNTAGGED in set(table(at, "fb_untagged")["Comment"])
    page = app_pages.texts(at)
    assert "<script>" not in page and "<img" not in page and "klikkaa" not in page


def test_a_map_without_themes_says_so(writable_db, tmp_path):
    doc = yaml.safe_load(DEFAULT_MAP_PATH.read_text(encoding="utf-8"))
    doc.pop("themes")
    path = tmp_path / "no_themes.yaml"
    path.write_text(yaml.safe_dump(doc, allow_unicode=True), encoding="utf-8")
    con = connect(writable_db)
    try:
        refresh(con, journey_map_path=path)
        assert con.execute("select count(*) from map_themes").fetchall() == [(0,)]
    finally:
        con.close()
    for lang, words in (("en", "The journey map has no themes"), ("fi", "Polkukartassa ei ole aiheita")):
        at = open_page({"lang": lang})
        assert words in app_pages.texts(at)
        assert not app_pages.html_table_payloads(at, "fb_")


@pytest.mark.usefixtures("no_surveys")
def test_without_surveys_or_comments_the_page_says_so():
    at = app_pages.open_page("feedback", run_first=True)
    assert "No survey response under these filters has a comment." in app_pages.texts(at)
    assert not app_pages.html_table_payloads(at, "fb_")
