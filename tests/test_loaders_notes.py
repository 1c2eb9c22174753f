"""Contact notes through the systems loader: the note column is found by the names help desks
export it under (a description before a subject line), stored with personal data scrubbed, and the
refresh lemmatises and tags it."""

from __future__ import annotations

import csv
from pathlib import Path

import duckdb
import pytest

from core.db import connect
from pipelines.loaders import load_file
from pipelines.runner import refresh
from tests.actors import EDITOR

HEAD = ["contact_id", "customer_id", "opened_at", "channel", "reason"]


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    yield c
    c.close()


def _write(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        writer = csv.writer(fh)
        writer.writerow(header)
        writer.writerows(rows)
    return path


def _notes(con) -> dict[str, str | None]:
    return dict(con.execute("select contact_id, note from raw_contacts").fetchall())


def test_a_description_is_the_note_and_personal_data_is_scrubbed(con, tmp_path) -> None:
    path = _write(
        tmp_path / "freshdesk.csv",
        [*HEAD, "Subject", "Description"],
        [
            ["T1", "C1", "2026-03-02 09:00", "email", "invoice_error", "Invoice", "Laskussa väärä summa."],
            [
                "T2",
                "C1",
                "2026-03-04 09:00",
                "phone",
                "other",
                "Call back",
                "Soita numeroon 040 123 4567 tai maili matti.meikalainen@example.com, lasku yhä väärin",
            ],
            ["T3", "C2", "2026-03-04 10:00", "chat", "other", "Hi", ""],
        ],
    )
    result = load_file(con, "contacts", path, None, actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert _notes(con) == {
        "T1": "Laskussa väärä summa.",
        "T2": "Soita numeroon [phone] tai maili [email], lasku yhä väärin",
        "T3": None,
    }
    refresh(con)
    themed = con.execute("select source_id, theme from int_note_themes order by 1").fetchall()
    assert themed == [("T1", "invoice_problem"), ("T2", "invoice_problem")]
    # T2 is logged under "other": only its note ties it to T1, two days earlier
    assert con.execute(
        "select contact_id, topic_kind, topic, previous_contact_id, gap_day from int_repeated_questions"
    ).fetchall() == [("T2", "theme", "invoice_problem", "T1", 2)]


def test_a_subject_line_is_the_note_when_there_is_no_description(con, tmp_path) -> None:
    path = _write(
        tmp_path / "zendesk.csv",
        [*HEAD, "Subject"],
        [["Z1", "C1", "2026-03-02 09:00", "email", "where_is_my_order", "Where is my parcel, it is late"]],
    )
    result = load_file(con, "contacts", path, None, actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    assert _notes(con) == {"Z1": "Where is my parcel, it is late"}


def test_a_database_from_before_notes_gains_the_column(tmp_path) -> None:
    path = tmp_path / "old.duckdb"
    old = duckdb.connect(str(path))
    schema = Path(__file__).resolve().parent.parent / "core" / "schema" / "raw_contacts.sql"
    before_notes = schema.read_text(encoding="utf-8").split(",\n    note")[0] + "\n);"
    old.execute(before_notes)
    assert "note" not in [r[0] for r in old.execute("describe raw_contacts").fetchall()]
    old.close()
    con = connect(path)
    try:
        columns = [r[0] for r in con.execute("describe raw_contacts").fetchall()]
    finally:
        con.close()
    assert columns[-1] == "note"
