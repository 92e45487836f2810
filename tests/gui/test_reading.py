"""Reading, reply scripts filled and copied, the handbook, 今日待办, language, window state."""

from __future__ import annotations

from PySide6.QtCore import QUrl, Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QDialog

from app.model import Kind
from app.ui.article_view import SafeBrowser
from app.ui.today_page import DueListModel


def open_script(window, desk, external_id="demo-script-004"):
    article = desk.get_article(external_id)
    window.open_article(article.id)
    panel = window.current_page().reader.script_panel
    assert window.current_page().reader.currentWidget() is panel
    return article, panel


def test_a_case_shows_its_fields_review_state_and_similar_articles(desk_window, shared_desk):
    case = shared_desk.get_article("demo-case-001")
    desk_window.open_article(case.id)
    view = desk_window.current_page().reader.article_view
    text = view.toPlainText()
    for label in ("Problem (customer's words)", "Standard statement", "Cause", "Solution steps", "Key points",
                  "Verified:", "Next review:", "Owner:", "Similar articles"):
        assert label in text
    assert case.field_text("statement") in text
    assert view.document().toHtml().count("deskbook:article/") >= 1  # similar articles link inside the app


def test_the_reading_pane_loads_nothing_remote(qtbot):
    browser = SafeBrowser()
    qtbot.addWidget(browser)
    assert browser.loadResource(QTextDocument.ResourceType.ImageResource, QUrl("https://example.com/x.png")) is None
    assert not browser.openLinks()
    with qtbot.waitSignal(browser.sig_open_article) as blocker:
        browser.anchorClicked.emit(QUrl("deskbook:article/abc-123"))
    assert blocker.args == ["abc-123"]


