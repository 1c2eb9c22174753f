"""Words and lemmas of free text (pipelines/lemmas.py) and the syntax of theme terms."""

import duckdb
import pytest

from pipelines.demo_text import build_variants
from pipelines.lemmas import (
    MAX_WORD_LENGTH,
    TOKEN_PATTERN_SQL,
    language_key,
    language_key_sql,
    lemmas_of,
    lemmatize,
    tokenize,
)
from pipelines.theme_terms import TermError, TermWord, parse_term

HOSTILE = [
    "Toimitus myöhästyi 2 PÄIVÄÄ, pick-up -piste ÅÄÖ é naïve x--y -a- 3rd ½ ² Ⅻ",
    "İstanbul ΣΟΦΊΑ straße foo_bar l’été don't 10kpl 5e e5 ---",
    "tab\there\nnew line; [email] ja [phone] / <b>html</b> `code` *kuljetus*",
    "ÆØÅ æøå ÿ Ğğ ŁŃ 中文 عربى emoji 😀 here",
    "",
    "1234 567",
]


def sql_tokens(texts: list[str]) -> list[list[str]]:
    con = duckdb.connect()
    try:
        return [
            con.execute("select regexp_extract_all(lower(?), ?)", [t, TOKEN_PATTERN_SQL]).fetchall()[0][0]
            for t in texts
        ]
    finally:
        con.close()


def test_words_are_letters_joined_by_hyphens_lowercased_numbers_dropped():
    assert tokenize("Toimitus myöhästyi 2 PÄIVÄÄ, pick-up -piste!") == [
        "toimitus",
        "myöhästyi",
        "päivää",
        "pick-up",
        "piste",
    ]
    assert tokenize("x--y 3rd ½ foo_bar don't") == ["x", "y", "rd", "foo", "bar", "don", "t"]
    assert tokenize(None) == [] and tokenize("12 345,6") == []


def test_python_and_sql_split_texts_alike():
    texts = HOSTILE + build_variants()[0]
    assert [tokenize(t) for t in texts] == sql_tokens(texts)


def test_language_keys_agree_between_python_and_sql():
    values = ["fi", "en", " FI ", "En", "sv", "", None, "fi-FI", "english"]
    con = duckdb.connect()
    try:
        sql = [con.execute(f"select {language_key_sql('?')}", [v]).fetchall()[0][0] for v in values]
    finally:
        con.close()
    assert sql == [language_key(v) for v in values] == ["fi", "en", "fi", "en"] + ["fi+en"] * 5


def test_finnish_inflections_meet_one_lemma():
    for word in ("toimitus", "toimituksen", "toimitukset", "toimituksesta"):
        assert lemmatize(word, "fi") == "toimitus"
    assert lemmatize("laskussa", "fi") == lemmatize("laskun", "fi") == "lasku"
    assert lemmatize("kotiinkuljetuksen", "fi") == "kotiinkuljetus"  # a compound keeps its head last


def test_english_inflections_and_unknown_language():
    assert lemmatize("deliveries", "en") == "delivery"
    assert lemmatize("invoiced", "en") == "invoice"
    # language unknown: Finnish first, then English
    assert lemmatize("toimituksen", "fi+en") == "toimitus" and lemmatize("deliveries", "fi+en") == "delivery"
    assert lemmas_of("Toimitukset myöhästyivät", "FI") == ["toimitus", "myöhästyä"]


def test_a_word_too_long_to_be_one_is_its_own_lemma_and_keys_are_checked():
    long_word = "a" * (MAX_WORD_LENGTH + 1)
    assert lemmatize(long_word, "fi") == long_word
    with pytest.raises(ValueError, match="unknown language key"):
        lemmatize("lasku", "sv")


def test_terms_are_words_phrases_and_wildcards():
    assert parse_term("toimituksen") == (TermWord("exact", "toimituksen"),)
    assert parse_term("Missä tilaukseni on?") == tuple(
        TermWord("exact", w) for w in ("missä", "tilaukseni", "on")
    )
    assert parse_term("*Kuljetus") == (TermWord("suffix", "kuljetus"),)
    assert parse_term("lasku* väärin") == (TermWord("prefix", "lasku"), TermWord("exact", "väärin"))


@pytest.mark.parametrize(
    ("term", "message"),
    [
        ("", "has no words"),
        ("?! 123", "has no words"),
        ("*", "'*' may stand once"),
        ("**kuljetus", "'*' may stand once"),
        ("*kuljetus*", "'*' may stand once"),
        ("kul*jetus", "'*' may stand once"),
        ("*pick_up", "letters (and hyphens) only"),
        ("a b c d e f g h i", "more than 8 words"),
        (5, "is not a text"),
    ],
)
def test_bad_terms_say_why(term, message):
    with pytest.raises(TermError, match=message.replace("(", r"\(").replace(")", r"\)").replace("*", r"\*")):
        parse_term(term)
