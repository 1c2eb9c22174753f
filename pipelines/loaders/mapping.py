"""Column mapping for systems exports: target column -> source header, formats, value maps, constants."""
from __future__ import annotations

import codecs
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from pipelines.loaders.targets import (KINDS, OTHER_VALUES, Kind, Target, normalise_header,
                                       parse_bool, parse_choice)
from core.timezones import zone_problem
from core.yaml_text import YamlFileError, describe, load_text, read_yaml_file

TOP_LEVEL_KEYS = ("kind", "description", "columns", "constants", "values", "timestamp_formats",
                  "timestamp_format", "decimal_comma", "timezone", "csv", "sheet")
CSV_KEYS = ("delimiter", "encoding")
DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "semicolon": ";", "comma": ",", "pipe": "|"}


class MappingError(ValueError):
    """The mapping file (or dict) is invalid; the message lists every problem with its key path."""


@dataclass
class LoadMapping:
    """How to read one export: every field is optional; an empty mapping relies on header names."""

    kind: str | None = None
    columns: dict[str, str] = field(default_factory=dict)        # target column -> source header
    constants: dict[str, Any] = field(default_factory=dict)      # target column -> value for every row
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # target -> {cell value: value};
    #                                                   the key "*" = every other non-empty value
    timestamp_formats: tuple[str, ...] = ()                       # strptime formats; ISO 8601 always
    decimal_comma: bool = False
    timezone: str | None = None                                   # zone of naive times in the file
    delimiter: str | None = None                                  # CSV only; default: sniffed
    encoding: str | None = None                                   # CSV only; default: detected
    sheet: str | None = None                                      # XLSX only; default: first sheet
    description: str | None = None
    source: str = "mapping"                                       # file name used in messages

    @classmethod
    def from_dict(cls, data: dict | None, kind: str | None = None,
                  source: str = "mapping") -> "LoadMapping":
        """Validate a mapping given as a dict (the YAML file's content, or the Upload page's edit)."""
        return _parse(data or {}, kind, source)

    @classmethod
    def from_yaml(cls, path: str | Path, kind: str | None = None) -> "LoadMapping":
        """Read and validate a YAML mapping file."""
        path = Path(path)
        try:
            text = read_yaml_file(path, "utf-8-sig")
        except YamlFileError as exc:
            raise MappingError(f"{path.name}: the mapping file is not UTF-8 text" if exc.not_text
                               else f"{path.name}: cannot read the mapping file{exc.reason}") from exc
        try:
            data = load_text(text)  # bounded: size, aliases, nodes, depth (core.yaml_text)
        except yaml.YAMLError as exc:
            hint = ""
            if "alias" in str(getattr(exc, "context", "") or ""):
                hint = (f"; a value map's catch-all must be quoted: \"{OTHER_VALUES}\": ok "
                        "(a bare * starts a YAML alias)")
            raise MappingError(f"{path.name}: not valid YAML{describe(exc)}{hint}") from exc
        return _parse(data if data is not None else {}, kind, path.name)

    def to_dict(self) -> dict:
        """The mapping as a plain dict in the YAML file's shape (round-trips through from_dict)."""
        out: dict[str, Any] = {}
        if self.kind:
            out["kind"] = self.kind
        if self.description:
            out["description"] = self.description
        if self.columns:
            out["columns"] = dict(self.columns)
        if self.constants:
            out["constants"] = dict(self.constants)
        if self.values:
            out["values"] = {k: dict(v) for k, v in self.values.items()}
        if self.timestamp_formats:
            out["timestamp_formats"] = list(self.timestamp_formats)
        if self.decimal_comma:
            out["decimal_comma"] = True
        if self.timezone:
            out["timezone"] = self.timezone
        csv_opts = {k: v for k, v in (("delimiter", self.delimiter), ("encoding", self.encoding)) if v}
        if csv_opts:
            out["csv"] = csv_opts
        if self.sheet:
            out["sheet"] = self.sheet
        return out

    def to_yaml(self) -> str:
        return yaml.safe_dump(self.to_dict(), allow_unicode=True, sort_keys=False)


def load_mapping(mapping: "LoadMapping | dict | str | Path | None", kind: str) -> LoadMapping:
    """A LoadMapping from a LoadMapping, a dict, a YAML file path, or None (header names only)."""
    if mapping is None:
        return LoadMapping(kind=kind)
    if isinstance(mapping, LoadMapping):
        if mapping.kind and mapping.kind != kind:
            raise MappingError(f"{mapping.source}: kind: the mapping is for {mapping.kind}, "
                               f"not {kind}")
        return mapping
    if isinstance(mapping, dict):
        return LoadMapping.from_dict(mapping, kind)
    return LoadMapping.from_yaml(mapping, kind)


