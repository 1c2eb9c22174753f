"""The layer both importers stand on: database and schema, access and audit, file reading and its
limits, row problems, metric formulas, time zones, safe text. Imports nothing from `surveys`,
`pipelines` or `dashboard` (tests/test_layers.py)."""
