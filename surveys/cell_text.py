"""A survey cell as the validation reads it: stripped text, whole floats without '.0', None when blank."""

from __future__ import annotations


def cell_text(value: object) -> str | None:
    """The cell as stripped text (a whole float as an integer); None when empty."""
    if value is None:
        return None
    if type(value) is str:
        return value.strip() or None
    text = str(value).strip()
    if isinstance(value, float) and value.is_integer():
        text = str(int(value))
    return text or None
