"""XLSX reading through python-calamine behind core.xlsx_guard: the values users rely on (dates,
number formats, sheet names and order, row numbers), markup variants, and the guard running first."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from core import xlsx_reader
from core.reading import FileRejectedError, Limits
from core.table_reader import read_table
from core.xlsx_table import list_sheets
from surveys.formats import flatten
from tests.hostile_fixtures import MAIN, build_xlsx, sheet_xml

FIX = Path(__file__).parent / "fixtures" / "surveys"

STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="3">
  <numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>
  <numFmt numFmtId="165" formatCode="&quot;day&quot; 0"/>
  <numFmt numFmtId="166" formatCode="[h]:mm"/>
</numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts>
<fills count="1"><fill><patternFill/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="6">
  <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0"/>
</cellXfs>
</styleSheet>"""

SHARED = f"""<sst xmlns="{MAIN}" count="5" uniqueCount="5">
<si><t>Vastaus</t></si>
<si><t xml:space="preserve">  välilyönnit  </t></si>
<si><r><rPr><b/></rPr><t xml:space="preserve">Rich </t></r><r><t>text</t></r></si>
<si><t>line_x005F_x000D_break &amp; &lt;tag&gt;</t></si>
<si><t>Ääkköset €</t></si>
</sst>"""

ROWS = """
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
  <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c></row>
<row r="2"><c r="A2" s="1"><v>45352</v></c><c r="B2" s="2"><v>45352</v></c><c r="C2" s="3"><v>45352.75</v></c>
  <c r="D2" s="4"><v>1.5</v></c><c r="E2" s="5"><v>0.25</v></c></row>
<row r="3"><c r="A3" s="1"><v>0.5</v></c><c r="B3"><v>-1.25</v></c><c r="C3"><v>12345678901234</v></c>
  <c r="D3" t="b"><v>1</v></c><c r="E3" t="b"><v>0</v></c></row>
<row r="4"><c r="A4" t="str"><f>A1&amp;"x"</f><v>Vastausx</v></c><c r="B4"><f>1+1</f><v>2</v></c>
  <c r="C4" t="d"><v>2024-03-01T10:30:00</v></c><c r="D4" t="inlineStr"><is><t>inline</t></is></c>
  <c r="E4"><v>2.5e3</v></c></row>
<row r="6"><c r="B6" t="inlineStr"><is><t>after a gap</t></is></c></row>
<row r="7"><c r="C7" t="inlineStr"><is><t>  </t></is></c></row>
"""


def raw_book(tmp_path: Path, rows: str = ROWS, name: str = "raw.xlsx", **kw: Any) -> Path:
    kw.setdefault("shared", SHARED)
    kw.setdefault("styles", STYLES)
    return build_xlsx(tmp_path / name, [("Vastaukset", "sheet1.xml", sheet_xml(rows))], **kw)


def test_every_cell_kind(tmp_path: Path) -> None:
    table = read_table(raw_book(tmp_path))
    assert table.kind == "xlsx" and table.sheet == "Vastaukset" and table.sheets == ["Vastaukset"]
    assert table.rows[0] == [
        "Vastaus",
        "  välilyönnit  ",
        "Rich text",
        "line_x000D_break & <tag>",
        "Ääkköset €",
    ]
    assert table.rows[1] == [
        datetime(2024, 3, 1),
        45352,
        datetime(2024, 3, 1, 18),
        timedelta(days=1.5),
        timedelta(hours=6),
    ]  # a quoted literal is no date
    assert table.rows[2] == [time(12), -1.25, 12345678901234, True, False]
    assert table.rows[3] == ["Vastausx", 2, datetime(2024, 3, 1, 10, 30), "inline", 2500]
    assert table.rows[4] == [None, "after a gap", None, None, None]
    assert table.row_numbers == [1, 2, 3, 4, 6]  # row 7 holds only spaces: dropped
    assert [type(v) for v in table.rows[1][:2]] == [datetime, int]


def test_first_used_row_and_column_keep_their_numbers(tmp_path: Path) -> None:
    rows = (
        '<row r="3"><c r="C3" t="inlineStr"><is><t>id</t></is></c><c r="D3" t="inlineStr">'
        '<is><t>nps</t></is></c></row><row r="4"><c r="C4"><v>7</v></c><c r="D4"><v>9</v></c></row>'
    )
    table = read_table(raw_book(tmp_path, rows))
    assert table.row_numbers == [3, 4]
    assert table.rows == [[None, None, "id", "nps"], [None, None, 7, 9]]


def test_markup_without_references_and_with_a_prefix(tmp_path: Path) -> None:
    plain = (
        '<row><c t="inlineStr"><is><t>a</t></is></c><c><v>1</v></c></row>'
        '<row><c><v>2</v></c><c r="C2"><v>3</v></c></row>'
    )
    assert read_table(raw_book(tmp_path, plain)).rows == [["a", 1, None], [2, None, 3]]
    prefixed = (
        f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData><x:row r="1"><x:c r="A1" t="inlineStr">'
        '<x:is><x:t>p</x:t></x:is></x:c><x:c r="B1"><x:v>5</x:v></x:c></x:row></x:sheetData>'
        "</x:worksheet>"
    )
    path = build_xlsx(tmp_path / "prefixed.xlsx", [("S", "sheet1.xml", prefixed)])
    assert read_table(path).rows == [["p", 5]]


