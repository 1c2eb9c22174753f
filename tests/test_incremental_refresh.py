"""Incremental refresh gives exactly the tables a full refresh gives, and falls back to full when
it cannot be incremental."""

from __future__ import annotations

import shutil
from datetime import timedelta

import pandas as pd

from core.batch_rollback import rollback_batch
from core.db import connect
from pipelines.incremental import refresh_changed
from pipelines.incremental_rebuild import incremental_key, kept_while
from pipelines.runner import discover_models, refresh
from surveys.importer import import_file
from tests.actors import EDITOR


def model_tables(con) -> dict[str, pd.DataFrame]:
    """Every model materialized as a table, rows sorted (row order is not part of the result)."""
    out = {}
    for model in discover_models():
        if model.materialized != "table":
            continue
        # a list column (mart_driver_responses.friction_stages) compares as its text: pandas cannot sort lists
        described = con.execute(f"select column_name, column_type from (describe {model.name})").fetchall()
        picked = ", ".join(f"{c}::varchar as {c}" if t.endswith("[]") else c for c, t in described)
        frame = con.execute(f"select {picked} from {model.name}").df()
        frame = frame.sort_values(list(frame.columns), ignore_index=True, na_position="first")
        out[model.name] = frame
    return out


def assert_same_tables(got: dict[str, pd.DataFrame], want: dict[str, pd.DataFrame]) -> None:
    assert got.keys() == want.keys()
    for name in want:
        a, b = got[name], want[name]
        assert list(a.columns) == list(b.columns), name
        assert len(a) == len(b), f"{name}: {len(a)} rows, full refresh has {len(b)}"
        pd.testing.assert_frame_equal(a, b, check_dtype=False, rtol=1e-9, obj=name)


def add_new_data(con, tmp_path) -> str:
    """A survey file (existing customers, a new customer, a response without customer) and a
    systems batch of events and contacts for an existing and a brand-new customer."""
    customers = [
        r[0]
        for r in con.execute("select customer_id from raw_customers order by customer_id limit 25").fetchall()
    ]
    last = con.execute("select max(responded_at) from raw_survey_responses").fetchall()[0][0]
    lines = ["Response ID,Customer ID,Date,How likely are you to recommend us? (0-10),Comment"]
    for i, customer in enumerate(customers + ["NEW-CUSTOMER"]):
        when = last - timedelta(days=40) + timedelta(hours=7 * i)
        lines.append(f"inc-{i},{customer},{when:%Y-%m-%d %H:%M:%S},{i % 11},ok")
    path = tmp_path / "more.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = import_file(con, path, actor=EDITOR)
    assert result.status == "imported", result.problems
    one = customers[3]
    # after the latest event so far: the data's end moves, and journeys in progress may turn dropped
    start = con.execute("select max(occurred_at) from raw_journey_events").fetchall()[0][0] + timedelta(
        days=3
    )
    con.execute(
        "insert into import_batches values ('sys-1', 'events', 'x.csv', 'h', 't', ?, 5, 'active')", [start]
    )
    for k, (activity, outcome) in enumerate(
        [
            ("login", "ok"),
            ("order_placed", "ok"),
            ("payment_authorised", "failed"),
            ("shipped", "ok"),
            ("delivered", "ok"),
        ]
    ):
        for customer, journey in ((one, "J-INC-1"), ("NEW-CUSTOMER", "J-INC-2")):
            con.execute(
                "insert into raw_journey_events values (?, 'sys-1', ?, ?, ?, ?, ?, null, ?)",
                [
                    f"ev-{journey}-{k}",
                    customer,
                    journey,
                    activity,
                    start + timedelta(hours=k),
                    outcome,
                    k + 1,
                ],
            )
    con.execute(
        "insert into raw_contacts (contact_id, batch_id, customer_id, opened_at, channel, reason, "
        "transfers) values ('k-inc-1', 'sys-1', ?, ?, 'phone', 'payment_failed', 1)",
        [one, start + timedelta(hours=3)],
    )
    con.execute(
        "insert into raw_survey_responses (response_id, batch_id, survey, metric, score, scale_min, "
        "scale_max, responded_at, channel) values ('inc-anon', 'sys-1', 'web', 'csat', 2, 1, 5, ?, 'web')",
        [start],
    )
    return result.batch_id


