"""Load and validate the journey map (data/journey_map.yaml); journey_map_frames.py makes its tables."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import yaml

from core.timezones import DEFAULT_TIMEZONE, zone_problem
from core.yaml_text import YamlFileError, describe, load_yaml, read_yaml_file

DEFAULT_MAP_PATH = Path(__file__).resolve().parent.parent / "data" / "journey_map.yaml"
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")
CHANNELS = ("phone", "email", "chat", "social", "web_form", "store")
METRICS = ("nps", "csat", "ces")
TOP_KEYS = {"version", "company", "settings", "targets", "functions", "stages",
            "activities", "contact_reasons", "channel_costs"}
SETTINGS_DEFAULTS: dict[str, Any] = {
    "min_n": 30, "alpha": 0.05, "repeat_contact_window_days": 7, "in_progress_days": 30,
    "timezone": DEFAULT_TIMEZONE,
}


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
    completes: bool = False      # reaching this stage means the journey is complete
    done_when: tuple[str, ...] = ()  # activity patterns that finish the stage (default: its last event)
    promised: bool = False       # promised_at on the journey's events is this stage's deadline


@dataclass(frozen=True)
class ContactReason:
    reason: str
    stage: str | None
    owner: str | None
    avoidable: bool
    name_en: str
    name_fi: str


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

    @property
    def stage_ids(self) -> list[str]:
        return [s.id for s in self.stages]

    def stage(self, stage_id: str) -> Stage:
        return next(s for s in self.stages if s.id == stage_id)

    @property
    def timezone(self) -> str:
        """The company's time zone: months, days and the times pages show are in it."""
        return str(self.settings.get("timezone") or DEFAULT_TIMEZONE)


class _Checker:
    """Collects every problem in one pass so the CX team can fix them all at once."""

    def __init__(self, source: str):
        self.source = source
        self.problems: list[str] = []

    def fail(self, where: str, message: str) -> None:
        self.problems.append(f"{where}: {message}")

    def raise_if_any(self) -> None:
        if self.problems:
            listing = "\n  - ".join(self.problems)
            raise JourneyMapError(f"Journey map {self.source} is invalid:\n  - {listing}")

    def identifier(self, where: str, value: Any) -> str:
        if not isinstance(value, str) or not ID_PATTERN.match(value):
            self.fail(where, f"{value!r} is not a lowercase snake_case id")
            return str(value)
        return value

    def names(self, where: str, value: Any) -> tuple[str, str]:
        """(en, fi) from {en, fi}, from one of them (the other falls back to it) or a plain text."""
        if isinstance(value, str) and value.strip():
            return (value.strip(), value.strip())
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            return (str(value), str(value))
        if not isinstance(value, dict):
            self.fail(where, "needs a name: a text, or {en: ..., fi: ...} (one language is enough)")
            return (str(value), str(value))
        for key in sorted(set(value) - {"en", "fi"}):
            self.fail(f"{where}.{key}", "unknown language; use en and/or fi")
        en, fi = (str(value.get(k)).strip() if value.get(k) is not None else "" for k in ("en", "fi"))
        if not en and not fi:
            self.fail(where, "needs a name in English (en) or Finnish (fi); one language is enough")
            return ("", "")
        return (en or fi, fi or en)

    def number(self, where: str, value: Any, minimum: float | None = None) -> float:
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            self.fail(where, f"{value!r} is not a number")
            return 0.0
        if minimum is not None and value < minimum:
            self.fail(where, f"{value!r} must be at least {minimum}")
        return float(value)

    def unique(self, where: str, values: list[str]) -> None:
        seen: set[str] = set()
        for value in values:
            if value in seen:
                self.fail(where, f"{value!r} appears more than once")
            seen.add(value)


def load_journey_map(path: str | Path = DEFAULT_MAP_PATH) -> JourneyMap:
    """Read and validate a journey map file; raise JourneyMapError listing every problem."""
    path = Path(path)
    try:
        text = read_yaml_file(path)
    except YamlFileError as exc:
        raise JourneyMapError(f"Journey map {path} is not UTF-8 text" if exc.not_text
                              else f"Journey map {path} cannot be read{exc.reason}") from exc
    return load_journey_map_text(text, str(path))


