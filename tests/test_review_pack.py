"""The weekly review pack: XLSX with native charts and safe cells, the PDF, and ``deskbook report`` / ``request
respond|resolve|feedback`` end to end."""

from __future__ import annotations

import json
import zipfile
from datetime import UTC, date, datetime, timedelta

import pytest
from openpyxl import load_workbook

from app.cli import main
from app.documents.review_pdf import write_review_pdf
from app.documents.review_xlsx import REQUEST_COLUMNS, write_review_xlsx
from app.model.figures import Period
from app.records.milestones import FeedbackInput
from app.model.records import PlanStep, Priority, ProgressState, Request, SolutionPlan
from app.services import Deskbook
from tests.pdf_text import pdf_pages, pdf_text

WEEK = Period(date(2026, 11, 16), date(2026, 11, 22), UTC)


@pytest.fixture
def desk(clock):
    """A week with a request answered in time and resolved, one late and delayed, one whose customer is a formula."""
    desk = Deskbook(None, clock=clock)
    clock.now = datetime(2026, 11, 17, 9, tzinfo=UTC)
    fast = desk.records.create(Request(customer="陈女士", what="App登录提示密码错误", priority=Priority.URGENT,
                                       channel="在线聊天", group="账号问题组", assignee="王磊"))
    slow = desk.records.create(Request(customer="=HYPERLINK(\"http://x.example\",\"点我\")", company="+86 138",
                                       what="退款未到账", priority=Priority.IMPORTANT, channel="电话", group="财务组",
                                       assignee="周婷"))
    clock.now += timedelta(minutes=30)
    desk.records.add_progress(fast.id, "已联系客户")
    desk.records.save_plan(SolutionPlan(fast.id, steps=[PlanStep("重置登录状态", due_at=clock.now + timedelta(hours=3))]))
    clock.now += timedelta(hours=2)
    desk.milestones.resolve(fast.id, FeedbackInput(confirmed=True, rating="5", comment="-很快"))
    clock.now += timedelta(days=1)
    desk.records.add_progress(slow.id, "银行处理中", ProgressState.DELAYED, delay_reason="银行处理周期",
                              new_deadline=clock.now + timedelta(days=2))
    clock.now = datetime(2026, 11, 23, 9, tzinfo=UTC)
    yield desk
    desk.close()


def test_xlsx_has_a_summary_with_native_charts_and_both_sheets(desk, tmp_path):
    pack = desk.figures.review_pack(WEEK)
    path = write_review_xlsx(pack, tmp_path / "复盘.xlsx")
    book = load_workbook(path)
    assert book.sheetnames == ["汇总", "需求明细", "延迟明细"]
    summary = book["汇总"]
    assert len(summary._charts) == 5  # SLA, per day, response times, delay reasons, satisfaction (openpyxl keeps them)
    labels = {row[0].value: row[1].value for row in summary.iter_rows(min_row=5, max_row=14, max_col=2)}
    # The refund's first response was its delay entry, 26.5 h after intake: its 24 h were missed.
    assert labels["收到需求"] == "2" and labels["首次响应达标率"] == "50%" and labels["满意率"] == "100%"
    requests = list(book["需求明细"].iter_rows(values_only=True))
    assert requests[0] == tuple(name for name, _key in REQUEST_COLUMNS)
    by_code = {row[0]: dict(zip(requests[0], row)) for row in requests[1:]}
    assert len(by_code) == 2
    fast = next(r for r in by_code.values() if r["客户"] == "陈女士")
    assert (fast["首次响应"], fast["响应用时（分钟）"], fast["按承诺解决"], fast["评分"], fast["客户确认解决"]) == (
        "达标", 30, "是", 5, "是")
    slow = next(r for r in by_code.values() if r["客户"] != "陈女士")
    assert (slow["首次响应"], slow["响应用时（分钟）"], slow["延迟次数"], slow["解决时间"]) == ("超时", 1590, 1, None)
    assert isinstance(fast["提出时间"], datetime)  # a real date, so Excel sorts and filters it
    delays = list(book["延迟明细"].iter_rows(min_row=2, values_only=True))
    assert len(delays) == 1 and delays[0][7] == "银行处理周期"


def test_text_that_looks_like_a_formula_stays_text(desk, tmp_path):
    path = write_review_xlsx(desk.figures.review_pack(WEEK), tmp_path / "复盘.xlsx")
    sheet = load_workbook(path)["需求明细"]
    cells = {c.value: c for row in sheet.iter_rows(min_row=2) for c in row if isinstance(c.value, str)}
    formula = cells['=HYPERLINK("http://x.example","点我")']
    assert formula.data_type == "s" and formula.quotePrefix
    assert cells["+86 138"].quotePrefix and cells["-很快"].quotePrefix
    with zipfile.ZipFile(path) as archive:
        xml = "".join(archive.read(n).decode() for n in archive.namelist() if n.startswith("xl/worksheets/sheet"))
    assert "<f>" not in xml and "<f " not in xml  # no formula anywhere in the sheets


