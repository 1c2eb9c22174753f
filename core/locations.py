"""How a location a user gives (--raw, --marts, --to, CX_MARTS, CX_RAW) is told apart: a URI with
a scheme (s3a://, hdfs://, file:) or a plain path; and the local path a file: URI names."""

from __future__ import annotations

import re
from pathlib import Path

# a scheme of two or more characters, then ':/' (a one-letter 'C:/' is a Windows drive, not a scheme)
_URI = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]+):/")


def scheme(value: str) -> str | None:
    """The scheme of a URI, lowercased ('s3a' of 's3a://bucket/x', 'file' of 'file:///tmp/x');
    None for a plain path."""
    found = _URI.match(value)
    return found.group(1).lower() if found else None


def local_path(value: str) -> Path | None:
    """The local (or mounted) path a plain path or a file: URI names, as written (no
    percent-decoding: Hadoop reads 'file:///a%20b' as the folder 'a%20b' too); None for any other
    scheme (s3a://, abfss://, gs://, hdfs://) or a file: URI naming another host."""
    found = scheme(value)
    if found is None:
        return Path(value)
    if found != "file":
        return None
    rest = value[len(found) + 1 :]
    if rest.startswith("//"):
        host, slash, path = rest[2:].partition("/")
        if host not in ("", "localhost"):
            return None
        rest = slash + path
    return Path(rest or "/")
