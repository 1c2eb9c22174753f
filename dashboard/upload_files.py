"""Shared pieces of the Upload page: keep an uploaded file on disk, who is importing, session memo,
the refresh after an import or rollback."""
from __future__ import annotations

import hashlib
import tempfile
from pathlib import Path
from typing import Any, Callable

import streamlit as st

from dashboard import data
from dashboard.i18n import t
from dashboard.mapping_roles import plain
from pipelines.identity import login_name
from pipelines.incremental import refresh_changed
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


def current_user() -> str:
    """The logged-in user's e-mail (st.login), else the operating-system user."""
    try:
        if st.user.is_logged_in:
            return str(st.user.get("email") or st.user.get("name"))
    except Exception:  # noqa: BLE001 - no authentication configured
        pass
    return login_name()


def session_memo(name: str, key: tuple, compute: Callable[[], Any]) -> Any:
    """Keep the latest result of ``compute()`` for ``key`` in this session (large tables are not
    copied between reruns, unlike st.cache_data)."""
    memo = st.session_state.setdefault(f"_upl_memo_{name}", {})
    if memo.get("key") != key:
        memo.clear()
        memo["value"], memo["key"] = compute(), key
    return memo["value"]


RESULT_KEY = "upl_last_result"    # message shown after a rerun: (kind, text)


def refresh_models(bar: Any, start: float) -> bool:
    """Rebuild the models so every page shows the new data; False (with a message) on failure."""
    bar.progress(start, text=t("upload_progress_refresh"))
    try:
        refresh_changed(data.cursor())
    except RefreshError as exc:
        st.error(t("upload_refresh_failed", error=plain(exc)))
        return False
    bar.progress(1.0, text=t("upload_progress_done"))
    return True
