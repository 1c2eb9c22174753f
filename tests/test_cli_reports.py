"""`python -m pipelines report drivers|themes` on the demo: rows with the documented fields, as
JSON and as CSV (formula-safe cells)."""

from __future__ import annotations

import csv
import io
import json

from pipelines.cli import main as cli_main

DRIVER_FIELDS = {"stage", "owner", "metric", "effect", "ci_low", "ci_high", "p_adjusted", "points_gained"}


def _out(args, capsys) -> str:
    assert cli_main(args) == 0
    return capsys.readouterr().out


def test_drivers_report_as_json_and_csv(demo_db, capsys):
    rows = json.loads(_out(["report", "drivers", "--db", str(demo_db)], capsys))
    assert rows and DRIVER_FIELDS <= set(rows[0])
    delivery = next(r for r in rows if r["stage"] == "delivery" and r["metric"] == "nps")
    assert delivery["owner"] == "logistics" and delivery["effect"] < 0
    table = list(
        csv.DictReader(
            io.StringIO(_out(["report", "drivers", "--format", "csv", "--db", str(demo_db)], capsys))
        )
    )
    assert len(table) == len(rows) and DRIVER_FIELDS <= set(table[0])
    owners = json.loads(_out(["report", "drivers", "--by", "owner", "--db", str(demo_db)], capsys))
    assert {"owner", "metric", "points_gained"} <= set(owners[0])


def test_themes_report_as_json_and_csv(demo_db, capsys):
    rows = json.loads(_out(["report", "themes", "--db", str(demo_db)], capsys))
    assert rows and {"theme", "stage", "owner", "metric", "mentions", "delta", "p_adjusted"} <= set(rows[0])
    table = list(
        csv.DictReader(
            io.StringIO(_out(["report", "themes", "--format", "csv", "--db", str(demo_db)], capsys))
        )
    )
    assert [r["theme"] for r in table] == [r["theme"] for r in rows]
