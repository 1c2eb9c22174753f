"""Scan one XML part of an .xlsx archive as bytes, chunk by chunk, before any XML parser sees it
(core.xlsx_guard feeds it every part); raise ``Refused`` at the first thing that could hang the
reader or exhaust memory:

- no ``<!DOCTYPE`` or ``<!ENTITY`` (billion laughs, XXE), UTF-8 only, no text run (cell, shared
  string, comment) longer than the cell cap (image and OLE parts, recognised by their magic bytes
  or NUL bytes, are exempt from the run check unless they hold sheet markup);
- worksheet markup: row numbers (``<row r=..>`` and cell references) within Excel's 1,048,576
  rows and 16,384 columns and not sparse, cells per row, cells per sheet, the grid area
  (highest row x highest column) the reader would allocate, rows per sheet within the row limit,
  and the shared-string count. The sheet's ``<dimension>`` is never used: the reader does not
  pad rows to it, so a declared A1:XFD1048576 costs nothing.

Regular expressions over the chunks (a tag cut by a chunk boundary is carried over), so memory
stays flat whatever the part holds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from core.reading import Limits

EXCEL_MAX_ROWS = 1_048_576
EXCEL_MAX_COLUMNS = 16_384
SPARSE_FACTOR, SPARSE_SLACK = 10, 10_000  # highest row <= 10 x rows present + 10,000

_NAME = rb"(?:[A-Za-z_][\w.-]*:)?"
_ROW = re.compile(rb"<" + _NAME + rb"row(?=[\s/>])([^>]*)>")
_ROW_R = re.compile(rb"""\br\s*=\s*["']\s*([^"']*?)\s*["']""")
_CELL_R_LOOSE = re.compile(rb"<" + _NAME + rb"c\s[^>]*?\br\s*=")
_CELL_R = re.compile(rb"<" + _NAME + rb"""c\s[^>]*?\br\s*=\s*["']\$?([A-Za-z]{1,3})\$?(\d{1,7})["']""")
_ROW_FAST = re.compile(rb'<row r="(\d{0,7})"')
_CELL_FAST = re.compile(rb'<c r="([A-Z]{1,3})(\d{1,7})"')
_CELL_ANY = re.compile(rb"<" + _NAME + rb"c(?=[\s/>])")
_SI = re.compile(rb"<" + _NAME + rb"si(?=[\s/>])")
_DTD = re.compile(rb"<!\s*(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_ENCODING = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([^"']+)["']""")
BINARY_MAGIC = (
    b"\x89PNG",
    b"\xff\xd8\xff",
    b"GIF8",
    b"BM",
    b"II*\x00",
    b"MM\x00*",
    b"\xd7\xcd\xc6\x9a",
    b"\x01\x00\x00\x00",
    b"\xd0\xcf\x11\xe0",
)  # images, EMF/WMF, OLE
_LETTERS = re.compile(rb"[A-Za-z]{1,3}")


class Refused(Exception):
    """The workbook fails a check; the message is the reason (without the file name)."""


def column_number(letters: bytes) -> int:
    """b'A' -> 1, b'XFD' -> 16384."""
    n = 0
    for ch in letters.upper():
        n = n * 26 + ch - 64
    return n


@dataclass
class SheetStats:
    """What the scan found in one XML part (a worksheet when it has rows)."""

    rows: int = 0  # <row> elements
    rows_with_cells: int = 0
    cells: int = 0  # <c> elements
    max_row: int = 0
    max_col: int = 0
    shared_strings: int = 0  # <si> elements


class PartScanner:
    """Feed the bytes of one XML part chunk by chunk; raises Refused at the first problem."""

    def __init__(self, name: str, limits: Limits) -> None:
        self.name, self.limits = name, limits
        self.stats = SheetStats()
        self.carry = b""
        self.first = True
        self.binary = False  # an image or OLE part (by its magic bytes)
        self.sheetlike = False  # ... that nevertheless holds sheet markup
        self.row = 0  # current row number (for rows without r)
        self.row_cells = 0  # cells counted so far in the current row
        self.in_row = False
        self.run_cap = limits.max_cell_chars * 4  # XML bytes: entities (&amp;) and UTF-8 widen text

    def feed(self, data: bytes) -> None:
        buf = self.carry + data
        if self.first and buf:
            self._check_start(buf)
            self.binary = buf.startswith(BINARY_MAGIC) or b"\x00" in buf[:4096]  # XML has no NUL
            self.first = False
        if self.binary and not self.sheetlike and b"sheetData" in buf:
            self.sheetlike = True  # markup behind a media header: checked like any sheet
        cut = max(buf.rfind(b"<"), 0)
        done, self.carry = buf[:cut], buf[cut:]
        if len(self.carry) > 2 * self.run_cap:
            if self._media():
                done, self.carry = buf, b""
            else:
                raise Refused(self._long_text())
        if done:
            self._scan(done)

    def close(self) -> SheetStats:
        if self.carry:
            self._scan(self.carry)
            self.carry = b""
        self._end_row()
        self._check_totals()
        return self.stats

    def _media(self) -> bool:
        """A binary part (image, VBA project) without sheet markup: long runs without '<' are data."""
        return self.binary and not self.sheetlike

    def _check_start(self, buf: bytes) -> None:
        if buf.startswith((b"\xff\xfe", b"\xfe\xff", b"<\x00", b"\x00<")):
            raise Refused(f"part {self.name} is not UTF-8 XML")
        match = _ENCODING.match(buf.lstrip(b"\xef\xbb\xbf")[:200])
        if match and match.group(1).lower().replace(b"_", b"-") not in (b"utf-8", b"utf8"):
            raise Refused(
                f"part {self.name} declares encoding {match.group(1).decode('ascii', 'replace')!r}, not UTF-8"
            )

    def _long_text(self) -> str:
        return (
            f"a cell, shared string or comment in {self.name} is longer than the limit of "
            f"{self.limits.max_cell_chars:,} characters"
        )

    def _scan(self, buf: bytes) -> None:
        if _DTD.search(buf):
            raise Refused(
                f"part {self.name} has a DOCTYPE or ENTITY declaration (entity expansion "
                "or external entities are never read)"
            )
        self._check_runs(buf)
        if not self._scan_fast(buf):
            self._scan_slow(buf)
        if self.stats.shared_strings > self.limits.max_shared_strings:
            raise Refused(f"has more than {self.limits.max_shared_strings:,} shared strings (limit)")

    def _check_runs(self, buf: bytes) -> None:
        """Refuse text runs (between two '<') of 2 x run_cap bytes or more; never shorter than run_cap."""
        cap = self.run_cap
        if self._media():
            return
        for start in range(0, len(buf) - cap + 1, cap):
            if buf.find(b"<", start, start + cap) < 0:
                raise Refused(self._long_text())

    def _scan_fast(self, buf: bytes) -> bool:
        """Unprefixed tags with r as the first attribute (what Excel and openpyxl write): counted
        with bytes.count and two findall passes. False when the markup needs the slow scan."""
        if b":row" in buf or b":c " in buf or b":c>" in buf or b":si" in buf:
            return False
        n_rows, n_cells = buf.count(b"<row"), buf.count(b"<c")  # <rowBreaks>, <col>: slow scan
        rows = _ROW_FAST.findall(buf) if n_rows else []
        refs = _CELL_FAST.findall(buf) if n_cells else []
        if len(rows) != n_rows or len(refs) != n_cells:
            return False
        self._end_row()  # a row the slow scan left open: its cells so far are counted
        stats = self.stats
        stats.shared_strings += buf.count(b"<si")
        if not n_rows and not n_cells:
            return True
        if n_cells and not n_rows and not stats.rows:
            return False
        if rows:
            top = max(map(int, rows))
            if not 0 < top <= EXCEL_MAX_ROWS or min(map(len, rows)) == 0:
                return False
            self.row = int(rows[-1])
            stats.max_row = max(stats.max_row, top)
        stats.rows += n_rows
        stats.rows_with_cells += n_rows  # formatted empty rows count too: the limit errs on the safe side
        stats.cells += n_cells
        self._cell_refs_found(refs)
        self._check_counts()
        return True

    def _check_counts(self) -> None:
        stats = self.stats
        if stats.rows_with_cells > self.limits.max_rows + 3:
            raise Refused(f"a sheet has more than the maximum of {self.limits.max_rows:,} rows")
        if stats.cells > self.limits.max_cells:
            raise Refused(f"a sheet has more than {self.limits.max_cells:,} cells (limit)")

    def _scan_slow(self, buf: bytes) -> None:
        """Any markup: every <row> in turn, its cells counted (cells without r extend the row)."""
        stats = self.stats
        stats.shared_strings += len(_SI.findall(buf))
        pos = 0
        for match in _ROW.finditer(buf):
            self.row_cells += self._count_cells(buf, pos, match.start())
            self._end_row()
            self._start_row(match.group(1))
            pos = match.end()
            if match.group(0).endswith(b"/>"):
                self._end_row()
        self.row_cells += self._count_cells(buf, pos, len(buf))
        if self.row_cells > EXCEL_MAX_COLUMNS:
            raise Refused(f"row {self.row:,} of {self.name} has more than {EXCEL_MAX_COLUMNS:,} cells")
        self._cell_refs(buf)

    def _count_cells(self, buf: bytes, start: int, end: int) -> int:
        if start >= end:
            return 0
        return len(_CELL_ANY.findall(buf, start, end))

    def _start_row(self, attrs: bytes) -> None:
        stats = self.stats
        stats.rows += 1
        self.in_row = True
        r = _ROW_R.search(attrs)
        if r is None:
            self.row += 1
        else:
            text = r.group(1)
            if not text.isdigit() or len(text) > 7:
                raise Refused(
                    f"row number {text[:20].decode('ascii', 'replace')!r} in {self.name} "
                    f"is not a row number from 1 to {EXCEL_MAX_ROWS:,}"
                )
            self.row = int(text)
        if not 0 < self.row <= EXCEL_MAX_ROWS:
            raise Refused(
                f"row number {self.row:,} in {self.name} is outside Excel's 1 to {EXCEL_MAX_ROWS:,}"
            )
        stats.max_row = max(stats.max_row, self.row)

    def _end_row(self) -> None:
        stats = self.stats
        if not self.in_row:  # cells of a row the fast scan opened in the previous chunk
            stats.cells += self.row_cells
            self.row_cells = 0
            return
        if self.row_cells > EXCEL_MAX_COLUMNS:
            raise Refused(f"row {self.row:,} of {self.name} has more than {EXCEL_MAX_COLUMNS:,} cells")
        if self.row_cells:
            stats.rows_with_cells += 1
            stats.cells += self.row_cells
            stats.max_col = max(stats.max_col, self.row_cells)  # cells without r count on
            self._check_counts()
        self.row_cells, self.in_row = 0, False

    def _cell_refs(self, buf: bytes) -> None:
        refs = _CELL_R.findall(buf)
        if len(refs) != len(_CELL_R_LOOSE.findall(buf)):
            bad = next(
                (
                    m.group(0)[:60]
                    for m in re.finditer(
                        rb"<" + _NAME + rb"c\s[^>]*?\br\s*=\s*"
                        rb"""["'][^"']*["']""",
                        buf,
                    )
                    if not _CELL_R.match(m.group(0) + b">")
                ),
                b"?",
            )
            raise Refused(
                f"a cell reference in {self.name} is not a valid cell address "
                f"({bad.decode('utf-8', 'replace')!r})"
            )
        self._cell_refs_found(refs)

    def _cell_refs_found(self, refs: list[tuple[bytes, bytes]]) -> None:
        if not refs:
            return
        stats = self.stats
        letters = {c for c, _ in refs}
        top_col = max(column_number(c) for c in letters)
        top_row = max(map(int, {r for _, r in refs}))
        if top_col > EXCEL_MAX_COLUMNS:
            raise Refused(f"a cell in {self.name} is beyond Excel's last column XFD")
        if not 0 < top_row <= EXCEL_MAX_ROWS:
            raise Refused(
                f"a cell in {self.name} is on row {top_row:,}, outside Excel's 1 to {EXCEL_MAX_ROWS:,}"
            )
        stats.max_col = max(stats.max_col, top_col)
        stats.max_row = max(stats.max_row, top_row)

    def _check_totals(self) -> None:
        stats, limits = self.stats, self.limits
        if not stats.cells:
            return
        if stats.max_row > SPARSE_FACTOR * stats.rows + SPARSE_SLACK:
            raise Refused(
                f"{self.name} numbers its rows up to {stats.max_row:,} but holds only "
                f"{stats.rows:,} rows (a sparse sheet is refused)"
            )
        area = stats.max_row * stats.max_col
        if area > limits.max_cells:
            raise Refused(
                f"{self.name} spans {stats.max_row:,} rows x {stats.max_col:,} columns = "
                f"{area:,} cells, over the limit of {limits.max_cells:,}"
            )
