"""Text from files (file names, sheet names, headers, cells) made safe to print on one line.

A file name may hold a newline, a tab, an escape sequence or a right-to-left override; printed raw,
it forges a line in `python -m pipelines batches`, splits a tab-separated column or recolours the
terminal. `printable` escapes every control and format character the way Python's repr does
(`\\n`, `\\t`, `\\x1b`, `\\u202e`) and doubles a backslash, so the printed text is unambiguous and
stays on one line; ordinary letters (ä, é, 東) are kept. No Streamlit import.
"""

from __future__ import annotations

import unicodedata

_NAMED = {"\n": "\\n", "\r": "\\r", "\t": "\\t", "\\": "\\\\"}
MAX_LINE = 500


def _escape(ch: str) -> str:
    if ch in _NAMED:
        return _NAMED[ch]
    return _control(ch)


def _control(ch: str) -> str:
    if unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp"):  # Cs: undecodable bytes
        code = ord(ch)
        return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"
    return ch


def printable(value: object, backslash: bool = True) -> str:
    """The text with control/format characters escaped (one line, no tabs); a backslash is doubled
    unless ``backslash`` is False (the Markdown escaper escapes it its own way)."""
    text = "" if value is None else str(value)
    if text.isprintable() and (not backslash or "\\" not in text):
        return text
    if backslash:
        return "".join(_escape(ch) for ch in text)
    return "".join(ch if ch == "\\" else _escape(ch) for ch in text)


def one_line(value: object, limit: int = MAX_LINE) -> str:
    """A message on one line: line breaks and tabs become spaces (runs collapsed), other control
    characters are escaped, and the result is cut to ``limit`` characters."""
    text = " ".join(("" if value is None else str(value)).split())
    text = "".join(ch if ch.isprintable() else _escape(ch) for ch in text)
    return text if len(text) <= limit else text[: limit - 1] + "…"
