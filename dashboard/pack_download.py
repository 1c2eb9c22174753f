"""The meeting pack as downloads (Excel, HTML, PDF when Chromium exists) for the Review page.

The pack's content is gathered once per scope, period, language and data version (a cached query);
each file is made when its button is clicked (a deferred download), and every download writes an
'export' audit entry.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

import duckdb
import streamlit as st

from dashboard import auth
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
    render,
)
from pipelines.report_pack.fmt import month_range
from pipelines.report_pack.text import Lang

ICONS = {"xlsx": ":material/table_view:", "html": ":material/web:", "pdf": ":material/picture_as_pdf:"}


@cached_query(max_entries=16)
def pack_data(
    cur: duckdb.DuckDBPyConnection, scope: str, start: date | None, end: date | None, lang: Lang
) -> Pack:
    """The pack's content for one scope, period (None: the latest six months) and language."""
    period = None if start is None or end is None else (start, end)
    return build_pack(cur, scope, period, lang)


def offered_formats() -> list[PackFormat]:
    """xlsx and html always; pdf only when Chromium can print it."""
    return [f for f in FORMATS if f != "pdf" or chromium_path() is not None]


def file_name(pack: Pack, fmt: PackFormat) -> str:
    return f"meeting-pack-{pack.scope}-{pack.start:%Y-%m}-{pack.end:%Y-%m}.{fmt}"


def _maker(pack: Pack, fmt: PackFormat) -> Callable[[], bytes]:
    return lambda: render(pack, fmt)


def render_pack_download(scope: str, period: tuple[date, date] | None, lang: Lang) -> None:
    """One download button per format for ``scope`` (a function id or 'all') and ``period`` (first
    days of the first and last month; None: the latest six months), the pack in ``lang``."""
    start, end = period or (None, None)
    try:
        pack = pack_data(scope, start, end, lang)
    except (PackError, duckdb.Error) as exc:
        st.warning(t("pack_error", error=str(exc)), icon=":material/warning:")
        return
    scope_text = t("pack_scope_all") if scope == "all" else pack.scope_name
    st.caption(t("pack_intro", scope=scope_text, period=month_range(pack.start, pack.end)))
    formats = offered_formats()
    for column, fmt in zip(st.columns(len(FORMATS)), formats):
        column.download_button(
            t(f"pack_download_{fmt}"),
            data=_maker(pack, fmt),
            file_name=file_name(pack, fmt),
            mime=MIME_TYPES[fmt],
            icon=ICONS[fmt],
            help=t(f"pack_help_{fmt}"),
            key=f"pack_download_{fmt}",
            width="stretch",
            on_click=auth.export_logger(
                "meeting pack",
                format=fmt,
                scope=scope,
                period=f"{pack.start:%Y-%m}..{pack.end:%Y-%m}",
                lang=lang,
            ),
        )
    if "pdf" not in formats:
        st.caption(t("pack_no_pdf"))
