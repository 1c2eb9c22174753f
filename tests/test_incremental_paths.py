"""The incremental refresh rebuilds only what the new batches reach, and still gives exactly the
tables of a full refresh: on random batches of every kind (new rows and rows that replace earlier
ones), imported the way users import them."""

from __future__ import annotations

import csv
import random
import shutil
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from core.db import connect
from pipelines.incremental import _note_months_of_moved_outcomes, _rebuild_by_response, refresh_changed
from pipelines.incremental_rebuild import incremental_key, response_column
from pipelines.loaders import load_file
from pipelines.model_files import RefreshError
from pipelines.runner import discover_models, refresh
from surveys.importer import import_file
from tests.actors import EDITOR
from tests.test_incremental_refresh import assert_same_tables, model_tables

JOURNEY_SIDE = (
    "int_journey_stages",
    "int_stage_visits",
    "int_journeys",
    "int_journey_outcomes",
    "mart_stage_transitions",
    "mart_journey_paths",
)
CONTACT_SIDE = ("int_contacts_attributed", "mart_contacts", "mart_contact_repeats", "mart_escalations")
RESPONSE_SIDE = ("int_responses_attributed", "int_response_stage_exposure", "mart_friction_cells")
ACTIVITIES = ("login", "order_placed", "payment_authorised", "shipped", "delivered", "invoice_sent")
REASONS = ("where_is_my_order", "payment_failed", "complaint", "not_in_the_map")


def _write_csv(path: Path, header: list[str], rows: list[list]) -> Path:
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _when(rnd: random.Random, start: datetime, end: datetime) -> str:
    moment = start + timedelta(seconds=rnd.randint(0, int((end - start).total_seconds())))
    return f"{moment:%Y-%m-%d %H:%M:%S}"


def _ids(con, sql: str) -> list[str]:
    return [r[0] for r in con.execute(sql).fetchall()]


def import_surveys(con, tmp: Path, rnd: random.Random, tag: str) -> None:
    """New responses, and responses that replace earlier ones (same response id, another score)."""
    customers = _ids(con, "select customer_id from raw_customers order by customer_id limit 400")
    earlier = _ids(
        con,
        "select response_id from raw_survey_responses where metric = 'nps' and customer_id is not null "
        "order by response_id limit 300",
    )
    start, end = con.execute(
        "select min(responded_at), max(responded_at) from raw_survey_responses"
    ).fetchall()[0]
    rows = []
    for i in range(rnd.randint(5, 25)):
        rows.append([f"{tag}-r{i}", rnd.choice(customers), _when(rnd, start, end), rnd.randint(0, 10), "ok"])
    for response_id in rnd.sample(earlier, rnd.randint(0, 5)):
        customer = con.execute(
            "select customer_id from raw_survey_responses where response_id = ?", [response_id]
        ).fetchall()[0][0]
        rows.append([response_id, customer, _when(rnd, start, end), rnd.randint(0, 10), "changed"])
    header = ["Response ID", "Customer ID", "Date", "How likely are you to recommend us? (0-10)", "Comment"]
    result = import_file(con, _write_csv(tmp / f"{tag}-surveys.csv", header, rows), actor=EDITOR)
    assert result.status == "imported", result.problems


def load_events(con, tmp: Path, rnd: random.Random, tag: str) -> None:
    """Events of new journeys and more events of running journeys, some after the data's end."""
    journeys = con.execute(
        "select journey_id, any_value(customer_id) from raw_journey_events group by 1 order by 1 limit 300"
    ).fetchall()
    start, end = con.execute("select min(occurred_at), max(occurred_at) from raw_journey_events").fetchall()[
        0
    ]
    rows = []
    for i in range(rnd.randint(1, 4)):
        journey, customer = rnd.choice(journeys)
        begin = _when(rnd, start, end)
        for k, activity in enumerate(ACTIVITIES[: rnd.randint(1, len(ACTIVITIES))]):
            moment = datetime.fromisoformat(begin) + timedelta(hours=20 * k)
            outcome = "failed" if rnd.random() < 0.2 else "ok"
            rows.append(
                [
                    f"{tag}-e{i}-{k}",
                    customer,
                    f"{tag}-J{i}",
                    activity,
                    f"{moment:%Y-%m-%d %H:%M:%S}",
                    outcome,
                    "",
                ]
            )
    for i in range(rnd.randint(0, 4)):
        journey, customer = rnd.choice(journeys)
        late = end + timedelta(days=rnd.randint(0, 4))
        rows.append(
            [f"{tag}-x{i}", customer, journey, rnd.choice(ACTIVITIES), f"{late:%Y-%m-%d %H:%M:%S}", "ok", ""]
        )
    header = ["event_id", "customer_id", "journey_id", "activity", "occurred_at", "outcome", "promised_at"]
    result = load_file(con, "events", _write_csv(tmp / f"{tag}-events.csv", header, rows), actor=EDITOR)
    assert result.status == "imported", result.problems


