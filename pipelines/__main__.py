"""python -m pipelines ..."""

from core.console import run
from pipelines.cli import main

run(main)
