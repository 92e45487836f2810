"""The result list as an item model: one row per search result (or per article when browsing without a query)."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from app.model import ArticleSummary, Status
from app.services import SearchResult
from app.ui.model_index import ROOT

ResultRole = Qt.ItemDataRole.UserRole + 1  # the SearchResult
ArticleIdRole = Qt.ItemDataRole.UserRole + 2
KindRole = Qt.ItemDataRole.UserRole + 3


def browse_row(summary: ArticleSummary, now: datetime) -> SearchResult:
    """A list row for an article shown without a query (no fragment, nothing highlighted)."""
    stale = summary.status is Status.PUBLISHED and summary.next_review_at is not None and summary.next_review_at <= now
    return SearchResult(summary, 0.0, "", [], [], stale)


class ResultListModel(QAbstractListModel):
    def __init__(self, parent=None):
        super().__init__(parent)
        self._rows: list[SearchResult] = []

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return row.summary.title
        if role == Qt.ItemDataRole.ToolTipRole:
            return " · ".join(filter(None, [row.summary.group, " ".join(row.summary.tags)])) or None
        if role == ResultRole:
            return row
        if role == ArticleIdRole:
            return row.summary.id
        if role == KindRole:
            return row.summary.kind.value
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren

    def set_rows(self, rows: list[SearchResult]) -> None:
        """Replace everything: a new query gives a new list, so a reset is honest and cheapest."""
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_at(self, row: int) -> SearchResult | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rows(self) -> list[SearchResult]:
        return list(self._rows)
