"""The journey map file's schema (data/journey_map.yaml, docs/journey-map.md) as a pydantic model.

Problems are worded as the journey map editor translates them (dashboard/journey_map_editor/state.py
MESSAGES), each at its key path; references between sections (a stage's owner, an activity's stage,
a reason's or a theme's stage and owner), unique ids and the targets' ranges are checked in `JourneyMapFile`'s
wrap validator, so they are listed with the fields' own problems. pipelines/journey_map.py turns
the model into a JourneyMap.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Annotated, Any, Literal, get_args

from pydantic import BeforeValidator, Field, model_validator

from core.metrics import METRICS, Metric
from core.timezones import DEFAULT_TIMEZONE, zone_problem
from core.yaml_model import Loc, Section, also, fail, section, shown, unknown_keys
from pipelines.theme_terms import TermError, parse_term

Channel = Literal["phone", "email", "chat", "social", "web_form", "store"]
CHANNELS: tuple[Channel, ...] = get_args(Channel)
TARGET_RANGES: dict[str, tuple[int, int]] = {"nps": (-100, 100), "csat": (0, 100), "ces": (1, 7)}
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _identifier(value: Any) -> Any:
    if not isinstance(value, str) or not ID_PATTERN.match(value):
        fail(f"{shown(value)} is not a lowercase snake_case id")
    return value


def _flag(value: Any) -> Any:
    if not isinstance(value, bool):
        fail(f"{shown(value)} must be true or false")
    return value


def _number(value: Any) -> Any:
    if not _is_number(value):
        fail(f"{shown(value)} is not a number")
    return value


def _amount(value: Any) -> Any:
    if _number(value) < 0:
        fail(f"{shown(value)} must be at least 0")
    return value


def _patterns(value: Any) -> Any:
    value = [value] if isinstance(value, str) else value
    if not isinstance(value, list) or not all(isinstance(p, str) and p for p in value):
        fail("must be a list of activity patterns, e.g. [delivered]")
    return value


def _one_of(names: tuple[str, ...], what: str) -> BeforeValidator:
    def check(value: Any) -> Any:
        if value not in names:
            fail(f"unknown {what}; use one of {', '.join(names)}")
        return value

    return BeforeValidator(check)


def _rule(ok: Any, message: str) -> BeforeValidator:
    """A setting's check: `ok(value)` or the message (which names the value)."""

    def check(value: Any) -> Any:
        if not ok(value):
            fail(message.format(value=shown(value)))
        return value

    return BeforeValidator(check)


Identifier = Annotated[str, BeforeValidator(_identifier)]
Flag = Annotated[bool, BeforeValidator(_flag)]
Number = Annotated[float, BeforeValidator(_number)]
Amount = Annotated[float, BeforeValidator(_amount)]
Text = Annotated[str, BeforeValidator(str)]  # references: checked against their section


class Names(Section):
    """{en, fi}; one language is enough (the other falls back to it); a plain text is both."""

    __pydantic_extra__: unknown_keys("unknown language; use en and/or fi")  # type: ignore[valid-type]
    SHAPE = "needs a name: a text, or {en: ..., fi: ...} (one language is enough)"
    en: str = ""
    fi: str = ""

    @model_validator(mode="before")
    @classmethod
    def _plain_text(cls, value: Any) -> Any:
        if isinstance(value, str) and value.strip() or _is_number(value):
            return {"en": str(value).strip(), "fi": str(value).strip()}
        if isinstance(value, dict):
            return {
                k: ("" if v is None else str(v).strip()) if k in ("en", "fi") else v for k, v in value.items()
            }
        return value

    @model_validator(mode="after")
    def _one_language(self) -> Names:
        if not self.en and not self.fi:
            fail("needs a name in English (en) or Finnish (fi); one language is enough")
        self.en, self.fi = self.en or self.fi, self.fi or self.en
        return self


