"""A problem found in one row of a user's file, and the row report a user downloads.

Each problem has an English `reason` (the CLI, the logs and the CLI's row report) and a stable
`code` with the `params` its text needs, so the dashboard can write the reason in the page's
language (dashboard/upload/problem_text.py, texts in dashboard/text/problems.py). PROBLEM_CODES
lists every code and the names of its params; tests/test_problem_texts.py checks that every
producer uses a listed code with exactly those params and that every code has its texts.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from core.safe_cells import safe_csv_text

# code -> the names of its params (the values are ints, text or tuples of text, never formatted)
PROBLEM_CODES: dict[str, tuple[str, ...]] = {
    # survey rows (surveys/validate.py)
    "missing_response_id": (),
    "repeated_response": ("first_row", "row"),
    "duplicate_response_id": ("first_row", "row"),
    "missing_customer_id": (),
    "missing_date": (),
    "unparseable_date": (),
    "date_order_mixed": ("order", "other_order", "evidence_row", "evidence_value"),
    "not_a_score": ("metric",),
    "score_outside_scale": ("metric", "low", "high"),
    # systems rows (pipelines/loaders/checks.py, analyse.py)
    "unparseable_time": ("field", "formats"),
    "unknown_choice": ("field", "choices"),
    "not_yes_no": ("field",),
    "not_a_number": ("field",),
    "unreadable_value": ("field",),
    "missing_value": ("field",),
    "not_whole_number": ("field",),
    "negative_number": ("field",),
    "implausibly_large": ("field", "limit"),
    "closed_before_opened": ("time",),
    "answered_before_asked": ("time",),
    "answered_never_asked": (),
    "duplicate_key": ("field", "other_row"),
    "duplicate_generated_event": ("other_row",),
    "more_problems": ("count",),
    # the file as a whole (pipelines/loaders/analyse.py, load.py, source.py)
    "mapped_column_not_in_file": ("field", "column", "columns"),
    "required_key_missing": ("field", "columns"),
    "required_column_missing": ("field", "columns"),
    "too_many_rows": ("file", "rows", "limit"),
    "no_data_rows": (),
    "no_valid_rows": (),
    "no_responses": (),
    "file_not_found": ("file",),
    "file_empty": ("file",),
    "file_too_large": ("file", "size", "limit"),
    "file_rejected": ("detail",),
    "empty_zip": ("file",),
    "not_xlsx": ("file",),
    "not_parquet": ("file",),
    "old_xls": ("file",),
    "binary_file": ("file",),
    "wrong_encoding": ("file", "encoding", "byte"),
    "no_header_row": ("file",),
    "empty_sheet": ("file", "sheet"),
    "over_row_limit": ("file", "limit"),
    # a file refused before it is read as a table (core/table_reader.py, core/compressed.py)
    "utf16_undecodable": ("file",),
    "control_characters": ("file",),
    "cell_too_long": ("file", "row", "limit"),
    "xlsx_refused": ("file", "detail"),
    "no_such_sheet": ("file", "sheet", "sheets"),
    "nested_archive": ("file",),
    "zip_many_files": ("file", "count", "files"),
    "zip_password": ("file", "member"),
    "not_zip": ("file", "detail"),
    "unpack_failed": ("file", "detail"),
    "zip_bomb": ("file", "ratio"),
    "unpacks_too_large": ("file", "limit"),
    "line_too_long": ("file", "limit"),
    "wrong_field_count": ("file", "fields", "header_columns"),
    "unreadable_file": ("file", "detail"),
}


Params = tuple[tuple[str, Any], ...]


@dataclass(frozen=True, slots=True)
class Problem:
    row: int  # the row number the user sees in the file (sheet row / CSV line)
    column: str
    value: str
    reason: str  # English, as the CLI shows it
    code: str = ""  # a PROBLEM_CODES key ("" only for a problem from outside the importers)
    params: Params = ()  # the values the code's text needs; a dict is accepted and stored sorted

    def __post_init__(self) -> None:
        if isinstance(self.params, Mapping):
            object.__setattr__(self, "params", _params(self.params))

    @property
    def args(self) -> dict[str, Any]:
        """The params as a dict."""
        return dict(self.params)


def _params(values: Mapping[str, Any]) -> Params:
    return tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in values.items()))


def report_csv(
    problems: Iterable[Problem],
    reason: Any = None,
    header: list[str] | None = None,
) -> str:
    """The row report as CSV text (row, column, value, reason); text cells that a spreadsheet would
    run as a formula are neutralised (core.safe_cells). `reason(problem)` writes the reason (the
    English `reason` by default) and `header` replaces the English column names (the dashboard
    passes both in the page's language)."""
    text = reason or (lambda p: p.reason)
    return safe_csv_text(
        ((p.row, p.column, p.value, text(p)) for p in problems),
        header or ["row", "column", "value", "reason"],
    )
