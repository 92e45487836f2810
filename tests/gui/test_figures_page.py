"""服务数据 page: the demo's figures on tiles and charts, the period picker and filters, exports, and resolving a
request with the customer's satisfaction from the request page."""

from __future__ import annotations

from datetime import timedelta

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QDate, QSettings
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QDialog

from app.model.figures import FigureFilter, Period
from app.model.records import RequestStatus, Satisfaction
from app.ui import export_dialogs
from app.ui.context import AppContext
from app.ui.feedback_dialog import FeedbackDialog, record_feedback, resolve_request
from app.ui.figures_page import FiguresPage
from app.ui.requests_page import RequestsPage
from app.ui.tasks import SynchronousRunner
from tests.pdf_text import pdf_text


@pytest.fixture
def context(demo_desk):
    return AppContext(demo_desk, SynchronousRunner())


@pytest.fixture
def page(qtbot, context):
    page = FiguresPage(context)
    qtbot.addWidget(page)
    page.resize(1100, 720)
    page.show()
    qtbot.waitExposed(page)
    return page


@pytest.fixture
def save_to(monkeypatch, tmp_path):
    state = {"name": None}
    monkeypatch.setattr(export_dialogs, "choose_save_path",
                        lambda parent, title, suggested, fmt: tmp_path / state["name"])
    monkeypatch.setattr(export_dialogs, "confirm_overwrite", lambda parent, path: True)
    return state


def test_tiles_and_charts_show_this_weeks_figures(page, demo_desk, clock):
    expected = demo_desk.figures.compute(Period.this_week(clock()))
    assert page.figures is not None and page.figures.period == expected.period
    assert page.tiles["received"].value.text() == str(expected.received) and expected.received > 0
    met = expected.response_total().met_share
    assert page.tiles["met"].value.text() == f"{met * 100:.0f}%"
    sla_labels = [label.toPlainText() for label in page.charts["sla"].labels]
    assert sla_labels == [("—" if r.met_share is None else f"{r.met_share:.0%}") for r in expected.first_response]
    days = page.charts["per_day"].labels
    assert len(days) == 2 * len(expected.per_day) == 14  # received and resolved, each day of the week
    bars = [label.toPlainText() for label in page.charts["satisfaction"].labels]
    assert bars == [str(expected.satisfaction.levels[level]) for level in Satisfaction]
    assert "found nothing" in page.kb.text() and str(expected.kb.scripts_copied) in page.kb.text()


def test_period_picker_and_filters_recompute(page, demo_desk, clock):
    page.period.setCurrentIndex(page.period.findData("last_week"))
    assert page.figures.period == Period.last_week(clock())
    assert not page.date_from.isVisibleTo(page)
    page.period.setCurrentIndex(page.period.findData("custom"))
    assert page.date_from.isVisibleTo(page) and page.date_to.isVisibleTo(page)
    first = clock().astimezone().date() - timedelta(days=20)
    page.date_from.setDate(QDate(first.year, first.month, first.day))
    page.date_to.setDate(QDate(first.year, first.month, first.day).addDays(13))
    assert (page.figures.period.first, page.figures.period.last) == (first, first + timedelta(days=13))
    per_day = page.charts["per_day"]
    assert len(per_day.categories) == 14 and per_day.labels == []  # 28 bars: too many to label each
    group = page.group.findData("财务组")
    assert group > 0 and page.assignee.findData("周婷") > 0
    page.group.setCurrentIndex(group)
    assert page.figures.filter == FigureFilter(group="财务组")
    narrowed = demo_desk.figures.compute(page.figures.period, FigureFilter(group="财务组"))
    assert page.tiles["received"].value.text() == str(narrowed.received)


def test_an_older_answer_does_not_replace_a_newer_one(qtbot, demo_desk):
    class HeldRunner(SynchronousRunner):
        def __init__(self):
            super().__init__()
            self.held = []

        def run(self, fn, on_done=None, on_error=None, on_progress=None):
            self.held.append((fn, on_done))

    runner = HeldRunner()
    page = FiguresPage(AppContext(demo_desk, runner))
    qtbot.addWidget(page)
    page.period.setCurrentIndex(page.period.findData("last_week"))  # a second computation, after the first
    # The computations' callbacks are lambdas; the filter choices' is the page's own method.
    answers = [(fn(), done) for fn, done in runner.held if getattr(done, "__name__", "") == "<lambda>"]
    assert len(answers) == 2
    newer, older = answers[1], answers[0]
    newer[1](newer[0])
    older[1](older[0])  # arrives late
    assert page.figures.period == Period.last_week(demo_desk.clock())


