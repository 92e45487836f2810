"""Every string a widget tree shows a user, and a check that none of it is left-over English.

Used by the zh_CN walk test (tests/gui/test_zh_cn_walk.py). It reads what Qt would paint or show on hover: window
titles, labels, buttons, tabs, menus and actions, tooltips, placeholders, item views (headers and cells), combo
items, group box titles, spin box suffixes. Hidden widgets count too: a label that shows only in some state (an
error line, an empty-list hint) is as visible to the user as any other once that state comes.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDoubleSpinBox,
    QGroupBox,
    QLabel,
    QLineEdit,
    QMainWindow,
    QMenu,
    QPlainTextEdit,
    QSpinBox,
    QTabBar,
    QTabWidget,
    QTextEdit,
    QWidget,
)

_TAG = re.compile(r"<[^>]+>")
_ENTITIES = {"&nbsp;": " ", "&lt;": "<", "&gt;": ">", "&quot;": '"', "&amp;": "&"}

# The words a Chinese user is meant to read in Latin letters. Each one is here for a reason:
ALLOWED = {
    # the product's own name, and the names of the products, systems and formats it names
    "deskbook", "word", "excel", "markdown", "gitea", "gitlab", "gitee", "linux", "windows", "macos", "wayland",
    "jsonl", "json", "xlsx", "docx", "https",
    # 5W1H and SPIN: the need-identification methods keep their English names in Chinese support teams' own forms
    # (客户需求记录表: "What 具体问题", "When 首次发生时间" …; "SPIN 提问"); Who/Why/How are under four letters
    "what", "when", "where", "spin",
    # keyboard keys as printed on the keys (Ctrl+K, Enter; Meta is the Windows/Super key in Qt's key names)
    "ctrl", "shift", "enter", "meta",
}
# Tokens that are data, not words: addresses, file names, paths, e-mail addresses.
_DATA = re.compile(
    r"(?:https?://|file://)\S+"  # URLs
    r"|\S+@\S+\.\w+"  # e-mail addresses
    r"|(?:[A-Za-z]:)?[\\/][^\s，。；：]*"  # paths (\\server\share\x, /home/…)
    r"|[\w.-]+\.(?:git|md|jsonl|json|csv|xlsx|docx|pdf|png|txt|zip|qm|ts|example)\b"  # file names, example hosts
    r"|\b[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\b"  # environment variables (DESKBOOK_TEAM_TOKEN)
)
_WORD = re.compile(r"[A-Za-z]{4,}")


def plain(text: str) -> str:
    text = _TAG.sub(" ", text or "")
    for entity, char in _ENTITIES.items():
        text = text.replace(entity, char)
    return text


def english_words(text: str, extra: frozenset[str] = frozenset()) -> list[str]:
    """The Latin words of ≥ 4 letters in ``text`` that are neither allowed nor data."""
    text = _DATA.sub(" ", plain(text))
    return [word for word in _WORD.findall(text) if word.lower() not in ALLOWED and word not in extra]


def _model_strings(view: QAbstractItemView) -> Iterator[str]:
    model = view.model()
    if model is None:
        return

    def columns(parent: QModelIndex) -> int:
        try:
            return model.columnCount(parent)
        except TypeError:  # a QAbstractListModel keeps columnCount private: one column
            return 1

    for orientation, count in ((Qt.Orientation.Horizontal, columns(QModelIndex())),
                               (Qt.Orientation.Vertical, model.rowCount(QModelIndex()))):
        for section in range(min(count, 100)):
            header = model.headerData(section, orientation, Qt.ItemDataRole.DisplayRole)
            if isinstance(header, str):
                yield header

    def cells(parent: QModelIndex, depth: int) -> Iterator[str]:
        for row in range(min(model.rowCount(parent), 300)):
            for column in range(columns(parent)):
                index = model.index(row, column, parent)
                for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                    value = model.data(index, role)
                    if isinstance(value, str):
                        yield value
            child = model.index(row, 0, parent)
            if depth < 4 and model.rowCount(child):
                yield from cells(child, depth + 1)

    yield from cells(QModelIndex(), 0)


def _widget_strings(widget: QWidget) -> Iterator[tuple[str, str]]:
    if widget.isWindow():
        yield "title", widget.windowTitle()
    yield "tooltip", widget.toolTip()
    yield "whatsThis", widget.whatsThis()
    for action in widget.actions():
        yield "action", action.text()
        yield "action tooltip", action.toolTip()
    if isinstance(widget, QLabel):
        yield "label", widget.text()
    if isinstance(widget, QAbstractButton):
        yield "button", widget.text()
    if isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        yield "placeholder", widget.placeholderText()
        if widget.isReadOnly():  # text the program wrote for reading (an editable one holds the user's words)
            yield "text", widget.toPlainText()
    if isinstance(widget, (QTabWidget, QTabBar)):
        for i in range(widget.count()):
            yield "tab", widget.tabText(i)
            yield "tab tooltip", widget.tabToolTip(i)
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield "combo item", widget.itemText(i)
    if isinstance(widget, QGroupBox):
        yield "group title", widget.title()
    if isinstance(widget, QMenu):
        yield "menu", widget.title()
    if isinstance(widget, (QSpinBox, QDoubleSpinBox)):
        yield "suffix", widget.suffix()
        yield "prefix", widget.prefix()
        yield "special value", widget.specialValueText()
    if isinstance(widget, QMainWindow):
        yield "status bar", widget.statusBar().currentMessage()
    if isinstance(widget, QAbstractItemView):
        for text in _model_strings(widget):
            yield "item", text


def visible_strings(root: QWidget) -> Iterator[tuple[str, str]]:
    """(where, text) for every string ``root`` and its children show; ``where`` names the widget and the kind."""
    for widget in [root, *root.findChildren(QWidget)]:
        name = f"{type(widget).__name__}{'#' + widget.objectName() if widget.objectName() else ''}"
        for kind, text in _widget_strings(widget):
            if text and text.strip():
                yield f"{name} {kind}", text
