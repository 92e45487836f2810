"""The review queue (审核队列): published articles due for review, stale ones flagged; bulk verify; KB health."""

from __future__ import annotations

from datetime import datetime

import shiboken6
from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QItemSelectionModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.curation.review import ReviewItem
from app.curation.workflow import Action, may
from app.model import Status
from app.ui.context import AppContext
from app.ui.edit_suggestions import EditSuggestionsPanel
from app.ui.model_index import ROOT
from app.ui.page_registry import PageSpec, register_page
from app.ui.phrasing_suggestions import SuggestionsPanel
from app.ui.team_queue import TeamQueue

ArticleIdRole = Qt.ItemDataRole.UserRole + 1
STALE_FG, STALE_BG = QColor("#b45309"), QColor("#fef3c7")


class ReviewQueueModel(QAbstractTableModel):
    COLUMNS = (
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Title"), QT_TRANSLATE_NOOP("ReviewQueueModel", "Kind"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Skill group"), QT_TRANSLATE_NOOP("ReviewQueueModel", "Owner"),
        QT_TRANSLATE_NOOP("ReviewQueueModel", "Next review"), QT_TRANSLATE_NOOP("ReviewQueueModel", "State"),
    )

    def __init__(self, parent=None):
        super().__init__(parent)
        self.items: list[ReviewItem] = []
        self.now: datetime | None = None

    def set_items(self, items: list[ReviewItem], now: datetime) -> None:
        self.beginResetModel()
        self.items, self.now = list(items), now
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.items)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.tr(self.COLUMNS[section])
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.items):
            return None
        item = self.items[index.row()]
        column = index.column()
        if role == ArticleIdRole:
            return item.id
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                return item.title
            if column == 1:
                return item.kind.label_zh
            if column == 2:
                return item.group or "—"
            if column == 3:
                return item.owner or "—"
            if column == 4:
                return item.next_review_at.astimezone().strftime("%Y-%m-%d") if item.next_review_at else "—"
            if column == 5:
                if not item.stale:
                    return self.tr("due soon")
                days = item.days_overdue(self.now) if self.now else 0
                return self.tr("stale · %1 days overdue").replace("%1", str(days)) if days else self.tr("stale")
        if role == Qt.ItemDataRole.ForegroundRole and item.stale and column in (0, 5):
            return QBrush(STALE_FG)
        if role == Qt.ItemDataRole.BackgroundRole and item.stale and column == 5:
            return QBrush(STALE_BG)
        if role == Qt.ItemDataRole.ToolTipRole and item.last_verified_at:
            return self.tr("Last verified %1 by %2").replace(
                "%1", item.last_verified_at.astimezone().strftime("%Y-%m-%d")).replace("%2", item.last_verified_by or "—")
        return None


class ReviewPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.health_label = QLabel(objectName="healthFigure")
        self.health_label.setStyleSheet("font-size:15pt;font-weight:600;")
        self.health_detail = QLabel(objectName="hint", wordWrap=True)
        self.role_hint = QLabel(objectName="hint", wordWrap=True)
        self.role_button = QPushButton(self.tr("Switch to KB owner"))
        self.role_button.clicked.connect(self._become_owner)
        self.soon_check = QCheckBox(self.tr("Include articles due in the next 14 days"), checked=True)
        self.soon_check.toggled.connect(self.reload)
        self._build_table()
        self.suggestions = SuggestionsPanel(context)
        self.tabs = QTabWidget(objectName="reviewTabs")
        self.tabs.addTab(self._build_queue(), self.tr("Due for review"))
        self.tabs.addTab(self.suggestions, self.tr("Suggested similar questions"))
        self.edit_suggestions = EditSuggestionsPanel(context)
        self.edit_suggestions.add_to(self.tabs)  # 修改建议: agents' edits of published articles
        QVBoxLayout(self).addWidget(self.tabs)
        self.team_queue = TeamQueue(context, self.tabs)  # 建议 | 冲突 from the team library
        context.nav.sig_data_changed.connect(self.reload)
        self._generation = 0
        self.reload()

    def _build_table(self) -> None:
        self.model = ReviewQueueModel(self)
        self.table = QTableView(objectName="reviewTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setAlternatingRowColors(True)
        self.table.doubleClicked.connect(lambda index: self.context.nav.sig_open_article.emit(index.data(ArticleIdRole)))
        self.table.selectionModel().selectionChanged.connect(self._selection_changed)

    def _build_queue(self) -> QWidget:
        """The 审核队列 tab: the KB's health, the role hint, the table and what to do with the selection."""
        self.verify_button = QPushButton(self.tr("Verify selected"), objectName="verifySelected")
        self.verify_button.clicked.connect(self.verify_selected)
        self.select_stale_button = QPushButton(self.tr("Select all stale"))
        self.select_stale_button.clicked.connect(self.select_stale)
        self.edit_button = QPushButton(self.tr("Edit"))
        self.edit_button.clicked.connect(self._edit_current)
        self.history_button = QPushButton(self.tr("History"))
        self.history_button.clicked.connect(self._history_current)
        QShortcut(QKeySequence("Ctrl+Return"), self, activated=self.verify_selected)
        head = QHBoxLayout()
        head.addWidget(self.health_label)
        head.addWidget(self.health_detail, 1)
        role_row = QHBoxLayout()
        role_row.addWidget(self.role_hint, 1)
        role_row.addWidget(self.role_button)
        buttons = QHBoxLayout()
        buttons.addWidget(self.soon_check)
        buttons.addStretch(1)
        for button in (self.select_stale_button, self.edit_button, self.history_button, self.verify_button):
            buttons.addWidget(button)
        self.empty = QLabel(self.tr("Nothing is due for review: every published article was checked within its "
                                    "review interval."), objectName="hint", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignCenter)
        self.empty.hide()
        queue = QWidget()
        layout = QVBoxLayout(queue)
        layout.addLayout(head)
        layout.addLayout(role_row)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.empty, 1)
        layout.addLayout(buttons)
        return queue

    def reload(self, *_args) -> None:
        """Read the queue and the KB's health off the GUI thread (a scan of every published article)."""
        now, curation = self.desk.clock(), self.desk.curation
        soon_days = 14 if self.soon_check.isChecked() else 0
        self._generation += 1
        generation = self._generation
        self.context.runner.run(lambda: (curation.review_queue(now, soon_days=soon_days), curation.health(now)),
                                lambda found: self._show(generation, now, *found), self._reload_failed)

    def _reload_failed(self, error: BaseException, _details: str) -> None:
        self.context.nav.sig_status.emit(str(error))

    def _show(self, generation: int, now: datetime, items: list[ReviewItem], health) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return  # a newer reload is under way, or the page is gone
        keep = set(self.selected_ids()) if self.model.items else set()
        self.model.set_items(items, now)
        for row, item in enumerate(items):  # a reload keeps what was selected and is still there
            if item.id in keep:
                self.table.selectionModel().select(
                    self.model.index(row, 0),
                    QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)
        self.table.setVisible(bool(items))
        self.empty.setVisible(not items)  # an empty table reads as "still loading" or "broken"
        stale = sum(1 for i in items if i.stale)
        self.health_label.setText(self.tr("KB health %1").replace("%1", health.percent_text()))
        self.health_detail.setText(
            self.tr("%1 of %2 published articles are verified within their review interval. %3 stale, %4 in the queue.")
            .replace("%1", str(health.verified_in_time)).replace("%2", str(health.published))
            .replace("%3", str(stale)).replace("%4", str(len(items)))
        )
        owner = self.desk.curation.role.value in ("owner", "trainer")
        self.role_hint.setVisible(not owner)
        self.role_button.setVisible(not owner)
        self.role_hint.setText(self.tr("Verifying is a KB owner's decision. Your role is agent: you can read the "
                                       "queue and suggest edits."))
        self._selection_changed()

    def selected_ids(self) -> list[str]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.items[r].id for r in rows]

    def _selection_changed(self, *_args) -> None:
        ids = self.selected_ids()
        role = self.desk.curation.role
        self.verify_button.setEnabled(bool(ids) and all(
            may(role, Action.VERIFY, Status.PUBLISHED, self.model.items[r].kind)
            for r in sorted({i.row() for i in self.table.selectionModel().selectedRows()})))
        self.edit_button.setEnabled(len(ids) == 1)
        self.history_button.setEnabled(len(ids) == 1)

    def select_stale(self) -> None:
        self.table.clearSelection()
        mode = self.table.selectionMode()
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.MultiSelection)
        for row, item in enumerate(self.model.items):
            if item.stale:
                self.table.selectRow(row)
        self.table.setSelectionMode(mode)

    def verify_selected(self) -> int:
        """Verify the selected articles (a write of the runner); returns how many were asked for."""
        ids = self.selected_ids()
        if not ids or not self.verify_button.isEnabled():
            return 0
        curation, author = self.desk.curation, self.desk.settings.user_name
        self.context.runner.write(lambda: curation.verify(ids, author), self._verified, busy=(self.verify_button,))
        return len(ids)

    def _verified(self, count: int) -> None:
        self.context.nav.sig_status.emit(self.tr("%1 article(s) verified.").replace("%1", str(count)))
        self.context.nav.sig_data_changed.emit()  # reloads this page too

    def _edit_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.context.nav.sig_edit_article.emit(ids[0])

    def _history_current(self) -> None:
        ids = self.selected_ids()
        if len(ids) == 1:
            self.context.nav.sig_article_history.emit(ids[0])

    def _become_owner(self) -> None:
        from app.ui.curation_actions import controller

        def done() -> None:
            self.context.nav.sig_status.emit(self.tr("Your role is now KB owner (Tools ▸ Role to change it)."))
            self.reload()

        window = self.window()
        if hasattr(window, "context"):  # the main window: its navigation and menus follow the role too
            controller(window).set_role("owner", then=done)
        else:
            from app.ui.role_switch import switch_role

            switch_role(self.context, self, "owner", done)


register_page(PageSpec("review", "Review queue", 60, ReviewPage))
