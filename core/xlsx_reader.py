"""Read .xlsx sheets with python-calamine (Rust), after core.xlsx_guard has inspected the archive.

Values as the rest of the product expects them (as openpyxl gave them): empty cells None, whole
numbers int, date cells datetime (a date-only cell at midnight), time and duration cells time and
timedelta, booleans bool. Rows are numbered as the user sees them in Excel (the sheet's first
used row need not be row 1), and every row starts at column A.
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

import python_calamine as calamine

Value = Any  # str | int | float | bool | datetime | time | timedelta | None
EXACT_INT = 2**53


class WorkbookError(Exception):
    """calamine could not read the workbook; the message is its reason."""


def _reason(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:200]


def _open(path: Path) -> calamine.CalamineWorkbook:
    try:
        return calamine.CalamineWorkbook.from_path(str(path))
    except Exception as exc:  # noqa: BLE001 - calamine raises its own kinds and pyo3 panics
        raise WorkbookError(_reason(exc)) from None


def _worksheets(book: calamine.CalamineWorkbook) -> list[str]:
    return [m.name for m in book.sheets_metadata if m.typ == calamine.SheetTypeEnum.WorkSheet]


def sheet_names(path: Path) -> list[str]:
    """Worksheet names in workbook order (hidden ones too; chart sheets left out)."""
    book = _open(path)
    try:
        return _worksheets(book)
    finally:
        book.close()


def _value(cell: Value) -> Value:
    if cell == "" and isinstance(cell, str):
        return None
    if type(cell) is float:
        if cell.is_integer() and -EXACT_INT < cell < EXACT_INT:
            return int(cell)
        return cell
    if type(cell) is date:
        return datetime(cell.year, cell.month, cell.day)
    return cell


def read_rows(path: Path, sheet: str | None) -> tuple[list[str], str, Iterator[tuple[int, list[Value]]]]:
    """(worksheet names, the sheet read, (row number, values from column A) for every row).

    The whole sheet is parsed when this is called (calamine reads a sheet at once); the rows
    are converted one at a time as the iterator is consumed.
    """
    book = _open(path)
    try:
        names = _worksheets(book)
        if sheet is None:
            if not names:
                raise WorkbookError("it holds no worksheet")
            sheet = names[0]
        if sheet not in names:
            return names, sheet, iter(())
        try:
            data = book.get_sheet_by_name(sheet)
            start, end = data.start, data.end
            rows = data.iter_rows()
        except Exception as exc:  # noqa: BLE001
            raise WorkbookError(_reason(exc)) from None
    finally:
        book.close()
    return names, sheet, _converted(rows, start, end)


def _converted(
    rows: Iterator[list[Value]], start: tuple[int, int] | None, end: tuple[int, int] | None
) -> Iterator[tuple[int, list[Value]]]:
    """python-calamine 0.9's iter_rows yields every row from row 1 but the columns from the
    first used one: pad the columns, number the rows, and check the count at the end."""
    if start is None or end is None:
        return
    pad = [None] * start[1]
    value = _value
    number = 0
    for row in rows:
        number += 1
        yield number, pad + [c if type(c) is str and c else value(c) for c in row]
    if number != end[0] + 1:
        raise WorkbookError(f"the reader returned {number} rows for a sheet ending on row {end[0] + 1}")
