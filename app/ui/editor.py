"""The article editor: every kind with its own fields, a Markdown body with live preview, phrasings as a list.

Safety nets: the form is autosaved to an unsaved-buffer table every few seconds (offered back after a crash),
closing with unsaved changes asks, text fields have their own undo and a QUndoStack covers the other fields
(lists, tables, choices). Workflow buttons follow the local role (they guide; they do not secure).
"""

from __future__ import annotations

import html
import uuid
import weakref
from typing import Any

import shiboken6

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox, QFormLayout, QHBoxLayout, QLabel, QLineEdit, QMessageBox, QPlainTextEdit, QPushButton, QScrollArea,
    QSizePolicy, QSpinBox, QSplitter, QStackedWidget, QTextBrowser, QToolBar, QVBoxLayout, QWidget,
)

from app.model import KIND_FIELDS, Article, Kind, Status
from app.rendering import render_markdown
from app.ui.context import AppContext
from app.ui.editor_widgets import LinesEditor, PairTable, TokenCompleter, split_tokens
from app.curation.workflow import Action

AUTOSAVE_MS = 3000
PREVIEW_DELAY_MS = 250
UNDO_SETTLE_MS = 700

_SINGLE_LINE = {"statement", "resolved_at", "scenario", "trigger"}
_CHOICES = {"channel": ["chat", "phone", "email", "app", "电商平台"], "method": ["SPIN", "5W1H", "专业转述"]}


class _FormChange(QUndoCommand):
    """One settled change of the non-text fields: undo puts the form back as it was before."""

    def __init__(self, editor: "ArticleEditor", before: dict, after: dict):
        super().__init__()
        # A weak reference: the stack belongs to the editor, and a cycle through Qt objects hangs shutdown.
        self.editor, self.before, self.after = weakref.ref(editor), before, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # the change is already on screen when it is pushed
            self._first = False
            return
        editor = self.editor()
        if editor is not None:
            editor.apply_structured(self.after)

    def undo(self) -> None:
        editor = self.editor()
        if editor is not None:
            editor.apply_structured(self.before)


