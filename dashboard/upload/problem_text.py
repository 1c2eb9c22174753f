"""The row report in the page's language: a problem's reason written from its code and params
(core.problems; texts "problem_<code>" in dashboard/text/problems.py), the problems table and the
downloadable CSV. The English `reason` of the importers is the fallback for a problem without a
code (or a code without a text), so nothing is ever lost.

Values from the user's file (cells, column and file names) are put into the text as they are: the
page shows reasons in a dataframe (plain text, never Markdown) and the CSV neutralises formula
cells (core.safe_cells)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime
from typing import Any

import pandas as pd

from core.problems import PROBLEM_CODES, Problem, report_csv
from dashboard import i18n
from dashboard.i18n import LangCode, t

_LISTS = ("choices", "columns")  # tuples of values from the file or the target, joined with commas


def _param(name: str, value: Any, code: LangCode) -> str:
    """One param as the text shows it: numbers in the language's notation, names of metrics,
    fields and date orders in the language, times as the page writes them."""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, int):
        return i18n.fmt_int(value, lang_code=code)
    if name == "metric":
        return i18n.metric_label(str(value), lang_code=code)
    if name == "field":
        key = f"upl_sys_field_{value}"
        return t(key, code) if i18n.has(key) else str(value)
    if name in ("order", "other_order"):
        key = f"problem_order_{value}"
        return t(key, code) if i18n.has(key) else str(value)
    if name == "formats":
        given = ", ".join(str(f) for f in value)  # "A, B or ISO 8601 (…)"
        return (given + t("problem_or", code) if given else "") + t("problem_time_iso", code)
    if name in _LISTS and isinstance(value, (tuple, list)):
        return ", ".join(str(v) for v in value)
    if name == "time":
        try:
            return i18n.fmt_datetime(datetime.strptime(str(value), "%Y-%m-%d %H:%M"), lang_code=code)
        except ValueError:
            return str(value)
    return str(value)


def reason_text(problem: Problem, lang: LangCode | None = None) -> str:
    """The problem's reason in `lang` (the page's language by default)."""
    code = lang or i18n.lang()
    key = f"problem_{problem.code}"
    if problem.code not in PROBLEM_CODES or not i18n.has(key):
        return problem.reason
    params = {name: _param(name, value, code) for name, value in problem.params}
    try:
        return t(key, code, **params)
    except (KeyError, IndexError, ValueError):  # params that do not fit the text: the English reason
        return problem.reason


def rejection_text(exc: Exception, lang: LangCode | None = None) -> str:
    """Why a file was refused (core.reading.FileRejectedError), in `lang`: from its problem code
    when it has one, else its English message."""
    code, params = getattr(exc, "code", ""), getattr(exc, "params", {})
    if not code:
        return str(exc)
    return reason_text(Problem(0, "", "", str(exc), code=code, params=params), lang)


def _headers(lang: LangCode | None) -> list[str]:
    return [
        t(k, lang) for k in ("upload_col_row", "upload_col_column", "upload_col_value", "upload_col_reason")
    ]


def problem_frame(problems: Sequence[Problem], limit: int, lang: LangCode | None = None) -> pd.DataFrame:
    """The first `limit` problems as the page's table (row, column, value, reason)."""
    return pd.DataFrame(
        [(p.row, p.column, p.value, reason_text(p, lang)) for p in problems[:limit]],
        columns=_headers(lang),
    )


def problem_report_csv(problems: Iterable[Problem], lang: LangCode | None = None) -> str:
    """The row report to download: reasons in the page's language, formula-safe cells; the column
    names are the CLI's (row, column, value, reason) in English, so scripts read both alike."""
    code = lang or i18n.lang()
    return report_csv(problems, lambda p: reason_text(p, code), None if code == "en" else _headers(code))
