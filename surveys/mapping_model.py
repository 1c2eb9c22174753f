"""The schema of a survey mapping file (docs/survey-import.md) as a pydantic model; every problem
is named by its key path. surveys/mapping_file.py reads the file and gives the Mapping."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, create_model, model_validator

from core.metrics import SCALES, Metric, ScaleMismatchError, check_scale
from core.timezones import zone_problem
from core.yaml_model import Section, also, fail, section, shown, unknown_keys
from surveys.date_formats import format_problem, normalise_format
from surveys.mapping import ROLES

KIND = "surveys"
TOP_LEVEL_KEYS = ("kind", "description", "survey", "columns", "scores", "segments", "date_format", "timezone")
SCORE_KEYS = ("metric", "scale")
_SCALE = re.compile(r"^\s*(-?\d+)\s*(?:-|–|\.\.|to)\s*(-?\d+)\s*$", re.I)


def parse_scale(value: Any) -> tuple[int, int] | None:
    """'1-5', '1–5', '1..5', '1 to 5', [1, 5] or {min: 1, max: 5} -> (1, 5); None if not a scale."""
    if isinstance(value, dict):
        value = [value.get("min"), value.get("max")]
    if isinstance(value, (list, tuple)) and len(value) == 2:
        try:
            return int(str(value[0])), int(str(value[1]))
        except ValueError:
            return None
    m = _SCALE.match(str(value or ""))
    return (int(m.group(1)), int(m.group(2))) if m else None


def scale_problem(metric: str, scale: Any) -> str | None:
    """Why `scale` cannot be used for `metric` (not a scale, or not the metric's own); else None."""
    parsed = parse_scale(scale)
    if parsed is None:
        return f"{shown(scale)} is not a scale; write it as low-high, e.g. 1-5"
    try:
        check_scale(metric, *parsed)
    except ScaleMismatchError as exc:
        return str(exc)
    return None


def header(value: Any) -> str | None:
    """A column header as written (trimmed); None when the value is not one."""
    if value is None or isinstance(value, (dict, list, bool)) or not str(value).strip():
        return None
    return str(value).strip()


def _role_header(value: Any) -> Any:
    if header(value) is None:
        fail(f"must be the column header in the file, got {shown(value)}")
    return header(value)


def _score_header(value: Any) -> Any:
    if header(value) is None:
        fail("not a column header")
    return header(value)


def _segment(value: Any) -> Any:
    if header(value) is None:
        fail(f"not a column header: {shown(value)}")
    return header(value)


def _metric(value: Any) -> Any:
    metric = str(value or "").strip().lower()
    if metric not in SCALES:
        fail(f"{shown(value)} is not one of nps, csat, ces")
    return metric


def _kind(value: Any) -> Any:
    if value is not None and str(value).strip().lower() not in (KIND, "survey"):
        fail(
            f"{shown(value)} is a mapping for another importer; a survey mapping says kind: {KIND} "
            "(contacts, events and customers load with python -m pipelines load)"
        )
    return value


def _date_format(value: Any) -> Any:
    if value in (None, ""):
        return None
    problem = format_problem(str(value))
    if problem:
        fail(problem)
    return normalise_format(str(value))


def _zone(value: Any) -> Any:
    if value in (None, ""):
        return None
    problem = zone_problem(value)
    if problem:
        fail(problem)
    return str(value).strip()


class _Roles(Section):
    __pydantic_extra__: unknown_keys(  # type: ignore[valid-type]
        f"not a role; the roles are {', '.join(ROLES)} (scores go under scores:, segment columns "
        "under segments:)"
    )
    SHAPE = "must be a mapping of role: column header, got {type}"


RoleHeader = Annotated[str | None, BeforeValidator(_role_header)]
Columns = create_model("Columns", __base__=_Roles, **{role: (RoleHeader, None) for role in ROLES})  # type: ignore[call-overload]


class Score(Section):
    """{metric: nps|csat|ces, scale: low-high}, or just the metric; the scale must be the metric's."""

    __pydantic_extra__: unknown_keys(  # type: ignore[valid-type]
        f"unknown key; allowed: {', '.join(SCORE_KEYS)}"
    )
    SHAPE = "must be {metric: nps|csat|ces, scale: low-high}, got {value}"
    metric: Annotated[Metric, BeforeValidator(_metric)]
    scale: Any = None

    @model_validator(mode="wrap")
    @classmethod
    def _scale(cls, data: Any, handler: Any) -> Any:
        data = {"metric": data} if isinstance(data, str) else data
        problems = []
        if isinstance(data, dict) and data.get("scale") is not None:
            metric = str(data.get("metric") or "").strip().lower()
            problem = scale_problem(metric, data["scale"]) if metric in SCALES else None
            if problem:
                problems.append((("scale",), problem))
        return also(handler, data, problems)


class SurveyMappingFile(Section):
    """A survey mapping file; every key is optional."""

    __pydantic_extra__: unknown_keys(  # type: ignore[valid-type]
        f"unknown key; allowed: {', '.join(TOP_LEVEL_KEYS)}"
    )
    SHAPE = "the mapping must be a YAML mapping (key: value lines), got {type}"
    kind: Annotated[Any, BeforeValidator(_kind)] = None
    description: Any = None
    survey: Annotated[str, BeforeValidator(lambda v: str(v or "survey").strip() or "survey")] = "survey"
    columns: Annotated[Columns, BeforeValidator(lambda v: {} if v is None else v)] = Field(  # type: ignore[valid-type]
        default_factory=Columns
    )
    scores: Annotated[
        dict[Annotated[str, BeforeValidator(_score_header)], Score],
        section(dict, "must be a mapping of column header: {metric: nps|csat|ces, scale: low-high}"),
    ] = {}
    segments: Annotated[
        list[Annotated[str, BeforeValidator(_segment)]],  # (runs second)
        section(list, "must be a list of column headers"),
        BeforeValidator(lambda v: [v] if isinstance(v, str) else v),
    ] = []
    date_format: Annotated[str | None, BeforeValidator(_date_format)] = None
    timezone: Annotated[str | None, BeforeValidator(_zone)] = None
