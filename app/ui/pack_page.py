"""入职培训包 (trainers): choose articles by tag, kind or group or one by one, put them in order, export a booklet."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model import ArticleSummary, Kind, Status
from app.services import PackSelection, SearchResults
from app.ui.context import AppContext
from app.ui.model_index import ROOT
from app.ui.page_registry import PageSpec, register_page

PAGE_KEY = "onboarding_pack"
Index = QModelIndex | QPersistentModelIndex


class PackListModel(QAbstractListModel):
    """The chosen articles, in booklet order: (id, label) pairs."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self._items: list[tuple[str, str]] = []

    def rowCount(self, parent: Index = ROOT) -> int:
        return 0 if parent.isValid() else len(self._items)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._items):
            return None
        article_id, label = self._items[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {label}"
        if role == Qt.ItemDataRole.UserRole:
            return article_id
        return None

    def ids(self) -> list[str]:
        return [i for i, _ in self._items]

    def add(self, items: list[tuple[str, str]]) -> int:
        known = set(self.ids())
        new = [(i, label) for i, label in items if i not in known and not known.add(i)]
        if new:
            self.beginInsertRows(QModelIndex(), len(self._items), len(self._items) + len(new) - 1)
            self._items.extend(new)
            self.endInsertRows()
        return len(new)

    def remove(self, row: int) -> None:
        if 0 <= row < len(self._items):
            self.beginRemoveRows(QModelIndex(), row, row)
            del self._items[row]
            self.endRemoveRows()
            self._renumber(row)

    def move(self, row: int, delta: int) -> bool:
        target = row + delta
        if not (0 <= row < len(self._items) and 0 <= target < len(self._items)):
            return False
        # Qt's moveRows destination is the row *before which* the item lands.
        if not self.beginMoveRows(QModelIndex(), row, row, QModelIndex(), target + 1 if delta > 0 else target):
            return False
        self._items.insert(target, self._items.pop(row))
        self.endMoveRows()
        self._renumber(min(row, target))
        return True

    def clear(self) -> None:
        self.beginResetModel()
        self._items = []
        self.endResetModel()

    def _renumber(self, first: int) -> None:
        if first < len(self._items):
            self.dataChanged.emit(self.index(first), self.index(len(self._items) - 1), [Qt.ItemDataRole.DisplayRole])


def _label(kind: Kind, title: str) -> str:
    return f"[{kind.label_zh}] {title}"


class PackPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = PackListModel(self)
        self._search_generation = 0
        body = QHBoxLayout()
        body.addWidget(self._build_choice(), 2)
        body.addWidget(self._build_booklet(), 3)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addWidget(QLabel(self.tr("Onboarding pack"), objectName="pageTitle"))
        layout.addWidget(QLabel(self.tr("A booklet with a cover, a table of contents and page numbers, for 岗前培训."),
                                objectName="hint"))
        layout.addLayout(body, 1)
        context.nav.sig_data_changed.connect(self._reload_choices)
        self._reload_choices()
        self._update_count()

    def _build_choice(self) -> QGroupBox:
        """Articles chosen by kind, tag and group, or found by name and added one by one."""
        self.kind = QComboBox()
        self.kind.addItem(self.tr("Any kind"), None)
        for kind in Kind:
            self.kind.addItem(kind.label_zh, kind.value)
        self.tag = QComboBox(editable=True)
        self.group = QComboBox(editable=True)
        self.add_matching_button = QPushButton(self.tr("Add matching articles"))
        self.add_matching_button.clicked.connect(self.add_matching)
        self.search = QLineEdit(placeholderText=self.tr("Find an article to add…"))
        self.search.textChanged.connect(self._search)
        self.results = QListWidget()
        self.results.itemActivated.connect(self._add_result)
        filters = QGroupBox(self.tr("Choose"))
        form = QFormLayout(filters)
        form.addRow(self.tr("Kind"), self.kind)
        form.addRow(self.tr("Tag"), self.tag)
        form.addRow(self.tr("Skill group"), self.group)
        form.addRow(self.add_matching_button)
        form.addRow(QLabel(self.tr("Or add by hand (Enter or double-click):"), objectName="hint"))
        form.addRow(self.search)
        form.addRow(self.results)
        return filters

    def _build_booklet(self) -> QGroupBox:
        """The chosen articles in order, the title and format, and the export."""
        self.list = QListView(objectName="packList")
        self.list.setModel(self.model)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.title = QLineEdit("新员工入职培训包")
        self.format = QComboBox()
        self.format.addItem("PDF", "pdf")
        self.format.addItem("Word (DOCX)", "docx")
        self.export_button = QPushButton(self.tr("Export…"), objectName="primary")
        self.export_button.clicked.connect(self.export)
        self.count = QLabel(objectName="hint")
        for signal in (self.model.rowsInserted, self.model.rowsRemoved, self.model.modelReset):
            signal.connect(self._update_count)
        chosen = QGroupBox(self.tr("Booklet, in order"))
        chosen_layout = QVBoxLayout(chosen)
        chosen_layout.addWidget(self.list, 1)
        chosen_layout.addLayout(self._build_order_buttons())
        out = QFormLayout()
        out.addRow(self.tr("Title"), self.title)
        out.addRow(self.tr("Format"), self.format)
        chosen_layout.addLayout(out)
        # A 45-page booklet takes a few seconds: the bar shows how far it is; the page stays usable meanwhile.
        self.progress = QProgressBar(objectName="packProgress", visible=False)
        self.progress.setFormat(self.tr("Exporting… %v / %m"))
        export_row = QHBoxLayout()
        export_row.addWidget(self.progress, 1)
        export_row.addWidget(self.export_button)
        chosen_layout.addLayout(export_row)
        return chosen

    def _build_order_buttons(self) -> QHBoxLayout:
        self.up_button = QPushButton(self.tr("Up"))
        self.down_button = QPushButton(self.tr("Down"))
        self.remove_button = QPushButton(self.tr("Remove"))
        self.clear_button = QPushButton(self.tr("Clear"))
        self.up_button.clicked.connect(lambda: self.move_selected(-1))
        self.down_button.clicked.connect(lambda: self.move_selected(1))
        self.remove_button.clicked.connect(self.remove_selected)
        self.clear_button.clicked.connect(self.model.clear)
        order = QHBoxLayout()
        for button in (self.up_button, self.down_button, self.remove_button, self.clear_button):
            order.addWidget(button)
        order.addStretch(1)
        order.addWidget(self.count)
        return order

    def _reload_choices(self) -> None:
        desk = self.context.desk
        for combo, values in ((self.tag, desk.distinct_tags()), (self.group, desk.distinct_groups())):
            text = combo.currentText()
            combo.blockSignals(True)
            combo.clear()
            combo.addItems([""] + values)
            combo.setEditText(text)
            combo.blockSignals(False)

    def _update_count(self, *_args) -> None:
        count = self.model.rowCount()
        self.count.setText(self.tr("%1 articles").replace("%1", str(count)))
        self.export_button.setEnabled(count > 0 and not self.progress.isVisibleTo(self))  # not while exporting

    def filter_selection(self) -> PackSelection:
        return PackSelection(tag=self.tag.currentText().strip() or None, kind=self.kind.currentData(),
                             group=self.group.currentText().strip() or None)

    def add_matching(self) -> int:
        articles = self.context.desk.documents.pack_articles(self.filter_selection())
        added = self.model.add([(a.id, _label(a.kind, a.title)) for a in articles])
        self.context.nav.sig_status.emit(self.tr("%1 articles added").replace("%1", str(added)))
        return added

    def _search(self, text: str) -> None:
        """Search off the GUI thread (a keystroke must not wait for the engine); the newest text's answer wins."""
        self._search_generation += 1
        generation = self._search_generation
        if not text.strip():
            self.results.clear()
            return
        desk = self.context.desk
        self.context.runner.run(lambda: desk.search(text, limit=15, prefix_last=True, log_query=False, highlight=False),
                                lambda found: self._show_found(generation, found), self._search_failed)

    def _search_failed(self, error: BaseException, _details: str) -> None:
        self.context.nav.sig_status.emit(str(error))

    def _show_found(self, generation: int, found: SearchResults) -> None:
        if generation != self._search_generation or not shiboken6.isValid(self):
            return
        self.results.clear()
        for result in found.results:
            summary: ArticleSummary = result.summary
            if summary.status is Status.ARCHIVED:
                continue
            item = QListWidgetItem(_label(summary.kind, summary.title))
            item.setData(Qt.ItemDataRole.UserRole, summary.id)
            self.results.addItem(item)

    def _add_result(self, item: QListWidgetItem) -> None:
        self.model.add([(item.data(Qt.ItemDataRole.UserRole), item.text())])

    def _selected_row(self) -> int:
        rows = self.list.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def move_selected(self, delta: int) -> None:
        row = self._selected_row()
        if self.model.move(row, delta):
            self.list.setCurrentIndex(self.model.index(row + delta))

    def remove_selected(self) -> None:
        self.model.remove(self._selected_row())

    def selection(self) -> PackSelection:
        return PackSelection(ids=tuple(self.model.ids()), title=self.title.text().strip() or "新员工入职培训包")

    def export(self) -> bool:
        if not self.model.rowCount():
            return False
        from app.ui.export_dialogs import export_pack  # when exporting: the window's start imports this module

        return export_pack(self.context, self, self.selection(), self.format.currentData(), bar=self.progress,
                           busy=(self.export_button, self.format))


register_page(PageSpec(key=PAGE_KEY, title="Onboarding pack", order=80, factory=lambda context: PackPage(context),
                       roles=("trainer", "owner")))
