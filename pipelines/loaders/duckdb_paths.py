"""A file as DuckDB's readers should see it: a private link or copy under a fixed name (they read
their path as a glob), and the SQL literals and identifiers the readers' queries need."""

from __future__ import annotations

import shutil
from pathlib import Path


def private_copy(path: Path, workdir: Path, name: str) -> Path:
    """A link (else a copy) of `path` under a fixed safe name: DuckDB's readers treat their path
    as a glob pattern (*, ?, [...]) and would read every matching file."""
    target = workdir / name
    try:
        target.symlink_to(path.resolve())
    except OSError:
        shutil.copyfile(path, target)
    return target


def sql_quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"
