"""The Upload page through AppTest with real files: detect, map, preview, import, refresh, roll back."""

from __future__ import annotations

from datetime import datetime, timedelta

from streamlit.testing.v1 import AppTest

from core.db import connect
from tests import app_pages
from tests.app_pages import new_app
from tests.conftest import ROOT
from tests.test_dashboard_overview import tile_sizes
from tests.test_loaders_upload_page import history_table

FIXTURES = ROOT / "tests" / "fixtures" / "surveys"
TIMEOUT = 180


def query(path, sql: str, params: list | None = None) -> list[tuple]:
    con = connect(path)
    try:
        return con.execute(sql, params or []).fetchall()
    finally:
        con.close()


def open_upload() -> AppTest:
    return app_pages.open_page("upload", timeout=TIMEOUT)


def open_overview() -> AppTest:
    at = new_app(TIMEOUT)
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def release(at: AppTest | None) -> None:
    """Let go of the page's database connection so the test can open the file."""
    import streamlit as st

    st.cache_resource.clear()  # closes the shared connection and every session's cursor


def button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def metric_value(at: AppTest, label: str) -> str:
    return next(m.value for m in at.metric if m.label == label)


def counts(at: AppTest) -> list[str]:
    """Rows read, valid responses, rows with problems."""
    return [metric_value(at, label) for label in ("Rows read", "Valid responses", "Rows with problems")]


def recent_csv(customers: list[str], when: datetime, bad_row: bool = False) -> bytes:
    """A Finnish hand-made export (';' and decimal comma dates d.m.yyyy) for demo customers."""
    lines = [
        "Vastaustunnus;Asiakasnumero;Vastattu;Kuinka todennäköisesti suosittelisit meitä? (0-10);Kommentti"
    ]
    for i, customer in enumerate(customers):
        stamp = (when + timedelta(minutes=i)).strftime("%-d.%-m.%Y %H:%M")
        score = 11 if bad_row and i == 0 else (10 if i % 2 else 3)
        lines.append(f"upl-{i};{customer};{stamp};{score};Hyvä palvelu, soita 040 765 4321")
    return ("\n".join(lines) + "\n").encode("utf-8")


def test_page_renders_tabs_and_history(writable_db):
    at = open_upload()
    assert [t.label for t in at.tabs] == ["Surveys", "Systems data", "Import history"]
    assert len(at.file_uploader) >= 1
    history = history_table(at)
    assert "Demo data" in set(history["Data"])  # the demo generation is a batch too