def test_models_that_claim_to_be_incremental_have_the_key_column(refreshed_copy):
    con, _ = refreshed_copy
    for model in discover_models():
        key = incremental_key(model)
        if key == "additive":  # every row a full refresh writes meets the condition that keeps it
            rows = con.execute(f"select count(*) from {model.name}").fetchall()[0][0]
            kept = con.execute(f"select count(*) from {model.name} where {kept_while(model)}").fetchall()[0][
                0
            ]
            assert rows == kept > 0, model.name
        elif key:
            columns = [
                r[0]
                for r in con.execute(
                    "select column_name from information_schema.columns where table_name = ?", [model.name]
                ).fetchall()
            ]
            assert key in columns, model.name


def test_incremental_equals_full_refresh(refreshed_copy, tmp_path):
    con, path = refreshed_copy
    add_new_data(con, tmp_path)
    con.execute("checkpoint")
    copy = tmp_path / "full.duckdb"
    shutil.copy(path, copy)

    # the new events move the data's end three days on: open deadlines of customers without
    # new rows pass (parcels now overdue) and must be re-evaluated
    end = con.execute("select max(occurred_at) from raw_journey_events").fetchall()[0][0]
    passed = con.execute(
        "select count(distinct customer_id) from int_journey_stages where open_deadline_at <= ?", [end]
    ).fetchall()[0][0]
    assert passed > 0
    result = refresh_changed(con)
    assert result["mode"] == "incremental", result
    assert result["customers"] >= 26 + passed - 1
    assert result["rebuilt"]["int_journeys_end"] == "full"  # int_journey_outcomes: a view
    assert result["rebuilt"]["mart_stage_transitions"] == "months"
    assert any(v == "customers" for v in result["rebuilt"].values())
    assert any(v == "months" for v in result["rebuilt"].values())
    incremental = model_tables(con)

    full_con = connect(copy)
    try:
        refresh(full_con)
        full = model_tables(full_con)
    finally:
        full_con.close()
    assert_same_tables(incremental, full)
    assert refresh_changed(con)["mode"] == "none"


def test_a_rollback_falls_back_to_full_and_a_map_change_rebuilds_what_reads_it(refreshed_copy, tmp_path):
    con, _ = refreshed_copy
    batch = add_new_data(con, tmp_path)
    assert refresh_changed(con)["mode"] == "incremental"
    rollback_batch(con, batch, actor=EDITOR)
    result = refresh_changed(con)
    assert result["mode"] == "full" and "rolled back" in result["reason"]
    assert refresh_changed(con, force_full=True)["mode"] == "full"
    changed_map = tmp_path / "map.yaml"
    from pipelines.journey_map import default_map_path

    changed_map.write_text(
        default_map_path().read_text(encoding="utf-8").replace("min_n: 30", "min_n: 31"), encoding="utf-8"
    )
    result = refresh_changed(con, changed_map)  # the map alone: the models reading map_settings
    assert result["mode"] == "map" and "map_settings" in result["reason"], result["reason"]


def test_a_model_table_dropped_by_hand_makes_the_refresh_full_and_brings_it_back(refreshed_copy, tmp_path):
    con, _ = refreshed_copy
    con.execute("drop table int_stage_visits")  # an incremental refresh would fail replacing its rows
    add_new_data(con, tmp_path)
    result = refresh_changed(con)
    assert result["mode"] == "full" and "int_stage_visits" in result["reason"], result["reason"]
    assert con.execute("select count(*) from int_stage_visits").fetchall()[0][0] > 0

    con.execute("drop table mart_journey_volume")  # nothing new: 'nothing changed' would leave it missing
    result = refresh_changed(con)
    assert result["mode"] == "full" and "mart_journey_volume" in result["reason"], result["reason"]
    assert con.execute("select count(*) from mart_journey_volume").fetchall()[0][0] > 0
    assert refresh_changed(con)["mode"] == "none"
