"""The review queue's 修改建议 tab: agents' edits of published articles, kept on this desk until a KB owner decides.

An agent's save of a published article becomes a suggestion (``desk.save_edit``); colleagues keep reading the
published text. Here an owner sees what the suggestion changes (the character-level diff against the article as it
is published now) and publishes it or declines it with a reason the agent reads. An agent sees the same list, to
know what is waiting, without the buttons.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSplitter,
    QTableWidgetItem,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.curation.diff import snapshots_html
from app.curation.workflow import Action, Role, may
from app.model import Kind, Status
from app.ui.context import AppContext
from app.ui.decision_table import decision_table
from app.ui.errors import show_error

IdRole = Qt.ItemDataRole.UserRole + 1


class EditSuggestionsPanel(QWidget):
    sig_count = Signal(int)

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        super().__init__(parent)
        self.context, self.desk = context, context.desk
        self.items: list = []  # EditSuggestion rows waiting for an owner (or, for an agent, their own)
        self.own_view = False
        self._generation = 0
        self.table = decision_table("editSuggestionTable", [self.tr("Article"), self.tr("Suggested by"), self.tr("When")], self._selected)
        self.about = QLabel(objectName="suggestionAbout", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.preview = QTextBrowser(objectName="suggestionPreview")
        self.note = QLineEdit(objectName="suggestionDecisionNote")
        self.note.setPlaceholderText(self.tr("Your answer to the agent (needed to decline)"))
        self.accept_button = QPushButton(self.tr("Publish the suggestion"), objectName="acceptSuggestion")
        self.accept_button.clicked.connect(lambda: self.decide(True))
        self.decline_button = QPushButton(self.tr("Decline"), objectName="declineSuggestion")
        self.decline_button.clicked.connect(lambda: self.decide(False))
        self.role_hint = QLabel(self.tr("Publishing or declining a suggestion is a KB owner's decision."),
                                objectName="hint", wordWrap=True)
        self.empty = QLabel(self.tr("No suggested edits. When an agent edits a published article, the edit waits "
                                    "here for a KB owner; colleagues read the published text meanwhile."),
                            objectName="hint", wordWrap=True,
                            alignment=Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self._lay_out()
        self._enable(False)

    def add_to(self, tabs: QTabWidget) -> None:
        """Become a tab of ``tabs``, titled with how many suggestions wait; read them now and after every change."""
        index = tabs.addTab(self, self.tr("Suggested edits"))
        self.sig_count.connect(lambda n: tabs.setTabText(
            index, self.tr("Suggested edits") + (f" ({n})" if n else "")))
        self.context.nav.sig_data_changed.connect(self.reload)
        self.reload()

    def _lay_out(self) -> None:
        right = QWidget()
        column = QVBoxLayout(right)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self.about)
        column.addWidget(self.preview, 1)
        column.addWidget(self.role_hint)
        column.addWidget(self.note)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.decline_button)
        buttons.addWidget(self.accept_button)
        column.addLayout(buttons)
        self.splitter = QSplitter()
        self.splitter.addWidget(self.table)
        self.splitter.addWidget(right)
        self.splitter.setSizes([340, 660])
        layout = QVBoxLayout(self)
        layout.addWidget(self.empty)
        layout.addWidget(self.splitter, 1)

    def reload(self) -> None:
        suggestions = self.desk.curation.suggestions
        self._generation += 1
        generation = self._generation
        # Owners (trainers for the handbook) see what waits for them; an agent sees their own suggestions, decided
        # ones too, so a declined edit comes back with the owner's reason.
        self.own_view = self.desk.curation.role is Role.AGENT
        author = self.desk.settings.user_name

        def read() -> tuple[list, dict]:
            listed = suggestions.mine(author)[::-1] if self.own_view else suggestions.waiting()
            return listed, self.desk.get_articles(sorted({s.article_id for s in listed}))

        self.context.runner.run(read, lambda found: self._fill(generation, *found), lambda _e, _d: None)

    def _fill(self, generation: int, items: list, articles: dict) -> None:
        if generation != self._generation or not shiboken6.isValid(self):
            return
        keep = self.current_id()
        self.items = [s for s in items if s.article_id in articles]
        self.table.setRowCount(len(self.items))
        for row, suggestion in enumerate(self.items):
            title = articles[suggestion.article_id].title
            when = suggestion.created_at.astimezone().strftime("%Y-%m-%d %H:%M")
            second = self.state_text(suggestion) if self.own_view else suggestion.author or self.tr("An agent")
            for column, text in enumerate([title, second, when]):
                item = QTableWidgetItem(text)
                item.setData(IdRole, suggestion.id)
                item.setToolTip(title)
                self.table.setItem(row, column, item)
            if suggestion.id == keep:
                self.table.selectRow(row)
        self.table.setHorizontalHeaderLabels([self.tr("Article"), self.tr("State") if self.own_view
                                              else self.tr("Suggested by"), self.tr("When")])
        self.empty.setVisible(not self.items)
        self.splitter.setVisible(bool(self.items))
        if self.items and self.current_id() is None:
            self.table.selectRow(0)
        if not self.items:
            self.preview.clear()
            self.about.clear()
            self._enable(False)
        if self.items:
            self._selected()  # the same row may hold another suggestion, or the role changed: no signal says so
        self.sig_count.emit(sum(s.state == "open" for s in self.items))

    def state_text(self, suggestion) -> str:
        return {"open": self.tr("Waiting for a KB owner"), "accepted": self.tr("Published"),
                "declined": self.tr("Declined")}.get(suggestion.state, suggestion.state)

    def current_id(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        return self.items[rows[0].row()].id if rows and rows[0].row() < len(self.items) else None

    def _current(self):
        current = self.current_id()
        return next((s for s in self.items if s.id == current), None)

    def may_decide(self, suggestion) -> bool:
        """Whether this desk's role publishes the suggested article (owners; trainers for the handbook)."""
        if suggestion is None or suggestion.snapshot.get("kind") not in {k.value for k in Kind}:
            return False
        return may(self.desk.curation.role, Action.PUBLISH, Status.REVIEW, Kind(suggestion.snapshot["kind"]))

    def _selected(self) -> None:
        suggestion = self._current()
        self._enable(suggestion is not None)
        if suggestion is None:
            self.about.clear()
            return
        about = self.tr("%1 suggested this on %2 (edited from version %3).").replace(
            "%1", suggestion.author or self.tr("An agent")).replace(
            "%2", suggestion.created_at.astimezone().strftime("%Y-%m-%d %H:%M")).replace(
            "%3", str(suggestion.base_version))
        if suggestion.note:
            about += " " + self.tr("Note: %1").replace("%1", suggestion.note)
        if suggestion.state != "open":
            about += "\n" + self.state_text(suggestion) + (
                f"（{suggestion.decided_by}）" if suggestion.decided_by else "") + (
                "：" + suggestion.decision_note if suggestion.decision_note else "")
        self.about.setText(about)
        suggestions, suggestion_id = self.desk.curation.suggestions, suggestion.id
        self.context.runner.run(lambda: suggestions.diff(suggestion_id),
                                lambda diffs: self._preview(suggestion_id, diffs), self._failed)

    def _preview(self, suggestion_id: str, diffs) -> None:
        if not shiboken6.isValid(self) or suggestion_id != self.current_id():
            return
        self.preview.setHtml(snapshots_html(diffs, side_by_side=True, old_label=self.tr("Published now"),
                                            new_label=self.tr("With the suggestion")))

    def _enable(self, enabled: bool) -> None:
        decides = enabled and self.may_decide(self._current())
        for widget in (self.accept_button, self.decline_button, self.note):
            widget.setEnabled(decides)
        self.role_hint.setVisible(enabled and not decides)

    def decide(self, accept: bool) -> None:
        suggestion, note = self._current(), self.note.text().strip()
        if suggestion is None or not self.may_decide(suggestion):
            return
        if not accept and not note:
            self.note.setFocus()
            self.context.nav.sig_status.emit(self.tr("Say why you decline: the agent sees your answer."))
            return
        suggestions, by, suggestion_id = self.desk.curation.suggestions, self.desk.settings.user_name, suggestion.id
        work = ((lambda: suggestions.accept(suggestion_id, by, note)) if accept
                else (lambda: suggestions.decline(suggestion_id, by, note)))
        self.context.runner.write(work, lambda _result: self._decided(accept), self._failed,
                                  busy=(self.accept_button, self.decline_button), owner=self)

    def _decided(self, accepted: bool) -> None:
        self.note.clear()
        self.context.nav.sig_status.emit(self.tr("Suggestion published.") if accepted
                                         else self.tr("Suggestion declined; the agent sees your reason."))
        self.context.nav.sig_data_changed.emit()

    def _failed(self, error: BaseException, details: str) -> None:
        if shiboken6.isValid(self):
            self._enable(self.current_id() is not None)
            show_error(self, error, details)
