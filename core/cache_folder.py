"""The folder where the product keeps what it can rebuild but need not rebuild in every process
(lemma dictionaries as tries, the tables each model reads): CX_CACHE_DIR, else the user's cache
folder (~/.cache/cx-friction on Linux)."""

from __future__ import annotations

import os
from pathlib import Path


def cache_root() -> Path:
    from platformdirs import user_cache_dir

    return Path(os.environ.get("CX_CACHE_DIR") or user_cache_dir("cx-friction"))
