"""Proposed new themes: the comments no theme rule tags, clustered by their lemmas (TF-IDF + k-means,
scikit-learn), each cluster with its top terms and the comments closest to its centre.

Deterministic: the comments are read in id order (a sample is the first `max_comments` by a hash of
the id) and k-means is seeded, so the same data and seed give the same proposals. A proposal's
`theme_entry()` is a journey-map theme with its top terms, to review and add to the map.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import duckdb

from core.db import table_exists

# function words (as lemmas) that say nothing about a topic; max_df drops the rest of the frequent ones
STOP_LEMMAS = frozenset(
    """ja ei olla se että mutta kun jo vain niin myös sitten nyt vielä aina jos tai kanssa kuin joka
    mikä minä sinä hän me te he tämä tuo siis vaan koska eli sekä ihan aivan todella kyllä en et
    the a an and be to of it i my me we you they he she for in on at by with from but not no so
    this that these those have do get very too as or if all there here than then just also""".split()
)
# each text source: its display text (table, key, column) and its lemma and theme models
TEXT_OF = {
    "response": ("stg_survey_responses", "response_id", "comment"),
    "contact": ("stg_contacts", "contact_id", "note"),
}
TEXT_MODELS = {
    "response": ("int_comment_lemmas", "int_comment_themes"),
    "contact": ("int_note_lemmas", "int_note_themes"),
}


@dataclass(frozen=True)
class Proposal:
    cluster: int  # 1 = the largest
    size: int  # untagged comments in the cluster (in the sample)
    share: float  # of the untagged comments clustered
    top_terms: list[str]  # lemmas or two-lemma phrases, strongest first
    examples: list[dict[str, Any]] = field(default_factory=list)  # {source, source_id, text}

    def theme_entry(self, n_terms: int = 3) -> dict[str, Any]:
        """A journey-map theme with this cluster's strongest terms (named after them: rename it)."""
        terms = self.top_terms[:n_terms]
        name = ", ".join(terms)
        return {"id": f"proposed_{self.cluster}", "name": {"en": name, "fi": name}, "terms": terms}


def untagged_comments(con: duckdb.DuckDBPyConnection, max_comments: int) -> list[tuple[str, str, str, str]]:
    """(source, source_id, lemmas joined by spaces, text) of the texts no theme tags, survey comments
    and contact notes, in id order; at most max_comments, chosen by a hash of the id (the same ones
    every time)."""
    parts = []
    for source, (lemmas, themes) in TEXT_MODELS.items():
        if not table_exists(con, lemmas):
            continue
        table, key, column = TEXT_OF[source]
        anti = f"and l.source_id not in (select source_id from {themes})" if table_exists(con, themes) else ""
        parts.append(
            f"select l.source, l.source_id, array_to_string(l.lemmas, ' ') as lemmas, t.{column} as text "
            f"from {lemmas} as l join {table} as t on t.{key} = l.source_id "
            f"where len(l.lemmas) > 0 {anti}"
        )
    if not parts:
        return []
    return con.execute(
        f"""
        select source, source_id, lemmas, text from (
            select * from ({" union all ".join(parts)})
            order by hash(source, source_id), source, source_id
            limit ?)
        order by source, source_id""",
        [max_comments],
    ).fetchall()


def terms_of(lemmas: str) -> list[str]:
    """A text's candidate terms: its lemmas, and its pairs of ADJACENT lemmas (a theme's phrase
    matches words in a row), stop lemmas left out of both."""
    words = lemmas.split()
    pairs = [f"{a} {b}" for a, b in zip(words, words[1:]) if a not in STOP_LEMMAS and b not in STOP_LEMMAS]
    return [w for w in words if w not in STOP_LEMMAS] + pairs


def propose_themes(
    con: duckdb.DuckDBPyConnection,
    n_clusters: int | None = None,
    seed: int = 16,
    max_comments: int = 20_000,
    n_terms: int = 8,
    n_examples: int = 3,
) -> list[Proposal]:
    """Clusters of the untagged comments, largest first (empty when there are fewer than 10)."""
    rows = untagged_comments(con, max_comments)
    if len(rows) < 10:
        return []
    from sklearn.cluster import KMeans  # lazily: scikit-learn costs ~1 s to import
    from sklearn.feature_extraction.text import TfidfVectorizer

    vectorizer = TfidfVectorizer(analyzer=terms_of, min_df=2, max_df=0.5, sublinear_tf=True)
    try:
        matrix = vectorizer.fit_transform([r[2] for r in rows])
    except ValueError:  # no term in two comments: nothing recurs
        return []
    k = n_clusters or max(2, min(12, len(rows) // 100))
    k = min(k, matrix.shape[0])
    model = KMeans(n_clusters=k, random_state=seed, n_init=10).fit(matrix)
    vocabulary = vectorizer.get_feature_names_out()
    similarity = matrix @ model.cluster_centers_.T  # rows are L2-normalised: cosine up to the centre's norm
    proposals = []
    for label in range(k):
        members = [i for i, c in enumerate(model.labels_) if c == label]
        if not members:
            continue
        centre = model.cluster_centers_[label]
        top = [vocabulary[j] for j in centre.argsort()[::-1][:n_terms] if centre[j] > 0]
        closest = sorted(members, key=lambda i: (-float(similarity[i, label]), rows[i][0], rows[i][1]))
        examples: list[dict[str, Any]] = []
        for i in closest:  # the closest distinct texts
            if len(examples) < n_examples and all(e["text"] != rows[i][3] for e in examples):
                examples.append({"source": rows[i][0], "source_id": rows[i][1], "text": rows[i][3]})
        proposals.append((len(members), top, examples))
    proposals.sort(key=lambda p: (-p[0], p[1]))
    return [
        Proposal(i + 1, size, size / len(rows), top, examples)
        for i, (size, top, examples) in enumerate(proposals)
    ]
