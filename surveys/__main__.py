"""python -m surveys ..."""
from pipelines.console import run
from surveys.cli import main

run(main)
