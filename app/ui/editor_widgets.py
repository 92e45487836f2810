"""Small editing widgets for the article editor: a list of lines, a two-column table, a tag completer."""

from __future__ import annotations

import re

from PySide6.QtCore import QStringListModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QHBoxLayout,
    QHeaderView,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

_TOKEN_SPLIT = re.compile(r"[,，;；、]")


def _with_add_remove(owner: QWidget, view: QWidget, add_text: str, remove_text: str) -> tuple[QPushButton, QPushButton]:
    """Lay out ``view`` with an add and a remove button under it; returns the two buttons."""
    add_button, remove_button = QPushButton(add_text), QPushButton(remove_text)
    buttons = QHBoxLayout()
    buttons.addWidget(add_button)
    buttons.addWidget(remove_button)
    buttons.addStretch(1)
    layout = QVBoxLayout(owner)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addWidget(view)
    layout.addLayout(buttons)
    return add_button, remove_button


class LinesEditor(QWidget):
    """An editable list of short texts (相似问): double-click or F2 to edit, buttons to add and remove."""

    sig_changed = Signal()

    def __init__(self, add_text: str, remove_text: str, parent=None):
        super().__init__(parent)
        self.list = QListWidget()
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.itemChanged.connect(lambda _item: self.sig_changed.emit())
        self.list.model().rowsMoved.connect(lambda *_: self.sig_changed.emit())
        self.add_button, self.remove_button = _with_add_remove(self, self.list, add_text, remove_text)
        self.add_button.clicked.connect(self.add_line)
        self.remove_button.clicked.connect(self.remove_selected)
        self.list.setMinimumHeight(90)

    def _item(self, text: str) -> QListWidgetItem:
        item = QListWidgetItem(text)
        item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEditable)
        return item

    def values(self) -> list[str]:
        items = (self.list.item(i).text().strip() for i in range(self.list.count()))
        return list(dict.fromkeys(t for t in items if t))

    def set_values(self, values: list[str]) -> None:
        self.list.blockSignals(True)
        self.list.clear()
        for text in values:
            self.list.addItem(self._item(text))
        self.list.blockSignals(False)

    def add_line(self, text: str = "") -> None:
        item = self._item(text if isinstance(text, str) else "")
        self.list.addItem(item)
        self.list.setCurrentItem(item)
        if not item.text():
            self.list.editItem(item)
        else:
            self.sig_changed.emit()

    def remove_selected(self) -> None:
        rows = sorted((self.list.row(i) for i in self.list.selectedItems()), reverse=True)
        for row in rows:
            self.list.takeItem(row)
        if rows:
            self.sig_changed.emit()


class PairTable(QWidget):
    """Rows of two texts: script variants (名称, 话术), questions (分组, 问题), restatements (原话, 标准表述)."""

    sig_changed = Signal()

    def __init__(self, headers: tuple[str, str], add_text: str, remove_text: str, parent=None):
        super().__init__(parent)
        self.table = QTableWidget(0, 2)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(True)
        self.table.itemChanged.connect(lambda _item: self.sig_changed.emit())
        self.table.setMinimumHeight(110)
        self.add_button, self.remove_button = _with_add_remove(self, self.table, add_text, remove_text)
        self.add_button.clicked.connect(lambda: self.add_row())
        self.remove_button.clicked.connect(self.remove_selected)

    def values(self) -> list[tuple[str, str]]:
        rows = []
        for row in range(self.table.rowCount()):
            cells = [self.table.item(row, col) for col in (0, 1)]
            a, b = ((c.text() if c is not None else "") for c in cells)
            if a.strip() or b.strip():
                rows.append((a.strip(), b))
        return rows

    def set_values(self, pairs: list[tuple[str, str]]) -> None:
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for a, b in pairs:
            self._append(a, b)
        self.table.blockSignals(False)
        self.table.resizeRowsToContents()

    def _append(self, a: str, b: str) -> int:
        row = self.table.rowCount()
        self.table.insertRow(row)
        self.table.setItem(row, 0, QTableWidgetItem(a))
        self.table.setItem(row, 1, QTableWidgetItem(b))
        return row

    def add_row(self, a: str = "", b: str = "") -> None:
        self.table.blockSignals(True)
        row = self._append(a, b)
        self.table.blockSignals(False)
        self.table.setCurrentCell(row, 0)
        if a or b:
            self.sig_changed.emit()
        else:
            self.table.editItem(self.table.item(row, 0))

    def remove_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectedIndexes()} or
                      ({self.table.currentRow()} if self.table.currentRow() >= 0 else set()), reverse=True)
        for row in rows:
            self.table.removeRow(row)
        if rows:
            self.sig_changed.emit()


class TokenCompleter(QCompleter):
    """Completes the last of comma-separated tokens in a QLineEdit ("退款, 财" → "退款, 财务")."""

    def __init__(self, words: list[str], parent=None):
        super().__init__(parent)
        self.setModel(QStringListModel(words, self))
        self.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.setFilterMode(Qt.MatchFlag.MatchContains)

    def splitPath(self, path: str) -> list[str]:
        return [_TOKEN_SPLIT.split(path)[-1].strip()]

    def pathFromIndex(self, index) -> str:
        widget = self.widget()
        text = widget.text() if widget is not None else ""
        parts = _TOKEN_SPLIT.split(text)
        head = ", ".join(p.strip() for p in parts[:-1] if p.strip())
        chosen = str(index.data())
        return f"{head}, {chosen}" if head else chosen


def split_tokens(text: str) -> list[str]:
    return list(dict.fromkeys(t.strip() for t in _TOKEN_SPLIT.split(text or "") if t.strip()))
