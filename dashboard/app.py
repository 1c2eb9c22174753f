"""Streamlit entry point: page config, the shared frame (sign-in, sidebar) and the page router.

Run from the repository root with ``python -m streamlit run dashboard/app.py`` (``-m`` puts the
root on sys.path, so the ``dashboard`` package is found). Pages are listed once in
dashboard/navigation.py; each is drawn by render() in dashboard/views/<page>.py.
"""

from __future__ import annotations

import streamlit as st

from dashboard import auth, data, filters, shell, ui
from dashboard.i18n import t
from dashboard.navigation import root_page, sections_for, streamlit_page

filters.init_language()
st.set_page_config(
    page_title=t("app_name"), page_icon=":material/insights:", layout="wide", initial_sidebar_state="auto"
)
ui.apply_style()
shell.apply_upload_limit()
auth.refuse_unsafe_serving()  # mode none on a network address: nothing, not even the demo seed

shell.prepare_database()
actor = auth.gate()  # the sign-in page (and st.stop) unless someone is signed in
auth.sidebar(actor)  # who is signed in, sign-out: first in the sidebar, under the page list
with data.snapshot():  # every query of this run reads one state of the database (connection.py)
    current_filters = shell.render_sidebar()
    sections = sections_for(actor)
    # "/" is a hidden page that opens the first page (the Overview), which keeps its own /overview
    root = [root_page(sections[0][1][0])] if sections else []
    router = st.navigation(
        {
            t(section): (root if i == 0 else []) + [streamlit_page(p) for p in pages]
            for i, (section, pages) in enumerate(sections)
        }
    )
    filters.sync_query_params(current_filters)
    shell.show_notices()
    shell.run_page(router)