def test_pdf_carries_the_figures_and_the_delays(desk, tmp_path):
    path = write_review_pdf(desk.figures.review_pack(WEEK), tmp_path / "复盘.pdf")
    pages = pdf_pages(path)
    assert "服务数据复盘" in pages[0] and "2026-11-16至2026-11-22" in pages[0]
    assert "首次响应达标率" in pages[0] and "100%" in pages[0] and "延迟原因" in pages[0]
    assert "银行处理周期" in pdf_text(path)  # the delay sheet's row


def test_an_empty_period_still_makes_both_documents(tmp_path, clock):
    desk = Deskbook(None, clock=clock)
    pack = desk.figures.review_pack(WEEK)
    write_review_xlsx(pack, tmp_path / "e.xlsx")
    write_review_pdf(pack, tmp_path / "e.pdf")
    assert "本期没有延迟" in pdf_text(tmp_path / "e.pdf")
    assert load_workbook(tmp_path / "e.xlsx")["需求明细"].max_row == 1
    desk.close()


# --- the command line -----------------------------------------------------------------------------------------
def run(data_dir, *args):
    return main(["--data-dir", str(data_dir), *args])


def test_report_writes_xlsx_pdf_and_json_and_refuses_to_overwrite(tmp_path, capsys, monkeypatch):
    data = tmp_path / "data"
    request = tmp_path / "r.json"
    request.write_text(json.dumps({"customer": "孙先生", "what": "小程序无法付款", "priority": "紧急"}), "utf-8")
    assert run(data, "request", "add", str(request), "--json") == 0
    code = json.loads(capsys.readouterr().out)["code"]
    assert run(data, "request", "respond", code) == 0
    assert run(data, "request", "resolve", code, "--confirmed", "--satisfaction", "满意", "--comment", "谢谢") == 0
    assert "满意 · 客户已确认解决" in capsys.readouterr().out
    today = date.today().isoformat()
    monkeypatch.chdir(tmp_path)
    assert run(data, "report", "--from", today, "--to", today, "--format", "xlsx") == 0
    written = tmp_path / f"服务数据复盘_{today}_{today}.xlsx"
    assert written.exists() and "收到 1 条，解决 1 条" in capsys.readouterr().out
    before = written.read_bytes()
    assert run(data, "report", "--from", today, "--to", today, "--format", "xlsx") == 1
    assert "已存在" in capsys.readouterr().err and written.read_bytes() == before
    assert run(data, "report", "--from", today, "--format", "pdf", "--out", str(tmp_path / "r.pdf")) == 0
    assert "服务数据复盘" in pdf_text(tmp_path / "r.pdf")
    capsys.readouterr()
    assert run(data, "report", "--to", today, "--format", "json") == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["received"] == 1 and figures["satisfaction"]["levels"] == {"满意": 1, "一般": 0, "不满意": 0}
    assert len(figures["per_day"]) == 7 and figures["per_day"][-1]["received"] == 1


@pytest.mark.parametrize("args, message", [
    (("--from", "2026-02-30"), "请用 YYYY-MM-DD"),
    (("--from", "2026-11-10", "--to", "2026-11-01"), "早于开始日期"),
])
def test_report_explains_bad_dates(tmp_path, capsys, args, message):
    assert run(tmp_path / "data", "report", "--format", "xlsx", *args) == 2
    assert message in capsys.readouterr().err


def test_request_actions_explain_what_is_wrong(tmp_path, capsys):
    data = tmp_path / "data"
    request = tmp_path / "r.json"
    request.write_text(json.dumps({"customer": "孙先生", "what": "小程序无法付款"}), "utf-8")
    run(data, "request", "add", str(request), "--json")
    code = json.loads(capsys.readouterr().out)["code"]
    assert run(data, "request", "feedback", code, "--satisfaction", "满意") == 2
    assert "还没有解决" in capsys.readouterr().err
    assert run(data, "request", "respond", code, "--at", "2001-01-01T08:00") == 2
    assert "不能早于收到需求的时间" in capsys.readouterr().err
    assert run(data, "request", "resolve", code, "--satisfaction", "7") == 2
    assert "满意、一般、不满意 或 1-5 分" in capsys.readouterr().err
    assert run(data, "request", "feedback", code) == 2
    assert run(data, "request", "show", code, "--json") == 0
    shown = json.loads(capsys.readouterr().out.splitlines()[-1])
    assert shown["status"] == "open" and shown["feedback"]["satisfaction"] is None
