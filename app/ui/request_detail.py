"""One request in full: the need record, its solution plan (steps), its progress entries and its actions."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from html import escape

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from app.model.records import FIVE_W_ONE_H, PlanStep, ProgressState, Request, RequestStatus
from app.records.service import RecordError
from app.ui import feedback_dialog
from app.ui.context import AppContext
from app.ui.record_models import PlanStepModel, ProgressModel, RecordRole, status_name


def to_qdatetime(moment: datetime) -> QDateTime:
    return QDateTime.fromSecsSinceEpoch(int(moment.timestamp()))


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), tz=timezone.utc)


def _datetime_edit(moment: datetime) -> QDateTimeEdit:
    edit = QDateTimeEdit(to_qdatetime(moment), calendarPopup=True)
    edit.setDisplayFormat("yyyy-MM-dd HH:mm")
    return edit


class StepDialog(QDialog):
    """Add or edit one plan step: what, who, by when."""

    def __init__(self, step: PlanStep, parent=None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Plan step"))
        self.setMinimumWidth(460)
        self.action = QLineEdit(step.action, placeholderText=self.tr("e.g. 技术团队分析日志"))
        self.owner = QLineEdit(step.owner, placeholderText=self.tr("e.g. 技术支持 刘洋"))
        self.due = _datetime_edit(step.due_at or datetime.now(timezone.utc) + timedelta(hours=2))
        form = QFormLayout(self)
        form.addRow(self.tr("Step"), self.action)
        form.addRow(self.tr("Owner"), self.owner)
        form.addRow(self.tr("Due"), self.due)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)
        self.step = step

    def value(self) -> PlanStep:
        self.step.action = self.action.text().strip()
        self.step.owner = self.owner.text().strip()
        self.step.due_at = from_qdatetime(self.due.dateTime())
        return self.step


def _table(model) -> QTableView:
    view = QTableView()
    view.setModel(model)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.verticalHeader().hide()
    view.setWordWrap(True)
    view.horizontalHeader().setStretchLastSection(False)
    return view


class RequestDetail(QWidget):
    """Shows one request; every change goes through ``desk.records`` and then ``sig_changed``."""

    sig_changed = Signal(str)  # request id
    sig_edit = Signal(str)
    sig_export_letter = Signal(str, str)  # request id, "docx" | "pdf"

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.request: Request | None = None

        self.title = QLabel(objectName="pageTitle", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.meta = QLabel(objectName="hint", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.record = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.edit_button = QPushButton(self.tr("Edit"))
        self.respond_button = QPushButton(self.tr("Mark responded"))
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.close_button = QPushButton(self.tr("Close"))
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.case_button = QPushButton(self.tr("Turn into a draft case"))
        self.letter_docx_button = QPushButton(self.tr("Letter (DOCX)…"))
        self.letter_pdf_button = QPushButton(self.tr("Letter (PDF)…"))
        self.confirm_button = QPushButton(self.tr("Customer confirmed"))
        self.feedback_button = QPushButton(self.tr("Customer feedback…"))
        self.edit_button.clicked.connect(lambda: self.request and self.sig_edit.emit(self.request.id))
        self.respond_button.clicked.connect(lambda: feedback_dialog.record_first_response(self))
        self.resolve_button.clicked.connect(lambda: feedback_dialog.resolve_request(self))
        self.feedback_button.clicked.connect(lambda: feedback_dialog.record_feedback(self))
        self.close_button.clicked.connect(lambda: self._status(RequestStatus.CLOSED))
        self.reopen_button.clicked.connect(lambda: self._status(RequestStatus.IN_PROGRESS))
        self.case_button.clicked.connect(self.make_case)
        self.letter_docx_button.clicked.connect(lambda: self.request and self.sig_export_letter.emit(self.request.id, "docx"))
        self.letter_pdf_button.clicked.connect(lambda: self.request and self.sig_export_letter.emit(self.request.id, "pdf"))
        self.confirm_button.clicked.connect(self.confirm_letter)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.respond_button, self.resolve_button, self.feedback_button,
                       self.close_button, self.reopen_button, self.case_button):
            actions.addWidget(button)
        actions.addStretch(1)
        letters = QHBoxLayout()
        for button in (self.letter_docx_button, self.letter_pdf_button, self.confirm_button):
            letters.addWidget(button)
        letters.addStretch(1)

        # Plan (问题解决方案表)
        self.statement = QLineEdit(placeholderText=self.tr("Standard problem statement (专业转述)"))
        self.cause = QLineEdit(placeholderText=self.tr("Cause"))
        self.fallback = QLineEdit(placeholderText=self.tr("Fallback plan, e.g. 若修复延迟，可引导客户通过备用账号登录"))
        self.step_model = PlanStepModel(self)
        self.steps = _table(self.step_model)
        self.steps.doubleClicked.connect(lambda _i: self.edit_step())
        self.add_step_button = QPushButton(self.tr("Add step…"))
        self.edit_step_button = QPushButton(self.tr("Edit…"))
        self.step_up_button = QPushButton(self.tr("Up"))
        self.step_down_button = QPushButton(self.tr("Down"))
        self.remove_step_button = QPushButton(self.tr("Remove"))
        self.done_step_button = QPushButton(self.tr("Done"))
        self.save_plan_button = QPushButton(self.tr("Save plan"))
        self.add_step_button.clicked.connect(self.add_step)
        self.edit_step_button.clicked.connect(self.edit_step)
        self.step_up_button.clicked.connect(lambda: self.move_step(-1))
        self.step_down_button.clicked.connect(lambda: self.move_step(1))
        self.remove_step_button.clicked.connect(self.remove_step)
        self.done_step_button.clicked.connect(self.toggle_step_done)
        self.save_plan_button.clicked.connect(self.save_plan)
        plan_box = QGroupBox(self.tr("Solution plan"))
        plan_form = QFormLayout()
        plan_form.addRow(self.tr("Statement"), self.statement)
        plan_form.addRow(self.tr("Cause"), self.cause)
        plan_layout = QVBoxLayout(plan_box)
        plan_layout.addLayout(plan_form)
        plan_layout.addWidget(self.steps)
        step_buttons = QHBoxLayout()
        for button in (self.add_step_button, self.edit_step_button, self.step_up_button, self.step_down_button,
                       self.remove_step_button, self.done_step_button):
            step_buttons.addWidget(button)
        step_buttons.addStretch(1)
        plan_layout.addLayout(step_buttons)
        fallback_row = QFormLayout()
        fallback_row.addRow(self.tr("Fallback"), self.fallback)
        plan_layout.addLayout(fallback_row)
        plan_layout.addWidget(self.save_plan_button, 0, Qt.AlignmentFlag.AlignRight)

        # Progress (沟通进度跟踪表)
        self.progress_model = ProgressModel(self)
        self.progress_view = _table(self.progress_model)
        self.state = QComboBox()
        for state in ProgressState:
            self.state.addItem(state.value, state.value)
        self.state.setCurrentIndex(1)
        self.note = QLineEdit(placeholderText=self.tr("e.g. 技术团队已定位问题，正在进行修复"))
        self.delay_reason = QLineEdit(placeholderText=self.tr("Why it is delayed"))
        self.new_deadline = _datetime_edit(datetime.now(timezone.utc) + timedelta(hours=4))
        self.add_progress_button = QPushButton(self.tr("Add entry"))
        self.add_progress_button.clicked.connect(self.add_progress)
        self.remove_progress_button = QPushButton(self.tr("Remove entry"))
        self.remove_progress_button.clicked.connect(self.remove_progress)
        self.state.currentIndexChanged.connect(self._update_delay_fields)
        self.progress_error = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.progress_error.setStyleSheet("color:#b91c1c")
        self.progress_error.hide()
        progress_box = QGroupBox(self.tr("Progress"))
        progress_layout = QVBoxLayout(progress_box)
        progress_layout.addWidget(self.progress_view)
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
        progress_layout.addLayout(entry_row)
        progress_layout.addLayout(delay_row)
        progress_layout.addWidget(self.progress_error)

        self.links = QListWidget()
        self.links.setMaximumHeight(120)
        self.links.itemActivated.connect(lambda item: self.context.nav.sig_open_article.emit(item.data(Qt.ItemDataRole.UserRole)))
        links_box = QGroupBox(self.tr("Linked articles"))
        QVBoxLayout(links_box).addWidget(self.links)

        content = QWidget()
        column = QVBoxLayout(content)
        column.addWidget(self.title)
        column.addWidget(self.meta)
        column.addLayout(actions)
        column.addLayout(letters)
        # The need record and its links on the left, the plan and the progress beside them.
        columns = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(self.record)
        left.addWidget(links_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(plan_box)
        right.addWidget(progress_box)
        right.addStretch(1)
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        column.addLayout(columns)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)
        self._update_delay_fields()
        self.show_request(None)

    # --- showing -----------------------------------------------------------------------------------------------
    def show_request(self, request: Request | None) -> None:
        self.request = request
        self.setEnabled(request is not None)
        if request is None:
            self.title.setText(self.tr("No request selected"))
            for widget in (self.meta, self.record):
                widget.setText("")
            self.step_model.set_rows([])
            self.progress_model.set_rows([])
            self.links.clear()
            return
        records = self.context.desk.records
        r = request
        self.title.setText(f"{r.code}　{r.title}")
        deadline = r.deadline.astimezone().strftime("%Y-%m-%d %H:%M") if r.deadline else "—"
        confirmed = (self.tr("Letter confirmed %1").replace("%1", r.confirmed_at.astimezone().strftime("%m-%d %H:%M"))
                     if r.confirmed_at else "")
        responded = (self.tr("first response %1").replace("%1", r.responded_at.astimezone().strftime("%m-%d %H:%M"))
                     if r.responded_at else "")
        self.meta.setText(" · ".join(escape(x) for x in (
            r.priority.value, status_name(r.status), self.tr("first response due %1").replace("%1", deadline),
            responded, r.assignee, r.group, confirmed, feedback_dialog.feedback_summary(r.feedback)) if x))
        rows = [(self.tr("Customer"), f"{r.customer}（{r.company}）" if r.company else r.customer),
                (self.tr("Contact"), f"{r.contact}　{r.channel}".strip()), (self.tr("History"), r.history)]
        rows += [(label.split(" ", 1)[0], getattr(r, name)) for name, label in FIVE_W_ONE_H]
        self.record.setText("<table cellspacing='0' cellpadding='3'>" + "".join(
            f"<tr><td style='color:#66788a' valign='top'>{escape(k)}</td><td>{escape(v) or '—'}</td></tr>"
            for k, v in rows) + "</table>")
        plan = records.plan(r.id)
        self.statement.setText(plan.statement)
        self.cause.setText(plan.cause)
        self.fallback.setText(plan.fallback)
        self.step_model.set_rows(plan.steps)
        self.progress_model.set_rows(records.progress(r.id))
        for view in (self.steps, self.progress_view):
            view.resizeColumnsToContents()
            view.horizontalHeader().setSectionResizeMode(1 if view is self.steps else 2, QHeaderView.ResizeMode.Stretch)
        self.links.clear()
        for article_id in r.linked_article_ids:
            try:
                article = self.context.desk.get_article(article_id)
            except LookupError:
                continue
            marker = "★ " if article_id == r.case_article_id else ""
            item = QListWidgetItem(f"{marker}[{article.kind.label_zh}] {article.title}")
            item.setData(Qt.ItemDataRole.UserRole, article_id)
            self.links.addItem(item)
        status = r.status
        self.respond_button.setVisible(status is RequestStatus.OPEN)
        self.resolve_button.setVisible(status in (RequestStatus.OPEN, RequestStatus.IN_PROGRESS))
        self.close_button.setVisible(status is not RequestStatus.CLOSED)
        self.reopen_button.setVisible(status is RequestStatus.RESOLVED)
        self.feedback_button.setVisible(status in (RequestStatus.RESOLVED, RequestStatus.CLOSED))
        self.case_button.setVisible(status in (RequestStatus.RESOLVED, RequestStatus.CLOSED) and not r.case_article_id)
        self.confirm_button.setVisible(r.confirmed_at is None)

    def reload(self) -> None:
        if self.request is not None:
            self.show_request(self.context.desk.records.get(self.request.id))

    def _changed(self, message: str = "") -> None:
        self.reload()
        if message:
            self.context.nav.sig_status.emit(message)
        self.sig_changed.emit(self.request.id)
        self.context.nav.sig_data_changed.emit()

    def _fail(self, error: Exception) -> None:
        self.context.nav.sig_status.emit(str(error))

    # --- actions -----------------------------------------------------------------------------------------------
    def _status(self, status: RequestStatus) -> None:
        try:
            self.context.desk.records.set_status(self.request.id, status)
        except RecordError as error:
            return self._fail(error)
        self._changed(self.tr("Status: %1").replace("%1", status_name(status)))

    def make_case(self) -> None:
        try:
            article = self.context.desk.records.create_case_draft(self.request.id, self.context.desk.settings.user_name)
        except RecordError as error:
            return self._fail(error)
        self._changed(self.tr("Draft case created"))
        self.context.nav.sig_edit_article.emit(article.id)

    def confirm_letter(self) -> None:
        self.context.desk.records.confirm_letter(self.request.id)
        self._changed(self.tr("Confirmation recorded"))

    def _plan_from_fields(self):
        plan = self.context.desk.records.plan(self.request.id)
        plan.statement, plan.cause, plan.fallback = (self.statement.text().strip(), self.cause.text().strip(),
                                                     self.fallback.text().strip())
        plan.steps = self.step_model.rows()
        return plan

    def save_plan(self) -> None:
        try:
            self.context.desk.records.save_plan(self._plan_from_fields())
        except RecordError as error:
            return self._fail(error)
        self._changed(self.tr("Plan saved"))

    def _selected_step(self) -> int:
        rows = self.steps.selectionModel().selectedRows()
        return rows[0].row() if rows else -1

    def add_step(self, dialog: StepDialog | None = None) -> None:
        dialog = dialog or StepDialog(PlanStep(""), self)
        if dialog.exec() != QDialog.DialogCode.Accepted or not dialog.value().action:
            return
        self.step_model.set_rows(self.step_model.rows() + [dialog.value()])
        self.save_plan()

    def edit_step(self, dialog: StepDialog | None = None) -> None:
        row = self._selected_step()
        if row < 0:
            return
        steps = self.step_model.rows()
        dialog = dialog or StepDialog(steps[row], self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.value().action:
            self.save_plan()

    def move_step(self, delta: int) -> None:
        row = self._selected_step()
        steps = self.step_model.rows()
        if row < 0 or not 0 <= row + delta < len(steps):
            return
        steps[row], steps[row + delta] = steps[row + delta], steps[row]
        self.step_model.set_rows(steps)
        self.save_plan()
        self.steps.selectRow(row + delta)

    def remove_step(self) -> None:
        row = self._selected_step()
        if row < 0:
            return
        steps = self.step_model.rows()
        del steps[row]
        self.step_model.set_rows(steps)
        self.save_plan()

    def toggle_step_done(self) -> None:
        row = self._selected_step()
        if row < 0:
            return
        step = self.step_model.rows()[row]
        self.context.desk.records.complete_step(self.request.id, step.id, done=step.done_at is None)
        self._changed()
        self.steps.selectRow(row)

    def _update_delay_fields(self) -> None:
        delayed = self.state.currentData() == ProgressState.DELAYED.value
        self.delay_reason.setEnabled(delayed)
        self.new_deadline.setEnabled(delayed)

    def add_progress(self) -> None:
        state = ProgressState(self.state.currentData())
        try:
            self.context.desk.records.add_progress(
                self.request.id, self.note.text(), state, delay_reason=self.delay_reason.text(),
                new_deadline=from_qdatetime(self.new_deadline.dateTime()) if state is ProgressState.DELAYED else None,
                author=self.context.desk.settings.user_name,
            )
        except RecordError as error:
            self.progress_error.setText(str(error))
            self.progress_error.show()
            return
        self.progress_error.hide()
        self.note.clear()
        self.delay_reason.clear()
        self._changed(self.tr("Progress added"))

    def remove_progress(self) -> None:
        rows = self.progress_view.selectionModel().selectedRows()
        if not rows:
            return
        entry = self.progress_model.rows()[rows[0].row()]
        self.context.desk.records.delete_progress(entry.id)
        self._changed(self.tr("Progress entry removed"))

    def selected_step_row(self) -> int:
        return self._selected_step()

    def step_at(self, row: int) -> PlanStep:
        return self.step_model.index(row, 0).data(RecordRole)
