"""No English reaches a Chinese user: the whole window in zh_CN, as a KB owner (who sees every page and command),
every page, every menu command and the dialogs the pages' buttons open, and the refusals that change nothing, read
string by string (tests/gui/visible_text.py says what counts and which Latin words are allowed, and why).

Modal dialogs are not run: ``exec`` and the static message, input and file dialogs are replaced by recorders that
read the dialog (or its title and text) and answer "cancel", so the walk changes nothing it does not mean to.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Callable

import pytest
from PySide6.QtCore import QLibraryInfo, QTranslator
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDialog,
    QFileDialog,
    QGroupBox,
    QInputDialog,
    QLabel,
    QLineEdit,
    QMenu,
    QMessageBox,
    QWidget,
)

from app.importers.records import _ALIASES as COLUMN_ALIASES
from app.model import Kind
from app.paths import RESOURCES_DIR
from app.ui import role_switch
from app.ui.hotkey import HotkeyProblem, ProblemKind
from app.ui.language import LANGUAGES, install_language, qt_gap_texts
from app.ui.launch import create_application
from app.ui.main_window import MainWindow
from app.ui.quick_palette import QuickPalette
from app.ui.quick_reply import problem_text
from app.ui.quick_reply_settings import platform_note
from app.ui.tasks import SynchronousRunner
from app.ui.update_notice import install_update_notice
from app.updates import Release, UpdateCheck, UpdateStatus
from tests.gui.conftest import TEST_PIN
from tests.gui.visible_text import english_words, plain, visible_strings
from tests.helpers import data_words, make_article

REAL_ASK_PIN = role_switch.ask_pin  # conftest answers the PIN dialog for every GUI test; the walk reads it

# Commands the walk does not run: they quit, rebuild the index, change an article or reach out of the machine.
SKIPPED_ACTIONS = {"action:quit", "action:reindex", "action:verify_article", "action:team_sync",
                   "action:check_updates"}
# The language choice names each language in itself, so that someone who cannot read the current one finds theirs.
LANGUAGE_NAMES = frozenset(LANGUAGES.values())
# A broken reply script the walk adds to see the script panel's refusal.
BROKEN_SCRIPT = "您好 {{ 客户姓名 }，{% if 金额 %}退款{{ 金额 }}元"


class Reader:
    """Reads what the user would see; keeps the English found as {(where, text): words} and every window title."""

    def __init__(self) -> None:
        self.found: dict[tuple[str, str], list[str]] = {}
        self.titles: set[str] = set()
        self.data: frozenset[str] = frozenset()  # the knowledge base's own Latin words (Chrome, Edge …)

    def text(self, where: str, text: str, allowed: frozenset[str] = frozenset()) -> None:
        words = english_words(text, LANGUAGE_NAMES | self.data | allowed)
        if words:
            self.found.setdefault((where, plain(text)[:200]), words)

    def widget(self, where: str, root: QWidget, allowed: frozenset[str] = frozenset()) -> None:
        # The error dialog's details (the traceback, for a report to IT) are technical by design.
        boxes = [root, *root.findChildren(QMessageBox)] if not isinstance(root, QMessageBox) else [root]
        details = {box.detailedText() for box in boxes if isinstance(box, QMessageBox) and box.detailedText()}
        for name, text in visible_strings(root):
            if text not in details:
                self.text(f"{where}: {name}", text, allowed)
        for window in [root, *root.findChildren(QWidget)]:
            if window.isWindow() and window.windowTitle():
                self.titles.add(window.windowTitle())

    def report(self) -> str:
        return "\n".join(f"{where}: {text!r} → {words}" for (where, text), words in sorted(self.found.items()))


@pytest.fixture
def reader(monkeypatch) -> Reader:
    reader = Reader()

    def fake_exec(dialog: QDialog) -> int:
        reader.widget(f"dialog {type(dialog).__name__}", dialog)
        return 0

    def message(kind: str, answer):
        def show(parent, title, text, *_args, **_kwargs):
            reader.text(f"message box {kind} title", title)
            reader.text(f"message box {kind}", text)
            reader.titles.add(title)
            return answer
        return show

    def get_text(parent, title, label, *_args, **_kwargs):
        reader.text("input dialog title", title)
        reader.text("input dialog", label)
        return "", False

    def file_dialog(empty):
        def ask(parent=None, caption="", directory="", filter="", *_args, **_kwargs):
            reader.text("file dialog title", caption)
            reader.text("file dialog filter", filter)
            return empty
        return ask

    monkeypatch.setattr(QDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    for kind in ("information", "warning", "critical"):
        monkeypatch.setattr(QMessageBox, kind, message(kind, QMessageBox.StandardButton.Ok))
    monkeypatch.setattr(QMessageBox, "question", message("question", QMessageBox.StandardButton.No))
    monkeypatch.setattr(QMessageBox, "about", message("about", None))
    monkeypatch.setattr(QInputDialog, "getText", get_text)
    monkeypatch.setattr(role_switch, "ask_pin", REAL_ASK_PIN)
    for name in ("getSaveFileName", "getOpenFileName"):
        monkeypatch.setattr(QFileDialog, name, file_dialog(("", "")))
    monkeypatch.setattr(QFileDialog, "getOpenFileNames", file_dialog(([], "")))
    monkeypatch.setattr(QFileDialog, "getExistingDirectory", file_dialog(""))
    return reader


@pytest.fixture
def zh_window(qtbot, demo_desk, qsettings, reader):
    install_language("zh_CN")
    demo_desk.curation.set_role("owner", TEST_PIN)  # an owner sees every page and command
    reader.data = data_words(demo_desk)
    window = MainWindow(demo_desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
    qtbot.addWidget(window)
    window.context.nav.sig_status.connect(lambda text: reader.text("status bar", text))
    window.show()
    qtbot.waitExposed(window)
    yield window
    install_language("en")


def read_opened(reader: Reader, where: str, run: Callable[[], object]) -> None:
    """Run ``run`` and read the top-level windows it opened (editors, modeless dialogs); then close them."""
    before = set(QApplication.topLevelWidgets())
    run()
    QApplication.processEvents()
    for opened in QApplication.topLevelWidgets():
        if opened not in before and opened.isVisible() and not isinstance(opened, QMenu):
            reader.widget(f"{where} → {type(opened).__name__}", opened)
            opened.close()
            opened.deleteLater()


def walk_pages_and_menus(reader: Reader, window: MainWindow) -> None:
    reader.widget("window", window)
    for spec in window.specs:
        reader.widget(f"page {spec.key}", window.show_page(spec.key))
    for menu in window.menuBar().findChildren(QMenu):
        reader.widget(f"menu {menu.title()}", menu)
    window.open_article(window.desk.get_article("demo-case-003").id)  # for Edit, History, Propose
    for action in [a for menu in window.menuBar().findChildren(QMenu) for a in menu.actions()]:
        key = action.objectName()
        if action.menu() is not None or action.isSeparator() or key in SKIPPED_ACTIONS or key.startswith("role:"):
            continue
        read_opened(reader, f"menu {key or action.text()}", action.trigger)


def walk_requests(reader: Reader, window: MainWindow) -> None:
    """The requests page's dialogs, and refusals that change nothing (an empty form, a progress entry without a
    note)."""
    page = window.show_page("requests")
    detail = page.detail
    read_opened(reader, "new request", page.new_button.click)
    form = page.new_request()
    form.save()
    reader.widget("empty request form", form)
    form.close()
    read_opened(reader, "tracking sheet", page.tracking_button.click)
    dialog = page.export_tracking()
    dialog.export()  # asks for the file name (answered: cancel)
    dialog.close()
    for button in (detail.feedback_button, detail.resolve_button, detail.letter_docx_button,
                   detail.letter_pdf_button, detail.plan.add_step_button):
        read_opened(reader, f"request {button.text()}", button.click)
    detail.progress.note.clear()
    detail.progress.add_progress()
    reader.widget("request detail after a refusal", detail)


def walk_owner_pages(reader: Reader, window: MainWindow, tmp_path) -> None:
    figures = window.show_page("figures")
    for button in (figures.xlsx_button, figures.pdf_button):
        read_opened(reader, f"figures {button.text()}", button.click)
    analytics = window.show_page("analytics")
    analytics.duplicates_button.click()
    read_opened(reader, "analytics export", analytics.export_button.click)
    reader.widget("analytics with duplicates", analytics)
    pack = window.show_page("onboarding_pack")
    pack.add_matching_button.click()
    read_opened(reader, "pack export", pack.export)
    reader.widget("pack with articles", pack)
    team = window.show_page("team")
    team.url_edit.setText(str(tmp_path / "team.git"))
    read_opened(reader, "team connect", team.connect_library)
    reader.widget("team after a failed connect", team)


def test_pages_menus_and_their_dialogs_show_no_english(qtbot, zh_window, reader, tmp_path):
    walk_pages_and_menus(reader, zh_window)
    walk_requests(reader, zh_window)
    walk_owner_pages(reader, zh_window, tmp_path)
    assert not reader.found, "English in the zh_CN UI:\n" + reader.report()


def test_articles_editors_and_the_import_preview_show_no_english(qtbot, zh_window, reader, tmp_path, monkeypatch):
    desk = zh_window.desk
    for ref in ("demo-case-003", "demo-script-004", "demo-handbook-002", "demo-handbook-003"):  # 5W1H and SPIN
        article = desk.get_article(ref)
        zh_window.open_article(article.id)
        reader.widget(f"reading {ref}", zh_window)
        read_opened(reader, f"editing {ref}", lambda a=article: zh_window.context.nav.sig_edit_article.emit(a.id))
        read_opened(reader, f"history of {ref}", lambda a=article: zh_window.context.nav.sig_article_history.emit(a.id))
    # A script saved before templates were checked on save (an old data directory) still reaches the panel.
    monkeypatch.setattr("app.articles.service.check_article", lambda _article: None)
    broken = desk.create_article(make_article("坏掉的话术", kind=Kind.SCRIPT, fields={"reply": BROKEN_SCRIPT}))
    zh_window.open_article(broken.id)
    reader.widget("a script that cannot be filled", zh_window)
    palette = QuickPalette(zh_window.context)
    qtbot.addWidget(palette)
    palette.show_script(broken)
    reader.widget("quick palette, broken script", palette)
    source = tmp_path / "导入.csv"
    source.write_text("title,kind,body\n退款到账说明,case,正文\n,case,没有标题的一行\n", encoding="utf-8")
    dialog = zh_window._curation_controller.import_dialog()
    dialog.set_path(str(source))
    # The import names a missing column by the names a file may give it (title / 标题): what to type, not words.
    reader.widget("import preview", dialog, frozenset(COLUMN_ALIASES))
    dialog.close()
    assert not reader.found, "English in the zh_CN UI:\n" + reader.report()


def test_roles_quick_reply_hotkey_and_update_notes_are_chinese(qtbot, zh_window, reader, tmp_path):
    zh_window.findChild(QAction, "role:agent").trigger()  # stepping down asks nothing; the window follows
    reader.widget("as an agent", zh_window)
    zh_window.findChild(QAction, "role:owner").trigger()  # asks for the PIN (answered: cancel)
    assert zh_window.desk.settings.role == "agent"
    for platform in ("x11", "windows", "wayland", "macos", "offscreen"):
        reader.text(f"quick reply note {platform}", platform_note(platform))
    for kind in ProblemKind:
        reader.text(f"hotkey problem {kind}", problem_text(HotkeyProblem(kind, "无法连接 X11 显示服务"), "Ctrl+Alt+K"))
    notice = install_update_notice(zh_window, start_delay_ms=10**9)
    zh_window.desk.settings.update_source = str(tmp_path)
    for status in UpdateStatus:
        checked = UpdateCheck(status, "0.1.0", str(tmp_path), Release("0.2.0", "安装.exe", str(tmp_path), "修复"))
        notice._done(checked, manual=True)
        reader.text(f"update {status}", notice.describe(checked))
        reader.text(f"update {status} in About", notice.about_text())
        reader.widget(f"update {status} status bar", zh_window.statusBar())
    assert not reader.found, "English in the zh_CN UI:\n" + reader.report()


def test_window_titles_name_the_product_once(qtbot, zh_window, reader, tmp_path):
    """X11, Wayland and Windows append the application's display name to a title that does not end with it."""
    display = create_application().applicationDisplayName()
    walk_pages_and_menus(reader, zh_window)
    reader.titles.add(zh_window.windowTitle())
    shown = {title if title.endswith(display) else f"{title} — {display}" for title in reader.titles}
    assert "客服知识库 — Deskbook" in shown
    assert [title for title in shown if title.count(display) != 1] == []


