"""The weekly review pack as XLSX: a summary sheet with native Excel charts, the requests sheet and the delay sheet.

The charts are Excel's own (openpyxl.chart), drawn from the tables beside them, so Excel, WPS and LibreOffice redraw
them and a team lead can restyle or copy them into slides. Written atomically; formula-like text stays text.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.chart import BarChart, PieChart, Reference
from openpyxl.chart.label import DataLabelList
from openpyxl.chart.marker import DataPoint
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from app.documents.atomic import atomic_write
from app.documents.review_content import ReviewContent, Table, review_content
from app.documents.tracking_sheet import display_width
from app.documents.xlsx_cells import set_value
from app.model.figures import DelayRow, RequestRow, ReviewPack

FONT = "微软雅黑"
HEADER_FILL, ACCENT = "1F3A5F", "1F3A5F"
THIN = Side(style="thin", color="B7C7D9")
BORDER = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
CHART_ROWS = 16  # a chart is about 16 rows tall: each block takes at least that many
DATE_FORMAT = "yyyy-mm-dd hh:mm"
SATISFACTION_COLORS = ("2E7D32", "F2A93B", "C62828")  # 满意, 一般, 不满意
SLA_STATE_ZH = {"met": "达标", "missed": "超时", "awaiting": "等待中", "unrecorded": "未记录"}

REQUEST_COLUMNS: tuple[tuple[str, str], ...] = (
    ("需求编号", "code"), ("提出时间", "created_at"), ("客户", "customer"), ("公司", "company"), ("渠道", "channel"),
    ("紧急程度", "priority"), ("技能组", "group"), ("负责人", "assignee"), ("状态", "status"),
    ("首次响应截止", "deadline"), ("首次响应时间", "responded_at"), ("响应用时（分钟）", "response_min"),
    ("首次响应", "sla"), ("解决时间", "resolved_at"), ("解决用时（小时）", "resolution_h"), ("承诺时间", "promised_at"),
    ("按承诺解决", "kept"), ("延迟次数", "delays"), ("重新打开", "reopened"), ("满意度", "satisfaction"),
    ("评分", "score"), ("客户确认解决", "confirmed"), ("客户评价", "comment"),
)
DELAY_COLUMNS = ("需求编号", "客户", "紧急程度", "技能组", "负责人", "时间", "进展说明", "延迟原因", "新的完成时间", "记录人")


def _header(sheet: Worksheet, row: int, names: tuple[str, ...], column: int = 1) -> None:
    for offset, name in enumerate(names):
        cell = sheet.cell(row=row, column=column + offset, value=name)
        cell.font = Font(name=FONT, bold=True, color="FFFFFF")
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = BORDER


def _write_table(sheet: Worksheet, row: int, table: Table) -> int:
    """The table's title, header and rows from ``row``; returns the first row after its block."""
    title = sheet.cell(row=row, column=1, value=table.title)
    title.font = Font(name=FONT, bold=True, size=12, color=ACCENT)
    _header(sheet, row + 1, table.header)
    for number, values in enumerate(table.rows, start=row + 2):
        for column, value in enumerate(values, start=1):
            cell = set_value(sheet.cell(row=number, column=column), value)
            cell.border = BORDER
            cell.font = Font(name=FONT)
            if column - 1 in table.percent_columns:
                cell.number_format = "0%"
            elif isinstance(value, float):
                cell.number_format = "0.0"
    after = row + 2 + len(table.rows)
    if table.note:
        set_value(sheet.cell(row=after, column=1), table.note).font = Font(name=FONT, italic=True, color="555555")
        after += 1
    if table.chart_columns and table.rows:
        anchor = get_column_letter(max(len(table.header), 3) + 2)  # one empty column right of the table
        sheet.add_chart(_chart(sheet, row, table), f"{anchor}{row}")
        after = max(after, row + CHART_ROWS)
    return after + 1


def _chart(sheet: Worksheet, row: int, table: Table) -> BarChart | PieChart:
    first, last = row + 2, row + 1 + len(table.rows)
    labels = Reference(sheet, min_col=1, min_row=first, max_row=last)
    if table.key == "satisfaction":
        chart: BarChart | PieChart = PieChart()
        chart.dataLabels = DataLabelList(showPercent=True, showVal=False, showCatName=False, showSerName=False,
                                         showLegendKey=False)
    else:
        chart = BarChart()
        chart.type = "bar" if table.horizontal else "col"
        if table.horizontal:  # the largest group first, at the top, as in the table
            chart.x_axis.scaling.orientation = "maxMin"
        chart.x_axis.delete = False  # openpyxl 3.1 leaves the axes' "delete" unset: Excel would hide them
        chart.y_axis.delete = False
        chart.y_axis.majorGridlines = None if table.horizontal else chart.y_axis.majorGridlines
        if table.percent_columns:
            chart.y_axis.number_format = "0%"
            chart.y_axis.scaling.min, chart.y_axis.scaling.max = 0, 1
        else:  # counts: whole numbers on the axis
            largest = max((v for r in table.rows for c in table.chart_columns if isinstance(v := r[c], int | float)),
                          default=0)
            chart.y_axis.number_format = "0"
            chart.y_axis.majorUnit = max(1, math.ceil(largest / 6))
            chart.y_axis.scaling.min = 0
        chart.legend = chart.legend if len(table.chart_columns) > 1 else None
    for column in table.chart_columns:
        data = Reference(sheet, min_col=column + 1, min_row=row + 1, max_row=last)
        chart.add_data(data, titles_from_data=True)
    if isinstance(chart, PieChart):
        for index, color in enumerate(SATISFACTION_COLORS):
            point = DataPoint(idx=index)
            point.graphicalProperties.solidFill = color
            chart.series[0].dPt.append(point)
    chart.set_categories(labels)
    chart.title = table.title
    chart.width, chart.height = 16, 7.5
    return chart


