"""The start every insight page shares: header, filters in effect, settings, and a scope line."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from dashboard import data, filters, i18n, ui
from dashboard.i18n import t
from dashboard.plain_text import escape_markdown_lines
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
    ui.page_header(t(title_key), overline=data.company_name())
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
