"""Fast streaming .xlsx worksheet reader giving exactly what openpyxl's read-only iter_rows gives.

It reads the package parts itself (content types, workbook, relationships, styles, shared
strings) and streams the worksheet XML through ElementTree's C parser in 64 KiB chunks, dropping
every row from the tree once it is read so memory stays flat (see XlsxStream._row_elements;
plain ``iterparse`` is the fallback path). On the 100,000-row benchmark sheet, expat with empty
Python start/end/text callbacks already cost 70-80 % of this whole reader's CPU time, so expat
was not used; iterparse pays one Python-level event per XML element.

It mirrors openpyxl 3.1 ``load_workbook(read_only=True, data_only=True)`` followed by
``ws.iter_rows(values_only=True)``: the same Python types and values, the same row numbering
(one tuple per row from row 1, gaps filled), the same effect of the ``<dimension>`` element. The
value conversions themselves (Excel serial -> datetime with the 1900 leap-year bug and the 1904
system, date/timedelta number formats, ISO dates) call the same openpyxl helper functions, so
both paths cannot drift apart.

Anything it does not understand raises ``Unsupported``; the caller then reads the file with
openpyxl. Safety checks (zip bomb, size, rows) are the caller's job and run before this.
"""
from __future__ import annotations

import posixpath
import re
import warnings
import zipfile
from collections import deque
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, TreeBuilder, XMLParser, fromstring, iterparse

from openpyxl.cell.text import Text
from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format, is_timedelta_format
from openpyxl.utils.cell import column_index_from_string, range_boundaries
from openpyxl.utils.datetime import CALENDAR_MAC_1904, WINDOWS_EPOCH, from_excel, from_ISO8601
from openpyxl.xml.constants import SHARED_STRINGS, XLSM, XLSX, XLTM, XLTX

MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships"

_M = "{%s}" % MAIN_NS
ROW, CELL, VALUE, INLINE = _M + "row", _M + "c", _M + "v", _M + "is"
DIMENSION, SHEET_DATA, TEXT, SI = _M + "dimension", _M + "sheetData", _M + "t", _M + "si"
_TEXT_CHILDREN = {"t", "r", "rPh", "phoneticPr"}
_RUN_CHILDREN = {"t", "rPr"}
_COLUMN = re.compile(r"[A-Za-z]{1,3}")
_DIGITS = "0123456789"
_CHUNK = 1 << 16  # bytes of worksheet XML fed to the parser at a time
USE_TREE_CHUNKS = True  # False: plain iterparse (slower; also used if _setevents is missing)
SUPPORTED_SUFFIXES = (".xlsx", ".xlsm", ".xltx", ".xltm")  # openpyxl's SUPPORTED_FORMATS

Value = Any  # str | int | float | bool | datetime | date | time | timedelta | None


class Unsupported(Exception):
    """The fast reader does not understand this workbook; read it with openpyxl instead."""


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _cast_number(value: str) -> int | float:
    """Numeric cell text -> int or float (openpyxl's rule)."""
    if "." in value or "E" in value or "e" in value:
        return float(value)
    return int(value)


def _text_content(node: Element) -> str:
    """Plain text of an <si> or <is> element, as openpyxl's Text.content."""
    if len(node) == 1 and node[0].tag == TEXT:
        return node[0].text or ""
    for child in node:
        if _local(child.tag) not in _TEXT_CHILDREN:
            raise Unsupported(f"unknown text element {child.tag}")
        if _local(child.tag) == "r" and any(_local(g.tag) not in _RUN_CHILDREN for g in child):
            raise Unsupported("unknown rich-text run element")
    return Text.from_tree(node).content  # rich text: openpyxl's own rule, rare


def _parse_xml(zf: zipfile.ZipFile, name: str) -> Element:
    try:
        return fromstring(zf.read(name))
    except KeyError as exc:
        raise Unsupported(f"missing part {name}") from exc


def _workbook_part(zf: zipfile.ZipFile) -> tuple[str, str | None]:
    """(workbook part, shared strings part or None) from [Content_Types].xml."""
    root = _parse_xml(zf, "[Content_Types].xml")
    overrides = [(el.get("PartName"), el.get("ContentType"))
                 for el in root if _local(el.tag) == "Override"]
    if not overrides:
        raise Unsupported("no content-type overrides")
    workbook = next((p for ct in (XLTM, XLTX, XLSM, XLSX) for p, t in overrides if t == ct), None)
    if not workbook:
        raise Unsupported("no workbook part")
    strings = next((p for p, t in overrides if t == SHARED_STRINGS), None)
    return workbook[1:], (strings[1:] if strings is not None else None)


