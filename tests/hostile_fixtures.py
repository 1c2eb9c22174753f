"""Builders for hostile and odd input files: workbooks from raw XML parts, CSV attacks.

Everything is written into a directory the test gives (tmp_path); nothing is stored in the repo.
"""

from __future__ import annotations

import base64
import os
import random
import struct
import zipfile
from pathlib import Path

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WS_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet"

CONTENT_TYPES = """<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>
<Default Extension="xml" ContentType="application/xml"/>
<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>
{sheets}{shared}</Types>"""
SHEET_CT = (
    '<Override PartName="/xl/worksheets/{part}" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
)
SHARED_CT = (
    '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
)

STYLES = f"""<styleSheet xmlns="{MAIN}">
<numFmts count="2">
  <numFmt numFmtId="164" formatCode="dd.mm.yyyy"/>
  <numFmt numFmtId="166" formatCode="[h]:mm"/>
</numFmts>
<fonts count="1"><font><sz val="11"/></font></fonts>
<fills count="1"><fill><patternFill/></fill></fills>
<borders count="1"><border/></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="4">
  <xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>
  <xf numFmtId="22" fontId="0" fillId="0" borderId="0" xfId="0"/>
  <xf numFmtId="166" fontId="0" fillId="0" borderId="0" xfId="0"/>
</cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>"""

SHARED = f"""<sst xmlns="{MAIN}" count="4" uniqueCount="4">
<si><t>Response ID</t></si><si><t>NPS</t></si><si><t>Kommentti ä</t></si><si><t>Date</t></si></sst>"""

HEADER_ROW = (
    '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c>'
    '<c r="C1" t="s"><v>2</v></c><c r="D1" t="s"><v>3</v></c></row>'
)


def data_rows(n: int, first: int = 2) -> str:
    """n rows below the header: an id, a score, a comment and a date cell."""
    return "".join(
        f'<row r="{i}"><c r="A{i}" t="inlineStr"><is><t>R{i}</t></is></c>'
        f'<c r="B{i}"><v>{i % 11}</v></c><c r="C{i}" t="inlineStr"><is><t>ok</t></is></c>'
        f'<c r="D{i}" s="1"><v>{45352 + i % 300}</v></c></row>'
        for i in range(first, first + n)
    )


def sheet_xml(rows: str, dimension: str | None = None, prolog: str = "") -> str:
    dim = f'<dimension ref="{dimension}"/>' if dimension else ""
    return f'{prolog}<worksheet xmlns="{MAIN}" xmlns:r="{REL}">{dim}<sheetData>{rows}</sheetData></worksheet>'


def build_xlsx(
    path: Path,
    sheets: list[tuple[str, str, str | bytes]],
    shared: str | bytes | None = SHARED,
    styles: str | None = STYLES,
    extra: dict[str, str | bytes] | None = None,
    compression: int = zipfile.ZIP_DEFLATED,
) -> Path:
    """Write a workbook from raw parts: sheets are (name, part file name, sheet XML)."""
    entries = "".join(
        f'<sheet name="{n}" sheetId="{i}" r:id="rId{i}"/>' for i, (n, _, _) in enumerate(sheets, start=1)
    )
    rels = "".join(
        f'<Relationship Id="rId{i}" Type="{WS_TYPE}" Target="worksheets/{part}"/>'
        for i, (_, part, _) in enumerate(sheets, start=1)
    )
    with zipfile.ZipFile(path, "w", compression) as zf:
        zf.writestr(
            "[Content_Types].xml",
            CONTENT_TYPES.format(
                sheets="".join(SHEET_CT.format(part=p) for _, p, _ in sheets),
                shared=SHARED_CT if shared is not None else "",
            ),
        )
        zf.writestr(
            "_rels/.rels",
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
            '2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxml'
            'formats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>',
        )
        zf.writestr(
            "xl/workbook.xml",
            f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><workbookPr/><sheets>{entries}</sheets></workbook>',
        )
        zf.writestr(
            "xl/_rels/workbook.xml.rels",
            '<Relationships xmlns="http://schemas.openxml'
            f'formats.org/package/2006/relationships">{rels}</Relationships>',
        )
        for _, part, xml in sheets:
            zf.writestr(f"xl/worksheets/{part}", xml)
        if shared is not None:
            zf.writestr("xl/sharedStrings.xml", shared)
        if styles is not None:
            zf.writestr("xl/styles.xml", styles)
        for name, data in (extra or {}).items():
            zf.writestr(name, data)
    return path


def one_sheet(path: Path, rows: str, dimension: str | None = None, **kw: object) -> Path:
    return build_xlsx(path, [("Vastaukset", "sheet1.xml", sheet_xml(rows, dimension))], **kw)


