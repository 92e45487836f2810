"""今日待办: what is due by the end of today, overdue included, in the order to do it (``desk.agenda``: urgent and
overdue requests, then plan steps, then case write-ups, then reviews)."""

from __future__ import annotations

from datetime import datetime

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractListModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from app.reminders import DueItem
from app.ui.context import AppContext
from app.ui.model_index import ROOT
from app.ui.page_registry import PageSpec, register_page

DueItemRole = Qt.ItemDataRole.UserRole + 1

DUE_KIND_LABELS = {
    "review": QT_TRANSLATE_NOOP("DueKinds", "Review due"),
    "case_writeup": QT_TRANSLATE_NOOP("DueKinds", "Write up the case"),
    "deadline_near": QT_TRANSLATE_NOOP("DueKinds", "Deadline near"),
    "overdue": QT_TRANSLATE_NOOP("DueKinds", "Overdue"),
    "step_due": QT_TRANSLATE_NOOP("DueKinds", "Plan step due"),
}
URGENCY_COLOURS = {"overdue": "#b91c1c", "deadline_near": "#b45309"}
REQUEST_KINDS = {"case_writeup", "deadline_near", "overdue", "step_due"}


def due_kind_label(kind: str) -> str:
    return QCoreApplication.translate("DueKinds", DUE_KIND_LABELS.get(kind, kind))


class DueListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[DueItem] = []
        self._now: datetime | None = None

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        item = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            when = item.due_at.astimezone().strftime("%Y-%m-%d %H:%M")
            detail = f" · {item.detail}" if item.detail else ""
            return f"【{due_kind_label(item.kind.value)}】 {item.title}\n{when}{detail}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return item.title
        if role == Qt.ItemDataRole.ForegroundRole:
            return QColor(URGENCY_COLOURS.get(item.kind.value, "#1f2933"))
        if role == DueItemRole:
            return item
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_items(self, items: list[DueItem]) -> None:
        self.beginResetModel()
        self._items = list(items)
        self.endResetModel()

    def items(self) -> list[DueItem]:
        return list(self._items)


class TodayPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = DueListModel(self)
        self.heading = QLabel(self.tr("Today"), objectName="pageTitle")
        self.summary = QLabel(objectName="hint")
        refresh = QPushButton(self.tr("Refresh"))
        refresh.clicked.connect(self.refresh)
        # Snooze hides a reminder until tomorrow; dismiss hides this occurrence (the next cycle reminds again).
        self.snooze_button = QPushButton(self.tr("Snooze 1 day"), toolTip=self.tr("Hide the selected item until tomorrow"))
        self.dismiss_button = QPushButton(self.tr("Dismiss"), toolTip=self.tr("Hide the selected item for this cycle"))
        self.snooze_button.clicked.connect(lambda: self._hide_selected(snooze=True))
        self.dismiss_button.clicked.connect(lambda: self._hide_selected(snooze=False))
        self.view = QListView(objectName="dueList", wordWrap=True)
        self.view.setModel(self.model)
        self.view.setAlternatingRowColors(False)
        self.view.activated.connect(self._open)
        self.empty = QLabel(self.tr("Nothing is due. 👍"), objectName="hint", alignment=Qt.AlignmentFlag.AlignCenter)

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addWidget(self.summary, 1)
        top.addWidget(self.snooze_button)
        top.addWidget(self.dismiss_button)
        top.addWidget(refresh)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(top)
        layout.addWidget(QLabel(self.tr("Enter or double-click opens the item."), objectName="hint"))
        layout.addWidget(self.view, 1)
        layout.addWidget(self.empty)
        context.nav.sig_data_changed.connect(self.refresh)
        self._generation = 0
        self.refresh()

    def refresh(self) -> None:
        """Read the due items off the GUI thread; the newest reading wins."""
        self._generation += 1
        generation = self._generation
        self.context.runner.run(self.context.desk.agenda, lambda items: self._loaded(generation, items),
                                self._refresh_failed)

    def _loaded(self, generation: int, items: list[DueItem]) -> None:
        if generation == self._generation and shiboken6.isValid(self):
            self.show_items(items)

    def _refresh_failed(self, error: BaseException, _details: str) -> None:
        self.context.nav.sig_status.emit(str(error))

    def show_items(self, items: list[DueItem]) -> None:
        self.model.set_items(items)
        self.summary.setText(self.tr("%1 items due").replace("%1", str(len(items))))
        self.view.setVisible(bool(items))
        self.empty.setVisible(not items)

    def _hide_selected(self, *, snooze: bool) -> None:
        item: DueItem | None = self.view.currentIndex().data(DueItemRole)
        if item is None:
            self.context.nav.sig_status.emit(self.tr("Select an item first."))
            return
        curation, key = self.context.desk.curation, item.key
        hide = (lambda: curation.snooze(key, hours=24)) if snooze else (lambda: curation.dismiss(key))
        self.context.runner.write(hide, self._hidden, busy=(self.snooze_button, self.dismiss_button))

    def _hidden(self, _result) -> None:
        self.context.nav.sig_data_changed.emit()  # the badge and this list recount

    def _open(self, index: QModelIndex) -> None:
        item: DueItem | None = index.data(DueItemRole)
        if item is None:
            return
        if item.kind.value in REQUEST_KINDS:
            self.context.nav.sig_open_request.emit(item.subject_id)
        else:
            self.context.nav.sig_open_article.emit(item.subject_id)

    def showEvent(self, event) -> None:
        self.refresh()  # due items move with the clock; a visit always shows the current list
        super().showEvent(event)


register_page(PageSpec("today", "Today", 50, TodayPage))
