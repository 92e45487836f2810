"""The strip above the reading pane: edit, history and verify the open article, in one click.

The buttons only ask (through the navigator); the curation controller does the work, so the menu items, the
review queue and this strip share one behaviour. Which buttons show follows the local role (roles guide the UI).
"""

from __future__ import annotations

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from app.curation.workflow import Action, may
from app.model import Article, Status
from app.ui.context import AppContext


class ArticleActionBar(QWidget):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(parent)
        self.context = context
        self.article: Article | None = None
        self.state = QLabel(objectName="hint")
        self.edit_button = QPushButton(self.tr("Edit"), toolTip=self.tr("Edit this article (Ctrl+E)"))
        self.history_button = QPushButton(self.tr("History"), toolTip=self.tr("Versions and what changed (Ctrl+H)"))
        self.verify_button = QPushButton(
            self.tr("Mark verified"), toolTip=self.tr("Checked and still true: the next review moves one interval on")
        )
        nav = context.nav
        self.edit_button.clicked.connect(lambda: self.article and nav.sig_edit_article.emit(self.article.id))
        self.history_button.clicked.connect(lambda: self.article and nav.sig_article_history.emit(self.article.id))
        self.verify_button.clicked.connect(self._verify)
        nav.sig_data_changed.connect(self._data_changed)  # a verification, an edit elsewhere
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addWidget(self.state, 1)
        for button in (self.edit_button, self.history_button, self.verify_button):
            button.setFlat(True)
            layout.addWidget(button)
        self.show_article(None)

    def show_article(self, article: Article | None) -> None:
        self.article = article
        self.setVisible(article is not None)
        if article is None:
            return
        role = self.context.desk.settings.role
        self.edit_button.setVisible(may(role, Action.EDIT, article.status, article.kind))
        self.verify_button.setVisible(
            article.status is Status.PUBLISHED and may(role, Action.VERIFY, article.status, article.kind)
        )
        stale = article.is_stale(self.context.desk.clock())
        self.state.setText(self.tr("Due for review") if stale else "")

    def _verify(self) -> None:
        if self.article is not None:
            self.context.nav.sig_verify_article.emit(self.article.id)  # the strip follows once it is saved

    def _data_changed(self) -> None:
        if self.article is None:
            return
        try:
            self.show_article(self.context.desk.get_article(self.article.id))
        except LookupError:
            self.show_article(None)
