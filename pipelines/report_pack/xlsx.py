"""The meeting pack as an Excel workbook (openpyxl): a summary sheet, one sheet per function, the
actions. Every text cell goes through core.safe_cells.xlsx_cell (never stored as a formula)."""

from __future__ import annotations

import io
import re
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet

from core.safe_cells import xlsx_cell
from pipelines.report_pack import fmt
from pipelines.report_pack.columns import (
    Column,
    action_columns,
    comment_columns,
    point_columns,
    score_columns,
)
from pipelines.report_pack.model import FunctionSection, Pack
from pipelines.report_pack.text import Lang, t

FORMATS = {
    "int": "#,##0",
    "score": "0.0",
    "signed": "+0.0;-0.0;0.0",
    "rate": "0 %",
    "num1": "0.0",
    "eur": '#,##0 "€"',
    "date": "yyyy-mm-dd",
    "datetime": "yyyy-mm-dd hh:mm",
}
CES_FORMATS = {"score": "0.00", "signed": "+0.00;-0.00;0.00"}  # CES is shown with two decimals
HEADER_FONT = Font(bold=True, color="FFFFFF")
HEADER_FILL = PatternFill("solid", fgColor="1F5FA8")
TITLE_FONT = Font(bold=True, size=14)
SECTION_FONT = Font(bold=True, size=12)
RULE = Border(bottom=Side(style="thin", color="9CA3AF"))
MAX_WIDTH, WIDE_WIDTH = 48, 60
SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")


class _Sheet:
    """One worksheet with the widest text seen per column (for fitting column widths)."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.widths: dict[int, int] = {}

    def put(self, row: int, col: int, value: Any, number_format: str | None = None, **style: Any) -> None:
        cell = self.ws.cell(row=row, column=col, value=xlsx_cell(value))
        if number_format:
            cell.number_format = number_format
        for name, item in style.items():
            setattr(cell, name, item)
        if value is not None and style.get("font") not in (TITLE_FONT, SECTION_FONT):
            shown = len(str(value)) if isinstance(value, str) else 11
            self.widths[col] = max(self.widths.get(col, 0), shown)

    def title(self, row: int, text: str, font: Font = TITLE_FONT) -> None:
        self.put(row, 1, text, font=font)

    def table(self, top: int, columns: Sequence[Column], rows: Sequence[Any], lang: Lang) -> int:
        """Header at ``top`` and the rows below; returns the next free row."""
        for c, column in enumerate(columns, start=1):
            self.put(
                top,
                c,
                t(lang, column.key),
                font=HEADER_FONT,
                fill=HEADER_FILL,
                alignment=Alignment(wrap_text=True, vertical="top"),
                border=RULE,
            )
        for r, item in enumerate(rows, start=top + 1):
            ces = getattr(item, "metric", None) == "ces"
            for c, column in enumerate(columns, start=1):
                value = column.value(item)
                if column.kind == "flag":
                    value = None if value is None else t(lang, "yes" if value else "no")
                number_format = (CES_FORMATS if ces else {}).get(column.kind) or FORMATS.get(column.kind)
                wrap = Alignment(wrap_text=True, vertical="top") if column.wide else None
                self.put(r, c, value, number_format, **({"alignment": wrap} if wrap else {}))
        for c, column in enumerate(columns, start=1):
            if column.wide:
                self.widths[c] = min(max(self.widths.get(c, 0), 20), WIDE_WIDTH)
        return top + len(rows) + 2

    def fit(self) -> None:
        for col, width in self.widths.items():
            letter = self.ws.cell(row=1, column=col).column_letter
            self.ws.column_dimensions[letter].width = min(
                width + 2, WIDE_WIDTH if width > MAX_WIDTH else MAX_WIDTH
            )


def _sheet_name(name: str, taken: set[str]) -> str:
    base = SHEET_NAME_BAD.sub(" ", name).strip("' ")[:28] or "Sheet"
    candidate, i = base, 2
    while candidate.lower() in taken:
        candidate, i = f"{base[:25]} {i}", i + 1
    taken.add(candidate.lower())
    return candidate


def _stake_chart(
    sheet: _Sheet, first_row: int, last_row: int, name_col: int, value_col: int, anchor: str
) -> None:
    """A bar chart of the points at stake of the table's rows."""
    if last_row < first_row:
        return
    chart = BarChart()
    chart.type = "bar"
    chart.style = 10
    chart.legend = None
    chart.height, chart.width = max(6.0, 0.6 * (last_row - first_row + 1) + 2), 16.0
    values = Reference(sheet.ws, min_col=value_col, min_row=first_row - 1, max_row=last_row)
    names = Reference(sheet.ws, min_col=name_col, min_row=first_row, max_row=last_row)
    chart.add_data(values, titles_from_data=True)
    chart.set_categories(names)
    chart.y_axis.title = None
    chart.x_axis.scaling.orientation = "maxMin"  # rank 1 on top
    sheet.ws.add_chart(chart, anchor)


