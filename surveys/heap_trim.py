"""Give freed heap pages back to the system after large frees (glibc malloc_trim; a no-op elsewhere)."""

from __future__ import annotations

import ctypes
import ctypes.util


def give_back_memory() -> None:
    """Return freed heap pages to the system (glibc malloc_trim; nothing elsewhere): without it the
    process keeps the peak of the whole-file checks while the rows are released."""
    if _LIBC is not None:
        _LIBC.malloc_trim(0)


def _libc() -> ctypes.CDLL | None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        return libc if hasattr(libc, "malloc_trim") else None
    except OSError:
        return None


_LIBC = _libc()
