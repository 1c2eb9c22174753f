"""Journey map versions in the database, the refresh using them, and the unmapped marts."""

from __future__ import annotations

from datetime import datetime as dt
from datetime import timedelta

import pandas as pd
import pytest
import yaml

from core.access import Actor, PermissionDeniedError
from core.db import connect
from pipelines import journey_map_store as store
from pipelines.journey_map import DEFAULT_MAP_PATH, JourneyMapError, load_journey_map_text
from pipelines.journey_map_diff import diff_summary
from pipelines.runner import refresh
from tests import pipeline_scenario
from tests.actors import VIEWER

ANNA, BEN = Actor("anna", "editor", "password"), Actor("ben", "admin", "oidc")

FILE_TEXT = DEFAULT_MAP_PATH.read_text(encoding="utf-8")

# Given rows on top of the shared scenario (which has one 'mystery_event' in j2 and a contact
# without a reason, k3): another mystery_event in j1, an activity that differs from a rule
# only by case, and a reason the map does not list, once with and once without a journey.
EXTRA_EVENTS = [  # event_id, customer, journey, activity, occurred_at
    ("x01", "c1", "j1", "mystery_event", dt(2026, 1, 2, 11, 0)),
    ("x02", "c1", "j1", "Shipped", dt(2026, 1, 2, 12, 5)),
]
EXTRA_CONTACTS = [  # contact_id, customer, opened_at, channel, reason
    ("x1", "c1", dt(2026, 1, 3, 9, 0), "phone", "gift_card"),
    ("x2", "c3", dt(2026, 1, 10, 9, 0), "email", " Gift_Card "),
]


def _load_extra(con) -> None:
    events = pd.DataFrame(
        [(e, "b2", c, j, a, t, "ok", None) for e, c, j, a, t in EXTRA_EVENTS],
        columns=[
            "event_id",
            "batch_id",
            "customer_id",
            "journey_id",
            "activity",
            "occurred_at",
            "outcome",
            "promised_at",
        ],
    )
    contacts = pd.DataFrame(
        [(k, "b2", c, None, o, ch, r, 0) for k, c, o, ch, r in EXTRA_CONTACTS],
        columns=[
            "contact_id",
            "batch_id",
            "customer_id",
            "journey_id",
            "opened_at",
            "channel",
            "reason",
            "transfers",
        ],
    )
    for table, frame in (("raw_journey_events", events), ("raw_contacts", contacts)):
        con.register("extra_frame", frame)
        con.execute(f"insert into {table} by name select * from extra_frame")
        con.unregister("extra_frame")


@pytest.fixture()
def con(tmp_path, monkeypatch):
    monkeypatch.delenv("CX_JOURNEY_MAP", raising=False)
    connection = connect(tmp_path / "s.duckdb")
    pipeline_scenario.load(connection)
    _load_extra(connection)
    refresh(connection)
    yield connection
    connection.close()


def edited(**changes) -> str:
    """The demo map with some edits applied to the parsed document, as YAML text."""
    doc = yaml.safe_load(FILE_TEXT)
    for edit in changes.values():
        edit(doc)
    return yaml.safe_dump(doc, sort_keys=False, allow_unicode=True)


def _stage(doc, sid):
    return next(s for s in doc["stages"] if s["id"] == sid)


def _reason(doc, rid):
    return next(r for r in doc["contact_reasons"] if r["reason"] == rid)


def rows(con, sql: str) -> list[tuple]:
    return con.execute(sql).fetchall()


# --- marts of what falls out of the analysis ---------------------------------------------


def local(*parts) -> dt:
    """A stored UTC time as the marts show it: Helsinki time, UTC+2 in January."""
    return dt(*parts) + timedelta(hours=2)


