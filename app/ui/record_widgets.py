"""Small widgets the request pages share: date-time fields in local time, the tables of plan steps and progress
entries, and how a refused change is reported."""

from __future__ import annotations

from datetime import UTC, datetime

from PySide6.QtCore import QAbstractItemModel, QDateTime
from PySide6.QtWidgets import QAbstractItemView, QDateTimeEdit, QTableView, QWidget

from app.records.service import RecordError
from app.ui.context import AppContext
from app.ui.errors import show_error


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=UTC)


def datetime_edit(moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(to_qdatetime(moment), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


def record_table(model: QAbstractItemModel) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(False)
    return view


def report_failure(context: AppContext, parent: QWidget, error: BaseException, details: str) -> None:
    """A refused change (:class:`RecordError`: bad input, a wrong state) is said in the status bar, where the agent
    looks; anything else gets the error dialog."""
    if isinstance(error, RecordError):
        context.nav.sig_status.emit(str(error))
    else:
        show_error(parent, error, details)
