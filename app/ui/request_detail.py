"""One request in full: the need record, its solution plan (:mod:`app.ui.request_plan`), its progress entries
(:mod:`app.ui.request_progress`) and its actions. Every change goes through ``desk.records`` as a write of the
runner (the buttons that started it disabled until it is done), then the request is shown again."""

from __future__ import annotations

from html import escape

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from app.model.records import FIVE_W_ONE_H, PlanStep, Request, RequestStatus
from app.ui import feedback_dialog
from app.ui.context import AppContext
from app.ui.forward import Forward
from app.ui.record_models import status_name
from app.ui.record_widgets import from_qdatetime, report_failure, to_qdatetime
from app.ui.request_plan import PlanBox, StepDialog
from app.ui.request_progress import ProgressBox

__all__ = ["RequestDetail", "StepDialog", "from_qdatetime", "to_qdatetime"]


class RequestDetail(QWidget):
    """Shows one request; every change goes through ``desk.records`` and then ``sig_changed``."""

    sig_changed = Signal(str)  # request id
    sig_edit = Signal(str)
    sig_export_letter = Signal(str, str)  # request id, "docx" | "pdf"

    # The plan's and the progress box's fields, named on the detail as before the split.
    statement = Forward("plan")
    cause = Forward("plan")
    fallback = Forward("plan")
    steps = Forward("plan")
    step_model = Forward("plan")
    state = Forward("progress")
    note = Forward("progress")
    delay_reason = Forward("progress")
    new_deadline = Forward("progress")
    progress_error = Forward("progress")
    progress_model = Forward("progress")
    progress_view = Forward("progress")
    add_progress_button = Forward("progress")
    remove_progress_button = Forward("progress")

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.request: Request | None = None
        self.title = QLabel(objectName="pageTitle", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.meta = QLabel(objectName="hint", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.record = QLabel(wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.record.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.plan = PlanBox(context)
        self.plan.sig_changed.connect(self._changed)
        self.progress = ProgressBox(context)
        self.progress.sig_changed.connect(self._changed)
        self.links = QListWidget()
        self.links.setMaximumHeight(120)
        self.links.itemActivated.connect(self._open_link)
        self._lay_out(self._build_actions(), self._build_letters())
        self.show_request(None)

    def _build_actions(self) -> QHBoxLayout:
        self.edit_button = QPushButton(self.tr("Edit"))
        self.respond_button = QPushButton(self.tr("Mark responded"))
        self.resolve_button = QPushButton(self.tr("Resolve"))
        self.close_button = QPushButton(self.tr("Close"))
        self.reopen_button = QPushButton(self.tr("Reopen"))
        self.case_button = QPushButton(self.tr("Turn into a draft case"))
        self.feedback_button = QPushButton(self.tr("Customer feedback…"))
        self.edit_button.clicked.connect(self._edit_clicked)
        self.respond_button.clicked.connect(lambda: feedback_dialog.record_first_response(self))
        self.resolve_button.clicked.connect(lambda: feedback_dialog.resolve_request(self))
        self.feedback_button.clicked.connect(lambda: feedback_dialog.record_feedback(self))
        self.close_button.clicked.connect(lambda: self._status(RequestStatus.CLOSED))
        self.reopen_button.clicked.connect(lambda: self._status(RequestStatus.IN_PROGRESS))
        self.case_button.clicked.connect(self.make_case)
        actions = QHBoxLayout()
        for button in (self.edit_button, self.respond_button, self.resolve_button, self.feedback_button,
                       self.close_button, self.reopen_button, self.case_button):
            actions.addWidget(button)
        actions.addStretch(1)
        return actions

    def _build_letters(self) -> QHBoxLayout:
        self.letter_docx_button = QPushButton(self.tr("Letter (DOCX)…"))
        self.letter_pdf_button = QPushButton(self.tr("Letter (PDF)…"))
        self.confirm_button = QPushButton(self.tr("Customer confirmed"))
        self.letter_docx_button.clicked.connect(lambda: self._export_letter("docx"))
        self.letter_pdf_button.clicked.connect(lambda: self._export_letter("pdf"))
        self.confirm_button.clicked.connect(self.confirm_letter)
        letters = QHBoxLayout()
        for button in (self.letter_docx_button, self.letter_pdf_button, self.confirm_button):
            letters.addWidget(button)
        letters.addStretch(1)
        return letters

    def _lay_out(self, actions: QHBoxLayout, letters: QHBoxLayout) -> None:
        """The need record and its links on the left, the plan and the progress beside them."""
        links_box = QGroupBox(self.tr("Linked articles"))
        QVBoxLayout(links_box).addWidget(self.links)
        left = QVBoxLayout()
        left.addWidget(self.record)
        left.addWidget(links_box)
        left.addStretch(1)
        right = QVBoxLayout()
        right.addWidget(self.plan)
        right.addWidget(self.progress)
        right.addStretch(1)
        columns = QHBoxLayout()
        columns.addLayout(left, 2)
        columns.addLayout(right, 3)
        content = QWidget()
        column = QVBoxLayout(content)
        for widget in (self.title, self.meta):
            column.addWidget(widget)
        for row in (actions, letters, columns):
            column.addLayout(row)
        self.scroll_area = scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(content)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

    # --- showing -----------------------------------------------------------------------------------------------
    def show_request(self, request: Request | None) -> None:
        if request is None or self.request is None or self.request.id != request.id:
            self.scroll_area.verticalScrollBar().setValue(0)  # another request starts at its top (a reload stays put)
        self.request = request
        self.setEnabled(request is not None)
        if request is None:
            self.title.setText(self.tr("No request selected"))
            for widget in (self.meta, self.record):
                widget.setText("")
            self.plan.show_plan(None)
            self.progress.show_entries(None, [])
            self.links.clear()
            return
        records = self.context.desk.records
        self.title.setText(f"{request.code}　{request.title}")
        self.meta.setText(self._meta_text(request))
        self.record.setText(self._record_html(request))
        self.plan.show_plan(records.plan(request.id))
        self.progress.show_entries(request.id, records.progress(request.id))
        self._show_links(request)
        self._show_actions(request)

    def _meta_text(self, r: Request) -> str:
        deadline = r.deadline.astimezone().strftime("%Y-%m-%d %H:%M") if r.deadline else "—"
        confirmed = (self.tr("Letter confirmed %1").replace("%1", r.confirmed_at.astimezone().strftime("%m-%d %H:%M"))
                     if r.confirmed_at else "")
        responded = (self.tr("first response %1").replace("%1", r.responded_at.astimezone().strftime("%m-%d %H:%M"))
                     if r.responded_at else "")
        return " · ".join(escape(x) for x in (
            r.priority.value, status_name(r.status), self.tr("first response due %1").replace("%1", deadline),
            responded, r.assignee, r.group, confirmed, feedback_dialog.feedback_summary(r.feedback)) if x)

    def _record_html(self, r: Request) -> str:
        rows = [(self.tr("Customer"), f"{r.customer}（{r.company}）" if r.company else r.customer),
                (self.tr("Contact"), f"{r.contact}　{r.channel}".strip()), (self.tr("History"), r.history)]
        rows += [(label.split(" ", 1)[0], getattr(r, name)) for name, label in FIVE_W_ONE_H]
        return "<table cellspacing='0' cellpadding='3'>" + "".join(
            f"<tr><td style='color:#66788a' valign='top'>{escape(k)}</td><td>{escape(v) or '—'}</td></tr>"
            for k, v in rows) + "</table>"

    def _show_links(self, r: Request) -> None:
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

    def _show_actions(self, r: Request) -> None:
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
        if self.request is None:
            return
        self.reload()
        if message:
            self.context.nav.sig_status.emit(message)
        self.sig_changed.emit(self.request.id)
        self.context.nav.sig_data_changed.emit()

    def _fail(self, error: BaseException, details: str = "") -> None:
        report_failure(self.context, self, error, details)

    # --- actions -----------------------------------------------------------------------------------------------
    def _action_buttons(self) -> tuple[QPushButton, ...]:
        return (self.respond_button, self.resolve_button, self.feedback_button, self.close_button,
                self.reopen_button, self.case_button, self.confirm_button)

    def _edit_clicked(self) -> None:
        if self.request is not None:
            self.sig_edit.emit(self.request.id)

    def _export_letter(self, fmt: str) -> None:
        if self.request is not None:
            self.sig_export_letter.emit(self.request.id, fmt)

    def _open_link(self, item: QListWidgetItem) -> None:
        self.context.nav.sig_open_article.emit(item.data(Qt.ItemDataRole.UserRole))

    def _status(self, status: RequestStatus) -> None:
        if self.request is None:
            return
        records, request_id = self.context.desk.records, self.request.id
        message = self.tr("Status: %1").replace("%1", status_name(status))
        self.context.runner.write(lambda: records.set_status(request_id, status),
                                  lambda _r: self._changed(message), self._fail, busy=self._action_buttons(),
                                  owner=self)

    def make_case(self) -> None:
        """Turn the resolved request into a draft case (without the customer's personal data, the core sees to
        that). A similar case already in the KB is named first: the agent may open it instead of writing another."""
        if self.request is None:
            return
        desk, request_id = self.context.desk, self.request.id
        self.case_button.setEnabled(False)  # the duplicate check reads the index: a second or so in a large KB
        self.context.runner.run(lambda: desk.similar_cases(request_id),
                                lambda similar: self._similar_checked(request_id, similar), self._similar_failed)

    def _similar_checked(self, request_id: str, similar: list) -> None:
        if not shiboken6.isValid(self):
            return
        self.case_button.setEnabled(True)
        choice = self.ask_about_similar(similar) if similar else "write"
        if choice == "open":
            self.context.nav.sig_open_article.emit(similar[0].id)
        elif choice == "write" and self.request is not None and self.request.id == request_id:
            records, author = self.context.desk.records, self.context.desk.settings.user_name
            self.context.runner.write(lambda: records.create_case_draft(request_id, author), self._case_made,
                                      self._fail, busy=self._action_buttons(), owner=self)

    def ask_about_similar(self, similar: list) -> str:
        """"open" the existing case, "write" a new one anyway, or "cancel"."""
        titles = "\n".join(f"· {case.title}" for case in similar[:3])
        box = QMessageBox(QMessageBox.Icon.Question, self.tr("A similar case exists"),
                          self.tr("The knowledge base already has a similar case:\n%1\n\nAdd to it instead of "
                                  "writing another?").replace("%1", titles), QMessageBox.StandardButton.Cancel, self)
        open_button = box.addButton(self.tr("Open the existing case"), QMessageBox.ButtonRole.AcceptRole)
        write_button = box.addButton(self.tr("Write a new case anyway"), QMessageBox.ButtonRole.DestructiveRole)
        box.setDefaultButton(open_button)
        box.exec()
        clicked = box.clickedButton()
        return "open" if clicked is open_button else "write" if clicked is write_button else "cancel"

    def _similar_failed(self, error: BaseException, details: str) -> None:
        if shiboken6.isValid(self):
            self.case_button.setEnabled(True)
            self._fail(error, details)

    def _case_made(self, article) -> None:
        self._changed(self.tr("Draft case created"))
        self.context.nav.sig_edit_article.emit(article.id)

    def confirm_letter(self) -> None:
        if self.request is None:
            return
        records, request_id = self.context.desk.records, self.request.id
        message = self.tr("Confirmation recorded")
        self.context.runner.write(lambda: records.confirm_letter(request_id), lambda _r: self._changed(message),
                                  self._fail, busy=self._action_buttons(), owner=self)

    # --- the plan, as callers name it on the detail ------------------------------------------------------------
    def save_plan(self) -> None:
        self.plan.save_plan()

    def add_step(self, dialog: StepDialog | None = None) -> None:
        self.plan.add_step(dialog)

    def edit_step(self, dialog: StepDialog | None = None) -> None:
        self.plan.edit_step(dialog)

    def move_step(self, delta: int) -> None:
        self.plan.move_step(delta)

    def remove_step(self) -> None:
        self.plan.remove_step()

    def toggle_step_done(self) -> None:
        self.plan.toggle_step_done()

    def add_progress(self) -> None:
        self.progress.add_progress()

    def remove_progress(self) -> None:
        self.progress.remove_progress()

    def selected_step_row(self) -> int:
        return self.plan.selected_step()

    def step_at(self, row: int) -> PlanStep:
        return self.plan.step_at(row)

