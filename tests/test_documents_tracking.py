"""Progress-tracking sheets: XLSX read back with openpyxl, CSV with the BOM."""

from __future__ import annotations

import csv
import io
from datetime import date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.documents.atomic import ExportExists
from app.documents.tracking_sheet import ENTRY_COLUMNS, TrackingFilter, display_width
from app.model.records import RequestStatus
from tests.records_helpers import add_full_request, add_request


def _local(moment):
    return moment.astimezone().replace(tzinfo=None, second=0, microsecond=0)


def test_entries_view_xlsx(desk, tmp_path):
    request = add_full_request(desk)
    path, rows = desk.documents.export_tracking(tmp_path / "跟踪表.xlsx")
    assert rows == 3
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    assert tuple(header) == ENTRY_COLUMNS
    assert sheet.freeze_panes == "A2"
    assert sheet["A1"].font.bold and sheet["A1"].fill.fgColor.rgb.endswith("1F3A5F")
    data = [[c.value for c in row] for row in sheet.iter_rows(min_row=2)]
    assert [r[header.index("状态")] for r in data] == ["已完成", "进行中", "延迟"]
    assert data[0][0] == request.code and data[0][1] == "陈女士（华辰商贸有限公司）"
    # Real dates with a number format, in local wall time.
    when = sheet.cell(row=2, column=header.index("时间") + 1)
    assert isinstance(when.value, datetime) and when.number_format == "yyyy-mm-dd hh:mm"
    assert when.value == _local(desk.clock() + timedelta(minutes=30))
    delayed = data[2]
    assert delayed[header.index("延迟原因")] == "应用商店审核未通过"
    assert delayed[header.index("新的完成时间")] == _local(desk.clock() + timedelta(hours=10))
    # The delayed row is highlighted, the others are not.
    fills = [sheet.cell(row=r, column=1).fill.fgColor.rgb for r in (2, 3, 4)]
    assert fills[2].endswith("FDE2E1") and not fills[0].endswith("FDE2E1")
    # 状态 is a drop-down of the three states over the data rows and room for new ones.
    status_letter = "ABCDEFGHIJ"[header.index("状态")]
    validations = sheet.data_validations.dataValidation
    assert len(validations) == 1 and validations[0].type == "list"
    assert validations[0].formula1 == '"已完成,进行中,延迟"'
    assert f"{status_letter}2" in str(validations[0].sqref) and validations[0].showErrorMessage
    # Chinese-aware widths: the note column is wider than the state column.
    width = lambda name: sheet.column_dimensions["ABCDEFGHIJ"[header.index(name)]].width
    assert width("进展说明") > width("状态") >= 8


def test_requests_view_has_one_row_per_request_and_request_status_dropdown(desk, tmp_path):
    full = add_full_request(desk)
    other = add_request(desk, what="发票抬头错误")
    path, rows = desk.documents.export_tracking(tmp_path / "r.xlsx", view="requests")
    sheet = load_workbook(path).active
    header = [c.value for c in sheet[1]]
    data = {row[0].value: [c.value for c in row] for row in sheet.iter_rows(min_row=2)}
    assert rows == 2 and set(data) == {full.code, other.code}
    assert data[full.code][header.index("进展状态")] == "延迟"
    assert data[full.code][header.index("状态")] == "处理中"
    assert isinstance(data[other.code][header.index("首次响应截止")], datetime)
    assert sheet.data_validations.dataValidation[0].formula1 == '"待处理,处理中,已解决,已关闭"'
    row_of_full = [r for r in range(2, 4) if sheet.cell(row=r, column=1).value == full.code][0]
    assert sheet.cell(row=row_of_full, column=2).fill.fgColor.rgb.endswith("FDE2E1")


def test_filters_by_status_state_and_dates(desk, clock, tmp_path):
    full = add_full_request(desk)
    clock.now += timedelta(days=3)
    later = add_request(desk, what="物流三天没更新")
    desk.records.add_progress(later.id, "已联系快递", at=clock.now)
    header, rows = _rows(desk, "entries", TrackingFilter(statuses=("延迟",)))
    assert [r[header.index("进展说明")] for r in rows] == ["补丁发布推迟"]
    today = clock.now.astimezone().date()
    _, rows = _rows(desk, "entries", TrackingFilter(date_from=today, date_to=today))
    assert [r[0] for r in rows] == [later.code]
    _, rows = _rows(desk, "requests", TrackingFilter(date_to=today - timedelta(days=1)))
    assert [r[0] for r in rows] == [full.code]
    desk.records.set_status(full.id, RequestStatus.RESOLVED)
    _, rows = _rows(desk, "requests", TrackingFilter(statuses=("resolved",)))
    assert [r[0] for r in rows] == [full.code]
    with pytest.raises(ValueError, match="不认识的状态"):
        _rows(desk, "entries", TrackingFilter(statuses=("weird",)))
    with pytest.raises(ValueError, match="晚于"):
        _rows(desk, "entries", TrackingFilter(date_from=date(2026, 12, 2), date_to=date(2026, 12, 1)))


def _rows(desk, view, flt):
    return desk.documents.tracking_rows(view, flt)


def test_csv_starts_with_the_bom_and_reads_back(desk, tmp_path):
    add_full_request(desk)
    path, rows = desk.documents.export_tracking(tmp_path / "t.csv", fmt="csv")
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert tuple(table[0]) == ENTRY_COLUMNS and len(table) == rows + 1 == 4
    assert table[3][ENTRY_COLUMNS.index("状态")] == "延迟"
    datetime.strptime(table[1][ENTRY_COLUMNS.index("时间")], "%Y-%m-%d %H:%M")
    with pytest.raises(ExportExists):
        desk.documents.export_tracking(path, fmt="csv")


def test_empty_sheet_is_still_a_valid_workbook(desk, tmp_path):
    path, rows = desk.documents.export_tracking(tmp_path / "empty.xlsx")
    assert rows == 0
    sheet = load_workbook(path).active
    assert [c.value for c in sheet[1]][0] == "需求编号" and sheet.max_row == 1


def test_display_width_counts_cjk_double():
    assert display_width("abc") == 3 and display_width("延迟") == 4 and display_width("App登录") == 7
