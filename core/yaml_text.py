"""YAML as the product reads it: bounded, and for mapping files the values stay the text written.

Every YAML the product reads (the journey map, survey and systems mapping files, the journey map
editor's upload) goes through `load_text` or `load_yaml` here, which refuse, before building
anything big:

* text over MAX_YAML_BYTES (1 MiB: the shipped journey map is 5 KB, a mapping file 1-2 KB);
* more than MAX_YAML_ALIASES alias uses (`*name`);
* more than MAX_YAML_NODES values (nodes) counted *after* alias expansion (the shipped journey map
  has 432; reading 50,000 takes ~1 s and a few tens of MB), so a "billion laughs" document
  (nine aliases of nine aliases of ...) is refused after reading a few hundred bytes of it, however
  its result would later be used (str(), json, iteration), and recursive aliases (`&a [*a]`);
* nesting deeper than MAX_YAML_DEPTH (before Python's recursion limit is reached);
* anything else the YAML library raises on hostile text (an out-of-range date such as 2026-13-45,
  a 5,000-digit integer, `!!timestamp x`): all become YamlLimitError, a yaml.YAMLError, so callers
  catch one exception and name the file; `describe` gives the one-line reason with line and column.

PyYAML's safe loader turns `yes`/`no`/`on`/`off` into booleans and `2026-03-05` into a date, so a
value map `{Yes: true}` would not match the cell `Yes`: `load_text` (mapping files) keeps them text;
`load_yaml` (the journey map) keeps the safe loader's types.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml
from yaml.events import AliasEvent

MAX_YAML_BYTES = 1024 * 1024
MAX_YAML_ALIASES = 100
MAX_YAML_NODES = 50_000
MAX_YAML_DEPTH = 64


class YamlLimitError(yaml.MarkedYAMLError):
    """A YAML text refused by a bound (size, aliases, nodes, depth) or that the library cannot
    turn into values; `problem` is the reason, `problem_mark` the place (when known)."""

    def __init__(self, problem: str, mark: Any = None) -> None:
        super().__init__(problem=problem, problem_mark=mark)


def describe(exc: yaml.YAMLError) -> str:
    """One line: ' (line L, column C): reason' for a YAML error (no snippet, no newlines)."""
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    where = f" (line {mark.line + 1}, column {mark.column + 1})" if mark is not None else ""
    reason = getattr(exc, "problem", None) or getattr(exc, "context", None) or str(exc)
    return f"{where}: {' '.join(str(reason).split())}"


class _Bounded:
    """Composer hooks counting depth, alias uses and nodes after alias expansion."""

    def _reset_bounds(self) -> None:
        self._depth = 0
        self._aliases = 0
        self._nodes = 0
        self._sizes: dict[str, int] = {}  # anchor -> its subtree's size after expansion

    def compose_document(self) -> Any:
        self._reset_bounds()
        return super().compose_document()  # type: ignore[misc]

    def _add(self, count: int, mark: Any) -> None:
        self._nodes += count
        if self._nodes > MAX_YAML_NODES:
            raise YamlLimitError(
                f"more than {MAX_YAML_NODES:,} values (an alias counts every value it repeats)", mark
            )

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()  # type: ignore[attr-defined]
        if isinstance(event, AliasEvent):
            self._aliases += 1
            if self._aliases > MAX_YAML_ALIASES:
                raise YamlLimitError(f"more than {MAX_YAML_ALIASES} aliases (*name)", event.start_mark)
            if event.anchor in self.anchors and event.anchor not in self._sizes:  # type: ignore[attr-defined]
                raise YamlLimitError(
                    f"the alias *{event.anchor} refers to a value that contains it", event.start_mark
                )
            self._add(self._sizes.get(event.anchor, 1), event.start_mark)
            return super().compose_node(parent, index)  # type: ignore[misc]
        if self._depth >= MAX_YAML_DEPTH:
            raise YamlLimitError(f"nested more than {MAX_YAML_DEPTH} levels deep", event.start_mark)
        self._add(1, event.start_mark)
        before = self._nodes
        self._depth += 1
        try:
            node = super().compose_node(parent, index)  # type: ignore[misc]
        finally:
            self._depth -= 1
        if getattr(event, "anchor", None) is not None:
            self._sizes[event.anchor] = self._nodes - before + 1
        return node


class SafeBoundedLoader(_Bounded, yaml.SafeLoader):
    """PyYAML's SafeLoader with the bounds of this module."""


