"""Load systems exports (contacts, journey events, customers) from CSV, XLSX and Parquet, also
compressed (.csv.gz, a .zip holding one file); every time is stored as naive UTC.

The Upload page and the CLI (`python -m pipelines load|batches|rollback`) use:

    preview_load(con, kind, path, mapping=None, sheet=None, timezone=None) -> LoadPreview
    load_file(con, kind, path, mapping=None, sheet=None, valid_rows_only=False, progress=None,
              timezone=None) -> LoadResult
    LoadMapping.from_dict(d, kind) / LoadMapping.from_yaml(path, kind) / mapping.to_dict()

The batches of every kind (list, rollback) are core.batches'; the kinds are core.load_kinds'.
Documented in docs/loading.md.
"""

from pipelines.loaders.checks import ColumnMatch
from pipelines.loaders.load import LoadPreview, LoadResult, load_file, preview_load
from pipelines.loaders.mapping import LoadMapping, MappingError
from pipelines.loaders.targets import KINDS

__all__ = [
    "KINDS",
    "ColumnMatch",
    "LoadMapping",
    "LoadPreview",
    "LoadResult",
    "MappingError",
    "load_file",
    "preview_load",
]
