"""python -m surveys ..."""

from core.console import run
from surveys.cli import main

run(main)
