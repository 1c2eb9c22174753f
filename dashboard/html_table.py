"""Tables as plain HTML: every row in the page, text that wraps, rows that can be links.

Streamlit's st.dataframe (a canvas grid) costs a new browser tab about 0.4 s before it shows its
first row (`python -m bench.browser_floor`, docs/benchmarks.md: a bare page 0.58 s, one grid
0.97 s, this table 0.57 s), prints only its visible part and cuts long cells. The pages' tables are small
(formatted text, tens of rows), so they are drawn here as an HTML table by a small
st.components.v2 component: cells wrap, a long table scrolls inside its box with the header in
view, print shows every row, a click on a header sorts, and a row with a target is a real link
(its URL opens in a new tab with the middle button) whose plain click is handed to Python, which
opens the page in the same tab (dashboard.links.drill_table).

Cell text is set with ``textContent`` in the browser: a value from a file is never HTML. The
grid stays where rows are selected or edited (admin, journey-map editor).
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from dashboard.print_table import cell_text, shown_columns

COMPONENT = "cx_table"
MAX_ROWS = 1000  # a longer table shows its first rows and says how many more there are
SCROLL_ROWS = 15  # a table longer than this scrolls inside a box of DEFAULT_HEIGHT_PX
DEFAULT_HEIGHT_PX = 520
SHORT_CELL = 20  # characters: a column whose cells are all this short stays on one line
PROSE_CELL = 40  # characters on average: a column of sentences (comments, paths)
TONES = ("good", "muted", "bad", "flag")  # cell classes: green, grey, red, a flagged row's tint
_NUMERIC = re.compile(r"^[+\-−±]?\s?[\d\s\u00a0\u202f.,]*\d[\d\s\u00a0\u202f.,]*\s?(%|€|h|d|pp)?$")

_HERE = Path(__file__).resolve().parent
CSS = (_HERE / "html_table.css").read_text(encoding="utf-8")
JS = (_HERE / "html_table.js").read_text(encoding="utf-8")


def _is_number(text: str) -> bool:
    return bool(_NUMERIC.match(text.strip()))


def payload(
    frame: pd.DataFrame,
    column_config: Mapping[Any, Any] | None = None,
    *,
    hide_index: bool = True,
    column_order: Sequence[Any] | None = None,
    links: Sequence[str | None] | None = None,
    tones: Mapping[Any, Sequence[str | None]] | None = None,
    row_tones: Sequence[str | None] | None = None,
    max_rows: int = MAX_ROWS,
    height: int | str | None = None,
    decimal: str = ".",
    lang: str = "en",
    more_text: str = "+ {count} …",
) -> dict[str, Any]:
    """What the browser draws (JSON): columns with label, help and alignment, rows of cell texts
    (print_table.cell_text, the grid's own rendering of a value), per-cell and per-row tones, one
    link per row (or None). ``tones`` maps a column to one tone per row (TONES). ``height``: the
    pixels of the box a long table scrolls in; "content" never scrolls; None or "auto" scroll
    past SCROLL_ROWS rows in DEFAULT_HEIGHT_PX."""
    frame, names, configs = shown_columns(frame, column_config, hide_index, column_order)
    part = frame.iloc[:max_rows]
    columns = [[cell_text(v, configs.get(c)) for v in part[c].tolist()] for c in names]
    rows = [list(values) for values in zip(*columns)] if columns else [[] for _ in range(len(part))]
    described = []
    for name, texts in zip(names, columns):
        config = configs.get(name, {})
        filled = [t for t in texts if t not in ("", "–")]
        described.append(
            {
                "label": str(config.get("label") or name),
                "help": config.get("help") or None,
                "numeric": bool(filled) and all(_is_number(t) for t in filled),
                "long": any(len(w) >= 25 for t in texts for w in t.split()),
                "pinned": bool(config.get("pinned")),
                # a column of short values (dates, ids, counts) never wraps; a column of sentences
                # keeps a readable width on a phone (the table scrolls sideways instead)
                "short": bool(texts) and max(len(t) for t in texts) <= SHORT_CELL,
                "prose": bool(filled) and sum(len(t) for t in filled) / len(filled) >= PROSE_CELL,
            }
        )
    cell_tones = None
    if tones:
        cell_tones = [[None] * len(names) for _ in range(len(part))]
        for column, values in tones.items():
            if column in names:
                j = names.index(column)
                for r, tone in enumerate(list(values)[: len(part)]):
                    cell_tones[r][j] = tone if tone in TONES else None
    more = len(frame) - len(part)
    return {
        "columns": described,
        "rows": rows,
        "tones": cell_tones,
        "row_tones": [t if t in TONES else None for t in row_tones][: len(part)] if row_tones else None,
        "links": list(links)[: len(part)] if links is not None else None,
        "max_height": _max_height(height, len(part)),
        "more": more_text.format(count=more) if more > 0 else None,
        "decimal": decimal,
        "lang": lang,
    }


def _max_height(height: int | str | None, rows: int) -> int | None:
    if isinstance(height, int) and not isinstance(height, bool):
        return height
    if height == "content":
        return None
    return DEFAULT_HEIGHT_PX if rows > SCROLL_ROWS else None


def frame_of(data: Mapping[str, Any]) -> pd.DataFrame:
    """The table a payload shows, as a frame of texts (tests and the print check read it back)."""
    labels = [c["label"] for c in data["columns"]]
    return pd.DataFrame(data["rows"], columns=labels) if data["rows"] else pd.DataFrame(columns=labels)


def show(frame: pd.DataFrame, *, key: str | None = None, **options: Any) -> int | None:
    """Draw the table (``options`` as payload's, language from the page); returns the position of
    the row whose link was clicked in this run, else None."""
    import streamlit as st

    from dashboard import i18n

    lang = i18n.lang()
    data = payload(frame, decimal="," if lang == "fi" else ".", lang=lang, **options)
    mount = st.components.v2.component(COMPONENT, css=CSS, js=JS, isolate_styles=False)
    with_links = options.get("links") is not None
    result = mount(data=data, key=key, **({"on_row_change": lambda: None} if with_links else {}))
    row = getattr(result, "row", None) if with_links else None
    if isinstance(row, int | float) and not isinstance(row, bool) and not math.isnan(row):
        return int(row)
    return None
