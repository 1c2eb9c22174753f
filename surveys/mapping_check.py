"""Check a survey mapping against the file before its rows are validated: the mapped columns
exist, a score and a response time are mapped, and each score column's scale fits its metric."""

from __future__ import annotations

from core.metrics import SCALES, ScaleMismatchError, check_scale
from core.timezones import zone_problem
from surveys.date_formats import format_problem
from surveys.formats import FlatTable
from surveys.mapping import Mapping, scale_hint


def check_mapping(mapping: Mapping, table: FlatTable) -> None:
    """Mapped columns must exist; a score column whose header states another scale is refused."""
    missing = [
        c
        for c in [
            *mapping.scores,
            mapping.response_id,
            mapping.customer_id,
            mapping.journey_id,
            mapping.responded_at,
            mapping.comment,
            mapping.channel,
            mapping.touchpoint,
            mapping.language,
            *mapping.segments,
        ]
        if c and c not in table.headers
    ]
    if missing:
        raise KeyError(f"mapped columns not in the file: {', '.join(missing)}")
    if not mapping.scores:
        raise ValueError("no score column is mapped")
    if not mapping.responded_at:
        raise ValueError("no response time column is mapped")
    if mapping.timezone and zone_problem(mapping.timezone):
        raise ValueError(f"timezone: {zone_problem(mapping.timezone)}")
    if format_problem(mapping.date_format):
        raise ValueError(f"date format: {format_problem(mapping.date_format)}")
    for column, metric in mapping.scores.items():
        if metric not in SCALES:
            raise ValueError(f"unknown metric {metric!r} for column {column!r}")
        hint = scale_hint(column)
        if hint:
            try:
                check_scale(metric, *hint)
            except ScaleMismatchError as exc:
                raise ScaleMismatchError(f"column {column!r}: {exc}") from exc
