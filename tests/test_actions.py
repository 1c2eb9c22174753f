"""The action register (pipelines/actions.py): given rows -> expected rows for add, update, close,
the list filters and the history; the permission gate; ids checked against the stored journey map;
review meetings. On a private copy of the refreshed demo database."""

from __future__ import annotations

from datetime import date

import duckdb
import pytest

from core import audit
from core.access import PermissionDeniedError
from core.db import connect
from pipelines import actions
from pipelines.actions import ActionError
from pipelines.journey_map import default_map_path
from pipelines.journey_map_store import save_version
from tests.actors import ADMIN, EDITOR, VIEWER

DELIVERY = {"point_kind": "stage", "point_key": "delivery", "owner_function": "logistics"}
TABLES = ("actions", "action_changes", "review_meetings", "audit_log")


def empty_register(con) -> None:
    """Remove the demo's planted actions: each test starts from its own given rows."""
    con.execute("delete from action_changes; delete from actions; delete from review_meetings")


@pytest.fixture()
def con(writable_db):
    con = connect(writable_db)
    empty_register(con)
    yield con
    con.close()


def _rows(con, sql: str, params: list | None = None) -> list[tuple]:
    return con.execute(sql, params or []).fetchall()


def _changes(con, action_id: str) -> list[tuple]:
    return [
        (c.seq, c.changed_by, c.field, c.old_value, c.new_value)
        for c in actions.action_history(con, action_id)
    ]


def _last_audit(con) -> tuple:
    entry = audit.entries(con, ADMIN, limit=1)[0]
    return entry["action"], entry["actor"], entry["object_kind"], entry["object_id"]


def test_add_stores_the_row_its_created_change_and_an_audit_entry(con):
    before = audit.utc_now()
    a = actions.add_action(
        con,
        actor=EDITOR,
        **DELIVERY,
        title="  Courier hand-over checklist  ",
        metric="nps",
        responsible="Matti M.",
        due_date=date(2026, 3, 31),
        notes="agreed in the January review",
    )
    assert a.action_id.startswith("A-") and len(a.action_id) == 10
    assert _rows(con, "select * exclude (created_at, updated_at) from actions") == [
        (
            a.action_id,
            "stage",
            "delivery",
            "nps",
            "Courier hand-over checklist",
            "logistics",
            "Matti M.",
            date(2026, 3, 31),
            "open",
            "agreed in the January review",
            None,
            "tester",
            "tester",
        )
    ]
    assert a.created_at == a.updated_at and before <= a.created_at <= audit.utc_now()  # UTC
    assert _changes(con, a.action_id) == [(1, "tester", "created", None, "Courier hand-over checklist")]
    assert _last_audit(con) == ("action_add", "tester", "action", a.action_id)
    assert actions.get_action(con, a.action_id) == a


def test_update_logs_each_changed_field_with_old_and_new_text(con):
    a = actions.add_action(con, actor=EDITOR, **DELIVERY, title="Checklist", due_date=date(2026, 3, 31))
    b = actions.update_action(
        con,
        a.action_id,
        actor=ADMIN,
        title="Checklist v2",
        due_date="2026-04-15",
        status="in_progress",
        responsible="Liisa",
        metric=None,  # unchanged: not logged
    )
    assert (b.title, b.due_date, b.status, b.responsible) == (
        "Checklist v2",
        date(2026, 4, 15),
        "in_progress",
        "Liisa",
    )
    assert (b.updated_by, b.created_by) == ("ada", "tester") and b.updated_at >= b.created_at
    assert _changes(con, a.action_id) == [
        (1, "tester", "created", None, "Checklist"),
        (2, "ada", "title", "Checklist", "Checklist v2"),
        (3, "ada", "responsible", None, "Liisa"),
        (4, "ada", "due_date", "2026-03-31", "2026-04-15"),
        (5, "ada", "status", "open", "in_progress"),
    ]
    assert _last_audit(con) == ("action_update", "ada", "action", a.action_id)
    c = actions.update_action(
        con, a.action_id, actor=EDITOR, due_date=None, point_kind="function", point_key="billing"
    )
    assert (c.due_date, c.point_kind, c.point_key) == (None, "function", "billing")
    assert _changes(con, a.action_id)[5:] == [
        (6, "tester", "point_kind", "stage", "function"),
        (7, "tester", "point_key", "delivery", "billing"),
        (8, "tester", "due_date", "2026-04-15", None),
    ]


