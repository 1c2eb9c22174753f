"""The start every insight page shares: header, filters in effect, settings, and a scope line."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard import data, filters, i18n, ui
from dashboard.i18n import t
from dashboard.plain_text import escape_html, escape_markdown_lines
from pipelines.journey_map import JourneyMapError


@dataclass(frozen=True)
class PageContext:
    options: dict[str, Any]  # data.filter_options()
    filters: filters.Filters
    settings: dict[str, Any]  # data.settings(): min_n, alpha, ...

    @property
    def min_n(self) -> int:
        return int(self.settings["min_n"])

    @property
    def alpha(self) -> float:
        return float(self.settings["alpha"])


def start(title_key: str, no_data_key: str = "no_scores") -> PageContext | None:
    """Draw the page header; None (with a message shown) when there is no data or the journey
    map cannot be used."""
    options = data.filter_options()
    header(t(title_key))
    f = filters.current()
    if not options["months"] or f.start is None or f.end is None:
        st.info(t(no_data_key), icon=":material/info:")
        return None
    try:
        cfg = data.settings()
    except JourneyMapError as exc:
        st.error(t("journey_map_error", error=escape_markdown_lines(exc)), icon=":material/error:")
        return None
    return PageContext(options, f, cfg)


# "Pohjolan Kotitavara Oy (demo online retailer)": a trailing parenthesis that says demo
_DEMO_NOTE = re.compile(r"\s*\(([^()]*\bdemo\b[^()]*)\)\s*$", re.IGNORECASE)
DEMO_BADGE_STYLE = (
    "text-transform: none; letter-spacing: normal; font-size: 0.72rem; font-weight: 600; "
    "color: #1e3a8a; background: #e0e7ff; border-radius: 0.6rem; padding: 0.05rem 0.5rem; "
    "margin-left: 0.5rem; vertical-align: 0.05rem; white-space: nowrap;"
)


def company_parts(company: str | None) -> tuple[str, bool]:
    """The company's name without a trailing '(demo ...)' note, and whether the note was there."""
    name = (company or "").strip()
    found = _DEMO_NOTE.search(name)
    if found is None:
        return name, False
    return name[: found.start()].strip(), True


def company_overline_html(company: str | None) -> str:
    """The overline above a page title: the company (upper case by CSS) and, for the demo
    company, a separate "Demo data" badge in the page's language. Escaped; '' without a name."""
    name, demo = company_parts(company)
    if not name and not demo:
        return ""
    label = escape_html(t("company_demo_badge"))
    badge = f'<span class="cx-demo-badge" style="{DEMO_BADGE_STYLE}">{label}</span>'
    return f'<div class="cx-overline">{escape_html(name)}{badge if demo else ""}</div>'


def header(title: str) -> None:
    """The page title under the company line (see company_overline_html)."""
    overline = company_overline_html(data.company_name())
    if overline:
        st.html(overline)
    ui.page_header(title)


def _named(values: tuple[str, ...], label, all_key: str) -> str:
    return ", ".join(label(v) for v in values) if values else t(all_key)


def scope_parts(
    ctx: PageContext, *, channels: bool = False, stages: bool = False, owners: bool = False
) -> list[str]:
    """'Jun 2026 – Nov 2026', then the segment (and optionally channel, stage, owner) filters."""
    f = ctx.filters
    assert f.start is not None and f.end is not None
    stage_names, owner_names = ctx.options.get("stage_names", {}), ctx.options.get("owner_names", {})
    parts = [
        i18n.fmt_month_range(f.start, f.end),
        _named(f.segments, i18n.segment_label, "filter_all_segments"),
    ]
    if channels:
        parts.append(_named(f.channels, i18n.channel_label, "filter_all_channels"))
    if stages:
        parts.append(_named(f.stages, lambda s: filters.localized_name(stage_names, s), "filter_all_stages"))
    if owners:
        parts.append(_named(f.owners, lambda o: filters.localized_name(owner_names, o), "filter_all_owners"))
    return parts
