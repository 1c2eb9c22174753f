"""Pydantic models of the YAML files the product reads: every problem in plain words, at its key path.

The models (pipelines/journey_map_model.py, pipelines/loaders/mapping_model.py,
surveys/mapping_model.py) word their own problems with `fail`, refuse unknown keys with
`refused`, and add cross-field problems (references, duplicates, rules that depend on another
key) in a wrap model validator with `also`, so a file's problems are all reported at once even
when some fields are already wrong. `problem_lines` turns the ValidationError into lines such
as "stages[3].owner: unknown function 'x'", at most MAX_PROBLEMS of them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Annotated, Any, ClassVar, NoReturn

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationError, model_validator
from pydantic_core import InitErrorDetails, PydanticCustomError

PROBLEM = "cx_problem"  # the error type of every problem a model words itself
MAX_PROBLEMS = 100  # lines printed; a 2 KB file can hold a thousand wrong entries
MAX_SHOWN = 80  # characters of a value quoted in a message

Loc = tuple[str | int, ...]


def shown(value: Any) -> str:
    """A value as messages quote it: repr, cut to MAX_SHOWN characters."""
    text = repr(value)
    return text if len(text) <= MAX_SHOWN else text[: MAX_SHOWN - 3] + "..."


def fail(message: str) -> NoReturn:
    """Raise a problem in the product's words (at the key path of the value being validated)."""
    raise PydanticCustomError(PROBLEM, "{problem}", {"problem": message})


def refused(message: str) -> Any:
    """A type that refuses every value with `message` (for `__pydantic_extra__`: unknown keys)."""

    def refuse(value: Any) -> NoReturn:
        fail(message)

    return Annotated[Any, BeforeValidator(refuse)]


def section(
    empty: type[dict] | type[list], message: str, required: bool = False, loose: bool = False
) -> BeforeValidator:
    """A part of the file that may be left out (null; with `loose` any false value) unless
    `required`, and otherwise has one shape; `message` says which ('{type}': what it is)."""

    def check(value: Any) -> Any:
        value = (value or empty()) if loose else (empty() if value is None else value)
        if not isinstance(value, empty) or (required and not value):
            fail(message.replace("{type}", type(value).__name__))
        return value

    return BeforeValidator(check)


