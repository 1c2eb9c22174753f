"""Shared fixtures: a demo database built once per test session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import settings

# The suite's property tests are the same examples on every run (CI must not turn red by chance);
# `pytest --hypothesis-profile=explore` searches new ones.
settings.register_profile("ci", derandomize=True)
settings.register_profile("explore", derandomize=False, max_examples=500)
settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def demo_db(tmp_path_factory) -> Path:
    """The demo company at scale S, refreshed, in a temporary file; env CX_DB points at it
    for the rest of the session."""
    from core.db import connect
    from pipelines.demo import run_demo
    from pipelines.runner import refresh

    path = tmp_path_factory.mktemp("cx_demo") / "cx.duckdb"
    run_demo(path, "S", seed=7)
    con = connect(path)
    try:
        refresh(con)
    finally:
        con.close()
    patch = pytest.MonkeyPatch()
    patch.setenv("CX_DB", str(path))
    yield path
    patch.undo()


@pytest.fixture(scope="session")
def demo_db_m(tmp_path_factory) -> Path:
    """The demo company at scale M (100k customers), refreshed, built once per test session.
    Read-only for tests: copy it before writing."""
    from pipelines.cli import main as cli_main

    path = tmp_path_factory.mktemp("demo_m") / "m.duckdb"
    assert cli_main(["demo", "--scale", "M", "--db", str(path)]) == 0
    assert cli_main(["refresh", "--db", str(path)]) == 0
    return path


@pytest.fixture()
def writable_db(demo_db, tmp_path, monkeypatch):
    """A private copy of the demo database (the page writes to it)."""
    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    monkeypatch.setenv("CX_DB", str(path))
    return path


@pytest.fixture()
def refreshed_copy(demo_db, tmp_path):
    """A private copy of the demo database, refreshed (so the refresh state is recorded): the
    connection and the file's path."""
    from core.db import connect
    from pipelines.runner import refresh

    path = tmp_path / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    refresh(con)
    yield con, path
    con.close()
