"""SQL that turns a source table into typed target columns and row-level problems (vectorised)."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from pipelines.loaders.mapping import LoadMapping, match_header
from pipelines.loaders.source import NUMERIC_TYPES, Source
from pipelines.loaders.targets import (CHOICE_SYNONYMS, FALSE_WORDS, LOCAL_TZ, TRUE_WORDS, Kind,
                                       Target, normalise_header)

FLOAT_TYPES = ("FLOAT", "DOUBLE", "REAL")
SQL_TYPES = {"text": "varchar", "choice": "varchar", "timestamp": "timestamp", "integer": "double",
             "boolean": "boolean"}
# ISO 8601 time with an explicit UTC offset or Z: converted to local time, whatever `timezone` says
OFFSET_RE = r"\d[T ]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?\s*(Z|[+-]\d{2}(:?\d{2})?)$"


@dataclass(frozen=True)
class ColumnMatch:
    """Where one target column comes from."""

    target: str
    required: bool
    how: str                      # mapping | auto | constant | default | generated | missing
    source: str | None = None     # header in the file
    index: int | None = None      # column position in the file
    constant: object = None


@dataclass(frozen=True)
class Check:
    """One row rule: rows where `condition` holds get a problem on `column` with `value`."""

    condition: str
    column: str                   # the header the user sees
    value: str                    # SQL for the cell text shown in the report
    reason: str                   # SQL for the reason text


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


def resolve_columns(kind: Kind, mapping: LoadMapping,
                    headers: list[str]) -> tuple[list[ColumnMatch], list[str]]:
    """Match every target to a mapped header, a constant, a header with its name or a synonym."""
    matches: dict[str, ColumnMatch] = {}
    missing_mapped: list[str] = []
    used: set[int] = set()
    for target in kind.targets:
        if target.name in mapping.constants:
            matches[target.name] = ColumnMatch(target.name, target.required, "constant",
                                               constant=mapping.constants[target.name])
        elif target.name in mapping.columns:
            header = mapping.columns[target.name]
            index = match_header(header, headers)
            if index is None:
                missing_mapped.append(target.name)
                matches[target.name] = ColumnMatch(target.name, target.required, "missing", header)
            else:
                used.add(index)
                matches[target.name] = ColumnMatch(target.name, target.required, "mapping",
                                                   headers[index], index)
    keys = [normalise_header(h) for h in headers]
    for target in kind.targets:
        if target.name in matches:
            continue
        index = None
        for name in (target.name, *target.synonyms):
            key = normalise_header(name)
            index = next((i for i, k in enumerate(keys) if k == key and i not in used), None)
            if index is not None:
                break
        if index is not None:
            used.add(index)
            matches[target.name] = ColumnMatch(target.name, target.required, "auto", headers[index], index)
        elif target.name == "event_id":
            matches[target.name] = ColumnMatch(target.name, False, "generated")
        elif target.default is not None:
            matches[target.name] = ColumnMatch(target.name, False, "default", constant=target.default)
        else:
            matches[target.name] = ColumnMatch(target.name, target.required, "missing")
    return [matches[t.name] for t in kind.targets], missing_mapped


def _text(col: str, dtype: str) -> str:
    if dtype == "VARCHAR":
        return f"nullif(trim({col}), '')"
    if dtype in FLOAT_TYPES:
        return (f"case when {col} = trunc({col}) and abs({col}) < 1e15 "
                f"then cast(cast({col} as bigint) as varchar) else cast({col} as varchar) end")
    return f"nullif(trim(cast({col} as varchar)), '')"


def _case(expr: str, pairs: list[tuple[str, object]], default: str) -> str:
    if not pairs:
        return default
    whens = " ".join(f"when {lit(k)} then {lit(v)}" for k, v in pairs)
    return f"case {expr} {whens} else {default} end"


def _user_pairs(mapping: LoadMapping, target: Target) -> list[tuple[str, object]]:
    return [(k.lower(), v) for k, v in mapping.values.get(target.name, {}).items()]


def _to_local(naive: str, mapping: LoadMapping) -> str:
    if mapping.timezone and mapping.timezone != LOCAL_TZ:
        return f"timezone('{LOCAL_TZ}', timezone({lit(mapping.timezone)}, {naive}))"
    return naive


def value_expr(target: Target, col: str, dtype: str, raw: str, mapping: LoadMapping) -> str:
    """SQL for the typed target value of one source column (null where it cannot be read)."""
    user = _user_pairs(mapping, target)
    if target.type == "timestamp":
        if dtype.startswith("TIMESTAMP WITH TIME ZONE") or dtype == "TIMESTAMPTZ":
            return f"timezone('{LOCAL_TZ}', {col})"
        if dtype.startswith("TIMESTAMP") or dtype == "DATE":
            return _to_local(f"cast({col} as timestamp)", mapping)
        naive_fmts = [f for f in mapping.timestamp_formats if "%z" not in f and "%Z" not in f]
        zoned_fmts = [f for f in mapping.timestamp_formats if f not in naive_fmts]
        iso = (f"case when regexp_matches({raw}, '{OFFSET_RE}') "
               f"then timezone('{LOCAL_TZ}', try_cast({raw} as timestamptz)) "
               f"else {_to_local(f'try_cast({raw} as timestamp)', mapping)} end")
        parts = []
        if naive_fmts:
            parts.append(_to_local(f"try_strptime({raw}, [{', '.join(lit(f) for f in naive_fmts)}])",
                                   mapping))
        if zoned_fmts:
            parts.append(f"timezone('{LOCAL_TZ}', try_strptime({raw}, "
                         f"[{', '.join(lit(f) for f in zoned_fmts)}]))")
        return f"coalesce({', '.join(parts + [iso])})" if parts else iso
    if target.type == "boolean":
        if dtype == "BOOLEAN":
            return col
        words = [(w, True) for w in TRUE_WORDS] + [(w, False) for w in FALSE_WORDS]
        pairs = user + [p for p in words if p[0] not in dict(user)]
        return _case(f"lower({raw})", pairs, "null")
    if target.type == "integer":
        if dtype in NUMERIC_TYPES or dtype in FLOAT_TYPES or dtype.startswith("DECIMAL"):
            return f"cast({col} as double)"
        text = f"replace({raw}, ',', '.')" if mapping.decimal_comma else raw
        return _case(f"lower({raw})", [(k, float(v)) for k, v in user],
                     f"try_cast({text} as double)")
    if target.type == "choice":
        builtin = [(k, v) for k, v in CHOICE_SYNONYMS.get(target.name, {}).items()
                   if k not in dict(user)]
        value = _case(f"lower({raw})", user + builtin, f"lower({raw})")
        allowed = ", ".join(lit(c) for c in target.choices)
        return f"case when {value} in ({allowed}) then {value} end"
    return _case(f"lower({raw})", user, raw)


def describe_formats(mapping: LoadMapping) -> str:
    fmts = [f for f in mapping.timestamp_formats]
    return " or ".join([*fmts, "ISO 8601 (YYYY-MM-DD HH:MM:SS)"])


def stage_sql(kind: Kind, source: Source, matches: list[ColumnMatch], mapping: LoadMapping,
              stage: str, relation: str) -> tuple[str, list[Check]]:
    """The CREATE of the stage table (raw text and typed value per target) and its checks.

    The stage has one row per record of the file in file order, so its rowid is the record
    index; rows whose cells are all empty are kept with __blank = true and never checked or loaded.
    """
    cells = [source.column(i) if t == "VARCHAR" else f"cast({source.column(i)} as varchar)"
             for i, t in enumerate(source.types)]
    select = [f"coalesce({', '.join(cells)}) is null as __blank" if cells else "false as __blank"]
    checks: list[Check] = []
    labels: dict[str, str] = {}
    for m in matches:
        target = kind.target(m.target)
        v, r = f"v_{m.target}", f"r_{m.target}"
        labels[m.target] = m.source or m.target
        if m.how in ("mapping", "auto"):
            col, dtype = source.column(m.index), source.types[m.index]
            raw = _text(col, dtype)
            label = m.source
            if target.type == "text" and target.name not in mapping.values:
                select.append(f"{raw} as {v}")  # the value is the text itself
                r = v
            else:
                select.append(f"{raw} as {r}")
                value = value_expr(target, col, dtype, r, mapping)
                if target.default is not None:
                    value = f"coalesce({value}, case when {r} is null then {lit(target.default)} end)"
                select.append(f"{value} as {v}")
                checks.append(Check(f"{r} is not null and {v} is null", label, r,
                                    lit(_unreadable(target, mapping))))
            if target.required and target.default is None:
                checks.append(Check(f"{r} is null", label, "''", lit(f"missing {m.target}")))
            if target.type == "integer":
                checks.append(Check(f"{v} is not null and {v} <> trunc({v})", label, r,
                                    lit(f"{m.target} must be a whole number")))
                checks.append(Check(f"{v} < 0", label, r, lit(f"negative {m.target}")))
                checks.append(Check(f"{v} > 1000000", label, r,
                                    lit(f"{m.target} is implausibly large (over 1,000,000)")))
        elif m.how in ("constant", "default"):
            select.append(f"cast({lit(m.constant)} as {SQL_TYPES[target.type]}) as {v}")
        elif m.how == "missing":
            select.append(f"cast(null as {SQL_TYPES[target.type]}) as {v}")
    sql = f"select {', '.join(select)} from {relation}"
    if any(m.target == "event_id" and m.how == "generated" for m in matches):
        sql = f"select *, {generated_id_sql()} as v_event_id from ({sql})"
    sql = f"create temp table {stage} as {sql}"
    checks += _cross_checks(kind, matches, labels)
    return sql, checks


def _unreadable(target: Target, mapping: LoadMapping) -> str:
    if target.type == "timestamp":
        return f"unparseable {target.name} (expected {describe_formats(mapping)})"
    if target.type == "choice":
        return (f"unknown {target.name} (expected {', '.join(target.choices)}, "
                f"or add a value map for it in the mapping)")
    if target.type == "boolean":
        return f"{target.name} is not a yes/no value (true/false, yes/no, kyllä/ei, 1/0)"
    if target.type == "integer":
        return f"{target.name} is not a number"
    return f"unreadable {target.name}"


def _cross_checks(kind: Kind, matches: list[ColumnMatch], labels: dict[str, str]) -> list[Check]:
    have = {m.target for m in matches if m.how in ("mapping", "auto", "constant", "default")}
    in_file = {m.target for m in matches if m.how in ("mapping", "auto")}
    checks: list[Check] = []

    def before(later: str, earlier: str, reason: str) -> None:
        if later in in_file and earlier in have:
            checks.append(Check(f"v_{later} < v_{earlier}", labels[later], f"r_{later}",
                                f"{lit(reason + ' (' + earlier + ' ')} || "
                                f"strftime(v_{earlier}, '%Y-%m-%d %H:%M') || ')'"))

    if kind.name == "contacts":
        before("closed_at", "opened_at", "closed before opened")
        before("escalation_answered_at", "escalation_asked_at", "escalation answered before it was asked")
        if "escalation_answered_at" in in_file:
            cond = "v_escalation_answered_at is not null" + (
                " and v_escalation_asked_at is null" if "escalation_asked_at" in have else "")
            checks.append(Check(cond, labels["escalation_answered_at"], "r_escalation_answered_at",
                                lit("escalation answered but never asked "
                                    "(escalation_asked_at is empty)")))
    return checks


def duplicate_sql(kind: Kind, matches: list[ColumnMatch], stage: str) -> tuple[str, str, str]:
    """(SQL selecting rec, value, first_rec of repeated keys; the column label; the reason)."""
    key = {m.target: m for m in matches}[kind.key]
    if key.how == "generated":
        expr = "v_event_id"
        label = "event_id"
        reason = ("same customer, journey, activity and time as row {other} (the file has no "
                  "event id column, so the two rows are the same event)")
        value = "v_activity"
    else:
        expr = f"v_{kind.key}"
        label = key.source or kind.key
        reason = f"duplicate {kind.key} (also on row {{other}})"
        value = f"v_{kind.key}"
    sql = (f"select rec, value, first_rec from ("
           f"select rowid as rec, {value} as value, min(rowid) over (partition by {expr}) as first_rec "
           f"from {stage} where not __blank and {expr} is not null) where rec > first_rec")
    return sql, label, reason


def generated_id_sql() -> str:
    """Event id for exports without one: a hash of customer, journey, activity and time."""
    return ("'gen-' || left(md5(concat_ws(chr(31), v_customer_id, v_journey_id, v_activity, "
            "strftime(v_occurred_at, '%Y-%m-%d %H:%M:%S.%f'))), 16)")
