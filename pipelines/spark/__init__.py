"""The models on Apache Spark: DuckDB SQL with its macros expanded, translated by sqlglot.

Nothing here imports pyspark at module level except pipelines/spark/engine.py, which only the
`refresh --engine spark` command loads (lazily: importing pyspark costs seconds).
"""
