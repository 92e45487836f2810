"""The right-hand pane: shows an article in the view that suits its kind (case, reply script, handbook entry)."""

from __future__ import annotations

import logging
from html import escape

from PySide6.QtCore import Qt, Signal
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


class ReaderPane(QStackedWidget):
    sig_article_shown = Signal(object)  # the Article now shown (None: none)
    sig_query_suggested = Signal(str)  # "did you mean" clicked where the results said nothing matched
    sig_article_used = Signal(str)  # an article opened on purpose or a reply copied (learning from use)

    def __init__(self, context: AppContext, lane: SerialLane, parent=None):
        super().__init__(parent)
        self.context, self.lane = context, lane
        self.article: Article | None = None
        self._recorded = False
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
        """Show an article; ``record`` counts a view (not done while the agent arrows through results)."""
        try:
            article = self.context.desk.get_article(article_id)
        except ArticleNotFound:
            self.context.nav.sig_status.emit(self.tr("That article no longer exists."))
            return None
        same = self.article is not None and self.article.id == article.id
        if record and not (same and self._recorded):
            desk, article_id = self.context.desk, article.id
            self.context.runner.write(lambda: desk.record_view(article_id), on_error=_count_failed)
        if record:
            self.sig_article_used.emit(article.id)
        self._recorded = record or (same and self._recorded)
        self.article = article
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

    def show_nothing(self, query: str, suggestion: str | None = None) -> None:
        """The search for ``query`` found nothing: the article read before must not stay as if it answered it."""
        self.article, self._recorded = None, False
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
