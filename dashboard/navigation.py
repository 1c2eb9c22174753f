"""The dashboard's pages, listed once. app.py turns them into st.Page objects.

Each page is a file in dashboard/views/ (paths are relative to dashboard/app.py); its texts
live in dashboard/text/<page>.py. A page needs a permission (core/access.py): pages the
signed-in role lacks are left out of the navigation (and refuse on their own as well). Keep this
module free of Streamlit calls so tests can read it.
"""
from __future__ import annotations

from dataclasses import dataclass

from core.access import Actor, Permission


@dataclass(frozen=True)
class PageSpec:
    file: str        # relative to dashboard/app.py
    title_key: str   # i18n key of the page title
    icon: str        # material icon
    url_path: str    # stable URL path, independent of the language
    permission: Permission = Permission.BROWSE


SECTIONS: list[tuple[str, list[PageSpec]]] = [
    ("nav_section_insight", [
        PageSpec("views/overview.py", "nav_overview", ":material/dashboard:", "overview"),
        PageSpec("views/journey.py", "nav_journey", ":material/route:", "journey"),
        PageSpec("views/functions.py", "nav_functions", ":material/groups:", "functions"),
        PageSpec("views/contacts.py", "nav_contacts", ":material/support_agent:", "contacts"),
        PageSpec("views/customer.py", "nav_customer", ":material/person_search:", "customer"),
    ]),
    ("nav_section_admin", [
        PageSpec("views/upload.py", "nav_upload", ":material/upload_file:", "upload",
                 Permission.IMPORT),
        PageSpec("views/journey_map_editor.py", "nav_journey_map", ":material/account_tree:",
                 "journey-map", Permission.EDIT_JOURNEY_MAP),
        PageSpec("views/admin.py", "nav_admin", ":material/admin_panel_settings:", "admin",
                 Permission.MANAGE_USERS),
    ]),
]


def all_pages() -> list[PageSpec]:
    return [page for _, pages in SECTIONS for page in pages]


def sections_for(actor: Actor) -> list[tuple[str, list[PageSpec]]]:
    """The sections with only the pages `actor` may use (empty sections left out)."""
    out = []
    for section, pages in SECTIONS:
        mine = [p for p in pages if actor.can(p.permission)]
        if mine:
            out.append((section, mine))
    return out
