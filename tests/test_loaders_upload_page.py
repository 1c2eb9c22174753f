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
