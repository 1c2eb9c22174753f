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

from typing import TYPE_CHECKING

from core.lazy import lazy_exports

if TYPE_CHECKING:  # pragma: no cover
    from pipelines.loaders.checks import ColumnMatch
    from pipelines.loaders.load import LoadPreview, LoadResult, load_file, preview_load
    from pipelines.loaders.mapping import LoadMapping, MappingError
    from pipelines.loaders.targets import KINDS

# imported on first use (PEP 562): importing a submodule (pipelines.loaders.cli for the CLI's
# --help) runs this file, and pipelines.loaders.load brings pandas and pyarrow
_LAZY = {
    "ColumnMatch": "checks",
    "LoadPreview": "load",
    "LoadResult": "load",
    "load_file": "load",
    "preview_load": "load",
    "LoadMapping": "mapping",
    "MappingError": "mapping",
    "KINDS": "targets",
}

__getattr__ = lazy_exports(__name__, _LAZY)


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