def test_mart_unmapped_activities_lists_each_unmapped_activity_with_volumes(con):
    assert rows(
        con,
        """select activity, events, journeys, customers, first_seen, last_seen
                        from mart_unmapped_activities order by activity""",
    ) == [
        ("Shipped", 1, 1, 1, local(2026, 1, 2, 12, 5), local(2026, 1, 2, 12, 5)),  # rules are case-sensitive
        ("mystery_event", 2, 2, 2, local(2026, 1, 2, 11, 0), local(2026, 1, 8, 10, 0)),
    ]


def test_mart_unmapped_reasons_counts_contacts_customers_and_fallback_attribution(con):
    assert rows(
        con,
        """select reason, no_reason_given, contacts, customers, attributed_by_position,
                               unattributed, first_seen, last_seen
                        from mart_unmapped_reasons order by reason""",
    ) == [
        # x1 falls back to where j1 stood (delivery); c3 has no journey, so x2 is unattributed
        ("gift_card", False, 2, 2, 1, 1, local(2026, 1, 3, 9, 0), local(2026, 1, 10, 9, 0)),
        ("unknown", True, 1, 1, 1, 0, local(2026, 1, 3, 8, 35), local(2026, 1, 3, 8, 35)),
    ]


# --- versions -----------------------------------------------------------------------------


def test_the_first_refresh_seeds_version_1_from_the_file_and_logs_it(con):
    text, source = store.active_map_text(con)
    assert text == FILE_TEXT and source == "db:version 1"
    history = store.history(con)
    assert list(history["version"]) == [1] and list(history["changed_by"]) == [store.FILE_AUTHOR]
    assert history["summary"][0] == f"starting point: the file {DEFAULT_MAP_PATH}"
    assert rows(con, "select journey_map from mart_refresh_log") == [("db:version 1",)]


def test_an_empty_database_reads_the_seed_file(tmp_path, monkeypatch):
    monkeypatch.delenv("CX_JOURNEY_MAP", raising=False)
    empty = connect(tmp_path / "empty.duckdb")
    try:
        assert store.active_map_text(empty) == (FILE_TEXT, str(DEFAULT_MAP_PATH))
        assert store.latest_version(empty) is None
    finally:
        empty.close()


def test_invalid_map_is_refused_with_every_problem_and_nothing_stored(con):
    def broken(doc):
        _stage(doc, "delivery")["owner"] = "logstics"
        _reason(doc, "other")["avoidable"] = "maybe"
        doc["channel_costs"]["fax"] = 1

    with pytest.raises(JourneyMapError) as err:
        store.save_version(con, edited(a=broken), ANNA)
    message = str(err.value)
    for problem in (
        "stages[4].owner: unknown function 'logstics'",
        "contact_reasons[11].avoidable: 'maybe' must be true or false",
        "channel_costs.fax: unknown channel",
    ):
        assert problem in message
    assert store.latest_version(con) == 1
    with pytest.raises(JourneyMapError, match="not valid YAML"):
        store.save_version(con, "stages: [unclosed", ANNA)
    assert store.latest_version(con) == 1


def test_unchanged_map_stores_nothing(con):
    assert store.save_version(con, FILE_TEXT, ANNA) is None
    reformatted = yaml.safe_dump(yaml.safe_load(FILE_TEXT), sort_keys=True)  # no comments, other order
    assert store.save_version(con, reformatted, ANNA) is None
    assert store.latest_version(con) == 1


def test_a_save_after_the_seed_is_version_2_with_a_summary(con):
    def sla(doc):
        _stage(doc, "delivery")["sla_hours"] = 48

    def avoidable(doc):
        _reason(doc, "change_order")["avoidable"] = True

    text = edited(a=sla, b=avoidable)
    assert store.save_version(con, text, ANNA) == 2
    got = store.history(con)
    assert list(got["version"]) == [2, 1]
    assert list(got["changed_by"]) == ["anna", store.FILE_AUTHOR]
    assert got["summary"][0] == (
        "stage delivery: sla_hours none -> 48; reason change_order: avoidable false -> true"
    )
    assert store.active_map_text(con) == (text, "db:version 2")
    assert store.version_text(con, 1) == FILE_TEXT

    # a further edit is version 3 and is compared with version 2
    def more(doc):
        _stage(doc, "delivery")["sla_hours"] = 72
        doc["settings"]["min_n"] = 40

    assert store.save_version(con, edited(a=sla, b=avoidable, c=more), BEN) == 3
    assert store.history(con)["summary"][0] == ("setting min_n: 30 -> 40; stage delivery: sla_hours 48 -> 72")


