"""Issue 15, the agent's workflows end where the agent needs them: the handbook's button opens the need record
pre-filled, 今日待办 lists today's work in order, a search with no results says so, the copy button is in view."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QInputMethodEvent
from PySide6.QtWidgets import QApplication, QLineEdit, QScrollArea

from app.model.records import PlanStep, Priority, SolutionPlan
from app.reminders import DueKind, end_of_day
from app.ui.fill_form import DateButton
from app.ui.handbook_page import ArticleIdRole
from app.ui.style import apply_style
from tests.gui.conftest import search
from tests.helpers import make_article
from tests.records_helpers import add_request

# The agenda's groups after the urgent and overdue requests, in the order the agent works through them.
AGENDA_RANK = {DueKind.DEADLINE_NEAR: 1, DueKind.STEP_DUE: 2, DueKind.CASE_WRITEUP: 3, DueKind.REVIEW: 4}

SHOTS = Path("/tmp/shots/agentflow")


def _shot(widget, name: str) -> None:
    """A picture for the reviewer when the folder exists (it is not the test's business otherwise)."""
    if SHOTS.is_dir():
        QApplication.processEvents()  # widgets added to a shown layout appear on the next turn
        widget.grab().save(str(SHOTS / name))


def _commit(edit: QLineEdit, text: str) -> None:
    """Text committed by a Chinese input method, as the agent types it."""
    event = QInputMethodEvent("", [])
    event.setCommitString(text)
    QApplication.sendEvent(edit, event)


def _select_entry(page, article_id: str) -> None:
    model = page.model
    for row in range(model.rowCount()):
        branch = model.item(row)
        for child in range(branch.rowCount()):
            if branch.child(child).data(ArticleIdRole) == article_id:
                page.tree.setCurrentIndex(page.proxy.mapFromSource(branch.child(child).index()))
                return
    raise AssertionError(f"{article_id} is not in the handbook tree")


def _open_forms():
    from app.ui.request_form import RequestForm

    return [w for w in QApplication.topLevelWidgets() if isinstance(w, RequestForm) and w.isVisible()]


def test_the_handbook_button_opens_the_need_record_prefilled_on_a_fresh_window(qtbot, window, demo_desk):
    """The first thing the agent does is the handbook: the 工单 page was never built, the form must open anyway."""
    handbook = demo_desk.get_article("demo-handbook-001")  # 5W1H接待：登录异常的需求记录
    page = window.show_page("handbook")
    _select_entry(page, handbook.id)
    entry = page.entry
    questions = [c.text() for c in entry.checks]
    entry.checks[0].setChecked(True)  # What: asked, the answer goes straight into the form later
    _commit(entry.answer_edits[1], "昨天改密码后开始，一直登不上")  # When: noting the answer ticks the question
    _commit(entry.answer_edits[2], "手机App端")
    assert entry.checks[1].isChecked() and entry.checks[2].isChecked() and not entry.checks[3].isChecked()
    _shot(window, "handbook_ticked.png")
    before = _open_forms()
    qtbot.mouseClick(entry.start_button, Qt.MouseButton.LeftButton)
    forms = [f for f in _open_forms() if f not in before]
    assert len(forms) == 1, "the button must open the need record form"
    form = forms[0]
    qtbot.addWidget(form)
    _shot(form, "handbook_form.png")
    assert form.handbook_article_id == handbook.id
    assert form.fields["when"].toPlainText() == "昨天改密码后开始，一直登不上"
    assert form.fields["where"].toPlainText() == "手机App端"
    marks = [form.questions.item(i).text() for i in range(form.questions.count())]
    assert [m[0] for m in marks[:4]] == ["✓", "✓", "✓", "○"] and questions[0] in marks[0]
    assert "→ 手机App端" in marks[2]
    form.customer.setText("陈女士")
    form.fields["what"].setPlainText("登录提示密码错误")
    with qtbot.waitSignal(window.context.nav.sig_open_request) as opened:
        form.save_button.click()
    request = demo_desk.records.get(opened.args[0])
    assert request.handbook_article_id == handbook.id and handbook.id in request.linked_article_ids
    assert (request.when, request.where, request.what) == ("昨天改密码后开始，一直登不上", "手机App端", "登录提示密码错误")
    assert window.current_key() == "requests"


def test_a_handbook_entry_found_by_search_starts_a_need_record_too(qtbot, desk_window, shared_desk):
    reader = desk_window.page("search").reader
    reader.open_article(shared_desk.get_article("demo-handbook-001").id)
    reader.open_article(shared_desk.get_article("demo-handbook-004").id)  # SPIN提问：退款争议, in the reading pane
    entry = reader.handbook_view
    QApplication.processEvents()  # the layout shows the new entry's fields
    shown = [e for e in entry.questions_box.findChildren(QLineEdit) if e.isVisibleTo(entry)]
    assert shown == entry.answer_edits  # the previous entry's answer fields are gone, not drawn underneath
    _commit(entry.answer_edits[1], "到账时间")  # 问题
    _commit(entry.answer_edits[2], "这笔钱要还信用卡")  # 影响: no field of its own
    before = _open_forms()
    entry.start_button.click()
    form = next(f for f in _open_forms() if f not in before)
    qtbot.addWidget(form)
    assert form.fields["what"].toPlainText() == "到账时间\n影响：这笔钱要还信用卡"
    form.close()


def test_today_lists_todays_work_in_order_and_opens_each_item_at_its_top(qtbot, window, demo_desk, clock):
    long_body = "\n\n".join(f"第{i}步：核对退款流水，逐笔确认到账时间。" for i in range(120))
    old = demo_desk.create_article(make_article("110天前复核过的退款案例", long_body))
    demo_desk.verify_article(old.id)
    clock.now += timedelta(days=110)
    urgent = add_request(demo_desk, what="全公司无法下单", priority=Priority.URGENT, company="华辰商贸")
    clock.now += timedelta(hours=3)  # past the 2-hour first response of 紧急
    later = add_request(demo_desk, what="发票抬头写错", priority=Priority.NORMAL)
    demo_desk.records.save_plan(SolutionPlan(later.id, steps=[PlanStep("重开发票", due_at=clock.now + timedelta(hours=2))]))
    assert end_of_day(clock.now) > clock.now + timedelta(hours=2)

    page = window.show_page("today")
    items = page.model.items()
    _shot(window, "today.png")
    keys = [(i.kind, i.subject_id) for i in items]
    assert (DueKind.STEP_DUE, later.id) in keys  # due in 2 hours: today's work already
    assert keys.index((DueKind.OVERDUE, urgent.id)) < keys.index((DueKind.REVIEW, old.id))
    order = [AGENDA_RANK[i.kind] for i in items if not (i.urgent or i.kind is DueKind.OVERDUE)]
    assert order == sorted(order)  # then steps, then case write-ups, then reviews
    window.refresh_due()  # what the minute timer does
    assert f"({len(items)})" in window.navigation.currentItem().text()  # the navigation counts the same list

    # The request opens on the 工单 page at its top, wherever the detail was scrolled before.
    requests = window.show_page("requests")
    detail_bar = requests.detail.scroll_area.verticalScrollBar()
    detail_bar.setValue(detail_bar.maximum())
    assert detail_bar.value() > 0
    window.show_page("today")
    page.view.activated.emit(page.model.index(keys.index((DueKind.OVERDUE, urgent.id)), 0))
    assert window.current_key() == "requests" and requests.detail.request.id == urgent.id
    assert detail_bar.value() == 0

    # The review opens the article at its top, even when it was last read further down.
    window.open_article(old.id)
    reader = window.current_page().reader
    reader.article_view.verticalScrollBar().setValue(reader.article_view.verticalScrollBar().maximum())
    assert reader.article_view.verticalScrollBar().value() > 0
    window.show_page("today")
    page.view.activated.emit(page.model.index(keys.index((DueKind.REVIEW, old.id)), 0))
    assert window.current_key() == "search" and reader.article.id == old.id
    assert reader.article_view.verticalScrollBar().value() == 0


def test_a_search_with_no_results_offers_the_correction_and_shows_no_article(qtbot, desk_window):
    page, results = search(qtbot, desk_window, "退款")
    assert results.results
    qtbot.waitUntil(lambda: page.reader.article is not None)  # the first result is read beside the list
    field = desk_window.search_field
    field.clear()
    with qtbot.waitSignal(page.session.sig_results, timeout=5000) as answer:
        _commit(field, "推款")  # a homophone picked from the input method's list, while typing
    results = answer.args[0]
    assert results.total == 0 and results.suggestion == "退款"
    assert page.suggestion.isVisible() and "退款" in page.suggestion.text()
    reader = page.reader
    assert reader.article is None and reader.currentWidget() is reader.nothing  # not the refund script still
    assert not page.article_actions.isVisible()
    assert "推款" in reader.nothing.text() and "href='退款'" in reader.nothing.text()
    _shot(desk_window, "no_results.png")
    with qtbot.waitSignal(page.session.sig_results, timeout=5000) as answer:
        reader.nothing.linkActivated.emit("退款")  # "did you mean" in the reading pane
    assert field.text() == "退款" and answer.args[0].results
    qtbot.waitUntil(lambda: reader.article is not None)


@pytest.fixture
def styled(qapp):
    """The application's real style and font: the layout is measured as the agent sees it."""
    style, font, sheet = qapp.style().name(), qapp.font(), qapp.styleSheet()
    apply_style(qapp)
    yield qapp
    qapp.setStyleSheet(sheet)
    qapp.setFont(font)
    qapp.setStyle(style)


def _in_window(window, widget) -> bool:
    """Shown, and its whole rectangle inside the window and inside every scroll area's viewport above it."""
    if not widget.isVisible():
        return False
    rect = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not window.rect().contains(rect):
        return False
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QScrollArea):
            viewport = QRect(parent.viewport().mapTo(window, QPoint(0, 0)), parent.viewport().size())
            if not viewport.contains(rect):
                return False
        parent = parent.parentWidget()
    return True


