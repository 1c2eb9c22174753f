"""Vega-Lite charts in the house style: the one way a page draws a chart.

Why Vega-Lite and not Plotly: a new browser tab evaluates the chart library's bundle before it
can draw. Measured in Chromium on this project's machine (docs/benchmarks.md, "Why the charts
are Vega-Lite"): a bare Streamlit page settles in 0.5 s, with one Plotly chart in 1.3 s (Plotly's
4.7 MB bundle), with one Vega-Lite chart in 0.7 s; the real pages at scale L went from 2.2-2.4 s
to 1.5-1.6 s with their charts drawn by Vega-Lite.

A page builds a plain Vega-Lite spec (a dict: data inline as ``{"values": [...]}``) and shows it
with :func:`show`, which adds the language's number and date locale, the house font and colours,
and labels that are never cut (``labelLimit: 0``; wrap long labels yourself with a list of lines).
"""

from __future__ import annotations

from typing import Any, Literal

import streamlit as st

from dashboard import i18n

PRIMARY = "#1f5fa8"
TARGET = "#8a5a00"
GRID = "#e6e9ef"
AXIS = "#6b7280"
MUTED = "#9aa1ad"
TEXT = "#31333f"
# the font Streamlit's CSS draws chart text in: Vega measures labels with this name, so it must be
# the same font (a fallback narrower than the drawn one lets labels spill past the chart's edge)
FONT = '"Source Sans", sans-serif'


def number_locale(lang_code: i18n.LangCode | None = None) -> dict:
    """d3-format's locale: Finnish writes 1 234,5 (a non-breaking space between thousands)."""
    if (lang_code or i18n.lang()) == "fi":
        return {"decimal": ",", "thousands": "\u00a0", "grouping": [3], "currency": ["", "\u00a0€"]}
    return {"decimal": ".", "thousands": ",", "grouping": [3], "currency": ["€", ""]}


def time_locale(lang_code: i18n.LangCode | None = None) -> dict:
    """d3-time-format's locale with the month and day names of i18n (so they match our texts)."""
    code = lang_code or i18n.lang()
    fi = code == "fi"
    return {
        "dateTime": "%-d.%-m.%Y klo %H.%M.%S" if fi else "%a %b %e %X %Y",
        "date": "%-d.%-m.%Y" if fi else "%-d %b %Y",
        "time": "%H.%M.%S" if fi else "%H:%M:%S",
        "periods": ["ap.", "ip."] if fi else ["AM", "PM"],
        # d3 wants Sunday first; i18n lists Monday first
        "days": _sunday_first(i18n.day_names(short=False, lang_code=code)),
        "shortDays": _sunday_first(i18n.day_names(short=True, lang_code=code)),
        "months": i18n.month_names(short=False, lang_code=code),
        "shortMonths": i18n.month_names(short=True, lang_code=code),
    }


def _sunday_first(monday_first: list[str]) -> list[str]:
    return monday_first[-1:] + monday_first[:-1]


def config(lang_code: i18n.LangCode | None = None) -> dict:
    """The house ``config``: locale, font, grid and axis colours, labels never cut."""
    code = lang_code or i18n.lang()
    label = {"labelFont": FONT, "labelColor": AXIS, "labelFontSize": 12, "labelLimit": 0}
    title = {"titleFont": FONT, "titleColor": TEXT, "titleFontSize": 12, "titleFontWeight": "normal"}
    return {
        "locale": {"number": number_locale(code), "time": time_locale(code)},
        "font": FONT,
        "background": "transparent",
        "view": {"stroke": None},
        "axis": {
            **label,
            **title,
            "gridColor": GRID,
            "domainColor": GRID,
            "tickColor": GRID,
            "labelOverlap": True,
        },
        "legend": {**label, **title, "orient": "top", "symbolLimit": 0},
        "header": {"labelFont": FONT, "titleFont": FONT, "labelLimit": 0},
        "title": {"font": FONT, "fontSize": 14, "fontWeight": 600, "color": TEXT, "anchor": "start"},
        "text": {"font": FONT},
        "mark": {"tooltip": True},
    }


def with_config(spec: dict, lang_code: i18n.LangCode | None = None) -> dict:
    """``spec`` with the house config under its own (the spec's keys win)."""
    house = config(lang_code)
    own = spec.get("config", {})
    merged = {
        **house,
        **{k: ({**house[k], **v} if isinstance(house.get(k), dict) else v) for k, v in own.items()},
    }
    return {**spec, "config": merged}


def show(
    spec: dict,
    *,
    key: str,
    height: int | None = None,
    on_select: Literal["ignore", "rerun"] = "ignore",
    selection_mode: str | list[str] | None = None,
) -> Any:
    """Draw ``spec`` full width with the house config; returns Streamlit's selection event when
    ``on_select="rerun"`` (the spec then declares its selection ``params``), else None."""
    full = with_config({**spec, **({"height": height} if height is not None else {})})
    kwargs: dict[str, Any] = {"width": "stretch", "key": key}
    if on_select != "ignore":
        kwargs["on_select"] = on_select
        if selection_mode is not None:
            kwargs["selection_mode"] = selection_mode
    return st.vega_lite_chart(full, **kwargs)


def selected(event: Any, param: str) -> list[dict]:
    """The selected data rows of selection ``param`` in a st.vega_lite_chart event ([] if none)."""
    try:
        rows = event.selection[param]
    except (AttributeError, KeyError, TypeError):
        return []
    return [row for row in rows or [] if isinstance(row, dict)]
