"""Load and validate the journey map (data/journey_map.yaml, schema in journey_map_model.py);
journey_map_tables.py makes its tables (journey_map_frames.py: as DataFrames)."""

from __future__ import annotations

import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from core.timezones import DEFAULT_TIMEZONE
from core.yaml_model import listing
from core.yaml_text import YamlFileError, describe, load_yaml, read_yaml_file
from pipelines.journey_map_model import CHANNELS, ID_PATTERN, METRICS, JourneyMapFile, Settings

__all__ = [
    "CHANNELS",
    "DEFAULT_MAP_PATH",
    "DEFAULT_TIMEZONE",
    "ID_PATTERN",
    "METRICS",
    "SETTINGS_DEFAULTS",
    "ContactReason",
    "JourneyMap",
    "JourneyMapError",
    "Stage",
    "Theme",
    "default_map_path",
    "load_journey_map",
    "load_journey_map_text",
    "parse_journey_map",
]

DEFAULT_MAP_PATH = Path(__file__).resolve().parent.parent / "data" / "journey_map.yaml"
SETTINGS_DEFAULTS: dict[str, Any] = Settings.defaults()


def default_map_path() -> Path:
    """The journey map file: env CX_JOURNEY_MAP if set, else data/journey_map.yaml."""
    return Path(os.environ.get("CX_JOURNEY_MAP") or DEFAULT_MAP_PATH)


class JourneyMapError(ValueError):
    """A journey map that cannot be used; the message names file and location."""


@dataclass(frozen=True)
class Stage:
    id: str
    order: int
    owner: str
    name_en: str
    name_fi: str
    sla_hours: float | None = None
    completes: bool = False  # reaching this stage means the journey is complete
    done_when: tuple[str, ...] = ()  # activity patterns that finish the stage (default: its last event)
    promised: bool = False  # promised_at on the journey's events is this stage's deadline


@dataclass(frozen=True)
class ContactReason:
    reason: str
    stage: str | None
    owner: str | None
    avoidable: bool
    name_en: str
    name_fi: str


@dataclass(frozen=True)
class Theme:
    """A theme rule (docs/journey-map.md): terms as written; pipelines/theme_terms.py reads them."""

    id: str
    name_en: str
    name_fi: str
    stage: str | None
    owner: str | None  # explicit, else the stage's owner
    terms: tuple[str, ...]
    exclude: tuple[str, ...] = ()


@dataclass
class JourneyMap:
    company: str
    settings: dict[str, Any]
    targets: dict[str, float]
    functions: dict[str, tuple[str, str]]  # id -> (en, fi)
    stages: list[Stage]
    activity_rules: list[tuple[str, str]]  # (pattern, stage)
    contact_reasons: list[ContactReason]
    channel_costs: dict[str, float]
    source: str = field(default="")
    themes: list[Theme] = field(default_factory=list)

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    @property
    def timezone(self) -> str:
        """The company's time zone: months, days and the times pages show are in it."""
        return str(self.settings.get("timezone") or DEFAULT_TIMEZONE)


def load_journey_map(path: str | Path = DEFAULT_MAP_PATH) -> JourneyMap:
    """Read and validate a journey map file; raise JourneyMapError listing every problem."""
    path = Path(path)
    try:
        text = read_yaml_file(path)
    except YamlFileError as exc:
        raise JourneyMapError(
            f"Journey map {path} is not UTF-8 text"
            if exc.not_text
            else f"Journey map {path} cannot be read{exc.reason}"
        ) from exc
    return load_journey_map_text(text, str(path))


def parse_journey_map(raw: Any, source: str = "<journey map>") -> JourneyMap:
    """Validate an already-parsed journey map document (pipelines/journey_map_model.py)."""
    if not isinstance(raw, dict):
        raise JourneyMapError(f"Journey map {source} must be a mapping at the top level")
    try:
        doc = JourneyMapFile.model_validate(raw)
    except ValidationError as exc:
        raise JourneyMapError(listing(f"Journey map {source} is invalid:", exc, raw)) from None
    stages = [
        Stage(s.id, i + 1, s.owner, s.name.en, s.name.fi, s.sla_hours, s.completes, s.done_when, s.promised)
        for i, s in enumerate(doc.stages)
    ]
    if not any(s.completes for s in stages):  # default: the last stage completes a journey
        stages[-1] = replace(stages[-1], completes=True)
    owners = {s.id: s.owner for s in stages}
    reasons = [
        ContactReason(
            r.reason,
            r.stage,
            r.owner if "owner" in r.model_fields_set else owners.get(r.stage or ""),
            r.avoidable,
            r.name.en,
            r.name.fi,
        )
        for r in doc.contact_reasons
    ]
    themes = [
        Theme(
            t.id,
            t.name.en,
            t.name.fi,
            t.stage,
            t.owner if "owner" in t.model_fields_set else owners.get(t.stage or ""),
            tuple(t.terms),
            tuple(t.exclude),
        )
        for t in doc.themes
    ]
    return JourneyMap(
        str(doc.company),
        doc.settings.model_dump(),
        dict(doc.targets),
        {f.id: (f.name.en, f.name.fi) for f in doc.functions},
        stages,
        [(a.match, a.stage) for a in doc.activities],
        reasons,
        dict(doc.channel_costs),
        source,
        themes,
    )


def load_journey_map_text(text: str, source: str = "<journey map>") -> JourneyMap:
    """Validate a journey map given as YAML text; raise JourneyMapError listing every problem."""
    try:
        raw = load_yaml(text)  # bounded: size, aliases, nodes, depth (core.yaml_text)
    except yaml.YAMLError as exc:
        raise JourneyMapError(f"Journey map {source} is not valid YAML{describe(exc)}") from exc
    return parse_journey_map(raw, source)
