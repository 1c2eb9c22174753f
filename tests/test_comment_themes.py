"""Comments tagged by the journey map's theme rules: int_comment_lemmas and int_comment_themes on
hand-written Finnish and English comments, the demo's comment templates, and the lemma cache."""

import duckdb
import pytest

from pipelines.demo_text import CLOSERS, DAYS, TEMPLATES, _tone
from pipelines.lemma_cache import fill_lemma_cache, missing_pairs
from tests.theme_db import add_comments, build, map_with_themes, tag, themes_of

THEMES = [
    {
        "id": "delivery",
        "name": {"en": "Delivery", "fi": "Toimitus"},
        "stage": "delivery",
        "terms": ["toimituksen", "*kuljetus", "delivery"],
    },
    {
        "id": "late",
        "name": {"en": "Late", "fi": "Myöhässä"},
        "stage": "delivery",
        "owner": "customer_service",
        "terms": ["myöhässä", "late"],
    },
    {
        "id": "wrong_invoice",
        "name": {"en": "Wrong invoice", "fi": "Väärä lasku"},
        "stage": "invoicing",
        "terms": ["väärä lasku", "wrong invoice", "lasku* virhe"],
        "exclude": ["ei väärä lasku", "not a wrong invoice"],
    },
    {"id": "app", "name": "App", "terms": ["sovellus*"]},
]


@pytest.fixture(scope="module")
def jm():
    return map_with_themes(THEMES)


def test_inflected_forms_meet_the_rule_written_inflected(jm):
    found = tag(
        {
            "fi1": ("fi", "Toimitus tuli ajallaan."),
            "fi2": ("fi", "Toimitukset ovat aina nopeita"),
            "fi3": ("fi", "Toimituksesta ei kuulunut mitään"),
            "en1": ("en", "Deliveries are slow"),
            "none": ("fi", "Tuote oli hyvä"),
        },
        jm,
    )
    assert found == {
        "fi1": {"delivery"},
        "fi2": {"delivery"},
        "fi3": {"delivery"},
        "en1": {"delivery"},
        "none": set(),
    }


def test_compounds_meet_a_wildcard_on_their_head(jm):
    found = tag(
        {
            "home": ("fi", "Kotiinkuljetuksen kanssa oli ongelmia"),
            "plain": ("fi", "Kuljetus oli kallis"),
            "prefix": ("fi", "Sovelluspäivitys rikkoi kaiken"),
            "unknown_language": (None, "kotiinkuljetukset myöhässä"),
        },
        jm,
    )
    assert found == {
        "home": {"delivery"},
        "plain": {"delivery"},
        "prefix": {"app"},
        "unknown_language": {"delivery", "late"},
    }


def test_a_phrase_needs_its_words_in_a_row_and_exclusions_veto(jm):
    found = tag(
        {
            "phrase": ("fi", "Sain väärän laskun"),
            "apart": ("fi", "Väärä osoite ja lasku myöhässä"),
            "en": ("en", "I got a wrong invoice, again"),
            "vetoed": ("fi", "Kyse ei ollut väärästä laskusta, vaan ei väärä lasku"),
            "vetoed_en": ("en", "It was not a wrong invoice"),
            "prefix_phrase": ("fi", "Laskutuksen virhe"),
        },
        jm,
    )
    assert found == {
        "phrase": {"wrong_invoice"},
        "apart": {"late"},
        "en": {"wrong_invoice"},
        "vetoed": set(),
        "vetoed_en": set(),
        "prefix_phrase": {"wrong_invoice"},
    }


def test_negation_is_not_read_ei_myohassa_still_mentions_lateness(jm):
    """Out of scope (docs/journey-map.md): a theme is about what the comment talks about."""
    assert tag({"neg": ("fi", "Paketti ei ollut myöhässä."), "en": ("en", "Not late at all")}, jm) == {
        "neg": {"late"},
        "en": {"late"},
    }


