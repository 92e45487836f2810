"""The quick palette: a small window over whatever the agent is doing, to find a reply and fill it in.

Typing searches as the main window does (the same :class:`SearchSession`, off the GUI thread) with the scripts
listed first; ↑ ↓ pick, Enter opens a script's fill-in form in place (a case or handbook entry opens in the main
window instead), Tab goes down the fields, Alt+1…9 switches the variant, Enter finishes and Esc goes back (from the
form to the list, from the list away). With abbreviations on, a script's trigger (``;tk``) + Enter opens its form
at once. The palette only says what was chosen (:attr:`sig_finished`); :mod:`app.ui.quick_reply` pastes it.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtGui import QColor, QCursor, QGuiApplication, QKeyEvent, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QVBoxLayout,
    QWidget,
)

from app.model import Article, Kind
from app.services import SearchResults
from app.templates.scripts import normalize_trigger, script_variants
from app.ui.context import AppContext
from app.ui.fill_form import FillForm, preview_html, show_variant_tabs
from app.ui.search_session import SearchSession, SerialLane
from app.ui.style import PALETTE

log = logging.getLogger(__name__)

PALETTE_WIDTH = 560
VISIBLE_ROWS = 8
CURSOR_OFFSET = 12
ArticleIdRole = Qt.ItemDataRole.UserRole + 1
KindRole = Qt.ItemDataRole.UserRole + 2
DetailRole = Qt.ItemDataRole.UserRole + 3


def scripts_first(results: SearchResults) -> list:
    """The same hits in the same order, scripts before everything else (a stable partition)."""
    rows = results.results
    return [r for r in rows if r.summary.kind is Kind.SCRIPT] + [r for r in rows if r.summary.kind is not Kind.SCRIPT]


class PaletteRowDelegate(QStyledItemDelegate):
    """A row: the title, then its kind and group in a quieter colour."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index) -> None:
        detail = index.data(DetailRole) or ""
        option = QStyleOptionViewItem(option)
        self.initStyleOption(option, index)
        title = option.text
        option.text = ""
        style = option.widget.style() if option.widget else QApplication.style()
        style.drawControl(QStyle.ControlElement.CE_ItemViewItem, option, painter, option.widget)
        rect = option.rect.adjusted(10, 0, -10, 0)
        metrics = option.fontMetrics
        detail_width = metrics.horizontalAdvance(detail) + 12 if detail else 0
        painter.save()
        painter.setPen(QColor(PALETTE["text"]))
        painter.drawText(rect.adjusted(0, 0, -detail_width, 0), Qt.AlignmentFlag.AlignVCenter,
                         metrics.elidedText(title, Qt.TextElideMode.ElideRight, rect.width() - detail_width))
        painter.setPen(QColor(PALETTE["muted"]))
        painter.drawText(rect, Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignRight, detail)
        painter.restore()