def test_fill_a_script_and_copy_it_with_ctrl_enter(qtbot, desk_window, shared_desk):
    article, panel = open_script(desk_window, shared_desk)
    values = {"客户姓名": "王女士", "问题": "退款未到账", "原因": "银行处理延迟", "解决步骤": "提供退款流水号",
              "完成时间": "明天18:00"}
    for name, value in values.items():
        panel.editors[name].setText(value)
    assert panel.filled().complete
    QApplication.clipboard().clear()
    qtbot.keyClick(panel.editors["问题"], Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    copied = QApplication.clipboard().text()
    assert copied.startswith("王女士您好，针对您提到的退款未到账")
    assert "明天18:00" in copied and "【" not in copied
    assert shared_desk.get_article(article.id).copies == article.copies + 1


def test_missing_values_are_marked_and_the_first_copy_only_points_at_them(qtbot, desk_window, shared_desk):
    article, panel = open_script(desk_window, shared_desk)
    panel.set_value("客户姓名", "王女士")
    assert "【问题】" in panel.preview.toPlainText()
    assert "问题" in panel.state.text()
    assert panel.editors["问题"].property("missing") is True
    assert panel.editors["客户姓名"].property("missing") is False
    QApplication.clipboard().setText("before")
    assert panel.copy() is False
    assert QApplication.clipboard().text() == "before"
    assert panel.copy() is True  # a second Ctrl+Enter copies anyway, markers and all
    assert "【问题】" in QApplication.clipboard().text()
    assert shared_desk.get_article(article.id).copies == article.copies + 1


def test_variants_switch_with_one_key_and_keep_the_values(qtbot, desk_window, shared_desk):
    article, panel = open_script(desk_window, shared_desk, "demo-script-001")
    assert len(panel.variant_names) == 3
    panel.set_value("客户姓名", "李先生")
    standard = panel.filled().text
    qtbot.keyClick(panel.editors["客户姓名"], Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert panel.current_variant == 2
    formal = panel.filled().text
    assert formal != standard and formal.startswith("尊敬的李先生")
    assert "【工单号】" in formal  # only the formal variant asks for it
    qtbot.keyClick(panel.editors["客户姓名"], Qt.Key.Key_F2)
    assert panel.current_variant == 0
    assert panel.filled().text == standard


def test_handbook_tree_checklist_and_need_record_request(qtbot, desk_window, shared_desk):
    page = desk_window.show_page("handbook")
    assert page.model.rowCount() >= 2  # methods as branches
    methods = [page.model.item(i).text() for i in range(page.model.rowCount())]
    assert "SPIN" in methods and "5W1H" in methods
    spin = page.model.item(methods.index("SPIN"))
    page.tree.setCurrentIndex(page.proxy.mapFromSource(spin.child(0).index()))
    entry = page.entry
    assert entry.article.kind is Kind.HANDBOOK
    groups = {check.property("group") for check in entry.checks}
    assert {"情境", "问题", "影响", "需求回报"} <= groups
    entry.checks[0].setChecked(True)
    entry.checks[2].setChecked(True)
    with qtbot.waitSignal(desk_window.context.nav.sig_new_request) as blocker:  # the form: test_agent_flows.py
        qtbot.mouseClick(entry.start_button, Qt.MouseButton.LeftButton)
    assert blocker.args == [entry.article.id, [entry.checks[0].text(), entry.checks[2].text()], {}]
    for form in desk_window.findChildren(QDialog, "requestForm"):
        form.close()
    assert "→" in entry.restatements.text()


def test_today_lists_what_is_due_and_opens_it(qtbot, desk_window, shared_desk):
    due = shared_desk.agenda()
    assert due  # the demo ages some articles
    page = desk_window.show_page("today")
    assert page.model.rowCount() == len(due)
    assert str(len(due)) in desk_window.navigation.item(desk_window.specs.index(next(
        s for s in desk_window.specs if s.key == "today"))).text()
    review_row = next(i for i, item in enumerate(page.model.items()) if item.kind.value == "review")
    with qtbot.waitSignal(desk_window.context.nav.sig_open_article) as blocker:
        page.view.activated.emit(page.model.index(review_row, 0))
    assert blocker.args == [page.model.items()[review_row].subject_id]
    assert desk_window.current_key() == "search"


def test_due_model_passes_the_model_tester(qtmodeltester, shared_desk):
    model = DueListModel()
    model.set_items(shared_desk.due())
    qtmodeltester.check(model)


def test_switching_the_language_translates_the_window(qtbot, desk_window):
    search_row = next(i for i, s in enumerate(desk_window.specs) if s.key == "search")
    assert desk_window.navigation.item(search_row).text() == "Search"
    desk_window.set_language("zh_CN")
    assert desk_window.navigation.item(search_row).text() == "搜索"
    assert "搜索" in desk_window.search_field.placeholderText()
    assert desk_window.current_page().kind_filter.itemText(0) == "全部类型"  # pages are rebuilt in the new language
    desk_window.set_language("en")
    assert desk_window.navigation.item(search_row).text() == "Search"


def test_window_remembers_the_last_page_and_geometry(qtbot, demo_desk, qsettings):
    from app.ui.main_window import MainWindow
    from app.ui.tasks import SynchronousRunner

    first = MainWindow(demo_desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
    qtbot.addWidget(first)
    first.resize(640, 480)
    first.show_page("handbook")
    first.close()
    second = MainWindow(demo_desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
    qtbot.addWidget(second)
    assert second.current_key() == "handbook"
    assert second.size().width() == 640
    assert any("qt" in key for key in qsettings.allKeys())


def test_without_an_index_search_falls_back_and_the_rebuild_runs_in_the_background(qtbot, clock, qsettings):
    from app.services import Deskbook
    from app.ui.main_window import MainWindow
    from app.ui.tasks import SynchronousRunner

    desk = Deskbook.open(None, seed_demo=True, clock=clock)  # index never prepared: unavailable
    try:
        window = MainWindow(desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
        qtbot.addWidget(window)
        page = window.page("search")
        with qtbot.waitSignal(page.session.sig_results, timeout=5000) as blocker:
            window.search_field.setText("退款")
        assert blocker.args[0].indexing
        assert "indexing" in page.count_label.text()
        desk.prepare_index()
        window.start_reindex()
        assert not desk.needs_rebuild()
        with qtbot.waitSignal(page.session.sig_results, timeout=5000) as blocker:
            window.search_field.setText("退款 ")
        assert not blocker.args[0].indexing
    finally:
        desk.close()


def test_slash_is_text_in_a_fill_in_field_and_goes_to_search_from_the_reading_pane(qtbot, desk_window, shared_desk):
    _article, panel = open_script(desk_window, shared_desk)
    editor = next(iter(panel.editors.values()))
    editor.setFocus()
    editor.clear()
    qtbot.keyClicks(editor, "A/B")
    assert editor.text() == "A/B"  # an order number with a slash stays in the field
    assert not desk_window.search_field.hasFocus()

    desk_window.open_article(shared_desk.get_article("demo-case-001").id)
    view = desk_window.current_page().reader.article_view
    desk_window.activateWindow()  # keys reach only the active window, where its shortcuts apply
    qtbot.waitUntil(lambda: QApplication.activeWindow() is desk_window)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_Slash)
    assert desk_window.search_field.hasFocus()


def _tab_stops(first, count: int) -> list:
    """``first`` and the ``count`` widgets Tab moves to after it."""
    chain = [first]
    for _ in range(count):
        chain.append(chain[-1].nextInFocusChain())
        while not (chain[-1].focusPolicy() & Qt.FocusPolicy.TabFocus and chain[-1].isVisible()
                   and chain[-1].isEnabled()):
            chain[-1] = chain[-1].nextInFocusChain()
    return chain


def test_tab_goes_down_the_handbook_questions_then_to_the_start_button(qtbot, desk_window, shared_desk):
    entry_id = next(s.id for s in shared_desk.list_articles(kind=Kind.HANDBOOK, limit=20))
    desk_window.open_article(entry_id)
    view = desk_window.current_page().reader.handbook_view
    assert len(view.checks) >= 2
    each_with_its_answer = [w for pair in zip(view.checks, view.answer_edits, strict=True) for w in pair]
    assert _tab_stops(view.checks[0], len(view.checks) * 2) == each_with_its_answer + [view.start_button]


def test_tab_goes_down_the_script_fields_then_to_the_copy_button(qtbot, desk_window, shared_desk):
    _article, panel = open_script(desk_window, shared_desk)
    editors = list(panel.editors.values())
    assert len(editors) >= 2
    stops = _tab_stops(editors[0], len(editors) * 2)
    stops = stops[: stops.index(panel.copy_button) + 1]  # a date field has its calendar button after it
    assert [w for w in stops if w in editors] == editors
    assert stops[-1] is panel.copy_button
