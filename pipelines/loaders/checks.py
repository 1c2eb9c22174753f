"""SQL that turns a source table into typed target columns and row-level problems (vectorised)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pipelines.loaders.mapping import LoadMapping, match_header
from pipelines.loaders.source import Source
from pipelines.loaders.targets import Kind, Target, normalise_header
from pipelines.loaders.values import SQL_TYPES, constant_sql, lit, other_condition, text_sql, value_sql
from pipelines.loaders.zones import utc_to_zone

LARGEST = 1_000_000  # a count (transfers) above this is a wrong column, not a value


@dataclass(frozen=True)
class ColumnMatch:
    """Where one target column comes from."""

    target: str
    required: bool
    how: Literal["mapping", "auto", "constant", "default", "generated", "missing"]
    source: str | None = None  # header in the file
    index: int | None = None  # column position in the file
    constant: object = None


@dataclass(frozen=True)
class Check:
    """One row rule: rows where `condition` holds get a problem on `column` with `value`."""

    condition: str
    column: str  # the header the user sees
    value: str  # SQL for the cell text shown in the report
    reason: str  # SQL for the reason text (English)
    code: str = ""  # core.problems.PROBLEM_CODES key
    params: dict[str, Any] = field(default_factory=dict)  # the code's params known before reading
    detail: str = "null"  # SQL for the one param read from the row (`detail_param`), else null
    detail_param: str = ""


def resolve_columns(
    kind: Kind, mapping: LoadMapping, headers: list[str]
) -> tuple[list[ColumnMatch], list[str]]:
    """Match every target to a mapped header, a constant, a header with its name or a synonym."""
    matches: dict[str, ColumnMatch] = {}
    missing_mapped: list[str] = []
    used: set[int] = set()
    for target in kind.targets:
        if target.name in mapping.constants:
            matches[target.name] = ColumnMatch(
                target.name, target.required, "constant", constant=mapping.constants[target.name]
            )
        elif target.name in mapping.columns:
            header = mapping.columns[target.name]
            index = match_header(header, headers)
            if index is None:
                missing_mapped.append(target.name)
                matches[target.name] = ColumnMatch(target.name, target.required, "missing", header)
            else:
                used.add(index)
                matches[target.name] = ColumnMatch(
                    target.name, target.required, "mapping", headers[index], index
                )
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


def describe_formats(mapping: LoadMapping) -> str:
    fmts = [f for f in mapping.timestamp_formats]
    return " or ".join([*fmts, "ISO 8601 (YYYY-MM-DD HH:MM:SS)"])


def stage_sql(
    kind: Kind,
    source: Source,
    matches: list[ColumnMatch],
    mapping: LoadMapping,
    stage: str,
    relation: str,
    zone: str,
) -> tuple[str, list[Check]]:
    """The CREATE of the stage table (raw text and typed value per target) and its checks.

    The stage has one row per record of the file in file order, so its rowid is the record
    index; rows whose cells are all empty are kept with __blank = true and never checked or loaded.
    Times are naive UTC (naive cells read in `zone`); a target whose value map has "*" gets a
    column o_<target>, true where the cell took the "*" value.
    """
    cells = [
        source.column(i) if t == "VARCHAR" else f"cast({source.column(i)} as varchar)"
        for i, t in enumerate(source.types)
    ]
    select = [f"coalesce({', '.join(cells)}) is null as __blank" if cells else "false as __blank"]
    checks: list[Check] = []
    labels: dict[str, str] = {}
    for m in matches:
        target = kind.target(m.target)
        v, r = f"v_{m.target}", f"r_{m.target}"
        labels[m.target] = m.source or m.target
        if m.how in ("mapping", "auto"):
            col, dtype = source.column(m.index), source.types[m.index]
            raw = text_sql(col, dtype)
            label = m.source
            if target.type == "text" and target.name not in mapping.values:
                select.append(f"{raw} as {v}")  # the value is the text itself
                r = v
            else:
                select.append(f"{raw} as {r}")
                value = value_sql(target, col, dtype, r, mapping, zone)
                if target.default is not None:
                    value = f"coalesce({value}, case when {r} is null then {lit(target.default)} end)"
                select.append(f"{value} as {v}")
                other = other_condition(target, col, dtype, r, mapping)
                if other is not None:
                    select.append(f"coalesce({other}, false) as o_{m.target}")
                reason, code, params = _unreadable(target, mapping)
                checks.append(Check(f"{r} is not null and {v} is null", label, r, lit(reason), code, params))
            if target.required and target.default is None:
                checks.append(
                    Check(
                        f"{r} is null",
                        label,
                        "''",
                        lit(f"missing {m.target}"),
                        "missing_value",
                        {"field": m.target},
                    )
                )
            if target.type == "integer":
                checks.append(
                    Check(
                        f"{v} is not null and {v} <> trunc({v})",
                        label,
                        r,
                        lit(f"{m.target} must be a whole number"),
                        "not_whole_number",
                        {"field": m.target},
                    )
                )
                checks.append(
                    Check(
                        f"{v} < 0",
                        label,
                        r,
                        lit(f"negative {m.target}"),
                        "negative_number",
                        {"field": m.target},
                    )
                )
                checks.append(
                    Check(
                        f"{v} > {LARGEST:d}",
                        label,
                        r,
                        lit(f"{m.target} is implausibly large (over {LARGEST:,})"),
                        "implausibly_large",
                        {"field": m.target, "limit": LARGEST},
                    )
                )
        elif m.how in ("constant", "default"):
            select.append(f"{constant_sql(target, m.constant, zone)} as {v}")
        elif m.how == "missing":
            select.append(f"cast(null as {SQL_TYPES[target.type]}) as {v}")
    sql = f"select {', '.join(select)} from {relation}"
    if any(m.target == "event_id" and m.how == "generated" for m in matches):
        sql = f"select *, {generated_id_sql()} as v_event_id from ({sql})"
    sql = f"create temp table {stage} as {sql}"
    checks += _cross_checks(kind, matches, labels, zone)
    return sql, checks


def _unreadable(target: Target, mapping: LoadMapping) -> tuple[str, str, dict[str, Any]]:
    """(English reason, code, params) for a cell that cannot be read as the target's type."""
    field_ = target.name
    if target.type == "timestamp":
        return (
            f"unparseable {target.name} (expected {describe_formats(mapping)})",
            "unparseable_time",
            {"field": field_, "formats": tuple(mapping.timestamp_formats)},
        )
    if target.type == "choice":
        return (
            f"unknown {target.name} (expected {', '.join(target.choices)}, "
            f"or add a value map for it in the mapping)",
            "unknown_choice",
            {"field": field_, "choices": tuple(target.choices)},
        )
    if target.type == "boolean":
        return (
            f"{target.name} is not a yes/no value (true/false, yes/no, kyllä/ei, 1/0)",
            "not_yes_no",
            {"field": field_},
        )
    if target.type == "integer":
        return f"{target.name} is not a number", "not_a_number", {"field": field_}
    return f"unreadable {target.name}", "unreadable_value", {"field": field_}


