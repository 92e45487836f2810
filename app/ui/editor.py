"""The article editor window: every kind with its own fields, a Markdown body with live preview, phrasings as a list.

The window holds the article being edited and decides what is saved: the form (:mod:`app.ui.editor_form`) turns
fields into plain data, the buffer (:mod:`app.ui.editor_autosave`) keeps unsaved changes safe. Saving and workflow
actions run through the runner's writes: the window stays responsive while a save waits for the search index,
and the save button and workflow buttons are disabled until it is done. Closing with unsaved changes asks; text
fields have their own undo and a QUndoStack covers the other fields. Workflow buttons follow the local role (they
guide; they do not secure).
"""

from __future__ import annotations

import html
import uuid
from collections.abc import Callable
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSizePolicy,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.curation.workflow import Action
from app.model import KIND_FIELDS, Article, Kind, Status
from app.services import SavedEdit
from app.templates.validation import script_template_problems
from app.ui.context import AppContext
from app.ui.editor_autosave import EditorBuffer
from app.ui.editor_form import ArticleForm, normalised_state
from app.ui.editor_workflow import WorkflowButtons, role_name, save_text, save_tooltip, suggestion_notice
from app.ui.forward import Forward


class ArticleEditor(QWidget):
    """Create (``article_id=""``) or edit one article. A top-level window; several may be open."""

    sig_saved = Signal(str)  # article id

    # The form's fields and the buffer's timer, named on the window as before the split.
    title_edit = Forward("form")
    kind_combo = Forward("form")
    status_label = Forward("form")
    group_combo = Forward("form")
    tags_edit = Forward("form")
    owner_edit = Forward("form")
    interval_spin = Forward("form")
    field_widgets = Forward("form")
    phrasings = Forward("form")
    body_edit = Forward("form")
    preview = Forward("form")
    undo_stack = Forward("form")
    autosave_timer = Forward("buffer")

    def __init__(self, context: AppContext, article_id: str = "", kind: Kind = Kind.CASE, parent=None, *,
                 ask_restore: bool = True):
        super().__init__(parent, Qt.WindowType.Window)
        self.context, self.desk = context, context.desk
        self.article: Article | None = self.desk.get_article(article_id) if article_id else None
        self._saved_state: dict[str, Any] = {}
        self._saving = False  # a save or workflow action is under way
        self._close_when_saved = False
        self._after_saved: Callable[[], None] | None = None
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1180, 820)

        self.form = ArticleForm(self.desk.distinct_groups(), self.desk.distinct_tags(), context.runner)
        key = f"article:{self.article.id}" if self.article else f"new:{uuid.uuid4()}"
        self.buffer = EditorBuffer(context, key, self._unsaved_state, self)
        self._build()
        self.load(self.article, kind)
        if ask_restore:
            self._offer_buffer()
        self.buffer.start()
        context.nav.sig_data_changed.connect(self._data_changed)
        self.update_preview()

    # --- building ---------------------------------------------------------------------------------------------
    def _build(self) -> None:
        self.duplicate_label = QLabel(objectName="duplicateWarning", wordWrap=True)
        self.duplicate_label.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate_label.linkActivated.connect(self._open_link)
        self.duplicate_label.setStyleSheet("background:#fff4d6;color:#7a4b00;padding:6px;border-radius:4px;")
        self.duplicate_label.hide()
        layout = QVBoxLayout(self)
        layout.addWidget(self._build_toolbar())
        layout.addWidget(self.duplicate_label)
        self.suggestion_label = QLabel(objectName="suggestionNotice", wordWrap=True, visible=False)
        self.suggestion_label.setStyleSheet("background:#e0ecff;color:#1e3a8a;padding:6px;border-radius:4px;")
        layout.addWidget(self.suggestion_label)
        layout.addWidget(self.form, 1)
        layout.addLayout(self._build_note_row())
        self.form.sig_changed.connect(self._refresh_state_label)

    def _build_toolbar(self) -> QToolBar:
        self.toolbar = QToolBar()
        self.save_action = QAction(self.tr("Save"), self, shortcut=QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self._save_triggered)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo field change"))
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo field change"))
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo])
        self.history_action = QAction(self.tr("History…"), self, shortcut=QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_history)
        for action in (self.save_action, self.undo_action, self.redo_action, self.history_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.toolbar.addAction(action)
        # Esc and Ctrl+W close the window like a dialog (closeEvent asks about unsaved changes); not on the toolbar.
        self.close_action = QAction(self.tr("Close"), self)
        self.close_action.setShortcuts([QKeySequence("Ctrl+W"), QKeySequence(Qt.Key.Key_Escape)])
        self.close_action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        self.close_action.triggered.connect(self.close)
        self.addAction(self.close_action)
        self.toolbar.addSeparator()
        self.workflow_box = WorkflowButtons()
        self.workflow_box.sig_action.connect(self.run_action)
        self.toolbar.addWidget(self.workflow_box)
        self.role_label = QLabel(objectName="hint")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.role_label)
        return self.toolbar

    def _build_note_row(self) -> QHBoxLayout:
        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("What changed and why (kept in the history)"))
        self.note_edit.textChanged.connect(self._refresh_state_label)
        self.state_label = QLabel(objectName="hint")
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Change note")))
        bottom.addWidget(self.note_edit, 1)
        bottom.addWidget(self.state_label)
        return bottom

    # --- the form and what is saved -------------------------------------------------------------------------------
    @property
    def kind(self) -> Kind:
        return self.form.kind

    def state(self) -> dict[str, Any]:
        return self.form.state()

    def record_structured_change(self) -> None:
        self.form.record_structured_change()

    def update_preview(self) -> None:
        self.form.update_preview()

    def load(self, article: Article | None, kind: Kind = Kind.CASE, state: dict[str, Any] | None = None) -> None:
        """Fill the form from an article (or an autosaved ``state``)."""
        self.form.fill(state if state is not None else self._article_state(article, kind))
        self._saved_state = self._article_state(article, kind) if article is not None else self.state()
        self._refresh_workflow()
        self._refresh_state_label()

    def _article_state(self, article: Article | None, kind: Kind) -> dict[str, Any]:
        if article is None:
            return {"kind": kind.value, "title": "", "body": "", "fields": {}, "group": "", "tags": [],
                    "owner": self.desk.settings.user_name, "phrasings": [],
                    "review_interval_days": self.desk.curation.default_interval(kind)}
        return {"kind": article.kind.value, "title": article.title, "body": article.body,
                "fields": {k: v for k, v in article.fields.items() if k in KIND_FIELDS[article.kind]},
                "group": article.group, "tags": list(article.tags), "owner": article.owner,
                "phrasings": list(article.phrasings), "review_interval_days": article.review_interval_days}

    def is_dirty(self) -> bool:
        return normalised_state(self.state()) != normalised_state(self._saved_state)

    def build_article(self) -> Article:
        state = self.state()
        base = self.article or Article(kind=self.kind, title="", status=Status.DRAFT)
        other_fields = {k: v for k, v in base.fields.items() if not any(k in f for f in KIND_FIELDS.values())}
        return base.with_changes(
            kind=self.kind, title=state["title"].strip(), body=state["body"], fields=other_fields | state["fields"],
            group=state["group"], tags=state["tags"], owner=state["owner"], phrasings=state["phrasings"],
            review_interval_days=state["review_interval_days"],
        )

    def _refresh_state_label(self) -> None:
        dirty = self.is_dirty()
        title = self.title_edit.text().strip() or self.tr("New article")
        # The platform appends " — Deskbook" (the application's display name) to the title.
        self.setWindowTitle(("● " if dirty else "") + title + " — " + self.tr("Article editor"))
        if self.article is None:
            self.status_label.setText(self.tr("Not saved yet"))
        else:
            self.status_label.setText(f"{self.article.status.label_zh} · v{self.article.version}")
        if self._saving:
            self.state_label.setText(self.tr("Saving…"))
        elif dirty:
            self.state_label.setText(self.tr("Unsaved changes"))
        else:
            saved = self.tr("Suggestion sent") if self.suggestion_label.isVisibleTo(self) else self.tr("Saved")
            self.state_label.setText(saved if self.article is not None else "")

    # --- autosave -------------------------------------------------------------------------------------------------
    def autosave(self) -> None:
        self.buffer.autosave()

    def _unsaved_state(self) -> dict[str, Any] | None:
        """What the buffer keeps: the form, while it has changes no save under way will write."""
        return self.state() if self.is_dirty() and not self._saving else None

    def _offer_buffer(self) -> None:
        data = self.buffer.offer(self, self.article is None, self._saved_state)
        if data is not None:
            saved = self._saved_state
            self.load(self.article, Kind(data.get("kind", "case")), state=data)
            self._saved_state = saved  # restored text is unsaved until the user saves it
            self._refresh_state_label()

    # --- saving and workflow --------------------------------------------------------------------------------------
    def save(self, then: Callable[[], None] | None = None) -> bool:
        """Start saving (off the GUI thread); ``then`` runs once saved. False when nothing was started: the title
        is missing, or a save is already under way."""
        if self._saving:
            return False
        if not self.title_edit.text().strip():
            QMessageBox.warning(self, self.tr("Title missing"), self.tr("Give the article a title before saving."))
            self.title_edit.setFocus()
            return False
        self.record_structured_change()
        article, is_new = self.build_article(), self.article is None
        if problems := (script_template_problems(article.fields) if article.kind is Kind.SCRIPT else []):
            # Said at once, naming the field or variant and the line; the core refuses the same save anyway.
            QMessageBox.warning(self, self.tr("The script cannot be saved"), "；".join(problems) + "。")
            return False
        author, note = self.desk.settings.user_name, self.note_edit.text().strip()
        desk, buffer_key = self.desk, self.buffer.key

        def write() -> SavedEdit:
            # An agent's edit of a published article becomes a suggestion for an owner (desk.save_edit decides).
            saved = (SavedEdit(desk.create_article(article, author, note or "created")) if is_new
                     else desk.save_edit(article, author, note))
            desk.curation.buffers.discard(buffer_key)
            return saved

        self._start_write(write, note, then)
        return True

    def _save_triggered(self) -> None:
        self.save()  # not connected directly: the action's "checked" argument is no ``then``

    def _start_write(self, write: Callable[[], Article | SavedEdit], note: str,
                     then: Callable[[], None] | None) -> None:
        self._saving, self._after_saved = True, then
        self._refresh_state_label()
        self.context.runner.write(write, lambda saved: self._after_save(saved, note), self._write_failed,
                                  busy=(self.save_action, self.workflow_box), owner=self)

    def _write_failed(self, error: BaseException, details: str) -> None:
        from app.ui.errors import show_error

        self._saving, self._after_saved, self._close_when_saved = False, None, False
        self._refresh_state_label()
        show_error(self, error, details)

    def _after_save(self, outcome: Article | SavedEdit, note: str = "") -> None:
        then, self._saving, self._after_saved = self._after_saved, False, None
        suggested = isinstance(outcome, SavedEdit) and outcome.suggested
        saved = outcome.article if isinstance(outcome, SavedEdit) else outcome
        self.article = saved
        self.buffer.key = f"article:{saved.id}"
        # A suggestion keeps the published article as it is: the form keeps the text the owner will decide on.
        self._saved_state = self.state() if suggested else self._article_state(saved, saved.kind)
        self.suggestion_label.setText(suggestion_notice(outcome) if suggested else "")
        self.suggestion_label.setVisible(suggested)
        if self.note_edit.text().strip() == note:  # a note typed while the save ran is for the next one
            self.note_edit.clear()
        self._refresh_workflow()
        self._refresh_state_label()
        self.check_duplicates()
        self.sig_saved.emit(saved.id)
        self.context.nav.sig_data_changed.emit()
        self.context.nav.sig_status.emit(
            (self.tr("Your edit of “%1” is waiting for a KB owner.") if suggested else self.tr("Saved “%1”."))
            .replace("%1", saved.title))
        if then is not None and not suggested:  # an action would apply to the published article, not the edit
            then()
        elif self._close_when_saved:
            self.close()

    def check_duplicates(self) -> None:
        """Look for duplicates off the GUI thread (a large KB takes a second); the warning appears when done."""
        article = self.article or self.build_article()
        self.context.runner.run(lambda: self.desk.curation.duplicates_of(article), self._show_duplicates,
                                lambda _error, _details: None)

    def _show_duplicates(self, candidates: list) -> None:
        if not shiboken6.isValid(self):  # closed while the check ran
            return
        if not candidates:
            self.duplicate_label.hide()
            return
        links = "、".join(
            f'<a href="deskbook://article/{c.id}">{html.escape(c.title)}</a>'
            + ("" if c.reason == "same_title" else f" ({c.score:.0%})")
            for c in candidates
        )
        self.duplicate_label.setText(self.tr("Possible duplicates: %1").replace("%1", links))
        self.duplicate_label.show()

    def _open_link(self, url: str) -> None:
        self.context.nav.sig_open_article.emit(url.rsplit("/", 1)[-1])

    @property
    def workflow_buttons(self) -> dict[Action, QPushButton]:
        return self.workflow_box.buttons

    def _refresh_workflow(self) -> None:
        role = self.desk.curation.role
        self.role_label.setText(self.tr("Role: %1").replace("%1", role_name(role.value)))
        status = self.article.status if self.article else Status.DRAFT
        kind = self.article.kind if self.article else self.kind
        self.workflow_box.show_for(role, status, kind, saved=self.article is not None)
        suggests = self.article is not None and status is Status.PUBLISHED and not self.desk.curation.publishes(
            self.article)
        self.save_action.setText(save_text(suggests))
        self.save_action.setToolTip(save_tooltip(suggests))
        self.history_action.setEnabled(self.article is not None)

    def run_action(self, action: Action) -> None:
        """Save first when there are changes (or nothing saved yet), then apply the workflow action."""
        if self._saving:
            return
        if self.is_dirty() or self.article is None:
            self.save(then=lambda: self._apply_action(action))
            return
        self._apply_action(action)

    def _apply_action(self, action: Action) -> None:
        assert self.article is not None
        curation, article_id = self.desk.curation, self.article.id
        author, note = self.desk.settings.user_name, self.note_edit.text().strip()
        self._start_write(lambda: curation.apply(article_id, action, author, note), note, None)

    def show_history(self) -> None:
        if self.article is not None:
            self.context.nav.sig_article_history.emit(self.article.id)

    # --- closing ----------------------------------------------------------------------------------------------
    def _data_changed(self) -> None:
        """Another window saved this article (a restored version, a bulk verify, an import): follow it when this
        editor has no changes of its own; otherwise say so, so a save does not silently undo the other change."""
        if not shiboken6.isValid(self) or self.article is None or self._saving:
            return  # while saving, the newer version in the database is this editor's own
        current = self.desk.find_article(self.article.id)
        if current is None or current.version == self.article.version:
            if current is not None:
                self.article = current  # verification and counters change no version
            return
        if not self.is_dirty():
            self.article = current
            self.suggestion_label.hide()  # e.g. an owner published the suggestion: the editor shows the new text
            self.load(current)
            return
        self.article = current
        self.duplicate_label.setText(
            self.tr("This article was changed elsewhere (now version %1). Saving keeps your text as a newer "
                    "version; the history has both.").replace("%1", str(current.version)))
        self.duplicate_label.show()
        self._refresh_workflow()
        self._refresh_state_label()

    def closeEvent(self, event) -> None:
        if self._saving:  # closes when the save is done
            self._close_when_saved = True
            event.ignore()
            return
        if self.is_dirty():
            answer = QMessageBox.question(
                self, self.tr("Unsaved changes"), self.tr("Save the changes to this article before closing?"),
                QMessageBox.StandardButton.Save | QMessageBox.StandardButton.Discard
                | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Save,
            )
            if answer == QMessageBox.StandardButton.Cancel or (
                answer == QMessageBox.StandardButton.Save and not self.save()
            ):
                event.ignore()
                return
            if self._saving:  # the save runs on: the window closes when it is done
                self._close_when_saved = True
                event.ignore()
                return
            self.buffer.discard()
        self.buffer.stop()
        super().closeEvent(event)
