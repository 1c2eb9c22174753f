"""The dashboard's pages, listed once. app.py turns them into st.Page objects.

Each page is a module dashboard/views/<view>.py whose ``render()`` draws it (importing it draws
nothing); its texts live in dashboard/text/<view>.py and its queries in dashboard/data_<view>.py.
A page needs a permission (core/access.py): pages the signed-in role lacks are left out of the
navigation (and refuse on their own as well). Keep this module free of Streamlit calls at import
so tests can read it.
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass
from typing import Any

from core.access import Actor, Permission


@dataclass(frozen=True)
class PageSpec:
    view: str  # module name in dashboard/views/
    title_key: str  # i18n key of the page title
    icon: str  # material icon
    url_path: str  # stable URL path, independent of the language
    permission: Permission = Permission.BROWSE
    reads_marts: bool = True  # with Parquet marts that cannot be served, says why instead
    read_only_view: str | None = None  # module drawn instead when the deployment is read-only

    def render(self) -> None:
        """Draw the page (the callable st.Page runs); with Parquet marts (CX_MARTS), the page's
        read-only stand-in, or why the marts cannot be shown (dashboard/marts_ui.py)."""
        from dashboard import marts_ui

        if self.reads_marts and marts_ui.refuse_page(self.title_key):
            return
        if self.read_only_view and marts_ui.read_only():
            importlib.import_module(f"dashboard.{self.read_only_view}").render()
            return
        importlib.import_module(f"dashboard.views.{self.view}").render()


SECTIONS: list[tuple[str, list[PageSpec]]] = [
    (
        "nav_section_insight",
        [
            PageSpec("overview", "nav_overview", ":material/dashboard:", "overview"),
            PageSpec("journey", "nav_journey", ":material/route:", "journey"),
            PageSpec("feedback", "nav_feedback", ":material/forum:", "feedback"),
            PageSpec("functions", "nav_functions", ":material/groups:", "functions"),
            PageSpec("contacts", "nav_contacts", ":material/support_agent:", "contacts"),
            PageSpec("customer", "nav_customer", ":material/person_search:", "customer"),
            PageSpec("review", "nav_review", ":material/event_note:", "review"),
        ],
    ),
    (
        "nav_section_admin",
        [
            PageSpec(
                "upload",
                "nav_upload",
                ":material/upload_file:",
                "upload",
                Permission.IMPORT,
                reads_marts=False,
                read_only_view="upload.read_only",
            ),
            PageSpec(
                "journey_map_editor",
                "nav_journey_map",
                ":material/account_tree:",
                "journey-map",
                Permission.EDIT_JOURNEY_MAP,
                read_only_view="journey_map_editor.read_only",
            ),
            PageSpec(
                "admin",
                "nav_admin",
                ":material/admin_panel_settings:",
                "admin",
                Permission.MANAGE_USERS,
                reads_marts=False,
            ),
        ],
    ),
]


def all_pages() -> list[PageSpec]:
    return [page for _, pages in SECTIONS for page in pages]


def spec(url_path: str) -> PageSpec:
    """The page with this URL path."""
    return next(p for p in all_pages() if p.url_path == url_path)


def sections_for(actor: Actor) -> list[tuple[str, list[PageSpec]]]:
    """The sections with only the pages `actor` may use (empty sections left out)."""
    out = []
    for section, pages in SECTIONS:
        mine = [p for p in pages if actor.can(p.permission)]
        if mine:
            out.append((section, mine))
    return out


def streamlit_page(page: PageSpec | str) -> Any:
    """The st.Page of a page (or of a URL path): for st.navigation, st.page_link and st.switch_page.

    No listed page is the default one: Streamlit serves the default page at the root URL only
    and answers its own url_path with "Page not found", so /overview would not open. The root
    URL is a hidden page of its own (root_page) that opens the first page the user may see."""
    import streamlit as st

    from dashboard.i18n import t

    page = spec(page) if isinstance(page, str) else page
    return st.Page(page.render, title=t(page.title_key), icon=page.icon, url_path=page.url_path)


ROOT_URL_PATH = "start"  # reserved by the hidden root page; the page itself is served at "/"


def root_page(first: PageSpec) -> Any:
    """The hidden default page at the app's root URL: it opens `first` (the Overview for every
    role that may browse) with the URL's query parameters, so "/" and "/overview" show the same
    page and the page list marks it."""
    import streamlit as st

    from dashboard.i18n import t

    def open_first() -> None:
        params = {key: st.query_params.get_all(key) for key in st.query_params}
        st.switch_page(streamlit_page(first), query_params=params)

    return st.Page(
        open_first,
        title=t(first.title_key),
        icon=first.icon,
        url_path=ROOT_URL_PATH,
        default=True,
        visibility="hidden",
    )