def test_a_failure_is_said_on_the_page(qtbot, page, monkeypatch, demo_desk):
    def broken(*_args, **_kw):
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(demo_desk.figures, "compute", broken)
    page.reload()
    assert "磁盘已满" in page.status.text()


def test_review_pack_and_png_exports(page, save_to, tmp_path):
    save_to["name"] = "复盘.xlsx"
    assert page.export_pack("xlsx")
    book = load_workbook(tmp_path / "复盘.xlsx")
    assert book.sheetnames == ["汇总", "需求明细", "延迟明细"] and len(book["汇总"]._charts) == 5
    save_to["name"] = "复盘.pdf"
    page.pdf_button.click()
    assert "服务数据复盘" in pdf_text(tmp_path / "复盘.pdf")
    save_to["name"] = "图表.png"
    assert page.export_png(None)
    image = QImage(str(tmp_path / "图表.png"))
    assert image.width() == 2 * page.chart_area.width() and not image.isNull()
    save_to["name"] = "满意度.png"
    page.png_menu.actions()[-1].trigger()  # the last chart: satisfaction
    assert QImage(str(tmp_path / "满意度.png")).width() == 2 * page.charts["satisfaction"].width()


def test_only_owners_and_trainers_see_the_page(qtbot, demo_desk, tmp_path):
    from app.ui.main_window import MainWindow

    settings = QSettings(str(tmp_path / "w.ini"), QSettings.Format.IniFormat)
    for role, shown in (("agent", False), ("owner", True), ("trainer", True)):
        demo_desk.settings.role = role
        window = MainWindow(demo_desk, runner=SynchronousRunner(), settings=settings, tray=False)
        qtbot.addWidget(window)
        assert (window.show_page("figures") is not None) is shown


# --- the request page --------------------------------------------------------------------------------------------
def _accepting(dialog: FeedbackDialog) -> FeedbackDialog:
    dialog.exec = lambda: QDialog.DialogCode.Accepted  # the modal loop is Qt's; the values are what we test
    return dialog


def test_resolving_from_the_request_page_records_satisfaction(qtbot, context):
    desk = context.desk
    requests = RequestsPage(context)
    qtbot.addWidget(requests)
    working = next(r for r in desk.records.list([RequestStatus.IN_PROGRESS]) if r.case_article_id is None)
    requests.open_request(working.id)
    detail = requests.detail
    dialog = _accepting(FeedbackDialog(working, resolving=True, parent=detail))
    dialog.confirmed.setChecked(True)
    dialog.rating.setCurrentIndex(dialog.rating.findData("4"))
    dialog.comment.setText("补丁更新后可以登录了")
    resolve_request(detail, dialog)
    stored = desk.records.get(working.id)
    assert stored.status is RequestStatus.RESOLVED
    assert (stored.feedback.satisfaction, stored.feedback.score, stored.feedback.comment) == (
        Satisfaction.SATISFIED, 4, "补丁更新后可以登录了")
    assert stored.feedback.confirmed_at == desk.clock().replace(microsecond=0)
    assert detail.feedback_button.isVisibleTo(requests) and "(4/5)" in detail.meta.text()
    later = _accepting(FeedbackDialog(stored, resolving=False, parent=detail))
    assert not later.confirmed.isEnabled()  # already confirmed
    later.rating.setCurrentIndex(later.rating.findData("一般"))
    record_feedback(detail, later)
    assert desk.records.get(working.id).feedback.satisfaction is Satisfaction.NEUTRAL


def test_first_response_button_and_a_cancelled_resolution(qtbot, context):
    desk = context.desk
    requests = RequestsPage(context)
    qtbot.addWidget(requests)
    waiting = next(r for r in desk.records.list([RequestStatus.OPEN]))
    requests.open_request(waiting.id)
    requests.detail.respond_button.click()
    responded = desk.records.get(waiting.id)
    assert responded.responded_at == desk.clock().replace(microsecond=0)
    assert responded.status is RequestStatus.IN_PROGRESS
    dialog = FeedbackDialog(responded, resolving=True, parent=requests.detail)
    dialog.exec = lambda: QDialog.DialogCode.Rejected
    resolve_request(requests.detail, dialog)
    assert desk.records.get(waiting.id).status is RequestStatus.IN_PROGRESS
