"""The Overview's friction cards and table: given friction rows -> the sentences a manager reads
(both languages), the ranking within one metric, and where each card and row drills to."""

from __future__ import annotations

from urllib.parse import parse_qs

import pandas as pd
import pytest

from dashboard import data, links, overview_cards
from dashboard.i18n import t
from tests import app_pages

NBSP = "\u00a0"
DEMO_STAGES = {"account", "browse", "payment", "picking", "delivery", "invoicing", "returns"}


def row(**values) -> dict:
    """One friction_table row (by stage) with sensible defaults."""
    base = {
        "stage": "delivery",
        "owner": "logistics",
        "metric": "nps",
        "name_en": "Delivery",
        "name_fi": "Toimitus",
        "owner_name_en": "Logistics",
        "owner_name_fi": "Logistiikka",
        "sort_order": 5,
        "friction_rate": 0.16,
        "late_rate": 0.16,
        "failure_rate": 0.0,
        "n_with": 111,
        "n_without": 585,
        "score_with": 9.3,
        "score_without": 40.3,
        "enough_n": True,
        "delta": -31.0,
        "ci_low": -47.1,
        "ci_high": -14.9,
        "p_adjusted": 0.001,
        "significant": True,
        "points_at_stake": 4.7,
    }
    return {**base, **values}


def frame(*rows: dict) -> pd.DataFrame:
    return pd.DataFrame(list(rows))


# --- sentences --------------------------------------------------------------------------------


def test_a_late_delivery_reads_as_one_plain_sentence_in_both_languages():
    r = row()
    assert overview_cards.card_text(r, "en") == (
        "Delivery · Logistics: customers with a delay score 31 NPS points lower; worth +4.7 points overall"
    )
    assert overview_cards.card_text(r, "fi") == (
        "Toimitus · Logistiikka: viiveen kokeneiden asiakkaiden NPS on 31 pistettä matalampi; "
        "korjaamalla +4,7 pistettä kokonaistulokseen"
    )


def test_each_metric_speaks_its_own_units():
    payment = dict(
        stage="payment",
        name_en="Payment",
        name_fi="Maksaminen",
        owner_name_en="Payments",
        owner_name_fi="Maksut",
        late_rate=0.0,
        failure_rate=0.08,
        friction_rate=0.08,
    )
    ces = row(**payment, metric="ces", delta=-1.32, points_at_stake=0.099)
    assert overview_cards.card_text(ces, "en") == (
        "Payment · Payments: customers with a failed step find it 1.3 points harder "
        "(CES, scale 1–7); worth +0.10 CES points overall"
    )
    assert overview_cards.card_text(ces, "fi") == (
        "Maksaminen · Maksut: epäonnistumisen kokeneiden asiakkaiden CES on 1,3 pistettä matalampi "
        "(asteikko 1–7); korjaamalla +0,10 pistettä kokonaistulokseen"
    )
    csat = row(metric="csat", delta=-8.46, points_at_stake=1.23, late_rate=0.1, failure_rate=0.06)
    assert overview_cards.card_text(csat, "en") == (
        "Delivery · Logistics: customers with a delay or a failed step rate CSAT 8.5 percentage "
        "points lower; worth +1.2 percentage points overall"
    )
    assert overview_cards.card_text(csat, "fi") == (
        "Toimitus · Logistiikka: viiveen tai epäonnistumisen kokeneiden asiakkaiden CSAT on 8,5 "
        "prosenttiyksikköä matalampi; korjaamalla +1,2 prosenttiyksikköä kokonaistulokseen"
    )


@pytest.mark.parametrize(
    ("late", "failed", "friction", "kind"),
    [
        (0.16, 0.0, 0.16, "late"),
        (0.003, 0.041, 0.043, "failed"),  # a rare delay is not named
        (0.05, 0.05, 0.1, "both"),
        (0.0, 0.0, 0.0, "any"),
        (None, None, None, "any"),
    ],
)
def test_the_kind_of_friction_is_named_when_it_is_a_real_part_of_it(late, failed, friction, kind):
    assert (
        overview_cards.friction_kind(row(late_rate=late, failure_rate=failed, friction_rate=friction)) == kind
    )


def test_a_stage_owned_by_a_function_of_the_same_name_is_not_said_twice():
    r = row(name_en="Billing", owner_name_en="Billing")
    assert overview_cards.card_text(r, "en").startswith("Billing: customers with a delay")


# --- ranking ----------------------------------------------------------------------------------


def test_ranking_stays_within_one_metric_and_keeps_only_clear_costly_rows_with_enough_answers():
    table = frame(
        row(stage="a", metric="ces", points_at_stake=9.0),  # a bigger number in another unit
        row(stage="b", metric="nps", points_at_stake=1.0),
        row(stage="c", metric="nps", points_at_stake=3.0),
        row(stage="d", metric="nps", points_at_stake=5.0, significant=False),  # could be chance
        row(stage="e", metric="nps", points_at_stake=-2.0),  # those with friction scored higher
        row(stage="f", metric="nps", points_at_stake=None, enough_n=False),
        row(stage="g", metric="nps", points_at_stake=2.0),
        row(stage="h", metric="nps", points_at_stake=0.5),
    )
    assert list(overview_cards.top(table, "nps")["stage"]) == ["c", "g", "b"]
    assert list(overview_cards.top(table, "ces")["stage"]) == ["a"]
    assert overview_cards.top(table, "csat").empty
    # the full table: every costly row of the metric, clear differences first
    assert list(overview_cards.of_metric(table, "nps")["stage"]) == ["c", "g", "b", "h", "d"]
    assert overview_cards.not_enough(table, "nps") == 1


