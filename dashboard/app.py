"""Streamlit entry point: page config, the shared sidebar and the page router.

Run with ``streamlit run dashboard/app.py``. Pages live in ``dashboard/views/`` (one file
per page) and are listed once, in dashboard/navigation.py.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:  # `streamlit run` puts only dashboard/ on the path
    sys.path.insert(0, str(ROOT))

import streamlit as st  # noqa: E402

from dashboard import auth, data, filters, shell, ui  # noqa: E402
from dashboard.i18n import t  # noqa: E402
from dashboard.navigation import all_pages, sections_for  # noqa: E402

filters.init_language()
st.set_page_config(page_title=t("app_name"), page_icon=":material/insights:", layout="wide",
                   initial_sidebar_state="expanded")
ui.apply_style()
shell.apply_upload_limit()
auth.refuse_unsafe_serving()  # mode none on a network address: nothing, not even the demo seed

shell.prepare_database()
actor = auth.gate()  # the sign-in page (and st.stop) unless someone is signed in
auth.sidebar(actor)  # who is signed in, sign-out: first in the sidebar, under the page list
with data.snapshot():  # every query of this run reads one state of the database (data.py)
    current_filters = shell.render_sidebar()

    default_page = all_pages()[0]
    router = st.navigation({
        t(section): [st.Page(p.file, title=t(p.title_key), icon=p.icon, url_path=p.url_path,
                             default=p == default_page) for p in pages]
        for section, pages in sections_for(actor)
    })
    filters.sync_query_params(current_filters)
    shell.show_notices()
    shell.run_page(router)
