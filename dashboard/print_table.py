"""The print copy of a table: a static HTML table with every row and every cell escaped.

Streamlit's st.dataframe is a canvas grid that prints only its visible viewport; `dashboard.ui.table`
draws the grid on screen and this copy, which only the print stylesheet shows. Cells are shown as
the grid shows them: the column_config's labels, hidden columns, a link's display text and a
printf-style number format apply; other numbers print as Python writes them (the pages format
their numbers as text before they draw a table). No Streamlit import.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any

import pandas as pd

from dashboard.plain_text import escape_html

MAX_PRINT_ROWS = 2000  # a longer table prints its first rows and says how many more there are
_LONG_TOKEN = re.compile(r"\S{25,}")


def _config(entry: Any) -> dict[str, Any]:
    """A column_config entry as a dict: a label string, None (hidden) or a st.column_config.* dict."""
    if entry is None:
        return {"hidden": True}
    if isinstance(entry, str):
        return {"label": entry}
    return dict(entry) if isinstance(entry, Mapping) else {}


def shown_columns(
    frame: pd.DataFrame,
    column_config: Mapping[Any, Any] | None,
    hide_index: bool,
    column_order: Sequence[Any] | None,
) -> tuple[pd.DataFrame, list[Any], dict[Any, dict[str, Any]]]:
    """What a table shows of ``frame`` as st.dataframe would: the frame (its index as a first
    column unless hidden), the shown column names in order (``column_order``, hidden columns
    left out) and each column's config as a dict."""
    configs = {name: _config(entry) for name, entry in (column_config or {}).items()}
    if not hide_index:
        frame = frame.reset_index()
    names = list(frame.columns) if column_order is None else [c for c in column_order if c in frame.columns]
    return frame, [c for c in names if not configs.get(c, {}).get("hidden")], configs


def _link_text(value: str, pattern: str | None) -> str:
    """What a LinkColumn shows: the regex's first group (or its whole match), else the URL."""
    if not pattern:
        return value
    found = re.search(pattern, value)
    if found is None:
        return value
    return found.group(1) if found.groups() else found.group(0)


def _number(value: float, number_format: str | None) -> str:
    if number_format and "%" in number_format:
        try:
            return number_format % value
        except (TypeError, ValueError):
            pass
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        return f"{value:.4f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{value:.0f}"
    return str(value)


def cell_text(value: Any, config: Mapping[str, Any] | None = None) -> str:
    """One cell as plain text, the way the on-screen grid shows it."""
    type_config = (config or {}).get("type_config") or {}
    if value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "✓" if value else "–"
    if isinstance(value, int | float) and not isinstance(value, bool):
        return _number(value, type_config.get("format"))
    if type_config.get("type") == "link" and isinstance(value, str):
        return _link_text(value, type_config.get("display_text"))
    if isinstance(value, pd.Timestamp):
        return str(value.tz_convert(None) if value.tzinfo else value)
    if isinstance(value, datetime | date):
        return value.isoformat(sep=" ") if isinstance(value, datetime) else value.isoformat()
    if hasattr(value, "item") and not isinstance(value, str):  # a numpy scalar
        return cell_text(value.item(), config)
    return str(value)


def _td(text: str) -> str:
    """One cell; a cell with a long unbroken token (a JSON detail, a URL) may break it anywhere, the
    others break between words only (so a short word is never split to make room)."""
    escaped = escape_html(text)
    return f'<td class="cx-long">{escaped}</td>' if _LONG_TOKEN.search(text) else f"<td>{escaped}</td>"


def print_html(
    frame: pd.DataFrame,
    column_config: Mapping[Any, Any] | None = None,
    hide_index: bool = True,
    *,
    column_order: Sequence[Any] | None = None,
    max_rows: int = MAX_PRINT_ROWS,
) -> str:
    """The table as escaped HTML (headers and every cell through `escape_html`), its columns in
    ``column_order`` if given (as st.dataframe's); past ``max_rows`` rows a last line says how many
    more rows there are ("+ 1234 …")."""
    frame, names, configs = shown_columns(frame, column_config, hide_index, column_order)
    head = "".join(f"<th>{escape_html(configs.get(c, {}).get('label') or c)}</th>" for c in names)
    part = frame.iloc[:max_rows]
    columns = [part[name].tolist() for name in names]
    rows = [
        "<tr>" + "".join(_td(cell_text(v, configs.get(c))) for c, v in zip(names, values)) + "</tr>"
        for values in zip(*columns)
    ]
    more = len(frame) - len(part)
    foot = f'<p class="cx-print-more">+ {more} …</p>' if more > 0 else ""
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{foot}"
