"""Read one sheet of an .xlsx workbook into a RawTable: the archive checks first (core.xlsx_guard,
remembered per file), then the rows python-calamine reads (core.xlsx_reader), blank rows dropped
and every row trimmed or padded to the widest filled column."""

from __future__ import annotations

import struct
import zipfile
from collections.abc import Iterable
from pathlib import Path

from core.reading import Cell, FileRejectedError, Limits, RawTable, reject
from core.row_memory import SharedValues, no_gc


def _unreadable_workbook(path: Path, exc: Exception) -> FileRejectedError:
    return reject(
        path,
        f"is not a readable Excel workbook ({exc})",
        code="unreadable_file",
        params={"file": path.name, "detail": str(exc)},
    )


_INSPECTED: dict[tuple, None] = {}  # workbooks that passed the guard: (path, size, mtime, limits)


def check_zip(path: Path, limits: Limits) -> None:
    """Refuse zip bombs and hostile workbooks before any XML is parsed (core.xlsx_guard).
    A workbook that passed (same path, size, modification time and limits) is not scanned again:
    the Upload page lists the sheets, then reads one."""
    from core import xlsx_guard
    from core.xlsx_part_scan import Refused

    stat = path.stat()
    key = (str(path.resolve()), stat.st_size, stat.st_mtime_ns, limits)
    if key in _INSPECTED:
        return
    try:
        xlsx_guard.inspect(path, limits)
        _INSPECTED[key] = None
        while len(_INSPECTED) > 16:
            del _INSPECTED[next(iter(_INSPECTED))]
    except Refused as exc:
        raise reject(
            path, str(exc), code="xlsx_refused", params={"file": path.name, "detail": str(exc)}
        ) from None
    except (
        zipfile.BadZipFile,
        zipfile.LargeZipFile,
        EOFError,
        ValueError,
        NotImplementedError,
        struct.error,
    ) as exc:
        raise reject(
            path,
            f"is not a valid .xlsx file (not a readable zip archive: {exc})",
            code="not_xlsx",
            params={"file": path.name},
        ) from None


def list_sheets(path: str | Path, limits: Limits = Limits()) -> list[str]:
    """Worksheet names in workbook order, after the archive checks."""
    from core.xlsx_reader import WorkbookError, sheet_names

    path = Path(path)
    check_zip(path, limits)
    try:
        return sheet_names(path)
    except WorkbookError as exc:
        raise _unreadable_workbook(path, exc) from None


def read_xlsx(path: Path, sheet: str | None = None, limits: Limits = Limits()) -> RawTable:
    """Read one sheet with python-calamine, after the archive checks (core.xlsx_guard)."""
    from core.xlsx_reader import WorkbookError, read_rows

    check_zip(path, limits)
    try:
        names, chosen, rows = read_rows(path, sheet)
        if chosen not in names:
            raise reject(
                path,
                f"has no sheet {chosen!r}; sheets: {', '.join(names)}",
                code="no_such_sheet",
                params={"file": path.name, "sheet": chosen, "sheets": ", ".join(names)},
            )
        return _xlsx_table(path, names, chosen, rows, limits)
    except WorkbookError as exc:
        raise _unreadable_workbook(path, exc) from None


def _xlsx_table(
    path: Path, names: list[str], sheet: str, numbered: Iterable[tuple[int, list[Cell]]], limits: Limits
) -> RawTable:
    """Non-empty rows of one sheet with their sheet row numbers, trimmed to the widest non-empty column."""
    with no_gc():
        return _xlsx_rows(path, names, sheet, numbered, limits)


def _xlsx_rows(
    path: Path, names: list[str], sheet: str, numbered: Iterable[tuple[int, list[Cell]]], limits: Limits
) -> RawTable:
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    shared = SharedValues()
    for number, values in numbered:
        if _blank(values):
            continue
        shared.add(rows, values)
        numbers.append(number)
        if len(rows) > limits.max_rows + 3:
            raise reject(
                path,
                f"sheet {sheet!r} has more than the maximum of {limits.max_rows:,} rows",
                code="over_row_limit",
                params={"file": path.name, "limit": limits.max_rows},
            )
    width = max((_filled_width(r) for r in rows), default=0)
    rows = [r if len(r) == width else r[:width] + [None] * (width - len(r)) for r in rows]
    return RawTable(str(path), rows, numbers, "xlsx", None, None, sheet, names)


def _blank(values: list[Cell]) -> bool:
    """True when every cell is None or whitespace (stops at the first filled cell)."""
    for v in values:
        if v is not None and (type(v) is not str or v.strip()):
            return False
    return True


def _filled_width(row: list[Cell]) -> int:
    """1 + index of the last cell that is neither None nor "" (0 for none): scans from the end."""
    for i in range(len(row) - 1, -1, -1):
        if row[i] not in (None, ""):
            return i + 1
    return 0
