"""Compressed exports (.csv.gz, a .zip holding one file): unpacked to a temporary file, with limits.

Both importers (surveys and systems loads) call ``unpacked(path, limits)`` before reading. A plain
file, and an .xlsx (a zip too, but a workbook), pass through unchanged. The limits are those of
XLSX workbooks: at most ``limits.max_uncompressed_bytes`` unpacked and, above 10 MB, a compression
ratio of at most ``limits.max_compression_ratio``; sizes are counted while decompressing, so a
member that lies about its size in the zip directory is stopped all the same.
"""

from __future__ import annotations

import gzip
import shutil
import tempfile
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from core.reading import FileRejectedError, Limits

GZIP_MAGIC = b"\x1f\x8b"
ZIP_MAGIC = b"PK\x03\x04"
CHUNK = 1 << 20
RATIO_FLOOR_BYTES = 10 * 1024 * 1024  # below this much unpacked data the ratio is not checked
WORKBOOK_MEMBERS = ("[Content_Types].xml", "xl/workbook.xml")
DATA_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm", ".parquet")


@dataclass(frozen=True)
class Unpacked:
    """The file to read (``path``) and what it came from."""

    path: Path  # the plain file: the input itself, or the member unpacked to a temp dir
    original: Path  # the file the user gave
    member: str | None  # name inside the archive ('' for gzip), None when not compressed

    @property
    def compressed(self) -> bool:
        return self.member is not None

    def describe(self) -> str:
        """'reviews.csv.gz (gzip)', 'export.zip: reviews.csv', or the file name."""
        if self.member is None:
            return self.original.name
        return f"{self.original.name} (gzip)" if self.member == "" else f"{self.original.name}: {self.member}"


def _head(path: Path) -> bytes:
    with path.open("rb") as fh:
        return fh.read(4)


def compression_of(path: Path) -> str | None:
    """'gzip', 'zip' (an archive that is not a workbook) or None."""
    head = _head(path)
    if head.startswith(GZIP_MAGIC):
        return "gzip"
    if head.startswith(ZIP_MAGIC):
        _check_entries(path)
        try:
            with zipfile.ZipFile(path) as zf:
                names = set(zf.namelist())
        except zipfile.BadZipFile:
            return None  # the reader reports the broken file
        return None if any(m in names for m in WORKBOOK_MEMBERS) else "zip"
    return None


@contextmanager
def unpacked(path: str | Path, limits: Limits = Limits()) -> Iterator[Unpacked]:
    """Yield the plain file to read; a temporary copy (removed afterwards) for .gz and .zip input.

    Raises FileRejectedError naming the file for a broken archive, an archive with no or several
    data files, nested compression, or content over the limits.
    """
    path = Path(path)
    kind = compression_of(path) if path.is_file() else None
    if kind is None:
        yield Unpacked(path, path, None)
        return
    workdir = Path(tempfile.mkdtemp(prefix="cx_unpack_"))
    try:
        if kind == "gzip":
            inner = _inner_name(path.name)
            with gzip.open(path, "rb") as src:
                target = _copy_limited(src, workdir / inner, path, path.stat().st_size, limits)
            member = ""
        else:
            target, member = _unzip_one(path, workdir, limits)
        if _head(target).startswith(GZIP_MAGIC) or (
            _head(target).startswith(ZIP_MAGIC) and compression_of(target) == "zip"
        ):
            raise FileRejectedError(
                f"{path.name}: holds another compressed file; unpack it once "
                "and give the CSV, XLSX or Parquet file (or one level of .gz/.zip)",
                code="nested_archive",
                params={"file": path.name},
            )
        yield Unpacked(target, path, member)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


def _check_entries(path: Path) -> None:
    """Refuse a zip with more entries than a workbook may have, before zipfile parses its
    directory (millions of tiny entries would cost gigabytes of ZipInfo objects)."""
    from core.xlsx_guard import check_entry_count
    from core.xlsx_part_scan import Refused

    try:
        check_entry_count(path)
    except Refused as exc:
        raise FileRejectedError(
            f"{path.name}: {exc}", code="xlsx_refused", params={"file": path.name, "detail": str(exc)}
        ) from None