class TextLoader(_Bounded, yaml.SafeLoader):
    """A bounded SafeLoader without the bool and timestamp resolvers."""


TextLoader.yaml_implicit_resolvers = {
    first: [
        (tag, rx)
        for tag, rx in resolvers
        if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")
    ]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def _load(text: str, loader: type) -> Any:
    if len(text) > MAX_YAML_BYTES:
        raise YamlLimitError(f"larger than {MAX_YAML_BYTES // 1024} KiB")
    instance = loader(text)
    try:
        return instance.get_single_data()
    except yaml.YAMLError:
        raise
    except RecursionError as exc:
        raise YamlLimitError(f"nested too deeply ({type(exc).__name__})") from exc
    except (ValueError, TypeError, AttributeError, OverflowError, IndexError, KeyError) as exc:
        # the library's constructors on hostile scalars: month 13, 5,000-digit ints, bad tags
        raise YamlLimitError(f"a value cannot be read ({' '.join(str(exc).split())[:200]})") from exc
    finally:
        instance.dispose()


def load_text(text: str) -> Any:
    """Parse YAML text with TextLoader, bounded (raises yaml.YAMLError, YamlLimitError included)."""
    return _load(text, TextLoader)


def load_yaml(text: str) -> Any:
    """Parse YAML text with the safe loader's types, bounded (raises yaml.YAMLError)."""
    return _load(text, SafeBoundedLoader)


def read_capped(path: str | Path, encoding: str = "utf-8") -> str:
    """A YAML file's text, reading at most MAX_YAML_BYTES + 1 bytes (raises OSError,
    UnicodeDecodeError, or YamlLimitError when the file is larger)."""
    with open(path, "rb") as fh:
        data = fh.read(MAX_YAML_BYTES + 1)
    if len(data) > MAX_YAML_BYTES:
        raise YamlLimitError(f"larger than {MAX_YAML_BYTES // 1024} KiB")
    return data.decode(encoding)


class YamlFileError(ValueError):
    """A YAML file that cannot be read as text: `reason` completes '<file> cannot be read';
    `not_text` when the bytes are not in the expected encoding."""

    def __init__(self, reason: str, not_text: bool = False):
        super().__init__(reason)
        self.reason, self.not_text = reason, not_text


def read_yaml_file(path: str | Path, encoding: str = "utf-8") -> str:
    """read_capped with its three failures as one YamlFileError (the callers word the message)."""
    try:
        return read_capped(path, encoding)
    except OSError as exc:
        raise YamlFileError(f": {exc.strerror or exc}") from exc
    except UnicodeDecodeError as exc:
        raise YamlFileError("", not_text=True) from exc
    except yaml.YAMLError as exc:  # larger than the YAML size cap
        raise YamlFileError(describe(exc)) from exc


class YamlMappingError(ValueError):
    """A mapping file that cannot be read or is not YAML; the message starts '<file name>: '."""


def read_mapping_yaml(path: str | Path, alias_hint: str = "") -> Any:
    """The content of a YAML mapping file (UTF-8, BOM allowed; values kept as text, load_text);
    {} for an empty file. `alias_hint` is added when the YAML fails on an alias (`*`)."""
    path = Path(path)
    try:
        text = read_yaml_file(path, "utf-8-sig")
    except YamlFileError as exc:
        raise YamlMappingError(
            f"{path.name}: the mapping file is not UTF-8 text"
            if exc.not_text
            else f"{path.name}: cannot read the mapping file{exc.reason}"
        ) from exc
    return load_mapping_yaml(text, path.name, alias_hint)


def load_mapping_yaml(text: str, source: str, alias_hint: str = "") -> Any:
    """YAML text of a mapping file as values (see read_mapping_yaml); YamlMappingError names `source`."""
    try:
        data = load_text(text)
    except yaml.YAMLError as exc:
        hint = alias_hint if "alias" in str(getattr(exc, "context", "") or "") else ""
        raise YamlMappingError(f"{source}: not valid YAML{describe(exc)}{hint}") from exc
    return data if data is not None else {}
