"""Where the Spark run writes (shared by the engine and the comparison, without pyspark)."""

from __future__ import annotations

INTERMEDIATE = (
    "_intermediate"  # write_intermediate: the staging and intermediate models, under the marts folder
)
DONE = "_refresh.json"  # written last, only by a run that built every model
