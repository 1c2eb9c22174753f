"""Small presentation helpers shared by the pages: house style and page headers."""

from __future__ import annotations

import streamlit as st

_CSS = """
<style>
  /* a product, not a notebook: no deploy button, less empty space above the title */
  [data-testid="stAppDeployButton"] { display: none; }
  [data-testid="stMainBlockContainer"] { padding-top: 4.25rem; }
  .cx-overline { color: #6b7280; font-size: 0.8rem; letter-spacing: 0.06em;
                 text-transform: uppercase; margin-bottom: -0.6rem; }
</style>
"""


def apply_style() -> None:
    st.html(_CSS)


def page_header(title: str, overline: str | None = None) -> None:
    """An uppercase overline (e.g. the company) above the page title."""
    if overline:
        st.html(f'<div class="cx-overline">{_escape(overline)}</div>')
    st.title(title, anchor=False)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")
