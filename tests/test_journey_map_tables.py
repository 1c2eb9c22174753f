"""The journey map's tables hash without pandas, to the digest pandas' to_csv gave (a database
refreshed before the change keeps its state), and an incremental refresh from the command line
does not import pandas."""

from __future__ import annotations

import copy
import hashlib
import random
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from pipelines.journey_map import DEFAULT_MAP_PATH, load_journey_map, parse_journey_map
from pipelines.journey_map_frames import journey_map_frames
from pipelines.journey_map_tables import MapTable, csv_text, journey_map_tables
from pipelines.refresh_state import map_hash
from tests.test_incremental_paths import load_events

ROOT = Path(__file__).resolve().parent.parent


def _pandas_digest(jm) -> str:
    """map_hash as it was: sha256 over each frame's to_csv."""
    digest = hashlib.sha256()
    frames = journey_map_frames(jm)
    for name in sorted(frames):
        digest.update(name.encode("utf-8"))
        digest.update(frames[name].to_csv(index=False).encode("utf-8"))
    return digest.hexdigest()


def _odd_map():
    """The demo map with what the demo does not have: reasons without a stage or owner, whole-euro
    costs, names with commas, quotes and line breaks, an SLA of a fraction of an hour, no themes."""
    doc = yaml.safe_load(DEFAULT_MAP_PATH.read_text(encoding="utf-8"))
    doc = copy.deepcopy(doc)
    doc["channel_costs"] = {channel: 5 for channel in doc["channel_costs"]}
    doc["targets"] = {"nps": 30, "csat": 80, "ces": 5}
    doc["stages"][0]["name"] = {"en": 'Browse, "look"\naround', "fi": "Selaa; katso"}
    doc["stages"][1]["sla_hours"] = 0.25
    for reason in doc["contact_reasons"][:3]:
        reason.pop("stage", None)
        reason.pop("owner", None)
    doc.pop("themes", None)
    return parse_journey_map(doc)


@pytest.mark.parametrize(
    "which", ["demo", "shop example", "odd values"], ids=["demo", "shop-example", "odd-values"]
)
def test_the_tables_hash_as_their_pandas_frames_did(which):
    jm = {
        "demo": lambda: load_journey_map(),
        "shop example": lambda: load_journey_map(ROOT / "data" / "examples" / "shop_journey_map.yaml"),
        "odd values": _odd_map,
    }[which]()
    tables = journey_map_tables(jm)
    frames = journey_map_frames(jm)
    for name, table in tables.items():
        assert csv_text(table) == frames[name].to_csv(index=False), name
    assert map_hash(tables) == _pandas_digest(jm)


def test_odd_values_are_written_as_pandas_writes_them():
    tables = journey_map_tables(_odd_map())
    assert csv_text(tables["map_targets"]).splitlines()[1] == "nps,30.0"
    assert csv_text(tables["map_contact_reasons"]).splitlines()[1].split(",")[1:3] == ["", ""]
    assert '"Browse, ""look""\naround"' in csv_text(tables["map_stages"])


@pytest.mark.parametrize(
    "values",
    [
        [1, 2],
        [1, None],
        [1, 2.5],
        [0.1, 1e16, 1e-05],
        [True, None],
        [True, False],
        [None, None],
        ["a", None],
        [1, "a"],
        [True, 1],
        ["x,y", 'q"'],
        [],
    ],
)
def test_a_column_is_typed_and_written_as_pandas_does(values):
    import pandas as pd

    table = MapTable(("k", "v"), [(i, v) for i, v in enumerate(values)])
    assert csv_text(table) == pd.DataFrame(table.rows, columns=["k", "v"]).to_csv(index=False)


def test_an_incremental_refresh_from_the_command_line_does_not_import_pandas(refreshed_copy, tmp_path):
    con, path = refreshed_copy
    load_events(con, tmp_path, random.Random(3), "nopandas")
    con.close()
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "pipelines", "refresh", "--db", str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "incremental" in done.stdout, done.stdout
    imported = {
        line.rsplit("|", 1)[-1].strip()
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    assert "pipelines.incremental" in imported
    assert not {"pandas", "scipy", "sqlglot"} & imported, sorted({"pandas", "scipy", "sqlglot"} & imported)