class Section(BaseModel):
    """A mapping with known keys (the fields). Other keys are refused: 'unknown key', or the
    subclass's words (`__pydantic_extra__: unknown_keys(...)`); a value that is not a mapping
    is refused with SHAPE ('{type}', '{value}': what it is); a key that is not text is read as
    text; a missing required key is validated as null, so its message names None."""

    model_config = ConfigDict(extra="allow")
    __pydantic_extra__: dict[str, refused("unknown key")]  # type: ignore[valid-type]
    SHAPE: ClassVar[str] = "must be a mapping"

    @model_validator(mode="before")
    @classmethod
    def _shape(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            fail(cls.SHAPE.replace("{type}", type(data).__name__).replace("{value}", shown(data)))
        data = {key if isinstance(key, str) else str(key): value for key, value in data.items()}
        return {**{name: None for name, field in cls.model_fields.items() if field.is_required()}, **data}


def unknown_keys(message: str) -> Any:
    """The `__pydantic_extra__` annotation of a Section whose unknown keys get `message`."""
    return dict[str, refused(message)]  # type: ignore[valid-type]


def also(handler: Callable[[Any], Any], data: Any, problems: Iterable[tuple[Loc, str]]) -> Any:
    """Validate `data` with `handler` (a wrap validator's) and report `problems` with the
    fields' own: one ValidationError holding all of them."""
    more = [
        InitErrorDetails(
            type=PydanticCustomError(PROBLEM, "{problem}", {"problem": text}), loc=loc, input=None
        )
        for loc, text in problems
    ]
    try:
        result = handler(data)
    except ValidationError as exc:
        if not more:
            raise
        raise ValidationError.from_exception_data(
            exc.title, [_again(error) for error in exc.errors()] + more
        ) from None
    if more:
        raise ValidationError.from_exception_data("file", more)
    return result


def _again(error: Any) -> InitErrorDetails:
    """A reported error as it can be raised again."""
    kind: Any = error["type"]
    if kind == PROBLEM:
        kind = PydanticCustomError(PROBLEM, "{problem}", error["ctx"])
    out = InitErrorDetails(type=kind, loc=error["loc"], input=error["input"])
    if "ctx" in error and not isinstance(kind, PydanticCustomError):
        out["ctx"] = error["ctx"]
    return out


def _steps(loc: Loc, data: Any, orders: dict[int, dict[str, int]]) -> list[tuple[str, int]]:
    """Each part of `loc` as a key path writes it ('[3]' for a list's item, else the key; a dict
    key is a key even when it is a number, told apart by walking `data`) and its position in
    the file (`orders` caches each mapping's key order)."""
    out: list[tuple[str, int]] = []
    for part in loc:
        if part == "[key]":  # the key itself is wrong: same place
            continue
        if isinstance(part, int) and not isinstance(data, dict):
            out.append((f"[{part}]", part))
            data = data[part] if isinstance(data, list) and 0 <= part < len(data) else None
            continue
        text = str(part)
        order = (
            orders.setdefault(id(data), {str(k): i for i, k in enumerate(data)})
            if isinstance(data, dict)
            else {}
        )
        out.append((text if text.strip() == text != "" else repr(text), order.get(text, len(order))))
        data = data.get(part) if isinstance(data, dict) else None
    return out


def key_path(loc: Loc, data: Any = None) -> str:
    """('stages', 3, 'owner') -> 'stages[3].owner'; an empty key or one with spaces around it
    is quoted."""
    out = ""
    for text, _ in _steps(loc, data, {}):
        out += text if text.startswith("[") or not out else f".{text}"
    return out


EXPECTED = {
    "string_type": "a text",
    "bool_type": "true or false",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "int_from_float": "a whole number",
    "float_type": "a number",
    "float_parsing": "a number",
    "dict_type": "a mapping",
    "model_type": "a mapping",
    "model_attributes_type": "a mapping",
    "list_type": "a list",
    "tuple_type": "a list",
}


def plain(error: Any) -> str:
    """A pydantic error in plain words (a model's own problems are already worded)."""
    kind, value, ctx = error["type"], error.get("input"), error.get("ctx") or {}
    if kind == PROBLEM:
        return str(ctx["problem"])
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind in EXPECTED:
        return f"must be {EXPECTED[kind]}, got {shown(value)}"
    if kind == "too_short":
        return "must not be empty"
    if kind == "literal_error":
        return f"{shown(value)} is not one of {ctx.get('expected')}"
    return f"{shown(value)}: {error['msg']}"


def problem_lines(exc: ValidationError, data: Any = None) -> list[str]:
    """'key.path: what is wrong' for each error in the order of the file (`data`), at most
    MAX_PROBLEMS lines (then how many more)."""
    orders: dict[int, dict[str, int]] = {}
    errors = sorted(
        exc.errors(include_url=False),  # in the order of the file
        key=lambda e: [at for _, at in _steps(e["loc"], data, orders)],
    )
    lines = []
    for error in errors[:MAX_PROBLEMS]:
        where = key_path(error["loc"], data)
        lines.append(f"{where}: {plain(error)}" if where else plain(error))
    if len(errors) > MAX_PROBLEMS:
        lines.append(f"... and {len(errors) - MAX_PROBLEMS:,} more problems")
    return lines


def listing(heading: str, exc: ValidationError, data: Any = None) -> str:
    """`heading` then every problem on its own '  - ' line (the format all three files use)."""
    return heading + "\n" + "\n".join(f"  - {line}" for line in problem_lines(exc, data))
