"""Inspect an .xlsx archive before any XML parser sees it; refuse what could hang or exhaust memory.

The reader (python-calamine) parses a whole sheet into a dense grid of rows x columns, and reads
the shared-strings table whole when the workbook opens. So before it runs, ``inspect``
walks the zip itself:

- the central directory: number of entries, declared sizes, encryption, compression methods;
- every entry is decompressed here from its raw deflate data (never trusting the declared size),
  counting the bytes and stopping at the caps: total unpacked size, per-entry compression ratio,
  shared strings and comments part sizes; the real size must equal the declared one;
- every part is scanned as bytes (calamine may be pointed at any of them) by
  core.xlsx_part_scan: no entity declarations, UTF-8 only, text runs, rows, cells and the grid
  area within the limits.

Entries are read in 1 MiB chunks, so memory stays flat whatever the file holds. Every refusal
raises ``Refused`` (core.xlsx_part_scan) with a one-line reason; core.xlsx_table turns it into a
FileRejectedError naming the file.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from core.xlsx_part_scan import PartScanner, Refused, SheetStats

if TYPE_CHECKING:
    from core.reading import Limits

MAX_ENTRIES = 10_000
CHUNK = 1 << 20
RATIO_FLOOR_BYTES = 10 * 1024 * 1024  # entries smaller than this unpacked skip the ratio check
SHARED_STRINGS_MAX_BYTES = 256 * 1024 * 1024
COMMENTS_MAX_BYTES = 16 * 1024 * 1024


def _entry_chunks(fh: BinaryIO, info: zipfile.ZipInfo, cap: int, what: str) -> Iterator[bytes]:
    """The real (decompressed) bytes of one entry from its raw data, at most `cap` in total."""
    fh.seek(info.header_offset)
    head = fh.read(30)
    if len(head) < 30 or head[:4] != b"PK\x03\x04":
        raise Refused(f"entry {what} has a broken local header")
    name_len, extra_len = struct.unpack("<HH", head[26:30])
    fh.seek(info.header_offset + 30 + name_len + extra_len)
    left = info.compress_size
    total = 0
    if info.compress_type == zipfile.ZIP_STORED:
        while left > 0:
            data = fh.read(min(CHUNK, left))
            if not data:
                break
            left -= len(data)
            total += len(data)
            if total > cap:
                raise Refused(f"entry {what} unpacks to more than {cap:,} bytes (limit)")
            yield data
    elif info.compress_type == zipfile.ZIP_DEFLATED:
        inflater = zlib.decompressobj(-15)
        while not inflater.eof:
            if inflater.unconsumed_tail:
                raw = inflater.unconsumed_tail
            elif left > 0:
                raw = fh.read(min(CHUNK, left))
                left -= len(raw)
                if not raw:
                    break
            else:
                break
            try:
                data = inflater.decompress(raw, CHUNK)
            except zlib.error as exc:
                raise Refused(f"entry {what} holds broken compressed data ({exc})") from None
            total += len(data)
            if total > cap:
                raise Refused(f"entry {what} unpacks to more than {cap:,} bytes (limit)")
            if data:
                yield data
        if not inflater.eof:
            raise Refused(f"entry {what} is truncated")
    else:
        raise Refused(
            f"entry {what} uses compression method {info.compress_type}, which is not "
            "accepted (only stored and deflate)"
        )
    if total != info.file_size:
        raise Refused(f"entry {what} declares {info.file_size:,} bytes but unpacks to {total:,}")


def _part_cap(name: str, limits: Limits) -> int:
    lower = name.lower()
    if "sharedstrings" in lower:
        return min(SHARED_STRINGS_MAX_BYTES, limits.max_uncompressed_bytes)
    if "comment" in lower:
        return min(COMMENTS_MAX_BYTES, limits.max_uncompressed_bytes)
    return limits.max_uncompressed_bytes


def declared_entries(path: Path) -> int | None:
    """The entry count in the zip's end-of-central-directory record (zip64 aware), read before
    zipfile builds an object per entry; None when there is no such record."""
    with path.open("rb") as fh:
        fh.seek(0, 2)
        size = fh.tell()
        fh.seek(max(0, size - 65_557))
        tail = fh.read()
    at = tail.rfind(b"PK\x05\x06")
    if at < 0 or at + 22 > len(tail):
        return None
    count = struct.unpack_from("<H", tail, at + 10)[0]
    if count == 0xFFFF:  # zip64: the locator just before the record points at the zip64 record
        loc = tail.rfind(b"PK\x06\x07", 0, at)
        if loc < 0:
            return None
        offset = struct.unpack_from("<Q", tail, loc + 8)[0]
        with path.open("rb") as fh:
            fh.seek(offset)
            record = fh.read(56)
        if record[:4] != b"PK\x06\x06" or len(record) < 56:
            return None
        count = struct.unpack_from("<Q", record, 32)[0]
    return count


def check_entry_count(path: Path) -> None:
    """Refuse an archive with more than MAX_ENTRIES entries before its directory is parsed."""
    count = declared_entries(path)
    if count is not None and count > MAX_ENTRIES:
        raise Refused(f"holds {count:,} zip entries, over the limit of {MAX_ENTRIES:,}")


def inspect(path: Path, limits: Limits) -> dict[str, SheetStats]:
    """Run every check; returns the scan's findings per XML part. Raises Refused or BadZipFile."""
    check_entry_count(path)
    with zipfile.ZipFile(path) as zf:
        infos = zf.infolist()
    if len(infos) > MAX_ENTRIES:
        raise Refused(f"holds {len(infos):,} zip entries, over the limit of {MAX_ENTRIES:,}")
    declared = sum(i.file_size for i in infos)
    if declared > limits.max_uncompressed_bytes:
        raise Refused(
            f"would expand to {declared:,} bytes, over the limit of "
            f"{limits.max_uncompressed_bytes:,} (possible zip bomb)"
        )
    for info in infos:
        if (
            info.file_size > RATIO_FLOOR_BYTES
            and info.file_size / max(info.compress_size, 1) > limits.max_compression_ratio
        ):
            raise Refused(
                f"entry {info.filename[:80]!r} declares a compression ratio of "
                f"{info.file_size / max(info.compress_size, 1):.0f}:1 (possible zip bomb)"
            )
    found: dict[str, SheetStats] = {}
    total = 0
    with path.open("rb") as fh:
        for info in infos:
            what = repr(info.filename[:80])
            if info.flag_bits & 0x1:
                raise Refused(f"entry {what} is password-protected")
            cap = _part_cap(info.filename, limits)
            if info.file_size > cap:
                raise Refused(f"entry {what} declares {info.file_size:,} bytes, over the limit of {cap:,}")
            scanner = PartScanner(info.filename[:80], limits)  # every part: calamine
            size = 0  # may be pointed at any of them
            for chunk in _entry_chunks(fh, info, min(cap, limits.max_uncompressed_bytes - total), what):
                size += len(chunk)
                if (
                    size > RATIO_FLOOR_BYTES
                    and size / max(info.compress_size, 1) > limits.max_compression_ratio
                ):
                    raise Refused(
                        f"entry {what} unpacks at a ratio above "
                        f"{limits.max_compression_ratio:.0f}:1 (possible zip bomb)"
                    )
                scanner.feed(chunk)
            total += size
            found[info.filename] = scanner.close()
    return found
