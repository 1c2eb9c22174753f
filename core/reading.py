"""What the file readers share: the limits a file is held to (Limits), the refusal they raise
(FileRejectedError) and the table of raw cells they return (RawTable). The readers:
core.table_reader (a CSV or XLSX file), core.csv_reader, core.xlsx_table; core.text_encoding."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Literal

Cell = Any  # str | int | float | datetime | None


class FileRejectedError(ValueError):
    """The file cannot be read safely; the message names the file and the reason (English, for the
    command line). ``code`` and ``params`` let a page say it in its own language
    (core.problems codes, texts in dashboard/text/problems.py); without a code it is shown as its
    message."""

    def __init__(self, message: str, *, code: str = "", params: dict | None = None):
        super().__init__(message)
        self.code, self.params = code, params or {}  # a core.problems code and its params


@dataclass(frozen=True)
class Limits:
    """Refuse files above these sizes; env CX_MAX_UPLOAD_MB / CX_MAX_ROWS override (from_env)."""

    max_bytes: int = 200 * 1024 * 1024
    max_rows: int = 2_000_000
    max_uncompressed_bytes: int = 1024 * 1024 * 1024  # XLSX: sum of uncompressed zip members
    max_compression_ratio: float = 200.0
    max_cells: int = 10_000_000  # XLSX: cells per sheet, and highest row x highest column
    max_cell_chars: int = 131_072  # one cell (CSV: Python csv's field limit; XLSX: x8 XML bytes)
    max_shared_strings: int = 5_000_000  # XLSX: entries of the shared-strings table

    @classmethod
    def from_env(cls, max_mb: float | None = None, max_rows: int | None = None) -> Limits:
        """Defaults, overridden by env CX_MAX_UPLOAD_MB and CX_MAX_ROWS, then by the arguments."""
        base = cls()
        mb = max_mb if max_mb is not None else _env_number("CX_MAX_UPLOAD_MB")
        rows = max_rows if max_rows is not None else _env_number("CX_MAX_ROWS")
        for name, value in (("maximum upload size (MB)", mb), ("maximum rows", rows)):
            if value is not None and not value > 0:
                raise ValueError(f"{name} must be a positive number, got {value!r}")
        return replace(
            base,
            max_bytes=int(mb * 1024 * 1024) if mb is not None else base.max_bytes,
            max_rows=int(rows) if rows is not None else base.max_rows,
        )


def _env_number(name: str) -> float | None:
    """A positive number from the environment variable `name`; None when unset or blank."""
    import os

    text = os.environ.get(name, "").strip()
    if not text:
        return None
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        raise ValueError(f"{name} must be a positive number, got {text!r}") from None
    if not value > 0:
        raise ValueError(f"{name} must be a positive number, got {text!r}")
    return value


@dataclass
class RawTable:
    """All non-empty rows of one CSV file or one XLSX sheet, with the row numbers the user sees."""

    source: str
    rows: list[list[Cell]]
    row_numbers: list[int]
    kind: Literal["csv", "xlsx"] = "csv"
    encoding: str | None = None
    delimiter: str | None = None
    sheet: str | None = None
    sheets: list[str] = field(default_factory=list)


def reject(path: Path, reason: str, *, code: str = "", params: dict | None = None) -> FileRejectedError:
    """A FileRejectedError whose message names the file, then the reason."""
    return FileRejectedError(f"{path.name}: {reason}", code=code, params=params)
