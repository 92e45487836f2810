"""A reply script, filled and copied: a form built from the script's own placeholders and a live preview.

Keyboard: Tab moves through the fields, Alt+1…9 picks a variant (F2 cycles), Ctrl+Enter copies the filled text and
counts a use. A value still missing is shown as 【名称】 in the preview; copying then asks for a second Ctrl+Enter.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from datetime import datetime, timedelta
from html import escape

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QKeySequence, QPainter, QPen, QPixmap, QShortcut
from PySide6.QtWidgets import (
    QCalendarWidget, QFormLayout, QFrame, QHBoxLayout, QLabel, QLineEdit, QMenu, QPushButton, QScrollArea,
    QTabBar, QTextBrowser, QToolButton, QVBoxLayout, QWidget, QWidgetAction,
)

from app.model import Article, channel_label
from app.ui.context import AppContext
from app.ui.style import PALETTE

if TYPE_CHECKING:
    from app.templates.placeholders import Filled, Placeholder, TemplateProblem



def _when_text(moment: datetime, with_time: bool = True) -> str:
    """Dates go into Chinese replies, so they are written the Chinese way whatever the UI language."""
    text = f"{moment.month}月{moment.day}日"
    return f"{text} {moment:%H:%M}" if with_time else text


def calendar_icon(size: int = 32) -> QIcon:
    """A small calendar drawn in code: emoji fonts are not installed everywhere."""
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setPen(QPen(QColor("#52606d"), size / 16))
    painter.setBrush(QColor("#ffffff"))
    painter.drawRoundedRect(QRectF(size * 0.12, size * 0.2, size * 0.76, size * 0.68), 3, 3)
    painter.fillRect(QRectF(size * 0.12, size * 0.2, size * 0.76, size * 0.2), QColor("#1d4ed8"))
    painter.setPen(Qt.PenStyle.NoPen)
    painter.setBrush(QColor("#52606d"))
    for row in range(2):
        for col in range(3):
            painter.drawRect(QRectF(size * (0.24 + col * 0.2), size * (0.5 + row * 0.17), size * 0.1, size * 0.1))
    painter.end()
    return QIcon(pixmap)


class DateButton(QToolButton):
    """Quick choices (today 18:00, tomorrow …) and a calendar for time-like fields; the field stays free text."""

    def __init__(self, target: QLineEdit, parent=None):
        super().__init__(parent)
        self.target = target
        self.setIcon(calendar_icon())
        self.setToolTip(self.tr("Pick a date or time"))
        self.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(self)
        now = datetime.now()
        today_18 = now.replace(hour=18, minute=0, second=0, microsecond=0)
        choices = [
            (self.tr("In 2 hours"), "2小时"),
            (self.tr("In 24 hours"), "24小时"),
            (self.tr("Today 18:00"), "今天18:00"),
            (self.tr("Tomorrow 12:00"), "明天12:00"),
            (self.tr("Tomorrow 18:00"), _when_text(today_18 + timedelta(days=1))),
        ]
        for label, value in choices:
            menu.addAction(f"{label}  —  {value}", lambda v=value: self._put(v))
        menu.addSeparator()
        calendar = QCalendarWidget()
        calendar.setMinimumDate(QDate.currentDate())
        calendar.clicked.connect(lambda d: (self._put(f"{d.month()}月{d.day()}日"), menu.close()))
        holder = QWidgetAction(menu)
        holder.setDefaultWidget(calendar)
        menu.addAction(holder)
        self.setMenu(menu)

    def _put(self, value: str) -> None:
        self.target.setText(value)
        self.target.setFocus()


class ScriptPanel(QWidget):
    sig_copied = Signal(str, str)  # article id, copied text

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.article: Article | None = None
        self.variants: list[tuple[str, str]] = []
        self.values: dict[str, str] = {}
        self.editors: dict[str, QLineEdit] = {}
        self.placeholders: list[Placeholder] = []
        self._filled: Filled | None = None
        self._confirm_incomplete = False

        self.title = QLabel(objectName="pageTitle", wordWrap=True)
        self.meta = QLabel(objectName="hint", wordWrap=True)
        self.note = QLabel(wordWrap=True, objectName="hint")
        self.tabs = QTabBar(expanding=False, drawBase=False)
        self.tabs.currentChanged.connect(self._variant_changed)
        self.tab_hint = QLabel(self.tr("Alt+1…9 or F2 switches"), objectName="hint")

        self.form_host = QFrame(objectName="card")
        self.form = QFormLayout(self.form_host)
        self.form.setContentsMargins(14, 12, 14, 12)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(8)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

        self.preview = QTextBrowser(objectName="preview")
        self.preview.setOpenLinks(False)
        self.preview.document().setDocumentMargin(14)
        self.preview.setMinimumHeight(130)
        self.state = QLabel(wordWrap=True)
        self.copy_button = QPushButton(self.tr("Copy reply  (Ctrl+Enter)"), objectName="primary")
        self.copy_button.clicked.connect(self.copy)

        tabs_row = QHBoxLayout()
        tabs_row.addWidget(self.tabs)
        tabs_row.addStretch(1)
        tabs_row.addWidget(self.tab_hint)
        bottom = QHBoxLayout()
        bottom.addWidget(self.state, 1)
        bottom.addWidget(self.copy_button)

        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(18, 16, 18, 16)
        column.setSpacing(10)
        column.addWidget(self.title)
        column.addWidget(self.meta)
        column.addWidget(self.note)
        column.addLayout(tabs_row)
        column.addWidget(self.form_host)
        column.addWidget(QLabel(self.tr("Preview"), objectName="sectionTitle"))
        column.addWidget(self.preview, 1)
        column.addLayout(bottom)
        scroll = QScrollArea(widgetResizable=True)
        scroll.setWidget(inner)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(scroll)

        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.copy, context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("F2"), self, self.next_variant, context=Qt.ShortcutContext.WindowShortcut)
        for number in range(1, 10):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self.select_variant(n - 1),
                      context=Qt.ShortcutContext.WindowShortcut)

    # --- showing a script ------------------------------------------------------------------------------------
    def show_script(self, article: Article) -> None:
        if self.article is None or self.article.id != article.id:
            self.values = {}
        self.article = article
        self.title.setText(article.title)
        channel = channel_label(article.field_text("channel"))
        self.meta.setText(" · ".join(x for x in [article.field_text("scenario"), channel, article.group] if x))
        self.note.setText(article.body)
        self.note.setVisible(bool(article.body.strip()))
        reply = article.field_text("reply") or article.body
        variants = article.fields.get("variants") or {}
        self.variants = [(self.tr("Standard"), reply)]
        if isinstance(variants, dict):
            self.variants += [(str(k), str(v)) for k, v in variants.items() if str(v).strip()]
        self.tabs.blockSignals(True)
        while self.tabs.count():
            self.tabs.removeTab(0)
        for number, (name, _text) in enumerate(self.variants, start=1):
            self.tabs.addTab(f"{name}  Alt+{number}" if number <= 9 else name)
        self.tabs.setCurrentIndex(0)
        self.tabs.blockSignals(False)
        self.tabs.setVisible(len(self.variants) > 1)
        self.tab_hint.setVisible(len(self.variants) > 1)
        self._build_form()

    @property
    def current_variant(self) -> int:
        return self.tabs.currentIndex()

    @property
    def variant_names(self) -> list[str]:
        return [name for name, _text in self.variants]

    def select_variant(self, index: int) -> None:
        if self.isVisible() or not self.window().isVisible():
            if 0 <= index < len(self.variants):
                self.tabs.setCurrentIndex(index)

    def next_variant(self) -> None:
        if self.variants:
            self.select_variant((self.current_variant + 1) % len(self.variants))

    def _variant_changed(self, _index: int) -> None:
        focused = next((n for n, e in self.editors.items() if e.hasFocus()), None)
        self._build_form()
        if focused in self.editors:
            self.editors[focused].setFocus()

    def _template(self) -> str:
        return self.variants[self.current_variant][1] if self.variants else ""

    def _build_form(self) -> None:
        from app.templates.placeholders import TemplateProblem, placeholders  # Jinja2 loads on first use

        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors = {}
        tab_chain: list[QWidget] = []
        try:
            self.placeholders = placeholders(self._template())
            problem = None
        except TemplateProblem as error:
            self.placeholders, problem = [], error
        for holder in self.placeholders:
            editor = QLineEdit(self.values.get(holder.name, ""))
            editor.setObjectName(f"field:{holder.name}")
            if holder.default is not None:
                editor.setPlaceholderText(self.tr("default: %1").replace("%1", holder.default))
            editor.textChanged.connect(lambda text, name=holder.name: self._value_changed(name, text))
            label = holder.name + (" *" if holder.required else "")
            if holder.date_like:
                row = QHBoxLayout()
                row.setSpacing(4)
                row.addWidget(editor, 1)
                date_button = DateButton(editor)
                row.addWidget(date_button)
                self.form.addRow(label, row)
                tab_chain += [editor, date_button]
            else:
                self.form.addRow(label, editor)
                tab_chain.append(editor)
            self.editors[holder.name] = editor
        if not self.placeholders and problem is None:
            self.form.addRow(QLabel(self.tr("This script has no fields: copy it as it is."), objectName="hint"))
        # Tab goes down the fields, then to the copy button (fields made for each script would come after it)
        for before, after in zip(tab_chain, tab_chain[1:] + [self.copy_button]):
            QWidget.setTabOrder(before, after)
        self._refresh(problem)

    def _value_changed(self, name: str, text: str) -> None:
        self.values[name] = text
        self._confirm_incomplete = False
        self._refresh()

    def set_value(self, name: str, value: str) -> None:
        editor = self.editors.get(name)
        if editor is not None:
            editor.setText(value)
        else:
            self.values[name] = value
            self._refresh()

    def focus_first_empty(self) -> None:
        target = next((self.editors[h.name] for h in self.placeholders
                       if h.required and not self.editors[h.name].text().strip()), None)
        target = target or next(iter(self.editors.values()), None) or self.copy_button
        # Widgets just added to a visible form are shown by a queued call; show now so focus lands at once.
        target.show()
        target.setFocus()

    # --- preview and copy ------------------------------------------------------------------------------------
    def filled(self) -> Filled | None:
        return self._filled

    def _refresh(self, problem: TemplateProblem | None = None) -> None:
        from app.templates.placeholders import TemplateProblem, render

        if problem is None:
            try:
                self._filled = render(self._template(), self.values)
            except TemplateProblem as error:
                problem = error
        if problem is not None:
            self._filled = None
            where = self.tr("line %1: ").replace("%1", str(problem.line)) if problem.line else ""
            self.preview.setPlainText("")
            self.state.setObjectName("problem")
            self.state.setText(self.tr("This script cannot be filled: %1").replace("%1", where + problem.detail))
            self.copy_button.setEnabled(False)
            self._restyle(self.state)
            return
        self.copy_button.setEnabled(True)
        self.preview.setHtml(self._preview_html(self._filled))
        for holder in self.placeholders:
            editor = self.editors[holder.name]
            missing = holder.required and not editor.text().strip()
            if editor.property("missing") != missing:
                editor.setProperty("missing", missing)
                self._restyle(editor)
        if self._filled.missing:
            self.state.setObjectName("problem")
            self.state.setText(self.tr("Still missing: %1").replace("%1", "、".join(self._filled.missing)))
        else:
            self.state.setObjectName("hint")
            self.state.setText(self.tr("Complete: Ctrl+Enter copies it."))
        self._restyle(self.state)

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    @staticmethod
    def _preview_html(filled: Filled) -> str:
        out, last = [], 0
        text = filled.text
        for span in filled.missing_spans:
            out.append(escape(text[last : span.start]))
            out.append(f"<span style='background-color:{PALETTE['missing_bg']}; color:{PALETTE['missing_fg']};"
                       f" font-weight:600;'>{escape(text[span.start:span.end])}</span>")
            last = span.end
        out.append(escape(text[last:]))
        body = "".join(out).replace("\n", "<br>")
        return f"<div style='font-size:12pt; line-height:170%;'>{body}</div>"

    def copy(self) -> bool:
        """Copy the filled text and count a use; with values missing, the first press only points at them."""
        if self.article is None or self._filled is None or not (self.isVisible() or not self.window().isVisible()):
            return False
        if self._filled.missing and not self._confirm_incomplete:
            self._confirm_incomplete = True
            self.focus_first_empty()
            self.state.setText(self.tr("Still missing: %1 — press Ctrl+Enter again to copy anyway.")
                               .replace("%1", "、".join(self._filled.missing)))
            return False
        self._confirm_incomplete = False
        QGuiApplication.clipboard().setText(self._filled.text)
        self.context.desk.record_copy(self.article.id)
        self.context.nav.sig_status.emit(self.tr("Copied “%1” to the clipboard.").replace("%1", self.article.title))
        self.state.setObjectName("hint")
        self.state.setText(self.tr("Copied. Paste it into the chat."))
        self._restyle(self.state)
        self.sig_copied.emit(self.article.id, self._filled.text)
        return True