def _inner_name(name: str) -> str:
    """reviews.csv.gz -> reviews.csv; reviews.gz -> reviews.csv (a gzip holds no name we trust)."""
    stem = name[:-3] if name.lower().endswith(".gz") else name
    stem = PurePosixPath(stem).name or "data"
    return stem if stem.lower().endswith(DATA_SUFFIXES) else stem + ".csv"


def _unzip_one(path: Path, workdir: Path, limits: Limits) -> tuple[Path, str]:
    try:
        with zipfile.ZipFile(path) as zf:
            members = [
                i
                for i in zf.infolist()
                if not i.is_dir()
                and not i.filename.startswith("__MACOSX/")
                and not PurePosixPath(i.filename).name.startswith(".")
            ]
            if not members:
                raise FileRejectedError(
                    f"{path.name}: the zip archive holds no file",
                    code="empty_zip",
                    params={"file": path.name},
                )
            if len(members) > 1:
                listed = ", ".join(i.filename for i in members[:5])
                raise FileRejectedError(
                    f"{path.name}: the zip archive holds {len(members)} files "
                    f"({listed}{', ...' if len(members) > 5 else ''}); "
                    "give one file per import",
                    code="zip_many_files",
                    params={
                        "file": path.name,
                        "count": len(members),
                        "files": listed + (", ..." if len(members) > 5 else ""),
                    },
                )
            info = members[0]
            if info.flag_bits & 0x1:
                raise FileRejectedError(
                    f"{path.name}: {info.filename} is password-protected",
                    code="zip_password",
                    params={"file": path.name, "member": info.filename},
                )
            if info.file_size > limits.max_uncompressed_bytes:
                raise _too_big(path, info.file_size, limits)
            name = PurePosixPath(info.filename).name  # never a path out of the temp directory
            with zf.open(info) as src:
                target = _copy_limited(src, workdir / name, path, path.stat().st_size, limits)
            return target, info.filename
    except zipfile.BadZipFile as exc:
        raise FileRejectedError(
            f"{path.name}: is not a valid zip archive ({exc})",
            code="not_zip",
            params={"file": path.name, "detail": str(exc)},
        ) from exc
    except NotImplementedError as exc:  # e.g. a compression method Python cannot read
        raise FileRejectedError(
            f"{path.name}: cannot be unpacked ({exc})",
            code="unpack_failed",
            params={"file": path.name, "detail": str(exc)},
        ) from exc


def _copy_limited(src: BinaryIO, target: Path, original: Path, packed: int, limits: Limits) -> Path:
    """Stream src into target, stopping as soon as the size or the ratio limit is passed."""
    written = 0
    try:
        with target.open("wb") as dst:
            for chunk in iter(lambda: src.read(CHUNK), b""):
                written += len(chunk)
                if written > limits.max_uncompressed_bytes:
                    raise _too_big(original, written, limits)
                if written > RATIO_FLOOR_BYTES and written / max(packed, 1) > limits.max_compression_ratio:
                    raise FileRejectedError(
                        f"{original.name}: unpacks at a ratio above {limits.max_compression_ratio:.0f}:1 "
                        "(possible zip bomb); nothing was read",
                        code="zip_bomb",
                        params={"file": original.name, "ratio": round(limits.max_compression_ratio)},
                    )
                dst.write(chunk)
    except (OSError, EOFError, zlib.error) as exc:
        if isinstance(exc, FileRejectedError):
            raise
        raise FileRejectedError(
            f"{original.name}: the compressed data is broken ({exc})",
            code="unpack_failed",
            params={"file": original.name, "detail": str(exc)},
        ) from exc
    if written == 0:
        raise FileRejectedError(
            f"{original.name}: the compressed file is empty",
            code="file_empty",
            params={"file": original.name},
        )
    return target


def _too_big(path: Path, size: int, limits: Limits) -> FileRejectedError:
    return FileRejectedError(
        f"{path.name}: unpacks to more than {limits.max_uncompressed_bytes:,} bytes "
        f"({size:,} so far), over the limit; nothing was read",
        code="unpacks_too_large",
        params={"file": path.name, "limit": limits.max_uncompressed_bytes},
    )
