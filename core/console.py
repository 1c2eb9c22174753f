"""Running a command-line entry point (`python -m pipelines`, `python -m surveys`): no traceback
ever reaches the user.

* a reader that stops early (`| head`) ends the command quietly (exit 1);
* the database held by another process (the dashboard) is one "in use" line (exit 2), and so is
  DuckDB's I/O error (a database path that is a folder or cannot be read);
* Ctrl-C is one line (exit 130);
* any other exception is a bug, not a user error: one line with an error id (exit 3); the traceback
  goes, under that id, to the log file (env CX_LOG_FILE, else logs/cli-errors.log in the folder of
  the default database, env CX_DB or data/), and also to stderr when CX_DEBUG=1.

User errors (a bad file, mapping or argument) are handled by the commands themselves: one line,
exit 2.
"""

from __future__ import annotations

import os
import secrets
import sys
import traceback
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from core.db import DatabaseBusyError, default_db_path
from core.printable import one_line

EXIT_USER = 2
EXIT_BUG = 3
EXIT_INTERRUPTED = 130


def log_path() -> Path:
    """Where tracebacks of unexpected errors go (CX_LOG_FILE, else beside the default database)."""
    return Path(os.environ.get("CX_LOG_FILE") or default_db_path().parent / "logs" / "cli-errors.log")


def _error(text: str) -> None:
    print(f"error: {one_line(text)}", file=sys.stderr)


def report_bug(exc: BaseException) -> int:
    """Log the traceback under a new error id and print one line naming it; returns EXIT_BUG."""
    error_id = secrets.token_hex(4)
    trace = "".join(traceback.format_exception(exc))
    stamp = datetime.now(UTC).isoformat(timespec="seconds")
    entry = f"--- {stamp} error id {error_id}: {' '.join(sys.argv)}\n{trace}\n"
    where = log_path()
    try:
        where.parent.mkdir(parents=True, exist_ok=True)
        with open(where, "a", encoding="utf-8") as fh:
            fh.write(entry)
        saved = f"the details are in {where}"
    except OSError:
        saved = "the log file could not be written; set CX_DEBUG=1 to see the details"
    if os.environ.get("CX_DEBUG"):
        sys.stderr.write(trace)
    _error(f"unexpected {type(exc).__name__}: {exc} (error id {error_id}; {saved})")
    return EXIT_BUG


def run(main: Callable[[], int]) -> None:
    """sys.exit(main()), with the outcomes listed in the module docstring instead of tracebacks."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader is gone: point stdout at /dev/null so the interpreter's final flush is quiet
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    except DatabaseBusyError as exc:
        _error(str(exc))
        code = EXIT_USER
    except duckdb.IOException as exc:  # e.g. --db names a folder or an unreadable file
        _error(str(exc))
        code = EXIT_USER
    except KeyboardInterrupt:
        _error("interrupted")
        code = EXIT_INTERRUPTED
    except Exception as exc:  # noqa: BLE001 - a bug: one line with an error id, traceback logged
        code = report_bug(exc)
    sys.exit(code)