def test_default_metric_is_nps_when_collected_else_the_first_collected():
    assert overview_cards.default_metric(["nps", "csat", "ces"]) == "nps"
    assert overview_cards.default_metric(["csat", "ces"]) == "csat"
    assert overview_cards.default_metric(["nps", "csat"], "csat") == "csat"
    assert overview_cards.default_metric(["nps", "csat"], "ces") == "nps"  # not collected
    assert overview_cards.default_metric([]) is None


def test_table_rows_speak_plainly_and_target_the_stage():
    table = frame(row(), row(stage="unattached", name_en=None, points_at_stake=1.0))
    ranked = overview_cards.of_metric(table, "nps")
    shown = overview_cards.table_rows(ranked, "nps", "en")
    first = shown.iloc[0].to_dict()
    assert first == {
        "Journey stage": "Delivery",
        "Owner": "Logistics",
        "Customers affected": "16%",
        "Score with / without": "+9.3 / +40.3",
        "Difference": "\u221231.0 (\u221247.1…\u221214.9)",
        "Clear difference": "Yes",
        "Potential gain": "+4.7",
    }
    assert shown.iloc[1]["Journey stage"] == "Not linked to a journey"
    fi = overview_cards.table_rows(ranked, "nps", "fi")
    assert fi.iloc[0][t("ov_col_affected", lang_code="fi")] == f"16{NBSP}%"
    assert fi.iloc[0][t("ov_col_difference", lang_code="fi")] == "\u221231,0 (\u221247,1…\u221214,9)"
    targets = [overview_cards.target(r, "nps") for _, r in ranked.iterrows()]
    assert targets == [("journey", {links.QP_FOCUS: "delivery", links.QP_METRIC: "nps"}), None]


# --- on the page (AppTest on the demo database) ------------------------------------------------


def card_links(at) -> list[tuple[str, str, dict]]:
    """The Overview's friction cards: (label, page, query params) of each page link."""
    found = []
    for element in at.main.get("page_link"):
        proto = element.proto
        found.append((proto.label, proto.page, parse_qs(proto.query_string)))
    return found


@pytest.fixture()
def loose(monkeypatch):
    """Settings under which the S demo has three clear NPS friction points (the friction
    table reads them from the database, so the cards are given that table directly)."""
    real = data.friction

    def friction(*args, **kwargs):
        table = real(*args, **kwargs).copy()
        enough = table["enough_n"].astype(bool)
        table.loc[enough, "significant"] = True
        return table

    monkeypatch.setattr(data, "friction", friction)


def test_cards_open_the_stage_on_the_journey_page_with_the_metric(demo_db, loose):
    at = app_pages.open_page("overview", {"segment": "household"})
    cards = card_links(at)
    assert 1 <= len(cards) <= 3
    for label, page, params in cards:
        assert page.endswith("journey"), page
        assert params[links.QP_METRIC] == ["nps"]
        assert params[links.QP_FOCUS][0] in DEMO_STAGES
        assert params["segment"] == ["household"]  # the filters travel along
        assert "NPS points lower; worth +" in label
    assert not [c for c in at.info if "No journey stage" in c.value]


def test_the_metric_switch_reranks_the_cards_and_stays_in_the_link(demo_db, loose):
    at = app_pages.open_page("overview")
    assert at.button_group(key="ov_metric").value == "nps"
    assert all("NPS" in label for label, _, _ in card_links(at))
    at.button_group(key="ov_metric").set_value("ces").run()
    assert not at.exception
    cards = card_links(at)
    assert cards and all("CES" in label and "NPS" not in label for label, _, _ in cards)
    assert all(params[links.QP_METRIC] == ["ces"] for _, _, params in cards)
    assert at.query_params[links.QP_METRIC] == "ces"  # a copied link reopens it
    assert "All friction points · CES" in [s.value for s in at.subheader]
    reopened = app_pages.open_page("overview", {links.QP_METRIC: "ces"})
    assert reopened.button_group(key="ov_metric").value == "ces"


def test_no_clear_friction_is_said_plainly_in_both_languages(demo_db, monkeypatch):
    real = data.friction
    monkeypatch.setattr(data, "friction", lambda *a, **k: real(*a, **k).assign(significant=False))
    at = app_pages.open_page("overview")
    assert card_links(at) == []
    assert any("No journey stage shows a clear NPS difference" in i.value for i in at.info)
    at = app_pages.open_page("overview", {"lang": "fi"})
    assert any("ei ole selvää eroa" in i.value for i in at.info)
