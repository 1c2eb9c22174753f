"""Shared pieces of the Upload page: keep an uploaded file on disk, who is importing (the signed-in
actor, never typed), session memo, the refresh after an import or rollback."""

from __future__ import annotations

import hashlib
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import streamlit as st

from core.access import Actor, Permission
from dashboard import auth, data, marts_ui
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from pipelines.refresh_gate import refresh_as
from pipelines.runner import RefreshError

UPLOAD_DIR = Path(tempfile.gettempdir()) / "cx_uploads"


def store_upload(uploaded: Any) -> tuple[Path, str]:
    """Save the uploaded bytes under their own name in a folder named by their hash."""
    content = uploaded.getvalue()
    digest = hashlib.sha256(content).hexdigest()
    folder = UPLOAD_DIR / digest[:16]
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(uploaded.name).name
    if not path.exists() or path.stat().st_size != len(content):
        path.write_bytes(content)
    return path, digest


def stop_if_read_only() -> None:
    """In a read-only deployment (Parquet marts, CX_MARTS) say so and stop: no import, rollback or
    refresh may run there (its Upload page is dashboard/upload/read_only.py, which offers none)."""
    if marts_ui.read_only():
        marts_ui.render_read_only_upload()
        st.stop()


def current_actor() -> Actor:
    """The signed-in actor; the page stops when its role may not import, or when this deployment
    is read-only."""
    stop_if_read_only()
    return auth.require_page(Permission.IMPORT)


def signed_in_caption() -> None:
    """'Imported as anna (editor)': who the import is recorded under."""
    who = current_actor()
    st.caption(t("upload_imported_as", name=plain(who.name), role=t(f"auth_role_{who.role}")))


def uploader_limit_mb() -> int:
    """The per-file limit shown and enforced by the file uploaders (CX_MAX_UPLOAD_MB)."""
    from dashboard.shell import upload_limit_mb

    return upload_limit_mb()


def session_memo(name: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """Keep the latest result of ``compute()`` for ``key`` in this session (large tables are not
    copied between reruns, unlike st.cache_data)."""
    memo = st.session_state.setdefault(f"_upl_memo_{name}", {})
    if memo.get("key") != key:
        memo.clear()
        memo["value"], memo["key"] = compute(), key
    return memo["value"]


def forget_memos(*names: str) -> None:
    """Drop this session's memoized results (e.g. a preview whose rows an import has consumed)."""
    for name in names:
        st.session_state.pop(f"_upl_memo_{name}", None)


RESULT_KEY = "upl_last_result"  # message shown after a rerun: (kind, text)


def refresh_models(bar: Any, start: float) -> bool:
    """Rebuild the models so every page shows the new data; False (with a message) on failure."""
    bar.progress(start, text=t("upload_progress_refresh"))
    try:
        refresh_as(data.cursor(), actor=current_actor(), background_checkpoint=True)
    except RefreshError as exc:
        st.error(t("upload_refresh_failed", error=plain(exc)))
        return False
    bar.progress(1.0, text=t("upload_progress_done"))
    return True