def _parse(data: Any, kind: str | None, source: str) -> LoadMapping:
    errors: list[str] = []
    if not isinstance(data, dict):
        raise MappingError(f"{source}: the mapping must be a YAML mapping (key: value lines), "
                           f"got {type(data).__name__}")
    unknown = [str(k) for k in data if k not in TOP_LEVEL_KEYS]
    if unknown:
        errors.append(f"unknown key(s) {', '.join(unknown)}; allowed: "
                      f"{', '.join(k for k in TOP_LEVEL_KEYS if k != 'timestamp_format')}")
    file_kind = data.get("kind")
    if file_kind is not None and str(file_kind) not in KINDS:
        errors.append(f"kind: {file_kind!r} is not one of {', '.join(KINDS)}")
        file_kind = None
    elif file_kind is not None and kind is not None and str(file_kind) != kind:
        raise MappingError(f"{source}: kind: the mapping is for {file_kind}, not {kind}")
    kind_name = kind or (str(file_kind) if file_kind else None)
    if kind_name is None:
        errors = errors or [f"kind: missing (one of {', '.join(KINDS)})"]
        raise MappingError(f"{source}: invalid mapping:\n" + "\n".join(f"  - {e}" for e in errors))
    spec = KINDS[kind_name]
    out = LoadMapping(kind=kind_name, source=source)
    if data.get("description") is not None:
        out.description = str(data["description"])
    out.columns = _columns(data.get("columns"), spec, errors)
    out.constants = _constants(data.get("constants"), spec, out.columns, errors)
    out.values = _values(data.get("values"), spec, errors)
    out.timestamp_formats = _formats(data, errors)
    out.decimal_comma = _flag(data.get("decimal_comma", False), "decimal_comma", errors)
    out.timezone = _timezone(data.get("timezone"), errors)
    out.delimiter, out.encoding = _csv_options(data.get("csv"), errors)
    if data.get("sheet") is not None:
        if isinstance(data["sheet"], (dict, list)):
            errors.append("sheet: must be a sheet name")
        else:
            out.sheet = str(data["sheet"])
    if errors:
        raise MappingError(f"{source}: invalid mapping:\n" + "\n".join(f"  - {e}" for e in errors))
    return out


def _target(spec: Kind, name: Any, where: str, errors: list[str]) -> Target | None:
    try:
        return spec.target(str(name))
    except KeyError:
        errors.append(f"{where}.{name}: not a column of {spec.name}; the columns are "
                      f"{', '.join(spec.names)}")
        return None


def _section(value: Any, where: str, errors: list[str]) -> dict:
    if value is None:
        return {}
    if not isinstance(value, dict):
        errors.append(f"{where}: must be a mapping of column: value, got {type(value).__name__}")
        return {}
    return value


