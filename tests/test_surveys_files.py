"""Compressed exports (.csv.gz, .zip) import like plain files; format names; no traceback reaches a user."""

from __future__ import annotations

import gzip
from pathlib import Path

import pytest

from core.db import connect
from core.file_hash import file_sha256
from core.reading import FileRejectedError, Limits
from surveys.cli import main
from surveys.importer import import_file, preview_file
from tests.actors import EDITOR
from tests.fixtures.surveys.exports import (
    gzip_file,
    nps_scores,
    qualtrics_rows,
    review_rows,
    write_csv,
    write_xlsx,
    zip_file,
)


def test_csv_gz_imports_with_the_original_name_and_hash(tmp_path: Path, capsys) -> None:
    plain = write_csv(tmp_path / "responses.csv", qualtrics_rows(nps_scores(5, 3, 2), tests=0))
    packed = gzip_file(plain)
    db = tmp_path / "cx.duckdb"
    assert main(["import", str(packed), "--db", str(db), "--no-refresh"]) == 0
    out = capsys.readouterr().out
    assert "file: responses.csv.gz" in out and "unpacked from responses.csv.gz (gzip)" in out
    con = connect(db)
    batch = con.execute("select source_file, file_hash, row_count from import_batches").fetchall()
    con.close()
    assert batch == [("responses.csv.gz", file_sha256(packed), 20)]
    assert main(["import", str(packed), "--db", str(db), "--no-refresh"]) == 0
    assert "already imported" in capsys.readouterr().out


@pytest.mark.parametrize("inner", ["csv", "xlsx"])
def test_zip_holding_one_file(tmp_path: Path, inner: str) -> None:
    rows = qualtrics_rows(nps_scores(5, 3, 2), tests=0)
    plain = (
        write_csv(tmp_path / "export.csv", rows)
        if inner == "csv"
        else write_xlsx(tmp_path / "export.xlsx", rows)
    )
    packed = zip_file(plain, f"Survey export/{plain.name}")
    plain.unlink()
    con = connect(tmp_path / "cx.duckdb")
    result = import_file(con, packed, actor=EDITOR)
    con.close()
    assert result.status == "imported" and result.responses_written == 20
    assert Path(result.source_file).name == "export.zip"


def test_compressed_limits_apply(tmp_path: Path) -> None:
    bomb = tmp_path / "big.csv.gz"
    bomb.write_bytes(gzip.compress(b"Response ID,Date,NPS\n" + b"R,2026-01-01,5\n" * 2_000_000))
    with pytest.raises(FileRejectedError, match="big.csv.gz.*limit"):
        preview_file(bomb, limits=Limits(max_uncompressed_bytes=10_000_000))
    with pytest.raises(FileRejectedError, match="big.csv.gz.*over the maximum"):
        preview_file(bomb, limits=Limits(max_bytes=1000))


def test_csv_is_not_called_a_sheet(tmp_path: Path) -> None:
    preview = preview_file(write_csv(tmp_path / "reviews.csv", review_rows(3), delimiter=";"))
    assert preview.format_line() == ("plain table (no survey tool recognised; encoding utf-8, delimiter ';')")
    sheet = preview_file(write_xlsx(tmp_path / "reviews.xlsx", review_rows(3)))
    assert sheet.format_line() == "hand-made sheet (no survey tool recognised; sheet 'Sheet' of Sheet)"


def test_cli_errors_name_the_file_and_never_show_a_traceback(tmp_path: Path, capsys) -> None:
    broken = tmp_path / "export.csv.gz"
    broken.write_bytes(b"\x1f\x8b" + b"not really gzip" * 10)
    assert main(["import", str(broken), "--db", str(tmp_path / "cx.duckdb"), "--no-refresh"]) == 2
    out = capsys.readouterr()
    assert "rejected: export.csv.gz" in out.out and "Traceback" not in out.out + out.err
    assert main(["map", str(tmp_path / "missing.csv")]) == 2
    assert "missing.csv: file not found" in capsys.readouterr().err


def test_a_broken_workbook_is_refused_naming_the_file(tmp_path: Path, capsys) -> None:
    import zipfile

    broken = tmp_path / "broken.xlsx"
    with zipfile.ZipFile(broken, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/workbook.xml", "<not a workbook")
    with pytest.raises(FileRejectedError, match="broken.xlsx: is not a readable Excel workbook"):
        preview_file(broken)
    assert main(["import", str(broken), "--db", str(tmp_path / "cx.duckdb"), "--no-refresh"]) == 2
    assert "rejected: broken.xlsx: is not a readable Excel workbook" in capsys.readouterr().out
