"""The schema of a systems load's mapping file (docs/loading.md) as a pydantic model.

The keys that do not depend on the load kind (formats, time zone, CSV options, the shape of each
section) are fields; what depends on the kind (which target columns exist, their types, the key
column) is checked in `LoadMappingFile`'s wrap validator against the kind in the validation
context, so every problem of a file is listed at once with its key path.
"""

from __future__ import annotations

import codecs
import re
from datetime import datetime
from functools import lru_cache
from typing import Annotated, Any

from pydantic import BeforeValidator, ValidationInfo, model_validator

from core.timezones import zone_problem
from core.yaml_model import Loc, Section, also, fail, section, shown, unknown_keys
from pipelines.loaders.targets import KINDS, OTHER_VALUES, Kind, Target, parse_bool, parse_choice

TOP_LEVEL_KEYS = (
    "kind",
    "description",
    "columns",
    "constants",
    "values",
    "timestamp_formats",
    "timestamp_format",
    "decimal_comma",
    "timezone",
    "csv",
    "sheet",
)
CSV_KEYS = ("delimiter", "encoding")
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}
STRPTIME_DIRECTIVE = re.compile(r"%.")
ISO = ("iso", "%iso")  # ISO 8601 is always accepted; these entries only say so


def _kind(value: Any) -> Any:
    if value is not None and str(value) not in KINDS:
        fail(f"{shown(value)} is not one of {', '.join(KINDS)}")
    return None if value is None else str(value)


def _header(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list, bool)) or str(value).strip() == "":
        fail(f"must be the column header in the file, got {shown(value)}")
    return str(value)


def _single(value: Any) -> Any:
    if value is None or isinstance(value, (dict, list)):
        fail(f"must be a single value, got {shown(value)}")
    return value


def _cell(value: Any) -> Any:
    if isinstance(value, (dict, list)) or not str(value).strip():
        fail(f"{shown(value)} is not a cell value")
    return str(value).strip()


def _formats(value: Any) -> Any:
    if value is None:
        return ()
    items = [value] if isinstance(value, str) else value
    if not isinstance(items, list) or not items:
        fail("must be a format string or a list of them, e.g. ['%d.%m.%Y %H:%M', '%d.%m.%Y']")
    return items


def _format(value: Any) -> Any:
    if not isinstance(value, str) or not STRPTIME_DIRECTIVE.search(value):
        fail(f"{shown(value)} is not a strptime format (e.g. '%d.%m.%Y %H:%M')")
    problem = None if value.lower() in ISO else strptime_problem(value)
    if problem:
        fail(f"{shown(value)}: {problem}")
    return value


@lru_cache(maxsize=256)
def strptime_problem(fmt: str) -> str | None:
    """DuckDB's own verdict on a strptime format (None = fine)."""
    import duckdb

    con = duckdb.connect()
    try:
        con.execute("select try_strptime('', ?)", [fmt]).fetchall()
    except duckdb.Error as exc:
        return str(exc).split("\n")[0].split("Error: ", 1)[-1]
    finally:
        con.close()
    return None


def _flag(value: Any) -> Any:
    flag = parse_bool(value)
    if flag is None:
        fail(f"must be true or false, got {shown(value)}")
    return flag


def _zone(value: Any) -> Any:
    if value is None or str(value).strip() == "":
        return None
    problem = zone_problem(str(value).strip())
    if problem:
        fail(problem)
    return str(value).strip()


def _sheet(value: Any) -> Any:
    if isinstance(value, (dict, list)):
        fail("must be a sheet name")
    return None if value is None else str(value)


def _delimiter(value: Any) -> Any:
    delimiter = DELIMITER_NAMES.get(str(value).lower(), str(value))
    if len(delimiter) != 1 or delimiter in '"\r\n':
        fail(f"must be one character such as ';' or 'tab', got {shown(value)}")
    return delimiter


def _encoding(value: Any) -> Any:
    try:
        codecs.lookup(str(value))
    except LookupError:
        fail(f"{shown(value)} is not a known text encoding (e.g. utf-8, cp1252, utf-16)")
    return str(value)


Name = Annotated[str, BeforeValidator(str)]  # a target column: the kind decides (below)
Header = Annotated[str, BeforeValidator(_header)]
Single = Annotated[Any, BeforeValidator(_single)]
Cell = Annotated[str, BeforeValidator(_cell)]
Formats = Annotated[tuple[Annotated[str, BeforeValidator(_format)], ...], BeforeValidator(_formats)]
COLUMNS_SHAPE = "must be a mapping of column: value, got {type}"


class CsvOptions(Section):
    __pydantic_extra__: unknown_keys(f"unknown key; allowed: {', '.join(CSV_KEYS)}")  # type: ignore[valid-type]
    SHAPE = "must be a mapping of delimiter and/or encoding, got {type}"
    delimiter: Annotated[str | None, BeforeValidator(_delimiter)] = None
    encoding: Annotated[str | None, BeforeValidator(_encoding)] = None


