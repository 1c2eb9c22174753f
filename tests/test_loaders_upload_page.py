"""The Upload page's systems tab on its own (AppTest of render_systems_upload on a small database):
a time-zone field that defaults to the company's zone and says so, and compressed exports."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from core.db import connect

EVENTS = (
    "event_id,customer_id,journey_id,activity,occurred_at\n"
    "E-1,C1,J1,order_placed,2026-07-01 09:00:00\n"
    "E-2,C1,J1,payment_authorised,2026-07-01 09:00:00\n"
)


def _systems_tab() -> None:
    from dashboard.upload.systems import render_systems_upload

    render_systems_upload()


@pytest.fixture()
def db(tmp_path: Path, monkeypatch) -> Path:
    path = tmp_path / "cx.duckdb"
    connect(path).close()
    monkeypatch.setenv("CX_DB", str(path))
    monkeypatch.setattr("dashboard.upload.files.UPLOAD_DIR", tmp_path / "uploads")
    return path


def _open() -> AppTest:
    from dashboard.auth import ACTOR_KEY
    from tests.actors import EDITOR

    at = AppTest.from_function(_systems_tab, default_timeout=120)
    at.session_state[ACTOR_KEY] = EDITOR  # app.py's sign-in gate is not part of this tab
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def _release() -> None:
    import streamlit as st

    st.cache_resource.clear()


def _zone_box(at: AppTest):
    return next(s for s in at.selectbox if s.label == "Time zone of the file's times")


def test_zone_field_defaults_to_the_company_zone_and_a_gz_export_loads(db: Path) -> None:
    at = _open()
    box = _zone_box(at)
    assert box.value == "Europe/Helsinki"
    assert any("the company's time zone" in c.value for c in at.caption)
    at.radio(key="upl_sys_kind").set_value("events").run()
    box = _zone_box(at)
    box.set_value("America/Sao_Paulo").run()
    at.file_uploader(key="upl_sys_file_0").set_value(
        ("orders.csv.gz", gzip.compress(EVENTS.encode()), "application/gzip")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Unpacked from the compressed file (gzip)" in c.value for c in at.caption)
    next(b for b in at.button if b.label == "Load").click().run()
    assert not at.exception, [e.value for e in at.exception]
    _release()
    con = connect(db, read_only=True)
    try:
        assert con.execute(
            "select event_id, occurred_at::varchar, source_row from raw_journey_events order by source_row"
        ).fetchall() == [("E-1", "2026-07-01 12:00:00", 1), ("E-2", "2026-07-01 12:00:00", 2)]
        assert con.execute("select source_file from import_batches").fetchall() == [("orders.csv.gz",)]
    finally:
        con.close()


def test_a_mapping_with_a_zone_sets_the_default(db: Path) -> None:
    at = _open()
    mapping = next(s for s in at.selectbox if s.key and s.key.startswith("upl_sys_mapping_contacts"))
    mapping.set_value(next(o for o in mapping.options if o.startswith("telephony_utc"))).run()
    assert not at.exception, [e.value for e in at.exception]
    assert _zone_box(at).value == "UTC"
    assert any(
        "from the mapping file (the company's time zone is Europe/Helsinki)" in c.value for c in at.caption
    )
    _release()


# --- the import history (issue 14): metrics, rows, the data's time span, the full batch id ------


def history_table(at: AppTest):
    """The import history as a DataFrame, read from its static HTML table (st.html)."""
    from html.parser import HTMLParser

    import pandas as pd

    body = next(h.proto.body for h in at.get("html") if "cx-upl-history" in h.proto.body)

    class Cells(HTMLParser):
        def __init__(self) -> None:
            super().__init__()
            self.rows: list[list[str]] = []
            self.cell: list[str] | None = None

        def handle_starttag(self, tag, attrs) -> None:
            if tag == "tr":
                self.rows.append([])
            elif tag in ("td", "th"):
                self.cell = []

        def handle_endtag(self, tag) -> None:
            if tag in ("td", "th") and self.cell is not None:
                self.rows[-1].append("".join(self.cell))
                self.cell = None

        def handle_data(self, data) -> None:
            if self.cell is not None:
                self.cell.append(data)

    parser = Cells()
    parser.feed(body.split("</style>", 1)[-1])
    return pd.DataFrame(parser.rows[1:], columns=parser.rows[0])


SURVEY_BATCH = "surveys-20260301-120000-0123456789abcdef"
CONTACT_BATCH = "contacts-20260302-080000-fedcba9876543210"
GONE_BATCH = "events-20260303-090000-00000000deadbeef"


def _history_tab() -> None:
    from dashboard.upload.history import render_history

    render_history()


def _given_batches(path: Path) -> None:
    con = connect(path)
    try:
        con.executemany(
            "insert into import_batches (batch_id, kind, source_file, imported_by, imported_at, "
            "row_count, status) values (?, ?, ?, 'anna', ?, ?, ?)",
            [
                [SURVEY_BATCH, "surveys", "palaute.csv", "2026-03-01 12:00", 2, "active"],
                [CONTACT_BATCH, "contacts", "tiketit.csv", "2026-03-02 08:00", 1, "active"],
                [GONE_BATCH, "events", "orders.csv", "2026-03-03 09:00", 5, "rolled_back"],
            ],
        )
        con.executemany(
            "insert into raw_survey_responses (response_id, batch_id, survey, metric, score, "
            "scale_min, scale_max, responded_at) values (?, ?, 's', ?, ?, ?, ?, ?)",
            [
                ["R1", SURVEY_BATCH, "nps", 9, 0, 10, "2026-01-03 10:00"],
                ["R2", SURVEY_BATCH, "csat", 4, 1, 5, "2026-02-28 18:00"],
            ],
        )
        con.execute(
            "insert into raw_contacts (contact_id, batch_id, customer_id, opened_at, channel) "
            "values ('K1', ?, 'C1', '2026-02-14 09:30', 'phone')",
            [CONTACT_BATCH],
        )
    finally:
        con.close()


def test_history_shows_metrics_rows_time_span_and_the_full_batch_id(db: Path) -> None:
    from dashboard.auth import ACTOR_KEY
    from tests.actors import EDITOR

    _given_batches(db)
    at = AppTest.from_function(_history_tab, default_timeout=120)
    at.session_state[ACTOR_KEY] = EDITOR
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    history = history_table(at)
    assert list(history.columns) == [
        "Data",
        "File",
        "Metrics",
        "Rows",
        "Data from–to",
        "Imported",
        "By",
        "Status",
        "Batch id",
    ]
    rows = {r["Batch id"]: r for r in history.to_dict("records")}
    assert set(rows) == {SURVEY_BATCH, CONTACT_BATCH, GONE_BATCH}  # the ids in full
    survey, contact, gone = rows[SURVEY_BATCH], rows[CONTACT_BATCH], rows[GONE_BATCH]
    assert survey["Metrics"] == "NPS, CSAT"  # in the metrics' own order
    assert survey["Rows"] == "2" and survey["Data from–to"] == "3 Jan 2026 – 28 Feb 2026"
    assert contact["Metrics"] == "" and contact["Data from–to"] == "14 Feb 2026"
    assert gone["Status"] == "Rolled back" and gone["Data from–to"] == "" and gone["Rows"] == "5"
    # a rolled-back batch is in the picker, marked, and cannot be rolled back again; one whose rows
    # were not kept (rolled back before restoring existed) says so and cannot be restored
    picker = at.selectbox(key="upl_rollback_batch")
    assert picker.value == CONTACT_BATCH  # the newest active batch
    picker.set_value(GONE_BATCH).run()
    assert not [b for b in at.button if b.label == "Roll back"]
    assert next(b for b in at.button if b.label == "Restore").disabled
    assert any("its rows were not kept" in w.value for w in at.warning)
    _release()
