"""Text from files (file, sheet and column names, cell values, messages quoting them) shown as
written where Streamlit renders Markdown: st.markdown, st.info/warning/error/success, st.caption,
st.toast, st.write of a string, and the labels and help of widgets, tabs, expanders and metrics.

Everywhere else (st.text, st.code, st.dataframe cells, selectbox options) text is never Markdown
and needs nothing. The rule: a file-derived value goes into a Markdown-rendering call only through
`escape_markdown` (dashboard.mapping_roles.plain is the same function), and into st.html (the print
copy of a table, dashboard.print_table) only through `escape_html`.
"""

from __future__ import annotations

import html
import re

from core.printable import printable

_INLINE = re.compile(r"([\\`*_{}\[\]<>|~$&])")  # can start Markdown anywhere in a line
_LINE_START = re.compile(r"^(\s*)([-+#=>!])|^(\s*\d{1,9})([.)])(?=\s|$)")  # - + # = > ! 1. 1)
_SHORTCODE = re.compile(r":(?=[\w+/-]+:)")  # :smile: and :material/home: render as icons
ZERO_WIDTH_SPACE = "\u200b"


def escape_markdown(value: object) -> str:
    r"""The text on one line, shown literally by Streamlit's Markdown.

    Control characters become visible escapes (a newline shows as \n, see core.printable), so
    the value is always one line. Then every character that can start Markdown is
    backslash-escaped where it can: \ ` * _ { } [ ] < > | ~ $ & anywhere; # + - = > ! and "1." /
    "1)" at the start (list, heading, quote, rule markers only count there, and the value may be
    placed at the start of a line). ( ) . ! elsewhere are left as written: with [ and ] escaped
    they cannot form a link or image, so an id like C-1.2 stays readable in the source.
    :shortcode: emoji/icons are broken with a zero-width space. `![t](http://host/x.png)` shows as
    those characters and no image is fetched."""
    text = printable(value, backslash=False)
    text = _INLINE.sub(r"\\\1", text)
    text = _LINE_START.sub(
        lambda m: (m.group(1) or m.group(3) or "") + "\\" + (m.group(2) or m.group(4)), text
    )
    return _SHORTCODE.sub(":" + ZERO_WIDTH_SPACE, text)


def escape_markdown_lines(value: object) -> str:
    """A message of several lines (every problem of a mapping file) with each line escaped as
    `escape_markdown` does, kept on its own line (Markdown hard breaks)."""
    lines = ("" if value is None else str(value)).splitlines() or [""]
    return "  \n".join(escape_markdown(line) for line in lines)


def escape_html(value: object) -> str:
    """The text on one line (see core.printable) with & < > " ' as HTML entities: shown as written
    inside st.html, never as markup."""
    return html.escape(printable(value, backslash=False), quote=True)