class LoadMappingFile(Section):
    """A mapping file (or the Upload page's edited dict); every key is optional. Validate with
    context={'kind': the kind's name, or None to take the file's}."""

    __pydantic_extra__: unknown_keys(  # type: ignore[valid-type]
        "unknown key; allowed: " + ", ".join(k for k in TOP_LEVEL_KEYS if k != "timestamp_format")
    )
    SHAPE = "the mapping must be a YAML mapping (key: value lines), got {type}"
    kind: Annotated[str | None, BeforeValidator(_kind)] = None
    description: Annotated[str | None, BeforeValidator(lambda v: None if v is None else str(v))] = None
    columns: Annotated[dict[Name, Header], section(dict, COLUMNS_SHAPE)] = {}
    constants: Annotated[dict[Name, Single], section(dict, COLUMNS_SHAPE)] = {}
    values: Annotated[
        dict[
            Name,
            Annotated[
                dict[Cell, Single],
                section(dict, "must be a mapping of 'value in the file': value", required=True),
            ],
        ],
        section(dict, COLUMNS_SHAPE),
    ] = {}
    timestamp_formats: Formats = ()
    timestamp_format: Formats = ()  # the same, for a single format
    decimal_comma: Annotated[bool, BeforeValidator(_flag)] = False
    timezone: Annotated[str | None, BeforeValidator(_zone)] = None
    csv: CsvOptions | None = None
    sheet: Annotated[str | None, BeforeValidator(_sheet)] = None

    @model_validator(mode="wrap")
    @classmethod
    def _kind_rules(cls, data: Any, handler: Any, info: ValidationInfo) -> Any:
        chosen = (info.context or {}).get("kind")
        if chosen is None and isinstance(data, dict) and data.get("kind") is None:
            return also(handler, data, [(("kind",), f"missing (one of {', '.join(KINDS)})")])
        spec = KINDS.get(chosen or str(data.get("kind") if isinstance(data, dict) else ""))
        return also(handler, data, _target_problems(data, spec) if spec else ())

    def formats(self) -> tuple[str, ...]:
        """The strptime formats (timestamp_formats, else timestamp_format) without 'iso'."""
        given = (
            self.timestamp_formats if "timestamp_formats" in self.model_fields_set else self.timestamp_format
        )
        return tuple(f for f in given if f.lower() not in ISO)


def typed(target: Target, value: Any) -> tuple[Any, str | None]:
    """A constant or value-map result as the target's type: (value, None), else (None, why not)."""
    if target.type == "choice":
        choice = parse_choice(target, value)
        return (
            (choice, None)
            if choice is not None
            else (
                None,
                f"{shown(value)} is not a valid {target.name}; use one of {', '.join(target.choices)}",
            )
        )
    if target.type == "boolean":
        flag = parse_bool(value)
        return (
            (flag, None) if flag is not None else (None, f"{shown(value)} is not a yes/no value (true/false)")
        )
    if target.type == "integer":
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            number = float("nan")
        if not number.is_integer() or number < 0:
            return None, f"{shown(value)} is not a whole number of 0 or more"
        return int(number), None
    if target.type == "timestamp":
        try:
            return datetime.fromisoformat(str(value)), None
        except ValueError:
            return None, f"{shown(value)} is not an ISO 8601 time (YYYY-MM-DD HH:MM)"
    text = str(value).strip()
    return (text, None) if text else (None, "must not be empty")


def _section(data: Any, key: str) -> dict:
    value = data.get(key) if isinstance(data, dict) else None
    return value if isinstance(value, dict) else {}


def _target_problems(data: Any, spec: Kind) -> list[tuple[Loc, str]]:
    """What the kind decides: target column names, constants' and value maps' types, the key."""
    problems: list[tuple[Loc, str]] = []

    def target(key: str, name: Any) -> Target | None:
        if str(name) in spec.names:
            return spec.target(str(name))
        problems.append(
            ((key, name), f"not a column of {spec.name}; the columns are {', '.join(spec.names)}")
        )
        return None

    columns = _section(data, "columns")
    for name in columns:
        target("columns", name)
    for name, value in _section(data, "constants").items():
        found = target("constants", name)
        if found is None or value is None or isinstance(value, (dict, list)):
            continue  # not a single value: the field says so
        if found.name in (spec.key, "event_id"):
            problems.append(
                (("constants", name), "the key column cannot be a constant (every row needs its own)")
            )
        elif found.name in columns:
            problems.append(
                (
                    ("constants", name),
                    f"{name} is also mapped to column {shown(columns[found.name])}; use one or the other",
                )
            )
        elif (problem := typed(found, value)[1]) is not None:
            problems.append((("constants", name), problem))
    for name, table in _section(data, "values").items():
        found = target("values", name)
        if found is not None and isinstance(table, dict):
            problems += _value_map_problems(found, spec, name, table)
    return problems


def _value_map_problems(target: Target, spec: Kind, name: Any, table: dict) -> list[tuple[Loc, str]]:
    if target.type == "timestamp":
        return [(("values", name), "times cannot have a value map; use timestamp_formats")]
    out: list[tuple[Loc, str]] = []
    seen: dict[str, str] = {}
    for raw, result in table.items():
        key = str(raw).strip()
        if isinstance(raw, (dict, list)) or not key:
            continue  # not a cell value: the field says so
        if key == OTHER_VALUES and target.name == spec.key:
            out.append(
                (
                    ("values", name),
                    f'"{OTHER_VALUES}" cannot map every {target.name} to '
                    "one value (the key must differ between rows)",
                )
            )
        elif key.lower() in seen:
            out.append(
                (
                    ("values", name),
                    f"{shown(key)} and {shown(seen[key.lower()])} are the same value (matching ignores case)",
                )
            )
        elif result is not None and not isinstance(result, (dict, list)):
            problem = typed(target, result)[1]
            if problem is not None:
                out.append((("values", name, raw), problem))
        seen.setdefault(key.lower(), key)
    return out