def _relationships(zf: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """Relationship id -> (type, target path inside the zip) for one part (openpyxl's rules)."""
    folder, obj = posixpath.split(part)
    rels_path = posixpath.join(folder, "_rels", f"{obj}.rels")
    root = _parse_xml(zf, rels_path)
    if root.tag != "{%s}Relationships" % PKG_REL_NS:
        raise Unsupported("unexpected relationships root")
    parent = posixpath.split(posixpath.dirname(rels_path))[0]
    rels: dict[str, tuple[str, str]] = {}
    for el in root:
        if el.tag != "{%s}Relationship" % PKG_REL_NS:
            raise Unsupported("unexpected relationship element")
        rel_type, target, rel_id = el.get("Type"), el.get("Target"), el.get("Id")
        if rel_type is None or target is None:
            raise Unsupported("incomplete relationship")
        if el.get("TargetMode") != "External":
            target = target[1:] if target.startswith("/") else posixpath.normpath(
                posixpath.join(parent, target))
        rels[rel_id] = (rel_type, target)
    return rels


def _styles(zf: zipfile.ZipFile) -> tuple[frozenset[int], frozenset[int]]:
    """Indexes of cell styles (cellXfs) whose number format is a date / a timedelta."""
    try:
        src = zf.read("xl/styles.xml")
    except KeyError:
        return frozenset(), frozenset()
    root = fromstring(src)
    if root.tag != _M + "styleSheet":
        raise Unsupported("unexpected styles root")
    custom: dict[int, str] = {}
    xf_formats: list[int] = []
    for section in root:
        name = _local(section.tag)
        if name == "numFmts":
            custom = {}  # the last <numFmts> wins, as in openpyxl
            for fmt in section:
                if _local(fmt.tag) == "numFmt":
                    code = fmt.get("formatCode")
                    if code is None:
                        raise Unsupported("numFmt without formatCode")
                    custom[int(fmt.get("numFmtId"))] = code
        elif name == "cellXfs":
            xf_formats = [int(xf.get("numFmtId", 0)) for xf in section if _local(xf.tag) == "xf"]
    dates, deltas = set(), set()
    for idx, fmt_id in enumerate(xf_formats):
        fmt = custom[fmt_id] if fmt_id in custom else BUILTIN_FORMATS.get(fmt_id)
        if is_date_format(fmt):
            dates.add(idx)
        if is_timedelta_format(fmt):
            deltas.add(idx)
    return frozenset(dates), frozenset(deltas)


def _shared_strings(zf: zipfile.ZipFile, part: str | None) -> list[str]:
    """The shared string table, read like openpyxl's read_string_table (an <si> at any depth)."""
    if part is None:
        return []
    strings: list[str] = []
    with zf.open(part) as src:
        for _, node in iterparse(src):
            if node.tag == SI:
                strings.append(_text_content(node).replace("x005F_", ""))
                node.clear()
    return strings


class XlsxStream:
    """An open workbook: ``sheetnames`` and ``iter_rows(sheet)`` like openpyxl's read-only mode."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        if self.path.suffix.lower() not in SUPPORTED_SUFFIXES:
            raise Unsupported("openpyxl refuses this file name extension")  # and says why
        try:
            self._zf = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as exc:
            raise Unsupported("not a zip archive") from exc
        try:
            self._load()
        except BaseException:
            self._zf.close()
            raise

    def _load(self) -> None:
        zf = self._zf
        names = set(zf.namelist())
        workbook, self._strings_part = _workbook_part(zf)
        root = _parse_xml(zf, workbook)
        if root.tag != _M + "workbook":
            raise Unsupported("unexpected workbook root (strict OOXML?)")
        pr = sheets = None
        for child in root:  # like openpyxl: by local name, the last one wins
            name = _local(child.tag)
            if name in ("workbookPr", "sheets"):
                if child.tag != _M + name:
                    raise Unsupported(f"<{name}> outside the main namespace")
                pr, sheets = (child, sheets) if name == "workbookPr" else (pr, child)
        self.epoch: datetime = WINDOWS_EPOCH
        flag = pr.get("date1904") if pr is not None else None
        if flag is not None and flag not in ("false", "f", "0") and bool(flag):
            self.epoch = CALENDAR_MAC_1904  # openpyxl's Bool: any other non-empty text is true
        rels = _relationships(zf, workbook) if sheets is not None and len(sheets) else {}
        self._parts: list[tuple[str, str]] = []
        for sheet in (sheets if sheets is not None else ()):
            if sheet.tag != _M + "sheet":
                raise Unsupported("unexpected element in <sheets>")
            rel_id, name = sheet.get("{%s}id" % REL_NS), sheet.get("name")
            if not rel_id or name is None:
                raise Unsupported("sheet without relationship id or name")
            if rel_id not in rels:
                raise Unsupported(f"sheet {name!r} has no relationship")
            rel_type, target = rels[rel_id]
            if target not in names:
                continue  # openpyxl skips sheets whose part is missing
            if "chartsheet" in rel_type or not rel_type.endswith("/worksheet"):
                raise Unsupported(f"sheet {name!r} is not a worksheet")
            self._parts.append((name, target))
        self.sheetnames = [name for name, _ in self._parts]
        self._date_styles, self._delta_styles = _styles(zf)
        self._strings: list[str] | None = None

    def close(self) -> None:
        self._zf.close()

    def __enter__(self) -> XlsxStream:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def iter_rows(self, sheet: str) -> Iterator[tuple[Value, ...] | list]:
        """Rows of values from row 1, exactly as openpyxl's ws.iter_rows(values_only=True)."""
        part = next((p for n, p in self._parts if n == sheet), None)
        if part is None:
            raise KeyError(f"Worksheet {sheet} does not exist.")
        if self._strings is None:
            self._strings = _shared_strings(self._zf, self._strings_part)
        with self._zf.open(part) as src:
            yield from self._rows(src)

    @staticmethod
    def _row_elements(src: Any, dimension: list[str]) -> Iterator[Element]:
        """Complete <row> elements in document order, each dropped from the tree once used.

        The parser reports start events only until <sheetData> opens (to find <dimension> and
        the sheetData element); then events are switched off and rows are taken straight from
        the tree after each chunk: every child of sheetData but the last is complete. This is
        the mechanism iterparse itself uses (XMLParser._setevents), minus one Python-level
        event per XML element. The first <dimension> ref before the rows goes into
        ``dimension``.
        """
        parser = XMLParser(target=TreeBuilder())
        events: deque[tuple[str, Element]] = deque()
        try:
            if not USE_TREE_CHUNKS:
                raise AttributeError("disabled")
            parser._setevents(events, ("start",))  # type: ignore[attr-defined]
        except (AttributeError, TypeError):
            yield from XlsxStream._row_elements_iterparse(src, dimension)
            return
        root: Element | None = None
        sheet_data: Element | None = None
        while True:
            chunk = src.read(_CHUNK)
            if chunk:
                parser.feed(chunk)
            else:
                parser.close()
            if sheet_data is None:
                while events:
                    elem = events.popleft()[1]
                    tag = elem.tag
                    if root is None:
                        root = elem
                    if tag == SHEET_DATA:
                        sheet_data = elem
                        parser._setevents(events, ())  # type: ignore[attr-defined]
                        break
                    if tag == ROW:
                        raise Unsupported("<row> outside <sheetData>")
                    if tag == DIMENSION and not dimension:
                        ref = elem.get("ref")
                        if ref is None:
                            raise Unsupported("<dimension> without ref")
                        dimension.append(ref)
                events.clear()
            if sheet_data is not None:
                done = len(sheet_data) - (1 if chunk else 0)
                for i in range(done):
                    elem = sheet_data[i]
                    if elem.tag != ROW:
                        raise Unsupported(f"unexpected element {elem.tag} in <sheetData>")
                    yield elem
                if done > 0:
                    del sheet_data[:done]
            if not chunk:
                break
        for child in (root if root is not None else ()):  # openpyxl reads rows anywhere
            if child is not sheet_data and next(child.iter(ROW), None) is not None:
                raise Unsupported("<row> outside <sheetData>")

    @staticmethod
    def _row_elements_iterparse(src: Any, dimension: list[str]) -> Iterator[Element]:
        """Same as _row_elements with public iterparse start events only: a row is complete
        when the next one starts (or the document ends)."""
        sheet_data: Element | None = None
        pending: Element | None = None
        for _, elem in iterparse(src, events=("start",)):
            tag = elem.tag
            if tag == ROW:
                if pending is not None:
                    yield pending
                    if sheet_data[0] is pending:  # type: ignore[index]
                        del sheet_data[0]  # type: ignore[union-attr]
                    else:
                        raise Unsupported("<row> outside <sheetData>")
                elif sheet_data is None:
                    raise Unsupported("<row> outside <sheetData>")
                pending = elem
            elif tag == SHEET_DATA:
                if sheet_data is not None:
                    raise Unsupported("several <sheetData> elements")
                sheet_data = elem
            elif tag == DIMENSION:
                if pending is not None:
                    raise Unsupported("<dimension> after the rows")
                if not dimension:
                    ref = elem.get("ref")
                    if ref is None:
                        raise Unsupported("<dimension> without ref")
                    dimension.append(ref)
        if pending is not None:
            yield pending

    def _rows(self, src: Any) -> Iterator[tuple[Value, ...] | list]:
        strings, epoch = self._strings or [], self.epoch
        dates, deltas = self._date_styles, self._delta_styles
        columns: dict[str, int] = {}
        dimension: list[str] = []
        max_col: int | None = None
        max_row: int | None = None
        empty: tuple[None, ...] | list = []  # openpyxl's filler row when the width is unknown
        first = True
        counter = 1  # next row number to hand out (iteration starts at row 1)
        row_counter = idx = 0
        for elem in self._row_elements(src, dimension):
            if first:
                first = False
                if dimension:  # openpyxl sizes the sheet from <dimension> before reading rows
                    max_col, max_row = range_boundaries(dimension[0])[2:]
                    if max_col is not None:
                        empty = (None,) * max_col
            r = elem.get("r")
            if r is None:
                row_counter += 1
            else:
                try:
                    row_counter = int(r)
                except ValueError:
                    number = float(r)
                    if not number.is_integer():
                        raise Unsupported(f"row number {r!r}") from None
                    row_counter = int(number)
            idx = row_counter
            values = self._cells(elem, columns, strings, epoch, dates, deltas, max_col)
            if max_row is not None and idx > max_row:
                break
            while counter < idx:  # rows missing from the XML
                counter += 1
                yield empty
            if counter <= idx:  # a row number going backwards is skipped, as openpyxl does
                counter += 1
                yield values
        if max_row is not None and max_row < idx:  # stopped at the dimension: pad up to it
            while counter <= max_row:
                counter += 1
                yield empty

    @staticmethod
    def _cells(row: Element, columns: dict[str, int], strings: list[str], epoch: datetime,
               dates: frozenset[int], deltas: frozenset[int],
               max_col: int | None) -> tuple[Value, ...]:
        """One <row> -> tuple of values, width max_col (else the last cell's column)."""
        out: list[Value] = []
        col = 0
        for c in row:
            if c.tag != CELL:
                raise Unsupported(f"unexpected element {c.tag} in a row")
            coord = c.get("r")
            if coord:
                letters = coord.rstrip(_DIGITS)
                col = columns.get(letters, 0)
                if not col:
                    if not _COLUMN.fullmatch(letters) or len(letters) == len(coord):
                        raise Unsupported(f"cell reference {coord!r}")
                    col = columns[letters] = column_index_from_string(letters)
            else:
                col += 1
            kind = c.get("t", "n")
            style = c.get("s", 0)
            if style:
                style = int(style)
            if kind == "inlineStr":
                node = c.find(INLINE)
                if node is None:
                    value = None
                elif len(node) == 1 and node[0].tag == TEXT:
                    value = node[0].text or ""
                else:
                    value = _text_content(node)
            else:
                value = c.findtext(VALUE) or None
                if value is not None:
                    if kind == "s":
                        value = strings[int(value)]
                    elif kind == "n":
                        value = _cast_number(value)
                        if style in dates:
                            try:
                                value = from_excel(value, epoch, timedelta=style in deltas)
                            except (OverflowError, ValueError):
                                warnings.warn(f"Cell {coord} is marked as a date but the serial "
                                              f"value {value} is outside the limits for dates. "
                                              "The cell will be treated as an error.")
                                value = "#VALUE!"
                    elif kind == "b":
                        value = bool(int(value))
                    elif kind == "d":
                        value = from_ISO8601(value)
            n = len(out)
            if col == n + 1:
                out.append(value)
            elif col > n:
                out.extend([None] * (col - n - 1))
                out.append(value)
            else:  # a column going backwards overwrites, as openpyxl does
                out[col - 1] = value
        width = max_col if max_col is not None else col
        if max_col is None and not out:
            return ()
        if len(out) != width:
            del out[width:]
            out.extend([None] * (width - len(out)))
        return tuple(out)


def sheet_names(path: str | Path) -> list[str]:
    """Sheet names in workbook order (openpyxl's wb.sheetnames)."""
    with XlsxStream(path) as book:
        return list(book.sheetnames)