def load_contacts(con, tmp: Path, rnd: random.Random, tag: str) -> None:
    """New contacts (with and without a journey, mapped and unmapped reasons) and contacts that
    replace earlier ones."""
    journeys = con.execute(
        "select journey_id, any_value(customer_id) from raw_journey_events group by 1 order by 1 limit 300"
    ).fetchall()
    earlier = con.execute(
        "select contact_id, customer_id from raw_contacts order by contact_id limit 300"
    ).fetchall()
    start, end = con.execute("select min(opened_at), max(opened_at) from raw_contacts").fetchall()[0]
    rows = []
    for i in range(rnd.randint(2, 12)):
        journey, customer = rnd.choice(journeys)
        rows.append(
            [
                f"{tag}-k{i}",
                customer,
                journey if rnd.random() < 0.5 else "",
                _when(rnd, start, end),
                "phone",
                rnd.choice(REASONS),
            ]
        )
    for contact_id, customer in rnd.sample(earlier, rnd.randint(0, 4)):
        rows.append([contact_id, customer, "", _when(rnd, start, end), "email", rnd.choice(REASONS)])
    header = ["contact_id", "customer_id", "journey_id", "opened_at", "channel", "reason"]
    result = load_file(con, "contacts", _write_csv(tmp / f"{tag}-contacts.csv", header, rows), actor=EDITOR)
    assert result.status == "imported", result.problems


def load_customers(con, tmp: Path, rnd: random.Random, tag: str) -> None:
    """Customers who moved to another segment, and a new one."""
    earlier = _ids(con, "select customer_id from raw_customers order by customer_id limit 300")
    rows = [
        [c, rnd.choice(["household", "small_business", "premium"]), "Uusimaa", "basic"]
        for c in rnd.sample(earlier, 5)
    ]
    rows.append([f"{tag}-C", "premium", "Uusimaa", "plus"])
    header = ["customer_id", "segment", "region", "tier"]
    result = load_file(con, "customers", _write_csv(tmp / f"{tag}-customers.csv", header, rows), actor=EDITOR)
    assert result.status == "imported", result.problems


IMPORTS = {
    "surveys": import_surveys,
    "events": load_events,
    "contacts": load_contacts,
    "customers": load_customers,
}


def full_refresh_of_a_copy(con, path: Path, tmp: Path) -> dict:
    con.execute("checkpoint")
    copy = tmp / "full.duckdb"
    shutil.copy(path, copy)
    full_con = connect(copy)
    try:
        refresh(full_con)
        return model_tables(full_con)
    finally:
        full_con.close()
        copy.unlink()


def reached_by(tables: set[str]) -> set[str]:
    """The models that read those tables, directly or through other models (independent of the
    refresh's own bookkeeping: every model's reads, followed to a fixed point)."""
    models = discover_models()
    reached = set(tables)
    grew = True
    while grew:
        grew = False
        for model in models:
            if model.name not in reached and model.reads & reached:
                reached.add(model.name)
                grew = True
    return reached - set(tables)


def test_a_survey_import_rebuilds_only_the_response_side(refreshed_copy, tmp_path):
    con, path = refreshed_copy
    import_surveys(con, tmp_path, random.Random(5), "only")
    result = refresh_changed(con)
    assert result["mode"] == "incremental", result
    rebuilt = set(result["rebuilt"])
    assert not rebuilt & set(JOURNEY_SIDE + CONTACT_SIDE), rebuilt
    assert set(RESPONSE_SIDE) <= rebuilt
    assert rebuilt <= reached_by({"raw_survey_responses"})
    assert_same_tables(model_tables(con), full_refresh_of_a_copy(con, path, tmp_path))


def test_a_contacts_load_leaves_the_journey_and_response_models(refreshed_copy, tmp_path):
    con, path = refreshed_copy
    load_contacts(con, tmp_path, random.Random(6), "only")
    result = refresh_changed(con)
    assert result["mode"] == "incremental", result
    rebuilt = set(result["rebuilt"])
    assert not rebuilt & set(JOURNEY_SIDE + RESPONSE_SIDE), rebuilt
    assert set(CONTACT_SIDE) <= rebuilt
    assert_same_tables(model_tables(con), full_refresh_of_a_copy(con, path, tmp_path))


