"""Running a command-line entry point: a reader that stops early (`| head`) ends it quietly."""
from __future__ import annotations

import os
import sys
from typing import Callable


def run(main: Callable[[], int]) -> None:
    """sys.exit(main()), except that a closed stdout pipe exits without a traceback."""
    try:
        code = main()
        sys.stdout.flush()
    except BrokenPipeError:
        # the reader is gone: point stdout at /dev/null so the interpreter's final flush is quiet
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        code = 1
    sys.exit(code)
