"""The library pages (搜索 / 案例 / 话术): filters, the result list and the reading pane side by side.

The main window's global search field feeds :meth:`LibraryPage.set_query`; the arrow keys and Enter typed in that
field arrive through :meth:`LibraryPage.navigate`, so the agent never has to leave the keyboard.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QModelIndex, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QKeySequence, QPainter, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QListView,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from app.model import Kind
from app.services import SearchResults
from app.ui.article_actions import ArticleActionBar
from app.ui.context import AppContext
from app.ui.page_registry import PageSpec, register_page
from app.ui.reader import ReaderPane
from app.ui.result_delegate import ResultDelegate
from app.ui.result_model import ArticleIdRole, ResultListModel
from app.ui.search_session import SearchRequest, SearchSession, SerialLane, search_filters

PREVIEW_DELAY_MS = 250


def _selects_first(request: SearchRequest) -> bool:
    """A query's answer comes with its first row selected, ready for Enter (a list browsed without one does not)."""
    return bool(request.text.strip())


class ResultListView(QListView):
    """A list that says what to do when it is empty (before typing) or that nothing matched."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.empty_text = ""

    def paintEvent(self, event) -> None:
        super().paintEvent(event)
        if self.model() is not None and self.model().rowCount() == 0 and self.empty_text:
            painter = QPainter(self.viewport())
            painter.setPen(QColor("#7b8794"))
            rect = self.viewport().rect().adjusted(24, 40, -24, -24)
            painter.drawText(rect, Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
                             self.empty_text)


class LazyComboBox(QComboBox):
    """Fills itself just before its list first opens."""

    def __init__(self, load, **kwargs):
        super().__init__(**kwargs)
        self._load = load

    def showPopup(self) -> None:
        self._load()
        super().showPopup()


class LibraryPage(QWidget):
    sig_set_query = Signal(str)  # "did you mean": put this text into the global search field

    def __init__(self, context: AppContext, kind: Kind | None = None, parent=None, debounce_ms: int = 0):
        super().__init__(parent)
        self.context, self.kind = context, kind
        self.lane = SerialLane(context.runner)
        # The search page starts empty (a sorted list of 50k articles costs a third of a second, and the agent
        # came to search); the 案例 and 话术 pages list their articles before anything is typed.
        self.session = SearchSession(context.desk, self.lane, debounce_ms=debounce_ms, parent=self,
                                     browse=kind is not None, count_session=context.search_count_session)
        if kind is not None:  # the search page starts without filters (and without importing the engine's module)
            self.session.filters = search_filters(kind=kind.value)
        self.session.sig_results.connect(self._show_results)
        self.session.sig_failed.connect(self._search_failed)
        self._build_filters()
        self._build_results()
        self.reader = ReaderPane(context, self.lane)
        self.reader.sig_article_used.connect(self._article_used)
        self.reader.sig_query_suggested.connect(self.sig_set_query)
        # Esc in the reading pane goes back to the search field, ready for the next question.
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.reader, self._back_to_search,
                  context=Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.article_actions = ArticleActionBar(context)
        self.reader.sig_article_shown.connect(self.article_actions.show_article)
        self._lay_out()
        for combo, everything in ((self.tag_filter, self.tr("All tags")), (self.group_filter, self.tr("All groups"))):
            combo.blockSignals(True)  # the first item is no change of filters (the session already has them)
            combo.addItem(everything, None)
            combo.blockSignals(False)
        context.nav.sig_data_changed.connect(self.refresh)
        self._filters_loaded = False
        self.session.run_now()

    def _build_filters(self) -> None:
        self.kind_filter = QComboBox()
        for label, value in ((self.tr("All kinds"), None), (self.tr("Cases"), "case"), (self.tr("Scripts"), "script"),
                             (self.tr("Handbook"), "handbook")):
            self.kind_filter.addItem(label, value)
        self.kind_filter.setVisible(self.kind is None)
        self.tag_filter = LazyComboBox(self.reload_filters, minimumContentsLength=6)
        self.group_filter = LazyComboBox(self.reload_filters, minimumContentsLength=6)
        for combo in (self.kind_filter, self.tag_filter, self.group_filter):
            combo.currentIndexChanged.connect(self._filters_changed)
            combo.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        self.count_label = QLabel(objectName="hint")
        self.suggestion = QLabel(objectName="hint", textFormat=Qt.TextFormat.RichText)
        self.suggestion.linkActivated.connect(self.sig_set_query)
        self.suggestion.hide()

    def _build_results(self) -> None:
        self.model = ResultListModel(self)
        self.view = ResultListView()
        self.view.setObjectName("results")
        self.view.empty_text = self.tr("Type what the customer said: words, pinyin or initials (tk = 退款).")
        self.view.setModel(self.model)
        self.delegate = ResultDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        self.session.prepare_rows = self._prepare_rows
        self.view.setUniformItemSizes(True)  # one size for all rows: no per-row layout while typing
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.selectionModel().currentChanged.connect(self._current_changed)
        # The reading pane follows the selection once it rests: rendering an article for every keystroke's
        # results (or every row passed while holding ↓) would make typing stutter.
        self._preview = QTimer(self, singleShot=True, interval=PREVIEW_DELAY_MS)
        self._preview.timeout.connect(self._preview_current)
        self.view.activated.connect(self._activated)

    def _lay_out(self) -> None:
        filters = QHBoxLayout()
        filters.setSpacing(6)
        filters.addWidget(self.kind_filter)
        filters.addWidget(self.tag_filter, 1)
        filters.addWidget(self.group_filter, 1)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(12, 10, 6, 10)
        left_layout.setSpacing(8)
        left_layout.addLayout(filters)
        left_layout.addWidget(self.suggestion)
        left_layout.addWidget(self.view, 1)
        left_layout.addWidget(self.count_label)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 10, 12, 10)
        right_layout.addWidget(self.article_actions)
        right_layout.addWidget(self.reader)
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _search_failed(self, message: str) -> None:
        self.count_label.setText(message)

    def _prepare_rows(self, request: SearchRequest):
        """On the search worker: the result rows rendered into images, with the answer (the GUI thread draws them)."""
        return self.delegate.prerender(self.view, _selects_first(request))

    def _activated(self, index: QModelIndex) -> None:
        self.open_index(index, focus=True)

    # --- the main window's protocol ------------------------------------------------------------------------
    def set_query(self, text: str) -> None:
        self.session.set_text(text)

    def navigate(self, key: int) -> bool:
        """Arrow keys and Enter typed in the global search field."""
        rows = self.model.rowCount()
        if not rows:
            return False
        current = self.view.currentIndex().row()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_index(self.model.index(max(current, 0), 0), focus=True)
            return True
        step = {Qt.Key.Key_Down: 1, Qt.Key.Key_Up: -1, Qt.Key.Key_PageDown: 5, Qt.Key.Key_PageUp: -5}.get(Qt.Key(key))
        if step is None:
            return False
        target = min(max(current + step, 0), rows - 1) if current >= 0 else 0
        self.view.setCurrentIndex(self.model.index(target, 0))
        return True

    def open_article(self, article_id: str, focus: bool = False) -> None:
        """Open from elsewhere (a link, 今日待办): select its row when the list shows it, so list and pane agree."""
        for row in range(self.model.rowCount()):
            if self.model.index(row, 0).data(ArticleIdRole) == article_id:
                self.view.setCurrentIndex(self.model.index(row, 0))
                break
        else:
            self.view.clearSelection()
        self._preview.stop()
        self.reader.open_article(article_id, focus=focus)

    def shutdown(self) -> None:
        self._preview.stop()
        self.session.stop()

    def save_state(self, settings: QSettings, prefix: str) -> None:
        settings.setValue(f"{prefix}/splitter", self.splitter.saveState())

    def restore_state(self, settings: QSettings, prefix: str) -> None:
        state = settings.value(f"{prefix}/splitter")
        if state is not None:
            self.splitter.restoreState(state)

    # --- internals --------------------------------------------------------------------------------------------
    def reload_filters(self) -> None:
        """Tags and groups for the filter boxes, read when a box is first opened (a scan of every article)."""
        if self._filters_loaded:
            return
        self._filters_loaded = True
        desk = self.context.desk
        self._fill_filters((desk.distinct_tags(), desk.distinct_groups()))

    def _fill_filters(self, found: tuple[list[str], list[str]]) -> None:
        tags, groups = found
        for combo, everything, values in ((self.tag_filter, self.tr("All tags"), tags),
                                          (self.group_filter, self.tr("All groups"), groups)):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for value in values:
                combo.addItem(value, value)
            index = combo.findData(chosen) if chosen else 0
            combo.setCurrentIndex(max(index, 0))
            combo.blockSignals(False)

    def refresh(self) -> None:
        self.session.run_now()
        self._filters_loaded = False  # tags or groups may have changed: read again when a box is opened

    def _filters_changed(self, *_args) -> None:
        kind = self.kind.value if self.kind else self.kind_filter.currentData()
        self.session.set_filters(search_filters(kind=kind, tag=self.tag_filter.currentData(),
                                                group=self.group_filter.currentData()))

    def _show_results(self, results: SearchResults, request: SearchRequest, rendered=None) -> None:
        self.view.empty_text = (self.tr("Nothing matches “%1”. Try fewer or other words.").replace("%1", request.text)
                                if request.text.strip() else
                                self.tr("Type what the customer said: words, pinyin or initials (tk = 退款)."))
        self.delegate.adopt(rendered)
        self.model.set_rows(results.results)
        if results.results and _selects_first(request):
            self.view.setCurrentIndex(self.model.index(0, 0))
        suggestion = getattr(results, "suggestion", None)
        if not results.results and request.text.strip():
            self._preview.stop()
            self.reader.show_nothing(request.text, suggestion)
        self.suggestion.setVisible(bool(suggestion))
        if suggestion:
            self.suggestion.setText(self.tr("Did you mean %1?").replace(
                "%1", f"<a href='{escape(suggestion)}' style='color:#1d4ed8'>{escape(suggestion)}</a>"))
        if not request.text.strip():
            self.count_label.setText(self.tr("%1 articles").replace("%1", str(results.total))
                                     if self.session.browse else "")
            return
        parts = [self.tr("%1 results").replace("%1", str(results.total)),
                 self.tr("%1 ms").replace("%1", f"{results.took_ms:.0f}")]
        if results.indexing:
            parts.append(self.tr("indexing… results may be incomplete"))
        self.count_label.setText(" · ".join(parts))

    def _current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid():
            self._preview.start()

    def _preview_current(self) -> None:
        if self.lane.busy:
            # Opening an article is Python work on the GUI thread (10–20 ms with its layout), and a search on the
            # worker makes every one of its Qt calls wait for the interpreter: preview when the search is done.
            self._preview.start()
            return
        current = self.view.currentIndex()
        article_id = current.data(ArticleIdRole) if current.isValid() else None
        if article_id and (self.reader.article is None or self.reader.article.id != article_id):
            self.reader.open_article(article_id, record=False)

    def _back_to_search(self) -> None:
        focus_search = getattr(self.window(), "focus_search", None)
        if focus_search is not None:
            focus_search()

    def _article_used(self, article_id: str) -> None:
        """Opened or copied from these results (not from a link elsewhere): evidence for learning from use."""
        if any(self.model.index(row, 0).data(ArticleIdRole) == article_id for row in range(self.model.rowCount())):
            self.session.note_use(article_id)

    def open_index(self, index: QModelIndex, focus: bool = False) -> None:
        if index.isValid():
            self._preview.stop()
            self.view.setCurrentIndex(index)
            self.reader.open_article(index.data(ArticleIdRole), focus=focus)


class CasesPage(LibraryPage):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, Kind.CASE, parent)


class ScriptsPage(LibraryPage):
    def __init__(self, context: AppContext, parent=None):
        super().__init__(context, Kind.SCRIPT, parent)


register_page(PageSpec("search", "Search", 10, lambda context: LibraryPage(context)))
register_page(PageSpec("cases", "Cases", 20, CasesPage))
register_page(PageSpec("scripts", "Scripts", 30, ScriptsPage))
