"""The journey map as the DataFrames of its map_* tables (written by a full refresh); their rows
and types come from journey_map_tables.py, which needs no pandas."""

from __future__ import annotations

import pandas as pd

from pipelines.journey_map import JourneyMap
from pipelines.journey_map_tables import MapTable, journey_map_tables, theme_tables


def table_frame(table: MapTable) -> pd.DataFrame:
    """One map table as a DataFrame, its set column types applied (the others inferred)."""
    frame = pd.DataFrame(table.rows, columns=list(table.columns))
    return frame.astype(table.kinds) if table.kinds else frame


def journey_map_frames(jm: JourneyMap) -> dict[str, pd.DataFrame]:
    """The journey map as the map_* tables the pipelines join against."""
    return {name: table_frame(table) for name, table in journey_map_tables(jm).items()}


def theme_frames(jm: JourneyMap) -> dict[str, pd.DataFrame]:
    """map_themes and map_theme_terms as DataFrames (journey_map_tables.theme_tables)."""
    return {name: table_frame(table) for name, table in theme_tables(jm).items()}
