"""The meeting pack (issue 13): `python -m pipelines report pack` in xlsx, html and pdf on the S demo.

The xlsx is opened with openpyxl (sheets, values equal to the pack's data, planted formulas
neutralised, a value below min n blank), the HTML parsed (charts present, no external URL), the
PDF turned into PNG pages with pdftoppm and its text read with pdftotext.
"""

from __future__ import annotations

import shutil
import struct
import subprocess
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import duckdb
import openpyxl
import pytest

from core.db import connect
from core.safe_cells import xlsx_cell
from pipelines.cli import main as cli_main
from pipelines.report_pack import build_pack, chromium_path, default_period, parse_period
from pipelines.report_pack.build import PackError
from pipelines.runner import refresh
from tests.actors import EDITOR

PLANT = '=HYPERLINK("http://x","y")'
FUNCTION = "logistics"
STAGE = "delivery"


@pytest.fixture(scope="module")
def pack_db(demo_db, tmp_path_factory) -> Path:
    """A copy of the S demo with a planted formula in the newest comment from a customer who met
    friction at a logistics stage, and (when the register exists) an overdue action titled with it."""
    path = tmp_path_factory.mktemp("pack") / "cx.duckdb"
    shutil.copy(demo_db, path)
    con = connect(path)
    try:
        start, end = default_period(con)
        (response,) = con.execute(
            """select response_id from mart_stage_responses
               where owner = ? and had_friction and period_month between ? and ?
                 and comment is not null and trim(comment) <> ''
               order by responded_at desc, response_id limit 1""",
            [FUNCTION, start, end],
        ).fetchall()[0]
        con.execute("update raw_survey_responses set comment = ? where response_id = ?", [PLANT, response])
        refresh(con)
        try:
            from pipelines.actions import add_action
        except ImportError:
            pass
        else:
            add_action(
                con,
                actor=EDITOR,
                point_kind="stage",
                point_key=STAGE,
                title=PLANT,
                owner_function=FUNCTION,
                metric="nps",
                responsible="@SUM(1)",
                due_date=date(2020, 1, 1),
                notes="-1+1",
            )
    finally:
        con.close()
    return path


@pytest.fixture(scope="module")
def pack(pack_db):
    con = duckdb.connect(str(pack_db), read_only=True)
    try:
        return build_pack(con, "all", None, "en", as_of=date(2026, 11, 1))
    finally:
        con.close()


def _cli(db: Path, out: Path, *extra: str) -> int:
    return cli_main(["report", "pack", "--db", str(db), "--out", str(out), *extra])


@pytest.fixture(scope="module")
def files(pack_db, pack, tmp_path_factory) -> dict[str, Path]:
    out = tmp_path_factory.mktemp("pack_out")
    period = f"{pack.start:%Y-%m}..{pack.end:%Y-%m}"
    paths = {}
    for fmt in ("xlsx", "html") + (("pdf",) if chromium_path() else ()):
        paths[fmt] = out / f"pack.{fmt}"
        assert _cli(pack_db, paths[fmt], "--format", fmt, "--period", period, "--lang", "en") == 0
    return paths


# --- content ------------------------------------------------------------------------------------


def test_pack_content_follows_the_marts_and_the_min_n_rule(pack):
    assert [s.metric for s in pack.scores] == ["nps", "csat", "ces"]
    assert {s.function_id for s in pack.functions} >= {FUNCTION, "warehouse", "billing"}
    hidden = [p for s in pack.functions for p in s.points if not p.enough_n]
    assert hidden, "the S demo has friction points below min n"
    for p in hidden:
        assert (p.score_with, p.delta, p.ci_low, p.stake, p.stake_low) == (None,) * 5
    shown = [p for p in pack.top_points if p.enough_n]
    assert shown and all(p.stake is not None and p.stake_low <= p.stake <= p.stake_high for p in shown)
    comments = next(s for s in pack.functions if s.function_id == FUNCTION).comments
    assert comments and comments[0].comment == PLANT


def test_a_period_with_too_few_responses_blanks_the_score(pack_db):
    con = duckdb.connect(str(pack_db), read_only=True)
    try:
        end = default_period(con)[1]
        small = build_pack(con, "billing", (end, end), "fi")
    finally:
        con.close()
    low = [s for s in small.scores if s.n < small.min_n]
    assert low and all(s.value is None and s.change is None for s in low)
    assert small.scope_name == "Laskutus" and [s.function_id for s in small.functions] == ["billing"]


def test_periods_and_bad_input():
    assert parse_period("2026-05..2026-10") == (date(2026, 5, 1), date(2026, 10, 1))
    assert parse_period("2026-05-17..2026-10-31") == (date(2026, 5, 1), date(2026, 10, 1))
    for bad in ("2026-05", "2026-10..2026-05", "2026-13..2026-14", "x..y"):
        with pytest.raises(PackError):
            parse_period(bad)


