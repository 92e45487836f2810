"""A reply script's fill-in form: one field per value its template asks for, and the text it gives once filled.

Shared by the reading pane's script panel and the quick palette, so both ask the same questions the same way
(:mod:`app.templates.placeholders` decides what a template asks for and renders it). A name used twice is asked once,
a ``| default("…")`` shows as the field's hint, a name without a default is required (marked ``*`` and flagged while
empty), and time-like names get a date button. Tab goes down the fields; the values survive a change of template
(a variant), so a name asked by both keeps its value.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape
from typing import TYPE_CHECKING

from PySide6.QtCore import QDate, QRectF, Qt, Signal
from PySide6.QtGui import QColor, QIcon, QPainter, QPen, QPixmap
from PySide6.QtWidgets import (
    QCalendarWidget,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMenu,
    QTabBar,
    QToolButton,
    QWidget,
    QWidgetAction,
)

from app.ui.style import PALETTE

if TYPE_CHECKING:
    from app.templates.placeholders import Filled, Placeholder, TemplateProblem


def preview_html(filled: Filled, style: str) -> str:
    """The filled text as HTML, each value still missing (【名称】) marked so it cannot be overlooked."""
    out, last = [], 0
    text = filled.text
    for span in filled.missing_spans:
        out.append(escape(text[last : span.start]))
        out.append(f"<span style='background-color:{PALETTE['missing_bg']}; color:{PALETTE['missing_fg']};"
                   f" font-weight:600;'>{escape(text[span.start:span.end])}</span>")
        last = span.end
    out.append(escape(text[last:]))
    body = "".join(out).replace("\n", "<br>")
    return f"<div style='{style}'>{body}</div>"

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
    """Quick choices (today 18:00, tomorrow, 3 working days …) and a calendar for time-like fields; the field stays
    free text, because a 时限 is as often a span (3个工作日) as a date."""

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
            (self.tr("1 working day"), "1个工作日"),
            (self.tr("3 working days"), "3个工作日"),
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


class FillForm(QWidget):
    """The fields of one template; :attr:`filled` is the rendered text (None while :attr:`problem` says why not)."""

    sig_changed = Signal()  # a value changed (the text was rendered again)

    def __init__(self, parent: QWidget | None = None, date_buttons: bool = True):
        super().__init__(parent)
        self.date_buttons = date_buttons
        self.values: dict[str, str] = {}
        self.editors: dict[str, QLineEdit] = {}
        self.placeholders: list[Placeholder] = []
        self.filled: Filled | None = None
        self.problem: TemplateProblem | None = None
        self.tab_chain: list[QWidget] = []
        self._source = ""
        self._name = ""
        self.form = QFormLayout(self)
        self.form.setContentsMargins(0, 0, 0, 0)
        self.form.setHorizontalSpacing(12)
        self.form.setVerticalSpacing(6)
        self.form.setLabelAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)

    def set_template(self, source: str, name: str = "") -> None:
        """Build the fields ``source`` asks for (keeping the values typed so far) and render it; ``name`` (the
        script's title) is named when the template is refused."""
        from app.templates.placeholders import TemplateProblem, placeholders  # Jinja2 loads on first use

        self._source, self._name = source, name
        while self.form.rowCount():
            self.form.removeRow(0)
        self.editors, self.tab_chain = {}, []
        try:
            self.placeholders, self.problem = placeholders(source), None
        except TemplateProblem as error:
            self.placeholders, self.problem = [], error
        for holder in self.placeholders:
            self._add_field(holder)
        if not self.placeholders and self.problem is None:
            self.form.addRow(QLabel(self.tr("This script has no fields: copy it as it is."), objectName="hint"))
        for before, after in zip(self.tab_chain, self.tab_chain[1:], strict=False):
            QWidget.setTabOrder(before, after)
        if self.isVisible():
            # A layout shows new children by a queued call, which keys already typed may overtake (a Tab then finds
            # no next field): show them now.
            for widget in self.tab_chain:
                label = self.form.labelForField(widget)
                for shown in (widget, label):
                    if shown is not None:
                        shown.show()
        self._render()

    def _add_field(self, holder: Placeholder) -> None:
        editor = QLineEdit(self.values.get(holder.name, ""))
        editor.setObjectName(f"field:{holder.name}")
        if holder.default is not None:
            editor.setPlaceholderText(self.tr("default: %1").replace("%1", holder.default))
        editor.textChanged.connect(lambda text, name=holder.name: self._value_changed(name, text))
        label = holder.name + (" *" if holder.required else "")
        if holder.date_like and self.date_buttons:
            row = QHBoxLayout()
            row.setSpacing(4)
            row.addWidget(editor, 1)
            date_button = DateButton(editor)
            row.addWidget(date_button)
            self.form.addRow(label, row)
            self.tab_chain += [editor, date_button]
        else:
            self.form.addRow(label, editor)
            self.tab_chain.append(editor)
        self.editors[holder.name] = editor

    def _value_changed(self, name: str, text: str) -> None:
        self.values[name] = text
        self._render()
        self.sig_changed.emit()

    def set_value(self, name: str, value: str) -> None:
        editor = self.editors.get(name)
        if editor is not None:
            editor.setText(value)
        else:
            self.values[name] = value
            self._render()
            self.sig_changed.emit()

    def first_empty(self) -> QLineEdit | None:
        """The first required field still empty, else the first field (None without fields)."""
        empty = next((self.editors[h.name] for h in self.placeholders
                      if h.required and not self.editors[h.name].text().strip()), None)
        return empty or next(iter(self.editors.values()), None)

    def _render(self) -> None:
        from app.templates.placeholders import TemplateProblem, render

        try:
            self.filled, self.problem = render(self._source, self.values, name=self._name), None
        except TemplateProblem as error:  # a syntax error was found while reading the fields already: same one
            self.filled, self.problem = None, error
        for holder in self.placeholders:
            editor = self.editors[holder.name]
            missing = holder.required and not editor.text().strip()
            if editor.property("missing") != missing:
                editor.setProperty("missing", missing)
                editor.style().unpolish(editor)
                editor.style().polish(editor)


def show_variant_tabs(tabs: QTabBar, variants: list[tuple[str, str]]) -> None:
    """One tab per variant (标准 / 正式 / 简短 …) with its Alt+N key, the first selected, without a change signal."""
    tabs.blockSignals(True)
    while tabs.count():
        tabs.removeTab(0)
    for number, (name, _text) in enumerate(variants, start=1):
        tabs.addTab(f"{name}  Alt+{number}" if number <= 9 else name)
    tabs.setCurrentIndex(0)
    tabs.blockSignals(False)
