"""The article editor's form: the fields every kind has, the fields of its kind, phrasings, the Markdown body with a
live preview, and undo for the fields without their own (lists, tables, choices).

The form holds no article and saves nothing: it turns its fields into plain data (:meth:`ArticleForm.state`) and
back (:meth:`ArticleForm.fill`); the editor window decides what is saved and when.
"""

from __future__ import annotations

import weakref
from typing import Any

import shiboken6
from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSpinBox,
    QSplitter,
    QStackedWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.model import CHANNEL_LABELS_ZH, FIELD_LABELS_ZH, KIND_FIELDS, Kind, channel_code, channel_label
from app.rendering import render_markdown
from app.ui.editor_widgets import LinesEditor, PairTable, TokenCompleter, split_tokens
from app.ui.tasks import TaskRunner

PREVIEW_DELAY_MS = 250
UNDO_SETTLE_MS = 700

_SINGLE_LINE = {"statement", "resolved_at", "scenario", "trigger"}
# A script's channel is stored as a code (chat, phone …) and shown in Chinese (在线聊天, 电话 …).
_CHOICES = {"channel": [*CHANNEL_LABELS_ZH.values(), "电商平台"], "method": ["SPIN", "5W1H", "专业转述"]}
_COMPARED = ("kind", "title", "body", "fields", "group", "tags", "owner", "phrasings", "review_interval_days")


def normalised_state(state: dict[str, Any]) -> dict[str, Any]:
    """What decides whether two states of the form differ for the user (the dirty check, a buffer worth offering)."""
    return {k: state.get(k) for k in _COMPARED} | {"title": (state.get("title") or "").strip()}


class _FormChange(QUndoCommand):
    """One settled change of the non-text fields: undo puts the form back as it was before."""

    def __init__(self, form: ArticleForm, before: dict, after: dict):
        super().__init__()
        # A weak reference: the stack belongs to the form, and a cycle through Qt objects hangs shutdown.
        self.form, self.before, self.after = weakref.ref(form), before, after
        self._first = True

    def redo(self) -> None:
        if self._first:  # the change is already on screen when it is pushed
            self._first = False
            return
        form = self.form()
        if form is not None:
            form.apply_structured(self.after)

    def undo(self) -> None:
        form = self.form()
        if form is not None:
            form.apply_structured(self.before)


