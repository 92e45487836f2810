"""需求识别手册: the handbook's scenarios as a tree (method → entry), the selected entry beside it."""

from __future__ import annotations

from PySide6.QtCore import QSettings, QSortFilterProxyModel, Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QLineEdit, QSplitter, QTreeView, QVBoxLayout, QWidget

from app.model import Kind
from app.services import ArticleNotFound
from app.ui.context import AppContext
from app.ui.handbook_view import HandbookEntryView
from app.ui.page_registry import PageSpec, register_page
from app.ui.search_session import SerialLane

ArticleIdRole = Qt.ItemDataRole.UserRole + 1

# Methods in the order an agent meets them during intake; anything else follows alphabetically.
METHOD_ORDER = ["5W1H", "SPIN", "专业转述", "积极倾听", "内部转交", "分级"]


def method_of(title: str, method: str) -> str:
    """The tree branch: the entry's method field, else the part of the title before "：" (e.g. 专业转述)."""
    if method.strip():
        return method.strip()
    head, sep, _rest = title.partition("：")
    return head if sep else "—"


class HandbookPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = QStandardItemModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(placeholderText=self.tr("Filter scenarios…"), clearButtonEnabled=True)
        self.filter.textChanged.connect(self._filter)
        self.tree = QTreeView(headerHidden=True, uniformRowHeights=True)
        self.tree.setModel(self.proxy)
        self.tree.setIndentation(16)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.entry = HandbookEntryView(context, SerialLane(context.runner))

        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 10, 6, 10)
        left_layout.addWidget(self.filter)
        left_layout.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.entry)
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([320, 900])
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)
        context.nav.sig_data_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        desk = self.context.desk
        self.model.clear()
        branches: dict[str, QStandardItem] = {}
        summaries = desk.list_articles(kind=Kind.HANDBOOK)
        articles = desk.get_articles([s.id for s in summaries])
        for summary in summaries:
            article = articles.get(summary.id)
            method = method_of(summary.title, article.field_text("method") if article else "")
            branch = branches.get(method)
            if branch is None:
                branch = branches[method] = QStandardItem(method)
                branch.setEditable(False)
                branch.setSelectable(False)
                font = branch.font()
                font.setBold(True)
                branch.setFont(font)
            head, _sep, rest = summary.title.partition("：")
            leaf = QStandardItem(rest if rest and head.startswith(method) else summary.title)
            leaf.setEditable(False)
            leaf.setToolTip(article.field_text("scenario") if article else summary.title)
            leaf.setData(summary.id, ArticleIdRole)
            branch.appendRow(leaf)
        order = {name: i for i, name in enumerate(METHOD_ORDER)}
        for method in sorted(branches, key=lambda m: (order.get(m, len(order)), m)):
            self.model.appendRow(branches[method])
        self.tree.expandAll()
        if self.model.rowCount() and self.model.item(0).rowCount():
            self.tree.setCurrentIndex(self.proxy.mapFromSource(self.model.item(0).child(0).index()))

    def _filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.tree.expandAll()

    def _current_changed(self, current, _previous) -> None:
        article_id = current.data(ArticleIdRole) if current.isValid() else None
        if article_id:
            self.open_article(article_id)

    def open_article(self, article_id: str, focus: bool = False) -> None:
        try:
            article = self.context.desk.get_article(article_id)
        except ArticleNotFound:
            return
        self.entry.show_entry(article)

    def save_state(self, settings: QSettings, prefix: str) -> None:
        settings.setValue(f"{prefix}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings, prefix: str) -> None:
        state = settings.value(f"{prefix}/splitter")
        if state is not None:
            self.splitter.restoreState(state)


register_page(PageSpec("handbook", "Handbook", 40, HandbookPage))
