"""The meeting pack as an A4 PDF: headless Chromium prints the self-contained HTML, offline."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

CHROMIUM_ENV = "CX_CHROMIUM"  # path of the browser binary (default: chromium on PATH)
CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "chrome")
TIMEOUT_S = 120
RENDER_BUDGET_MS = 15000  # virtual time for plotly to draw before printing


class PdfUnavailableError(RuntimeError):
    """Chromium is not installed (or not where CX_CHROMIUM says), or it failed to print."""


def chromium_path() -> str | None:
    """The browser to print with, or None when there is none."""
    configured = os.environ.get(CHROMIUM_ENV)
    if configured:
        return configured if Path(configured).is_file() and os.access(configured, os.X_OK) else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def html_to_pdf(html: str) -> bytes:
    """Print the HTML to an A4 PDF (the page size comes from the HTML's @page rule). No network:
    the page is a local file, every host name resolves to nothing and no proxy is reachable."""
    browser = chromium_path()
    if browser is None:
        raise PdfUnavailableError(
            "PDF needs Chromium: install it (Debian/Ubuntu: apt-get install chromium) or set "
            f"{CHROMIUM_ENV} to the browser's path; the xlsx and html formats work without it"
        )
    with tempfile.TemporaryDirectory(prefix="cx-pack-") as work:
        page, out = Path(work) / "pack.html", Path(work) / "pack.pdf"
        page.write_text(html, encoding="utf-8")
        command = [
            browser,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-dev-shm-usage",
            "--disable-extensions",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-default-browser-check",
            "--mute-audio",
            "--host-resolver-rules=MAP * ~NOTFOUND",
            "--proxy-server=127.0.0.1:9",
            f"--user-data-dir={Path(work) / 'profile'}",
            "--run-all-compositor-stages-before-draw",
            f"--virtual-time-budget={RENDER_BUDGET_MS}",
            "--no-pdf-header-footer",
            f"--print-to-pdf={out}",
            page.as_uri(),
        ]
        try:
            done = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT_S, check=False)
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise PdfUnavailableError(f"Chromium could not print the pack: {exc}") from exc
        if not out.exists() or out.stat().st_size == 0:
            detail = (done.stderr or "").strip().splitlines()[-1:] or ["no output"]
            raise PdfUnavailableError(f"Chromium did not write the PDF (exit {done.returncode}): {detail[0]}")
        return out.read_bytes()
