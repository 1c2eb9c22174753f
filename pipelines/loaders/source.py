"""Open a CSV, XLSX or Parquet export as a DuckDB relation with columns c0..cN, in file order."""

from __future__ import annotations

import codecs
import csv
import io
import re
import shutil
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import duckdb
import pyarrow as pa

from core.problems import Problem
from core.reading import (
    BinaryFileError,
    FileRejectedError,
    Limits,
    detect_encoding,
    read_table,
    sniff_delimiter,
)

SAMPLE_BYTES = 1 << 16
CHUNK_BYTES = 1 << 22
NUMERIC_TYPES = (
    "TINYINT",
    "SMALLINT",
    "INTEGER",
    "BIGINT",
    "HUGEINT",
    "UTINYINT",
    "USMALLINT",
    "UINTEGER",
    "UBIGINT",
    "UHUGEINT",
)


class SourceError(ValueError):
    """The file cannot be read as a table; `row` is the row the problem is on (0 = the file)."""

    def __init__(
        self, message: str, row: int = 0, value: str = "", *, code: str = "", params: dict | None = None
    ):
        super().__init__(message)
        self.row, self.value = row, value
        # core.problems code and params; a message from elsewhere (core.reading) is passed on as is
        self.code, self.params = code, params or {}

    def problem(self) -> Problem:
        """The error as the file's one problem."""
        if self.code:
            return Problem(self.row, "", self.value, str(self), code=self.code, params=self.params)
        return Problem(
            self.row, "", self.value, str(self), code="file_rejected", params={"detail": str(self)}
        )


@dataclass
class Source:
    """One export as the SQL relation `relation` (columns c0..cN, all rows, in file order).

    CSV and Parquet are read by DuckDB straight from the file when the relation is scanned (a
    CSV whose fast read fails is retried with `fallback`); XLSX is read once into a temp table.
    """

    path: Path
    format: Literal["csv", "xlsx", "parquet"]
    relation: str
    headers: list[str]
    types: list[str]  # DuckDB type of each column
    rows: int = -1  # data rows; -1 until the relation has been scanned
    header_row: int = 1  # row number of the header as the user sees it
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)
    xlsx_rows: list[int] | None = None  # sheet row number of each data row
    text_path: Path | None = None  # the UTF-8 text DuckDB read (CSV)
    workdir: Path | None = None
    fallback: str | None = None  # CSV: the slower reader that pads short rows
    owned_table: str | None = None  # XLSX: the temp table to drop

    def read_error(self, exc: Exception) -> SourceError:
        """A DuckDB error while scanning the file, as a SourceError naming the line."""
        if self.format == "csv":
            return _csv_error(self.path, exc, len(self.headers))
        detail = _first_line(exc)
        return SourceError(
            f"{self.path.name} cannot be read: {detail}",
            code="unreadable_file",
            params={"file": self.path.name, "detail": detail},
        )

    def display_rows(self, recs: list[int]) -> dict[int, int]:
        """Row numbers as the user sees them (CSV line, sheet row, Parquet record 1..n) for record indexes."""
        if self.format == "xlsx" and self.xlsx_rows is not None:
            return {r: self.xlsx_rows[r] for r in recs}
        if self.format == "parquet":
            return {r: r + 1 for r in recs}
        return _csv_lines(self.text_path or self.path, self.delimiter or ",", set(recs))

    def column(self, index: int) -> str:
        return f"c{index}"

    def close(self, con: duckdb.DuckDBPyConnection) -> None:
        """Drop the temp table and remove converted copies of the file."""
        try:
            if self.owned_table:
                con.execute(f"drop table if exists {self.owned_table}")
        finally:
            if self.workdir is not None:
                shutil.rmtree(self.workdir, ignore_errors=True)


def detect_format(path: Path) -> str:
    with path.open("rb") as fh:
        head = fh.read(4)
    if head == b"PAR1":
        return "parquet"
    if head.startswith(b"PK\x03\x04"):
        return "xlsx"
    if head.startswith(b"PK\x05\x06"):
        raise SourceError(
            f"{path.name} is an empty zip archive: it holds no file",
            code="empty_zip",
            params={"file": path.name},
        )
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        raise SourceError(
            f"{path.name} has an Excel name but is not an .xlsx workbook",
            code="not_xlsx",
            params={"file": path.name},
        )
    if suffix == ".parquet":
        raise SourceError(
            f"{path.name} has a .parquet name but is not a Parquet file",
            code="not_parquet",
            params={"file": path.name},
        )
    if suffix == ".xls":
        raise SourceError(
            f"{path.name} is an old Excel .xls file: save it as .xlsx or CSV",
            code="old_xls",
            params={"file": path.name},
        )
    return "csv"


