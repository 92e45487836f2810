"""The 5W1H intake form (客户需求记录表): a new request, or edits to one.

It can start from a handbook entry: the entry's questions are listed beside the form (the ticked ones marked, with
the customer's answers), each 5W1H question becomes the hint of its field, the answers noted in the handbook fill
the fields they answer (:func:`app.records.intake.fields_from_answers`), and the entry is linked to the request.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.model import Kind
from app.model.records import CHANNELS, FIVE_W_ONE_H, Priority, Request
from app.records.intake import fields_from_answers
from app.records.service import RecordError
from app.ui.context import AppContext
from app.ui.errors import show_error

FIELD_GROUPS = {"What": "what", "When": "when", "Where": "where", "Who": "who", "Why": "why", "How": "how"}


class RequestForm(QDialog):
    sig_saved = Signal(str)  # request id

    def __init__(self, context: AppContext, request: Request | None = None, *, handbook_article_id: str | None = None,
                 ticked: list[str] | None = None, answers: dict[str, str] | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.context = context
        self.request = request
        self.handbook_article_id = handbook_article_id or (request.handbook_article_id if request else None)
        self.setWindowTitle(self.tr("Need record") if request is None else self.tr("Edit need record %1").replace("%1", request.code))
        self.setObjectName("requestForm")
        self._build_fields()
        main = QVBoxLayout()
        main.addLayout(self._build_form())
        main.addWidget(self.error)
        main.addWidget(self._build_buttons())
        layout = QHBoxLayout(self)
        self.questions = QListWidget(objectName="handbookQuestions")
        self.questions_panel = self._questions_panel(ticked or [], answers or {})
        if self.questions_panel is not None:
            layout.addWidget(self.questions_panel, 2)
        layout.addLayout(main, 3)
        self.priority.currentIndexChanged.connect(self._update_sla_hint)
        if request is not None:
            self._load(request)
        self._update_sla_hint()
        self.resize(1000 if self.questions_panel else 640, 640)

    def _build_fields(self) -> None:
        desk = self.context.desk
        self.customer = QLineEdit(placeholderText=self.tr("Customer name"))
        self.company = QLineEdit(placeholderText=self.tr("Company (optional)"))
        self.contact = QLineEdit(placeholderText=self.tr("Phone, e-mail or account"))
        self.channel = QComboBox(editable=True)
        self.channel.addItems(CHANNELS)
        self.priority = QComboBox()
        for priority in Priority:
            self.priority.addItem(priority.value, priority.value)  # Qt stores enums as plain text
        self.priority.setCurrentIndex(2)
        self.sla_hint = QLabel(objectName="hint")
        self.assignee = QLineEdit(desk.settings.user_name)
        self.group = QComboBox(editable=True)
        self.group.addItems([""] + desk.distinct_groups())
        self.history = QPlainTextEdit(placeholderText=self.tr("Earlier requests, complaint types, preferred channel"))
        self.history.setFixedHeight(48)
        self.history_button = QPushButton(self.tr("Look up earlier requests"))
        self.history_button.clicked.connect(self.fill_history)
        self.fields: dict[str, QPlainTextEdit] = {}
        for name, label in FIVE_W_ONE_H:
            edit = QPlainTextEdit(placeholderText=label.split(" ", 1)[1])
            edit.setFixedHeight(64 if name == "what" else 46)
            edit.setTabChangesFocus(True)
            self.fields[name] = edit
        self.error = QLabel(objectName="error", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.error.setStyleSheet("color:#b91c1c")
        self.error.hide()

    def _build_form(self) -> QFormLayout:
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        form.addRow(self.tr("Customer *"), _row((self.customer, 1), (self.company, 1)))
        form.addRow(self.tr("Contact / channel"), _row((self.contact, 2), (self.channel, 1)))
        history_row = QHBoxLayout()
        history_row.addWidget(self.history, 1)
        history_row.addWidget(self.history_button, 0, Qt.AlignmentFlag.AlignTop)
        form.addRow(self.tr("History"), history_row)
        for name, label in FIVE_W_ONE_H:
            form.addRow(label.split(" ", 1)[0] + (" *" if name == "what" else ""), self.fields[name])
        form.addRow(self.tr("Priority"), _row((self.priority, 0), (self.sla_hint, 1)))
        form.addRow(self.tr("Assignee"), _row((self.assignee, 1), (QLabel(self.tr("Skill group")), 0),
                                              (self.group, 1)))
        return form

    def _build_buttons(self) -> QDialogButtonBox:
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        self.save_button = buttons.button(QDialogButtonBox.StandardButton.Save)
        return buttons

    # --- handbook entry --------------------------------------------------------------------------------------
    def _questions_panel(self, ticked: list[str], answers: dict[str, str]) -> QWidget | None:
        if not self.handbook_article_id:
            return None
        try:
            article = self.context.desk.get_article(self.handbook_article_id)
        except LookupError:
            return None
        if article.kind is not Kind.HANDBOOK:
            return None
        panel = QFrame(objectName="card")
        column = QVBoxLayout(panel)
        column.addWidget(QLabel(f"<b>{escape(article.title)}</b>", wordWrap=True, textFormat=Qt.TextFormat.RichText))
        column.addWidget(QLabel(self.tr("Questions to ask (✓ = already asked)"), objectName="hint"))
        asked = []
        for question in article.fields.get("questions") or []:
            group = str(question.get("group", "")) if isinstance(question, dict) else ""
            text = str(question.get("text", "")) if isinstance(question, dict) else str(question)
            answer = answers.get(text, "").strip()
            mark = "✓ " if text in ticked or answer else "○ "
            line = f"{mark}{group}：{text}" if group else mark + text
            self.questions.addItem(line + (f"\n    → {answer}" if answer else ""))
            field = FIELD_GROUPS.get(group)
            if field:  # the 5W1H question becomes the hint of its field
                self.fields[field].setPlaceholderText(text)
            asked.append((group, text, answer))
        if not self.request:
            for name, value in fields_from_answers(asked).items():
                self.fields[name].setPlainText(value)
        self.questions.setWordWrap(True)
        column.addWidget(self.questions, 1)
        if not self.request:
            index = self.group.findText(article.group)
            if article.group:
                self.group.setCurrentIndex(index) if index >= 0 else self.group.setEditText(article.group)
        return panel

    # --- values ------------------------------------------------------------------------------------------------
    def _load(self, r: Request) -> None:
        self.customer.setText(r.customer)
        self.company.setText(r.company)
        self.contact.setText(r.contact)
        self.channel.setEditText(r.channel)
        self.priority.setCurrentIndex(self.priority.findData(r.priority.value))
        self.assignee.setText(r.assignee)
        self.group.setEditText(r.group)
        self.history.setPlainText(r.history)
        for name, _ in FIVE_W_ONE_H:
            self.fields[name].setPlainText(getattr(r, name))

    def _update_sla_hint(self) -> None:
        hours = self.context.desk.records.sla_hours(Priority(self.priority.currentData()))
        self.sla_hint.setText(self.tr("First response within %1 h").replace("%1", f"{hours:g}"))

    def fill_history(self) -> None:
        earlier = self.context.desk.records.history_of(self.customer.text(), self.company.text(),
                                                       exclude=self.request.id if self.request else None)
        if not earlier:
            self.history.setPlainText(self.tr("No earlier requests"))
            return
        lines = [f"{r.code} {r.status.label_zh} {r.what[:30]}" for r in earlier[:5]]
        self.history.setPlainText("\n".join(lines))

    def values(self) -> Request:
        text = {name: edit.toPlainText().strip() for name, edit in self.fields.items()}
        base = self.request or Request(customer="", what="")
        links = list(base.linked_article_ids)
        if self.handbook_article_id and self.request is None:
            links.append(self.context.desk.get_article(self.handbook_article_id).id)
        return base.with_changes(
            customer=self.customer.text().strip(), company=self.company.text().strip(),
            contact=self.contact.text().strip(), channel=self.channel.currentText().strip(),
            history=self.history.toPlainText().strip(), priority=Priority(self.priority.currentData()),
            assignee=self.assignee.text().strip(), group=self.group.currentText().strip(),
            handbook_article_id=self.handbook_article_id, linked_article_ids=links, **text,
        )

    def save(self) -> None:
        """Write the record off the GUI thread; the Save button waits meanwhile, and a refusal is shown here."""
        records, author = self.context.desk.records, self.context.desk.settings.user_name
        try:
            request = self.values()
        except RecordError as error:
            self._show_error(error)
            return
        editing = self.request is not None
        self.context.runner.write(lambda: records.update(request) if editing else records.create(request, author),
                                  self._saved, self._save_failed, busy=(self.save_button,), owner=self)

    def _saved(self, saved: Request) -> None:
        self.request = saved
        self.context.nav.sig_data_changed.emit()
        self.context.nav.sig_status.emit(self.tr("Saved %1").replace("%1", saved.code))
        self.sig_saved.emit(saved.id)
        self.accept()

    def _save_failed(self, error: BaseException, details: str) -> None:
        if isinstance(error, RecordError):
            self._show_error(error)
        else:
            show_error(self, error, details)

    def _show_error(self, error: BaseException) -> None:
        self.error.setText(str(error))
        self.error.show()


def _row(*widgets: tuple[QWidget, int]) -> QHBoxLayout:
    row = QHBoxLayout()
    for widget, stretch in widgets:
        row.addWidget(widget, stretch)
    return row


def open_request_form(context: AppContext, handbook_article_id: str | None = None, ticked: list[str] | None = None,
                      *, answers: dict[str, str] | None = None, request: Request | None = None,
                      parent: QWidget | None = None) -> RequestForm:
    """Show the intake form (not modal, so the agent can keep reading the handbook); a saved new request opens
    on the 工单 page."""
    if parent is None:
        # A parentless dialog would be destroyed with its Python wrapper as soon as the caller drops it.
        from PySide6.QtWidgets import QApplication

        parent = QApplication.activeWindow() or _keeper()
    form = RequestForm(context, request, handbook_article_id=handbook_article_id, ticked=ticked, answers=answers,
                       parent=parent)
    form.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    if request is None:
        form.sig_saved.connect(context.nav.sig_open_request.emit)
    form.show()
    return form


_KEEPER: list[QWidget] = []


def _keeper() -> QWidget:
    """An invisible owner for forms opened while no window is active (from a tray or a test)."""
    if not _KEEPER:
        _KEEPER.append(QWidget())
    return _KEEPER[0]
