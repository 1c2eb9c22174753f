"""The command lines start without importing what the command does not need (issue 15, deliver 3):
`--help` and the light commands of `python -m pipelines` and `python -m surveys` load none of
pandas, numpy, scipy, pyarrow and openpyxl (about a second of start-up together); the commands
that compute or read files import them where they run.

Each command runs as `python -m ...` in a fresh interpreter, which then lists the heavy modules
it holds."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core.db import connect
from tests.conftest import ROOT

HEAVY = ("pandas", "numpy", "scipy", "pyarrow", "openpyxl", "pyspark")

PROBE = f"""
import json, runpy, sys
sys.argv = sys.argv[1:]
try:
    runpy.run_module(sys.argv[0], run_name="__main__", alter_sys=True)
except SystemExit as done:
    code = done.code
else:
    code = 0
heavy = sorted({{m.split(".")[0] for m in sys.modules}} & {set(HEAVY)!r})
print("PROBE " + json.dumps({{"code": code, "heavy": heavy}}), file=sys.stderr)
"""

LIGHT = [
    ("pipelines", ["--help"], 0),
    ("pipelines", ["refresh", "--help"], 0),
    ("pipelines", ["report", "--help"], 0),
    ("pipelines", ["load", "--help"], 0),
    ("pipelines", ["export-raw", "--help"], 0),
    ("pipelines", ["batches"], 0),
    ("pipelines", ["rollback", "no-such-batch", "--no-refresh"], 2),
    ("pipelines", ["audit", "--limit", "1"], 0),
    ("pipelines", ["actions", "list"], 0),
    ("pipelines", ["users", "list"], 0),
    ("surveys", ["--help"], 0),
    ("surveys", ["import", "--help"], 0),
    ("surveys", ["batches"], 0),
    ("surveys", ["rollback", "no-such-batch", "--no-refresh"], 2),
]


def probe(module: str, argv: list[str], tmp: Path) -> tuple[int, list[str], str]:
    """(exit code, heavy packages loaded, output) of `python -m module argv...`."""
    env = {**os.environ, "CX_DB": str(tmp / "cx.duckdb"), "CX_LOG_FILE": str(tmp / "cli.log")}
    done = subprocess.run(
        [sys.executable, "-c", PROBE, module, *argv],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    lines = done.stderr.splitlines()
    found = [line for line in lines if line.startswith("PROBE ")]
    assert found, done.stdout + done.stderr
    result = json.loads(found[-1].removeprefix("PROBE "))
    return result["code"], result["heavy"], done.stdout + done.stderr


@pytest.fixture(scope="module")
def db(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli_imports") / "cx.duckdb"
    connect(path).close()  # the schema, no data: the light commands read nothing heavy
    return path


@pytest.mark.parametrize(("module", "argv", "code"), LIGHT, ids=[f"{m} {' '.join(a)}" for m, a, _ in LIGHT])
def test_a_light_command_imports_no_heavy_module(module, argv, code, db, tmp_path):
    if "--help" not in argv:
        argv = [*argv, "--db", str(db)]
    got, heavy, output = probe(module, argv, tmp_path)
    assert got == code, output
    assert heavy == [], f"python -m {module} {' '.join(argv)} imported {heavy}"


def test_the_probe_sees_the_heavy_modules_of_a_command_that_needs_them(tmp_path):
    """The check above is only worth something if it sees them where they are used: reading a
    survey file takes numpy and pyarrow."""
    survey = tmp_path / "s.csv"
    rows = ["Response ID,Date,NPS"] + [f"R{i},2026-01-05,{i % 11}" for i in range(12)]
    survey.write_text("\n".join(rows) + "\n", encoding="utf-8")
    got, heavy, output = probe("surveys", ["map", str(survey)], tmp_path)
    assert got == 0, output
    assert {"numpy", "pyarrow"} <= set(heavy), heavy
