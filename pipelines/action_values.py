"""The values of an action register entry: the fixed choices, checked text and dates, and ids
checked against the journey map in effect (used by pipelines/actions.py, which re-exports them)."""

from __future__ import annotations

from datetime import date, datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any, Literal, get_args

import duckdb

from core.db import SCHEMA_DIR

if TYPE_CHECKING:  # pragma: no cover  (pydantic and yaml: imported below where a map is read)
    from pipelines.journey_map import JourneyMap

ActionStatus = Literal["open", "in_progress", "done", "dropped"]
PointKind = Literal["stage", "function"]
STATUSES: tuple[ActionStatus, ...] = get_args(ActionStatus)
OPEN_STATUSES: tuple[ActionStatus, ...] = ("open", "in_progress")
CLOSED_STATUSES: tuple[ActionStatus, ...] = ("done", "dropped")
POINT_KINDS: tuple[PointKind, ...] = get_args(PointKind)
ALL_FUNCTIONS = "all"  # function_scope of a review of every function
MAX_LENGTH = {"title": 200, "responsible": 200, "notes": 4000}
DDL = SCHEMA_DIR / "actions.sql"  # actions, action_changes, review_meetings


class ActionError(ValueError):
    """Bad input for an action or a review; the message names the field."""


def ensure_tables(con: duckdb.DuckDBPyConnection) -> None:
    """Create the three tables on connections not opened through core.db.connect (idempotent)."""
    con.execute(DDL.read_text(encoding="utf-8"))


# --- the journey map the ids are checked against ------------------------------------------------


@lru_cache(maxsize=4)
def _parse(text: str, source: str) -> JourneyMap:
    from pipelines.journey_map import load_journey_map_text

    return load_journey_map_text(text, source)


def journey_map(con: duckdb.DuckDBPyConnection) -> JourneyMap:
    """The journey map in effect (the latest stored version, else the seed file), as the refresh
    uses it; ActionError when it cannot be read."""
    from pipelines.journey_map import JourneyMapError
    from pipelines.journey_map_store import active_map_text

    try:
        return _parse(*active_map_text(con))
    except (JourneyMapError, OSError) as exc:
        raise ActionError(
            f"the journey map in effect cannot be read, so ids cannot be checked: {exc}"
        ) from exc


def default_owner(con: duckdb.DuckDBPyConnection, point_kind: PointKind, point_key: str) -> str:
    """The function owning a friction point: the stage's owner, or the function itself."""
    jm = journey_map(con)
    check_point(jm, point_kind, point_key)
    return jm.stage(point_key).owner if point_kind == "stage" else point_key


def check_point(jm: JourneyMap, point_kind: Any, point_key: Any) -> None:
    if point_kind not in POINT_KINDS:
        raise ActionError(f"point_kind: {point_kind!r} is not one of {', '.join(POINT_KINDS)}")
    known = jm.stage_ids if point_kind == "stage" else list(jm.functions)
    if point_key not in known:
        raise ActionError(
            f"point_key: no {point_kind} {point_key!r} in the journey map; known: {', '.join(known)}"
        )


def check_function(jm: JourneyMap, value: Any, field: str = "owner_function") -> str:
    if value not in jm.functions:
        raise ActionError(
            f"{field}: no function {value!r} in the journey map; known: {', '.join(jm.functions)}"
        )
    return value


# --- values ---------------------------------------------------------------------------------


def as_date(value: Any, field: str) -> date | None:
    """A date from a date, a datetime or 'YYYY-MM-DD' text (None stays None)."""
    if isinstance(value, datetime):
        return value.date()
    if value is None or isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise ActionError(f"{field}: {value!r} is not a date (YYYY-MM-DD)")


def clean_text(value: Any, field: str, required: bool = False) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ActionError(f"{field}: expected text, got {type(value).__name__}")
    text = (value or "").strip()
    if not text:
        if required:
            raise ActionError(f"{field}: must not be empty")
        return None
    if len(text) > MAX_LENGTH[field]:
        raise ActionError(f"{field}: at most {MAX_LENGTH[field]} characters (got {len(text)})")
    return text


def choice(value: Any, field: str, allowed: tuple[str, ...], optional: bool = False) -> Any:
    if optional and value is None:
        return None
    if value not in allowed:
        raise ActionError(f"{field}: {value!r} is not one of {', '.join(allowed)}")
    return value


def text_form(value: Any) -> str | None:
    """A value as action_changes stores it: dates ISO, None as null."""
    if value is None:
        return None
    return value.isoformat() if isinstance(value, date) else str(value)
