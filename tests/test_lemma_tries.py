"""simplemma's dictionaries as tries cached on disk (pipelines/lemmas._lemmatizer,
pipelines/lemma_tries.py): the same lemmas as simplemma's own dictionaries, a second process opens
the saved trie without building it, the file appears whole, and a folder that cannot be written
falls back to simplemma's in-memory dictionaries."""

from __future__ import annotations

import pytest
import simplemma

from pipelines import lemmas
from pipelines.demo_notes import note_texts
from pipelines.demo_text import build_variants
from pipelines.lemma_tries import AtomicTrieFactory
from pipelines.lemmas import LANGUAGE_KEYS, SIMPLEMMA_LANGUAGES, lemmatize, tokenize

EXTRA = "toimituksen kotiinkuljetukset laadusta laskutusosoitteen zyxvuorokautta plonkish deliveries"


def factory():
    """The dictionary factory of the lemmatizer in use (simplemma's private attributes)."""
    return lemmas._lemmatizer()._lemmatization_strategy._dictionary_lookup._dictionary_factory


@pytest.fixture()
def fresh_cache(tmp_path, monkeypatch):
    """A cache folder of this test's own, and no lemmatizer built yet in this process."""
    monkeypatch.setenv("CX_CACHE_DIR", str(tmp_path / "cache"))
    lemmas._lemmatizer.cache_clear()
    yield tmp_path / "cache"
    lemmas._lemmatizer.cache_clear()


def test_the_tries_give_simplemmas_own_lemmas(fresh_cache):
    words = sorted({w for text in build_variants()[0] + note_texts() + [EXTRA] for w in tokenize(text)})
    assert len(words) > 300
    for key in LANGUAGE_KEYS:
        expected = [simplemma.lemmatize(w, SIMPLEMMA_LANGUAGES[key]).lower() for w in words]
        assert [lemmatize(w, key) for w in words] == expected, key
    assert isinstance(factory(), AtomicTrieFactory)


def test_a_second_process_opens_the_saved_trie_without_building_it(fresh_cache, monkeypatch):
    assert lemmatize("toimituksen", "fi") == "toimitus"  # builds and saves fi
    saved = sorted(p.name for p in lemmas.cache_dir().iterdir())
    assert saved == ["fi.dic"]  # whole files only: no temporary file left behind
    lemmas._lemmatizer.cache_clear()

    def no_build(self, lang):
        raise AssertionError(f"built {lang} again")

    monkeypatch.setattr(AtomicTrieFactory, "_build_trie", no_build)
    assert lemmatize("laskutusosoitteen", "fi") == "laskutusosoite"


def test_a_folder_that_cannot_be_written_falls_back_to_simplemmas_dictionaries(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder", encoding="utf-8")
    monkeypatch.setenv("CX_CACHE_DIR", str(blocker))
    lemmas._lemmatizer.cache_clear()
    try:
        assert lemmatize("toimituksen", "fi") == "toimitus"
        assert not isinstance(factory(), AtomicTrieFactory)
    finally:
        lemmas._lemmatizer.cache_clear()
