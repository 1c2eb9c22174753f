"""Read a CSV export into a RawTable, streamed: encoding (core.text_encoding) and delimiter
detected, then csv.reader over the decoded lines, stopping at the row limit, the cell and line
length caps or a row wider than the header."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from core.reading import Cell, Limits, RawTable, reject
from core.row_memory import SharedValues, no_gc
from core.text_encoding import detect_encoding

SAMPLE_CHARS = 65536
LINE_CAP = 32 * 1024 * 1024  # characters in one physical line of a CSV file


def _check_controls(sample: str, path: Path) -> None:
    controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\r\n\t")
    if controls > max(5, len(sample) // 100):
        raise reject(
            path,
            "contains control characters: this is a binary file, not a CSV text export",
            code="control_characters",
            params={"file": path.name},
        )
    if "\x00" in sample:
        raise reject(
            path,
            "contains NUL characters: this is a binary file, not a CSV text export",
            code="binary_file",
            params={"file": path.name},
        )


def sniff_delimiter(text: str) -> str:
    """Pick , ; or tab: the one giving the most columns consistently over the first lines."""
    sample = text[:65536].splitlines()[:30]
    best, best_score = ",", -1.0
    for delim in (",", ";", "\t"):
        try:
            widths = [len(r) for r in csv.reader(sample, delimiter=delim) if r]
        except csv.Error:
            continue
        if not widths:
            continue
        common = max(set(widths), key=widths.count)
        score = common * widths.count(common) / len(widths) if common > 1 else 0
        if score > best_score:
            best, best_score = delim, score
    return best


def _lines(fh: Any, path: Path) -> Iterator[str]:
    """Physical lines of the text; a line longer than LINE_CAP characters is refused."""
    number = 0
    readline = fh.readline
    while line := readline(LINE_CAP):
        number += 1
        if len(line) >= LINE_CAP and not line.endswith(("\n", "\r")):
            raise reject(
                path,
                f"line {number:,} is longer than {LINE_CAP:,} characters",
                code="line_too_long",
                params={"file": path.name, "limit": LINE_CAP},
            )
        if "\x00" in line:
            raise reject(
                path,
                f"line {number:,} contains a NUL character: this is a binary file, not a CSV text export",
                code="binary_file",
                params={"file": path.name},
            )
        yield line


def read_csv(path: Path, limits: Limits = Limits()) -> RawTable:
    """Stream the file: encoding and NUL check in one pass over the bytes, then csv.reader over
    the decoded lines, stopping at the row limit, the cell length cap or a row wider than the header."""
    encoding = detect_encoding(path)
    with path.open("r", encoding=encoding, newline="") as fh:
        sample = fh.read(SAMPLE_CHARS)
        _check_controls(sample, path)
        delimiter = sniff_delimiter(sample)
        fh.seek(0)  # the codec drops a byte order mark again
        rows, numbers = _csv_rows(fh, path, delimiter, limits)
    return RawTable(str(path), rows, numbers, "csv", encoding, delimiter)


def _csv_rows(fh: Any, path: Path, delimiter: str, limits: Limits) -> tuple[list[list[Cell]], list[int]]:
    with no_gc():
        return _csv_records(fh, path, delimiter, limits)


def _csv_records(fh: Any, path: Path, delimiter: str, limits: Limits) -> tuple[list[list[Cell]], list[int]]:
    reader = csv.reader(_lines(fh, path), delimiter=delimiter)
    rows: list[list[Cell]] = []
    numbers: list[int] = []
    width = header_line = line = 0
    cap = limits.max_rows + 3
    shared = SharedValues()
    try:
        for record in reader:
            start, line = line + 1, reader.line_num
            if not (record and record[0].strip()) and not any(c.strip() for c in record):
                continue
            if not rows:
                width, header_line = len(record), start
            elif len(record) > width:
                if any(c.strip() for c in record[width:]):
                    raise reject(
                        path,
                        f"row at line {start:,} has {len(record)} fields but the "
                        f"header (line {header_line}) has {width} columns; check "
                        "the delimiter and quoting",
                        code="wrong_field_count",
                        params={"file": path.name, "fields": len(record), "header_columns": width},
                    )
                del record[width:]
            shared.add(rows, record)
            numbers.append(start)
            if len(rows) > cap:
                raise reject(
                    path,
                    f"more than the maximum of {limits.max_rows:,} rows",
                    code="over_row_limit",
                    params={"file": path.name, "limit": limits.max_rows},
                )
    except csv.Error as exc:
        where = f"line {reader.line_num:,}"
        if "field larger than field limit" in str(exc):
            raise reject(
                path,
                f"{where}: a cell is longer than the limit of {csv.field_size_limit():,} characters",
                code="cell_too_long",
                params={"file": path.name, "row": reader.line_num, "limit": csv.field_size_limit()},
            ) from None
        raise reject(
            path,
            f"{where}: cannot be read as CSV ({exc})",
            code="unreadable_file",
            params={"file": path.name, "detail": str(exc)},
        ) from None
    return rows, numbers