def test_1904_dates_sheet_order_hidden_sheets(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active.title = "Zeta"
    wb.active.append([datetime(2024, 3, 1, 12), date(1999, 12, 31), time(8, 15)])
    hidden = wb.create_sheet("Piilotettu")
    hidden.sheet_state = "hidden"
    hidden.append(["x"])
    wb.create_sheet("Alpha").append(["y"])
    path = tmp_path / "mac.xlsx"
    wb.save(path)
    assert list_sheets(path) == ["Zeta", "Piilotettu", "Alpha"]
    assert read_table(path).rows == [[datetime(2024, 3, 1, 12), datetime(1999, 12, 31), time(8, 15)]]
    assert read_table(path, sheet="Alpha").rows == [["y"]]
    with pytest.raises(
        FileRejectedError, match="mac.xlsx: has no sheet 'T'; sheets: Zeta, Piilotettu, Alpha"
    ):
        read_table(path, sheet="T")


def test_openpyxl_written_workbook(tmp_path: Path) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["Response ID", "Date", "NPS", "OK?", "Formula", "Comment"])
    ws.append(["R1", datetime(2024, 3, 1, 9, 30), 9, True, "=C2*2", "Hyvä"])
    ws.append(["R2", date(2024, 3, 2), 3.5, False, "=SUM(C2:C3)", None])
    ws["B4"] = 45400
    ws["B4"].number_format = "yyyy-mm-dd hh:mm"
    ws["C4"] = 0.75
    ws["C4"].number_format = "0%"
    ws["E4"] = 1.25
    ws["E4"].number_format = "[h]:mm:ss"
    ws.merge_cells("A8:C8")
    ws["A8"] = "merged"
    ws["B10"].number_format = "0"  # a styled empty cell after the data
    path = tmp_path / "written.xlsx"
    wb.save(path)
    table = read_table(path)
    assert table.rows[1] == ["R1", datetime(2024, 3, 1, 9, 30), 9, True, None, "Hyvä"]
    assert table.rows[2] == ["R2", datetime(2024, 3, 2), 3.5, False, None, None]
    assert table.rows[3][1:5] == [datetime(2024, 4, 18), 0.75, None, timedelta(hours=30)]
    assert table.rows[4] == ["merged", None, None, None, None, None]
    assert table.row_numbers == [1, 2, 3, 4, 8]


def test_fixture_workbooks_and_header_detection() -> None:
    assert list_sheets(FIX / "handmade.xlsx") == ["Ohjeet", "Vastaukset"]
    flat = flatten(read_table(FIX / "surveymonkey.xlsx"))
    assert flat.format == "surveymonkey" and flat.row_numbers[0] == 3


def test_row_limit_counts_rows_before_parsing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 61))
    path = raw_book(tmp_path, rows, name="many.xlsx")
    monkeypatch.setattr(xlsx_reader, "read_rows", lambda *a: pytest.fail("parsed before the guard"))
    with pytest.raises(FileRejectedError, match="many.xlsx: a sheet has more than the maximum of 50 rows"):
        read_table(path, limits=Limits(max_rows=50))


def test_guard_runs_before_the_parser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = raw_book(tmp_path, ROWS.replace('<row r="6">', '<row r="5000000">'), name="late.xlsx")
    monkeypatch.setattr(xlsx_reader, "_open", lambda *a: pytest.fail("opened before the guard"))
    for call in (lambda: read_table(path), lambda: list_sheets(path)):
        with pytest.raises(FileRejectedError, match="late.xlsx: row number 5,000,000 in .* outside Excel's"):
            call()


def test_broken_packages_are_refused_in_one_line(tmp_path: Path) -> None:
    notzip = tmp_path / "fake.xlsx"
    notzip.write_bytes(b"PK\x03\x04 not really a zip" * 10)
    with pytest.raises(FileRejectedError, match="fake.xlsx: is not a valid .xlsx file"):
        read_table(notzip)
    noparts = tmp_path / "empty.xlsx"
    import zipfile

    with zipfile.ZipFile(noparts, "w") as zf:
        zf.writestr("hello.txt", "hi")
    with pytest.raises(FileRejectedError, match="empty.xlsx: is not a readable Excel workbook") as err:
        read_table(noparts)
    assert "\n" not in str(err.value)
    utf16 = raw_book(tmp_path, name="utf16.xlsx", shared=SHARED.encode("utf-16"))
    with pytest.raises(FileRejectedError, match="sharedStrings.xml is not UTF-8 XML"):
        read_table(utf16)


def test_any_file_name_is_read_by_content(tmp_path: Path) -> None:
    path = raw_book(tmp_path, name="export.zip")
    assert read_table(path).rows[0][0] == "Vastaus"  # openpyxl refused the name; the content decides
