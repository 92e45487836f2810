"""The quick palette and the paste-back around it, offscreen, with a recording stand-in for the platform backend
(the real X11 backend is exercised in tests/test_hotkey_x11.py)."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from app.model import Kind
from app.ui.context import AppContext
from app.ui.hotkey import HotkeyProblem, ProblemKind
from app.ui.quick_palette import QuickPalette
from app.ui.quick_reply import QuickReply
from app.ui.quick_reply_settings import QuickReplySettings
from app.ui.tasks import SynchronousRunner
from tests.helpers import make_article

# The ticket window's handle: far above the small sequential ids the offscreen platform gives our own windows, so
# it never equals one of them (QuickReply ignores a target that is its own window; 77 did, once enough windows
# had been made earlier in the run).
TICKET = 0x3FFF_0077


class FakeBackend:
    name = "fake"

    def __init__(self) -> None:
        self.calls: list[tuple] = []
        self.windows = {TICKET}
        self.taken = False
        self.on_pressed = None

    def register(self, hotkey, on_pressed) -> None:
        if self.taken:
            raise HotkeyProblem(ProblemKind.TAKEN, hotkey.text)
        self.calls.append(("register", hotkey.text))
        self.on_pressed = on_pressed

    def unregister(self) -> None:
        self.on_pressed = None

    def focused_window(self) -> int | None:
        return TICKET

    def window_exists(self, window: int) -> bool:
        return window in self.windows

    def activate(self, window: int, confirm: bool = True) -> bool:
        self.calls.append(("activate", window, confirm))
        return window in self.windows

    def send_paste(self) -> None:
        self.calls.append(("paste",))

    def close(self) -> None:
        self.calls.append(("close",))


@pytest.fixture
def context(demo_desk):
    return AppContext(demo_desk, SynchronousRunner())


@pytest.fixture
def palette(qtbot, context):
    widget = QuickPalette(context)
    qtbot.addWidget(widget)
    widget.open_at()
    qtbot.waitExposed(widget)
    return widget


def type_query(qtbot, palette, text: str) -> None:
    palette.search.setText(text)


def press(qtbot, widget, key, modifier=Qt.KeyboardModifier.NoModifier) -> None:
    qtbot.keyClick(widget, key, modifier)


def rows(palette) -> list[tuple[str, str]]:
    from app.ui.quick_palette import KindRole

    return [(palette.results.item(i).text(), palette.results.item(i).data(KindRole))
            for i in range(palette.results.count())]


def open_refund_form(qtbot, palette) -> None:
    type_query(qtbot, palette, "退款进度")
    assert rows(palette)[0][0] == "退款进度查询回复"
    press(qtbot, palette.search, Qt.Key.Key_Return)
    assert palette.in_form and palette.title.text() == "退款进度查询回复"


def test_the_palette_lists_scripts_first_in_the_search_order(qtbot, palette, demo_desk):
    type_query(qtbot, palette, "退款")
    kinds = [kind for _text, kind in rows(palette)]
    assert "script" in kinds and "case" in kinds
    assert kinds == sorted(kinds, key=lambda k: k != "script")  # every script before every other kind
    found = demo_desk.search("退款", None, 50, prefix_last=True, log_query=False).results
    scripts = [r.summary.title for r in found if r.summary.kind is Kind.SCRIPT]
    assert [text for text, kind in rows(palette) if kind == "script"] == scripts
    assert palette.results.currentRow() == 0
    press(qtbot, palette.search, Qt.Key.Key_Down)
    press(qtbot, palette.search, Qt.Key.Key_Down)
    assert palette.results.currentRow() == 2 and palette.search.hasFocus()
    press(qtbot, palette.search, Qt.Key.Key_Up)
    assert palette.results.currentRow() == 1


def test_enter_opens_the_form_tab_moves_through_the_fields_and_enter_finishes(qtbot, palette):
    open_refund_form(qtbot, palette)
    names = list(palette.fill.editors)
    assert names[:3] == ["客户姓名", "订单号", "退款金额"]
    assert palette.fill.editors["客户姓名"].hasFocus()
    qtbot.keyClicks(palette.fill.editors["客户姓名"], "Wang")
    # Tab goes down the fields, and not out to the search field (the real Tab key is pressed in test_hotkey_x11)
    chain, widget = [], palette.fill.editors["客户姓名"]
    for _ in range(len(names)):
        chain.append(widget)
        widget = widget.nextInFocusChain()
        while widget.focusPolicy() & Qt.FocusPolicy.TabFocus != Qt.FocusPolicy.TabFocus:
            widget = widget.nextInFocusChain()
    assert chain == list(palette.fill.editors.values())
    for name, value in {"订单号": "A1001", "退款金额": "58", "退款日期": "11月20日", "退款流水号": "R9"}.items():
        palette.fill.editors[name].setText(value)
    assert "Wang您好" in palette.preview.text() and "【" not in palette.fill.filled.text[:8]
    with qtbot.waitSignal(palette.sig_finished) as finished:
        press(qtbot, palette.fill.editors["订单号"], Qt.Key.Key_Return)
    _article_id, text = finished.args
    assert text.startswith("Wang您好，已为您查询：订单A1001的退款58元已于11月20日原路退回")
    assert "7个工作日" in text and "【" not in text


def test_missing_values_need_a_second_enter_and_esc_goes_back_then_away(qtbot, palette):
    open_refund_form(qtbot, palette)
    palette.fill.editors["客户姓名"].setText("李先生")
    finished = []
    palette.sig_finished.connect(lambda *args: finished.append(args))
    press(qtbot, palette.fill.editors["客户姓名"], Qt.Key.Key_Return)
    assert finished == [] and "订单号" in palette.hint.text()
    assert palette.fill.editors["订单号"].hasFocus()  # pointed at the first missing value
    press(qtbot, palette.fill.editors["订单号"], Qt.Key.Key_Return)
    assert len(finished) == 1 and "【订单号】" in finished[0][1]
    palette._finishing = False
    press(qtbot, palette.fill.editors["订单号"], Qt.Key.Key_Escape)
    assert not palette.in_form and palette.search.hasFocus() and palette.isVisible()
    with qtbot.waitSignal(palette.sig_cancelled):
        press(qtbot, palette.search, Qt.Key.Key_Escape)
    assert not palette.isVisible()


def test_variants_switch_with_alt_and_keep_the_values(qtbot, palette):
    open_refund_form(qtbot, palette)
    palette.fill.editors["订单号"].setText("A1001")
    press(qtbot, palette.fill.editors["订单号"], Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert palette.tabs.currentIndex() == 1
    assert palette.fill.filled.text.startswith("订单A1001的退款")


def test_a_case_opens_in_the_main_window_instead(qtbot, palette):
    type_query(qtbot, palette, "退款")
    first_case = next(i for i, (_text, kind) in enumerate(rows(palette)) if kind == "case")
    palette.results.setCurrentRow(first_case)
    with qtbot.waitSignal(palette.sig_open_article):
        press(qtbot, palette.search, Qt.Key.Key_Return)
    assert not palette.isVisible()


def test_an_abbreviation_goes_straight_to_its_form_only_when_switched_on(qtbot, palette, demo_desk):
    demo_desk.create_article(make_article("zq9 话术标题", kind=Kind.SCRIPT, fields={"reply": "标题里有zq9"}))
    demo_desk.create_article(make_article("内部测试话术", kind=Kind.SCRIPT, fields={"reply": "好的{{ 称呼 }}",
                                                                           "trigger": ";zq9"}))
    type_query(qtbot, palette, ";zq9")
    assert rows(palette)[0][0] == "zq9 话术标题"  # the search ranks the title match first
    press(qtbot, palette.search, Qt.Key.Key_Return)
    assert palette.title.text() == "zq9 话术标题"  # off by default: Enter takes the first result
    palette.abbreviations = True
    palette.open_at()
    type_query(qtbot, palette, ";ZQ9")
    assert "Enter" in palette.hint.text() and ";ZQ9" in palette.hint.text()
    press(qtbot, palette.search, Qt.Key.Key_Return)
    assert palette.in_form and palette.title.text() == "内部测试话术"


@pytest.fixture
def quick(qtbot, context):
    backend = FakeBackend()
    messages: list[str] = []
    settings = context.desk.settings
    settings.restore_clipboard_ms = 150
    reply = QuickReply(context, settings, backend=backend, notify=messages.append)
    reply.messages, reply.fake = messages, backend
    assert reply.apply_settings() is None
    yield reply
    reply.close()


def press_hotkey_from_another_thread(qtbot, quick) -> None:
    thread = threading.Thread(target=quick.fake.on_pressed, args=(TICKET,))
    thread.start()
    thread.join()
    qtbot.waitUntil(quick.palette.isVisible, timeout=3000)


def fill_the_password_script(qtbot, quick) -> str:
    palette = quick.palette
    palette.search.setText("密码重置")
    press(qtbot, palette.search, Qt.Key.Key_Return)
    assert palette.in_form
    for editor in palette.fill.editors.values():
        editor.setText("张三")
    return palette.fill.filled.text


def test_the_hotkey_opens_the_palette_and_enter_pastes_into_the_ticket_then_restores_the_clipboard(
        qtbot, quick, demo_desk):
    assert quick.fake.calls[0] == ("register", "Ctrl+Alt+K")
    QApplication.clipboard().setText("客户发来的订单号 A-778")
    press_hotkey_from_another_thread(qtbot, quick)
    assert quick.target == TICKET
    qtbot.waitUntil(lambda: quick._saved is not None, timeout=2000)
    text = fill_the_password_script(qtbot, quick)
    article = demo_desk.get_article("demo-script-008")
    with qtbot.waitSignal(quick.sig_pasted, timeout=3000) as pasted:
        press(qtbot, quick.palette.fill.first_empty(), Qt.Key.Key_Return)
    assert pasted.args == [True]
    assert ("activate", TICKET, True) in quick.fake.calls and quick.fake.calls[-1] == ("paste",)
    assert QApplication.clipboard().text() == text  # what the ticket window pasted
    assert not quick.palette.isVisible()
    qtbot.waitUntil(lambda: QApplication.clipboard().text() == "客户发来的订单号 A-778", timeout=3000)
    assert demo_desk.get_article(article.id).copies == article.copies + 1
    assert quick.messages == []


def test_when_the_ticket_window_is_gone_the_reply_stays_on_the_clipboard_and_the_agent_is_told(qtbot, quick):
    QApplication.clipboard().setText("旧内容")
    press_hotkey_from_another_thread(qtbot, quick)
    text = fill_the_password_script(qtbot, quick)
    quick.fake.windows.clear()  # the ticket tab was closed meanwhile
    with qtbot.waitSignal(quick.sig_pasted, timeout=3000) as pasted:
        quick.palette.finish()
    assert pasted.args == [False]
    assert ("paste",) not in quick.fake.calls
    assert len(quick.messages) == 1 and "Ctrl+V" in quick.messages[0]
    qtbot.wait(300)  # longer than the restore delay: nothing is put back over the reply
    assert QApplication.clipboard().text() == text


def test_with_paste_back_off_the_reply_is_only_copied(qtbot, quick):
    quick.settings.paste_into_window = False
    QApplication.clipboard().setText("旧内容")
    press_hotkey_from_another_thread(qtbot, quick)
    text = fill_the_password_script(qtbot, quick)
    with qtbot.waitSignal(quick.sig_pasted, timeout=3000) as pasted:
        quick.palette.finish()
    assert pasted.args == [False]
    assert ("activate", TICKET, True) not in quick.fake.calls and ("paste",) not in quick.fake.calls
    assert quick.messages == ["The reply is on the clipboard."]
    qtbot.wait(300)
    assert QApplication.clipboard().text() == text


def test_the_hotkey_pressed_in_the_settings_hotkey_field_is_recorded_there(qtbot, quick, demo_desk):
    section = QuickReplySettings(demo_desk.settings, platform="x11")
    qtbot.addWidget(section)
    section.show()
    section.activateWindow()
    section.keys.clear()
    section.keys.setFocus()
    qtbot.waitUntil(section.keys.hasFocus, timeout=2000)
    quick.fake.on_pressed(TICKET)  # the grab took Ctrl+Alt+K before the field could see it
    qtbot.waitUntil(lambda: section.hotkey_text() == "Ctrl+Alt+K", timeout=2000)
    assert not quick.palette.isVisible()


def test_the_hotkey_again_closes_the_palette(qtbot, quick):
    press_hotkey_from_another_thread(qtbot, quick)
    quick.fake.on_pressed(TICKET)
    qtbot.waitUntil(lambda: not quick.palette.isVisible(), timeout=3000)


def test_a_hotkey_owned_by_another_program_is_reported_and_the_palette_still_opens_from_the_menu(qtbot, context):
    backend = FakeBackend()
    backend.taken = True
    messages: list[str] = []
    quick = QuickReply(context, context.desk.settings, backend=backend, notify=messages.append)
    try:
        problem = quick.apply_settings()
        assert problem is not None and problem.kind is ProblemKind.TAKEN
        assert len(messages) == 1 and "Ctrl+Alt+K" in messages[0]
        quick.open_palette(from_menu=True)
        assert quick.palette.isVisible() and quick.target == TICKET
    finally:
        quick.close()


def test_settings_section_checks_the_hotkey_and_explains_wayland(qtbot, demo_desk):
    settings = demo_desk.settings
    section = QuickReplySettings(settings, platform="x11")
    qtbot.addWidget(section)
    section.keys.setKeySequence("K")
    assert section.check() is False and not section.problem.isHidden()
    section.keys.setKeySequence("Ctrl+Shift+Y")
    section.abbreviations.setChecked(True)
    section.delay.setValue(900)
    assert section.check() is True
    section.apply()
    assert (settings.hotkey, settings.abbreviations, settings.restore_clipboard_ms) == ("Ctrl+Shift+Y", True, 900)
    wayland = QuickReplySettings(settings, platform="wayland")
    qtbot.addWidget(wayland)
    assert "Wayland" in wayland.note.text() and "security" in wayland.note.text()
    assert not wayland.keys.isEnabled() and not wayland.paste.isEnabled() and wayland.abbreviations.isEnabled()