def test_restore_stores_the_old_version_again_as_the_newest(con):
    def sla(doc):
        _stage(doc, "delivery")["sla_hours"] = 48

    store.save_version(con, edited(a=sla), ANNA)
    assert store.restore(con, 1, BEN) == 3
    latest = store.history(con).iloc[0]
    assert (latest["version"], latest["changed_by"]) == (3, "ben")
    assert latest["summary"] == "restored version 1; stage delivery: sla_hours 48 -> none"
    assert store.active_map_text(con) == (FILE_TEXT, "db:version 3")
    assert store.restore(con, 3, BEN) is None  # already in effect
    with pytest.raises(KeyError):
        store.restore(con, 99, BEN)


def test_diff_summary_names_each_kind_of_change():
    def many(doc):
        doc["company"] = "Other Oy"
        doc["targets"]["nps"] = 35
        del doc["targets"]["ces"]
        doc["functions"].append({"id": "legal", "name": {"en": "Legal", "fi": "Laki"}})
        doc["functions"][0]["name"]["en"] = "Digital"
        doc["stages"].insert(0, {"id": "ads", "name": {"en": "Ads", "fi": "Mainokset"}, "owner": "sales"})
        _stage(doc, "picking")["owner"] = "logistics"
        doc["activities"][0]["stage"] = "browse"
        doc["activities"].insert(1, {"match": "mystery_*", "stage": "ads"})
        doc["activities"] = [r for r in doc["activities"] if r["match"] != "refund_paid"]
        doc["contact_reasons"] = [r for r in doc["contact_reasons"] if r["reason"] != "other"]
        doc["contact_reasons"].append(
            {"reason": "gift_card", "avoidable": True, "name": {"en": "Gift card", "fi": "Lahjakortti"}}
        )
        doc["channel_costs"]["phone"] = 7.5

    got = diff_summary(FILE_TEXT, edited(a=many))
    assert got == [
        'company: "Pohjolan Kotitavara Oy (demo online retailer)" -> "Other Oy"',
        "target nps: 30 -> 35",
        "target ces removed (was 5.5)",
        'function digital: name_en "IT & digital services" -> "Digital"',
        'function legal added: "Legal"',
        "stage ads added: owner sales",
        "stage picking: owner warehouse -> logistics",
        "rule refund_paid removed (was stage returns)",
        "rule account_created: stage account -> browse",
        "rule mystery_* added at position 2: stage ads",
        "reason other removed",
        "reason wrong_item: owner warehouse -> logistics",  # follows its stage's owner
        "reason gift_card added: stage none, avoidable true",
        "cost phone: 7.2 -> 7.5",
        "theme wrong_item: owner warehouse -> logistics",  # themes follow their stage's owner too
        "theme packaging: owner warehouse -> logistics",
    ]

    def reorder(doc):
        doc["stages"][0], doc["stages"][1] = doc["stages"][1], doc["stages"][0]
        doc["activities"][0], doc["activities"][1] = doc["activities"][1], doc["activities"][0]

    got = diff_summary(FILE_TEXT, edited(a=reorder))
    assert got[0] == (
        "stage order: account, browse, payment, picking, delivery, invoicing, returns"
        " -> browse, account, payment, picking, delivery, invoicing, returns"
    )
    assert got[1].startswith("rule order changed (first match wins): login*, account_created, ")
    assert diff_summary(FILE_TEXT, load_journey_map_text(FILE_TEXT)) == []


# --- the refresh uses the map in effect ---------------------------------------------------