def test_cli_errors_are_one_line(pack_db, tmp_path, capsys):
    assert _cli(pack_db, tmp_path / "a.xlsx", "--function", "nope") == 2
    assert "unknown function 'nope'" in capsys.readouterr().err
    assert _cli(pack_db, tmp_path / "a.xlsx", "--period", "2026-10..2026-01") == 2
    assert "ends before it starts" in capsys.readouterr().err
    assert _cli(pack_db, tmp_path / "a.txt") == 2
    assert "--format" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_xlsx_cell_neutralises_and_drops_what_xlsx_cannot_hold():
    assert xlsx_cell(PLANT) == "'" + PLANT
    assert xlsx_cell("\x00=1") == "'\ufffd=1" and xlsx_cell("a\x07b\tc") == "a\ufffdb\tc"
    assert xlsx_cell(-3) == -3 and xlsx_cell(None) is None and xlsx_cell("ok") == "ok"


# --- xlsx ---------------------------------------------------------------------------------------


def _rows(ws, header_row: int) -> list[dict]:
    header = [c.value for c in ws[header_row]]
    out = []
    for row in ws.iter_rows(min_row=header_row + 1, values_only=True):
        if all(v is None for v in row):
            break
        out.append(dict(zip(header, row)))
    return out


def test_xlsx_sheets_values_formats_and_escaping(files, pack):
    wb = openpyxl.load_workbook(files["xlsx"])
    assert wb.sheetnames == ["Summary", *[s.name for s in pack.functions], "Actions"]
    summary = wb["Summary"]
    assert summary.freeze_panes == "A7" and summary._charts
    scores = _rows(summary, 6)
    assert [r["Metric"] for r in scores] == ["NPS", "CSAT %", "CES"]
    for row, expected in zip(scores, pack.scores):
        assert row["Responses"] == expected.n and row["Score"] == pytest.approx(expected.value)
        assert row["Change"] == pytest.approx(expected.change)
    assert summary.cell(7, 3).number_format == "0.0" and summary.cell(9, 3).number_format == "0.00"

    section = next(s for s in pack.functions if s.function_id == FUNCTION)
    ws = wb[section.name]
    assert ws.freeze_panes == "A4" and ws["A3"].font.bold
    points = _rows(ws, 3)
    assert len(points) == len(section.points)
    for row, expected in zip(points, section.points):
        assert row["Friction point"] == expected.name and row["Journeys reached"] == expected.reach
        assert row["Friction rate"] == pytest.approx(expected.friction_rate)
        assert row["Avoidable cost"] == pytest.approx(expected.avoidable_cost)
        assert row["Points at stake"] == (None if expected.stake is None else pytest.approx(expected.stake))
    rate_col = [c.value for c in ws[3]].index("Friction rate") + 1
    cost_col = [c.value for c in ws[3]].index("Avoidable cost") + 1
    assert ws.cell(4, rate_col).number_format == "0 %" and "€" in ws.cell(4, cost_col).number_format
    assert ws.column_dimensions["B"].width >= max(len(p.name) for p in section.points)

    hidden = next((s, p) for s in pack.functions for p in s.points if not p.enough_n)
    hidden_rows = _rows(wb[hidden[0].name], 3)
    row = next(
        r for r in hidden_rows if r["Friction point"] == hidden[1].name and r["Rank"] == hidden[1].rank
    )
    assert row["n with friction"] == hidden[1].n_with  # counts stay, as on the pages
    assert all(row[k] is None for k in ("Score with", "Difference", "95% CI low", "Points at stake"))

    cells = [c for sheet in wb for line in sheet.iter_rows() for c in line if c.value is not None]
    assert not [c.coordinate for c in cells if c.data_type == "f"], "no formula anywhere"
    planted = [c for c in cells if isinstance(c.value, str) and "HYPERLINK" in c.value]
    assert planted and all(c.value == "'" + PLANT for c in planted)
    texts = [c.value for c in cells if isinstance(c.value, str)]
    assert not [v for v in texts if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
    if pack.actions_available:
        actions = _rows(wb["Actions"], 2)
        mine = next(r for r in actions if r["Action"] == "'" + PLANT)
        assert mine["Overdue"] == "yes" and mine["Responsible"] == "'@SUM(1)" and mine["Notes"] == "'-1+1"
        assert mine["Due"].date() == date(2020, 1, 1) and len(actions) == len(pack.actions)


# --- html ---------------------------------------------------------------------------------------


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.urls: list[str] = []
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append(tag)
        self.urls += [v for k, v in attrs if k in ("src", "href", "srcset", "action", "data") and v]

    def handle_data(self, data):
        self.text.append(data)


def test_html_is_self_contained_with_charts(files, pack):
    text = files["html"].read_text(encoding="utf-8")
    parser = _Links()
    parser.feed(text)
    assert not [u for u in parser.urls if u.lower().startswith(("http:", "https:", "//"))], parser.urls
    assert "link" not in parser.tags and "iframe" not in parser.tags
    assert "@import" not in text and "url(http" not in text and "fonts.googleapis" not in text
    assert text.count('class="plotly-graph-div"') >= 1 + len([s for s in pack.functions if s.reached])
    assert (
        text.count("Plotly.newPlot") >= 1
        and "cdn.plot.ly/plotly" not in text.split("Plotly.newPlot")[0][-2000:]
    )
    assert "@page { size: A4" in text
    body = "".join(parser.text)
    assert PLANT in body and '<a href="http://x"' not in text  # shown as text, never as markup
    for section in pack.functions:
        assert section.name.replace("&", "&amp;") in text


# --- pdf ----------------------------------------------------------------------------------------


def _png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


@pytest.mark.skipif(chromium_path() is None, reason="Chromium is not installed")
def test_pdf_pages_are_a4_with_the_text(files, pack, tmp_path):
    if not shutil.which("pdftoppm") or not shutil.which("pdftotext"):
        pytest.fail("poppler-utils (pdftoppm, pdftotext) is needed: apt-get install poppler-utils")
    pdf = files["pdf"]
    assert pdf.read_bytes().startswith(b"%PDF")
    subprocess.run(["pdftoppm", "-r", "36", "-png", str(pdf), str(tmp_path / "page")], check=True)
    pages = sorted(tmp_path.glob("page-*.png"))
    assert len(pages) >= 2 + len(pack.functions)  # summary, one section per function, the actions
    assert len(pages) <= 4 * (2 + len(pack.functions))
    for page in pages:
        width, height = _png_size(page)
        assert (width, height) == pytest.approx((298, 421), abs=2)  # A4 portrait at 36 dpi
    text = subprocess.run(
        ["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    assert "Review meeting pack" in text and "Top friction points" in text
    for section in pack.functions:
        assert section.name in text
    flat = " ".join(text.split())
    assert "Significant" in flat and "Points at stake" in flat  # the last columns are not clipped
    if pack.actions:
        assert "HYPERLINK" in flat


def test_pdf_without_chromium_is_a_clear_error(pack_db, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("CX_CHROMIUM", str(tmp_path / "no-such-browser"))
    assert _cli(pack_db, tmp_path / "p.pdf") == 2
    assert "PDF needs Chromium" in capsys.readouterr().err
    assert not (tmp_path / "p.pdf").exists()


# --- the dashboard's download ---------------------------------------------------------------------


def _download_script(period_start: str, period_end: str) -> None:
    from datetime import date as _date

    from dashboard.pack_download import render_pack_download

    render_pack_download("all", (_date.fromisoformat(period_start), _date.fromisoformat(period_end)), "fi")


def test_download_buttons(pack_db, pack, monkeypatch):
    from streamlit.testing.v1 import AppTest

    monkeypatch.setenv("CX_DB", str(pack_db))
    at = AppTest.from_function(
        _download_script, args=(pack.start.isoformat(), pack.end.isoformat()), default_timeout=120
    )
    try:
        at.run()
    finally:
        from dashboard import data

        data.close_connections()  # release the copy (the AppTest's process connection)
    assert not at.exception, [e.value for e in at.exception]
    labels = [b.label for b in at.get("download_button")]
    assert labels[:2] == ["Excel (.xlsx)", "Web page (.html)"]  # the page's language; the pack's is fi
    assert ("PDF (A4)" in labels) == (chromium_path() is not None)
    assert any("all functions" in c.value for c in at.caption)


def test_pack_cover_names_the_scope_and_months_as_the_pack(pack_db, pack):
    from pipelines.report_pack import PackError, pack_cover

    con = duckdb.connect(str(pack_db), read_only=True)
    try:
        assert pack_cover(con, "all", None, "en") == (pack.scope_name, pack.start, pack.end)
        section = pack.functions[0]
        assert pack_cover(con, section.function_id, None, "en")[0] == section.name
        with pytest.raises(PackError, match="unknown function 'nobody'"):
            pack_cover(con, "nobody", None, "en")
    finally:
        con.close()


def test_download_file_is_made_when_asked_on_a_cursor_of_its_own(pack_db, pack):
    """The Review page registers a maker per format; calling it (Streamlit does so on its download
    thread, when the button is clicked) gathers the pack and returns the file."""
    from html import escape

    from dashboard.pack_download import pack_file_maker

    con = duckdb.connect(str(pack_db), read_only=True)
    try:
        make = pack_file_maker(con, "all", (pack.start, pack.end), "en", "html")
        html = make()
        html = html.decode("utf-8") if isinstance(html, bytes) else html
        assert "Review meeting pack" in html
        for section in pack.functions:
            assert escape(section.name) in html
        con.execute("select 1").fetchall()  # the maker closed only its own cursor
    finally:
        con.close()
