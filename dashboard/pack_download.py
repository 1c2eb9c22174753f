"""The meeting pack as downloads (Excel, HTML, PDF when Chromium exists) for the Review page.

The page shows what the pack covers (a cached query of its scope and months); the pack itself is
gathered and its file made only when a button is clicked (a deferred download, on a thread of its
own with its own cursor: issue 15, gathering it on every render cost the Review page ~0.2 s at scale
L). Every download writes an 'export' audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import streamlit as st

from dashboard import auth, connection
from dashboard.cached_query import cached_query
from dashboard.i18n import t
from pipelines.report_pack import (
    FORMATS,
    MIME_TYPES,
    Pack,
    PackError,
    PackFormat,
    build_pack,
    chromium_path,
    pack_cover,
    render,
)
from pipelines.report_pack.fmt import month_range
from pipelines.report_pack.text import Lang

ICONS = {"xlsx": ":material/table_view:", "html": ":material/web:", "pdf": ":material/picture_as_pdf:"}


@cached_query(max_entries=16)
def pack_cover_of(
    cur: duckdb.DuckDBPyConnection, scope: str, start: date | None, end: date | None, lang: Lang
) -> tuple[str, date, date]:
    """The scope's name and the months a pack for this period (None: the latest six months) covers."""
    return pack_cover(cur, scope, _period(start, end), lang)


def _period(start: date | None, end: date | None) -> tuple[date, date] | None:
    return None if start is None or end is None else (start, end)


def offered_formats() -> list[PackFormat]:
    """xlsx and html always; pdf only when Chromium can print it."""
    return [f for f in FORMATS if f != "pdf" or chromium_path() is not None]


def file_name(scope: str, start: date, end: date, fmt: PackFormat) -> str:
    return f"meeting-pack-{scope}-{start:%Y-%m}-{end:%Y-%m}.{fmt}"


def pack_file_maker(
    con: duckdb.DuckDBPyConnection, scope: str, period: tuple[date, date], lang: Lang, fmt: PackFormat
) -> Callable[[], bytes]:
    """The file, made when called: the pack gathered on a cursor of its own (the call runs on
    Streamlit's download thread, not in the page's run)."""

    def make() -> bytes:
        cur = con.cursor()
        try:
            pack: Pack = build_pack(cur, scope, period, lang)
        finally:
            cur.close()
        return render(pack, fmt)

    return make


def render_pack_download(scope: str, period: tuple[date, date] | None, lang: Lang) -> None:
    """One download button per format for ``scope`` (a function id or 'all') and ``period`` (first
    days of the first and last month; None: the latest six months), the pack in ``lang``."""
    start, end = period or (None, None)
    try:
        scope_name, first, last = pack_cover_of(scope, start, end, lang)
    except (PackError, duckdb.Error) as exc:
        st.warning(t("pack_error", error=str(exc)), icon=":material/warning:")
        return
    scope_text = t("pack_scope_all") if scope == "all" else scope_name
    st.caption(t("pack_intro", scope=scope_text, period=month_range(first, last)))
    shared = connection.shared_connection()
    formats = offered_formats()
    for column, fmt in zip(st.columns(len(FORMATS)), formats):
        column.download_button(
            t(f"pack_download_{fmt}"),
            data=pack_file_maker(shared, scope, (first, last), lang, fmt),
            file_name=file_name(scope, first, last, fmt),
            mime=MIME_TYPES[fmt],
            icon=ICONS[fmt],
            help=t(f"pack_help_{fmt}"),
            key=f"pack_download_{fmt}",
            width="stretch",
            on_click=auth.export_logger(
                "meeting pack",
                format=fmt,
                scope=scope,
                period=f"{first:%Y-%m}..{last:%Y-%m}",
                lang=lang,
            ),
        )
    if "pdf" not in formats:
        st.caption(t("pack_no_pdf"))