def test_an_update_that_changes_nothing_writes_nothing(con):
    a = actions.add_action(con, actor=EDITOR, **DELIVERY, title="Checklist")
    seq = audit.entries(con, ADMIN, limit=1)[0]["seq"]
    assert actions.update_action(con, a.action_id, actor=EDITOR, title=" Checklist ", status="open") == a
    assert audit.entries(con, ADMIN, limit=1)[0]["seq"] == seq
    assert len(actions.action_history(con, a.action_id)) == 1


def test_close_sets_the_status_the_effect_date_and_notes(con):
    a = actions.add_action(con, actor=EDITOR, **DELIVERY, title="Checklist", notes="first")
    b = actions.close_action(con, a.action_id, actor=EDITOR, effective_from=date(2026, 2, 1))
    assert (b.status, b.effective_from, b.notes) == ("done", date(2026, 2, 1), "first")
    c = actions.close_action(con, a.action_id, actor=EDITOR, status="dropped", notes="superseded")
    assert (c.status, c.effective_from, c.notes) == ("dropped", date(2026, 2, 1), "superseded")
    assert _changes(con, a.action_id)[1:] == [
        (2, "tester", "status", "open", "done"),
        (3, "tester", "effective_from", None, "2026-02-01"),
        (4, "tester", "status", "done", "dropped"),
        (5, "tester", "notes", "first", "superseded"),
    ]
    assert _last_audit(con) == ("action_close", "tester", "action", a.action_id)
    with pytest.raises(ActionError, match="^status: 'open' is not one of done, dropped"):
        actions.close_action(con, a.action_id, actor=EDITOR, status="open")


def _ids(found: list[actions.Action], named: dict[str, str]) -> list[str]:
    by_id = {v: k for k, v in named.items()}
    return [by_id[a.action_id] for a in found]


GIVEN = [  # name, point kind, point key, owner, status, due date
    ("delivery_stage", "stage", "delivery", "logistics", "open", date(2026, 1, 10)),  # a logistics stage
    ("logistics_point", "function", "logistics", "logistics", "open", None),
    ("owned_by_logistics", "stage", "picking", "logistics", "in_progress", date(2026, 1, 20)),
    ("billing", "function", "billing", "billing", "open", date(2026, 1, 5)),
    ("invoicing_done", "stage", "invoicing", "billing", "done", date(2026, 1, 1)),
]


def test_list_filters_function_scope_status_point_and_overdue(con):
    named = {
        name: actions.add_action(
            con,
            actor=EDITOR,
            title=name,
            point_kind=kind,
            point_key=key,
            owner_function=owner,
            status=status,
            due_date=due,
        ).action_id
        for name, kind, key, owner, status, due in GIVEN
    }
    assert _ids(actions.list_actions(con), named) == [
        "invoicing_done",  # soonest due first, no due date last
        "billing",
        "delivery_stage",
        "owned_by_logistics",
        "logistics_point",
    ]
    assert _ids(actions.list_actions(con, function="logistics"), named) == [
        "delivery_stage",
        "owned_by_logistics",
        "logistics_point",
    ]
    assert _ids(actions.list_actions(con, function="warehouse"), named) == ["owned_by_logistics"]  # its stage
    assert _ids(actions.list_actions(con, function="sales"), named) == []
    assert _ids(actions.list_actions(con, status="done"), named) == ["invoicing_done"]
    assert _ids(actions.list_actions(con, function="billing", status=["open", "in_progress"]), named) == [
        "billing"
    ]
    assert _ids(actions.list_actions(con, point_kind="function"), named) == ["billing", "logistics_point"]
    assert _ids(actions.list_actions(con, point_key="delivery"), named) == ["delivery_stage"]
    # overdue: open or in progress, due before the day (done ones and the due day itself are not)
    assert _ids(actions.list_actions(con, overdue_on=date(2026, 1, 10)), named) == ["billing"]
    assert _ids(actions.list_actions(con, overdue_on=date(2026, 2, 1)), named) == [
        "billing",
        "delivery_stage",
        "owned_by_logistics",
    ]
    with pytest.raises(ActionError, match="^status: 'late'"):
        actions.list_actions(con, status="late")