def test_import_a_real_file_refreshes_and_can_be_rolled_back(writable_db):
    customers = [
        r[0] for r in query(writable_db, "select customer_id from raw_customers order by 1 limit 40")
    ]
    last = query(writable_db, "select max(responded_at) from raw_survey_responses")[0][0]
    n_before = query(writable_db, "select sum(n) from mart_scores where metric = 'nps'")[0][0]
    content = recent_csv(customers, last - timedelta(days=1))
    overview_before = tile_sizes(open_overview())
    release(None)

    at = open_upload()
    at.file_uploader(key="upl_survey_file_0").set_value(("palaute.csv", content, "text/csv")).run()
    assert not at.exception, [e.value for e in at.exception]
    page = "\n".join(m.value for m in at.markdown)
    assert "plain table (no survey tool recognised)" in page and "spreadsheet" not in page
    assert "40 data rows" in page and "delimiter “;”" in page
    roles = {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("upl_role_")}
    assert roles["Vastaustunnus"] == "response_id"
    assert roles["Asiakasnumero"] == "customer_id"
    assert roles["Vastattu"] == "responded_at"
    assert roles["Kuinka todennäköisesti suosittelisit meitä? (0-10)"] == "score_nps"
    assert roles["Kommentti"] == "comment"
    assert counts(at) == ["40", "40", "0"]
    assert metric_value(at, "NPS") == "0.0"  # 20 promoters, 20 detractors
    assert (
        query(writable_db, "select count(*) from raw_survey_responses where response_id like 'upl-%'")[0][0]
        == 0
    )

    button(at, "3. Import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Imported 40 responses" in s.value for s in at.success)
    release(at)
    rows = query(writable_db, "select comment from raw_survey_responses where response_id like 'upl-%'")
    assert len(rows) == 40
    assert all("040 765 4321" not in r[0] for r in rows)  # phone number scrubbed
    assert query(writable_db, "select sum(n) from mart_scores where metric = 'nps'")[0][0] == n_before + 40
    overview_after = tile_sizes(open_overview())  # the new responses show on the Overview
    assert overview_after[0] == overview_before[0] + 40 and overview_after[1:] == overview_before[1:]
    release(None)

    # history lists the batch; roll it back from the page
    at = open_upload()
    history = history_table(at)
    assert "palaute.csv" in set(history["File"])
    batch = query(writable_db, "select batch_id from import_batches where source_file = 'palaute.csv'")[0][0]
    picker = next(s for s in at.selectbox if s.label == "Batch to roll back or restore")
    picker.set_value(batch)
    button(at, "Roll back").click().run()
    assert any("Tick the confirmation" in w.value for w in at.warning)  # not without confirming
    release(at)
    assert (
        query(writable_db, "select count(*) from raw_survey_responses where response_id like 'upl-%'")[0][0]
        == 40
    )
    at = open_upload()
    next(s for s in at.selectbox if s.label == "Batch to roll back or restore").set_value(batch)
    next(c for c in at.checkbox if c.label.startswith("Yes, remove")).check()
    button(at, "Roll back").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Rolled back batch" in s.value for s in at.success)
    release(at)
    assert (
        query(writable_db, "select count(*) from raw_survey_responses where response_id like 'upl-%'")[0][0]
        == 0
    )
    assert query(writable_db, "select sum(n) from mart_scores where metric = 'nps'")[0][0] == n_before
    # and restored from the page: the responses and the scores are back
    at = open_upload()
    at.selectbox(key="upl_rollback_batch").set_value(batch).run()
    at.checkbox(key="upl_restore_sure").check()
    button(at, "Restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    release(at)
    assert (
        query(writable_db, "select count(*) from raw_survey_responses where response_id like 'upl-%'")[0][0]
        == 40
    )
    assert query(writable_db, "select sum(n) from mart_scores where metric = 'nps'")[0][0] == n_before + 40


def test_a_bad_row_blocks_the_import_until_valid_rows_only(writable_db):
    customers = [r[0] for r in query(writable_db, "select customer_id from raw_customers order by 1 limit 5")]
    content = recent_csv(customers, datetime(2026, 1, 10, 12), bad_row=True)
    at = open_upload()
    at.file_uploader(key="upl_survey_file_0").set_value(("bad.csv", content, "text/csv")).run()
    assert counts(at) == ["5", "4", "1"]
    problems = app_pages.frame(at, "Reason")
    assert problems.iloc[0]["Row"] == "2" and "outside the NPS scale" in problems.iloc[0]["Reason"]
    assert problems.iloc[0]["Value"] == "11"
    assert button(at, "3. Import").disabled
    assert [b.label for b in at.get("download_button")] == [
        "Download this mapping (YAML)",
        "Download the row report (CSV)",
    ]
    next(c for c in at.checkbox if c.label.startswith("Import only the")).check().run()
    assert not button(at, "3. Import").disabled
    button(at, "3. Import").click().run()
    assert any("Imported 4 responses" in s.value for s in at.success)
    release(at)
    assert (
        query(writable_db, "select count(*) from raw_survey_responses where response_id like 'upl-%'")[0][0]
        == 4
    )


def test_mapping_can_be_corrected_and_a_scale_mismatch_is_refused(writable_db):
    content = (FIXTURES / "google_forms.csv").read_bytes()
    at = open_upload()
    at.file_uploader(key="upl_survey_file_0").set_value(("google_forms.csv", content, "text/csv")).run()
    assert "Google Forms" in "\n".join(m.value for m in at.markdown)
    score = next(s for s in at.selectbox if s.label.startswith("How likely are you to recommend"))
    assert score.value == "score_nps"
    score.set_value("score_csat").run()  # wrong metric for a 0-10 column
    assert any("Scale does not match" in e.value for e in at.error)
    assert button_absent(at, "3. Import")
    # a role chosen twice is explained, nothing imported
    at.selectbox(key=next(s.key for s in at.selectbox if s.label.startswith("How likely"))).set_value(
        "score_nps"
    )
    next(s for s in at.selectbox if s.label == "Email Address").set_value("customer_id").run()
    assert any("chosen for two columns" in w.value for w in at.warning)
    release(at)
    assert (
        query(writable_db, "select count(*) from import_batches where source_file = 'google_forms.csv'")[0][0]
        == 0
    )


def button_absent(at: AppTest, label: str) -> bool:
    return all(b.label != label for b in at.button)


def test_a_binary_file_is_rejected_with_a_clear_message(writable_db):
    at = open_upload()
    at.file_uploader(key="upl_survey_file_0").set_value(
        ("export.csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20, "text/csv")
    ).run()
    assert any("rejected" in e.value and "binary" in e.value for e in at.error)


def test_finnish_page(writable_db):
    at = new_app(TIMEOUT)
    at.query_params["lang"] = "fi"
    app_pages.goto(at, "upload").run()
    assert not at.exception
    assert [t.label for t in at.tabs] == [
        "Kyselyt",
        "Järjestelmätiedot",
        "Tuontihistoria",
    ]


SYSTEMS = ROOT / "tests" / "fixtures" / "systems"


def test_systems_data_loads_with_a_saved_mapping_and_rolls_back(writable_db):
    before = query(writable_db, "select count(*) from raw_contacts")[0][0]
    at = open_upload()
    at.radio(key="upl_sys_kind").set_value("contacts").run()
    mapping = next(s for s in at.selectbox if s.key and s.key.startswith("upl_sys_mapping_contacts"))
    mapping.set_value(next(o for o in mapping.options if o.startswith("ticketing_fi"))).run()
    at.file_uploader(key="upl_sys_file_0").set_value(
        ("tiketit.csv", (SYSTEMS / "ticketing_fi.csv").read_bytes(), "text/csv")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    columns = {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("upl_sys_col_")}
    assert columns["Contact id *"] == "Tiketin ID" and columns["Contact reason"] == "Aihe"
    # the preview names the fields as the page does and shows no "None" (issue 14)
    preview = app_pages.frame(at, "Contact id")
    assert not {"contact_id", "opened_at", "reason"} & set(preview.columns)
    assert not (preview == "None").any().any() and not (preview == "nan").any().any()
    assert set(preview["Resolved"]) <= {"yes", "no", ""}
    rows = int(next(m.value for m in at.metric if m.label == "Rows read").replace(",", ""))
    assert rows > 0
    button(at, "Load").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Loaded {rows:,} rows of Contacts" in s.value for s in at.success)
    release(at)
    assert query(writable_db, "select count(*) from raw_contacts")[0][0] == before + rows
    batch = query(writable_db, "select batch_id from import_batches where kind = 'contacts'")[0][0]
    # the contacts are in the marts: the refresh ran
    assert (
        query(
            writable_db,
            "select count(*) from mart_contact_list where contact_id in "
            "(select contact_id from raw_contacts where batch_id = ?)",
            [batch],
        )[0][0]
        == rows
    )

    at = open_upload()
    next(s for s in at.selectbox if s.label == "Batch to roll back or restore").set_value(batch)
    next(c for c in at.checkbox if c.label.startswith("Yes, remove")).check()
    button(at, "Roll back").click().run()
    assert not at.exception, [e.value for e in at.exception]
    release(at)
    assert query(writable_db, "select count(*) from raw_contacts")[0][0] == before


def test_a_broken_systems_file_shows_the_row_report_and_loads_nothing(writable_db):
    at = open_upload()
    at.radio(key="upl_sys_kind").set_value("events").run()
    at.file_uploader(key="upl_sys_file_0").set_value(
        ("events.csv", (SYSTEMS / "events_broken.csv").read_bytes(), "text/csv")
    ).run()
    assert not at.exception, [e.value for e in at.exception]
    problems = app_pages.frame(at, "Reason")
    assert len(problems) >= 1 and problems["Row"].astype(int).min() >= 2
    assert button(at, "Load").disabled
    release(at)
    assert query(writable_db, "select count(*) from import_batches where kind = 'events'")[0][0] == 0


# --- survey exports as tools write them (fixtures built by the tests) ---------------------------

from dashboard.mapping_roles import plain  # noqa: E402
from tests.fixtures.surveys.exports import (  # noqa: E402
    NPS_TEXT,
    gzip_file,
    nps_scores,
    qualtrics_rows,
    review_rows,
    surveymonkey_rows,
    us_date,
    write_csv,
)


def upload(at: AppTest, name: str, content: bytes, mime: str = "text/csv") -> AppTest:
    at.file_uploader(key="upl_survey_file_0").set_value((name, content, mime)).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def roles_on(at: AppTest) -> dict[str, str]:
    return {s.label: s.value for s in at.selectbox if s.key and s.key.startswith("upl_role_")}


def captions(at: AppTest) -> str:
    return "\n".join(c.value for c in at.caption)


def test_qualtrics_nps_group_is_not_a_score_and_the_score_shows_before_import(writable_db, tmp_path):
    path = write_csv(tmp_path / "nps.csv", qualtrics_rows(nps_scores(80, 70, 90)))
    at = upload(open_upload(), "nps.csv", path.read_bytes())
    roles = roles_on(at)
    assert roles[plain(f"Q1: {NPS_TEXT}")] == "score_nps"
    assert roles[plain(f"Q1_NPS_GROUP: {NPS_TEXT}")] == "ignore"
    assert roles["nps"] == "ignore"  # embedded data copying Q1
    assert any(e.label == "2 numeric column(s) are deliberately not scores" for e in at.expander)
    assert metric_value(at, "NPS") == "\u22124.2"
    assert "from 240 responses, one per row" in captions(at)
    assert any("3 preview, test or spam responses are skipped" in i.value for i in at.info)
    assert "as the file states" in captions(at) and "Europe/Helsinki" in captions(at)
    assert counts(at) == ["243", "480", "0"] and metric_value(at, "Test rows skipped") == "3"


def test_surveymonkey_csv_gz_with_us_dates(writable_db, tmp_path):
    dates = [us_date(datetime(2026, 2, 1, 8, 2) + timedelta(hours=5 * i)) for i in range(30)]
    packed = gzip_file(write_csv(tmp_path / "monkey.csv", surveymonkey_rows(dates)))
    at = upload(open_upload(), "monkey.csv.gz", packed.read_bytes(), "application/gzip")
    assert "SurveyMonkey" in "\n".join(m.value for m in at.markdown)
    assert "Unpacked from monkey.csv.gz (gzip)" in captions(at)
    assert "no value decides, so the order SurveyMonkey writes is assumed" in captions(at)
    assert roles_on(at)["Custom Data 1"] == "customer_id"
    assert counts(at) == ["30", "60", "0"]
    date_format = next(s for s in at.selectbox if s.label == "Dates are read as")
    date_format.set_value("dmy").run()
    assert "Dates are read as day/month/year, as chosen." in captions(at)
    assert counts(at) == ["30", "60", "0"]  # 02/01 .. 02/07 read as 2 January .. 7 February
    release(at)


def test_reviews_with_a_mapping_file_repeats_and_a_time_zone(writable_db, tmp_path):
    path = write_csv(tmp_path / "reviews.csv", review_rows(900, repeat=(11, 846)))
    at = upload(open_upload(), "reviews.csv", path.read_bytes())
    assert any("Choose the column with the response time" in w.value for w in at.warning)
    mapping = (
        b"kind: surveys\nsurvey: reviews\ncolumns: {response_id: review_id, customer_id: client,"
        b" journey_id: order_ref, responded_at: answered_at, comment: review_comment}\n"
        b"scores: {satisfaction_1_to_5: {metric: csat, scale: 1-5}}\n"
        b"timezone: America/Sao_Paulo\n"
    )
    uploader = next(u for u in at.file_uploader if u.key and u.key.startswith("upl_mapfile_"))
    uploader.set_value(("reviews.yaml", mapping, "application/yaml")).run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("The mapping file reviews.yaml has been applied" in s.value for s in at.success)
    assert roles_on(at)["review\\_id"] == "response_id"
    zone = next(s for s in at.selectbox if s.label == "Time zone of times without an offset")
    assert zone.value == "America/Sao_Paulo"
    assert counts(at) == ["900", "899", "1"] and button(at, "3. Import").disabled
    keep = next(c for c in at.checkbox if c.label.startswith("Keep one of each repeated response"))
    assert "rows 12 and 847" in keep.label
    keep.check().run()
    assert counts(at) == ["900", "899", "0"] and not button(at, "3. Import").disabled
    button(at, "3. Import").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Imported 899 responses" in s.value for s in at.success)
    release(at)
    # 2026-01-05 08:00 in São Paulo (UTC-3) is stored as 11:00 UTC
    assert query(
        writable_db, "select responded_at from raw_survey_responses where response_id = 'rv00000'"
    ) == [(datetime(2026, 1, 5, 11, 0),)]


def test_file_text_is_never_rendered_as_markdown(writable_db, tmp_path):
    header = "**Bold** [link](http://example.com) :smile: <b>x</b> $a$"
    rows = [["Response ID", "Date", "NPS", header]] + [
        [f"M{i}", "2026-01-05", str(i), f"_value_ {i}"] for i in range(5)
    ]
    at = upload(open_upload(), "marks.csv", write_csv(tmp_path / "marks.csv", rows).read_bytes())
    labels = [s.label for s in at.selectbox]
    assert plain(header) in labels and header not in labels
    assert (
        plain(header) == r"\*\*Bold\*\* \[link\](http://example.com) :"
        "\u200b"
        r"smile: \<b\>x\</b\> \$a\$"
    )
    at = upload(open_upload(), "*evil* [x].csv", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 20)
    assert any(r"\*evil\* \[x\].csv" in e.value for e in at.error)


# --- rollback cannot be repeated by accident (issue 14) -----------------------------------------


def add_contact_batches(path, n: int = 2) -> list[str]:
    """n small contacts batches (one copied contact each), oldest first."""
    con = connect(path)
    try:
        ids = []
        for i in range(n):
            batch = f"contacts-20260101-test-{i}-with-a-long-tail"
            con.execute(
                "insert into import_batches (batch_id, kind, source_file, file_hash, imported_by, "
                "imported_at, row_count, status) values (?, 'contacts', ?, ?, 'tester', ?, 1, 'active')",
                [batch, f"tickets{i}.csv", f"hash{i}", datetime(2030, 1, 1 + i)],
            )
            con.execute(
                "insert into raw_contacts select * replace (contact_id || ? as contact_id, "
                "? as batch_id) from (select * from raw_contacts order by contact_id limit 1)",
                [f"-t{i}", batch],
            )
            ids.append(batch)
        return ids
    finally:
        con.close()


def test_a_rollback_unticks_keeps_the_batch_and_cannot_roll_back_another(writable_db):
    older, newer = add_contact_batches(writable_db)
    at = open_upload()
    picker = at.selectbox(key="upl_rollback_batch")
    assert picker.value == newer  # the newest active batch first
    picker.set_value(older)
    at.checkbox(key="upl_rollback_sure").check()
    button(at, "Roll back").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any("Rolled back batch" in s.value for s in at.success)
    # the picker stays on the rolled-back batch, shown so; it offers a restore, unticked, and no
    # rollback at all (a second click cannot roll back this or another batch)
    picker = at.selectbox(key="upl_rollback_batch")
    assert picker.value == older
    assert any(older in o and "Rolled back" in o for o in picker.options)
    assert any("was rolled back" in i.value and "by root" in i.value for i in at.info), [
        i.value for i in at.info
    ]
    assert not [b for b in at.button if b.label == "Roll back"]
    assert at.checkbox(key="upl_restore_sure").value is False
    history = history_table(at)
    row = history[history["Batch id"] == older].iloc[0]
    assert row["Status"].startswith("Rolled back ") and row["Status"].endswith(" by root")
    assert row["Data from–to"]  # its rows were kept: the span still shows
    at.run()
    assert not at.exception, [e.value for e in at.exception]
    assert at.checkbox(key="upl_restore_sure").value is False
    assert at.selectbox(key="upl_rollback_batch").value == older
    release(at)
    statuses = query(
        writable_db,
        "select batch_id, status from import_batches "
        "where batch_id like 'contacts-20260101-test-%' order by 1",
    )
    assert statuses == [(older, "rolled_back"), (newer, "active")]
    assert query(writable_db, "select count(*) from raw_contacts where batch_id = ?", [newer])[0][0] == 1
    assert query(writable_db, "select count(*) from raw_contacts where batch_id = ?", [older])[0][0] == 0


def test_a_rolled_back_batch_is_restored_once_with_confirmation(writable_db):
    (batch,) = add_contact_batches(writable_db, 1)
    before = query(writable_db, "select * from raw_contacts where batch_id = ?", [batch])
    at = open_upload()
    at.checkbox(key="upl_rollback_sure").check()
    button(at, "Roll back").click().run()
    restore_button = button(at, "Restore")
    assert not restore_button.disabled
    restore_button.click().run()  # not ticked: nothing happens
    assert any("Tick the confirmation first" in w.value for w in at.warning)
    at.checkbox(key="upl_restore_sure").check()
    button(at, "Restore").click().run()
    assert not at.exception, [e.value for e in at.exception]
    assert any(f"Restored batch {batch}: 1 rows" in s.value for s in at.success)
    # the batch is active again, still picked, the rollback confirmation unticked; no restore offered
    assert at.selectbox(key="upl_rollback_batch").value == batch
    assert at.checkbox(key="upl_rollback_sure").value is False
    assert not [b for b in at.button if b.label == "Restore"]
    row = history_table(at).set_index("Batch id").loc[batch]
    assert row["Status"].startswith("Active · restored ") and row["Status"].endswith(" by root")
    release(at)
    assert query(writable_db, "select * from raw_contacts where batch_id = ?", [batch]) == before
    assert query(writable_db, "select status from import_batches where batch_id = ?", [batch]) == [
        ("active",)
    ]


def test_a_restore_that_would_clash_is_explained_and_disabled(writable_db):
    (batch,) = add_contact_batches(writable_db, 1)
    at = open_upload()
    at.checkbox(key="upl_rollback_sure").check()
    button(at, "Roll back").click().run()
    release(at)
    con = connect(writable_db)  # the same file imported again meanwhile
    try:
        con.execute(
            "insert into import_batches (batch_id, kind, source_file, file_hash, imported_by, imported_at, "
            "row_count, status) values ('contacts-again', 'contacts', 'tickets0.csv', 'hash0', 'anna', ?, 1, "
            "'active')",
            [datetime(2030, 2, 1)],
        )
    finally:
        con.close()
    at = open_upload()
    at.selectbox(key="upl_rollback_batch").set_value(batch).run()
    text = "the same file has been imported again since (batch contacts-again)"
    assert any(text in w.value for w in at.warning), [w.value for w in at.warning]
    assert button(at, "Restore").disabled and at.checkbox(key="upl_restore_sure").disabled


def test_the_survey_preview_shows_no_internal_fields(writable_db):
    customers = [r[0] for r in query(writable_db, "select customer_id from raw_customers order by 1 limit 5")]
    at = upload(open_upload(), "plain.csv", recent_csv(customers, datetime(2026, 1, 10, 12)))
    preview = app_pages.frame(at, "Scale")
    assert not {"scale_min", "scale_max", "metric", "response_id"} & set(preview.columns)
    assert set(preview["Scale"]) == {"0–10"} and set(preview["Metric"]) == {"NPS"}
    assert not (preview == "None").any().any()
    assert "Journey / order id" not in preview.columns  # a column the file left empty is left out
    assert list(preview.columns[:4]) == ["Response id", "Metric", "Score", "Scale"]
