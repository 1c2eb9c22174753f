"""The dashboard's pages, listed once. app.py turns them into st.Page objects.

Each page is a file in dashboard/views/ (paths are relative to dashboard/app.py). Add the
coming pages here: Journey, Functions, Contacts, Customer (insight); Upload, Journey map
(data & settings). Keep this module free of Streamlit calls so tests can read it.
"""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PageSpec:
    file: str        # relative to dashboard/app.py
    title_key: str   # i18n key of the page title
    icon: str        # material icon
    url_path: str    # stable URL path, independent of the language


SECTIONS: list[tuple[str, list[PageSpec]]] = [
    ("nav_section_insight", [
        PageSpec("views/overview.py", "nav_overview", ":material/dashboard:", "overview"),
    ]),
]


def all_pages() -> list[PageSpec]:
    return [page for _, pages in SECTIONS for page in pages]
