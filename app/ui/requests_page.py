"""工单: the need records, newest first, with the selected one in full (plan, progress, letters)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QItemSelectionModel, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.model.records import RequestStatus
from app.ui.context import AppContext
from app.ui.page_registry import PageSpec, register_page
from app.ui.record_models import RecordRole, RequestTableModel, status_name

if TYPE_CHECKING:  # imported when the page is first built: the window's start imports this module for its spec
    from app.ui.export_dialogs import TrackingExportDialog
    from app.ui.request_form import RequestForm

PAGE_KEY = "requests"


class RequestsPage(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.model = RequestTableModel(self)
        self.heading = QLabel(self.tr("Requests"), objectName="pageTitle")
        self.filter = QComboBox()
        self.filter.addItem(self.tr("Not closed"), "active")
        self.filter.addItem(self.tr("All"), "all")
        for status in RequestStatus:
            self.filter.addItem(status_name(status), status.value)
        self.filter.currentIndexChanged.connect(lambda _i: self.reload())
        self.find = QLineEdit(placeholderText=self.tr("Find by number, customer or problem"), clearButtonEnabled=True)
        self.find.setMaximumWidth(260)
        self.find.textChanged.connect(lambda _t: self.reload())
        self.new_button = QPushButton(self.tr("New request…"), objectName="primary")
        self.new_button.clicked.connect(self.new_request)
        self.tracking_button = QPushButton(self.tr("Export tracking sheet…"))
        self.tracking_button.clicked.connect(self.export_tracking)

        self.table = QTableView(objectName="requestTable")
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.selectionModel().currentRowChanged.connect(lambda current, _prev: self._show_row(current.row()))
        from app.ui.export_dialogs import export_letter
        from app.ui.request_detail import RequestDetail

        self.detail = RequestDetail(context)
        self.detail.sig_changed.connect(self._after_change)
        self.detail.sig_edit.connect(self.edit_request)
        self.detail.sig_export_letter.connect(lambda request_id, fmt: export_letter(self.context, self, request_id, fmt))

        top = QHBoxLayout()
        top.addWidget(self.heading)
        top.addStretch(1)
        top.addWidget(self.find)
        top.addWidget(self.filter)
        top.addWidget(self.tracking_button)
        top.addWidget(self.new_button)
        splitter = QSplitter(Qt.Orientation.Vertical)
        splitter.addWidget(self.table)
        splitter.addWidget(self.detail)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 3)
        splitter.setSizes([230, 620])  # room for about six requests above the detail
        layout = QVBoxLayout(self)
        layout.setContentsMargins(18, 14, 18, 14)
        layout.addLayout(top)
        layout.addWidget(splitter, 1)
        context.nav.sig_open_request.connect(self.open_request)
        context.nav.sig_data_changed.connect(self.reload)
        self.reload()

    def reload(self) -> None:
        current = self.detail.request.id if self.detail.request else None
        choice = self.filter.currentData()
        if choice == "all":
            statuses = None
        elif choice == "active":
            statuses = [RequestStatus.OPEN, RequestStatus.IN_PROGRESS, RequestStatus.RESOLVED]
        else:
            statuses = [RequestStatus(choice)]
        self.model.now = self.context.desk.clock()
        requests = self.context.desk.records.list(statuses)
        words = self.find.text().split()
        if words:  # every word must appear somewhere in the record (a few hundred requests: a scan is instant)
            requests = [r for r in requests if all(w.lower() in _haystack(r) for w in words)]
        self.model.set_rows(requests)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        row = self.model.row_of(current) if current else -1
        self._select(row if row >= 0 else (0 if self.model.rowCount() else -1))

    def _select(self, row: int) -> None:
        if row < 0:
            self.detail.show_request(None)
            return
        index = self.model.index(row, 0)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows)
        self._show_row(row)

    def _show_row(self, row: int) -> None:
        request = self.model.index(row, 0).data(RecordRole) if row >= 0 else None
        if request is None:
            return
        if self.detail.request is None or self.detail.request.id != request.id or self.detail.request != request:
            self.detail.show_request(self.context.desk.records.get(request.id))

    def _after_change(self, request_id: str) -> None:
        self.open_request(request_id)

    def open_request(self, request_id: str) -> None:
        """Show a request (from 今日待办, a saved form …), widening the filter if it is hidden."""
        row = self.model.row_of(request_id)
        if row < 0:
            for widget, reset in ((self.filter, lambda: self.filter.setCurrentIndex(self.filter.findData("all"))),
                                  (self.find, self.find.clear)):
                widget.blockSignals(True)
                reset()
                widget.blockSignals(False)
            self.model.set_rows(self.context.desk.records.list())
            row = self.model.row_of(request_id)
        self.detail.request = None
        self._select(row)

    def new_request(self) -> RequestForm:
        from app.ui.request_form import open_request_form

        return open_request_form(self.context, parent=self)

    def edit_request(self, request_id: str) -> RequestForm:
        from app.ui.request_form import open_request_form

        return open_request_form(self.context, request=self.context.desk.records.get(request_id), parent=self)

    def export_tracking(self) -> TrackingExportDialog:
        from app.ui.export_dialogs import TrackingExportDialog

        dialog = TrackingExportDialog(self.context, self)
        dialog.open()
        return dialog


def _haystack(r) -> str:
    return " ".join((r.code, r.customer, r.company, r.contact, r.what, r.assignee, r.group)).lower()


register_page(PageSpec(key=PAGE_KEY, title="Requests", order=55, factory=lambda context: RequestsPage(context)))
