"""The review meeting's pack: `python -m pipelines report pack` and the Review page's download.

build_pack gathers it from the marts (pipelines.friction, mart_scores, mart_function_monthly,
mart_stage_responses) and the action register; render_xlsx / render_html / html_to_pdf lay it out.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Literal

from core.lazy import lazy_exports
from pipelines.report_pack.model import Pack
from pipelines.report_pack.pdf import PdfUnavailableError, chromium_path, html_to_pdf

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.report_pack.build import PackError, build_pack, default_period, pack_cover, parse_period
    from pipelines.report_pack.html import render_html
    from pipelines.report_pack.xlsx import render_xlsx

# imported on first use (PEP 562): build needs pandas, html plotly and xlsx openpyxl, which
# `python -m pipelines --help` and the commands that write no pack should not pay for
_LAZY = {
    "PackError": "build",
    "build_pack": "build",
    "default_period": "build",
    "pack_cover": "build",
    "parse_period": "build",
    "render_html": "html",
    "render_xlsx": "xlsx",
}

__getattr__ = lazy_exports(__name__, _LAZY)


PackFormat = Literal["xlsx", "html", "pdf"]
FORMATS: tuple[PackFormat, ...] = ("xlsx", "html", "pdf")
MIME_TYPES = {
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "html": "text/html",
    "pdf": "application/pdf",
}


def render(pack: Pack, fmt: PackFormat) -> bytes:
    """The pack's file in one format."""
    if fmt == "xlsx":
        from pipelines.report_pack.xlsx import render_xlsx  # openpyxl

        return render_xlsx(pack)
    if fmt == "html":
        from pipelines.report_pack.html import render_html  # plotly

        return render_html(pack).encode("utf-8")
    if fmt == "pdf":
        from pipelines.report_pack.html import render_html

        return html_to_pdf(render_html(pack))
    from pipelines.report_pack.build import PackError

    raise PackError(f"unknown format {fmt!r}; expected one of {', '.join(FORMATS)}")


def write_pack(pack: Pack, fmt: PackFormat, out: Path) -> int:
    """Write the file (created or replaced whole); its size in bytes."""
    data = render(pack, fmt)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_name(out.name + ".part")
    tmp.write_bytes(data)
    tmp.replace(out)
    return len(data)


__all__ = [
    "FORMATS",
    "MIME_TYPES",
    "Pack",
    "PackError",
    "PackFormat",
    "PdfUnavailableError",
    "build_pack",
    "chromium_path",
    "default_period",
    "html_to_pdf",
    "pack_cover",
    "parse_period",
    "render",
    "render_html",
    "render_xlsx",
    "write_pack",
]
