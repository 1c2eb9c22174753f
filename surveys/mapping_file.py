"""Survey mapping files (YAML), in the style of the systems loaders' mapping files (docs/loading.md).

    kind: surveys
    description: Web shop reviews
    survey: reviews
    columns: {response_id: review_id, customer_id: client, journey_id: order_ref,
              responded_at: answered_at, comment: review_comment}
    scores:
      satisfaction_1_to_5: {metric: csat, scale: 1-5}
    segments: [region]
    date_format: dmy          # mdy | dmy | ymd | a strptime format; default: decided from the column
    timezone: America/Sao_Paulo

Every problem is listed with its key path and the file name. A scale that is not the metric's own
(NPS 0-10, CSAT 1-5, CES 1-7) is refused: scores are never rescaled.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from core.metrics import SCALES
from core.printable import printable
from core.yaml_model import listing
from core.yaml_text import YamlMappingError, load_mapping_yaml, load_text, read_mapping_yaml
from surveys.formats import FlatTable
from surveys.mapping import ROLES, Mapping
from surveys.mapping_model import (
    KIND,
    SCORE_KEYS,
    TOP_LEVEL_KEYS,
    SurveyMappingFile,
    parse_scale,
    scale_problem,
)

__all__ = [
    "KIND",
    "SCORE_KEYS",
    "TOP_LEVEL_KEYS",
    "MappingFileError",
    "apply_metric",
    "fit_to_table",
    "mapping_from_dict",
    "mapping_to_dict",
    "mapping_to_yaml",
    "match_header",
    "parse_scale",
    "read_mapping_file",
    "read_mapping_text",
    "scale_problem",
]


class MappingFileError(ValueError):
    """The survey mapping file is invalid; the message lists every problem with its key path."""


def read_mapping_file(path: str | Path) -> Mapping:
    """Read and validate a survey mapping file."""
    try:
        data = read_mapping_yaml(path)  # bounded: size, aliases, nodes, depth (core.yaml_text)
    except YamlMappingError as exc:
        raise MappingFileError(str(exc)) from exc
    return mapping_from_dict(data, Path(path).name)


def read_mapping_text(text: str, source: str = "mapping") -> Mapping:
    """Validate a mapping given as YAML text (the Upload page's uploaded file)."""
    try:
        data = load_mapping_yaml(text, source)
    except YamlMappingError as exc:
        raise MappingFileError(str(exc)) from exc
    return mapping_from_dict(data, source)


def mapping_from_dict(data: Any, source: str = "mapping") -> Mapping:
    """Validate a dict in the mapping file's shape (surveys/mapping_model.py); MappingFileError
    lists every problem."""
    try:
        doc = SurveyMappingFile.model_validate(data)
    except ValidationError as exc:
        raise MappingFileError(listing(f"{source}: invalid mapping:", exc, data)) from None
    mapping = Mapping(
        survey=doc.survey,
        scores={h: s.metric for h, s in doc.scores.items()},
        segments=list(doc.segments),
        date_format=doc.date_format,
        timezone=doc.timezone,
    )
    for role in ROLES:
        setattr(mapping, role, getattr(doc.columns, role))
    return mapping


def _key(text: str) -> str:
    return re.sub(r"[\W_]+", "", text.lower())


def match_header(name: str, table: FlatTable) -> str | None:
    """The file's header a mapping names: exact, else ignoring case and punctuation, else the
    tool's column id (Qualtrics 'Q1' for 'Q1: How likely ...')."""
    if name in table.headers:
        return name
    key = _key(name)
    for header in table.headers:
        if _key(header) == key:
            return header
    for i, column_id in enumerate(table.ids):
        if column_id and column_id.strip().lower() == name.strip().lower():
            return table.headers[i]
    return None


def fit_to_table(mapping: Mapping, table: FlatTable, source: str, file_name: str) -> Mapping:
    """The mapping with its headers resolved in the file; every missing one listed at once."""
    errors: list[str] = []
    out = Mapping(survey=mapping.survey, date_format=mapping.date_format, timezone=mapping.timezone)

    def resolve(name: str, where: str) -> str | None:
        found = match_header(name, table)
        if found is None:
            errors.append(f"{where}: {name!r} is not a column of {file_name}")
        return found

    for role in ROLES:
        name = getattr(mapping, role)
        if name:
            setattr(out, role, resolve(name, f"columns.{role}"))
    for name, metric in mapping.scores.items():
        found = resolve(name, f"scores.{name}")
        if found:
            out.scores[found] = metric
    for i, name in enumerate(mapping.segments):
        found = resolve(name, f"segments[{i}]")
        if found:
            out.segments.append(found)
    if errors:
        shown = ", ".join(table.headers[:40]) + (", ..." if len(table.headers) > 40 else "")
        raise MappingFileError(
            f"{source}: does not fit {file_name}:\n"
            + "\n".join(f"  - {e}" for e in errors)
            + f"\n  the columns of {file_name} are: {shown}"
        )
    return out


def apply_metric(mapping: Mapping, metric: str | None, scale: str | None) -> Mapping:
    """--metric/--scale: set (and check) the metric of the mapping's single score column."""
    if metric is None and scale is None:
        return mapping
    if metric is not None and metric.lower() not in SCALES:
        raise MappingFileError(f"--metric: {metric!r} is not one of nps, csat, ces")
    if len(mapping.scores) != 1:
        listed = ", ".join(mapping.scores) or "none"
        raise MappingFileError(
            f"--metric/--scale apply to the one score column of the mapping, but it has "
            f"{len(mapping.scores)} ({listed}); name the metric per column in a mapping file "
            "(python -m surveys map FILE > mapping.yaml, edit scores:, then --mapping mapping.yaml)"
        )
    column, current = next(iter(mapping.scores.items()))
    chosen = metric.lower() if metric else current
    if scale is not None:
        problem = scale_problem(chosen, scale)
        if problem:
            raise MappingFileError(f"--scale {scale} for {chosen.upper()} column {column!r}: {problem}")
    mapping.scores[column] = chosen
    return mapping


def mapping_to_dict(mapping: Mapping) -> dict:
    """The mapping in the file's shape (round-trips through mapping_from_dict)."""
    out: dict[str, Any] = {"kind": KIND, "survey": mapping.survey}
    columns = {role: getattr(mapping, role) for role in ROLES if getattr(mapping, role)}
    if columns:
        out["columns"] = columns
    if mapping.scores:
        out["scores"] = {
            c: {"metric": m, "scale": "{}-{}".format(*SCALES[m])} for c, m in mapping.scores.items()
        }
    if mapping.segments:
        out["segments"] = list(mapping.segments)
    if mapping.date_format:
        out["date_format"] = mapping.date_format
    if mapping.timezone:
        out["timezone"] = mapping.timezone
    return out


def _scalar(text: str) -> str:
    """A YAML scalar for `text`: plain when it reads back unchanged, else double-quoted."""
    try:
        if load_text(f"k: {text}") == {"k": text} and "#" not in text:
            return text
    except yaml.YAMLError:
        pass
    return json.dumps(text, ensure_ascii=False)


def mapping_to_yaml(
    mapping: Mapping,
    comments: list[str] | None = None,
    description: str | None = None,
    table: FlatTable | None = None,
) -> str:
    """YAML text for editing: comment lines first, then the mapping; roles, date format and time
    zone left to the import are shown as comment lines to fill in. With `table`, Qualtrics columns
    are named by their short id (Q1) and the full header follows as a comment."""
    short = _short_names(table)

    def name(header: str) -> str:
        column_id = short.get(header)
        return f"{_scalar(column_id)}" if column_id else _scalar(header)

    def note(header: str) -> str:
        return f"   # {printable(header)}" if header in short else ""

    # comments hold file names and headers: escaped, so a newline in them cannot add a YAML line
    lines = [f"# {printable(c)}" if c else "#" for c in (comments or [])]
    lines += [f"kind: {KIND}"]
    if description:
        lines.append(f"description: {_scalar(description)}")
    lines += [f"survey: {_scalar(mapping.survey)}", "columns:"]
    for role in ROLES:
        header = getattr(mapping, role)
        lines.append(
            f"  {role}: {name(header)}{note(header)}"
            if header
            else f"  # {role}:{' ' * (13 - len(role))}# not found: name the column here"
        )
    lines.append(
        "scores:" if mapping.scores else "scores:   # header: {metric: nps|csat|ces, scale: low-high}"
    )
    for column, metric in mapping.scores.items():
        low, high = SCALES[metric]
        lines.append(f"  {name(column)}: {{metric: {metric}, scale: {low}-{high}}}{note(column)}")
    if mapping.segments:
        lines.append("segments:")
        lines += [f"  - {name(c)}{note(c)}" for c in mapping.segments]
    else:
        lines.append("segments: []   # columns to keep as segment attributes")
    lines.append(
        f"date_format: {_scalar(mapping.date_format)}"
        if mapping.date_format
        else "# date_format: dmy   # mdy | dmy | ymd | a strptime format such as "
        "'%d.%m.%Y %H:%M'; default: decided from the column"
    )
    lines.append(
        f"timezone: {_scalar(mapping.timezone)}"
        if mapping.timezone
        else "# timezone: Europe/Helsinki   # zone of times without an offset; default: "
        "stated in the file, else the company's (journey map settings.timezone)"
    )
    return "\n".join(lines) + "\n"


def _short_names(table: FlatTable | None) -> dict[str, str]:
    """header -> the tool's unique column id, where it is shorter (Qualtrics 'Q1: text' -> 'Q1')."""
    if table is None or table.format != "qualtrics":
        return {}
    counts: dict[str, int] = {}
    for column_id in table.ids:
        counts[column_id.lower()] = counts.get(column_id.lower(), 0) + 1
    return {
        h: i
        for h, i in zip(table.headers, table.ids)
        if i and i != h and counts[i.lower()] == 1 and h not in table.ids
    }
