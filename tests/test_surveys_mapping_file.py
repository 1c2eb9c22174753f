"""Survey mapping files: `map` writes the proposal, `import --mapping` reads it; --metric/--scale."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path

import pytest

from core.db import connect
from surveys.cli import main
from surveys.importer import preview_file
from surveys.mapping import Mapping
from surveys.mapping_file import (
    MappingFileError,
    apply_metric,
    fit_to_table,
    mapping_to_yaml,
    read_mapping_file,
    read_mapping_text,
)
from tests.fixtures.surveys.exports import nps_scores, qualtrics_rows, review_rows, write_csv

REVIEWS_MAPPING = """\
# web shop reviews, exported nightly
kind: surveys
description: Web shop reviews (1-5 stars)
survey: reviews
columns:
  response_id: review_id
  customer_id: client
  journey_id: order_ref
  responded_at: answered_at
  comment: review_comment
scores:
  satisfaction_1_to_5: {metric: csat, scale: 1-5}
timezone: America/Sao_Paulo
"""


def rows_of(db: Path, sql: str) -> list[tuple]:
    con = connect(db)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


def test_unknown_headers_need_a_mapping_file(tmp_path: Path, capsys) -> None:
    reviews = write_csv(tmp_path / "reviews.csv", review_rows(50))
    db = tmp_path / "cx.duckdb"
    assert main(["import", str(reviews), "--db", str(db), "--no-refresh"]) == 2
    assert "reviews.csv: no response time column is mapped" in capsys.readouterr().out

    assert main(["map", str(reviews)]) == 0
    proposal = capsys.readouterr().out
    assert proposal.startswith(
        "# Survey mapping for reviews.csv: plain table (no survey tool "
        "recognised; encoding utf-8, delimiter ',')"
    )
    assert "# not used: review_id, client, order_ref, answered_at" in proposal
    assert "  # responded_at: # not found: name the column here" in proposal
    assert "  satisfaction_1_to_5: {metric: csat, scale: 1-5}" in proposal
    mapping_file = tmp_path / "reviews.yaml"
    mapping_file.write_text(REVIEWS_MAPPING, encoding="utf-8")
    assert (
        main(["import", str(reviews), "--mapping", str(mapping_file), "--db", str(db), "--no-refresh"]) == 0
    )
    out = capsys.readouterr().out
    assert "mapping (from reviews.yaml):" in out
    assert "America/Sao_Paulo (given by timezone: in reviews.yaml)" in out
    assert "score before import: CSAT " in out and "from 50 responses, one per row" in out
    got = rows_of(
        db,
        "select response_id, customer_id, journey_id, metric, scale_max, responded_at "
        "from raw_survey_responses order by response_id limit 1",
    )
    # 2026-01-05 08:00 in Sao Paulo (UTC-3) is stored as 11:00 UTC
    assert (
        got[0][0] == "rv00000"
        and got[0][2] == "o70000"
        and got[0][3:] == ("csat", 5, datetime(2026, 1, 5, 11, 0))
    )
    assert rows_of(db, "select source_file from import_batches") == [("reviews.csv",)]


def test_every_problem_listed_with_key_path_and_file_name(tmp_path: Path, capsys) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text(
        "kind: contacts\ncolumns:\n  responded: answered_at\n  customer_id: [a]\n"
        "scores:\n  stars: {metric: csat, scale: 1-10}\n  q2: {metric: happiness}\n"
        "date_format: weekly\ntimezone: Mars/Base\nsheet: x\n",
        encoding="utf-8",
    )
    with pytest.raises(MappingFileError) as err:
        read_mapping_file(bad)
    text = str(err.value)
    assert text.startswith("bad.yaml: invalid mapping:")
    for part in (
        "sheet: unknown key; allowed: kind, description, survey,",
        "kind: 'contacts' is a mapping for another importer",
        "columns.responded: not a role",
        "columns.customer_id: must be the column header",
        "scores.stars.scale: CSAT must be on a 1-5 scale, got 1-10; it is not rescaled",
        "scores.q2.metric: 'happiness' is not one of nps, csat, ces",
        "date_format: 'weekly' is not a date format",
        "timezone: 'Mars/Base' is not a time zone",
    ):
        assert part in text, part
    reviews = write_csv(tmp_path / "reviews.csv", review_rows(5))
    assert (
        main(
            [
                "import",
                str(reviews),
                "--mapping",
                str(bad),
                "--db",
                str(tmp_path / "cx.duckdb"),
                "--no-refresh",
            ]
        )
        == 2
    )
    out = capsys.readouterr()
    assert "bad.yaml: invalid mapping:" in out.out and "Traceback" not in out.out + out.err


def test_a_mapping_naming_missing_columns_lists_them_all(tmp_path: Path) -> None:
    reviews = write_csv(tmp_path / "reviews.csv", review_rows(5))
    table = preview_file(reviews).table
    mapping = read_mapping_text(
        "columns: {responded_at: answered, customer_id: kunde}\nscores: {stars: csat}\n", "m.yaml"
    )
    with pytest.raises(MappingFileError) as err:
        fit_to_table(mapping, table, "m.yaml", "reviews.csv")
    text = str(err.value)
    assert "columns.responded_at: 'answered' is not a column of reviews.csv" in text
    assert "columns.customer_id: 'kunde' is not a column of reviews.csv" in text
    assert "scores.stars: 'stars' is not a column of reviews.csv" in text
    assert "the columns of reviews.csv are: review_id, client" in text
    loose = read_mapping_text("columns: {responded_at: Answered At}\nscores: {SATISFACTION 1 TO 5: csat}\n")
    fitted = fit_to_table(loose, table, "m.yaml", "reviews.csv")
    assert fitted.responded_at == "answered_at" and fitted.scores == {"satisfaction_1_to_5": "csat"}


def test_yaml_round_trip_and_qualtrics_short_ids(tmp_path: Path) -> None:
    path = write_csv(tmp_path / "q.csv", qualtrics_rows(nps_scores(5, 3, 2), tests=0))
    preview = preview_file(path)
    preview.mapping.date_format, preview.mapping.timezone = "%Y-%m-%d %H:%M:%S", "UTC"
    preview.mapping.segments = ["UserLanguage: User Language"]
    preview.mapping.language = None
    text = mapping_to_yaml(preview.mapping, ["made by a test"], table=preview.table)
    assert "  Q1: {metric: nps, scale: 0-10}   # Q1: How likely" in text
    back = fit_to_table(read_mapping_text(text, "q.yaml"), preview.table, "q.yaml", "q.csv")
    assert back == preview.mapping
    plain = Mapping(scores={"a: b #c": "ces"}, responded_at="yes", survey="on")
    assert read_mapping_text(mapping_to_yaml(plain)) == plain  # quoting and YAML booleans


def test_metric_and_scale_flags(tmp_path: Path, capsys) -> None:
    one = Mapping(scores={"stars": "csat"})
    assert apply_metric(one, "ces", None).scores == {"stars": "ces"}
    with pytest.raises(MappingFileError, match="not rescaled"):
        apply_metric(Mapping(scores={"stars": "csat"}), "csat", "1-10")
    with pytest.raises(MappingFileError, match="has 2 .*name the metric per column in a mapping file"):
        apply_metric(Mapping(scores={"a": "nps", "b": "csat"}), "csat", "1-5")
    rows = [["Response ID", "Date", "Rating"]] + [[f"R{i}", "2026-02-01", str(1 + i % 5)] for i in range(6)]
    path = write_csv(tmp_path / "ratings.csv", rows)
    db = tmp_path / "cx.duckdb"
    mapping = tmp_path / "ratings.yaml"
    mapping.write_text(
        "columns: {response_id: Response ID, responded_at: Date}\nscores: {Rating: nps}\n", encoding="utf-8"
    )
    assert (
        main(
            [
                "import",
                str(path),
                "--mapping",
                str(mapping),
                "--metric",
                "csat",
                "--scale",
                "0-10",
                "--db",
                str(db),
                "--no-refresh",
            ]
        )
        == 2
    )
    assert "CSAT must be on a 1-5 scale, got 0-10" in capsys.readouterr().out
    assert (
        main(
            [
                "import",
                str(path),
                "--mapping",
                str(mapping),
                "--metric",
                "csat",
                "--scale",
                "1-5",
                "--db",
                str(db),
                "--no-refresh",
            ]
        )
        == 0
    )
    assert rows_of(db, "select distinct metric from raw_survey_responses") == [("csat",)]


def test_reviews_end_to_end_with_repeats_and_zone(tmp_path: Path, capsys) -> None:
    start = datetime(2026, 3, 1, 9, 0)
    reviews = write_csv(tmp_path / "reviews.csv", review_rows(900, repeat=(11, 846), start=start))
    mapping = tmp_path / "reviews.yaml"
    mapping.write_text(REVIEWS_MAPPING, encoding="utf-8")
    db = tmp_path / "cx.duckdb"
    args = ["import", str(reviews), "--mapping", str(mapping), "--db", str(db), "--no-refresh"]
    assert main(args) == 1
    out = capsys.readouterr().out
    assert '847,review_id,rv00010,"the same response id on rows 12 and 847 with the same answer' in out
    assert "--keep-one-of-repeats" in out
    assert main(args + ["--keep-one-of-repeats"]) == 0
    out = capsys.readouterr().out
    assert "1 row(s) repeat an earlier row's response id and answer (e.g. rows 12 and 847): kept once" in out
    assert rows_of(db, "select count(*), min(responded_at) from raw_survey_responses") == [
        (899, start + timedelta(hours=3))
    ]


def test_profiles_saved_before_date_formats_still_load() -> None:
    old = (
        '{"comment": null, "customer_id": null, "channel": null, "journey_id": null, "language": null, '
        '"response_id": "Id", "responded_at": "When", "scores": {"K3": "ces"}, "segments": [], '
        '"slash_date_order": "%s", "survey": "kauppa", "touchpoint": null}'
    )
    assert Mapping.from_json(old % "dmy").date_format == "dmy"
    assert Mapping.from_json(old % "mdy").date_format is None  # the old silent default: decide anew
    assert Mapping.from_json(Mapping(timezone="UTC").to_json()) == Mapping(timezone="UTC")