class QuickPalette(QWidget):
    sig_finished = Signal(str, str)  # article id, the filled reply
    sig_open_article = Signal(str)  # not a script: show it in the main window
    sig_ready = Signal()  # shown, active, the search field has the keyboard
    sig_cancelled = Signal()

    def __init__(self, context: AppContext, parent: QWidget | None = None):
        flags = Qt.WindowType.Tool | Qt.WindowType.FramelessWindowHint | Qt.WindowType.WindowStaysOnTopHint
        super().__init__(parent, flags)
        self.setObjectName("quickPalette")
        self.setWindowTitle(self.tr("Quick reply"))  # the platform appends " — Deskbook"
        self.context = context
        self.abbreviations = False
        self.article: Article | None = None
        self.variants: list[tuple[str, str]] = []
        self._triggers: dict[str, str] | None = None
        self._confirm_incomplete = False
        self._finishing = False
        self._was_active = False
        self._choose_when_answered = False  # Enter came before the answer to the last keystroke
        self.in_form = False  # the fill-in form is shown (else the result list)
        self.session = SearchSession(context.desk, SerialLane(context.runner), parent=self, browse=False)
        self.session.sig_results.connect(self._show_results)
        self.session.sig_failed.connect(self._search_failed)

        self.search = QLineEdit(objectName="paletteSearch")
        self.search.setPlaceholderText(self.tr("Search replies: words, pinyin or initials…"))
        self.search.textChanged.connect(self._query_changed)
        self.search.installEventFilter(self)
        self.results = QListWidget(objectName="paletteResults")
        self.results.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.results.itemActivated.connect(lambda _item: self.choose_current())
        self.results.setItemDelegate(PaletteRowDelegate(self.results))
        self.title = QLabel(objectName="paletteTitle")
        self.tabs = QTabBar(expanding=False, drawBase=False)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.tabs.currentChanged.connect(self._variant_changed)
        self.fill = FillForm(date_buttons=False)
        self.fill.sig_changed.connect(self._values_changed)
        self.preview = QLabel(objectName="palettePreview", wordWrap=True, textFormat=Qt.TextFormat.RichText)
        self.preview.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.hint = QLabel(objectName="hint")

        card = QFrame(objectName="paletteCard")
        column = QVBoxLayout(card)
        column.setContentsMargins(12, 12, 12, 10)
        column.setSpacing(8)
        for widget in (self.search, self.results, self.title, self.tabs, self.fill, self.preview, self.hint):
            column.addWidget(widget)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(card)
        self.setFixedWidth(PALETTE_WIDTH)
        for number in range(1, 10):  # a shortcut: a field would take Alt+digit as typing
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self._select_variant(n - 1),
                      context=Qt.ShortcutContext.WindowShortcut)
        self._show_list()

    def _select_variant(self, index: int) -> None:
        if self.in_form and 0 <= index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    # --- opening and closing ---------------------------------------------------------------------------------
    def open_at(self, position: QPoint | None = None) -> None:
        """Show next to the mouse pointer (or ``position``), on the list, with the last query selected."""
        self._finishing = False
        self._was_active = False
        self._triggers = None
        self._show_list()
        self._choose_when_answered = False
        self.search.selectAll()
        self.adjustSize()
        self.move(self._place(position or QCursor.pos()))
        self.show()
        self.raise_()
        self.activateWindow()
        self.search.setFocus(Qt.FocusReason.ActiveWindowFocusReason)

    def _place(self, pointer: QPoint) -> QPoint:
        screen = QGuiApplication.screenAt(pointer) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        tall = self.sizeHint().height() + VISIBLE_ROWS * 30  # room for the list to grow under the field
        x = min(max(pointer.x() + CURSOR_OFFSET, area.left()), area.right() - PALETTE_WIDTH)
        y = pointer.y() + CURSOR_OFFSET
        if y + tall > area.bottom():
            y = max(area.top(), pointer.y() - CURSOR_OFFSET - tall)
        return QPoint(x, y)

    def cancel(self) -> None:
        if self.isVisible():
            self.hide()
            self.sig_cancelled.emit()

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.WindowActivate:
            self._was_active = True
            log.info("quick palette: ready")
            if not self.in_form:
                self.search.setFocus(Qt.FocusReason.ActiveWindowFocusReason)
            self.sig_ready.emit()
        elif event.type() == QEvent.Type.WindowDeactivate and self._was_active and not self._finishing:
            self.cancel()  # the agent clicked elsewhere: out of the way, as a menu would go
        return super().event(event)

    # --- keys ------------------------------------------------------------------------------------------------
    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: VISIBLE_ROWS,
                    Qt.Key.Key_PageUp: -VISIBLE_ROWS}.get(Qt.Key(event.key()))
            if step is not None and self.results.count():
                row = min(max(self.results.currentRow() + step, 0), self.results.count() - 1)
                self.results.setCurrentRow(row)
                return True
        return super().eventFilter(watched, event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = event.key()
        in_form = self.in_form
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.finish() if in_form else self.choose_current()
        elif key == Qt.Key.Key_Escape:
            self._back_to_list() if in_form else self.cancel()
        else:
            super().keyPressEvent(event)

    # --- searching -------------------------------------------------------------------------------------------
    def _query_changed(self, text: str) -> None:
        if self.abbreviations and self._triggers is None and text.strip():
            self._triggers = {}  # asked once per opening
            self.context.runner.run(self.context.desk.script_triggers, self._triggers_loaded,
                                    lambda error, _details: log.warning("abbreviations not loaded: %s", error))
        self.session.set_text(text)

    def _triggers_loaded(self, triggers: dict[str, str]) -> None:
        self._triggers = triggers
        self._update_hint()

    def _show_results(self, results: SearchResults, _request: object, _prepared: object) -> None:
        log.info("quick palette: %d results", len(results.results))
        self.results.clear()
        kinds = {Kind.CASE: self.tr("Case"), Kind.SCRIPT: self.tr("Script"), Kind.HANDBOOK: self.tr("Handbook")}
        for row in scripts_first(results):
            summary = row.summary
            detail = " · ".join(x for x in (kinds.get(summary.kind, ""), summary.group) if x)
            item = QListWidgetItem(summary.title)
            item.setData(DetailRole, detail)
            item.setData(ArticleIdRole, summary.id)
            item.setData(KindRole, summary.kind.value)
            self.results.addItem(item)
        if self.results.count():
            self.results.setCurrentRow(0)
        self.results.setVisible(bool(self.results.count()) and not self.in_form)
        self._update_hint()
        self.adjustSize()
        if self._choose_when_answered and self.session.shown_generation == self.session.generation:
            self._choose_when_answered = False
            self.choose_current()

    def _search_failed(self, message: str) -> None:
        log.warning("quick palette: search failed: %s", message)
        self._choose_when_answered = False
        self.hint.setText(message)

    def _abbreviation(self) -> str | None:
        if not self.abbreviations or not self._triggers:
            return None
        return self._triggers.get(normalize_trigger(self.search.text()))

    def choose_current(self) -> None:
        """Enter on the list: an abbreviation first, else the selected row (of the query as typed so far: a fast
        typist's Enter waits for the answer to the last keystroke)."""
        article_id = self._abbreviation()
        if article_id is None and self.session.shown_generation != self.session.generation:
            log.info("quick palette: Enter waits for the answer to the last keystroke")
            self._choose_when_answered = True
            return
        item = self.results.currentItem()
        if article_id is None and item is not None:
            article_id = str(item.data(ArticleIdRole))
            if item.data(KindRole) != Kind.SCRIPT.value:
                self.hide()
                self.sig_open_article.emit(article_id)
                return
        if article_id is not None:
            self.context.runner.run(lambda: self.context.desk.get_article(article_id), self.show_script,
                                    lambda error, _details: self.hint.setText(str(error)))

    # --- the form --------------------------------------------------------------------------------------------
    def show_script(self, article: Article) -> None:
        if self.article is None or self.article.id != article.id:
            self.fill.values.clear()
        self.article = article
        self.title.setText(article.title)
        self.variants = script_variants(article, self.tr("Standard"))
        show_variant_tabs(self.tabs, self.variants)
        self._confirm_incomplete = False
        self.in_form = True
        self.results.hide()
        for widget in (self.title, self.fill, self.preview):
            widget.show()
        self.tabs.setVisible(len(self.variants) > 1)
        self.search.setFocusPolicy(Qt.FocusPolicy.ClickFocus)  # Tab stays among the fields
        self.fill.set_template(self.variants[0][1])
        self._values_changed()
        self.adjustSize()
        self._focus(self.fill.first_empty())
        log.info("quick palette: form with %d fields", len(self.fill.editors))

    def _variant_changed(self, index: int) -> None:
        if 0 <= index < len(self.variants):
            focused = next((name for name, editor in self.fill.editors.items() if editor.hasFocus()), None)
            self.fill.set_template(self.variants[index][1])
            self._values_changed()
            self._focus(self.fill.editors.get(focused or "") or self.fill.first_empty())

    def _focus(self, editor: QLineEdit | None) -> None:
        if editor is None:
            self.setFocus(Qt.FocusReason.OtherFocusReason)  # no fields: Enter still finishes
            return
        editor.show()  # fields just added are shown by a queued call: show now so the focus lands at once
        editor.setFocus(Qt.FocusReason.OtherFocusReason)

    def _values_changed(self) -> None:
        self._confirm_incomplete = False
        filled = self.fill.filled
        self.preview.setText(preview_html(filled, "line-height:150%;") if filled is not None else "")
        self._update_hint()
        if self.in_form:
            self.adjustSize()  # a longer preview: the window grows rather than squeezing the fields
            self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        screen = self.screen() or QGuiApplication.primaryScreen()
        bottom = screen.availableGeometry().bottom()
        if self.frameGeometry().bottom() > bottom:
            self.move(self.x(), max(screen.availableGeometry().top(), bottom - self.frameGeometry().height()))

    def _update_hint(self) -> None:
        if self.in_form:
            filled, problem = self.fill.filled, self.fill.problem
            if problem is not None or filled is None:
                self.hint.setText(self.tr("This script cannot be filled: %1")
                                  .replace("%1", problem.detail if problem else ""))
            elif filled.missing:
                self.hint.setText(self.tr("Still missing: %1 · Tab next field · Enter paste · Esc back")
                                  .replace("%1", "、".join(filled.missing)))
            else:
                self.hint.setText(self.tr("Enter pastes the reply · Tab next field · Esc back"))
            return
        abbreviation = self._abbreviation()
        if abbreviation is not None:
            self.hint.setText(self.tr("Enter opens the script of the abbreviation %1")
                              .replace("%1", self.search.text()))
        elif self.results.count():
            self.hint.setText(self.tr("↑ ↓ pick · Enter fill in · Esc close"))
        elif self.search.text().strip():
            self.hint.setText(self.tr("Nothing found. Try other words, pinyin or initials."))
        else:
            self.hint.setText(self.tr("Type what the customer asked · Esc close"))

    def finish(self) -> None:
        """Enter in the form: the reply is done; with values missing the first press only points at them."""
        filled = self.fill.filled
        if self.article is None or filled is None:
            return
        if filled.missing and not self._confirm_incomplete:
            self._confirm_incomplete = True
            self._focus(self.fill.first_empty())
            self.hint.setText(self.tr("Still missing: %1 — press Enter again to paste anyway.")
                              .replace("%1", "、".join(filled.missing)))
            return
        self._finishing = True
        self.sig_finished.emit(self.article.id, filled.text)

    def _back_to_list(self) -> None:
        self._show_list()
        self.search.setFocus()
        self.search.selectAll()

    def _show_list(self) -> None:
        self.in_form = False
        for widget in (self.title, self.tabs, self.fill, self.preview):
            widget.hide()
        self.results.setVisible(bool(self.results.count()))
        self.search.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self._update_hint()
        self.adjustSize()