def parse_journey_map(raw: Any, source: str = "<journey map>") -> JourneyMap:
    """Validate an already-parsed journey map document."""
    check = _Checker(source)
    if not isinstance(raw, dict):
        raise JourneyMapError(f"Journey map {source} must be a mapping at the top level")
    for key in sorted(set(raw) - TOP_KEYS):
        check.fail(key, "unknown key")
    settings = _parse_settings(check, raw.get("settings") or {})
    functions = _parse_functions(check, raw.get("functions") or [])
    stages = _parse_stages(check, raw.get("stages") or [], functions)
    stage_ids = {s.id for s in stages}
    rules = _parse_activity_rules(check, raw.get("activities") or [], stage_ids)
    reasons = _parse_reasons(check, raw.get("contact_reasons") or [], stages, functions)
    costs = _parse_costs(check, raw.get("channel_costs") or {})
    targets = _parse_targets(check, raw.get("targets") or {})
    check.raise_if_any()
    return JourneyMap(str(raw.get("company", "")), settings, targets, functions, stages,
                      rules, reasons, costs, source)


def _parse_settings(check: _Checker, raw: Any) -> dict[str, Any]:
    if not isinstance(raw, dict):
        check.fail("settings", "must be a mapping")
        return dict(SETTINGS_DEFAULTS)
    settings = dict(SETTINGS_DEFAULTS)
    for key, value in raw.items():
        if key not in SETTINGS_DEFAULTS:
            check.fail(f"settings.{key}", "unknown setting")
            continue
        settings[key] = value
    if not isinstance(settings["min_n"], int) or settings["min_n"] < 2:
        check.fail("settings.min_n", f"{settings['min_n']!r} must be a whole number >= 2")
    alpha = settings["alpha"]
    if not isinstance(alpha, (int, float)) or not 0 < alpha < 1:
        check.fail("settings.alpha", f"{alpha!r} must be between 0 and 1")
    window = settings["repeat_contact_window_days"]
    if not isinstance(window, (int, float)) or window <= 0:
        check.fail("settings.repeat_contact_window_days", f"{window!r} must be positive")
    in_progress = settings["in_progress_days"]
    if not isinstance(in_progress, (int, float)) or isinstance(in_progress, bool) or in_progress < 0:
        check.fail("settings.in_progress_days", f"{in_progress!r} must be a number >= 0")
    problem = zone_problem(settings["timezone"])
    if problem:
        check.fail("settings.timezone", problem)
    return settings


def _parse_functions(check: _Checker, raw: Any) -> dict[str, tuple[str, str]]:
    if not isinstance(raw, list) or not raw:
        check.fail("functions", "must be a non-empty list")
        return {}
    functions: dict[str, tuple[str, str]] = {}
    for i, item in enumerate(raw):
        where = f"functions[{i}]"
        if not isinstance(item, dict):
            check.fail(where, "must be a mapping with id and name")
            continue
        for key in sorted(set(item) - {"id", "name"}):
            check.fail(f"{where}.{key}", "unknown key")
        fid = check.identifier(f"{where}.id", item.get("id"))
        if fid in functions:
            check.fail(f"{where}.id", f"{fid!r} appears more than once")
        functions[fid] = check.names(f"{where}.name", item.get("name"))
    return functions


def _parse_stages(check: _Checker, raw: Any, functions: dict[str, tuple[str, str]]) -> list[Stage]:
    if not isinstance(raw, list) or not raw:
        check.fail("stages", "must be a non-empty list in journey order")
        return []
    stages: list[Stage] = []
    for i, item in enumerate(raw):
        where = f"stages[{i}]"
        if not isinstance(item, dict):
            check.fail(where, "must be a mapping with id, name and owner")
            continue
        for key in sorted(set(item) - {"id", "name", "owner", "sla_hours", "completes", "done_when",
                                       "promised"}):
            check.fail(f"{where}.{key}", "unknown key")
        sid = check.identifier(f"{where}.id", item.get("id"))
        owner = item.get("owner")
        if owner not in functions:
            check.fail(f"{where}.owner", f"unknown function {owner!r}")
        en, fi = check.names(f"{where}.name", item.get("name"))
        sla = item.get("sla_hours")
        if sla is not None:
            sla = check.number(f"{where}.sla_hours", sla, minimum=0)
        completes = _flag(check, f"{where}.completes", item.get("completes", False))
        promised = _flag(check, f"{where}.promised", item.get("promised", False))
        done_when = item.get("done_when", [])
        if isinstance(done_when, str):
            done_when = [done_when]
        if not isinstance(done_when, list) or not all(isinstance(p, str) and p for p in done_when):
            check.fail(f"{where}.done_when", "must be a list of activity patterns, e.g. [delivered]")
            done_when = []
        stages.append(Stage(sid, i + 1, str(owner), en, fi, sla, completes, tuple(done_when), promised))
    check.unique("stages.id", [s.id for s in stages])
    if stages and not any(s.completes for s in stages):  # default: the last stage completes a journey
        stages[-1] = replace(stages[-1], completes=True)
    return stages


