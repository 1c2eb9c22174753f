"""Proposed themes: untagged comments clustered by lemmas (TF-IDF + seeded k-means), deterministic."""

import random

import duckdb
import pytest

from pipelines.journey_map import parse_journey_map
from pipelines.theme_proposals import propose_themes
from tests.test_comment_themes import THEMES
from tests.theme_db import add_comments, build, demo_raw, map_with_themes

PRICES = [
    ("fi", "Hinnat ovat liian korkeat, hinta nousi taas"),
    ("fi", "Liian korkea hinta tästä tuotteesta"),
    ("fi", "Hinnat nousivat, kallis kauppa"),
    ("en", "The price is too high, prices went up again"),
    ("en", "Too high a price for this, expensive shop"),
]
APP = [
    ("fi", "Sovellus kaatuu aina kun avaan sovelluksen"),
    ("fi", "Sovellus kaatui kesken maksun"),
    ("fi", "Sovelluksen päivitys kaatuu"),
    ("en", "The app crashes every time I open the app"),
    ("en", "App crashed during checkout, the app crashes a lot"),
]
TAGGED = [("fi", "Toimitus myöhässä"), ("en", "Late delivery again")]
LATE_ONLY = [t for t in THEMES if t["id"] == "late"]  # tags TAGGED, none of the topics above


def comments_db(seed: int = 0) -> duckdb.DuckDBPyConnection:
    """Each topic's comments four times (different ids), in an order given by `seed`."""
    rows = [
        (f"{topic}-{k}-{i}", f"C{k}{i}", lang, text)
        for topic, texts in (("price", PRICES), ("app", APP))
        for k in range(4)
        for i, (lang, text) in enumerate(texts)
    ]
    rows += [(f"tagged-{i}", "CT", lang, text) for i, (lang, text) in enumerate(TAGGED)]
    random.Random(seed).shuffle(rows)
    con = duckdb.connect()
    add_comments(con, rows)
    build(con, map_with_themes(LATE_ONLY))
    return con


@pytest.fixture(scope="module")
def proposals():
    con = comments_db()
    try:
        return propose_themes(con, n_clusters=4, seed=3)
    finally:
        con.close()


def test_untagged_comments_cluster_by_topic_and_language(proposals):
    """Finnish and English comments share few lemmas: one topic is a cluster per language."""
    assert [p.size for p in proposals] == [12, 12, 8, 8]
    assert sum(p.share for p in proposals) == pytest.approx(1.0)
    expected = {
        ("price", "fi"): "hinta",
        ("price", "en"): "price",
        ("app", "fi"): "sovellus",
        ("app", "en"): "app",
    }
    found = {}
    for proposal in proposals:
        ids = {e["source_id"] for e in proposal.examples}
        topics = {i.split("-")[0] for i in ids}
        language = "fi" if proposal.size == 12 else "en"
        # one topic, none tagged; examples are different texts (three Finnish, two English ones exist)
        assert len(topics) == 1 and len(ids) == (3 if language == "fi" else 2)
        found[(topics.pop(), language)] = proposal.top_terms
    assert found.keys() == expected.keys()
    for key, term in expected.items():
        assert term in found[key][:3], (key, found[key])
    assert not {"the", "ja", "olla"} & {t for p in proposals for t in p.top_terms}  # function words dropped


def test_clusters_are_deterministic_with_a_seed(proposals):
    for order in (1, 2):  # the rows' order in the table does not matter
        con = comments_db(seed=order)
        try:
            assert propose_themes(con, n_clusters=4, seed=3) == proposals
        finally:
            con.close()


def test_a_proposal_is_a_theme_the_map_accepts(proposals):
    doc = demo_raw()
    doc["themes"] = [p.theme_entry() for p in proposals]
    themes = parse_journey_map(doc, "proposals").themes
    assert [t.id for t in themes] == ["proposed_1", "proposed_2", "proposed_3", "proposed_4"]
    assert all(len(t.terms) == 3 for t in themes)


def test_too_few_untagged_comments_propose_nothing():
    con = duckdb.connect()
    add_comments(con, [("R1", "C1", "fi", "Hinta liian korkea")])
    build(con, map_with_themes(THEMES))
    assert propose_themes(con) == []
    con.close()
