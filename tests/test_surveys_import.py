"""Survey import: mapping, row report, all-or-nothing, idempotency, upsert, rollback, PII, profiles."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import duckdb
import pytest

from core.batch_rollback import rollback_batch
from core.batches import list_batches
from core.db import connect
from core.metrics import ScaleMismatchError
from core.pii import scrub
from surveys.importer import import_file, preview_file
from surveys.mapping import save_profile
from tests.actors import EDITOR

FIX = Path(__file__).parent / "fixtures" / "surveys"


@pytest.fixture()
def con(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    c = connect(tmp_path / "cx.duckdb")
    yield c
    c.close()


def _count(con: duckdb.DuckDBPyConnection, where: str = "true") -> int:
    return con.execute(f"select count(*) from raw_survey_responses where {where}").fetchall()[0][0]


def _write(path: Path, rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh, delimiter=delimiter).writerows(rows)
    return path


HEAD = ["Response ID", "Customer ID", "Date", "How likely are you to recommend us?", "Comment"]


@pytest.mark.parametrize(
    "name, sheet, expected",
    [
        ("qualtrics.csv", None, {"nps": 3, "csat": 3, "ces": 3}),
        ("surveymonkey.xlsx", None, {"nps": 3, "csat": 3}),
        ("google_forms.csv", None, {"nps": 3}),
        ("typeform.csv", None, {"ces": 3}),
        ("finnish_cp1252.csv", None, {"nps": 3, "csat": 3}),
        ("utf16.csv", None, {"nps": 2}),
        ("handmade.xlsx", "Vastaukset", {"nps": 3, "csat": 3}),
    ],
)
def test_every_format_imports(con, name, sheet, expected) -> None:
    result = import_file(con, FIX / name, sheet=sheet, actor=EDITOR)
    assert result.status == "imported", result.report_csv()
    got = dict(con.execute("select metric, count(*) from raw_survey_responses group by 1").fetchall())
    assert got == expected
    bad = con.execute(
        "select count(*) from raw_survey_responses where score < scale_min or score > scale_max"
    ).fetchall()[0][0]
    assert bad == 0


def test_mapping_proposals() -> None:
    q = preview_file(FIX / "qualtrics.csv").mapping
    assert q.response_id == "ResponseId: Response ID" and q.responded_at.startswith("RecordedDate")
    assert sorted(q.scores.values()) == ["ces", "csat", "nps"]
    assert q.comment == "Q4: Why did you give that score?"
    fi = preview_file(FIX / "finnish_cp1252.csv").mapping
    assert fi.scores == {"Suosittelisitko meitä ystävällesi?": "nps", "Tyytyväisyys palveluun": "csat"}
    assert (fi.response_id, fi.customer_id, fi.channel) == ("Vastaustunnus", "Asiakasnumero", "Kanava")
    assert fi.segments == ["Alue"]
    tf = preview_file(FIX / "typeform.csv").mapping
    assert tf.response_id == "#" and tf.scores == {"How easy was it to get your issue solved?": "ces"}


def test_finnish_values_and_wide_row_split(con) -> None:
    # 15.3.2024 14.05 in the company zone (Europe/Helsinki, UTC+2 in March) is stored as 12:05 UTC
    import_file(con, FIX / "finnish_cp1252.csv", actor=EDITOR)
    rows = con.execute(
        "select response_id, metric, score, responded_at::varchar, comment, segment "
        "from raw_survey_responses where response_id like 'F2-%' order by 1"
    ).fetchall()
    assert rows == [
        (
            "F2-csat",
            "csat",
            4.0,
            "2024-03-15 12:05:00",
            "Henkilötunnukseni [hetu] näkyi kuitissa",
            "Pohjois-Pohjanmaa",
        ),
        (
            "F2-nps",
            "nps",
            7.0,
            "2024-03-15 12:05:00",
            "Henkilötunnukseni [hetu] näkyi kuitissa",
            "Pohjois-Pohjanmaa",
        ),
    ]


def test_row_report_and_all_or_nothing(con, tmp_path) -> None:
    path = _write(
        tmp_path / "one_bad.csv",
        [
            HEAD,
            ["A1", "C1", "2024-01-01", "9", ""],
            ["A2", "C2", "2024-01-02", "11", ""],
            ["A3", "", "not a date", "8", ""],
            ["A1", "C4", "2024-01-04", "7", ""],
            ["", "C5", "2024-01-05", "7", ""],
        ],
    )
    result = import_file(con, path, actor=EDITOR)
    assert result.status == "rejected"
    assert _count(con) == 0 and list_batches(con, "surveys") == []
    report = result.report_csv().splitlines()
    assert report[0] == "row,column,value,reason"
    reasons = {(p.row, p.reason.split(" (")[0]) for p in result.problems}
    assert reasons == {
        (3, "outside the NPS scale 0-10"),
        (4, "missing customer id"),
        (4, "unparseable date"),
        (5, "duplicate response id"),
        (6, "missing response id"),
    }
    partial = import_file(con, path, valid_rows_only=True, actor=EDITOR)
    assert partial.status == "imported" and partial.responses_written == 1
    assert _count(con) == 1


def test_scale_mismatch_is_an_error_not_rescaled(con, tmp_path) -> None:
    path = _write(
        tmp_path / "csat10.csv",
        [
            ["Response ID", "Date", "How satisfied were you?"],
            ["S1", "2024-01-01", "9"],
            ["S2", "2024-01-01", "4"],
        ],
    )
    result = import_file(con, path, actor=EDITOR)
    assert result.status == "rejected" and result.problems[0].reason.startswith("outside the CSAT scale 1-5")
    hinted = _write(
        tmp_path / "hint.csv", [["Response ID", "Date", "Satisfaction (1-10)"], ["S1", "2024-01-01", "4"]]
    )
    with pytest.raises(ScaleMismatchError, match="Satisfaction"):
        import_file(con, hinted, actor=EDITOR)
    assert _count(con) == 0


def test_idempotent_reimport_and_overlap_upsert(con, tmp_path) -> None:
    first = _write(
        tmp_path / "jan.csv", [HEAD, ["A1", "C1", "2024-01-01", "9", ""], ["A2", "C2", "2024-01-02", "3", ""]]
    )
    assert import_file(con, first, actor=EDITOR).status == "imported"
    again = import_file(con, first, actor=EDITOR)
    assert again.status == "already_imported" and _count(con) == 2
    copy = tmp_path / "jan_copy.csv"
    shutil.copy(first, copy)
    assert import_file(con, copy, actor=EDITOR).status == "already_imported"
    overlap = _write(
        tmp_path / "jan_feb.csv",
        [HEAD, ["A2", "C2", "2024-01-02", "4", ""], ["A3", "C3", "2024-02-01", "10", ""]],
    )
    result = import_file(con, overlap, actor=EDITOR)
    assert result.status == "imported" and _count(con) == 3
    assert con.execute("select score from raw_survey_responses where response_id = 'A2'").fetchall() == [
        (4.0,)
    ]
    assert len(list_batches(con, "surveys")) == 2


def test_rollback(con) -> None:
    a = import_file(con, FIX / "google_forms.csv", actor=EDITOR)
    b = import_file(con, FIX / "typeform.csv", actor=EDITOR)
    assert _count(con) == 6
    assert rollback_batch(con, a.batch_id, actor=EDITOR) == 3
    assert _count(con) == 3 and _count(con, f"batch_id = '{b.batch_id}'") == 3
    status = {x["batch_id"]: x["status"] for x in list_batches(con, "surveys")}
    assert status == {a.batch_id: "rolled_back", b.batch_id: "active"}
    assert rollback_batch(con, a.batch_id, actor=EDITOR) == 0
    assert import_file(con, FIX / "google_forms.csv", actor=EDITOR).status == "imported"  # may come back
    with pytest.raises(KeyError):
        rollback_batch(con, "nope", actor=EDITOR)


def test_google_forms_without_ids_never_double_counts(con, tmp_path) -> None:
    import_file(con, FIX / "google_forms.csv", actor=EDITOR)
    extended = tmp_path / "gf_later.csv"
    extended.write_text(
        (FIX / "google_forms.csv").read_text(encoding="utf-8") + "3/16/2024 10:00:00,d@example.com,C303,7,\n",
        encoding="utf-8",
    )
    assert import_file(con, extended, actor=EDITOR).status == "imported"
    assert _count(con) == 4


def test_batch_row_records_who_and_file(con) -> None:
    result = import_file(con, FIX / "qualtrics.csv", actor=EDITOR)  # imported_by = the actor
    batch = list_batches(con, "surveys")[0]
    assert batch["batch_id"] == result.batch_id and batch["row_count"] == 9
    assert (batch["source_file"], batch["imported_by"], batch["status"]) == (
        "qualtrics.csv",
        "tester",
        "active",
    )
    assert len(batch["file_hash"]) == 64


def test_saved_profile_reused_for_same_shape(con, tmp_path) -> None:
    path = _write(tmp_path / "shape.csv", [["Id", "When", "K3", "Huom"], ["X1", "2024-01-01", "3", ""]])
    preview = preview_file(path, con)
    assert preview.mapping.scores == {} and preview.profile is None
    preview.mapping.response_id, preview.mapping.responded_at = "Id", "When"
    preview.mapping.scores = {"K3": "ces"}
    save_profile(con, "kauppa", preview.signature, preview.mapping)
    later = _write(tmp_path / "shape2.csv", [["Id", "When", "K3", "Huom"], ["X2", "2024-02-01", "6", ""]])
    again = preview_file(later, con)
    assert again.profile == "kauppa" and again.mapping.scores == {"K3": "ces"}
    assert import_file(con, later, actor=EDITOR).status == "imported"
    assert import_file(con, path, profile="kauppa", actor=EDITOR).status == "imported"
    assert _count(con) == 2


@pytest.mark.parametrize(
    "text, expected",
    [
        ("mail anna.k+x@firma.fi now", "mail [email] now"),
        ("soita 040-123 4567 tai 0401234567", "soita [phone] tai [phone]"),
        ("+358 40 765 4321 / +44 20 7946 0958", "[phone] / [phone]"),
        ("hetu 131052-308T ja 010101A123N", "hetu [hetu] ja [hetu]"),
        ("bad check 131052-308U stays", "bad check 131052-308U stays"),
        ("FI21 1234 5600 0007 85 ja DE89370400440532013000", "[iban] ja [iban]"),
        ("tilaus 12345 saapui 5.3.2024 klo 14.05", "tilaus 12345 saapui 5.3.2024 klo 14.05"),
    ],
)
def test_pii_scrub(text: str, expected: str) -> None:
    assert scrub(text) == expected


def test_score_texts_are_judged_alike_on_every_row_and_blank_names_are_not_mapped(tmp_path) -> None:
    """The validation remembers a column's valid score texts: a text seen valid stays valid with the
    same value, an invalid one is reported on every row it stands on, a blank is not answered. A
    mapped column name left blank counts as not mapped (as check_mapping reads it)."""
    from dataclasses import replace

    from surveys.validate import validate

    path = _write(
        tmp_path / "repeats.csv",
        [
            HEAD,
            ["A1", "C1", "2024-01-01", "9", ""],
            ["A2", "C2", "2024-01-02", "11", ""],
            ["A3", "C3", "2024-01-03", "9", ""],
            ["A4", "C4", "2024-01-04", "11", ""],
            ["A5", "C5", "2024-01-05", " 9", ""],
            ["A6", "C6", "2024-01-06", "", "no score given"],
        ],
    )
    preview = preview_file(path)
    mapping = replace(preview.mapping, journey_id="", channel="", segments=[""])
    checked = validate(preview.table, mapping)
    assert sorted(p.row for p in checked.problems) == [3, 5]
    assert {p.value for p in checked.problems} == {"11"}
    assert checked.responses.scores_by_metric() == {"nps": [9.0, 9.0, 9.0]}
    assert [r[0] for r in checked.records] == ["A1", "A3", "A5"]  # A6: no score, nothing to count
