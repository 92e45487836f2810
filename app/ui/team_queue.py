"""The team library's part of a KB owner's queue: agents' proposals to accept or decline, and conflicts between
desks to resolve field by field with both texts side by side (the character-level Chinese diff)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QButtonGroup,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.curation.diff import diff_snapshots, diff_text, side_by_side_html, snapshot_text, snapshots_html
from app.ui.context import AppContext
from app.ui.decision_table import decision_table
from app.ui.errors import show_error

IdRole = Qt.ItemDataRole.UserRole + 1


class ProposalsPanel(QWidget):
    """Proposals from agents' desks: what would change, then accept (published at once) or decline with a note."""

    sig_count = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.items: list = []
        self.table = decision_table("proposalTable", [self.tr("Proposal"), self.tr("Kind"), self.tr("From")], self._selected)
        self.about = QLabel(objectName="proposalAbout", wordWrap=True)
        self.preview = QTextBrowser(objectName="proposalPreview")
        self.note = QLineEdit(objectName="decisionNote")
        self.note.setPlaceholderText(self.tr("Your answer to the agent (needed to decline)"))
        self.accept_button = QPushButton(self.tr("Accept and publish"), objectName="acceptProposal")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.edit_button = QPushButton(self.tr("Accept, then edit"), objectName="acceptAndEdit")
        self.edit_button.clicked.connect(lambda: self.decide(True, edit=True))
        self.decline_button = QPushButton(self.tr("Decline"), objectName="declineProposal")
        self.decline_button.clicked.connect(lambda: self.decide(False))
        self.empty = QLabel(self.tr("No proposals waiting. Agents' case write-ups and suggested edits appear here "
                                    "after a sync."), objectName="hint", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.about)
        column.addWidget(self.preview, 1)
        column.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        for button in (self.decline_button, self.edit_button, self.accept_button):
            buttons.addWidget(button)
        column.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setSizes([340, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        self._enable(False)

    def reload(self) -> None:
        if not self.desk.settings.team_url:
            self._fill([])
            return
        self.context.runner.run(self.desk.team.proposals_to_decide, self._fill, lambda _e, _d: None)

    def _fill(self, items: list) -> None:
        keep = self.current_id()
        self.items = list(items)
        self.table.setRowCount(len(self.items))
        for row, proposal in enumerate(self.items):
            kind = self.tr("New article") if proposal.change == "new" else self.tr("Suggested edit")
            for column, text in enumerate([proposal.title, kind, proposal.author or "—"]):
                item = QTableWidgetItem(text)
                item.setData(IdRole, proposal.id)
                item.setToolTip(proposal.title)
                self.table.setItem(row, column, item)
            if proposal.id == keep:
                self.table.selectRow(row)
        self.empty.setVisible(not self.items)
        self.splitter.setVisible(bool(self.items))
        if self.items and self.current_id() is None:
            self.table.selectRow(0)
        if not self.items:
            self.preview.clear()
            self._enable(False)
        if self.current_id() != keep:
            self._selected()  # the same row may now hold another proposal: no selection signal says so
        self.sig_count.emit(len(self.items))

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.items[rows[0].row()].id if rows and rows[0].row() < len(self.items) else None

    def _selected(self) -> None:
        proposal_id = self.current_id()
        self._enable(proposal_id is not None)
        if proposal_id is None:
            self.about.clear()
            return
        proposal = next(p for p in self.items if p.id == proposal_id)
        about = self.tr("%1 sent this on %2.").replace("%1", proposal.author or self.tr("An agent")).replace(
            "%2", proposal.created_at.astimezone().strftime("%Y-%m-%d %H:%M"))
        if proposal.note:
            about += " " + self.tr("Note: %1").replace("%1", proposal.note)
        self.about.setText(about)
        self.context.runner.run(lambda: self.desk.team.proposal_preview(proposal_id),
                                lambda snaps: self._preview(proposal_id, snaps), self._failed)

    def _preview(self, proposal_id: str, snapshots) -> None:
        if proposal_id != self.current_id():
            return
        before, after = snapshots
        diffs = diff_snapshots(before, after, only_changed=bool(before))
        self.preview.setHtml(snapshots_html(diffs, side_by_side=True, old_label=self.tr("Now"),
                                            new_label=self.tr("With the proposal")))

    def _enable(self, enabled: bool) -> None:
        for widget in (self.accept_button, self.edit_button, self.decline_button, self.note):
            widget.setEnabled(enabled)

    def decide(self, accept: bool, *, edit: bool = False) -> None:
        proposal_id, note = self.current_id(), self.note.text().strip()
        if proposal_id is None:
            return
        if not accept and not note:
            self.note.setFocus()
            self.context.nav.sig_status.emit(self.tr("Say why you decline: the agent sees your answer."))
            return
        team = self.desk.team
        work = (lambda: team.accept(proposal_id, note)) if accept else (lambda: team.decline(proposal_id, note))
        self._enable(False)
        self.context.runner.run(work, lambda outcome: self._decided(outcome, edit), self._failed)

    def _decided(self, outcome, edit: bool) -> None:
        self.note.clear()
        if outcome.published:
            text = self.tr("“%1”: your decision is published to the team library.")
        else:
            text = self.tr("“%1”: your decision is saved and goes to the team library with the next sync.")
        self.context.nav.sig_status.emit(text.replace("%1", outcome.proposal.title))
        if edit and outcome.article is not None:
            self.context.nav.sig_edit_article.emit(outcome.article.id)
        self.context.nav.sig_data_changed.emit()

    def _failed(self, error: BaseException, details: str) -> None:
        self._enable(self.current_id() is not None)
        show_error(self, error, details)


class FieldChoice(QGroupBox):
    """One conflicting field: both texts with their differences marked, and the owner's choice."""

    def __init__(self, name: str, label: str, ours, theirs, editable: bool, parent: QWidget | None = None):
        super().__init__(label, parent)
        self.name = name
        self.setObjectName(f"conflictField:{name}")
        left, right = side_by_side_html(diff_text(snapshot_text(name, ours), snapshot_text(name, theirs)))
        texts = QHBoxLayout()
        for title, html in ((self.tr("This desk"), left), (self.tr("Team library"), right)):
            box = QVBoxLayout()
            box.addWidget(QLabel(f"<b>{title}</b>"))
            view = QTextBrowser()
            view.setHtml(html or "—")
            view.setMinimumHeight(70)
            box.addWidget(view)
            texts.addLayout(box)
        self.keep = QRadioButton(self.tr("Keep this desk's"), objectName="keepOurs", checked=True)
        self.take = QRadioButton(self.tr("Take the team library's"), objectName="takeTheirs")
        self.write = QRadioButton(self.tr("Write it anew"), objectName="editText")
        self.group = QButtonGroup(self)
        choices = QHBoxLayout()
        for button in (self.keep, self.take, self.write):
            self.group.addButton(button)
            choices.addWidget(button)
        choices.addStretch(1)
        self.editor = QPlainTextEdit(ours if isinstance(ours, str) else "", objectName="resolutionText")
        self.editor.setVisible(False)
        self.write.setVisible(editable)
        self.write.toggled.connect(self.editor.setVisible)
        layout = QVBoxLayout(self)
        layout.addLayout(texts)
        layout.addLayout(choices)
        layout.addWidget(self.editor)

    def choice(self):
        if self.take.isChecked():
            return "theirs"
        if self.write.isChecked():
            return {"text": self.editor.toPlainText()}
        return "ours"


class ConflictsPanel(QWidget):
    """Articles (or settings) edited differently on two desks: nothing is replaced until an owner decides here."""

    sig_count = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.conflicts: list = []
        self.fields: list[FieldChoice] = []
        self.list = QListWidget(objectName="conflictList")
        self.list.currentRowChanged.connect(self._show)
        self.heading = QLabel(objectName="conflictHeading", wordWrap=True)
        self.area = QScrollArea(widgetResizable=True)
        self.resolve_button = QPushButton(self.tr("Resolve"), objectName="resolveConflict")
        self.resolve_button.clicked.connect(self.resolve)
        self.empty = QLabel(self.tr("No conflicts. When two desks change the same field of an article, both texts "
                                    "wait here for your decision."), objectName="hint", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.heading)
        column.addWidget(self.area, 1)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.resolve_button)
        column.addLayout(row)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.list)
        self.splitter.addWidget(right)
        self.splitter.setSizes([260, 740])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)
        self.resolve_button.setEnabled(False)

    def reload(self) -> None:
        if not self.desk.settings.team_url:
            self._fill([])
            return
        self.context.runner.run(self.desk.team.conflicts, self._fill, lambda _e, _d: None)

    def _fill(self, conflicts: list) -> None:
        if [(c.id, c.fields) for c in conflicts] == [(c.id, c.fields) for c in self.conflicts] and conflicts:
            return  # unchanged: keep the choices being made
        self.conflicts = list(conflicts)
        self.list.blockSignals(True)
        self.list.clear()
        for conflict in self.conflicts:
            item = QListWidgetItem(self.tr("%1 — %2 field(s)").replace("%1", conflict.title)
                                   .replace("%2", str(len(conflict.fields))))
            item.setData(IdRole, conflict.id)
            self.list.addItem(item)
        self.list.blockSignals(False)
        self.empty.setVisible(not self.conflicts)
        self.splitter.setVisible(bool(self.conflicts))
        self.list.setCurrentRow(0 if self.conflicts else -1)
        self._show(self.list.currentRow())
        self.sig_count.emit(len(self.conflicts))

    def _show(self, row: int) -> None:
        from app.team.format import field_label_zh

        self.fields = []
        holder = QWidget()
        column = QVBoxLayout(holder)
        if 0 <= row < len(self.conflicts):
            conflict = self.conflicts[row]
            self.heading.setText(self.tr("“%1” was changed here and by %2 in the team library. Choose per field; "
                                         "both versions stay in the history.").replace("%1", conflict.title)
                                 .replace("%2", conflict.theirs_author or self.tr("another desk")))
            for field in conflict.fields:
                editable = isinstance(field.ours if field.ours is not None else field.theirs or "", str)
                choice = FieldChoice(field.name, field_label_zh(field.name), field.ours, field.theirs, editable)
                self.fields.append(choice)
                column.addWidget(choice)
        else:
            self.heading.clear()
        column.addStretch(1)
        self.area.setWidget(holder)
        self.resolve_button.setEnabled(bool(self.fields))

    def resolve(self) -> None:
        row = self.list.currentRow()
        if not 0 <= row < len(self.conflicts):
            return
        conflict_id = self.conflicts[row].id
        choices = {field.name: field.choice() for field in self.fields}
        self.resolve_button.setEnabled(False)
        self.context.runner.run(lambda: self.desk.team.resolve(conflict_id, choices), self._resolved, self._failed)

    def _resolved(self, _article) -> None:
        self.context.nav.sig_status.emit(self.tr("Conflict resolved; both versions stay in the history."))
        self.context.nav.sig_data_changed.emit()

    def _failed(self, error: BaseException, details: str) -> None:
        self.resolve_button.setEnabled(True)
        show_error(self, error, details)


class TeamQueue(QObject):
    """The review page's team tabs, added to its tab widget: the agents' proposals and the conflicts between desks,
    each titled with how many wait."""

    def __init__(self, context: AppContext, tabs: QTabWidget):
        super().__init__(tabs)
        self.context, self.tabs = context, tabs
        self.proposals = ProposalsPanel(context)
        self.conflicts = ConflictsPanel(context)
        self.proposals_index = tabs.addTab(self.proposals, "")
        self.conflicts_index = tabs.addTab(self.conflicts, "")
        self.proposals.sig_count.connect(lambda n: self._title(self.proposals_index, self.tr("Proposals"), n))
        self.conflicts.sig_count.connect(lambda n: self._title(self.conflicts_index, self.tr("Conflicts"), n))
        self._title(self.proposals_index, self.tr("Proposals"), 0)
        self._title(self.conflicts_index, self.tr("Conflicts"), 0)
        context.nav.sig_data_changed.connect(self.reload)
        self.reload()

    def _title(self, index: int, name: str, count: int) -> None:
        self.tabs.setTabText(index, f"{name} ({count})" if count else name)

    def reload(self) -> None:
        self.proposals.reload()
        self.conflicts.reload()
