"""Survey export reading: encodings, delimiters, formats, header flattening, safety limits."""

from __future__ import annotations

import zipfile
from datetime import datetime
from pathlib import Path

import pytest

from core.reading import FileRejectedError, Limits
from core.table_reader import read_table
from core.xlsx_table import list_sheets
from surveys.formats import detect_format, flatten
from surveys.parsing import parse_datetime, parse_decimal, parse_score

FIX = Path(__file__).parent / "fixtures" / "surveys"


@pytest.mark.parametrize(
    "name, fmt",
    [
        ("qualtrics.csv", "qualtrics"),
        ("surveymonkey.xlsx", "surveymonkey"),
        ("google_forms.csv", "google_forms"),
        ("typeform.csv", "typeform"),
        ("finnish_cp1252.csv", "sheet"),
        ("utf16.csv", "sheet"),
    ],
)
def test_detects_format(name: str, fmt: str) -> None:
    assert detect_format(read_table(FIX / name)) == fmt


def test_finnish_cp1252_semicolon_keeps_umlauts() -> None:
    raw = read_table(FIX / "finnish_cp1252.csv")
    assert raw.encoding == "cp1252" and raw.delimiter == ";"
    assert raw.rows[0][2] == "Päivämäärä"
    assert raw.rows[3][6] == "Åland"
    assert parse_decimal(raw.rows[2][8]) == 1200.0 and parse_decimal(raw.rows[1][8]) == 12.5


def test_utf16_tab_and_utf8_bom() -> None:
    raw = read_table(FIX / "utf16.csv")
    assert raw.encoding == "utf-16" and raw.delimiter == "\t"
    assert raw.rows[1][4] == "Kävin kaupassa, kaikki hyvin"
    q = read_table(FIX / "qualtrics.csv")
    assert q.encoding == "utf-8-sig" and q.rows[0][0] == "StartDate"  # BOM removed


def test_qualtrics_three_header_rows() -> None:
    flat = flatten(read_table(FIX / "qualtrics.csv"))
    assert flat.headers[6] == "ResponseId: Response ID"
    assert flat.row_numbers[0] == 4 and flat.rows[0][6] == "R_1aaa"
    assert len(flat.rows) == 3


def test_surveymonkey_merged_header_flattened() -> None:
    flat = flatten(read_table(FIX / "surveymonkey.xlsx"))
    q = "How likely is it that you would recommend us to a friend?"
    assert flat.headers[5] == q and flat.headers[6] == f"{q} - Open-Ended Response"
    assert flat.row_numbers[0] == 3


def test_xlsx_sheets_serial_dates_trailing_rows() -> None:
    assert list_sheets(FIX / "handmade.xlsx") == ["Ohjeet", "Vastaukset"]
    raw = read_table(FIX / "handmade.xlsx", sheet="Vastaukset")
    assert len(raw.rows) == 4  # header + 3, trailing empty rows dropped
    assert parse_datetime(raw.rows[1][3]) == datetime(2024, 3, 1)
    assert parse_datetime(raw.rows[2][3]) == datetime(2024, 3, 2, 12)
    with pytest.raises(FileRejectedError, match="handmade.xlsx.*no sheet"):
        read_table(FIX / "handmade.xlsx", sheet="Puuttuu")


def test_parsers() -> None:
    assert parse_score("10 - Extremely likely") == 10
    assert parse_score("5 = Erittäin tyytyväinen") == 5
    assert parse_score("4,0") == 4 and parse_score("Extremely likely") is None
    assert parse_datetime("5.3.2024") == datetime(2024, 3, 5)
    assert parse_datetime("15.3.2024 14.05") == datetime(2024, 3, 15, 14, 5)
    assert parse_datetime("3/14/2024 9:05:11") == datetime(2024, 3, 14, 9, 5, 11)
    assert parse_datetime("14/3/2024", "dmy") == datetime(2024, 3, 14)
    assert parse_datetime("2024-03-01T10:00:00Z") == datetime(2024, 3, 1, 10)
    assert parse_datetime("31.2.2024") is None and parse_datetime("eilen") is None


def test_binary_disguised_as_csv_rejected(tmp_path: Path) -> None:
    fake = tmp_path / "export.csv"
    fake.write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 20)
    with pytest.raises(FileRejectedError, match="export.csv.*binary"):
        read_table(fake)


def test_zip_bomb_rejected_before_opening(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (60 * 1024 * 1024))
    assert bomb.stat().st_size < 1024 * 1024
    with pytest.raises(FileRejectedError, match="bomb.xlsx.*zip bomb"):
        read_table(bomb, limits=Limits(max_uncompressed_bytes=50 * 1024 * 1024))
    with pytest.raises(FileRejectedError, match="zip bomb"):
        read_table(bomb)  # default limits: ratio check


def test_size_and_row_limits(tmp_path: Path) -> None:
    big = tmp_path / "big.csv"
    big.write_text("id,nps\n" + "".join(f"{i},5\n" for i in range(100)), encoding="utf-8")
    with pytest.raises(FileRejectedError, match="big.csv.*maximum of 50 rows"):
        read_table(big, limits=Limits(max_rows=50))
    with pytest.raises(FileRejectedError, match="big.csv.*over the maximum of 100 bytes"):
        read_table(big, limits=Limits(max_bytes=100))
