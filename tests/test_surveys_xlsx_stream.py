"""The streaming XLSX reader returns exactly what openpyxl's read-only mode returns."""
from __future__ import annotations

import zipfile
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from openpyxl.utils.datetime import CALENDAR_MAC_1904

from surveys import reading, xlsx_stream
from surveys.reading import FileRejectedError, Limits, list_sheets, read_table
from surveys.xlsx_stream import Unsupported, XlsxStream, sheet_names

FIX = Path(__file__).parent / "fixtures" / "surveys"
pytestmark = pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
READ_WITH_OPENPYXL = reading._read_xlsx_openpyxl  # kept: fixture no_fallback replaces it


def openpyxl_view(path: Path) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    wb = openpyxl.load_workbook(path, read_only=True, data_only=True)
    try:
        names = list(wb.sheetnames)
        return names, {n: [tuple(r) for r in wb[n].iter_rows(values_only=True)] for n in names}
    finally:
        wb.close()


def fast_view(path: Path) -> tuple[list[str], dict[str, list[tuple[Any, ...]]]]:
    with XlsxStream(path) as book:
        names = list(book.sheetnames)
        return names, {n: [tuple(r) for r in book.iter_rows(n)] for n in names}


def typed(rows: list[tuple[Any, ...]]) -> list[list[tuple[type, Any]]]:
    """Values with their types: 1 == 1.0 == True and date == datetime must not pass as equal."""
    return [[(type(v), v) for v in r] for r in rows]


def assert_same(path: Path) -> dict[str, list[tuple[Any, ...]]]:
    """Fast reader == openpyxl for every sheet, and read_table == the openpyxl path."""
    names, expected = openpyxl_view(path)
    fast_names, got = fast_view(path)
    assert fast_names == names
    for name in names:
        assert typed(got[name]) == typed(expected[name]), name
        fast_table = read_table(path, sheet=name)
        slow_table = READ_WITH_OPENPYXL(path, name, Limits())
        assert fast_table == slow_table
        assert typed(fast_table.rows) == typed(slow_table.rows)
    assert list_sheets(path) == names
    return got


@pytest.fixture
def no_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    """Fail if read_table hands the file to openpyxl."""
    def refuse(*_: Any) -> None:
        raise AssertionError("fell back to openpyxl")
    monkeypatch.setattr(reading, "_read_xlsx_openpyxl", refuse)


# --- workbooks written from raw XML parts, for what openpyxl cannot write -----------------------

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}{shared}</Types>"""
SHEET_CT = ('<Override PartName="/xl/worksheets/{part}" ContentType="application/'
            'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>')
SHARED_CT = ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
             'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>')
WS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"

STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="4">
  <numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>
  <numFmt numFmtId="165" formatCode="&quot;day&quot; 0"/>
  <numFmt numFmtId="14" formatCode="0.00"/>
  <numFmt numFmtId="166" formatCode="[h]:mm"/>
</numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts>
<fills count="1"><fill><patternFill/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="7">
  <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="165" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="46" fontId="0" fillId="0" borderId="0" xfId="0"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

SHARED = f"""<sst xmlns="{MAIN}" count="6" uniqueCount="6">
<si><t>Vastaus</t></si>
<si><t xml:space="preserve">  välilyönnit  </t></si>
<si><r><rPr><b/></rPr><t>Rich </t></r><r><t>text</t></r><rPh sb="0" eb="1"><t>ignored</t></rPh></si>
<si><t/></si>
<si><t>line_x005F_x000D_break &amp; &lt;tag&gt;</t></si>
<si><t>Ääkköset €</t></si>
</sst>"""


def sheet_xml(rows: str, dimension: str | None = "A1:F9", extra: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{dim}<sheetData>{rows}</sheetData>{extra}</worksheet>'


def build_xlsx(path: Path, sheets: list[tuple[str, str, str]], shared: str | None = SHARED,
               styles: str | None = STYLES, date1904: bool = False,
               rel_prefix: str = "worksheets/") -> Path:
    """Write a workbook from raw parts: sheets are (name, part file name, sheet XML)."""
    sheet_entries = "".join(f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>'
                            for i, (n, _, _) in enumerate(sheets, start=1))
    rels = "".join(f'<Relationship Id="rId{i}" Type="{WS_TYPE}" Target="{rel_prefix}{part}"/>'
                   for i, (_, part, _) in enumerate(sheets, start=1))
    pr = '<workbookPr date1904="1"/>' if date1904 else "<workbookPr/>"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", CONTENT_TYPES.format(
            sheets="".join(SHEET_CT.format(part=p) for _, p, _ in sheets),
            shared=SHARED_CT if shared is not None else ""))
        zf.writestr("_rels/.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
                    '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
                    'formats.org/officeDocument/2006/relationships/officeDocument" '
                    'Target="xl/workbook.xml"/></Relationships>')
        zf.writestr("xl/workbook.xml", f'<workbook xmlns="{MAIN}" xmlns:r="{REL}">{pr}'
                    f"<sheets>{sheet_entries}</sheets></workbook>")
        zf.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxml'
                    f'formats.org/package/2006/relationships">{rels}</Relationships>')
        for _, part, xml in sheets:
            zf.writestr(f"xl/worksheets/{part}", xml)
        if shared is not None:
            zf.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            zf.writestr("xl/styles.xml", styles)
    return path


RAW_ROWS = """
<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c>
  <c r="D1" t="s"><v>3</v></c><c r="E1" t="s"><v>4</v></c><c r="F1" t="s"><v>5</v></c></row>