class ArticleForm(QSplitter):
    """The fields on the left, the body and its preview on the right. ``sig_changed``: the user changed something."""

    sig_changed = Signal()

    def __init__(self, groups: list[str], tags: list[str], runner: TaskRunner, parent: QWidget | None = None):
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.runner = runner
        self._preview_generation = 0
        self._loading = False
        self._structured_state: dict[str, Any] = {}
        self.undo_stack = QUndoStack(self)
        self.preview_timer = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self.preview_timer.timeout.connect(self.update_preview)
        self.undo_timer = QTimer(self, singleShot=True, interval=UNDO_SETTLE_MS)
        self.undo_timer.timeout.connect(self.record_structured_change)
        self.addWidget(self._build_fields(groups, tags))
        self.addWidget(self._build_body())
        self.setSizes([560, 620])
        self._track_changes()

    # --- building ---------------------------------------------------------------------------------------------
    def _build_fields(self, groups: list[str], tags: list[str]) -> QScrollArea:
        self.phrasings = LinesEditor(self.tr("Add phrasing"), self.tr("Remove"))
        self.field_widgets: dict[Kind, dict[str, QWidget]] = {}
        self.kind_stack = QStackedWidget()
        for k in Kind:
            page, widgets = self._kind_form(k)
            self.field_widgets[k] = widgets
            self.kind_stack.addWidget(page)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.addLayout(self._build_meta(groups, tags))
        left_layout.addWidget(QLabel(self.tr("<b>Fields of this kind</b>")))
        left_layout.addWidget(self.kind_stack)
        left_layout.addWidget(QLabel(self.tr("<b>Alternate phrasings</b> (相似问: how customers ask it)")))
        left_layout.addWidget(self.phrasings)
        left_layout.addStretch(1)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(left)
        return scroll

    def _build_meta(self, groups: list[str], tags: list[str]) -> QFormLayout:
        self.title_edit = QLineEdit(objectName="editorTitle")
        self.title_edit.setPlaceholderText(self.tr("Title, as an agent would search for it"))
        self.kind_combo = QComboBox()
        for k in Kind:
            self.kind_combo.addItem(k.label_zh, k.value)
        self.status_label = QLabel(objectName="hint")
        self.group_combo = QComboBox(editable=True)
        self.group_combo.addItems([""] + groups)
        self.group_combo.completer().setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.tags_edit = QLineEdit()
        self.tags_edit.setPlaceholderText(self.tr("Tags, separated by commas"))
        self.tags_edit.setCompleter(TokenCompleter(tags, self.tags_edit))
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
        return meta

    def _build_body(self) -> QSplitter:
        self.body_edit = QPlainTextEdit(objectName="bodyEditor")
        self.body_edit.setPlaceholderText(self.tr("Body in Markdown: **bold**, - lists, 1. steps, | tables |"))
        self.preview = QTextBrowser(objectName="bodyPreview")
        self.preview.setOpenLinks(False)
        right = QSplitter(Qt.Orientation.Vertical)
        for title, widget in ((self.tr("<b>Body</b> (Markdown)"), self.body_edit),
                              (self.tr("<b>Preview</b>"), self.preview)):
            box = QWidget()
            box_layout = QVBoxLayout(box)
            box_layout.setContentsMargins(0, 0, 0, 0)
            box_layout.addWidget(QLabel(title))
            box_layout.addWidget(widget)
            right.addWidget(box)
        return right

    def _kind_form(self, kind: Kind) -> tuple[QWidget, dict[str, QWidget]]:
        page = QWidget()
        form = QFormLayout(page)
        form.setContentsMargins(0, 0, 0, 0)
        widgets: dict[str, QWidget] = {}
        for name in KIND_FIELDS[kind]:
            widget = self._field_widget(name)
            widget.setObjectName(f"field_{name}")
            widgets[name] = widget
            form.addRow(FIELD_LABELS_ZH.get(name, name), widget)
        return page, widgets

    def _field_widget(self, name: str) -> QWidget:
        tables = {"variants": (("名称", "话术"), self.tr("Add variant")),
                  "questions": (("分组", "问题"), self.tr("Add question")),
                  "restatements": (("客户原话", "标准表述"), self.tr("Add example"))}
        if name in tables:
            headers, add_text = tables[name]
            table = PairTable(headers, add_text, self.tr("Remove"))
            table.sig_changed.connect(self._structured_changed)
            return table
        if name in _CHOICES:
            combo = QComboBox(editable=True)
            combo.addItems([""] + _CHOICES[name])
            combo.currentTextChanged.connect(self._structured_changed)
            return combo
        if name in _SINGLE_LINE:
            line = QLineEdit()
            if name == "resolved_at":
                line.setPlaceholderText("2026-03-18")
            elif name == "trigger":
                line.setPlaceholderText(self.tr("e.g. ;tk — typed into the quick palette, opens this script"))
            line.textChanged.connect(self._text_changed)
            return line
        text = QPlainTextEdit()
        text.setTabChangesFocus(True)
        text.setMinimumHeight(70 if name != "reply" else 110)
        text.textChanged.connect(self._text_changed)
        return text

    def _track_changes(self) -> None:
        self.title_edit.textChanged.connect(self._text_changed)
        self.body_edit.textChanged.connect(self._body_changed)
        self.kind_combo.currentIndexChanged.connect(self._kind_changed)
        self.group_combo.currentTextChanged.connect(self._structured_changed)
        self.tags_edit.textChanged.connect(self._structured_changed)
        self.owner_edit.textChanged.connect(self._structured_changed)
        self.interval_spin.valueChanged.connect(self._structured_changed)
        self.phrasings.sig_changed.connect(self._structured_changed)

    # --- state as plain data ------------------------------------------------------------------------------------
    @property
    def kind(self) -> Kind:
        return Kind(self.kind_combo.currentData())

    def fields_value(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for name, widget in self.field_widgets[self.kind].items():
            value = _widget_value(name, widget)
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
        widgets = self.field_widgets[self.kind]
        return {
            "kind": self.kind.value,
            "group": self.group_combo.currentText().strip(),
            "tags": split_tokens(self.tags_edit.text()),
            "owner": self.owner_edit.text().strip(),
            "review_interval_days": self.interval_spin.value(),
            "phrasings": self.phrasings.values(),
            "tables": {name: w.values() for name, w in widgets.items() if isinstance(w, PairTable)},
            "choices": {name: w.currentText() for name, w in widgets.items() if isinstance(w, QComboBox)},
        }

    def apply_structured(self, state: dict[str, Any]) -> None:
        self._loading = True
        try:
            self._set_kind(state["kind"])
            self._set_common(state)
            widgets = self.field_widgets[Kind(state["kind"])]
            for name, rows in state.get("tables", {}).items():
                widgets[name].set_values([tuple(r) for r in rows])
            for name, text in state.get("choices", {}).items():
                widgets[name].setCurrentText(text)
        finally:
            self._loading = False
        self._structured_state = self.structured_state()
        self.sig_changed.emit()

    def fill(self, state: dict[str, Any]) -> None:
        """Show ``state`` (an article's, or an autosaved one) as the starting point: the undo history starts here."""
        self._loading = True
        try:
            self._set_kind(state["kind"])
            self.title_edit.setText(state["title"])
            self.body_edit.setPlainText(state["body"])
            self._set_common(state)
            self._set_fields(Kind(state["kind"]), state["fields"])
        finally:
            self._loading = False
        self._structured_state = self.structured_state()
        self.undo_stack.clear()

    def _set_kind(self, kind: str) -> None:
        self.kind_combo.setCurrentIndex(max(0, self.kind_combo.findData(kind)))
        self.kind_stack.setCurrentIndex(self.kind_combo.currentIndex())

    def _set_common(self, state: dict[str, Any]) -> None:
        self.group_combo.setCurrentText(state["group"])
        self.tags_edit.setText(", ".join(state["tags"]))
        self.owner_edit.setText(state["owner"])
        self.interval_spin.setValue(int(state["review_interval_days"]))
        self.phrasings.set_values(list(state["phrasings"]))

    def _set_fields(self, kind: Kind, fields: dict[str, Any]) -> None:
        for k, widgets in self.field_widgets.items():
            for name, widget in widgets.items():
                _set_widget_value(name, widget, fields.get(name) if k is kind else None)

    # --- change tracking ----------------------------------------------------------------------------------------
    def _text_changed(self, *_args) -> None:
        if not self._loading:
            self.sig_changed.emit()

    def _body_changed(self) -> None:
        if not self._loading:
            self.preview_timer.start()
            self.sig_changed.emit()

    def _structured_changed(self, *_args) -> None:
        if not self._loading:
            self.undo_timer.start()
            self.sig_changed.emit()

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
        self.sig_changed.emit()

    def update_preview(self) -> None:
        """Lay the body out off the GUI thread (Markdown can be slow on odd input); only the newest result shows."""
        self._preview_generation += 1
        generation, text = self._preview_generation, self.body_edit.toPlainText()
        self.runner.run(lambda: render_markdown(text), lambda html: self._show_preview(generation, html),
                        lambda _e, _d: None)

    def _show_preview(self, generation: int, html: str) -> None:
        if generation == self._preview_generation and shiboken6.isValid(self):
            self.preview.setHtml(html)


def _widget_value(name: str, widget: QWidget) -> Any:
    if isinstance(widget, PairTable):
        rows = widget.values()
        if name == "variants":
            return {(a or f"变体{i}"): b for i, (a, b) in enumerate(rows, start=1)}
        if name == "questions":
            return [{"group": a, "text": b} for a, b in rows if b.strip()]
        return [{"said": a, "standard": b} for a, b in rows]
    if isinstance(widget, QComboBox):
        return channel_code(widget.currentText()) if name == "channel" else widget.currentText().strip()
    if isinstance(widget, QLineEdit):
        return widget.text().strip()
    assert isinstance(widget, QPlainTextEdit)
    value = widget.toPlainText()
    return value if value.strip() else ""


def _set_widget_value(name: str, widget: QWidget, value: Any) -> None:
    if isinstance(widget, PairTable):
        if name == "variants":
            rows = list((value or {}).items())
        elif name == "questions":
            rows = [(q.get("group", ""), q.get("text", "")) for q in value or []]
        else:
            rows = [(r.get("said", ""), r.get("standard", "")) for r in value or []]
        widget.set_values(rows)
    elif isinstance(widget, QComboBox):
        widget.setCurrentText(channel_label(str(value or "")) if name == "channel" else str(value or ""))
    elif isinstance(widget, QLineEdit):
        widget.setText(str(value or ""))
    elif isinstance(widget, QPlainTextEdit):
        widget.setPlainText(str(value or ""))
