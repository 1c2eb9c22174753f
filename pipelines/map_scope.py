"""After a change of the journey map alone: which models a refresh must rebuild.

A model's rows depend on the data, on the map_* tables it reads and on the models it reads. When
only some map tables changed (no model, macro or batch changed since the last refresh), the
models that read none of them, directly or through other models, would be rebuilt into exactly
the rows they hold: they keep their tables (MapScope). A theme edit at scale L rebuilds the theme
models in seconds instead of every model in half a minute (docs/benchmarks.md).

Not scoped, so the refresh is full (pipelines/refresh_plan.py): a database whose last refresh did
not record its tables' digests, a change of the company's time zone (every model uses it through
the company_tz() macro without reading map_settings), and a model table or view that is missing.
"""

from __future__ import annotations

import json

import duckdb

from core.db import same_rows, table_exists
from pipelines.model_files import Model
from pipelines.refresh_state import TIMEZONE_KEY

SMALL_TABLE_ROWS = 100_000


def changed_map_tables(recorded: str | None, now: dict[str, str]) -> frozenset[str] | None:
    """The map tables whose digest differs from the one the last refresh recorded (a JSON object,
    refresh_state key journey_map_tables); None when that cannot tell: nothing recorded, or the
    time zone changed."""
    before: dict[str, str] = json.loads(recorded) if recorded else {}
    if not before or before.get(TIMEZONE_KEY) != now.get(TIMEZONE_KEY):
        return None
    return frozenset(name for name in before.keys() | now.keys() if before.get(name) != now.get(name))


class MapScope:
    """The tables changed so far in a refresh after a map change: the changed map tables, then
    every model rebuilt because it reads one of them - unless it came out exactly as it was.

    That cut-off is checked for tables of at most SMALL_TABLE_ROWS rows (a cheap comparison):
    min_n lives in map_settings, which int_journeys_end reads for in_progress_days; its one row
    comes out the same, so the journey marts that read it (through int_journey_outcomes) stand.
    """

    def __init__(self, changed: frozenset[str]) -> None:
        self.changed = set(changed)

    def needs(self, model: Model) -> bool:
        """Whether the model reads anything changed so far (models come in build order)."""
        return bool(model.reads & self.changed)

    def set_aside(self, con: duckdb.DuckDBPyConnection, model: Model) -> str | None:
        """Rename the model's small table out of the way to compare it after the rebuild."""
        if model.materialized != "table" or not table_exists(con, model.name):
            return None
        rows = con.execute(f"select count(*) from {model.name}").fetchall()[0][0]
        if rows > SMALL_TABLE_ROWS:
            return None
        previous = f"_previous_{model.name}"
        con.execute(f"alter table {model.name} rename to {previous}")
        return previous

    def settle(self, con: duckdb.DuckDBPyConnection, model: Model, previous: str | None) -> None:
        """Count the rebuilt model as changed unless its rows equal the set-aside ones."""
        if previous is None or not same_rows(con, previous, model.name):
            self.changed.add(model.name)
        if previous is not None:
            con.execute(f"drop table {previous}")
