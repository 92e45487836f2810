"""A request's progress entries (沟通进度跟踪表): the list, and a row to add one (a delay needs its reason and a new
deadline). Entries are written through the runner's writes, the entry buttons disabled until it is done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model.records import ProgressEntry, ProgressState
from app.records.service import RecordError
from app.ui.context import AppContext
from app.ui.record_models import ProgressModel
from app.ui.record_widgets import datetime_edit, from_qdatetime, record_table, report_failure


class ProgressBox(QGroupBox):
    sig_changed = Signal(str)  # an entry was added or removed; a status message

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.request_id: str | None = None
        self.setTitle(self.tr("Progress"))
        self.progress_model = ProgressModel(self)
        self.progress_view = record_table(self.progress_model)
        self.state = QComboBox()
        for state in ProgressState:
            self.state.addItem(state.value, state.value)
        self.state.setCurrentIndex(1)
        self.note = QLineEdit(placeholderText=self.tr("e.g. 技术团队已定位问题，正在进行修复"))
        self.delay_reason = QLineEdit(placeholderText=self.tr("Why it is delayed"))
        self.new_deadline = datetime_edit(datetime.now(UTC) + timedelta(hours=4))
        self.add_progress_button = QPushButton(self.tr("Add entry"))
        self.add_progress_button.clicked.connect(self.add_progress)
        self.remove_progress_button = QPushButton(self.tr("Remove entry"))
        self.remove_progress_button.clicked.connect(self.remove_progress)
        self.state.currentIndexChanged.connect(self._update_delay_fields)
        self.progress_error = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.progress_error.setStyleSheet("color:#b91c1c")
        self.progress_error.hide()
        self._lay_out()
        self._update_delay_fields()

    def _lay_out(self) -> None:
        entry_row = QHBoxLayout()
        entry_row.addWidget(self.state)
        entry_row.addWidget(self.note, 1)
        entry_row.addWidget(self.add_progress_button)
        entry_row.addWidget(self.remove_progress_button)
        delay_row = QHBoxLayout()
        delay_row.addWidget(QLabel(self.tr("Delay reason")))
        delay_row.addWidget(self.delay_reason, 1)
        delay_row.addWidget(QLabel(self.tr("New deadline")))
        delay_row.addWidget(self.new_deadline)
        layout = QVBoxLayout(self)
        layout.addWidget(self.progress_view)
        layout.addLayout(entry_row)
        layout.addLayout(delay_row)
        layout.addWidget(self.progress_error)

    def show_entries(self, request_id: str | None, entries: list[ProgressEntry]) -> None:
        self.request_id = request_id
        self.progress_model.set_rows(entries)
        self.progress_view.resizeColumnsToContents()
        self.progress_view.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)

    def _update_delay_fields(self) -> None:
        delayed = self.state.currentData() == ProgressState.DELAYED.value
        self.delay_reason.setEnabled(delayed)
        self.new_deadline.setEnabled(delayed)

    def _busy(self) -> tuple[QWidget, ...]:
        return (self.add_progress_button, self.remove_progress_button)

    def add_progress(self) -> None:
        if self.request_id is None:
            return
        records, request_id = self.context.desk.records, self.request_id
        state = ProgressState(self.state.currentData())
        note, reason, author = self.note.text(), self.delay_reason.text(), self.context.desk.settings.user_name
        deadline = from_qdatetime(self.new_deadline.dateTime()) if state is ProgressState.DELAYED else None
        self.context.runner.write(
            lambda: records.add_progress(request_id, note, state, delay_reason=reason, new_deadline=deadline,
                                         author=author),
            self._added, self._add_failed, busy=self._busy(), owner=self)

    def _added(self, _entry) -> None:
        self.progress_error.hide()
        self.note.clear()
        self.delay_reason.clear()
        self.sig_changed.emit(self.tr("Progress added"))

    def _add_failed(self, error: BaseException, details: str) -> None:
        if not isinstance(error, RecordError):  # bad input is said beside the fields it is about
            report_failure(self.context, self, error, details)
            return
        self.progress_error.setText(str(error))
        self.progress_error.show()

    def remove_progress(self) -> None:
        rows = self.progress_view.selectionModel().selectedRows()
        if not rows:
            return
        records, entry = self.context.desk.records, self.progress_model.rows()[rows[0].row()]
        self.context.runner.write(lambda: records.delete_progress(entry.id), self._removed,
                                  lambda error, details: report_failure(self.context, self, error, details),
                                  busy=self._busy(), owner=self)

    def _removed(self, _result) -> None:
        self.sig_changed.emit(self.tr("Progress entry removed"))