def test_unknown_action_and_a_database_without_the_tables(con, tmp_path):
    with pytest.raises(KeyError, match="no action 'A-00000000'"):
        actions.get_action(con, "A-00000000")
    with pytest.raises(KeyError):
        actions.action_history(con, "A-00000000")
    with pytest.raises(KeyError):
        actions.update_action(con, "A-00000000", actor=EDITOR, title="x")
    bare = duckdb.connect(str(tmp_path / "bare.duckdb"))  # not through core.db.connect
    try:
        assert actions.list_actions(bare) == [] and actions.reviews(bare, "all") == []
        assert actions.previous_review(bare, "all", date(2026, 1, 1)) is None
    finally:
        bare.close()


def _snapshot(con) -> dict[str, tuple]:
    return {t: tuple(_rows(con, f"select count(*), coalesce(sum(hash(t)), 0) from {t} t")[0]) for t in TABLES}


def test_a_viewer_is_refused_every_write_and_nothing_changes(con):
    a = actions.add_action(con, actor=EDITOR, **DELIVERY, title="Checklist")
    before = _snapshot(con)
    writes = [
        lambda: actions.add_action(con, actor=VIEWER, **DELIVERY, title="x"),
        lambda: actions.update_action(con, a.action_id, actor=VIEWER, title="x"),
        lambda: actions.close_action(con, a.action_id, actor=VIEWER),
        lambda: actions.record_review(con, actor=VIEWER, function_scope="all", meeting_date=date(2026, 1, 1)),
        lambda: actions.add_action(con, actor=None, **DELIVERY, title="x"),
    ]
    for write in writes:
        with pytest.raises(PermissionDeniedError, match="manage_actions"):
            write()
    assert _snapshot(con) == before


BAD = [
    ({"point_key": "lunch"}, "^point_key: no stage 'lunch' in the journey map; known: account, browse"),
    ({"point_kind": "function", "point_key": "delivery"}, "^point_key: no function 'delivery'"),
    ({"point_kind": "journey"}, "^point_kind: 'journey' is not one of stage, function"),
    ({"owner_function": "it"}, "^owner_function: no function 'it'"),
    ({"status": "closed"}, "^status: 'closed' is not one of open, in_progress, done, dropped"),
    ({"metric": "nss"}, "^metric: 'nss' is not one of nps, csat, ces"),
    ({"title": "   "}, "^title: must not be empty"),
    ({"title": "x" * 201}, r"^title: at most 200 characters \(got 201\)"),
    ({"responsible": "x" * 201}, "^responsible: at most 200"),
    ({"notes": "x" * 4001}, "^notes: at most 4000"),
    ({"due_date": "31.3.2026"}, r"^due_date: '31.3.2026' is not a date \(YYYY-MM-DD\)"),
    ({"effective_from": 20260301}, "^effective_from: 20260301 is not a date"),
    ({"title": 5}, "^title: expected text"),
]


@pytest.mark.parametrize(("change", "message"), BAD, ids=[next(iter(c)) for c, _ in BAD])
def test_bad_input_is_refused_naming_the_field(con, change, message):
    before = _snapshot(con)
    with pytest.raises(ActionError, match=message):
        actions.add_action(con, actor=EDITOR, **{**DELIVERY, "title": "ok", **change})
    assert _snapshot(con) == before
    a = actions.add_action(con, actor=EDITOR, **DELIVERY, title="ok")
    with pytest.raises(ActionError, match=message):
        actions.update_action(con, a.action_id, actor=EDITOR, **change)
    with pytest.raises(ActionError, match="^created_by: not a field that can be changed"):
        actions.update_action(con, a.action_id, actor=EDITOR, created_by="x")


def test_text_is_stored_as_given_not_interpreted(con):
    title = '**bold** <script>alert(1)</script> =HYPERLINK("http://x","y")'
    a = actions.add_action(
        con, actor=EDITOR, **DELIVERY, title=title, notes="line 1\nline 2\t[link](http://x)"
    )
    assert (a.title, a.notes) == (title, "line 1\nline 2\t[link](http://x)")
    assert len(actions.add_action(con, actor=EDITOR, **DELIVERY, title="ä" * 200).title) == 200