def _summary(book: Workbook, content: ReviewContent) -> None:
    sheet = book.active
    sheet.title = "汇总"
    sheet.cell(row=1, column=1, value=content.title).font = Font(name=FONT, bold=True, size=16, color=ACCENT)
    set_value(sheet.cell(row=2, column=1), content.subtitle).font = Font(name=FONT, color="555555")
    _header(sheet, 4, ("指标", "数值", "说明"))
    for number, kpi in enumerate(content.kpis, start=5):
        for column, value in enumerate((kpi.label, kpi.value, kpi.note), start=1):
            cell = set_value(sheet.cell(row=number, column=column), value)
            cell.border = BORDER
            cell.font = Font(name=FONT, bold=column == 2)
    row = 5 + len(content.kpis) + 1
    for text in content.notes:
        set_value(sheet.cell(row=row, column=1), text).font = Font(name=FONT, italic=True, color="555555")
        row += 1
    row += 1
    for table in content.tables:
        row = _write_table(sheet, row, table)
    for letter, width in zip("ABCDEFGHI", (20, 12, 22, 10, 10, 10, 14, 12, 12)):
        sheet.column_dimensions[letter].width = width
    _print_one_page_wide(sheet)  # printed (and converted to PDF) with each chart beside its table


def _request_values(r: RequestRow) -> dict[str, Any]:
    return {
        "code": r.code, "created_at": r.created_at, "customer": r.customer, "company": r.company,
        "channel": r.channel, "priority": r.priority.value, "group": r.group, "assignee": r.assignee,
        "status": r.status.label_zh, "deadline": r.deadline, "responded_at": r.responded_at,
        "response_min": None if r.response_s is None else round(r.response_s / 60, 1),
        "sla": SLA_STATE_ZH.get(r.sla_state, ""), "resolved_at": r.resolved_at,
        "resolution_h": None if r.resolution_s is None else round(r.resolution_s / 3600, 1),
        "promised_at": r.promised_at, "kept": None if r.kept is None else ("是" if r.kept else "否"),
        "delays": r.delays, "reopened": r.reopened, "satisfaction": r.satisfaction, "score": r.score,
        "confirmed": "是" if r.confirmed else "", "comment": r.comment,
    }


def _delay_values(d: DelayRow) -> list[Any]:
    return [d.code, d.customer, d.priority.value, d.group, d.assignee, d.at, d.note, d.reason, d.new_deadline,
            d.author]


def _data_sheet(book: Workbook, title: str, header: tuple[str, ...], rows: list[list[Any]]) -> Worksheet:
    """A plain list: styled frozen header, filter, real dates, widths from the content (CJK counts double)."""
    sheet = book.create_sheet(title)
    _header(sheet, 1, header)
    widths = [display_width(name) + 2 for name in header]
    for number, values in enumerate(rows, start=2):
        for column, value in enumerate(values, start=1):
            cell = set_value(sheet.cell(row=number, column=column), value)
            if cell.is_date:
                cell.number_format = DATE_FORMAT
                widths[column - 1] = max(widths[column - 1], 17)
            elif isinstance(value, str):
                widths[column - 1] = max(widths[column - 1], display_width(value) + 2)
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(max(width, 8), 40)
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(len(rows) + 1, 2)}"
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"  # a list this wide prints on several pages, readable
    return sheet


def _print_one_page_wide(sheet: Worksheet) -> None:
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth, sheet.page_setup.fitToHeight = 1, 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True


def build_workbook(pack: ReviewPack) -> Workbook:
    book = Workbook()
    content = review_content(pack)
    _summary(book, content)
    names = tuple(name for name, _key in REQUEST_COLUMNS)
    request_rows = [[values[key] for _name, key in REQUEST_COLUMNS]
                    for values in (_request_values(r) for r in pack.rows.requests)]
    _data_sheet(book, "需求明细", names, request_rows)
    _data_sheet(book, "延迟明细", DELAY_COLUMNS, [_delay_values(d) for d in pack.rows.delays])
    book.properties.title = f"{content.title} {content.subtitle.split('　')[0]}"
    book.properties.creator = "Deskbook"
    return book


def write_review_xlsx(pack: ReviewPack, out: Path | str, *, force: bool = False) -> Path:
    book = build_workbook(pack)
    return atomic_write(out, lambda temp: book.save(str(temp)), force=force)