def _meta(sheet: _Sheet, pack: Pack) -> None:
    lang = pack.lang
    sheet.title(1, " — ".join(x for x in (pack.company, t(lang, "title")) if x))
    sheet.put(
        2,
        1,
        f"{t(lang, 'meta_scope')}: {pack.scope_name} · {t(lang, 'meta_period')}: "
        f"{fmt.month_range(pack.start, pack.end)} · {t(lang, 'meta_previous')}: "
        f"{fmt.month_range(*pack.previous)} · {t(lang, 'meta_generated')}: "
        f"{pack.generated_at:%Y-%m-%d %H:%M}",
    )
    sheet.put(3, 1, t(lang, "meta_min_n", min_n=pack.min_n))
    sheet.widths.pop(1, None)  # the long lines overflow to the right; they do not set column A


def _summary(sheet: _Sheet, pack: Pack) -> None:
    _meta(sheet, pack)
    sheet.title(5, t(pack.lang, "h_scores"), SECTION_FONT)
    row = sheet.table(6, score_columns(pack), pack.scores, pack.lang)
    sheet.ws.freeze_panes = "A7"
    sheet.title(row, t(pack.lang, "h_top"), SECTION_FONT)
    columns = point_columns(pack, with_owner=True)
    header = row + 1
    sheet.table(header, columns, pack.top_points, pack.lang)
    stake = next(i for i, c in enumerate(columns, start=1) if c.key == "col_stake")
    last_col = sheet.ws.cell(row=1, column=len(columns) + 2).column_letter
    _stake_chart(sheet, header + 1, header + len(pack.top_points), 2, stake, f"{last_col}{header}")


def _function(sheet: _Sheet, pack: Pack, section: FunctionSection) -> None:
    lang = pack.lang
    sheet.title(1, section.name)
    sheet.put(2, 1, f"{t(lang, 'meta_period')}: {fmt.month_range(pack.start, pack.end)}")
    sheet.widths.pop(1, None)
    columns = point_columns(pack, with_owner=False)
    row = sheet.table(3, columns, section.points, lang)
    sheet.ws.freeze_panes = "A4"
    stake = next(i for i, c in enumerate(columns, start=1) if c.key == "col_stake")
    usable = [p for p in section.points if p.stake is not None]
    if usable:  # a point below min n has no bar
        _stake_chart(
            sheet,
            4,
            3 + len(section.points),
            2,
            stake,
            f"{sheet.ws.cell(row=1, column=len(columns) + 2).column_letter}3",
        )
    if not section.points:
        sheet.put(4, 1, t(lang, "none_points"))
    sheet.title(row, t(lang, "h_headline"), SECTION_FONT)
    for i, (key, value, number_format) in enumerate(
        (
            ("head_reached", section.reached, FORMATS["int"]),
            ("head_friction", section.friction_rate, FORMATS["rate"]),
            ("head_contacts", section.contacts, FORMATS["int"]),
            ("head_avoidable", section.avoidable, FORMATS["int"]),
            ("col_avoidable_cost", section.avoidable_cost, FORMATS["eur"]),
        ),
        start=row + 1,
    ):
        sheet.put(i, 1, t(lang, key))
        sheet.put(i, 2, value, number_format)
    row += 7
    sheet.title(row, t(lang, "h_comments"), SECTION_FONT)
    row = sheet.table(row + 1, comment_columns(pack), section.comments, lang)
    sheet.title(row, t(lang, "h_actions"), SECTION_FONT)
    sheet.table(row + 1, action_columns(pack), section.actions, lang)


def render_xlsx(pack: Pack) -> bytes:
    """The workbook's bytes."""
    wb = Workbook()
    taken: set[str] = set()
    summary = _Sheet(wb.active)
    summary.ws.title = _sheet_name(t(pack.lang, "sheet_summary"), taken)
    _summary(summary, pack)
    sheets = [summary]
    for section in pack.functions:
        sheet = _Sheet(wb.create_sheet(_sheet_name(section.name, taken)))
        _function(sheet, pack, section)
        sheets.append(sheet)
    actions = _Sheet(wb.create_sheet(_sheet_name(t(pack.lang, "sheet_actions"), taken)))
    actions.title(1, t(pack.lang, "h_actions"))
    actions.table(2, action_columns(pack), pack.actions, pack.lang)
    actions.ws.freeze_panes = "A3"
    if not pack.actions_available:
        actions.put(3, 1, t(pack.lang, "no_register"))
    sheets.append(actions)
    for sheet in sheets:
        sheet.fit()
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue()
