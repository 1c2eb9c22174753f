"""dashboard/html_table.py: what the browser is given to draw (given frame -> expected payload), and
that the component never turns a cell into HTML."""

from __future__ import annotations

import re

import pandas as pd
import streamlit as st
from streamlit.testing.v1 import AppTest

from dashboard import html_table
from tests import app_pages


def test_cells_are_texts_as_the_grid_showed_them_with_labels_order_and_hidden_columns():
    frame = pd.DataFrame(
        {"stage": ["delivery", "invoicing"], "n": [1234, 5], "share": [0.5, None], "secret": ["x", "y"]}
    )
    data = html_table.payload(
        frame,
        {"stage": st.column_config.TextColumn("Journey stage", help="Where"), "secret": None},
        column_order=["n", "stage", "share", "secret"],
    )
    assert [c["label"] for c in data["columns"]] == ["n", "Journey stage", "share"]
    assert data["rows"] == [["1234", "delivery", "0.5"], ["5", "invoicing", ""]]
    assert [c["help"] for c in data["columns"]] == [None, "Where", None]
    assert [c["numeric"] for c in data["columns"]] == [True, False, True]
    assert data["links"] is None and data["tones"] is None and data["more"] is None


def test_formatted_numbers_in_both_languages_are_right_aligned_and_words_are_not():
    frame = pd.DataFrame(
        {
            "fi": ["−31,2", "+4,0", "1 234 €", "–", "45 %"],
            "en": ["-31.2", "+4.0", "1,234", "€", "45%"],
            "mixed": ["12", "twelve", "3", "4", "5"],
            "date": ["2026-10-04", "2026-10-05", "", "", ""],
        }
    )
    numeric = {c["label"]: c["numeric"] for c in html_table.payload(frame)["columns"]}
    assert numeric == {"fi": True, "en": False, "mixed": False, "date": False}  # "€" alone is a word
    assert html_table.payload(frame.iloc[:3])["columns"][1]["numeric"] is True


def test_tones_links_and_a_long_table_scroll_and_stop_at_max_rows():
    frame = pd.DataFrame({"a": [str(i) for i in range(30)], "b": ["x"] * 30})
    data = html_table.payload(
        frame,
        links=[f"customer?customer=C{i}" if i % 2 else None for i in range(30)],
        tones={"b": ["good", "bad", "<script>"] * 10, "not a column": ["good"] * 30},
        row_tones=["flag", None, "evil"] * 10,
        max_rows=20,
    )
    assert len(data["rows"]) == 20 and data["more"] == "+ 10 …"
    assert data["links"][:3] == [None, "customer?customer=C1", None] and len(data["links"]) == 20
    assert [r[1] for r in data["tones"][:3]] == ["good", "bad", None]  # only known tones pass
    assert [r[0] for r in data["tones"][:3]] == [None, None, None]
    assert data["row_tones"][:3] == ["flag", None, None]
    assert data["max_height"] == html_table.DEFAULT_HEIGHT_PX  # > SCROLL_ROWS rows scroll in a box
    assert html_table.payload(frame.iloc[:5])["max_height"] is None
    assert html_table.payload(frame, height="content")["max_height"] is None
    assert html_table.payload(frame.iloc[:5], height=300)["max_height"] == 300


def test_an_unbroken_long_token_may_break_anywhere_and_index_is_shown_when_asked():
    frame = pd.DataFrame({"detail": ["x" * 30, "short words"]}, index=pd.Index(["r1", "r2"], name="row"))
    data = html_table.payload(frame, hide_index=False)
    assert [c["label"] for c in data["columns"]] == ["row", "detail"]
    assert [c["long"] for c in data["columns"]] == [False, True]
    assert [c["short"] for c in data["columns"]] == [True, False]  # 30 characters wrap

    def column(texts: list[str]) -> dict:
        return html_table.payload(pd.DataFrame({"c": texts}))["columns"][0]

    assert column(["a comment that goes on " * 4, "short"])["prose"]  # 48.5 characters on average
    assert not column(["a comment that goes on " * 3, "short"])["prose"]  # 37
    assert not column(["a comment that goes on " * 4, "short"])["short"]
    back = html_table.frame_of(data)
    assert list(back.columns) == ["row", "detail"] and back["detail"][1] == "short words"
    assert list(html_table.frame_of(html_table.payload(frame.iloc[:0])).columns) == ["detail"]


def test_the_component_sets_text_never_html():
    code = html_table.JS
    assert "textContent" in code
    assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(", code)
    assert ".cx-table" in html_table.CSS and "@media print" in html_table.CSS


def _app() -> None:
    import pandas as pd
    import streamlit as st

    from dashboard import html_table

    frame = pd.DataFrame({"comment": ["<img src=x onerror=alert(1)>", "**bold**"], "n": ["1", "2"]})
    clicked = html_table.show(frame, key="t", links=["customer?customer=C1", None])
    st.caption(f"clicked {clicked}")


def test_the_page_gets_the_cells_as_written_and_no_click_without_one():
    at = AppTest.from_function(_app).run()
    assert not at.exception
    (data,) = app_pages.html_table_payloads(at)
    assert data["key"] == "t" and data["rows"][0][0] == "<img src=x onerror=alert(1)>"
    assert data["lang"] == "en" and data["decimal"] == "."
    assert at.caption[0].value == "clicked None"
