"""Cells of every CSV/XLSX the product writes, safe to open in a spreadsheet (CSV/formula injection).

A text cell that starts with `=`, `+`, `-`, `@`, a tab, a carriage return or a NUL character gets a
leading apostrophe, so Excel, LibreOffice and Google Sheets show it as text instead of running it as
a formula (OWASP "CSV Injection"; ASVS 5.0 1.2.10 adds NUL). Only text is neutralised: a number,
date or boolean written as itself stays a number, so a numeric column keeps -3, while the text "-3"
read from a file becomes "'-3". Used by the row reports (core.problems.report_csv, which both
importers, both CLIs and both Upload page downloads use), `python -m pipelines report friction
--format csv` and any st.download_button export (see docs/security.md).
No Streamlit import: the importers, the pipelines and the dashboard all use it.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Sequence
from typing import Any

FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")
APOSTROPHE = "'"


def neutralise_cell(value: Any) -> Any:
    """The value to write in a cell: text starting with a formula trigger gets a leading `'`;
    every other value (numbers, dates, None, ordinary text) is returned unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return APOSTROPHE + value
    return value


XLSX_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")  # control characters XML 1.0 cannot hold


def xlsx_cell(value: Any) -> Any:
    """A value for an openpyxl cell: text neutralised as neutralise_cell does (so it is never
    stored as a formula), then control characters an XLSX cannot hold (openpyxl refuses them)
    replaced by U+FFFD; numbers, dates, booleans and None unchanged."""
    value = neutralise_cell(value)
    return XLSX_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value


def safe_row(row: Iterable[Any]) -> list[Any]:
    """One row of cells, each through neutralise_cell."""
    return [neutralise_cell(v) for v in row]


def safe_rows(rows: Iterable[Iterable[Any]]) -> Iterable[list[Any]]:
    """Rows for any writer (csv, an XLSX library): every text cell neutralised."""
    return (safe_row(r) for r in rows)


def safe_frame(frame: Any) -> Any:
    """A copy of a pandas DataFrame whose text cells (and column names) are neutralised; numeric,
    date and boolean columns are left as they are."""
    out = frame.copy()
    for column in out.columns:
        if out[column].dtype == object or str(out[column].dtype) in ("string", "str"):
            out[column] = out[column].map(neutralise_cell)
    out.columns = [neutralise_cell(c) if isinstance(c, str) else c for c in out.columns]
    return out


def _cell_text(value: Any) -> Any:
    """None as an empty cell; everything else as csv.writer writes it."""
    return "" if value is None else value


def safe_csv_text(rows: Iterable[Iterable[Any]], header: Sequence[str] | None = None) -> str:
    """CSV text (RFC 4180: comma, CRLF line ends, quotes as needed) with every text cell
    neutralised. CRLF, not "\\n": Python's csv quotes a field holding a character of the line
    terminator, so a carriage return inside a cell is quoted instead of splitting the row."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    if header is not None:
        writer.writerow(safe_row(header))
    for row in rows:
        writer.writerow([_cell_text(v) for v in safe_row(row)])
    return out.getvalue()


def safe_csv_bytes(rows_or_frame: Any, header: Sequence[str] | None = None) -> bytes:
    """UTF-8 CSV bytes for a download: a pandas DataFrame (its columns as the header) or rows."""
    if hasattr(rows_or_frame, "itertuples") and hasattr(rows_or_frame, "columns"):
        frame = rows_or_frame
        rows = ([None if _missing(v) else v for v in r] for r in frame.itertuples(index=False, name=None))
        return safe_csv_text(rows, [str(c) for c in frame.columns]).encode("utf-8")
    return safe_csv_text(rows_or_frame, header).encode("utf-8")


def _missing(value: Any) -> bool:
    """NaN / NaT / pd.NA as an empty cell."""
    try:
        return bool(value != value)  # noqa: PLR0124 - NaN and NaT are not equal to themselves
    except (TypeError, ValueError):  # pd.NA: its truth value is ambiguous
        return True
