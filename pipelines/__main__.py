"""python -m pipelines ..."""
from pipelines.cli import main
from core.console import run

run(main)
