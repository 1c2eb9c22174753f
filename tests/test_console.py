"""Command-line entry points end quietly when their reader stops early (`... | head -1`)."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

MAIN = (
    "from core.console import run\n"
    "def main():\n"
    "    for i in range(200000):\n"
    "        print('row', i, 'x' * 40)\n"  # ~10 MB: far more than a pipe holds
    "    return 0\n"
    "run(main)\n"
)


def _first_line_then_close(code: str) -> tuple[bytes, str, int]:
    proc = subprocess.Popen(
        [sys.executable, "-c", code], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    first = proc.stdout.readline()
    proc.stdout.close()
    err = proc.stderr.read().decode()
    return first, err, proc.wait(timeout=60)


def test_a_closed_pipe_ends_the_command_without_a_traceback():
    first, err, code = _first_line_then_close(MAIN)
    assert first.startswith(b"row 0")
    assert err == "" and code == 1


def test_without_the_guard_python_would_print_a_traceback():
    """The guard is what makes the difference (the test above could not pass by accident)."""
    first, err, _ = _first_line_then_close(
        MAIN.replace("from core.console import run\n", "import sys\nrun = lambda m: sys.exit(m())\n")
    )
    assert first.startswith(b"row 0") and "BrokenPipeError" in err