def noise(n: int, seed: int = 1) -> str:
    """n characters of incompressible text (base64 of random bytes): no zip-bomb ratio."""
    rnd = random.Random(seed)
    return base64.b64encode(rnd.randbytes(n * 3 // 4 + 3)).decode("ascii")[:n]


# --- the attacks of issue 11 -----------------------------------------------------------------


def huge_row_number(path: Path) -> Path:
    """A ~2 KB workbook whose second row is numbered 4,000,000,000."""
    return one_sheet(path, HEADER_ROW + '<row r="4000000000"><c r="A4000000000"><v>1</v></c></row>')


def huge_dimension(path: Path) -> Path:
    """Three rows of data but <dimension ref="A1:XFD1048576">."""
    return one_sheet(path, HEADER_ROW + data_rows(2), dimension="A1:XFD1048576")


def sparse_rows(path: Path) -> Path:
    """Row 1 and row 1,000,000: legal numbers, a nearly empty million-row grid."""
    return one_sheet(path, HEADER_ROW + '<row r="1000000"><c r="A1000000"><v>1</v></c></row>')


def huge_cell(path: Path, chars: int = 2_000_000) -> Path:
    """One inline-string cell of `chars` incompressible characters."""
    return one_sheet(
        path, HEADER_ROW + f'<row r="2"><c r="A2" t="inlineStr"><is><t>{noise(chars)}</t></is></c></row>'
    )


def wide_row(path: Path, cells: int = 200_000, with_refs: bool = False) -> Path:
    """One row with `cells` cells (no r attributes: each one extends the row)."""
    if with_refs:
        from openpyxl.utils import get_column_letter

        body = "".join(
            f'<c r="{get_column_letter(min(i, 18278))}2"><v>1</v></c>' for i in range(1, cells + 1)
        )
    else:
        body = "<c><v>1</v></c>" * cells
    return one_sheet(path, HEADER_ROW + f'<row r="2">{body}</row>')


def many_shared_strings(path: Path, count: int) -> Path:
    """A shared-strings table of `count` entries (only the first three used)."""
    strings = "".join(f"<si><t>s{i}</t></si>" for i in range(count))
    return one_sheet(
        path,
        HEADER_ROW + data_rows(2),
        shared=f'<sst xmlns="{MAIN}" count="{count}" uniqueCount="{count}">{strings}</sst>',
        compression=zipfile.ZIP_STORED,
    )  # stored: quick to write, no ratio refusal


def big_comment(path: Path, chars: int = 17 * 1024 * 1024) -> Path:
    """A comments part holding one comment of `chars` incompressible characters."""
    comment = (
        f'<comments xmlns="{MAIN}"><authors><author>x</author></authors><commentList>'
        f'<comment ref="A1" authorId="0"><text><t>{noise(chars)}</t></text></comment>'
        "</commentList></comments>"
    )
    return one_sheet(path, HEADER_ROW + data_rows(2), extra={"xl/comments1.xml": comment})


BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    + "".join(
        f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10)
    )
    + "]>"
)


def billion_laughs(path: Path) -> Path:
    shared = BILLION_LAUGHS + f'<sst xmlns="{MAIN}"><si><t>&lol9;</t></si></sst>'
    return one_sheet(path, '<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=shared)


def xxe(path: Path) -> Path:
    prolog = '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>'
    rows = '<row r="1"><c r="A1" t="inlineStr"><is><t>&xxe;</t></is></c></row>'
    return build_xlsx(path, [("S", "sheet1.xml", sheet_xml(rows, prolog=prolog))])


def bad_shared_index(path: Path) -> Path:
    return one_sheet(path, HEADER_ROW + '<row r="2"><c r="A2" t="s"><v>99999</v></c></row>')


def bad_date_cells(path: Path) -> Path:
    """A date cell that is not a date, a date-styled number far out of range, a negative one."""
    return one_sheet(
        path,
        HEADER_ROW + '<row r="2"><c r="A2" t="d"><v>not a date</v></c>'
        '<c r="B2" s="1"><v>1e300</v></c><c r="C2" s="2"><v>-5</v></c></row>',
    )


def zip_bomb(path: Path, mbytes: int = 60) -> Path:
    """A sheet of `mbytes` MB of one repeated row: a very high compression ratio."""
    row = '<row><c t="inlineStr"><is><t>x</t></is></c></row>'
    body = row * (mbytes * 1024 * 1024 // len(row))
    return one_sheet(path, body)


def lying_sizes(path: Path) -> Path:
    """A workbook whose sheet entry declares (in both zip headers) fewer bytes than it holds."""
    one_sheet(path, HEADER_ROW + data_rows(2000))
    data = bytearray(path.read_bytes())
    with zipfile.ZipFile(path) as zf:
        info = zf.getinfo("xl/worksheets/sheet1.xml")
    struct.pack_into("<I", data, info.header_offset + 22, 1000)  # local header: uncompressed size
    pos = data.find(b"PK\x01\x02")
    while pos >= 0:
        name_len = struct.unpack_from("<H", data, pos + 28)[0]
        if bytes(data[pos + 46 : pos + 46 + name_len]) == b"xl/worksheets/sheet1.xml":
            struct.pack_into("<I", data, pos + 24, 1000)
        pos = data.find(b"PK\x01\x02", pos + 4)
    path.write_bytes(bytes(data))
    return path


# --- CSV ------------------------------------------------------------------------------------

SURVEY_HEAD = "Response ID,Date,NPS,Comment\n"


def survey_csv(path: Path, n: int, extra: str = "") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        fh.write(SURVEY_HEAD)
        for i in range(n):
            fh.write(f"R{i},2024-01-01,{i % 11},ok\n")
        fh.write(extra)
    return path


def huge_csv_cell(path: Path, mbytes: int = 20) -> Path:
    return survey_csv(path, 3, extra=f"R9,2024-01-01,5,{'x' * (mbytes * 1024 * 1024)}\n")


def nul_after(
    path: Path, offset: int = 70_000, head: str = SURVEY_HEAD, row: str = "R{i},2024-01-01,5,ok\n"
) -> Path:
    """A text export with one NUL byte after `offset` bytes."""
    with path.open("wb") as fh:
        fh.write(head.encode())
        written, i = len(head), 0
        while written < offset:
            line = row.format(i=i).encode()
            fh.write(line)
            written += len(line)
            i += 1
        fh.write(row.format(i="NUL\x00").encode())
        fh.write(row.format(i="after").encode())
    return path


def random_bytes(n: int) -> bytes:
    return os.urandom(n)
