"""python -m pipelines ..."""
from pipelines.cli import main
from pipelines.console import run

run(main)
