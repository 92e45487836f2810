"""The progress-tracking sheet (沟通进度跟踪表) as XLSX and CSV.

Two views: one row per progress entry (what the coordinating agent updates daily) or one row per request. In the
XLSX the 状态 column is a drop-down, delayed rows are highlighted, the header row is frozen and times are real
dates (so Excel can sort and filter them). The CSV carries a UTF-8 BOM: Excel on Chinese Windows needs it to
read UTF-8 at all.
"""

from __future__ import annotations

import contextlib
import csv
import io
import unicodedata
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from app.documents.atomic import atomic_write, atomic_write_bytes
from app.documents.cells import csv_cell, set_text_cells, xlsx_values
from app.model.records import STATUS_LABELS_ZH, ProgressEntry, ProgressState, Request, RequestStatus

VIEWS = ("entries", "requests")
DATE_FORMAT = "yyyy-mm-dd hh:mm"
ENTRY_COLUMNS = ("需求编号", "客户", "问题", "负责人", "时间", "进展说明", "状态", "延迟原因", "新的完成时间", "首次响应截止")
REQUEST_COLUMNS = ("需求编号", "客户", "公司", "问题", "紧急程度", "状态", "负责人", "技能组", "提出时间", "首次响应截止",
                   "最新进展", "进展状态", "延迟原因", "新的完成时间")
DATE_COLUMNS = {"时间", "新的完成时间", "首次响应截止", "提出时间"}
HEADER_FILL, HEADER_FONT_COLOR, DELAY_FILL = "1F3A5F", "FFFFFF", "FDE2E1"
MAX_WIDTH = 32  # wider text wraps inside the cell instead of stretching the sheet past a landscape page


@dataclass(frozen=True)
class TrackingFilter:
    """Which records go into the sheet. ``statuses`` holds request statuses and/or progress states; dates are
    inclusive local days, applied to the entry time (entries view) or the intake time (requests view)."""

    statuses: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None

    def request_statuses(self) -> set[RequestStatus]:
        found = set()
        for text in self.statuses:
            with contextlib.suppress(ValueError):  # a progress state, not a request status
                found.add(RequestStatus.parse(text))
        return found

    def states(self) -> set[ProgressState]:
        return {ProgressState(s) for s in self.statuses if s in {p.value for p in ProgressState}}

    def validate(self) -> None:
        states = {p.value for p in ProgressState}
        for text in self.statuses:
            if text not in states:
                try:
                    RequestStatus.parse(text)
                except ValueError:
                    raise ValueError(
                        f"不认识的状态“{text}”：请用需求状态（{'、'.join(s.label_zh for s in RequestStatus)}）"
                        f"或进度状态（{'、'.join(states)}）"
                    ) from None
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError("开始日期晚于结束日期")

    def in_range(self, moment: datetime | None) -> bool:
        if moment is None:
            return self.date_from is None and self.date_to is None
        day = moment.astimezone().date()
        return (self.date_from is None or day >= self.date_from) and (self.date_to is None or day <= self.date_to)


def _local(moment: datetime | None) -> datetime | None:
    """Excel has no time zones: the user's local wall time, naive, to the minute."""
    if moment is None:
        return None
    return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def tracking_rows(all_requests: list[Request], all_progress: list[ProgressEntry], view: str = "entries",
                  flt: TrackingFilter = TrackingFilter()) -> tuple[tuple[str, ...], list[list[Any]]]:
    """The header and rows of a view; dates are naive local datetimes, everything else text."""
    if view not in VIEWS:
        raise ValueError(f"不认识的视图“{view}”，请用 entries（每条进度一行）或 requests（每个需求一行）")
    flt.validate()
    wanted_statuses, wanted_states = flt.request_statuses(), flt.states()
    requests = {r.id: r for r in all_requests}
    if wanted_statuses:
        requests = {i: r for i, r in requests.items() if r.status in wanted_statuses}
    entries: dict[str, list[ProgressEntry]] = {}
    for entry in all_progress:
        entries.setdefault(entry.request_id, []).append(entry)
    rows: list[list[Any]] = []
    if view == "entries":
        for request in sorted(requests.values(), key=lambda r: (r.created_at, r.code)):
            for e in entries.get(request.id, []):
                if (wanted_states and e.state not in wanted_states) or not flt.in_range(e.at):
                    continue
                rows.append([request.code, _customer(request), request.what, e.author or request.assignee, _local(e.at),
                             e.note, e.state.value, e.delay_reason, _local(e.new_deadline), _local(request.deadline)])
        return ENTRY_COLUMNS, rows
    for request in sorted(requests.values(), key=lambda r: (r.created_at, r.code)):
        history = entries.get(request.id, [])
        last: ProgressEntry | None = history[-1] if history else None
        if wanted_states and (last is None or last.state not in wanted_states):
            continue
        if not flt.in_range(request.created_at):
            continue
        rows.append([
            request.code, request.customer, request.company, request.what, request.priority.value,
            STATUS_LABELS_ZH[request.status], request.assignee, request.group, _local(request.created_at),
            _local(request.deadline), last.note if last else "", last.state.value if last else "",
            last.delay_reason if last else "", _local(last.new_deadline) if last else None,
        ])
    return REQUEST_COLUMNS, rows


def _customer(request: Request) -> str:
    return f"{request.customer}（{request.company}）" if request.company else request.customer


def display_width(text: str) -> int:
    """Columns a text needs in Excel: wide (CJK) characters count 2."""
    return sum(2 if unicodedata.east_asian_width(c) in ("W", "F") else 1 for c in text)