def _cross_checks(kind: Kind, matches: list[ColumnMatch], labels: dict[str, str], zone: str) -> list[Check]:
    have = {m.target for m in matches if m.how in ("mapping", "auto", "constant", "default")}
    in_file = {m.target for m in matches if m.how in ("mapping", "auto")}
    checks: list[Check] = []

    def before(later: str, earlier: str, reason: str, code: str) -> None:
        if later in in_file and earlier in have:
            time = f"strftime({utc_to_zone(f'v_{earlier}', zone)}, '%Y-%m-%d %H:%M')"
            checks.append(
                Check(
                    f"v_{later} < v_{earlier}",
                    labels[later],
                    f"r_{later}",
                    f"{lit(reason + ' (' + earlier + ' ')} || {time} || ')'",
                    code,
                    {"time": None},  # read from the row: detail
                    time,
                    "time",
                )
            )

    if kind.name == "contacts":
        before("closed_at", "opened_at", "closed before opened", "closed_before_opened")
        before(
            "escalation_answered_at",
            "escalation_asked_at",
            "escalation answered before it was asked",
            "answered_before_asked",
        )
        if "escalation_answered_at" in in_file:
            cond = "v_escalation_answered_at is not null" + (
                " and v_escalation_asked_at is null" if "escalation_asked_at" in have else ""
            )
            checks.append(
                Check(
                    cond,
                    labels["escalation_answered_at"],
                    "r_escalation_answered_at",
                    lit("escalation answered but never asked (escalation_asked_at is empty)"),
                    "answered_never_asked",
                )
            )
    return checks


def duplicate_sql(kind: Kind, matches: list[ColumnMatch], stage: str) -> tuple[str, str, str]:
    """(SQL selecting rec, value, first_rec of repeated keys; the column label; the reason; its
    code and params are duplicate_code's)."""
    key = {m.target: m for m in matches}[kind.key]
    if key.how == "generated":
        expr = "v_event_id"
        label = "event_id"
        reason = (
            "same customer, journey, activity and time as row {other} (the file has no "
            "event id column, so the two rows are the same event)"
        )
        value = "v_activity"
    else:
        expr = f"v_{kind.key}"
        label = key.source or kind.key
        reason = f"duplicate {kind.key} (also on row {{other}})"
        value = f"v_{kind.key}"
    sql = (
        f"select rec, value, first_rec from ("
        f"select rowid as rec, {value} as value, min(rowid) over (partition by {expr}) as first_rec "
        f"from {stage} where not __blank and {expr} is not null) where rec > first_rec"
    )
    return sql, label, reason


def duplicate_code(kind: Kind, matches: list[ColumnMatch]) -> tuple[str, dict[str, Any]]:
    """The code and params of duplicate_sql's reason (other_row is the row's, set when it is read)."""
    key = {m.target: m for m in matches}[kind.key]
    if key.how == "generated":
        return "duplicate_generated_event", {"other_row": None}
    return "duplicate_key", {"field": kind.key, "other_row": None}


def generated_id_sql() -> str:
    """Event id for exports without one: a hash of customer, journey, activity and time."""
    return (
        "'gen-' || left(md5(concat_ws(chr(31), v_customer_id, v_journey_id, v_activity, "
        "strftime(v_occurred_at, '%Y-%m-%d %H:%M:%S.%f'))), 16)"
    )
