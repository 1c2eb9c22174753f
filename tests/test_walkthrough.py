"""The README's "Your own data" walkthrough, command by command, on the example shop in
data/examples/: its own journey map (English only, São Paulo time), an Olist-shaped order
event log with its mapping file, and a review export with its own headers, day/month dates and
one review listed for two orders."""

from __future__ import annotations

import json
from datetime import datetime as dt

import pytest
import yaml

from core.db import connect
from pipelines.cli import main as pipelines_main
from surveys.cli import main as surveys_main
from tests.conftest import ROOT

EXAMPLES = ROOT / "data" / "examples"


@pytest.fixture(scope="module")
def shop(tmp_path_factory):
    return tmp_path_factory.mktemp("shop") / "shop.duckdb"


def run(main, *args: str) -> int:
    return main([*args])


def test_1_the_shop_map_is_stored_and_stays_in_effect(shop, capsys):
    assert (
        run(
            pipelines_main,
            "refresh",
            "--db",
            str(shop),
            "--journey-map",
            str(EXAMPLES / "shop_journey_map.yaml"),
        )
        == 0
    )
    assert (
        "journey map: version 1 (stored from shop_journey_map.yaml as version 1)" in capsys.readouterr().out
    )


def test_2_the_order_events_load_in_sao_paulo_time(shop, capsys):
    assert (
        run(
            pipelines_main,
            "load",
            "events",
            str(EXAMPLES / "order_events.csv"),
            "--mapping",
            str(EXAMPLES / "order_events_mapping.yaml"),
            "--timezone",
            "America/Sao_Paulo",
            "--db",
            str(shop),
        )
        == 0
    )
    out = capsys.readouterr()
    assert "3131 rows written" in out.out
    assert "journey map: version 1 (latest stored version 1)" in out.err  # not reverted to the demo map
    con = connect(shop, read_only=True)
    try:
        first = con.execute("""select occurred_at, promised_at, source_row from raw_journey_events
                               where journey_id = 'ord00571' and activity = 'purchase'""").fetchall()
        stages = [r[0] for r in con.execute("select stage from map_stages order by stage_order").fetchall()]
    finally:
        con.close()
    # 2026-03-01 09:31 and 2026-03-13 00:00 in São Paulo (UTC-3) are stored as UTC
    assert first == [(dt(2026, 3, 1, 12, 31), dt(2026, 3, 13, 3, 0), 1)]
    assert stages == ["order", "payment", "fulfilment", "delivery"]


def test_3_the_review_file_gets_a_proposal_to_edit(capsys):
    assert run(surveys_main, "map", str(EXAMPLES / "reviews.csv")) == 0
    proposal = yaml.safe_load(capsys.readouterr().out)
    assert proposal["kind"] == "surveys"
    assert proposal["scores"] == {"satisfaction_1_to_5": {"metric": "csat", "scale": "1-5"}}


def test_4_the_reviews_import_with_their_mapping_and_one_of_the_repeated_review(shop, capsys):
    args = [
        "import",
        str(EXAMPLES / "reviews.csv"),
        "--mapping",
        str(EXAMPLES / "reviews_mapping.yaml"),
        "--db",
        str(shop),
    ]
    assert run(surveys_main, *args) == 1
    assert "the same response id on rows 12 and 13 with the same answer" in capsys.readouterr().out
    assert run(surveys_main, *args, "--keep-one-of-repeats") == 0
    out = capsys.readouterr().out
    assert "dates read as day/month/year" in out and "548 responses" in out


def test_5_the_report_finds_the_late_deliveries(shop, capsys):
    assert run(pipelines_main, "report", "friction", "--db", str(shop)) == 0
    rows = json.loads(capsys.readouterr().out)
    delivery = next(r for r in rows if r["stage"] == "delivery" and r["metric"] == "csat")
    assert delivery["rank"] == 1 and delivery["significant"] and delivery["owner"] == "logistics"
    # customers answering while their parcel was overdue (before it came, or it never did)
    assert delivery["n_with"] > 90 and delivery["ci_high"] < -50