def write_xlsx(header: tuple[str, ...], rows: list[list[Any]], out: Path, *, title: str, force: bool = False) -> Path:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = title[:31]
    sheet.append(list(header))
    for row in rows:
        sheet.append(xlsx_values(row))
        set_text_cells(sheet[sheet.max_row])
    status_column = header.index("状态") + 1
    state_column = header.index("进展状态") + 1 if "进展状态" in header else status_column
    _style_header(sheet, header, len(rows))
    _style_columns(sheet, header, rows, state_column)
    _size_rows(sheet, header, rows)
    _status_choices_and_delay_highlight(sheet, header, len(rows), status_column, state_column)
    sheet.print_title_rows = "1:1"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    book.properties.title = title
    book.properties.creator = "Deskbook"
    return atomic_write(out, lambda temp: book.save(str(temp)), force=force)


def _border() -> Any:
    from openpyxl.styles import Border, Side

    thin = Side(style="thin", color="B7C7D9")
    return Border(left=thin, right=thin, top=thin, bottom=thin)


def _style_header(sheet: Any, header: tuple[str, ...], row_count: int) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    for cell in sheet[1]:
        cell.font = Font(name="微软雅黑", bold=True, color=HEADER_FONT_COLOR)
        cell.fill = PatternFill("solid", fgColor=HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
        cell.border = _border()
    sheet.row_dimensions[1].height = 24
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(len(header))}{max(row_count + 1, 2)}"


def _style_columns(sheet: Any, header: tuple[str, ...], rows: list[list[Any]], state_column: int) -> None:
    """Widths that fit the Chinese text, dates as dates, delayed rows shaded (a static fill every viewer shows)."""
    from openpyxl.styles import Alignment, PatternFill
    from openpyxl.utils import get_column_letter

    border, delay_fill = _border(), PatternFill("solid", fgColor=DELAY_FILL)
    for index, name in enumerate(header, start=1):
        values = [name] + ["" if r[index - 1] is None else r[index - 1] for r in rows]
        width = 17 if name in DATE_COLUMNS else max(display_width(str(v)) for v in values) + 2
        sheet.column_dimensions[get_column_letter(index)].width = max(8, min(width, MAX_WIDTH))
        for row_number in range(2, len(rows) + 2):
            cell = sheet.cell(row=row_number, column=index)
            cell.border = border
            cell.alignment = Alignment(vertical="top", wrap_text=width > MAX_WIDTH)
            if name in DATE_COLUMNS:
                cell.number_format = DATE_FORMAT
                cell.alignment = Alignment(horizontal="center", vertical="top")
            if rows[row_number - 2][state_column - 1] == ProgressState.DELAYED.value:
                cell.fill = delay_fill


def _size_rows(sheet: Any, header: tuple[str, ...], rows: list[list[Any]]) -> None:
    # Row heights are set because not every program grows a row for wrapped text by itself (LibreOffice doesn't).
    from openpyxl.utils import get_column_letter

    widths = [sheet.column_dimensions[get_column_letter(i)].width for i in range(1, len(header) + 1)]
    for row_number, row in enumerate(rows, start=2):
        lines = max(
            (-(-display_width(str(v)) // max(int(w) - 1, 1)) for v, w in zip(row, widths) if isinstance(v, str) and v),
            default=1,
        )
        sheet.row_dimensions[row_number].height = 15 * max(lines, 1) + 3


def _status_choices_and_delay_highlight(sheet: Any, header: tuple[str, ...], row_count: int, status_column: int,
                                        state_column: int) -> None:
    """A drop-down of this view's statuses (blank rows below included, for new entries), and a rule that shades a
    row someone changes to 延迟 later in Excel."""
    from openpyxl.formatting.rule import FormulaRule
    from openpyxl.styles import PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    last_row = max(row_count + 1, 2)
    choices = [s.value for s in ProgressState] if "进展状态" not in header else list(STATUS_LABELS_ZH.values())
    validation = DataValidation(type="list", formula1='"' + ",".join(choices) + '"', allow_blank=True,
                                showErrorMessage=True, errorTitle="状态", error="请从下拉列表中选择状态")
    status_letter = get_column_letter(status_column)
    validation.add(f"{status_letter}2:{status_letter}{last_row + 200}")
    sheet.add_data_validation(validation)
    state_letter = get_column_letter(state_column)
    sheet.conditional_formatting.add(
        f"A2:{get_column_letter(len(header))}{last_row + 200}",
        FormulaRule(formula=[f'${state_letter}2="{ProgressState.DELAYED.value}"'],
                    fill=PatternFill("solid", fgColor=DELAY_FILL)),
    )


def _csv_value(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return csv_cell(str(value))


def write_csv(header: tuple[str, ...], rows: list[list[Any]], out: Path, *, force: bool = False) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")  # Excel's own line ending
    writer.writerow(header)
    for row in rows:
        writer.writerow([_csv_value(v) for v in row])
    return atomic_write_bytes(out, buffer.getvalue().encode("utf-8-sig"), force=force)


def export_tracking(header: tuple[str, ...], rows: list[list[Any]], out: Path, *, fmt: str | None = None,
                    view: str = "entries", force: bool = False) -> tuple[Path, int]:
    """Write the sheet (format from the extension unless given); returns the path and the number of data rows."""
    fmt = fmt or Path(out).suffix.lower().lstrip(".")
    if fmt == "xlsx":
        title = "沟通进度跟踪表" if view == "entries" else "需求跟踪总表"
        return write_xlsx(header, rows, Path(out), title=title, force=force), len(rows)
    if fmt == "csv":
        return write_csv(header, rows, Path(out), force=force), len(rows)
    raise ValueError(f"不支持的格式“{fmt}”，请用 xlsx 或 csv")


def parse_day(text: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"“{text}”不是日期（格式：YYYY-MM-DD）") from None


