"""A reply script, filled and copied: a form built from the script's own placeholders and a live preview.

Keyboard: Tab moves through the fields, Alt+1…9 picks a variant (F2 cycles), Ctrl+Enter copies the filled text and
counts a use. A value still missing is shown as 【名称】 in the preview; copying then asks for a second Ctrl+Enter.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QScrollArea,
    QTabBar,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from app.model import Article, channel_label
from app.templates.scripts import script_variants
from app.templates.validation import template_problem
from app.ui.context import AppContext
from app.ui.fill_form import FillForm, preview_html, show_variant_tabs

log = logging.getLogger(__name__)

if TYPE_CHECKING:
    from app.templates.placeholders import Filled, Placeholder, TemplateProblem


PREVIEW_MIN_HEIGHT = 100


class PreviewBrowser(QTextBrowser):
    """Asks for no more than its minimum height and takes what is left under the fields: with the default hint
    (192 px) a script of five fields made the panel scroll at the default window size."""

    def sizeHint(self) -> QSize:
        return QSize(super().sizeHint().width(), self.minimumHeight())


class ScriptPanel(QWidget):
    sig_copied = Signal(str, str)  # article id, copied text

    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.article: Article | None = None
        self.variants: list[tuple[str, str]] = []
        self._confirm_incomplete = False
        self._build_widgets()
        self._lay_out()
        self._add_shortcuts()

    def _build_widgets(self) -> None:
        # Plain text: imported titles and notes may hold markup (<img src="/dev/zero">) that must not be loaded.
        self.title = QLabel(objectName="pageTitle", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.meta = QLabel(objectName="hint", wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.note = QLabel(wordWrap=True, objectName="hint", textFormat=Qt.TextFormat.PlainText)
        self.tabs = QTabBar(expanding=False, drawBase=False)
        self.tabs.currentChanged.connect(self._variant_changed)
        self.tab_hint = QLabel(self.tr("Alt+1…9 or F2 switches"), objectName="hint")
        self.form_host = QFrame(objectName="card")
        self.fill = FillForm()
        self.fill.sig_changed.connect(self._values_changed)
        host_layout = QVBoxLayout(self.form_host)
        host_layout.setContentsMargins(14, 12, 14, 12)
        host_layout.addWidget(self.fill)
        self.preview = PreviewBrowser(objectName="preview")
        self.preview.setOpenLinks(False)
        self.preview.document().setDocumentMargin(14)
        self.preview.setMinimumHeight(PREVIEW_MIN_HEIGHT)
        self.state = QLabel(wordWrap=True, textFormat=Qt.TextFormat.PlainText)
        self.copy_button = QPushButton(self.tr("Copy reply  (Ctrl+Enter)"), objectName="primary")
        self.copy_button.clicked.connect(self.copy)
        # A script whose template is broken (saved before templates were checked) can still be copied as it is.
        self.raw_button = QPushButton(self.tr("Copy the text as it is"), objectName="copyRaw", visible=False)
        self.raw_button.clicked.connect(self.copy_raw)

    def _lay_out(self) -> None:
        """The script, its fields and the preview scroll together if the window is small; the copy button stays in
        a bar below them, always in view (the agent fills, reads, copies without looking for it)."""
        tabs_row = QHBoxLayout()
        tabs_row.addWidget(self.tabs)
        tabs_row.addStretch(1)
        tabs_row.addWidget(self.tab_hint)
        inner = QWidget()
        column = QVBoxLayout(inner)
        column.setContentsMargins(18, 14, 18, 6)
        column.setSpacing(8)
        column.addWidget(self.title)
        column.addWidget(self.meta)
        column.addWidget(self.note)
        column.addLayout(tabs_row)
        column.addWidget(self.form_host)
        column.addWidget(QLabel(self.tr("Preview"), objectName="sectionTitle"))
        column.addWidget(self.preview, 1)
        self.scroll_area = QScrollArea(widgetResizable=True)
        self.scroll_area.setWidget(inner)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        self.copy_bar = QWidget(objectName="copyBar")
        bottom = QHBoxLayout(self.copy_bar)
        bottom.setContentsMargins(18, 8, 18, 12)
        bottom.addWidget(self.state, 1)
        bottom.addWidget(self.raw_button)
        bottom.addWidget(self.copy_button)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        outer.addWidget(self.scroll_area, 1)
        outer.addWidget(self.copy_bar)

    def _add_shortcuts(self) -> None:
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self, self.copy, context=Qt.ShortcutContext.WindowShortcut)
        QShortcut(QKeySequence("F2"), self, self.next_variant, context=Qt.ShortcutContext.WindowShortcut)
        for number in range(1, 10):
            QShortcut(QKeySequence(f"Alt+{number}"), self, lambda n=number: self.select_variant(n - 1),
                      context=Qt.ShortcutContext.WindowShortcut)

    # --- showing a script ------------------------------------------------------------------------------------
    def show_script(self, article: Article) -> None:
        if self.article is None or self.article.id != article.id:
            self.fill.values.clear()
            self.scroll_area.verticalScrollBar().setValue(0)
        self.article = article
        self.title.setText(article.title)
        channel = channel_label(article.field_text("channel"))
        self.meta.setText(" · ".join(x for x in [article.field_text("scenario"), channel, article.group] if x))
        self.note.setText(article.body)
        self.note.setVisible(bool(article.body.strip()))
        self.variants = script_variants(article, self.tr("Standard"))
        show_variant_tabs(self.tabs, self.variants)
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
        if (self.isVisible() or not self.window().isVisible()) and 0 <= index < len(self.variants):
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

    @property
    def values(self) -> dict[str, str]:
        return self.fill.values

    @property
    def editors(self) -> dict[str, QLineEdit]:
        return self.fill.editors

    @property
    def placeholders(self) -> list[Placeholder]:
        return self.fill.placeholders

    def _template_name(self) -> str:
        """The script's title and, when it has several, the variant: named in a refusal."""
        title = self.article.title if self.article is not None else ""
        if len(self.variants) > 1:
            return f"{title}（{self.variants[self.current_variant][0]}）"
        return title

    def _build_form(self) -> None:
        self.fill.set_template(self._template(), self._template_name())
        # Tab goes down the fields, then to the copy button (fields made for each script would come after it)
        if self.fill.tab_chain:
            QWidget.setTabOrder(self.fill.tab_chain[-1], self.copy_button)
        self._refresh()

    def _values_changed(self) -> None:
        self._confirm_incomplete = False
        self._refresh()

    def set_value(self, name: str, value: str) -> None:
        self.fill.set_value(name, value)

    def focus_first_empty(self) -> None:
        target = self.fill.first_empty() or self.copy_button
        # Widgets just added to a visible form are shown by a queued call; show now so focus lands at once.
        target.show()
        target.setFocus()

    # --- preview and copy ------------------------------------------------------------------------------------
    def filled(self) -> Filled | None:
        return self.fill.filled

    def _refresh(self) -> None:
        problem: TemplateProblem | None = self.fill.problem
        filled = self.fill.filled
        self.raw_button.setVisible(problem is not None or filled is None)
        if problem is not None or filled is None:
            self.preview.setPlainText(self._template())  # what "copy as it is" copies
            self.state.setObjectName("problem")
            self.state.setText(self.tr("This script's template has an error, so it cannot be filled: %1. You can "
                                       "copy the text as it is and fill it in by hand; please tell a KB owner.")
                               .replace("%1", self._problem_text(problem)))
            self.copy_button.setEnabled(False)
            self._restyle(self.state)
            return
        self.copy_button.setEnabled(True)
        self.preview.setHtml(self._preview_html(filled))
        if filled.missing:
            self.state.setObjectName("problem")
            self.state.setText(self.tr("Still missing: %1").replace("%1", "、".join(filled.missing)))
        else:
            self.state.setObjectName("hint")
            self.state.setText(self.tr("Complete: Ctrl+Enter copies it."))
        self._restyle(self.state)

    def _problem_text(self, problem: TemplateProblem | None) -> str:
        """The problem in Chinese, naming the variant and line (话术第 1 行有未闭合的 {{…)."""
        place = f"变体“{self.variants[self.current_variant][0]}”" if len(self.variants) > 1 else "话术"
        explained = template_problem(self._template())
        if explained is not None:
            return place + explained
        return problem.detail if problem is not None else place + "无法填写"

    def copy_raw(self) -> None:
        """Copy a broken script's text unfilled (no use counted: it was not used as a finished reply)."""
        if self.article is None:
            return
        QGuiApplication.clipboard().setText(self._template())
        self.state.setText(self.tr("Copied the text as it is: replace the {{ … }} parts by hand before sending."))
        self.context.nav.sig_status.emit(self.tr("Copied “%1” unfilled.").replace("%1", self.article.title))

    @staticmethod
    def _restyle(widget: QWidget) -> None:
        widget.style().unpolish(widget)
        widget.style().polish(widget)

    @staticmethod
    def _preview_html(filled: Filled) -> str:
        return preview_html(filled, "font-size:12pt; line-height:170%;")

    def copy(self) -> bool:
        """Copy the filled text and count a use; with values missing, the first press only points at them."""
        filled = self.fill.filled
        if self.article is None or filled is None or not (self.isVisible() or not self.window().isVisible()):
            return False
        if filled.missing and not self._confirm_incomplete:
            self._confirm_incomplete = True
            self.focus_first_empty()
            self.state.setText(self.tr("Still missing: %1 — press Ctrl+Enter again to copy anyway.")
                               .replace("%1", "、".join(filled.missing)))
            return False
        self._confirm_incomplete = False
        QGuiApplication.clipboard().setText(filled.text)
        desk, article_id = self.context.desk, self.article.id
        # A use counted in the background: the agent pastes at once, and a count that fails loses no reply.
        self.context.runner.write(lambda: desk.record_copy(article_id), on_error=_count_failed)
        self.context.nav.sig_status.emit(self.tr("Copied “%1” to the clipboard.").replace("%1", self.article.title))
        self.state.setObjectName("hint")
        self.state.setText(self.tr("Copied. Paste it into the chat."))
        self._restyle(self.state)
        self.sig_copied.emit(self.article.id, filled.text)
        return True


def _count_failed(error: BaseException, _details: str) -> None:
    log.warning("a copy was not counted: %s", error)