class FunctionEntry(Section):
    SHAPE = "must be a mapping with id and name"
    id: Identifier
    name: Names


class StageEntry(Section):
    SHAPE = "must be a mapping with id, name and owner"
    id: Identifier
    name: Names
    owner: Text
    sla_hours: Amount | None = None
    completes: Flag = False
    done_when: Annotated[tuple[str, ...], BeforeValidator(_patterns)] = ()
    promised: Flag = False


class ActivityEntry(Section):
    SHAPE = "needs a non-empty 'match' pattern"
    match: str
    stage: Text

    @model_validator(mode="before")
    @classmethod
    def _pattern(cls, data: Any) -> Any:
        if not isinstance(data, dict) or not isinstance(data.get("match"), str) or not data["match"]:
            fail(cls.SHAPE)
        return data


class ReasonEntry(Section):
    reason: Identifier
    stage: Text | None = None
    owner: Text | None = None  # default: the stage's owner
    avoidable: Flag
    name: Names


def _term(value: Any) -> Any:
    try:
        parse_term(value)
    except TermError as exc:
        fail(str(exc))
    return value


def _term_list(required: bool) -> BeforeValidator:
    def check(value: Any) -> Any:
        value = [value] if isinstance(value, str) else ([] if value is None and not required else value)
        if not isinstance(value, list) or (required and not value):
            fail("must be a list of words or phrases, e.g. [toimitus, myöhässä, '*kuljetus']")
        return value

    return BeforeValidator(check)


Term = Annotated[str, BeforeValidator(_term)]


class ThemeEntry(Section):
    """A theme rule: comments with one of its terms (and none of its exclusions) mention it."""

    SHAPE = "must be a mapping with id, name and terms"
    id: Identifier
    name: Names
    stage: Text | None = None
    owner: Text | None = None  # default: the stage's owner
    terms: Annotated[list[Term], _term_list(required=True)]
    exclude: Annotated[list[Term], _term_list(required=False)] = []


def _timezone(value: Any) -> Any:
    problem = zone_problem(value)
    if problem:
        fail(problem)
    return value


class Settings(Section):
    __pydantic_extra__: unknown_keys("unknown setting")  # type: ignore[valid-type]
    min_n: Annotated[
        int, _rule(lambda v: isinstance(v, int) and v >= 2, "{value} must be a whole number >= 2")
    ] = 30
    alpha: Annotated[
        float, _rule(lambda v: isinstance(v, (int, float)) and 0 < v < 1, "{value} must be between 0 and 1")
    ] = 0.05
    repeat_contact_window_days: Annotated[
        int | float, _rule(lambda v: _is_number(v) and v > 0, "{value} must be positive")
    ] = 7
    in_progress_days: Annotated[
        int | float, _rule(lambda v: _is_number(v) and v >= 0, "{value} must be a number >= 0")
    ] = 30
    timezone: Annotated[str, BeforeValidator(_timezone)] = DEFAULT_TIMEZONE

    @classmethod
    def defaults(cls) -> dict[str, Any]:
        return {name: field.default for name, field in cls.model_fields.items()}


class JourneyMapFile(Section):
    """The whole file; `version` is accepted and not used, `company` is free text."""

    version: Any = None
    company: Any = ""
    settings: Annotated[Settings, BeforeValidator(lambda v: v or {})] = Field(default_factory=Settings)
    targets: Annotated[
        dict[Annotated[Metric, _one_of(METRICS, "metric")], Number],
        section(dict, "must be a mapping metric -> target", loose=True),
    ] = {}
    functions: Annotated[
        list[FunctionEntry], section(list, "must be a non-empty list", required=True, loose=True)
    ]
    stages: Annotated[
        list[StageEntry],
        section(list, "must be a non-empty list in journey order", required=True, loose=True),
    ]
    activities: Annotated[
        list[ActivityEntry], section(list, "must be a list of {match, stage}", loose=True)
    ] = []
    contact_reasons: Annotated[list[ReasonEntry], section(list, "must be a list", loose=True)] = []
    channel_costs: Annotated[
        dict[Annotated[Channel, _one_of(CHANNELS, "channel")], Amount],
        section(dict, "must be a mapping channel -> euros", loose=True),
    ] = {}
    themes: Annotated[list[ThemeEntry], section(list, "must be a list of themes", loose=True)] = []

    @model_validator(mode="wrap")
    @classmethod
    def _references(cls, data: Any, handler: Any) -> Any:
        return also(handler, data, _cross_problems(data))


