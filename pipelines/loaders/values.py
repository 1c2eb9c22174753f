"""SQL that turns one source column's cells into the typed value of a target column."""

from __future__ import annotations

from datetime import UTC, datetime

from pipelines.loaders.mapping import LoadMapping
from pipelines.loaders.source import NUMERIC_TYPES
from pipelines.loaders.targets import CHOICE_SYNONYMS, FALSE_WORDS, OTHER_VALUES, TRUE_WORDS, Target
from pipelines.loaders.zones import instant_to_utc, naive_to_utc

FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL")
SQL_TYPES = {
    "text": "varchar",
    "choice": "varchar",
    "timestamp": "timestamp",
    "integer": "double",
    "boolean": "boolean",
}
# ISO 8601 time with an explicit UTC offset or Z: an instant, whatever the load's zone says
OFFSET_RE = r"\d[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$"


def lit(value: object) -> str:
    """A Python value as a SQL literal."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return repr(value)
    if isinstance(value, datetime):
        return f"timestamp '{value.isoformat(sep=' ')}'"
    return "'" + str(value).replace("'", "''") + "'"


def text_sql(col: str, dtype: str) -> str:
    """SQL for a cell as trimmed text (NULL when empty); whole floats without '.0'."""
    if dtype == "VARCHAR":
        return f"nullif(trim({col}), '')"
    if dtype in FLOAT_TYPES:
        return (
            f"case when {col} = trunc({col}) and abs({col}) < 1e15 "
            f"then cast(cast({col} as bigint) as varchar) else cast({col} as varchar) end"
        )
    return f"nullif(trim(cast({col} as varchar)), '')"


def _case(expr: str, pairs: list[tuple[str, object]], default: str) -> str:
    if not pairs:
        return default
    whens = " ".join(f"when {lit(k)} then {lit(v)}" for k, v in pairs)
    return f"case {expr} {whens} else {default} end"


def _user_pairs(mapping: LoadMapping, target: Target) -> list[tuple[str, object]]:
    """The listed values of the target's value map, lower-case (without the "*" entry)."""
    return [(k.lower(), v) for k, v in mapping.values.get(target.name, {}).items() if k != OTHER_VALUES]


def other_value(mapping: LoadMapping, target: Target) -> object | None:
    """What the value map's "*" turns every other non-empty value into (None without "*")."""
    return mapping.values.get(target.name, {}).get(OTHER_VALUES)


def _typed_source(target: Target, dtype: str) -> bool:
    """True when the column's own type already gives the value (no text to map)."""
    if target.type == "boolean":
        return dtype == "BOOLEAN"
    if target.type == "integer":
        return dtype in NUMERIC_TYPES or dtype in FLOAT_TYPES or dtype.startswith("DECIMAL")
    return False


def _base_value(target: Target, col: str, dtype: str, raw: str, mapping: LoadMapping) -> str:
    """The value from listed values, built-in synonyms and the column's rules (NULL if unreadable)."""
    user = _user_pairs(mapping, target)
    if target.type == "boolean":
        if dtype == "BOOLEAN":
            return col
        words = [(w, True) for w in TRUE_WORDS] + [(w, False) for w in FALSE_WORDS]
        pairs = user + [p for p in words if p[0] not in dict(user)]
        return _case(f"lower({raw})", pairs, "null")
    if target.type == "integer":
        if _typed_source(target, dtype):
            return f"cast({col} as double)"
        text = f"replace({raw}, ',', '.')" if mapping.decimal_comma else raw
        return _case(f"lower({raw})", [(k, float(v)) for k, v in user], f"try_cast({text} as double)")
    if target.type == "choice":
        builtin = [(k, v) for k, v in CHOICE_SYNONYMS.get(target.name, {}).items() if k not in dict(user)]
        value = _case(f"lower({raw})", user + builtin, f"lower({raw})")
        allowed = ", ".join(lit(c) for c in target.choices)
        return f"case when {value} in ({allowed}) then {value} end"
    return _case(f"lower({raw})", user, raw)


def other_condition(target: Target, col: str, dtype: str, raw: str, mapping: LoadMapping) -> str | None:
    """SQL true on the cells that take the "*" value; None when the map has no "*".

    "*" never overrides a value the column already reads: a listed value, a built-in synonym, a
    valid choice, a yes/no word or a number. For text targets every unlisted value is "other".
    """
    if other_value(mapping, target) is None or _typed_source(target, dtype):
        return None
    if target.type == "text":
        listed = ", ".join(lit(k) for k, _ in _user_pairs(mapping, target))
        return f"{raw} is not null" + (f" and lower({raw}) not in ({listed})" if listed else "")
    return f"{raw} is not null and ({_base_value(target, col, dtype, raw, mapping)}) is null"


def timestamp_sql(col: str, dtype: str, raw: str, formats: tuple[str, ...], zone: str) -> str:
    """SQL for a time as naive UTC: naive values are in `zone`, offsets and TIMESTAMPTZ are instants."""
    if dtype.startswith("TIMESTAMP WITH TIME ZONE") or dtype == "TIMESTAMPTZ":
        return instant_to_utc(col)
    if dtype.startswith("TIMESTAMP") or dtype == "DATE":
        return naive_to_utc(f"cast({col} as timestamp)", zone)
    naive_fmts = [f for f in formats if "%z" not in f and "%Z" not in f]
    zoned_fmts = [f for f in formats if f not in naive_fmts]
    iso = (
        f"case when regexp_matches({raw}, '{OFFSET_RE}') "
        f"then {instant_to_utc(f'try_cast({raw} as timestamptz)')} "
        f"else {naive_to_utc(f'try_cast({raw} as timestamp)', zone)} end"
    )
    parts = []
    if naive_fmts:
        parts.append(naive_to_utc(f"try_strptime({raw}, [{', '.join(lit(f) for f in naive_fmts)}])", zone))
    if zoned_fmts:
        parts.append(instant_to_utc(f"try_strptime({raw}, [{', '.join(lit(f) for f in zoned_fmts)}])"))
    return f"coalesce({', '.join(parts + [iso])})" if parts else iso


def value_sql(target: Target, col: str, dtype: str, raw: str, mapping: LoadMapping, zone: str) -> str:
    """SQL for the typed target value of one source column (NULL where it cannot be read)."""
    if target.type == "timestamp":
        return timestamp_sql(col, dtype, raw, mapping.timestamp_formats, zone)
    other = other_value(mapping, target)
    if other is None or _typed_source(target, dtype):
        return _base_value(target, col, dtype, raw, mapping)
    fallback = lit(float(other) if target.type == "integer" else other)
    if target.type == "text":
        return _case(
            f"lower({raw})", _user_pairs(mapping, target), f"case when {raw} is not null then {fallback} end"
        )
    return (
        f"coalesce({_base_value(target, col, dtype, raw, mapping)}, "
        f"case when {raw} is not null then {fallback} end)"
    )


def constant_sql(target: Target, value: object, zone: str) -> str:
    """SQL for a constant or default value; a constant time is in `zone` unless it has an offset."""
    if target.type == "timestamp" and isinstance(value, datetime):
        if value.tzinfo is not None:
            return lit(value.astimezone(UTC).replace(tzinfo=None))
        return naive_to_utc(lit(value), zone)
    return f"cast({lit(value)} as {SQL_TYPES[target.type]})"