def _columns(value: Any, spec: Kind, errors: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for name, header in _section(value, "columns", errors).items():
        if _target(spec, name, "columns", errors) is None:
            continue
        if header is None or isinstance(header, (dict, list, bool)) or str(header).strip() == "":
            errors.append(f"columns.{name}: must be the column header in the file, got {header!r}")
            continue
        out[str(name)] = str(header)
    return out


def _constants(value: Any, spec: Kind, columns: dict[str, str], errors: list[str]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, const in _section(value, "constants", errors).items():
        target = _target(spec, name, "constants", errors)
        if target is None:
            continue
        where = f"constants.{name}"
        if target.name in (spec.key, "event_id"):
            errors.append(f"{where}: the key column cannot be a constant (every row needs its own)")
        elif target.name in columns:
            errors.append(f"{where}: {name} is also mapped to column {columns[target.name]!r}; "
                          "use one or the other")
        elif const is None or isinstance(const, (dict, list)):
            errors.append(f"{where}: must be a single value, got {const!r}")
        else:
            checked = _typed(target, const, where, errors)
            if checked is not None:
                out[target.name] = checked
    return out


def _typed(target: Target, value: Any, where: str, errors: list[str]) -> Any:
    """A constant or value-map result checked against the target type; None (and an error) if not."""
    if target.type == "choice":
        choice = parse_choice(target, value)
        if choice is None:
            errors.append(f"{where}: {value!r} is not a valid {target.name}; use one of "
                          f"{', '.join(target.choices)}")
        return choice
    if target.type == "boolean":
        flag = parse_bool(value)
        if flag is None:
            errors.append(f"{where}: {value!r} is not a yes/no value (true/false)")
        return flag
    if target.type == "integer":
        try:
            number = float(str(value).replace(",", "."))
        except ValueError:
            number = float("nan")
        if not number.is_integer() or number < 0:
            errors.append(f"{where}: {value!r} is not a whole number of 0 or more")
            return None
        return int(number)
    if target.type == "timestamp":
        from datetime import datetime
        try:
            return datetime.fromisoformat(str(value))
        except ValueError:
            errors.append(f"{where}: {value!r} is not an ISO 8601 time (YYYY-MM-DD HH:MM)")
            return None
    text = str(value).strip()
    if not text:
        errors.append(f"{where}: must not be empty")
        return None
    return text


def _values(value: Any, spec: Kind, errors: list[str]) -> dict[str, dict[str, Any]]:
    out: dict[str, dict[str, Any]] = {}
    for name, table in _section(value, "values", errors).items():
        target = _target(spec, name, "values", errors)
        if target is None:
            continue
        where = f"values.{name}"
        if target.type == "timestamp":
            errors.append(f"{where}: times cannot have a value map; use timestamp_formats")
            continue
        if not isinstance(table, dict) or not table:
            errors.append(f"{where}: must be a mapping of 'value in the file': value")
            continue
        mapped: dict[str, Any] = {}
        seen: dict[str, str] = {}
        for raw, result in table.items():
            key = str(raw).strip()
            if not key or isinstance(raw, (dict, list)):
                errors.append(f"{where}: {raw!r} is not a cell value")
                continue
            if key == OTHER_VALUES and target.name == spec.key:
                errors.append(f"{where}: \"{OTHER_VALUES}\" cannot map every {target.name} to one "
                              "value (the key must differ between rows)")
                continue
            if key.lower() in seen:
                errors.append(f"{where}: {key!r} and {seen[key.lower()]!r} are the same value "
                              "(matching ignores case)")
                continue
            seen[key.lower()] = key
            if result is None or isinstance(result, (dict, list)):
                errors.append(f"{where}.{key}: must be a single value, got {result!r}")
                continue
            checked = _typed(target, result, f"{where}.{key}", errors)
            if checked is not None:
                mapped[key] = checked
        out[target.name] = mapped
    return out


STRPTIME_DIRECTIVE = re.compile(r"%.")


def _formats(data: dict, errors: list[str]) -> tuple[str, ...]:
    raw = data.get("timestamp_formats", data.get("timestamp_format"))
    if raw is None:
        return ()
    items = [raw] if isinstance(raw, str) else raw
    if not isinstance(items, list) or not items:
        errors.append("timestamp_formats: must be a format string or a list of them, "
                      "e.g. ['%d.%m.%Y %H:%M', '%d.%m.%Y']")
        return ()
    out: list[str] = []
    for i, fmt in enumerate(items):
        where = f"timestamp_formats[{i}]"
        if not isinstance(fmt, str) or not STRPTIME_DIRECTIVE.search(fmt):
            errors.append(f"{where}: {fmt!r} is not a strptime format (e.g. '%d.%m.%Y %H:%M')")
            continue
        if fmt.lower() in ("iso", "%iso"):
            continue  # ISO 8601 is always accepted
        problem = _check_format(fmt)
        if problem:
            errors.append(f"{where}: {fmt!r}: {problem}")
            continue
        out.append(fmt)
    return tuple(out)


def _check_format(fmt: str) -> str | None:
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


def _flag(value: Any, where: str, errors: list[str]) -> bool:
    flag = parse_bool(value)
    if flag is None:
        errors.append(f"{where}: must be true or false, got {value!r}")
        return False
    return flag


def _timezone(value: Any, errors: list[str]) -> str | None:
    if value is None or str(value).strip() == "":
        return None
    name = str(value).strip()
    problem = zone_problem(name)
    if problem:
        errors.append(f"timezone: {problem}")
        return None
    return name


def _csv_options(value: Any, errors: list[str]) -> tuple[str | None, str | None]:
    opts = _section(value, "csv", errors)
    unknown = [str(k) for k in opts if k not in CSV_KEYS]
    if unknown:
        errors.append(f"csv: unknown key(s) {', '.join(unknown)}; allowed: {', '.join(CSV_KEYS)}")
    delimiter = opts.get("delimiter")
    if delimiter is not None:
        delimiter = DELIMITER_NAMES.get(str(delimiter).lower(), str(delimiter))
        if len(delimiter) != 1 or delimiter in "\"\r\n":
            errors.append(f"csv.delimiter: must be one character such as ';' or 'tab', "
                          f"got {opts.get('delimiter')!r}")
            delimiter = None
    encoding = opts.get("encoding")
    if encoding is not None:
        try:
            codecs.lookup(str(encoding))
            encoding = str(encoding)
        except LookupError:
            errors.append(f"csv.encoding: {encoding!r} is not a known text encoding "
                          "(e.g. utf-8, cp1252, utf-16)")
            encoding = None
    return delimiter, encoding


def match_header(header: str, headers: list[str]) -> int | None:
    """Index of a header in the file: exact first, then ignoring case, spacing and punctuation."""
    if header in headers:
        return headers.index(header)
    key = normalise_header(header)
    for i, h in enumerate(headers):
        if normalise_header(h) == key:
            return i
    return None