<row r="2"><c r="A2" s="1"><v>45352</v></c><c r="B2" s="2"><v>45352</v></c><c r="C2" s="3"><v>45352</v></c>
  <c r="D2" s="4"><v>45352.75</v></c><c r="E2" s="5"><v>1.5</v></c><c r="F2" s="6"><v>0.25</v></c></row>
<row r="3"><c r="A3" s="1"><v>59</v></c><c r="B3" s="1"><v>60</v></c><c r="C3" s="1"><v>61</v></c>
  <c r="D3" s="1"><v>0.5</v></c><c r="E3" s="4"><v>0</v></c><c r="F3" s="1"><v>1E+300</v></c></row>
<row r="4"><c r="A4" t="b"><v>1</v></c><c r="B4" t="b"><v>0</v></c><c r="C4" t="e"><v>#N/A</v></c>
  <c r="D4" t="str"><f>A1&amp;"x"</f><v>Vastausx</v></c><c r="E4"><f>1+1</f><v>2</v></c>
  <c r="F4" t="d"><v>2024-03-01T10:30:00</v></c></row>
<row r="6" spans="1:6" ht="20" customHeight="1"><c r="B6"><v>-1.25</v></c><c r="E6"><v>12345678901234</v></c></row>
<row r="7"><c t="inlineStr"><is><t>no ref</t></is></c><c><v>7</v></c><c r="E7" t="inlineStr"><is><r><t>rich</t></r><r><rPr><i/></rPr><t> inline</t></r></is></c><c><v>2.5e3</v></c></row>
<row><c r="A8" t="inlineStr"><is><t/></is></c><c r="B8"><v></v></c><c r="C8" t="s"><v>-1</v></c><c r="D8" t="d"><v>12:30:00</v></c></row>
<row r="5"><c r="A5" t="inlineStr"><is><t>backwards: skipped</t></is></c></row>
<row r="9"><c r="C9" t="inlineStr"><is><t>  </t></is></c></row>
<row r="12"><c r="G12"><v>1</v></c></row>
"""


def test_fixtures_identical(no_fallback: None) -> None:
    paths = sorted(FIX.glob("*.xlsx"))
    assert len(paths) >= 2
    for path in paths:
        assert_same(path)


def test_raw_workbook_every_cell_kind(tmp_path: Path, no_fallback: None) -> None:
    path = build_xlsx(tmp_path / "raw.xlsx", [("Vastaukset", "sheet1.xml", sheet_xml(RAW_ROWS))])
    rows = assert_same(path)["Vastaukset"]
    assert rows[0] == ("Vastaus", "  välilyönnit  ", "Rich text", "", "line_x000D_break & <tag>",
                       "Ääkköset €")
    assert rows[1][:4] == (datetime(2024, 3, 1), 45352, 45352.0, datetime(2024, 3, 1, 18))
    assert rows[1][4:] == (timedelta(days=1.5), timedelta(hours=6))
    assert rows[2][:4] == (datetime(1900, 2, 28), datetime(1900, 2, 28), datetime(1900, 3, 1),
                           time(12))  # the 1900 leap-year bug: serial 60 is the phantom 29 Feb
    assert rows[2][4:] == (time(0), "#VALUE!")
    assert rows[3] == (True, False, "#N/A", "Vastausx", 2, datetime(2024, 3, 1, 10, 30))
    assert rows[4] == (None,) * 6  # row 5 comes after row 8 in the file: openpyxl skips it
    assert rows[5] == (None, -1.25, None, None, 12345678901234, None)
    assert rows[6] == ("no ref", 7, None, None, "rich inline", 2500.0)
    assert rows[7] == ("", None, "Ääkköset €", time(12, 30), None, None)
    assert len(rows) == 9  # <dimension> A1:F9: row 12 and column G are cut, as openpyxl does
    table = read_table(path)
    assert table.row_numbers == [1, 2, 3, 4, 6, 7, 8]  # blank-only row 9 dropped


@pytest.mark.parametrize("dimension", [None, "A1:B2", "A1:H20", "C3"])
def test_dimension_missing_small_large(tmp_path: Path, dimension: str | None,
                                       no_fallback: None) -> None:
    path = build_xlsx(tmp_path / "dim.xlsx", [("S", "sheet1.xml", sheet_xml(RAW_ROWS, dimension))])
    assert_same(path)


def test_1904_dates_several_sheets_and_order(tmp_path: Path, no_fallback: None) -> None:
    first = sheet_xml('<row r="1"><c r="A1" s="1"><v>0</v></c><c r="B1" s="1"><v>45000.5</v></c>'
                      '<c r="C1" s="4"><v>59</v></c></row>')
    second = sheet_xml('<row r="2"><c r="B2" t="s"><v>5</v></c></row>')
    path = build_xlsx(tmp_path / "mac.xlsx", [("Zeta", "sheet2.xml", first),
                                               ("Alpha", "sheet1.xml", second)], date1904=True,
                      rel_prefix="/xl/worksheets/")
    got = assert_same(path)
    assert list(got) == ["Zeta", "Alpha"]
    assert got["Zeta"][0][:3] == (time(0), datetime(2027, 3, 16, 12), datetime(1904, 2, 29))
    assert read_table(path, sheet="Alpha").rows == [[None, "Ääkköset €"]]


def test_no_styles_no_shared_strings(tmp_path: Path, no_fallback: None) -> None:
    xml = sheet_xml('<row r="1"><c r="A1" s="1"><v>45352</v></c><c r="B1" t="inlineStr">'
                    '<is><t>x</t></is></c></row>')
    path = build_xlsx(tmp_path / "bare.xlsx", [("S", "sheet1.xml", xml)], shared=None, styles=None)
    assert assert_same(path)["S"][0][:2] == (45352, "x")


def test_openpyxl_written_workbook(tmp_path: Path, no_fallback: None) -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Vastaukset"
    ws.append(["Response ID", "Date", "NPS", "OK?", "Formula", "Comment"])
    ws.append(["R1", datetime(2024, 3, 1, 9, 30), 9, True, "=C2*2", "Hyvä"])
    ws.append(["R2", date(2024, 3, 2), 3.5, False, "=SUM(C2:C3)", None])
    ws["B4"] = 45400
    ws["B4"].number_format = "yyyy-mm-dd hh:mm"
    ws["C4"] = 0.75
    ws["C4"].number_format = "0%"
    ws["D4"] = 45400
    ws["D4"].number_format = '"d"0'  # quoted literal: not a date
    ws["E4"] = 1.25
    ws["E4"].number_format = "[h]:mm:ss"
    ws["F4"] = "#DIV/0!"
    ws["A6"], ws["F6"] = "sparse", "row"
    ws.merge_cells("A8:C8")
    ws["A8"] = "merged"
    ws["B10"].number_format = "0"  # styled empty cell after the data
    extra = wb.create_sheet("Ohjeet")
    extra["A1"] = "ohje"
    hidden = wb.create_sheet("Piilotettu")
    hidden.sheet_state = "hidden"
    hidden.append([1, 2, 3])
    path = tmp_path / "written.xlsx"
    wb.save(path)
    got = assert_same(path)["Vastaukset"]
    assert got[1][:4] == ("R1", datetime(2024, 3, 1, 9, 30), 9, True)
    assert got[1][4] is None  # formula without a cached value
    assert got[3][1:5] == (datetime(2024, 4, 18), 0.75, 45400, timedelta(hours=30))


def test_openpyxl_1904_and_write_only(tmp_path: Path, no_fallback: None) -> None:
    wb = openpyxl.Workbook()
    wb.epoch = CALENDAR_MAC_1904
    wb.active.append([datetime(2024, 3, 1, 12), date(1999, 12, 31), time(8, 15)])
    mac = tmp_path / "mac.xlsx"
    wb.save(mac)
    assert assert_same(mac)["Sheet"][0] == (datetime(2024, 3, 1, 12), datetime(1999, 12, 31),
                                            time(8, 15))
    wo = openpyxl.Workbook(write_only=True)  # no <dimension>, inline strings: the bench format
    ws = wo.create_sheet("Responses")
    ws.append(["id", "score"])
    for i in range(50):
        ws.append([f"R{i}", i % 11, None, "" if i % 3 else "x"])
    stream = tmp_path / "stream.xlsx"
    wo.save(stream)
    assert len(assert_same(stream)["Responses"]) == 51


@pytest.fixture(params=[True, False], ids=["tree-chunks", "iterparse"])
def parse_mode(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> bool:
    """Run a test with both row-extraction paths of the fast reader."""
    monkeypatch.setattr(xlsx_stream, "USE_TREE_CHUNKS", request.param)
    return request.param


def test_both_parse_paths_identical(tmp_path: Path, parse_mode: bool, no_fallback: None) -> None:
    build_xlsx(tmp_path / "raw.xlsx", [("S", "sheet1.xml", sheet_xml(RAW_ROWS))])
    build_xlsx(tmp_path / "nodim.xlsx", [("S", "sheet1.xml", sheet_xml(RAW_ROWS, None))])
    for path in [*sorted(FIX.glob("*.xlsx")), tmp_path / "raw.xlsx", tmp_path / "nodim.xlsx"]:
        assert_same(path)


def test_memory_stays_flat_while_streaming(tmp_path: Path, parse_mode: bool) -> None:
    """Rows are dropped from the parsed tree as they are read: a 15,000-row sheet streams
    in well under the ~22 MiB its element tree would take."""
    import tracemalloc
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c><c r="B{i}" t="inlineStr">'
                   f"<is><t>x{i}</t></is></c></row>" for i in range(1, 15001))
    path = build_xlsx(tmp_path / "long.xlsx", [("S", "sheet1.xml", sheet_xml(rows, None))])
    with XlsxStream(path) as book:
        tracemalloc.start()
        try:
            count = sum(1 for _ in book.iter_rows("S"))
            peak = tracemalloc.get_traced_memory()[1]
        finally:
            tracemalloc.stop()
    assert count == 15000
    assert peak < 4 * 2**20, f"peak {peak / 2**20:.1f} MiB"


def test_refused_workbook_falls_back_to_openpyxl(tmp_path: Path,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    odd = sheet_xml('<row r="1"><c r="A1"><v>1</v></c><extLst/><c r="C1"><v>3</v></c></row>'
                    '<row r="2"><c r="A2" t="inlineStr"><is><t>ok</t></is></c></row>', None)
    path = build_xlsx(tmp_path / "odd.xlsx", [("S", "sheet1.xml", odd)])
    with pytest.raises(Unsupported):
        fast_view(path)
    calls: list[str] = []
    original = reading._read_xlsx_openpyxl

    def spy(*args: Any) -> Any:
        calls.append("openpyxl")
        return original(*args)
    monkeypatch.setattr(reading, "_read_xlsx_openpyxl", spy)
    table = read_table(path)
    assert calls == ["openpyxl"]
    assert table.rows == [[1, None, 3], ["ok", None, None]]
    assert table.row_numbers == [1, 2]


def test_unknown_extension_and_broken_package_refused(tmp_path: Path) -> None:
    path = build_xlsx(tmp_path / "export.zip", [("S", "sheet1.xml", sheet_xml(RAW_ROWS))])
    with pytest.raises(Unsupported, match="extension"):
        XlsxStream(path)
    with pytest.raises(Exception, match="does not support"):
        read_table(path)  # openpyxl's own refusal, as before the fast reader existed
    empty = tmp_path / "empty.xlsx"
    zipfile.ZipFile(empty, "w").close()
    with pytest.raises(Unsupported, match="missing part"):
        sheet_names(empty)


def test_safety_checks_run_before_the_fast_reader(tmp_path: Path,
                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    bomb = tmp_path / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        zf.writestr("xl/worksheets/sheet1.xml", b"\0" * (20 * 1024 * 1024))

    def never(*_: Any) -> None:
        raise AssertionError("opened before the zip check")
    monkeypatch.setattr("surveys.xlsx_stream.XlsxStream", never)
    monkeypatch.setattr("surveys.xlsx_stream.sheet_names", never)
    with pytest.raises(FileRejectedError, match="zip bomb"):
        read_table(bomb)
    with pytest.raises(FileRejectedError, match="zip bomb"):
        list_sheets(bomb)


def test_row_limit_and_missing_sheet_on_fast_path(tmp_path: Path, no_fallback: None) -> None:
    rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 61))
    path = build_xlsx(tmp_path / "many.xlsx", [("S", "sheet1.xml", sheet_xml(rows, None))])
    with pytest.raises(FileRejectedError, match="many.xlsx.*maximum of 50 rows"):
        read_table(path, limits=Limits(max_rows=50))
    with pytest.raises(FileRejectedError, match="no sheet 'T'; sheets: S"):
        read_table(path, sheet="T")


def random_cell(rnd: Any, ref: str) -> str:
    """One random but valid <c> element (shared string, number, date-styled number, bool, ...)."""
    r = f' r="{ref}"' if rnd.random() < 0.8 else ""
    s = f' s="{rnd.randrange(7)}"' if rnd.random() < 0.5 else ""
    kind = rnd.choice(["s", "n", "n", "b", "e", "str", "inlineStr", "d", "empty"])
    if kind == "s":
        return f'<c{r}{s} t="s"><v>{rnd.randrange(6)}</v></c>'
    if kind == "n":
        value = rnd.choice([str(rnd.randrange(-5, 80000)), f"{rnd.uniform(0, 70000):.6f}",
                            f"{rnd.uniform(0, 1):.4E}", "0", "60", "1.0"])
        return f"<c{r}{s}><v>{value}</v></c>"
    if kind == "b":
        return f'<c{r}{s} t="b"><v>{rnd.randrange(2)}</v></c>'
    if kind == "e":
        return f'<c{r}{s} t="e"><v>{rnd.choice(["#N/A", "#DIV/0!", "#REF!"])}</v></c>'
    if kind == "str":
        return f'<c{r}{s} t="str"><f>X</f><v>{rnd.choice(["", " ", "a b", "&amp;"])}</v></c>'
    if kind == "inlineStr":
        return f'<c{r}{s} t="inlineStr"><is><t>{rnd.choice(["", " x ", "ö", "1"])}</t></is></c>'
    if kind == "d":
        return f'<c{r}{s} t="d"><v>{rnd.choice(["2024-02-29", "2024-02-29T23:59:59", "08:00:00"])}</v></c>'
    return f"<c{r}{s}/>"


@pytest.mark.parametrize("seed", range(12))
def test_random_workbooks_identical(tmp_path: Path, seed: int, no_fallback: None) -> None:
    import random
    from openpyxl.utils import get_column_letter
    rnd = random.Random(seed)
    sheets = []
    for k in range(rnd.randint(1, 3)):
        rows, row = [], 0
        for _ in range(rnd.randint(0, 25)):
            row += rnd.choice([1, 1, 1, 2, 5])
            cols = sorted(rnd.sample(range(1, 12), rnd.randint(0, 6)))
            cells = "".join(random_cell(rnd, f"{get_column_letter(c)}{row}") for c in cols)
            rows.append(f'<row r="{row}">{cells}</row>' if rnd.random() < 0.9 else f"<row>{cells}</row>")
        dimension = rnd.choice([None, f"A1:K{max(row, 1)}", "A1:D5", "B2:Z40"])
        sheets.append((f"S{k}", f"sheet{k + 1}.xml", sheet_xml("".join(rows), dimension)))
    path = build_xlsx(tmp_path / f"random{seed}.xlsx", sheets, date1904=rnd.random() < 0.3)
    assert_same(path)


def test_filled_width_matches_the_original_rule() -> None:
    import random
    rnd = random.Random(3)
    for _ in range(2000):
        row = [rnd.choice([None, "", " ", "x", 0, 0.0, False, True, date(2024, 1, 1)])
               for _ in range(rnd.randint(0, 8))]
        original = max((i + 1 for i, v in enumerate(row) if v not in (None, "")), default=0)
        assert reading._filled_width(row) == original
