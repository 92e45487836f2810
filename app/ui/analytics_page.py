"""Local analytics (统计): most viewed, copies per reply script, searches without results, popular but stale,
possible duplicates; each list exportable as CSV (UTF-8 with BOM, for Excel)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.curation.analytics import AnalyticsReport, write_csv
from app.ui.context import AppContext
from app.ui.errors import show_error
from app.ui.model_index import ROOT
from app.ui.page_registry import PageSpec, register_page

ArticleIdRole = Qt.ItemDataRole.UserRole + 1


class RowsModel(QAbstractTableModel):
    """A read-only table of strings; each row may carry an article id (or several, joined by spaces)."""

    def __init__(self, headers: list[str], parent=None):
        super().__init__(parent)
        self.headers = headers
        self.rows: list[tuple[list[str], str]] = []

    def set_rows(self, rows: list[tuple[list[str], str]]) -> None:
        self.beginResetModel()
        self.rows = rows
        self.endResetModel()

    def rowCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent=ROOT) -> int:
        return 0 if parent.isValid() else len(self.headers)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers[section]
        return None

    def data(self, index, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        cells, article_id = self.rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return cells[index.column()]
        if role == ArticleIdRole:
            return article_id
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0 and cells[index.column()].isdigit():
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return None


class AnalyticsPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.report: AnalyticsReport | None = None
        self.summary = QLabel(objectName="hint", wordWrap=True)
        self.tabs = QTabWidget(objectName="analyticsTabs")
        self.models: dict[str, RowsModel] = {}
        for key, title, headers in (
            ("most_viewed", self.tr("Most viewed"), [self.tr("Title"), self.tr("Kind"), self.tr("Views")]),
            ("script_copies", self.tr("Script copies"), [self.tr("Reply script"), self.tr("Copies")]),
            ("zero_result_searches", self.tr("Searches without results"),
             [self.tr("Search"), self.tr("Times"), self.tr("Last asked")]),
            ("popular_but_stale", self.tr("Popular but stale"),
             [self.tr("Title"), self.tr("Kind"), self.tr("Views + copies"), self.tr("Review was due")]),
            ("duplicates", self.tr("Possible duplicates"), [self.tr("Articles"), self.tr("Why")]),
        ):
            model = RowsModel(headers, self)
            view = QTableView(objectName=f"table_{key}")
            view.setModel(model)
            view.verticalHeader().hide()
            view.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
            view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
            view.doubleClicked.connect(self._open)
            self.models[key] = model
            self.tabs.addTab(view, title)
        self.refresh_button = QPushButton(self.tr("Refresh"))
        self.refresh_button.clicked.connect(self.reload)
        self.duplicates_button = QPushButton(self.tr("Find duplicates"), objectName="findDuplicates")
        self.duplicates_button.clicked.connect(self.find_duplicates)
        self.export_button = QPushButton(self.tr("Export CSV…"), objectName="exportCsv")
        self.export_button.clicked.connect(self.export_csv)
        buttons = QHBoxLayout()
        buttons.addWidget(self.summary, 1)
        buttons.addWidget(self.refresh_button)
        buttons.addWidget(self.duplicates_button)
        buttons.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(buttons)
        layout.addWidget(self.tabs, 1)
        self.reload()

    def reload(self) -> None:
        """Count views, copies and searches off the GUI thread (a scan of the logs)."""
        curation = self.desk.curation
        self.refresh_button.setEnabled(False)
        self.context.runner.run(lambda: curation.analytics(limit=50), self._show_report, self._reload_failed)

    def _reload_failed(self, error: BaseException, _details: str) -> None:
        if shiboken6.isValid(self):
            self.refresh_button.setEnabled(True)
            self.context.nav.sig_status.emit(str(error))

    def _show_report(self, report: AnalyticsReport) -> None:
        if not shiboken6.isValid(self):
            return
        self.refresh_button.setEnabled(True)
        self.report = report
        self.models["most_viewed"].set_rows(
            [([f.title, f.kind.label_zh, str(f.value)], f.id) for f in report.most_viewed])
        self.models["script_copies"].set_rows([([f.title, str(f.value)], f.id) for f in report.script_copies])
        self.models["zero_result_searches"].set_rows([
            ([q.query, str(q.count), q.last_at.astimezone().strftime("%Y-%m-%d %H:%M") if q.last_at else ""], "")
            for q in report.zero_result_searches])
        self.models["popular_but_stale"].set_rows([
            ([f.title, f.kind.label_zh, str(f.value),
              f.next_review_at.astimezone().strftime("%Y-%m-%d") if f.next_review_at else ""], f.id)
            for f in report.popular_but_stale])
        share = "—" if report.zero_result_share is None else f"{report.zero_result_share:.0%}"
        self.summary.setText(self.tr("%1 searches logged on this computer; %2 found nothing.")
                             .replace("%1", str(report.searches)).replace("%2", share))

    def find_duplicates(self) -> None:
        self.duplicates_button.setEnabled(False)
        self.context.nav.sig_status.emit(self.tr("Comparing articles…"))
        self.context.runner.run(lambda: self.desk.curation.duplicates_report(), self._duplicates_found,
                                self._duplicates_failed)

    def _duplicates_found(self, groups) -> None:
        self.duplicates_button.setEnabled(True)
        rows = []
        for g in groups:
            why = self.tr("same title") if g.reason == "same_title" else self.tr("%1 similar").replace("%1", f"{g.score:.0%}")
            rows.append((["  |  ".join(g.titles), why], g.ids[0]))
        self.models["duplicates"].set_rows(rows)
        self.tabs.setCurrentIndex(4)
        self.context.nav.sig_status.emit(self.tr("%1 possible duplicate group(s).").replace("%1", str(len(groups))))

    def _duplicates_failed(self, error: BaseException, _details: str) -> None:
        self.duplicates_button.setEnabled(True)
        self.context.nav.sig_status.emit(str(error))

    def export_csv(self, path: str | None = None) -> str | None:
        if not path:
            path, _ = QFileDialog.getSaveFileName(self, self.tr("Export analytics"), "统计.csv", "CSV (*.csv)")
        if not path:
            return None
        curation, report, target = self.desk.curation, self.report, str(path)
        self.export_button.setEnabled(False)
        self.context.runner.run(lambda: write_csv(report or curation.analytics(limit=50), target),
                                lambda _r: self._exported(target), self._export_failed)
        return target

    def _exported(self, path: str) -> None:
        if shiboken6.isValid(self):
            self.export_button.setEnabled(True)
            self.context.nav.sig_status.emit(self.tr("Saved %1").replace("%1", path))

    def _export_failed(self, error: BaseException, details: str) -> None:
        if shiboken6.isValid(self):
            self.export_button.setEnabled(True)
            show_error(self, error, details)

    def _open(self, index: QModelIndex) -> None:
        article_id = index.data(ArticleIdRole)
        if article_id:
            self.context.nav.sig_open_article.emit(article_id)
        elif self.tabs.currentIndex() == 2:
            # a search that found nothing: try it again (maybe content was added since)
            self.context.nav.sig_show_page.emit("search")


register_page(PageSpec("analytics", "Analytics", 70, AnalyticsPage, roles=("owner", "trainer")))
