"""Open a CSV export as a Source read by DuckDB: the encoding detected (or given) and the text
made UTF-8, NUL bytes refused, the header row and delimiter found, and the rows counted up to
the limit without reading the whole file."""

from __future__ import annotations

import codecs
import csv
import io
import shutil
import tempfile
from pathlib import Path

import duckdb

from core.csv_reader import sniff_delimiter
from core.reading import FileRejectedError, Limits
from core.text_encoding import BinaryFileError, detect_encoding
from pipelines.loaders.duckdb_paths import private_copy, sql_literal
from pipelines.loaders.source import Source, SourceError, header_names

SAMPLE_BYTES = 1 << 16
CHUNK_BYTES = 1 << 22


def _detect_encoding(path: Path) -> str:
    """core.text_encoding.detect_encoding, its refusals as SourceError."""
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


def csv_rows_within(con: duckdb.DuckDBPyConnection, source: Source, limits: Limits) -> int:
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


def read_csv_source(path: Path, delimiter: str | None, encoding: str | None) -> Source:
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
            text_path = private_copy(path, workdir, "source.csv")
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
        headers = header_names(header)
        columns = "{" + ", ".join(f"'c{i}': 'VARCHAR'" for i in range(len(headers))) + "}"
        base = (
            f"read_csv({sql_literal(str(text_path))}, delim={sql_literal(delimiter)}, quote='\"', "
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
