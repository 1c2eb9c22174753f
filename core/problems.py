"""A problem found in one row of a user's file, and the row report a user downloads."""

from __future__ import annotations

from dataclasses import dataclass

from core.safe_cells import safe_csv_text


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # the row number the user sees in the file (sheet row / CSV line)
    column: str
    value: str
    reason: str


def report_csv(problems: list[Problem]) -> str:
    """The row report as CSV text (row, column, value, reason); text cells that a spreadsheet would
    run as a formula are neutralised (core.safe_cells)."""
    return safe_csv_text(
        ((p.row, p.column, p.value, p.reason) for p in problems), ["row", "column", "value", "reason"]
    )