def test_ids_are_checked_against_the_stored_journey_map(con):
    text = (
        default_map_path()
        .read_text(encoding="utf-8")
        .replace("  - id: billing\n", "  - id: legal\n    name: {en: Legal, fi: Laki}\n  - id: billing\n", 1)
    )
    old = actions.add_action(
        con, actor=EDITOR, point_kind="function", point_key="sales", owner_function="sales", title="x"
    )
    assert save_version(con, text, ADMIN) is not None
    a = actions.add_action(
        con, actor=EDITOR, point_kind="function", point_key="legal", owner_function="legal", title="x"
    )
    assert actions.default_owner(con, "stage", "delivery") == "logistics"
    assert actions.default_owner(con, "function", "legal") == "legal"
    # a later map without the function: its actions can still be closed, not moved onto it
    save_version(con, text.replace("  - id: legal\n    name: {en: Legal, fi: Laki}\n", ""), ADMIN)
    assert actions.close_action(con, a.action_id, actor=EDITOR).status == "done"
    with pytest.raises(ActionError, match="^owner_function: no function 'legal'"):
        actions.update_action(con, old.action_id, actor=EDITOR, owner_function="legal")


def test_an_unreadable_journey_map_is_a_clear_error(tmp_path, monkeypatch):
    monkeypatch.setenv("CX_JOURNEY_MAP", str(tmp_path / "missing.yaml"))
    con = connect(tmp_path / "new.duckdb")  # no stored map: the seed file, which is missing
    try:
        with pytest.raises(ActionError, match="^the journey map in effect cannot be read"):
            actions.add_action(con, actor=EDITOR, **DELIVERY, title="x")
    finally:
        con.close()


def test_review_meetings_record_list_and_previous(con):
    def review(scope, day, following=None, actor=EDITOR):
        actions.record_review(con, actor=actor, function_scope=scope, meeting_date=day, next_review=following)

    review("logistics", date(2026, 1, 12), date(2026, 2, 9))
    review("logistics", "2026-02-09")
    review("all", date(2026, 2, 1))
    assert _last_audit(con) == ("review_record", "tester", "review_meeting", "all 2026-02-01")
    assert actions.reviews(con, "logistics") == [
        (date(2026, 2, 9), None),
        (date(2026, 1, 12), date(2026, 2, 9)),
    ]
    review("logistics", date(2026, 2, 9), date(2026, 3, 9), ADMIN)  # the same meeting again: replaced
    assert _rows(
        con,
        "select * exclude (recorded_at) from review_meetings where function_scope = 'logistics' order by 2",
    ) == [
        ("logistics", date(2026, 1, 12), date(2026, 2, 9), "tester"),
        ("logistics", date(2026, 2, 9), date(2026, 3, 9), "ada"),
    ]
    assert actions.previous_review(con, "logistics", date(2026, 2, 9)) == date(2026, 1, 12)
    assert actions.previous_review(con, "logistics", date(2026, 2, 10)) == date(2026, 2, 9)
    assert actions.previous_review(con, "logistics", date(2026, 1, 12)) is None
    assert actions.previous_review(con, "billing", date(2026, 6, 1)) is None
    with pytest.raises(
        ActionError, match="^next_review: 2026-02-01 is not after the meeting date 2026-02-01"
    ):
        review("all", date(2026, 2, 1), date(2026, 2, 1))
    with pytest.raises(ActionError, match="^function_scope: no function 'legal'"):
        review("legal", date(2026, 2, 1))
    with pytest.raises(ActionError, match="^meeting_date: "):
        review("all", None)


def test_the_tables_are_created_for_new_and_existing_databases(tmp_path):
    old = tmp_path / "old.duckdb"
    duckdb.connect(str(old)).execute("create table raw_customers (customer_id varchar)").close()
    for path in (tmp_path / "new.duckdb", old, old):  # the second open of an existing file changes nothing
        con = connect(path)
        try:
            keys = _rows(
                con,
                "select table_name, constraint_column_names from duckdb_constraints() "
                "where constraint_type = 'PRIMARY KEY' "
                "and table_name in ('actions', 'action_changes', 'review_meetings') order by 1",
            )
            assert keys == [
                ("action_changes", ["action_id", "seq"]),
                ("actions", ["action_id"]),
                ("review_meetings", ["function_scope", "meeting_date"]),
            ]
        finally:
            con.close()