def test_model_rows_given_comments(jm):
    con = duckdb.connect()
    add_comments(
        con,
        [
            ("R1", "C1", "fi", "Kotiinkuljetus oli myöhässä, myöhässä!"),
            ("R2", None, "EN", "Late delivery; deliveries are late"),
            ("R3", "C3", "fi", "  123 !!! "),  # no words: no row
            ("R4", "C4", None, None),
        ],
    )
    build(con, jm)
    lemmas = con.execute(
        "select source, source_id, customer_id, language, lemma_language, lemmas from int_comment_lemmas "
        "order by source_id"
    ).fetchall()
    assert lemmas == [
        ("response", "R1", "C1", "fi", "fi", ["kotiinkuljetus", "olla", "myöhässä", "myöhässä"]),
        ("response", "R2", None, "en", "en", ["late", "delivery", "delivery", "be", "late"]),
    ]
    themes = con.execute(
        "select source, source_id, customer_id, theme, stage, owner, mentions, terms "
        "from int_comment_themes order by source_id, theme"
    ).fetchall()
    assert themes == [
        ("response", "R1", "C1", "delivery", "delivery", "logistics", 1, ["*kuljetus"]),
        ("response", "R1", "C1", "late", "delivery", "customer_service", 2, ["myöhässä"]),
        ("response", "R2", None, "delivery", "delivery", "logistics", 2, ["delivery"]),
        ("response", "R2", None, "late", "delivery", "customer_service", 2, ["late"]),
    ]
    con.close()


def test_the_cache_fills_only_new_words_and_is_idempotent(jm):
    con = duckdb.connect()
    add_comments(con, [("R1", "C1", "fi", "Toimitus myöhässä"), ("R2", "C2", "en", "late delivery")])
    build(con, jm, fill=False)
    words = missing_pairs(con)
    assert ("fi", "toimitus") in words and ("en", "late") in words
    assert ("fi+en", "toimituksen") in words  # the theme terms' words, in every language key
    added = fill_lemma_cache(con)
    assert added == len(words) and fill_lemma_cache(con) == 0 and missing_pairs(con) == []
    before = con.execute("select count(*) from text_lemmas").fetchall()[0][0]
    add_comments(con, [("R3", "C3", "fi", "Toimitus myöhässä taas"), ("R4", "C4", "en", "Late")], batch="b2")
    assert missing_pairs(con) == [("fi", "taas")]
    assert missing_pairs(con, ["b1"]) == []  # only the texts of the given batches are read
    assert fill_lemma_cache(con, ["b2"]) == 1
    assert con.execute("select count(*) from text_lemmas").fetchall()[0][0] == before + 1
    con.close()


def test_without_a_filled_cache_words_stand_as_written(jm):
    con = duckdb.connect()
    add_comments(con, [("R1", "C1", "fi", "Toimitukset myöhässä"), ("R2", "C2", "fi", "Toimituksen tila")])
    build(con, jm, fill=False)
    assert themes_of(con) == {"R1": {"late"}, "R2": {"delivery"}}  # only the forms written in the rules
    con.close()


# the theme of each demo comment template (same index in both languages); None: no theme
DEMO_THEMES = {
    "late": ["late_delivery"] * 5,
    "invoice": ["invoice_problem"] * 4,
    "wrong": ["wrong_item"] * 4,
    "refund": ["refund"] * 2,
    "login": ["login_app"] * 2,
    "mixed": [None, "helpful_service"],
    "praise": ["fast_delivery", "fast_delivery", "fast_delivery", None, "fast_delivery"],
    "neutral": ["delivery_fee", "assortment", None],
    "negative": ["prices", "product_quality", "packaging"],
    "cs_pos": ["helpful_service"] * 3,
    "cs_transfer": ["passed_around"] * 2,
    "cs_unresolved": ["unresolved"] * 2,
    "cs_neg": ["slow_answer"] * 2,
}


def test_every_demo_comment_is_tagged_with_its_categorys_theme():
    """Every rendered variant (template x closing sentence x days late), in its language and with
    the language unknown, gets exactly its template's theme from the demo map."""
    assert set(DEMO_THEMES) == set(TEMPLATES)
    texts, expected = {}, {}
    for category, by_language in TEMPLATES.items():
        for lang, templates in by_language.items():
            assert len(templates) == len(DEMO_THEMES[category]), category
            for i, template in enumerate(templates):
                days = DAYS[lang] if "{d}" in template else [""]
                for d, day in enumerate(days):
                    for c, closer in enumerate(CLOSERS[_tone(category)][lang]):
                        text = template.replace("{d}", day) + closer
                        for known in (True, False):
                            key = f"{category}/{lang}/{i}/{d}/{c}/{known}"
                            texts[key] = (lang if known else None, text)
                            theme = DEMO_THEMES[category][i]
                            expected[key] = {theme} if theme else set()
    assert tag(texts, map_with_themes()) == expected
