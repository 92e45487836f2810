"""The right-hand pane: shows an article in the view that suits its kind (case, reply script, handbook entry)."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import QLabel, QStackedWidget

from app.model import Article, Kind
from app.services import ArticleNotFound
from app.ui.article_view import ArticleView
from app.ui.context import AppContext
from app.ui.handbook_view import HandbookEntryView
from app.ui.script_panel import ScriptPanel
from app.ui.search_session import SerialLane

log = logging.getLogger(__name__)

SIMILAR_LIMIT = 5
READ_MS = 3000  # a preview shown this long (in the active window) is a reading, so a view


class ReaderPane(QStackedWidget):
    sig_article_shown = Signal(object)  # the Article now shown (None: none)
    sig_query_suggested = Signal(str)  # "did you mean" clicked where the results said nothing matched
    sig_article_used = Signal(str)  # an article opened on purpose or a reply copied (learning from use)

    def __init__(self, context: AppContext, lane: SerialLane, parent=None):
        super().__init__(parent)
        self.context, self.lane = context, lane
        self.article: Article | None = None
        self._recorded = False  # this article's view is counted
        # An article previewed (arrowing through results) counts as read once it has stayed on screen this long.
        self._reading = QTimer(self, singleShot=True, interval=READ_MS)
        self._reading.timeout.connect(self._read_a_moment)
        self.empty = QLabel(self.tr("Pick a result to read it here.\n\n↑ ↓ move · Enter opens · Ctrl+K searches"),
                            alignment=Qt.AlignmentFlag.AlignCenter, objectName="hint")
        self.nothing = QLabel(alignment=Qt.AlignmentFlag.AlignCenter, objectName="hint", wordWrap=True,
                              textFormat=Qt.TextFormat.RichText)
        self.nothing.linkActivated.connect(self.sig_query_suggested)
        self.article_view = ArticleView()
        self.article_view.sig_open_article.connect(self.context.nav.sig_open_article)
        self.script_panel = ScriptPanel(context)
        self.handbook_view = HandbookEntryView(context, lane)
        self.script_panel.sig_copied.connect(lambda article_id, _text: self.sig_article_used.emit(article_id))
        for widget in (self.empty, self.nothing, self.article_view, self.script_panel, self.handbook_view):
            self.addWidget(widget)

    def open_article(self, article_id: str, *, focus: bool = False, record: bool = True) -> Article | None:
        """Show an article. ``record``: opened on purpose, a view at once; otherwise (previewed while the agent
        arrows through results) a view once it has stayed on screen READ_MS. Once per reading either way."""
        try:
            article = self.context.desk.get_article(article_id)
        except ArticleNotFound:
            self.context.nav.sig_status.emit(self.tr("That article no longer exists."))
            return None
        if self.article is None or self.article.id != article.id:
            self._recorded = False  # another article: a new reading
            self._reading.stop()
        self.article = article
        if record:
            self._count_view()
            self.sig_article_used.emit(article.id)
        elif not self._recorded:
            self._reading.start()  # previewed: a view once it has been read a moment
        if article.kind is Kind.SCRIPT:
            self.script_panel.show_script(article)
            self.setCurrentWidget(self.script_panel)
            if focus:
                self.script_panel.focus_first_empty()
        elif article.kind is Kind.HANDBOOK:
            self.handbook_view.show_entry(article)
            self.setCurrentWidget(self.handbook_view)
            if focus and self.handbook_view.checks:
                self.handbook_view.checks[0].setFocus()
        else:
            self.article_view.show_article(article, self.context.desk.clock(), similar=None, lane=self.lane)
            self.setCurrentWidget(self.article_view)
            if focus:
                self.article_view.setFocus()
            if record:  # opened on purpose, not previewed while moving through results: similar costs a search
                self._load_similar(article.id)
        self.sig_article_shown.emit(article)
        return article

    def _count_view(self) -> None:
        """One view per reading: showing the same article again (a refresh, a repaint, coming back) adds none."""
        self._reading.stop()
        if self._recorded or self.article is None:
            return
        self._recorded = True
        desk, article_id = self.context.desk, self.article.id
        self.context.runner.write(lambda: desk.record_view(article_id), on_error=_count_failed)

    def _read_a_moment(self) -> None:
        if self.article is None or self._recorded or not self.isVisible():
            return  # another page is showing: when this one is back, the next preview starts a new reading
        if not self.window().isActiveWindow():
            self._reading.start()  # the agent is in another window: the article is not being read yet
            return
        self._count_view()

    def show_nothing(self, query: str, suggestion: str | None = None) -> None:
        """The search for ``query`` found nothing: the article read before must not stay as if it answered it."""
        self.article, self._recorded = None, False
        self._reading.stop()  # the article previewed before was not read
        text = escape(self.tr("Nothing matches “%1”.").replace("%1", query.strip()))
        if suggestion:
            link = f"<a href='{escape(suggestion)}' style='color:#1d4ed8'>{escape(suggestion)}</a>"
            text += "<br><br>" + escape(self.tr("Did you mean %1?")).replace("%1", link)
        self.nothing.setText(text)
        self.setCurrentWidget(self.nothing)
        self.sig_article_shown.emit(None)

    def _load_similar(self, article_id: str) -> None:
        desk = self.context.desk
        self.lane.submit(
            "similar", lambda: desk.similar_articles(article_id, SIMILAR_LIMIT),
            lambda similar: self.article_view.set_similar(article_id, similar), lambda _e, _d: None,
        )


def _count_failed(error: BaseException, _details: str) -> None:
    log.warning("a view was not counted: %s", error)