def open_source(
    con: duckdb.DuckDBPyConnection,
    path: str | Path,
    sheet: str | None = None,
    delimiter: str | None = None,
    encoding: str | None = None,
    limits: Limits | None = None,
) -> Source:
    """Open the file as a relation (XLSX: read it); SourceError when it cannot be read."""
    path, limits = Path(path), limits or Limits()
    if not path.is_file():
        raise SourceError(f"{path.name}: file not found", code="file_not_found", params={"file": path.name})
    size = path.stat().st_size
    if size == 0:
        raise SourceError(f"{path.name} is empty", code="file_empty", params={"file": path.name})
    if size > limits.max_bytes:
        raise SourceError(
            f"{path.name} is {size:,} bytes, over the maximum of {limits.max_bytes:,}",
            code="file_too_large",
            params={"file": path.name, "size": size, "limit": limits.max_bytes},
        )
    fmt = detect_format(path)
    table = f"__load_src_{uuid.uuid4().hex[:12]}"
    if fmt == "parquet":
        source = _read_parquet(con, path)
    elif fmt == "xlsx":
        source = _read_xlsx(con, path, table, sheet, limits)
    else:
        source = _read_csv(path, delimiter, encoding)
        try:
            source.rows = _csv_rows_within(con, source, limits)
        except BaseException:
            source.close(con)
            raise
    if source.rows > limits.max_rows:
        source.close(con)
        raise SourceError(
            f"{path.name} has more than the maximum of {limits.max_rows:,} rows (reading stopped there)",
            code="over_row_limit",
            params={"file": path.name, "limit": limits.max_rows},
        )
    return source


def _private_copy(path: Path, workdir: Path, name: str) -> Path:
    """A link (else a copy) of `path` under a fixed safe name: DuckDB's readers treat their path
    as a glob pattern (*, ?, [...]) and would read every matching file."""
    target = workdir / name
    try:
        target.symlink_to(path.resolve())
    except OSError:
        shutil.copyfile(path, target)
    return target


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def _literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _headers(raw: list) -> list[str]:
    out = []
    for i, h in enumerate(raw):
        text = "" if h is None else str(h).strip()
        out.append(text or f"column {i + 1}")
    return out


