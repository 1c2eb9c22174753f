"""Column mapping for systems exports: target column -> source header, formats, value maps, constants.

The file's schema and its checks are in mapping_model.py; this module reads the file and gives
the LoadMapping the loaders use.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from core.yaml_model import listing
from core.yaml_text import YamlMappingError, read_mapping_yaml
from pipelines.loaders.mapping_model import CsvOptions, LoadMappingFile, typed
from pipelines.loaders.targets import KINDS, OTHER_VALUES, normalise_header

ALIAS_HINT = f'; a value map\'s catch-all must be quoted: "{OTHER_VALUES}": ok (a bare * starts a YAML alias)'


class MappingError(ValueError):
    """The mapping file (or dict) is invalid; the message lists every problem with its key path."""


@dataclass
class LoadMapping:
    """How to read one export: every field is optional; an empty mapping relies on header names."""

    kind: str | None = None
    columns: dict[str, str] = field(default_factory=dict)  # target column -> source header
    constants: dict[str, Any] = field(default_factory=dict)  # target column -> value for every row
    values: dict[str, dict[str, Any]] = field(default_factory=dict)  # target -> {cell value: value};
    #                                                   the key "*" = every other non-empty value
    timestamp_formats: tuple[str, ...] = ()  # strptime formats; ISO 8601 always
    decimal_comma: bool = False
    timezone: str | None = None  # zone of naive times in the file
    delimiter: str | None = None  # CSV only; default: sniffed
    encoding: str | None = None  # CSV only; default: detected
    sheet: str | None = None  # XLSX only; default: first sheet
    description: str | None = None
    source: str = "mapping"  # file name used in messages

    @classmethod
    def from_dict(cls, data: dict | None, kind: str | None = None, source: str = "mapping") -> LoadMapping:
        """Validate a mapping given as a dict (the YAML file's content, or the Upload page's edit)."""
        return _parse(data or {}, kind, source)

    @classmethod
    def from_yaml(cls, path: str | Path, kind: str | None = None) -> LoadMapping:
        """Read and validate a YAML mapping file."""
        path = Path(path)
        try:
            data = read_mapping_yaml(path, ALIAS_HINT)  # bounded: size, aliases, nodes, depth
        except YamlMappingError as exc:
            raise MappingError(str(exc)) from exc
        return _parse(data, kind, path.name)

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


def load_mapping(mapping: LoadMapping | dict | str | Path | None, kind: str) -> LoadMapping:
    """A LoadMapping from a LoadMapping, a dict, a YAML file path, or None (header names only)."""
    if mapping is None:
        return LoadMapping(kind=kind)
    if isinstance(mapping, LoadMapping):
        if mapping.kind and mapping.kind != kind:
            raise MappingError(f"{mapping.source}: kind: the mapping is for {mapping.kind}, not {kind}")
        return mapping
    if isinstance(mapping, dict):
        return LoadMapping.from_dict(mapping, kind)
    return LoadMapping.from_yaml(mapping, kind)


def _parse(data: Any, kind: str | None, source: str) -> LoadMapping:
    """Validate with LoadMappingFile (every problem listed), then the LoadMapping of its kind."""
    file_kind = data.get("kind") if isinstance(data, dict) else None
    if kind is not None and file_kind is not None and str(file_kind) in KINDS and str(file_kind) != kind:
        raise MappingError(f"{source}: kind: the mapping is for {file_kind}, not {kind}")
    try:
        doc = LoadMappingFile.model_validate(data, context={"kind": kind})
    except ValidationError as exc:
        raise MappingError(listing(f"{source}: invalid mapping:", exc, data)) from None
    spec = KINDS[kind or str(doc.kind)]
    constants = {
        spec.target(name).name: typed(spec.target(name), value)[0] for name, value in doc.constants.items()
    }
    values = {
        name: {cell: typed(spec.target(name), result)[0] for cell, result in table.items()}
        for name, table in doc.values.items()
    }
    csv = doc.csv or CsvOptions()
    return LoadMapping(
        kind=spec.name,
        columns=dict(doc.columns),
        constants=constants,
        values=values,
        timestamp_formats=doc.formats(),
        decimal_comma=doc.decimal_comma,
        timezone=doc.timezone,
        delimiter=csv.delimiter,
        encoding=csv.encoding,
        sheet=doc.sheet,
        description=doc.description,
        source=source,
    )


def match_header(header: str, headers: list[str]) -> int | None:
    """Index of a header in the file: exact first, then ignoring case, spacing and punctuation."""
    if header in headers:
        return headers.index(header)
    key = normalise_header(header)
    for i, h in enumerate(headers):
        if normalise_header(h) == key:
            return i
    return None