@pytest.mark.parametrize("seed", [11, 12, 13, 14])
def test_random_batches_refresh_incrementally_to_the_full_result(refreshed_copy, tmp_path, seed):
    con, path = refreshed_copy
    rnd = random.Random(seed)
    for round_number in range(2):
        kinds = rnd.sample(sorted(IMPORTS), rnd.randint(1, 3))
        for kind in kinds:
            IMPORTS[kind](con, tmp_path, rnd, f"s{seed}-{round_number}-{kind}")
        result = refresh_changed(con)
        assert result["mode"] == "incremental", result
        tables = {
            f"raw_{'survey_responses' if k == 'surveys' else 'journey_events' if k == 'events' else k}"
            for k in kinds
        }
        assert set(result["rebuilt"]) <= reached_by(tables), (kinds, result["rebuilt"])
    assert_same_tables(model_tables(con), full_refresh_of_a_copy(con, path, tmp_path))


def _new_responses_only(con, tmp: Path, tag: str, n: int) -> None:
    customers = _ids(con, "select customer_id from raw_customers order by customer_id limit 50")
    start, end = con.execute(
        "select min(responded_at), max(responded_at) from raw_survey_responses"
    ).fetchall()[0]
    rnd = random.Random(n)
    rows = [
        [
            f"{tag}-r{i}",
            rnd.choice(customers),
            _when(rnd, start, end),
            rnd.randint(0, 10),
            "toimitus myöhässä",
        ]
        for i in range(n)
    ]
    header = ["Response ID", "Customer ID", "Date", "How likely are you to recommend us? (0-10)", "Comment"]
    result = import_file(con, _write_csv(tmp / f"{tag}.csv", header, rows), actor=EDITOR)
    assert result.status == "imported", result.problems


RESPONSE_KEYED = {m.name for m in discover_models() if response_column(m)}


def test_survey_batches_rebuild_only_their_responses(refreshed_copy, tmp_path):
    """New responses only are appended to the response-keyed models (nothing read or deleted there);
    a batch that replaces earlier responses rebuilds those responses' rows; both give the tables of
    a full refresh, although the customers' other responses are not rebuilt."""
    con, path = refreshed_copy
    _new_responses_only(con, tmp_path, "appended", 30)
    result = refresh_changed(con)
    assert {result["rebuilt"][name] for name in RESPONSE_KEYED} == {"appended"}, result["rebuilt"]
    assert_same_tables(model_tables(con), full_refresh_of_a_copy(con, path, tmp_path))

    versions = "select count(*) from raw_survey_response_versions"
    before = con.execute(versions).fetchall()[0][0]
    import_surveys(con, tmp_path, random.Random(3), "replacing")  # seed 3: some responses replaced
    replaced = con.execute(versions).fetchall()[0][0] - before
    result = refresh_changed(con)
    assert replaced > 0
    assert {result["rebuilt"][name] for name in RESPONSE_KEYED} == {"responses"}, result["rebuilt"]
    assert_same_tables(model_tables(con), full_refresh_of_a_copy(con, path, tmp_path))


def test_rebuild_by_response_only_when_every_reached_model_allows_it():
    models = discover_models()
    assert len(RESPONSE_KEYED) >= 7
    assert _rebuild_by_response(models, frozenset({"raw_survey_responses"}))
    assert not _rebuild_by_response(models, frozenset({"raw_survey_responses", "raw_contacts"}))
    assert not _rebuild_by_response(models, frozenset({"raw_contacts"}))
    # a response-side model without its response column: every model goes back to customers
    plain = [
        replace(m, sql=m.sql.replace(" (by response: response_id)", ""))
        if m.name == "mart_driver_responses"
        else m
        for m in models
    ]
    assert not _rebuild_by_response(plain, frozenset({"raw_survey_responses"}))