def _types(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    return [r[1] for r in con.execute(f"describe {table}").fetchall()]


# --- Parquet -------------------------------------------------------------------------------------


def _read_parquet(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    workdir = Path(tempfile.mkdtemp(prefix="cx_load_"))
    ref = f"read_parquet({_literal(str(_private_copy(path, workdir, 'source.parquet')))})"
    try:
        described = con.execute(f"describe select * from {ref}").fetchall()
    except duckdb.Error as exc:
        shutil.rmtree(workdir, ignore_errors=True)
        detail = _first_line(exc)
        raise SourceError(
            f"{path.name} cannot be read as Parquet: {detail}",
            code="unreadable_file",
            params={"file": path.name, "detail": detail},
        ) from exc
    cols = []
    for i, (name, dtype, *_rest) in enumerate(described):
        nested = any(t in dtype for t in ("STRUCT", "MAP", "[]", "UNION"))
        expr = f"cast({_quote(name)} as varchar)" if nested else _quote(name)
        cols.append(f"{expr} as c{i}")
    relation = f"(select {', '.join(cols) or '1 as c0'} from {ref})"
    types = [r[1] for r in con.execute(f"describe select * from {relation}").fetchall()]
    return Source(
        path, "parquet", relation, _headers([d[0] for d in described]), types, header_row=0, workdir=workdir
    )


# --- XLSX ----------------------------------------------------------------------------------------


def _cell_text(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e15:
        return str(int(value))
    if hasattr(value, "isoformat"):
        return (
            value.isoformat(sep=" ")
            if hasattr(value, "hour") and hasattr(value, "date")
            else value.isoformat()
        )
    return str(value)


def _read_xlsx(
    con: duckdb.DuckDBPyConnection, path: Path, table: str, sheet: str | None, limits: Limits
) -> Source:
    try:
        raw = read_table(path, sheet, limits)
    except FileRejectedError as exc:
        raise SourceError(str(exc), code=exc.code, params=exc.params) from exc
    if not raw.rows:
        raise SourceError(
            f"{path.name}: sheet {raw.sheet!r} is empty",
            code="empty_sheet",
            params={"file": path.name, "sheet": raw.sheet},
        )
    headers = _headers(raw.rows[0])
    data = raw.rows[1:]
    arrays = {
        f"c{i}": pa.array([_cell_text(r[i]) if i < len(r) else None for r in data], type=pa.string())
        for i in range(len(headers))
    }
    frame = pa.table(arrays)
    name = f"{table}_arrow"
    con.register(name, frame)
    try:
        con.execute(f"create temp table {table} as select * from {name}")
    finally:
        con.unregister(name)
    return Source(
        path,
        "xlsx",
        table,
        headers,
        _types(con, table),
        len(data),
        header_row=raw.row_numbers[0],
        sheet=raw.sheet,
        sheets=raw.sheets,
        xlsx_rows=raw.row_numbers[1:],
        owned_table=table,
    )


# --- CSV -----------------------------------------------------------------------------------------


def _detect_encoding(path: Path) -> str:
    """core.reading.detect_encoding, its refusals as SourceError."""
    try:
        return detect_encoding(path)
    except BinaryFileError as exc:
        raise _nul_error(path, exc.offset) from None
    except FileRejectedError as exc:
        raise SourceError(str(exc), code=exc.code, params=exc.params) from None


def _transcode(path: Path, encoding: str, workdir: Path) -> Path:
    """Copy a non-UTF-8 text file as UTF-8 (streamed), for DuckDB's reader."""
    target = workdir / "source.csv"
    try:
        with (
            path.open("r", encoding=encoding, newline="") as src,
            target.open("w", encoding="utf-8", newline="") as dst,
        ):
            for text in iter(lambda: src.read(CHUNK_BYTES), ""):
                if "\x00" in text:
                    raise _nul_error(path)
                dst.write(text)
    except UnicodeDecodeError as exc:
        raise SourceError(
            f"{path.name} is not valid {encoding} text (byte {exc.start}); set csv.encoding in the mapping",
            code="wrong_encoding",
            params={"file": path.name, "encoding": encoding, "byte": exc.start},
        ) from exc
    return target


def _first_line(exc: Exception) -> str:
    return str(exc).strip().split("\n")[0].split("Error: ", 1)[-1]


def _nul_error(path: Path, offset: int | None = None) -> SourceError:
    where = f" (at byte {offset:,})" if offset is not None else ""
    return SourceError(
        f"{path.name} contains a NUL byte{where}: it is a binary file, not a CSV export",
        code="binary_file",
        params={"file": path.name},
    )


def _check_nul(path: Path) -> None:
    """Refuse a NUL byte anywhere in the UTF-8 text DuckDB will read (it would be stored)."""
    offset = 0
    with path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK_BYTES), b""):
            at = chunk.find(b"\x00")
            if at >= 0:
                raise _nul_error(path, offset + at)
            offset += len(chunk)


def _csv_rows_within(con: duckdb.DuckDBPyConnection, source: Source, limits: Limits) -> int:
    """-1 when the file surely has at most max_rows data rows (it has no more lines), else the
    data rows DuckDB counts reading at most max_rows + 1 of them; never reads the whole file."""
    text_path = source.text_path or source.path
    lines, need = 0, limits.max_rows + source.header_row + 1
    with text_path.open("rb") as fh:
        for chunk in iter(lambda: fh.read(CHUNK_BYTES), b""):
            lines += max(chunk.count(b"\n"), chunk.count(b"\r"))  # LF, CRLF or CR line ends
            if lines > need:
                break
    if lines <= need:
        return -1
    for relation in (source.relation, source.fallback):
        try:
            count = int(
                con.execute(
                    f"select count(*) from (select 1 from {relation} limit {limits.max_rows + 1})"
                ).fetchall()[0][0]
            )
        except duckdb.Error:
            continue
        return count if count > limits.max_rows else -1
    return -1


def _read_csv(path: Path, delimiter: str | None, encoding: str | None) -> Source:
    given = encoding is not None  # csv.encoding of the mapping; else detected (NULs refused)
    encoding = encoding or _detect_encoding(path)
    codec = codecs.lookup(encoding).name
    workdir = Path(tempfile.mkdtemp(prefix="cx_load_"))
    try:
        if codec not in ("utf-8", "utf-8-sig"):  # DuckDB reads UTF-8 (with or without a BOM) itself
            text_path = _transcode(path, encoding, workdir)
        else:
            if given:
                _check_nul(path)
            text_path = _private_copy(path, workdir, "source.csv")
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise
    try:
        with text_path.open("r", encoding="utf-8-sig", newline="") as fh:
            sample = fh.read(SAMPLE_BYTES)
        if "\x00" in sample:
            raise _nul_error(path)
        cut = sample.rfind("\n")
        sample = sample[: cut + 1] if 0 < cut < len(sample) - 1 else sample
        delimiter = delimiter or sniff_delimiter(sample)
        skip, header = 0, None
        for record in csv.reader(io.StringIO(sample, newline=""), delimiter=delimiter):
            if record and any(c.strip() for c in record):
                header = record
                break
            skip += 1
        if header is None:
            raise SourceError(
                f"{path.name} has no header row", code="no_header_row", params={"file": path.name}
            )
        headers = _headers(header)
        columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
        base = (
            f"read_csv({_literal(str(text_path))}, delim={_literal(delimiter)}, quote='\"', "
            f"escape='\"', header=true, auto_detect=false, skip={skip}, columns={columns}"
        )
        # rows with fewer fields than the header fail the fast reader; the fallback pads them
        # (null padding needs the serial reader); rows with more fields are always an error
        return Source(
            path,
            "csv",
            f"{base}, null_padding=false)",
            headers,
            ["VARCHAR"] * len(headers),
            header_row=skip + 1,
            encoding=encoding,
            delimiter=delimiter,
            text_path=text_path,
            workdir=workdir,
            fallback=f"{base}, null_padding=true, parallel=false)",
        )
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def _csv_error(path: Path, exc: Exception, n_columns: int) -> SourceError:
    text = str(exc)
    line = re.search(r"Line: (\d+)", text)
    original = re.search(r"Original Line: (.*)", text)
    found = re.search(r"Expected Number of Columns: (\d+) Found: (\d+)", text)
    too_long = re.search(r"Maximum line size of (\d+) bytes exceeded", text)
    if too_long:
        limit = int(too_long.group(1))
        reason = f"the line is longer than the maximum of {limit:,} bytes (a cell this long is refused)"
        code, params = "line_too_long", {"file": path.name, "limit": limit}
    elif found:
        reason = (
            f"the row has {found.group(2)} fields but the header has {n_columns} columns "
            "(check the delimiter and quoting)"
        )
        code, params = (
            "wrong_field_count",
            {"file": path.name, "fields": int(found.group(2)), "header_columns": n_columns},
        )
    else:
        reason = f"cannot be read as CSV: {_first_line(exc)}"
        code, params = "unreadable_file", {"file": path.name, "detail": _first_line(exc)}
    return SourceError(
        f"{path.name}: {reason}",
        int(line.group(1)) if line else 0,
        original.group(1).strip()[:200] if original else "",
        code=code,
        params=params,
    )


def _csv_lines(path: Path, delimiter: str, wanted: set[int]) -> dict[int, int]:
    """The line each wanted data record starts on (blank lines skipped, like DuckDB's reader)."""
    out: dict[int, int] = {}
    if not wanted:
        return out
    last = max(wanted)
    with path.open("r", encoding="utf-8-sig", newline="") as fh:
        reader = csv.reader(fh, delimiter=delimiter)
        end, rec, header_seen = 0, -1, False
        for record in reader:
            start, end = end + 1, reader.line_num
            if not record:
                continue
            if not header_seen:
                if any(c.strip() for c in record):
                    header_seen = True
                continue
            rec += 1
            if rec in wanted:
                out[rec] = start
            if rec >= last:
                break
    for rec in wanted - out.keys():
        out[rec] = rec + 2
    return out
