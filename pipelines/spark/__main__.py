"""python -m pipelines.spark --raw PATH --marts PATH [--spark-master URL] [--models DIR]"""

from core.console import run
from pipelines.spark.cli import main

run(main)
