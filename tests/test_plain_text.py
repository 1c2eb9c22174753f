"""Text from files never renders as Markdown (issue 11): dashboard.plain_text.escape_markdown, checked
by rendering with a CommonMark parser, and a workbook whose sheet is named like a tracking image
shown on the Upload page as those characters (AppTest), its row report download neutralised."""

from __future__ import annotations

import csv
import html
import io
import re
import zipfile

import openpyxl
import pytest
import streamlit
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from core.printable import printable
from dashboard.plain_text import ZERO_WIDTH_SPACE, escape_markdown, escape_markdown_lines

MD = MarkdownIt("commonmark").enable(["table", "strikethrough"])
TRACKER = "![t](http://host/x.png)"
MARKUP = re.compile(r"<(?!/?p>)(?!/?pre>)(?!/?code>)(?!br ?/?>)[a-z]", re.I)  # any other tag


def rendered_text(markdown: str) -> str:
    """What a reader sees: the HTML's text, tags removed, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", MD.render(markdown))).split())


@pytest.mark.parametrize(
    "text",
    [
        TRACKER,
        "[x](http://host)",
        "<http://host/x>",
        "<img src=http://host/x.png>",
        "**b** _i_ `c`",
        "# heading",
        "- item",
        "1. item",
        "> quote",
        "| a | b |\n|---|---|",
        "~~s~~",
        "$x^2$",
        "a\\*b",
        "&lt;img&gt;",
        "---",
        "=== ",
        "line\nbreak",
        "tab\there",
        "\x1b[31m",
        "\\",
        "x_y_z.csv",
    ],
)
def test_escaped_text_renders_as_itself(text):
    out = MD.render(escape_markdown(text))
    assert not MARKUP.search(out), out
    assert rendered_text(escape_markdown(text)) == " ".join(printable(text, backslash=False).split())


def test_streamlit_shortcodes_and_directives_are_broken():
    assert (
        escape_markdown(":material/home: :smile:")
        == f":{ZERO_WIDTH_SPACE}material/home: :{ZERO_WIDTH_SPACE}smile:"
    )
    assert escape_markdown(":red[alert]") == r":red\[alert\]"
    assert escape_markdown_lines("a.yaml: invalid\n  - *x*") == r"a.yaml: invalid  " "\n" r"  \- \*x\*"


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_any_text_renders_literally_and_without_markup(text):
    escaped = escape_markdown(text)
    assert "\n" not in escaped and not MARKUP.search(MD.render(escaped))
    shown = rendered_text(escaped).replace(ZERO_WIDTH_SPACE, "")
    assert shown == " ".join(printable(text, backslash=False).split())


# --- the Upload page --------------------------------------------------------------------------


def tracker_workbook() -> bytes:
    """A workbook whose one sheet is named `![t](http://host/x.png)` (Excel refuses the name, the
    XML does not), with formula-like answers that the row report must neutralise."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Data"
    for row in [["Response ID", "Date", "NPS"]] + [[f"R{i}", "2026-01-05", i % 11] for i in range(12)]:
        ws.append(row)
    for i, attack in enumerate(["+1+1", "-1+1", "@SUM(1)"]):
        ws.append([f"X{i}", "2026-01-05", attack])
    buffer = io.BytesIO()
    wb.save(buffer)
    source, out = zipfile.ZipFile(buffer), io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            data = source.read(item.filename)
            if item.filename == "xl/workbook.xml":
                data = data.replace(b'name="Data"', f'name="{html.escape(TRACKER)}"'.encode())
            target.writestr(item, data)
    return out.getvalue()


def test_a_sheet_named_like_an_image_shows_as_text_and_the_report_is_neutralised(writable_db, monkeypatch):
    from tests.test_upload_page import open_upload, release, upload

    downloads: list = []
    original = streamlit.download_button

    def capture(label, data, *args, **kwargs):
        downloads.append((kwargs.get("file_name"), data))
        return original(label, data, *args, **kwargs)

    monkeypatch.setattr(streamlit, "download_button", capture)
    at = upload(
        open_upload(),
        "tracker.xlsx",
        tracker_workbook(),
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    bodies = [m.value for m in at.markdown] + [c.value for c in at.caption]
    naming = [b for b in bodies if "host/x" in b]
    assert naming, bodies
    for body in naming:
        assert "<img" not in MD.render(body) and TRACKER in rendered_text(body)
    report = next(data for name, data in downloads if name == "tracker-report.csv")
    values = [row["value"] for row in csv.DictReader(io.StringIO(report))]
    assert values == ["'+1+1", "'-1+1", "'@SUM(1)"]
    release(at)
