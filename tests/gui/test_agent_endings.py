"""Issue 15: ends of the agent's workflows — the editor closes like a dialog, an empty review queue says so, and a
case written up from a request keeps the customer out of the KB and names a similar case first."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from app.model.records import RequestStatus
from app.ui.context import AppContext
from app.ui.editor import ArticleEditor
from app.ui.requests_page import RequestsPage
from app.ui.tasks import SynchronousRunner
from tests.records_helpers import add_request

CLOSE_KEYS = [(Qt.Key.Key_Escape, Qt.KeyboardModifier.NoModifier), (Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)]


def _answer(monkeypatch, button) -> list:
    asked: list = []
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: (asked.append(a[1:3]), button)[1]))
    return asked


def _editor(qtbot, window, desk) -> ArticleEditor:
    article = desk.get_article("demo-case-001")
    editor = ArticleEditor(window.context, article.id, ask_restore=False)
    qtbot.addWidget(editor)
    editor.show()
    editor.activateWindow()
    qtbot.waitExposed(editor)
    qtbot.waitUntil(editor.isActiveWindow)  # window shortcuts go to the active window
    editor.body_edit.setFocus()
    return editor


@pytest.mark.parametrize(("key", "modifier"), CLOSE_KEYS, ids=["Esc", "Ctrl+W"])
def test_the_editor_closes_with_the_key_at_once_when_nothing_changed(qtbot, window, demo_desk, monkeypatch, key,
                                                                     modifier):
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    editor = _editor(qtbot, window, demo_desk)
    qtbot.keyClick(editor.body_edit, key, modifier)
    assert not editor.isVisible() and asked == []


@pytest.mark.parametrize(("key", "modifier"), CLOSE_KEYS, ids=["Esc", "Ctrl+W"])
def test_the_editor_asks_before_closing_with_changes_and_cancel_keeps_it(qtbot, window, demo_desk, monkeypatch, key,
                                                                         modifier):
    editor = _editor(qtbot, window, demo_desk)
    editor.body_edit.setPlainText(editor.body_edit.toPlainText() + "\n补充一句")
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Cancel)
    qtbot.keyClick(editor.body_edit, key, modifier)
    assert len(asked) == 1 and editor.isVisible() and editor.is_dirty()  # cancelled: nothing lost
    asked = _answer(monkeypatch, QMessageBox.StandardButton.Discard)
    qtbot.keyClick(editor.body_edit, key, modifier)
    assert len(asked) == 1 and not editor.isVisible()
    assert "补充一句" not in demo_desk.get_article("demo-case-001").body


def test_an_empty_review_queue_says_it_is_empty(qtbot, window, demo_desk):
    page = window.show_page("review")
    assert page.model.rowCount() > 0 and page.table.isVisible() and not page.empty.isVisible()
    demo_desk.curation.verify([item.id for item in page.model.items], "王磊")
    page.soon_check.setChecked(False)  # reloads
    page.reload()
    assert page.model.rowCount() == 0
    assert page.empty.isVisible() and not page.table.isVisible() and "Nothing is due" in page.empty.text()


@pytest.fixture
def requests_page(qtbot, demo_desk):
    page = RequestsPage(AppContext(demo_desk, SynchronousRunner()))
    qtbot.addWidget(page)
    page.show()
    return page


def _resolved_refund(page, desk):
    """The demo's refund that has not arrived, resolved without a case: the demo KB has a case of that problem."""
    request = next(r for r in desk.records.list([RequestStatus.RESOLVED]) if r.case_article_id is None)
    page.open_request(request.id)
    return request


def test_a_similar_case_is_named_and_opening_it_writes_no_second_one(qtbot, requests_page, demo_desk):
    request = _resolved_refund(requests_page, demo_desk)
    detail, nav = requests_page.detail, requests_page.context.nav
    asked = []
    detail.ask_about_similar = lambda similar: (asked.append([c.title for c in similar]), "open")[1]
    with qtbot.waitSignal(nav.sig_open_article) as opened:
        detail.case_button.click()
    assert asked == [["退款申请后超过7天未到账"]]
    assert demo_desk.get_article(opened.args[0]).title == "退款申请后超过7天未到账"
    assert demo_desk.records.get(request.id).case_article_id is None and detail.case_button.isEnabled()
    detail.ask_about_similar = lambda similar: "cancel"
    detail.case_button.click()
    assert demo_desk.records.get(request.id).case_article_id is None


def test_a_case_drafted_from_a_request_has_no_name_or_contact_of_the_customer(qtbot, requests_page, demo_desk):
    request = add_request(demo_desk, what="孙建国先生的打印机驱动装不上，回电 139 1234 5678", customer="孙建国",
                          company="远航物流有限公司", contact="sun@yuanhang.cn")
    demo_desk.records.add_progress(request.id, "已给孙建国远程安装驱动，发邮件到 sun@yuanhang.cn 确认")
    demo_desk.records.set_status(request.id, RequestStatus.RESOLVED)
    requests_page.reload()
    requests_page.open_request(request.id)
    detail = requests_page.detail
    detail.ask_about_similar = lambda similar: pytest.fail(f"no similar case expected: {similar}")
    with qtbot.waitSignal(requests_page.context.nav.sig_edit_article) as edit:
        detail.case_button.click()
    article = demo_desk.get_article(edit.args[0])
    text = "\n".join([article.title, article.body, *map(str, article.fields.values())])
    for personal in ("孙建国", "远航物流", "139 1234 5678", "sun@yuanhang.cn"):
        assert personal not in text
    assert "打印机驱动装不上" in article.fields["problem"]
