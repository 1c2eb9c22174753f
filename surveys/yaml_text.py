"""YAML for mapping files as people write them: values stay the text written.

PyYAML's safe loader turns `yes`/`no`/`on`/`off` into booleans and `2026-03-05` into a date, so a
value map `{Yes: true}` would not match the cell `Yes`. Used by the survey and systems mapping files.
"""
from __future__ import annotations

from typing import Any

import yaml


class TextLoader(yaml.SafeLoader):
    """A SafeLoader without the bool and timestamp resolvers."""


TextLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()}


def load_text(text: str) -> Any:
    """Parse YAML text with TextLoader (raises yaml.YAMLError)."""
    return yaml.load(text, Loader=TextLoader)  # noqa: S506 - a SafeLoader subclass
