"""The Upload page of a read-only deployment (marts from a Parquet folder, env CX_MARTS): no
uploader, no rollback; where data is loaded instead."""

from __future__ import annotations

from core.access import Permission
from dashboard import auth, marts_ui, ui
from dashboard.i18n import t


def render() -> None:
    """The Upload page when this deployment is read-only: it writes nothing."""
    auth.require_page(Permission.IMPORT)
    ui.page_header(t("upload_title"), t("upload_overline"))
    marts_ui.render_read_only_upload()