def test_refresh_uses_the_latest_version_and_re_attributes(con):
    def map_them(doc):
        doc["activities"].append({"match": "mystery_*", "stage": "delivery"})
        doc["contact_reasons"].append(
            {
                "reason": "gift_card",
                "stage": "payment",
                "avoidable": True,
                "name": {"en": "Gift card", "fi": "Lahjakortti"},
            }
        )

    assert store.save_version(con, edited(a=map_them), ANNA) == 2
    refresh(con)
    assert rows(con, "select activity from mart_unmapped_activities") == [("Shipped",)]
    assert rows(con, "select reason from mart_unmapped_reasons") == [("unknown",)]
    assert rows(
        con,
        """select contact_id, stage, owner, attribution, avoidable from int_contacts_attributed
                        where contact_id in ('x1', 'x2') order by 1""",
    ) == [("x1", "payment", "payments", "reason", True), ("x2", "payment", "payments", "reason", True)]
    assert rows(con, "select journey_map from mart_refresh_log order by refreshed_at desc limit 1") == [
        ("db:version 2",)
    ]


def test_a_map_given_to_refresh_is_stored_and_stays_in_effect(con, tmp_path, monkeypatch):
    def map_them(doc):
        doc["activities"].append({"match": "mystery_*", "stage": "delivery"})

    mine = tmp_path / "mine.yaml"
    mine.write_text(edited(a=map_them), encoding="utf-8")
    result = refresh(con, mine)
    assert (result["map_version"], result["map_reason"]) == (2, "stored from mine.yaml as version 2")
    assert store.history(con)["summary"][0].startswith("from the file mine.yaml; rule mystery_* added")
    assert rows(con, "select count(*) from mart_unmapped_activities") == [(1,)]
    # a later plain refresh, and a seed file in the environment, do not revert to another map
    monkeypatch.setenv("CX_JOURNEY_MAP", str(DEFAULT_MAP_PATH))
    again = refresh(con)
    assert (again["map_version"], again["map_reason"]) == (2, "latest stored version 2")
    assert rows(con, "select count(*) from mart_unmapped_activities") == [(1,)]
    assert rows(con, "select journey_map from mart_refresh_log order by refreshed_at desc limit 1") == [
        ("db:version 2",)
    ]
    # giving the same file again stores nothing
    assert refresh(con, mine)["map_reason"] == "mine.yaml is the same as version 2, already in effect"
    assert store.latest_version(con) == 2


def test_a_given_map_whose_refresh_fails_is_not_kept(con, tmp_path, monkeypatch):
    from pipelines import runner

    def sla(doc):
        _stage(doc, "delivery")["sla_hours"] = 48

    mine = tmp_path / "mine.yaml"
    mine.write_text(edited(a=sla), encoding="utf-8")

    def broken(*args, **kwargs):
        raise runner.RefreshError("boom")

    monkeypatch.setattr(runner, "_refresh_models", broken)
    with pytest.raises(runner.RefreshError):
        refresh(con, mine)
    assert store.latest_version(con) == 1


def test_save_needs_an_editor(con):
    def sla(doc):
        _stage(doc, "delivery")["sla_hours"] = 48

    with pytest.raises(PermissionDeniedError):
        store.save_version(con, edited(a=sla), VIEWER)
    assert store.latest_version(con) == 1


def test_a_stored_version_that_no_longer_validates_is_replaced_not_compared(con):
    def sla(doc):
        _stage(doc, "delivery")["sla_hours"] = 48

    store.save_version(con, edited(a=sla), ANNA)
    con.execute("update journey_map_versions set yaml = 'stages: []' where version = 2")
    with pytest.raises(JourneyMapError, match="db:version 2"):
        refresh(con)  # an invalid map in effect stops the refresh before anything changes
    assert store.save_version(con, FILE_TEXT, BEN) == 3
    assert store.history(con)["summary"][0] == "replaces version 2, which no longer passes validation"