class ArticleEditor(QWidget):
    """Create (``article_id=""``) or edit one article. A top-level window; several may be open."""

    sig_saved = Signal(str)  # article id

    def __init__(self, context: AppContext, article_id: str = "", kind: Kind = Kind.CASE, parent=None, *,
                 ask_restore: bool = True):
        super().__init__(parent, Qt.WindowType.Window)
        self.context, self.desk = context, context.desk
        self.article: Article | None = self.desk.get_article(article_id) if article_id else None
        self.buffer_key = f"article:{self.article.id}" if self.article else f"new:{uuid.uuid4()}"
        self._loading = False
        self._saved_state: dict[str, Any] = {}
        self._structured_state: dict[str, Any] = {}
        self.undo_stack = QUndoStack(self)
        self.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.resize(1180, 820)

        self._build(kind)
        self.load(self.article, kind)
        if ask_restore:
            self._offer_buffer()

        self._preview_generation = 0
        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.autosave_timer = QTimer(self, interval=AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)
        self.autosave_timer.start()
        context.nav.sig_data_changed.connect(self._data_changed)
        self.undo_timer = QTimer(self, singleShot=True, interval=UNDO_SETTLE_MS)
        self.undo_timer.timeout.connect(self.record_structured_change)
        self.update_preview()

    # --- building ---------------------------------------------------------------------------------------------
    def _build(self, kind: Kind) -> None:
        self.title_edit = QLineEdit(objectName="editorTitle")
        self.title_edit.setPlaceholderText(self.tr("Title, as an agent would search for it"))
        self.kind_combo = QComboBox()
        for k in Kind:
            self.kind_combo.addItem(k.label_zh, k.value)
        self.status_label = QLabel(objectName="hint")
        self.group_combo = QComboBox(editable=True)
        self.group_combo.addItems([""] + self.desk.distinct_groups())
        self.group_combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_edit.setCompleter(TokenCompleter(self.desk.distinct_tags(), self.tags_edit))
        self.owner_edit = QLineEdit()
        self.interval_spin = QSpinBox(minimum=1, maximum=3650, suffix=self.tr(" days"))

        meta = QFormLayout()
        meta.addRow(self.tr("Title"), self.title_edit)
        kind_row = QHBoxLayout()
        kind_row.addWidget(self.kind_combo)
        kind_row.addWidget(self.status_label, 1)
        meta.addRow(self.tr("Kind"), kind_row)
        meta.addRow(self.tr("Skill group"), self.group_combo)
        meta.addRow(self.tr("Tags"), self.tags_edit)
        meta.addRow(self.tr("Owner"), self.owner_edit)
        meta.addRow(self.tr("Review every"), self.interval_spin)

        self.field_widgets: dict[Kind, dict[str, QWidget]] = {}
        self.kind_stack = QStackedWidget()
        for k in Kind:
            page, widgets = self._kind_form(k)
            self.field_widgets[k] = widgets
            self.kind_stack.addWidget(page)

        self.phrasings = LinesEditor(self.tr("Add phrasing"), self.tr("Remove"))
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(meta)
        left_layout.addWidget(QLabel(self.tr("<b>Fields of this kind</b>")))
        left_layout.addWidget(self.kind_stack)
        left_layout.addWidget(QLabel(self.tr("<b>Alternate phrasings</b> (相似问: how customers ask it)")))
        left_layout.addWidget(self.phrasings)
        left_layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(left)

        self.body_edit = QPlainTextEdit(objectName="bodyEditor")
        self.body_edit.setPlaceholderText(self.tr("Body in Markdown: **bold**, - lists, 1. steps, | tables |"))
        self.preview = QTextBrowser(objectName="bodyPreview")
        self.preview.setOpenLinks(False)
        right = QSplitter(Qt.Orientation.Vertical)
        body_box = QWidget()
        body_layout = QVBoxLayout(body_box)
        body_layout.setContentsMargins(0, 0, 0, 0)
        body_layout.addWidget(QLabel(self.tr("<b>Body</b> (Markdown)")))
        body_layout.addWidget(self.body_edit)
        preview_box = QWidget()
        preview_layout = QVBoxLayout(preview_box)
        preview_layout.setContentsMargins(0, 0, 0, 0)
        preview_layout.addWidget(QLabel(self.tr("<b>Preview</b>")))
        preview_layout.addWidget(self.preview)
        right.addWidget(body_box)
        right.addWidget(preview_box)

        split = QSplitter(Qt.Orientation.Horizontal)
        split.addWidget(scroll)
        split.addWidget(right)
        split.setSizes([560, 620])

        self.toolbar = QToolBar()
        self.save_action = QAction(self.tr("Save"), self, shortcut=QKeySequence.StandardKey.Save)
        self.save_action.triggered.connect(self.save)
        self.undo_action = self.undo_stack.createUndoAction(self, self.tr("Undo field change"))
        self.undo_action.setShortcuts([QKeySequence.StandardKey.Undo])
        self.redo_action = self.undo_stack.createRedoAction(self, self.tr("Redo field change"))
        self.redo_action.setShortcuts([QKeySequence.StandardKey.Redo])
        self.history_action = QAction(self.tr("History…"), self, shortcut=QKeySequence("Ctrl+H"))
        self.history_action.triggered.connect(self.show_history)
        for action in (self.save_action, self.undo_action, self.redo_action, self.history_action):
            action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
            self.toolbar.addAction(action)
        self.toolbar.addSeparator()
        self.workflow_box = QWidget()
        self.workflow_layout = QHBoxLayout(self.workflow_box)
        self.workflow_layout.setContentsMargins(0, 0, 0, 0)
        self.toolbar.addWidget(self.workflow_box)
        self.role_label = QLabel(objectName="hint")
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        self.toolbar.addWidget(spacer)
        self.toolbar.addWidget(self.role_label)

        self.note_edit = QLineEdit()
        self.note_edit.setPlaceholderText(self.tr("What changed and why (kept in the history)"))
        self.duplicate_label = QLabel(objectName="duplicateWarning", wordWrap=True)
        self.duplicate_label.setTextFormat(Qt.TextFormat.RichText)
        self.duplicate_label.linkActivated.connect(self._open_link)
        self.duplicate_label.setStyleSheet("background:#fff4d6;color:#7a4b00;padding:6px;border-radius:4px;")
        self.duplicate_label.hide()
        self.state_label = QLabel(objectName="hint")
        bottom = QHBoxLayout()
        bottom.addWidget(QLabel(self.tr("Change note")))
        bottom.addWidget(self.note_edit, 1)
        bottom.addWidget(self.state_label)

        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.duplicate_label)
        layout.addWidget(split, 1)
        layout.addLayout(bottom)

        # change tracking
        self.title_edit.textChanged.connect(self._text_changed)
        self.body_edit.textChanged.connect(self._body_changed)
        self.note_edit.textChanged.connect(self._refresh_state_label)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.group_combo.currentTextChanged.connect(self._structured_changed)
        self.tags_edit.textChanged.connect(self._structured_changed)
        self.owner_edit.textChanged.connect(self._structured_changed)
        self.interval_spin.valueChanged.connect(self._structured_changed)
        self.phrasings.sig_changed.connect(self._structured_changed)

    def _kind_form(self, kind: Kind) -> tuple[QWidget, dict[str, QWidget]]:
        from app.model import FIELD_LABELS_ZH

        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        widgets: dict[str, QWidget] = {}
        for name in KIND_FIELDS[kind]:
            label = FIELD_LABELS_ZH.get(name, name)
            if name == "variants":
                widget = PairTable(("名称", "话术"), self.tr("Add variant"), self.tr("Remove"))
                widget.sig_changed.connect(self._structured_changed)
            elif name == "questions":
                widget = PairTable(("分组", "问题"), self.tr("Add question"), self.tr("Remove"))
                widget.sig_changed.connect(self._structured_changed)
            elif name == "restatements":
                widget = PairTable(("客户原话", "标准表述"), self.tr("Add example"), self.tr("Remove"))
                widget.sig_changed.connect(self._structured_changed)
            elif name in _CHOICES:
                widget = QComboBox(editable=True)
                widget.addItems([""] + _CHOICES[name])
                widget.currentTextChanged.connect(self._structured_changed)
            elif name in _SINGLE_LINE:
                widget = QLineEdit()
                if name == "resolved_at":
                    widget.setPlaceholderText("2026-03-18")
                elif name == "trigger":
                    widget.setPlaceholderText(self.tr("e.g. ;tk — typed into the quick palette, opens this script"))
                widget.textChanged.connect(self._text_changed)
            else:
                widget = QPlainTextEdit()
                widget.setTabChangesFocus(True)
                widget.setMinimumHeight(70 if name != "reply" else 110)
                widget.textChanged.connect(self._text_changed)
            widget.setObjectName(f"field_{name}")
            widgets[name] = widget
            form.addRow(label, widget)
        return page, widgets

    # --- form state ---------------------------------------------------------------------------------------------
    @property
    def kind(self) -> Kind:
        return Kind(self.kind_combo.currentData())

    def fields_value(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self.field_widgets[self.kind].items():
            if isinstance(widget, PairTable):
                rows = widget.values()
                if name == "variants":
                    value = {(a or f"变体{i}"): b for i, (a, b) in enumerate(rows, start=1)}
                elif name == "questions":
                    value = [{"group": a, "text": b} for a, b in rows if b.strip()]
                else:
                    value = [{"said": a, "standard": b} for a, b in rows]
            elif isinstance(widget, QComboBox):
                value = widget.currentText().strip()
            elif isinstance(widget, QLineEdit):
                value = widget.text().strip()
            else:
                value = widget.toPlainText()
                value = value if value.strip() else ""
            if value not in ("", [], {}):
                values[name] = value
        return values

    def state(self) -> dict[str, Any]:
        """The whole form as plain data (autosave, dirty check)."""
        return {
            "kind": self.kind.value,
            "title": self.title_edit.text(),
            "body": self.body_edit.toPlainText(),
            "fields": self.fields_value(),
            **self.structured_state(),
        }

    def structured_state(self) -> dict[str, Any]:
        """The fields without their own undo (lists, tables, choices): what the QUndoStack covers."""
        return {
            "kind": self.kind.value,
            "group": self.group_combo.currentText().strip(),
            "tags": split_tokens(self.tags_edit.text()),
            "owner": self.owner_edit.text().strip(),
            "review_interval_days": self.interval_spin.value(),
            "phrasings": self.phrasings.values(),
            "tables": {name: w.values() for name, w in self.field_widgets[self.kind].items()
                       if isinstance(w, PairTable)},
            "choices": {name: w.currentText() for name, w in self.field_widgets[self.kind].items()
                        if isinstance(w, QComboBox)},
        }

    def apply_structured(self, state: dict[str, Any]) -> None:
        self._loading = True
        try:
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(state["kind"])))
            self.kind_stack.setCurrentIndex(self.kind_combo.currentIndex())
            self.group_combo.setCurrentText(state["group"])
            self.tags_edit.setText(", ".join(state["tags"]))
            self.owner_edit.setText(state["owner"])
            self.interval_spin.setValue(state["review_interval_days"])
            self.phrasings.set_values(state["phrasings"])
            widgets = self.field_widgets[Kind(state["kind"])]
            for name, rows in state.get("tables", {}).items():
                widgets[name].set_values([tuple(r) for r in rows])
            for name, text in state.get("choices", {}).items():
                widgets[name].setCurrentText(text)
        finally:
            self._loading = False
        self._structured_state = self.structured_state()
        self._refresh_state_label()

    def load(self, article: Article | None, kind: Kind = Kind.CASE, state: dict[str, Any] | None = None) -> None:
        """Fill the form from an article (or an autosaved ``state``)."""
        self._loading = True
        try:
            if state is None:
                state = self._article_state(article, kind)
            self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(state["kind"])))
            self.kind_stack.setCurrentIndex(self.kind_combo.currentIndex())
            self.title_edit.setText(state["title"])
            self.body_edit.setPlainText(state["body"])
            self.group_combo.setCurrentText(state["group"])
            self.tags_edit.setText(", ".join(state["tags"]))
            self.owner_edit.setText(state["owner"])
            self.interval_spin.setValue(int(state["review_interval_days"]))
            self.phrasings.set_values(list(state["phrasings"]))
            self._set_fields(Kind(state["kind"]), state["fields"])
        finally:
            self._loading = False
        if article is not None or state is not None:
            self._saved_state = self._article_state(article, kind) if article is not None else self.state()
        self._structured_state = self.structured_state()
        self.undo_stack.clear()
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

    def _set_fields(self, kind: Kind, fields: dict[str, Any]) -> None:
        for k, widgets in self.field_widgets.items():
            for name, widget in widgets.items():
                value = fields.get(name) if k is kind else None
                if isinstance(widget, PairTable):
                    if name == "variants":
                        rows = list((value or {}).items())
                    elif name == "questions":
                        rows = [(q.get("group", ""), q.get("text", "")) for q in value or []]
                    else:
                        rows = [(r.get("said", ""), r.get("standard", "")) for r in value or []]
                    widget.set_values(rows)
                elif isinstance(widget, QComboBox):
                    widget.setCurrentText(str(value or ""))
                elif isinstance(widget, QLineEdit):
                    widget.setText(str(value or ""))
                else:
                    widget.setPlainText(str(value or ""))

    def is_dirty(self) -> bool:
        return self._normalised(self.state()) != self._normalised(self._saved_state)

    def _normalised(self, state: dict[str, Any]) -> dict[str, Any]:
        keys = ("kind", "title", "body", "fields", "group", "tags", "owner", "phrasings", "review_interval_days")
        return {k: state.get(k) for k in keys} | {"title": (state.get("title") or "").strip()}

    # --- change tracking ----------------------------------------------------------------------------------------
    def _text_changed(self, *_args) -> None:
        if not self._loading:
            self._refresh_state_label()

    def _body_changed(self) -> None:
        if not self._loading:
            self.preview_timer.start()
            self._refresh_state_label()

    def _structured_changed(self, *_args) -> None:
        if not self._loading:
            self.undo_timer.start()
            self._refresh_state_label()

    def _kind_changed(self, index: int) -> None:
        if self._loading:
            return
        self.kind_stack.setCurrentIndex(index)
        self.record_structured_change()

    def record_structured_change(self) -> None:
        """Push one undo step if the non-text fields differ from the last recorded state."""
        self.undo_timer.stop()
        current = self.structured_state()
        if current != self._structured_state:
            self.undo_stack.push(_FormChange(self, self._structured_state, current))
            self._structured_state = current
        self._refresh_state_label()

    def _refresh_state_label(self) -> None:
        dirty = self.is_dirty()
        title = self.title_edit.text().strip() or self.tr("New article")
        self.setWindowTitle(("● " if dirty else "") + title + " — " + self.tr("Deskbook editor"))
        if self.article is None:
            self.status_label.setText(self.tr("Not saved yet"))
        else:
            self.status_label.setText(f"{self.article.status.label_zh} · v{self.article.version}")
        if dirty:
            self.state_label.setText(self.tr("Unsaved changes"))
        else:
            self.state_label.setText(self.tr("Saved") if self.article is not None else "")
        self.kind_combo.setEnabled(True)

    def update_preview(self) -> None:
        """Lay the body out off the GUI thread (Markdown can be slow on odd input); only the newest result shows."""
        self._preview_generation += 1
        generation, text = self._preview_generation, self.body_edit.toPlainText()

        def show(html: str) -> None:
            if generation == self._preview_generation:
                self.preview.setHtml(html)

        self.context.runner.run(lambda: render_markdown(text), show, lambda _e, _d: None)

    # --- autosave -------------------------------------------------------------------------------------------------
    def autosave(self) -> None:
        if self.is_dirty():
            self.desk.curation.buffers.save(self.buffer_key, self.state(), self.desk.clock())

    def _offer_buffer(self) -> None:
        key = self.buffer_key
        if self.article is None:
            # a new article has no id yet: offer the newest unsaved new article
            key = next((k for k in self.desk.curation.buffers.keys() if k.startswith("new:")), None)
            if key is None:
                return
        found = self.desk.curation.buffers.load(key)
        if found is None:
            return
        data, saved_at = found
        if self._normalised(data) == self._normalised(self._saved_state):
            self.desk.curation.buffers.discard(key)
            return
        when = saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
        answer = QMessageBox.question(
            self, self.tr("Unsaved changes found"),
            self.tr("This article has changes from %1 that were never saved (the app may have closed "
                    "unexpectedly). Restore them?").replace("%1", when),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.buffer_key = key
            saved = self._saved_state
            self.load(self.article, Kind(data.get("kind", "case")), state=data)
            self._saved_state = saved  # restored text is unsaved until the user saves it
            self._refresh_state_label()
        else:
            self.desk.curation.buffers.discard(key)

    # --- saving and workflow --------------------------------------------------------------------------------------
    def build_article(self) -> Article:
        state = self.state()
        base = self.article or Article(kind=self.kind, title="", status=Status.DRAFT)
        other_fields = {k: v for k, v in base.fields.items() if not any(k in f for f in KIND_FIELDS.values())}
        return base.with_changes(
            kind=self.kind, title=state["title"].strip(), body=state["body"], fields=other_fields | state["fields"],
            group=state["group"], tags=state["tags"], owner=state["owner"], phrasings=state["phrasings"],
            review_interval_days=state["review_interval_days"],
        )

    def save(self) -> bool:
        if not self.title_edit.text().strip():
            QMessageBox.warning(self, self.tr("Title missing"), self.tr("Give the article a title before saving."))
            self.title_edit.setFocus()
            return False
        self.record_structured_change()
        article = self.build_article()
        author, note = self.desk.settings.user_name, self.note_edit.text().strip()
        if self.article is None:
            saved = self.desk.create_article(article, author, note or "created")
        else:
            saved = self.desk.update_article(article, author, note)
        self._after_save(saved)
        return True

    def _after_save(self, saved: Article) -> None:
        self.desk.curation.buffers.discard(self.buffer_key)
        self.article = saved
        self.buffer_key = f"article:{saved.id}"
        self._saved_state = self._article_state(saved, saved.kind)
        self.note_edit.clear()
        self._refresh_workflow()
        self._refresh_state_label()
        self.check_duplicates()
        self.sig_saved.emit(saved.id)
        self.context.nav.sig_data_changed.emit()
        self.context.nav.sig_status.emit(self.tr("Saved “%1”.").replace("%1", saved.title))

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

    _ACTION_TEXTS = {
        Action.SUBMIT: QT_TRANSLATE_NOOP("ArticleEditor", "Submit for review"),
        Action.PUBLISH: QT_TRANSLATE_NOOP("ArticleEditor", "Publish"),
        Action.RETURN: QT_TRANSLATE_NOOP("ArticleEditor", "Return to draft"),
        Action.UNPUBLISH: QT_TRANSLATE_NOOP("ArticleEditor", "Unpublish"),
        Action.ARCHIVE: QT_TRANSLATE_NOOP("ArticleEditor", "Archive"),
        Action.REOPEN: QT_TRANSLATE_NOOP("ArticleEditor", "Reopen"),
        Action.VERIFY: QT_TRANSLATE_NOOP("ArticleEditor", "Verify"),
    }

    def _refresh_workflow(self) -> None:
        while self.workflow_layout.count():
            item = self.workflow_layout.takeAt(0)
            if item.widget() is not None:
                item.widget().deleteLater()
        self.workflow_buttons: dict[Action, QPushButton] = {}
        role = self.desk.curation.role
        self.role_label.setText(self.tr("Role: %1").replace("%1", _role_name(self, role.value)))
        status = self.article.status if self.article else Status.DRAFT
        kind = self.article.kind if self.article else self.kind
        from app.curation.workflow import may

        for action, text in self._ACTION_TEXTS.items():
            if not may(role, action, status, kind):
                continue
            if self.article is None and action not in (Action.SUBMIT, Action.PUBLISH):
                continue
            button = QPushButton(self.tr(text), objectName=f"workflow_{action.value}")
            button.clicked.connect(lambda _c=False, a=action: self.run_action(a))
            self.workflow_layout.addWidget(button)
            self.workflow_buttons[action] = button
        self.history_action.setEnabled(self.article is not None)

    def run_action(self, action: Action) -> None:
        if self.is_dirty() or self.article is None:
            if not self.save():
                return
        author = self.desk.settings.user_name
        updated = self.desk.curation.apply(self.article.id, action, author, self.note_edit.text().strip())
        self._after_save(updated)

    def show_history(self) -> None:
        if self.article is not None:
            self.context.nav.sig_article_history.emit(self.article.id)

    # --- closing ----------------------------------------------------------------------------------------------
    def _data_changed(self) -> None:
        """Another window saved this article (a restored version, a bulk verify, an import): follow it when this
        editor has no changes of its own; otherwise say so, so a save does not silently undo the other change."""
        if not shiboken6.isValid(self) or self.article is None:
            return
        current = self.desk.find_article(self.article.id)
        if current is None or current.version == self.article.version:
            if current is not None:
                self.article = current  # verification and counters change no version
            return
        if not self.is_dirty():
            self.article = current
            self.load(current)
            return
        self.article = current
        self.duplicate_label.setText(
            self.tr("This article was changed elsewhere (now version %1). Saving keeps your text as a newer "
                    "version; the history has both.").replace("%1", str(current.version)))
        self.duplicate_label.show()
        self._refresh_workflow()
        self._refresh_state_label()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
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
            self.desk.curation.buffers.discard(self.buffer_key)
        self.autosave_timer.stop()
        super().closeEvent(event)


def _role_name(widget: QWidget, role: str) -> str:
    names = {"agent": QCoreApplication.translate("ArticleEditor", "Agent"),
             "owner": QCoreApplication.translate("ArticleEditor", "KB owner"),
             "trainer": QCoreApplication.translate("ArticleEditor", "Trainer")}
    return names.get(role, role)