def test_qt_own_file_dialog_speaks_chinese(qtbot, zh_window, tmp_path):
    assert QTranslator().load("qtbase_zh_CN", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath))
    (tmp_path / "文件夹").mkdir()
    dialog = QFileDialog(zh_window, "导出", str(tmp_path), "Word (*.docx)")
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog)
    qtbot.addWidget(dialog)
    dialog.show()
    assert dialog.findChild(QLabel, "lookInLabel").text().startswith("查找范围")
    assert dialog.findChild(QLabel, "fileTypeLabel").text().startswith("文件类型")
    words = [(where, text) for where, text in visible_strings(dialog)
             if "item" not in where and english_words(text)]  # items are the user's files (names)
    assert words == []
    model = dialog.findChild(QWidget, "treeView").model()
    qtbot.waitUntil(lambda: model.rowCount(model.index(str(tmp_path))) > 0)
    folder = model.index(str(tmp_path / "文件夹"))
    assert model.index(folder.row(), 2, folder.parent()).data() == "文件夹"  # the Type column
    assert all(not english_words(text) for text in qt_gap_texts())


def test_the_reader_finds_english_and_lets_names_and_data_be(qtbot):
    box = QGroupBox("设置")
    qtbot.addWidget(box)
    QLabel("Save changes", box)
    QLineEdit(box, placeholderText="例如 https://git.example.com/support/kb.git 或 C:\\Deskbook\\team.git")
    QComboBox(box).addItems(["Word (DOCX)", "在线聊天", "chat"])
    reader = Reader()
    reader.widget("test", box)
    assert sorted({tuple(words) for words in reader.found.values()}) == [("Save", "changes"), ("chat",)]


def test_every_translation_in_the_catalogue_is_chinese():
    """The catalogue itself: a translation left in English would show wherever its string is used."""
    root = ET.parse(RESOURCES_DIR / "translations" / "deskbook_zh_CN.ts").getroot()
    english = []
    for context in root.iter("context"):
        for message in context.iter("message"):
            translation = message.find("translation")
            text = "".join(translation.itertext()) if translation is not None else ""
            if translation is None or translation.get("type") == "unfinished" or english_words(text):
                english.append((context.findtext("name"), message.findtext("source"), text))
    assert english == []