def _entries(doc: dict, key: str) -> list[tuple[int, dict]]:
    items = doc.get(key)
    return [(i, e) for i, e in enumerate(items) if isinstance(e, dict)] if isinstance(items, list) else []


def _known(value: Any, names: set[str] | dict[str, Any]) -> bool:
    return isinstance(value, str) and value in names


def _repeats(doc: dict, key: str, field: str) -> Iterator[tuple[Loc, str]]:
    seen: set[str] = set()
    for i, entry in _entries(doc, key):
        value = entry.get(field)
        if not isinstance(value, str):
            continue
        if value in seen:
            yield (key, i, field), f"{shown(value)} appears more than once"
        seen.add(value)


def _cross_problems(doc: Any) -> Iterator[tuple[Loc, str]]:
    """References between sections, unique ids, the targets' ranges (read from the document as
    written, so they are found however wrong the rest is)."""
    if not isinstance(doc, dict):
        return
    functions = {str(f.get("id")) for _, f in _entries(doc, "functions")}
    yield from _repeats(doc, "functions", "id")
    owners = {str(s.get("id")): s.get("owner") for _, s in _entries(doc, "stages")}
    for i, stage in _entries(doc, "stages"):
        if not _known(stage.get("owner"), functions):
            yield ("stages", i, "owner"), f"unknown function {shown(stage.get('owner'))}"
    yield from _repeats(doc, "stages", "id")
    for i, rule in _entries(doc, "activities"):
        if isinstance(rule.get("match"), str) and rule["match"] and not _known(rule.get("stage"), owners):
            yield ("activities", i, "stage"), f"unknown stage {shown(rule.get('stage'))}"
    for i, reason in _entries(doc, "contact_reasons"):
        stage = reason.get("stage")
        if stage is not None and not _known(stage, owners):
            yield ("contact_reasons", i, "stage"), f"unknown stage {shown(stage)}"
        owner = reason.get("owner", owners.get(stage) if _known(stage, owners) else None)
        if owner is not None and not _known(owner, functions):
            yield ("contact_reasons", i, "owner"), f"unknown function {shown(owner)}"
    yield from _repeats(doc, "contact_reasons", "reason")
    yield from _theme_problems(doc, functions, owners)
    targets = doc.get("targets")
    for metric, value in targets.items() if isinstance(targets, dict) else ():
        low, high = TARGET_RANGES.get(metric, (None, None)) if isinstance(metric, str) else (None, None)
        if low is not None and _is_number(value) and not low <= value <= high:
            yield ("targets", metric), f"{shown(value)} is outside {low}..{high}"


def _theme_problems(doc: dict, functions: set[str], owners: dict[str, Any]) -> Iterator[tuple[Loc, str]]:
    """A theme's stage and owner (explicit, else the stage's) exist; ids are unique."""
    for i, theme in _entries(doc, "themes"):
        stage = theme.get("stage")
        if stage is not None and not _known(stage, owners):
            yield ("themes", i, "stage"), f"unknown stage {shown(stage)}"
        owner = theme.get("owner", owners.get(stage) if _known(stage, owners) else None)
        if owner is not None and not _known(owner, functions):
            yield ("themes", i, "owner"), f"unknown function {shown(owner)}"
    yield from _repeats(doc, "themes", "id")