def test_a_later_data_end_drops_journeys_in_months_no_batch_touched(refreshed_copy, tmp_path):
    """Events ten days after the data's end turn the journeys that stood still since 20-30 days
    before it from in progress to dropped, in their own start months: those months' journey marts
    are rebuilt although no new row is in them."""
    con, path = refreshed_copy
    end = con.execute("select max(ended_at) from int_journeys").fetchall()[0][0]
    flipping = con.execute(
        "select distinct period_month from int_journey_outcomes where outcome = 'in_progress' "
        "and last_event_at < ?::timestamp - interval 20 day",
        [end],
    ).fetchall()
    customer = _ids(con, "select customer_id from raw_customers order by customer_id limit 1")[0]
    moment = end + timedelta(days=10)
    rows = [["late-e1", customer, "late-J1", "login", f"{moment:%Y-%m-%d %H:%M:%S}", "ok", ""]]
    header = ["event_id", "customer_id", "journey_id", "activity", "occurred_at", "outcome", "promised_at"]
    result = load_file(con, "events", _write_csv(tmp_path / "late.csv", header, rows), actor=EDITOR)
    assert result.status == "imported", result.problems
    result = refresh_changed(con)
    assert result["mode"] == "incremental", result
    assert flipping, "the demo should have journeys in progress 20-30 days before its end"
    assert {m for (m,) in flipping} <= set(result["months"])
    assert_same_tables(model_tables(con), full_refresh_of_a_copy(con, path, tmp_path))


@pytest.mark.parametrize("days", [0, 1, 10, -10, 60])
def test_the_months_of_journeys_a_new_data_end_moves_are_noted(refreshed_copy, days):
    """Checked against the rule computed here, journey by journey: with the data's end `days` later
    than it was (earlier when negative: the latest events were replaced by earlier ones), the
    journeys not completed whose outcome differs between the two ends, and only those, are noted."""
    con, _ = refreshed_copy
    catalog = con.execute("select current_database()").fetchall()[0][0]
    journeys = con.execute("select completed, ended_at, period_month from int_journeys").fetchall()
    end, in_progress_days = con.execute(
        "select latest_event_at, in_progress_days from int_journeys_end"
    ).fetchall()[0]
    before = end - timedelta(days=days)

    def in_progress(ended_at, data_end) -> bool:
        whole = (data_end.replace(microsecond=0) - ended_at.replace(microsecond=0)).total_seconds()
        return whole <= in_progress_days * 86400

    expected = {
        m for done, ended, m in journeys if not done and in_progress(ended, before) != in_progress(ended, end)
    }
    con.execute("create or replace temp table _changed_months (period_month date)")
    _note_months_of_moved_outcomes(con, catalog, before)
    noted = {m for (m,) in con.execute("select distinct period_month from _changed_months").fetchall()}
    con.execute("drop table temp.main._changed_months")
    assert noted == expected
    assert bool(expected) == (days != 0)


def test_a_view_cannot_declare_an_incremental_key():
    """Incremental refreshes copy a model's rows by rowid; a view stores none, so a view that says
    it is incremental is refused with its file named, before any refresh runs it."""
    model = next(m for m in discover_models() if m.name == "mart_stage_responses")
    assert model.materialized == "view" and incremental_key(model) is None
    lines = model.sql.splitlines()
    declared = replace(model, sql="\n".join([*lines[:2], "-- incremental: customer_id", *lines[2:]]))
    assert declared.materialized == "view"
    with pytest.raises(RefreshError, match="mart_stage_responses.sql: a view cannot be incremental"):
        incremental_key(declared)


def test_known_columns_answer_as_the_catalogue_does():
    """Inside a refresh the columns come from one look-up; the answers are the catalogue's own:
    columns in order, [] for a table that does not exist, tables having a column (views too)."""
    import duckdb

    from pipelines.catalog_columns import columns_of, known_columns, tables_with_column

    con = duckdb.connect()
    con.execute("create table b (period_month date, customer_id varchar, n integer)")
    con.execute("create table a (customer_id varchar, x double)")
    con.execute("create view v as select period_month from b")
    catalog = con.execute("select current_database()").fetchall()[0][0]
    outside = (columns_of(con, catalog, "b"), columns_of(con, catalog, "missing"))
    outside_months = sorted(tables_with_column(con, catalog, "period_month"))
    assert outside == (["period_month", "customer_id", "n"], [])
    assert outside_months == ["b", "v"]
    with known_columns(con, catalog):
        con.execute("drop table a")  # not seen inside: the refresh changes no table's columns
        assert (columns_of(con, catalog, "b"), columns_of(con, catalog, "missing")) == outside
        assert columns_of(con, catalog, "a") == ["customer_id", "x"]
        assert sorted(tables_with_column(con, catalog, "period_month")) == outside_months
        assert columns_of(con, "other", "b") == []  # another catalogue: asked, not remembered
    assert columns_of(con, catalog, "a") == []  # after: the catalogue again