def _flag(check: _Checker, where: str, value: Any) -> bool:
    if not isinstance(value, bool):
        check.fail(where, f"{value!r} must be true or false")
        return False
    return value


def _parse_activity_rules(check: _Checker, raw: Any, stage_ids: set[str]) -> list[tuple[str, str]]:
    if not isinstance(raw, list):
        check.fail("activities", "must be a list of {match, stage}")
        return []
    rules: list[tuple[str, str]] = []
    for i, item in enumerate(raw):
        where = f"activities[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("match"), str) or not item["match"]:
            check.fail(where, "needs a non-empty 'match' pattern")
            continue
        for key in sorted(set(item) - {"match", "stage"}):
            check.fail(f"{where}.{key}", "unknown key")
        if item.get("stage") not in stage_ids:
            check.fail(f"{where}.stage", f"unknown stage {item.get('stage')!r}")
        rules.append((item["match"], str(item.get("stage"))))
    return rules


def _parse_reasons(check: _Checker, raw: Any, stages: list[Stage],
                   functions: dict[str, tuple[str, str]]) -> list[ContactReason]:
    if not isinstance(raw, list):
        check.fail("contact_reasons", "must be a list")
        return []
    owners = {s.id: s.owner for s in stages}
    reasons: list[ContactReason] = []
    for i, item in enumerate(raw):
        where = f"contact_reasons[{i}]"
        if not isinstance(item, dict):
            check.fail(where, "must be a mapping")
            continue
        for key in sorted(set(item) - {"reason", "stage", "owner", "avoidable", "name"}):
            check.fail(f"{where}.{key}", "unknown key")
        reason = check.identifier(f"{where}.reason", item.get("reason"))
        stage = item.get("stage")
        if stage is not None and stage not in owners:
            check.fail(f"{where}.stage", f"unknown stage {stage!r}")
        owner = item.get("owner", owners.get(stage) if stage else None)
        if owner is not None and owner not in functions:
            check.fail(f"{where}.owner", f"unknown function {owner!r}")
        avoidable = item.get("avoidable")
        if not isinstance(avoidable, bool):
            check.fail(f"{where}.avoidable", f"{avoidable!r} must be true or false")
        en, fi = check.names(f"{where}.name", item.get("name"))
        reasons.append(ContactReason(reason, stage, owner, bool(avoidable), en, fi))
    check.unique("contact_reasons.reason", [r.reason for r in reasons])
    return reasons


def _parse_costs(check: _Checker, raw: Any) -> dict[str, float]:
    if not isinstance(raw, dict):
        check.fail("channel_costs", "must be a mapping channel -> euros")
        return {}
    costs: dict[str, float] = {}
    for channel, value in raw.items():
        if channel not in CHANNELS:
            check.fail(f"channel_costs.{channel}", f"unknown channel; use one of {', '.join(CHANNELS)}")
        costs[str(channel)] = check.number(f"channel_costs.{channel}", value, minimum=0)
    return costs


def _parse_targets(check: _Checker, raw: Any) -> dict[str, float]:
    if not isinstance(raw, dict):
        check.fail("targets", "must be a mapping metric -> target")
        return {}
    bounds = {"nps": (-100, 100), "csat": (0, 100), "ces": (1, 7)}
    targets: dict[str, float] = {}
    for metric, value in raw.items():
        if metric not in bounds:
            check.fail(f"targets.{metric}", f"unknown metric; use one of {', '.join(METRICS)}")
            continue
        number = check.number(f"targets.{metric}", value)
        low, high = bounds[metric]
        if not low <= number <= high:
            check.fail(f"targets.{metric}", f"{value!r} is outside {low}..{high}")
        targets[metric] = number
    return targets


def load_journey_map_text(text: str, source: str = "<journey map>") -> JourneyMap:
    """Validate a journey map given as YAML text; raise JourneyMapError listing every problem."""
    try:
        raw = load_yaml(text)  # bounded: size, aliases, nodes, depth (core.yaml_text)
    except yaml.YAMLError as exc:
        raise JourneyMapError(f"Journey map {source} is not valid YAML{describe(exc)}") from exc
    return parse_journey_map(raw, source)