def test_fields_preview_and_copy_button_are_in_view_at_the_default_size(qtbot, styled, window, demo_desk):
    assert (window.width(), window.height()) == (1280, 820)
    for external_id in ("demo-script-004", "demo-script-006", "demo-script-009", "demo-script-017"):
        window.open_article(demo_desk.get_article(external_id).id)
        panel = window.current_page().reader.script_panel
        QApplication.processEvents()
        assert panel.scroll_area.verticalScrollBar().maximum() == 0, external_id  # nothing hidden below
        for widget in [*panel.editors.values(), panel.preview, panel.copy_button]:
            assert _in_window(window, widget), (external_id, widget.objectName() or widget)
    _shot(window, "script_panel.png")
    # A smaller window scrolls the script, never the copy button away.
    window.resize(1024, 600)
    window.open_article(demo_desk.get_article("demo-script-013").id)  # seven fields
    QApplication.processEvents()
    panel = window.current_page().reader.script_panel
    assert panel.scroll_area.verticalScrollBar().maximum() > 0 and _in_window(window, panel.copy_button)


def test_a_time_limit_takes_free_text_like_working_days_and_the_copy_carries_it(qtbot, desk_window, shared_desk):
    desk_window.open_article(shared_desk.get_article("demo-script-009").id)  # 发票重开说明: {{ 时限 | default(…) }}
    panel = desk_window.current_page().reader.script_panel
    field = panel.editors["时限"]
    assert isinstance(field, QLineEdit) and not field.isReadOnly()  # typed, not only picked
    date_button = next(b for b in panel.fill.tab_chain if isinstance(b, DateButton) and b.target is field)
    assert "3个工作日" in [a.text().split("—")[-1].strip() for a in date_button.menu().actions()]
    field.clear()
    _commit(field, "5个工作日")
    for name, value in (("客户姓名", "李先生"), ("订单号", "DD123"), ("发票类型", "增值税专票"), ("邮箱", "li@x.cn")):
        panel.editors[name].setText(value)
    assert panel.copy()
    assert "5个工作日内开具" in QApplication.clipboard().text()
