"""The main window: wiring only. Pages come from the page registry, commands from the action registry.

Layout: a top bar with the global search field (Ctrl+K or /), the left navigation and the pages in a stack
(:mod:`app.ui.page_stack`, each page built on first visit), a status bar with the search index's state
(:mod:`app.ui.index_status`). Pages may implement, by duck typing:
``set_query(text)`` and ``navigate(key) -> bool`` (they then receive the global search field),
``open_article(id, focus=False)``, ``save_state(settings, prefix)`` / ``restore_state(settings, prefix)``,
``shutdown()`` (stop timers before the data closes).
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtCore import QEvent, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QMainWindow, QVBoxLayout, QWidget

from app.services import Deskbook
from app.ui.context import AppContext
from app.ui.forward import Forward
from app.ui.index_status import IndexStatus, warm_up
from app.ui.language import install_language, resolve_language
from app.ui.meaning_jobs import MeaningJobs
from app.ui.menu_bar import build_menu_bar, page_title
from app.ui.page_modules import PAGE_MODULES
from app.ui.page_registry import PageSpec
from app.ui.page_stack import PageStack, import_page_modules, state_key
from app.ui.search_field import SearchField
from app.ui.tasks import TaskRunner
from app.ui.tray import DueTray, app_icon

log = logging.getLogger(__name__)

DUE_REFRESH_MS = 60_000
SearchPageKey = "search"
TodayPageKey = "today"

__all__ = ["MainWindow", "import_page_modules", "state_key"]


class MainWindow(QMainWindow):
    # The index state found when the window opened the index after its first paint ("ready", "missing", …), or
    # "failed" when opening it raised.
    sig_index_opened = Signal(str)
    sig_pages_loaded = Signal()  # the page modules left for after the first paint are imported (defer_pages)

    # The parts' widgets and lists, named on the window as before the split.
    specs = Forward("page_stack")
    pages = Forward("page_stack")
    navigation = Forward("page_stack")
    stack = Forward("page_stack")
    index_label = Forward("index_status")
    progress = Forward("index_status")

    def __init__(self, desk: Deskbook | AppContext, *, runner: TaskRunner | None = None,
                 settings: QSettings | None = None, tray: bool = True, defer_pages: bool = False):
        """``defer_pages``: import only the first page module (the search page) before the window shows, the
        others one per event-loop turn after the first paint (~0.1 s at start); the navigation and menus then
        grow. A page asked for before that (the last page of the previous session) loads them all at once."""
        super().__init__()
        self.context = desk if isinstance(desk, AppContext) else AppContext(desk, runner or TaskRunner())
        self.meaning_jobs = MeaningJobs(self.context, self)
        self.desk = self.context.desk
        self.qsettings = settings or QSettings()
        self.due_count = 0
        self._language_dirty = False
        self._closed = False
        self._index_requested = False
        first, rest = (PAGE_MODULES[:1], PAGE_MODULES[1:]) if defer_pages else (PAGE_MODULES, [])
        import_page_modules(first)
        pending = [name for name in rest if name not in sys.modules]
        self.page_stack = PageStack(self.context, self.qsettings, pending, self)

        self.setWindowIcon(app_icon())
        self._build_layout()
        self.index_status = IndexStatus(self.context, self.statusBar(), self)
        self.index_status.sig_opened.connect(self._index_opened)
        self._connect_parts()
        self._start_due_reminders(tray)
        self._build_navigation()
        self._retranslate()
        self._restore()
        self.search_field.setFocus()  # the agent starts typing the customer's words at once
        # "/" anywhere that is not a text field: text fields take the key as text before a shortcut sees it. (Not an
        # application event filter: one calls into Python for every event, and while a search runs on the worker
        # each call waits for the interpreter, which made typing stutter.)
        QShortcut(QKeySequence("/"), self, self.focus_search, context=Qt.ShortcutContext.WindowShortcut)

    def _build_layout(self) -> None:
        """The top bar with the global search field, the navigation beside the page stack."""
        self.search_field = SearchField()
        self.brand = QLabel(objectName="brand")
        top = QWidget(objectName="topBar")
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(14, 8, 14, 8)
        top_layout.addWidget(self.brand)
        top_layout.addWidget(self.search_field, 1)
        body = QHBoxLayout()
        body.setContentsMargins(0, 0, 0, 0)
        body.setSpacing(0)
        body.addWidget(self.navigation)
        body.addWidget(self.stack, 1)
        central = QWidget()
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(top)
        column.addLayout(body, 1)
        self.setCentralWidget(central)

    def _connect_parts(self) -> None:
        self.search_field.sig_query.connect(self._query_changed)
        self.search_field.sig_navigate.connect(self._navigate)
        self.page_stack.sig_page_shown.connect(self._page_shown)
        self.page_stack.sig_set_query.connect(self.search_field.setText)
        self.page_stack.sig_pages_added.connect(self._pages_added)
        nav = self.context.nav
        nav.sig_open_article.connect(self.open_article)
        nav.sig_open_request.connect(self.open_request)  # 工单 page (app.ui.requests_page)
        nav.sig_new_request.connect(self.new_request)
        nav.sig_show_page.connect(self.show_page)
        nav.sig_status.connect(self._show_status)
        nav.sig_data_changed.connect(self.refresh_due)

    def _show_status(self, text: str) -> None:
        self.statusBar().showMessage(text, 6000)

    def _start_due_reminders(self, tray: bool) -> None:
        """The tray icon with the count of due items, refreshed every minute and after every change."""
        self.tray = DueTray(self) if tray else None
        if self.tray is not None:
            self.tray.sig_show_window.connect(self.bring_to_front)
            self.tray.sig_show_today.connect(self._show_today)
            self.tray.sig_quit.connect(self.quit)
        self.due_timer = QTimer(self, interval=DUE_REFRESH_MS)
        self.due_timer.timeout.connect(self.refresh_due)
        self.due_timer.start()

    def _show_today(self) -> None:
        self.bring_to_front()
        self.show_page(TodayPageKey)

    # --- pages and navigation -------------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        self.page_stack.build(self.desk.settings.role)

    def page(self, key: str) -> QWidget | None:
        """The page widget for ``key``, built on first use."""
        return self.page_stack.page(key)

    def show_page(self, key: str) -> QWidget | None:
        return self.page_stack.show_page(key)

    def current_key(self) -> str | None:
        return self.page_stack.current_key()

    def current_page(self) -> QWidget | None:
        return self.page_stack.current_page()

    def _pages_added(self) -> None:
        self._set_navigation_texts()
        self._build_menus()
        self.sig_pages_loaded.emit()

    def _page_shown(self, widget: QWidget) -> None:
        if hasattr(widget, "set_query"):
            widget.set_query(self.search_field.text())

    def _query_changed(self, text: str) -> None:
        page = self.current_page()
        if not hasattr(page, "set_query"):
            page = self.show_page(SearchPageKey)
        if page is not None and hasattr(page, "set_query"):
            page.set_query(text)

    def _navigate(self, key: int) -> None:
        page = self.current_page()
        if hasattr(page, "navigate"):
            page.navigate(key)

    def open_request(self, request_id: str) -> None:
        page = self.show_page("requests")
        if page is not None and hasattr(page, "open_request"):
            page.open_request(request_id)

    def new_request(self, handbook_article_id: str = "", ticked: list | None = None, answers: dict | None = None):
        """The intake form, pre-filled from a handbook entry when one is given; it saves to the 工单 page."""
        from app.ui.request_form import open_request_form

        return open_request_form(self.context, handbook_article_id or None, ticked, answers=answers, parent=self)

    def open_article(self, article_id: str) -> None:
        page = self.current_page()
        if not hasattr(page, "open_article") or self.current_key() == TodayPageKey:
            page = self.show_page(SearchPageKey)
        if page is not None:
            page.open_article(article_id, focus=True)

    def as_widget(self) -> QWidget:
        return self

    def focus_search(self) -> None:
        self.bring_to_front()
        self.search_field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search_field.selectAll()

    def bring_to_front(self) -> None:
        if self.isMinimized():
            self.showNormal()
        self.show()
        self.raise_()
        self.activateWindow()

    # --- menus, texts, language ----------------------------------------------------------------------------
    def _build_menus(self) -> None:
        build_menu_bar(self, self.menuBar(), self.desk.settings.role, self.specs, self.show_page)

    @staticmethod
    def _page_title(spec: PageSpec) -> str:
        return page_title(spec)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Deskbook — support knowledge base"))
        self.brand.setText(self.tr("Deskbook"))
        self.search_field.setPlaceholderText(self.tr("Search cases, scripts and the handbook…   Ctrl+K"))
        self._set_navigation_texts()
        self._build_menus()
        if self.tray is not None:
            self.tray.retranslate()
        self.index_status.update_label()

    def _navigation_text(self, spec: PageSpec) -> str:
        title = self._page_title(spec)
        return f"{title}  ({self.due_count})" if spec.key == TodayPageKey and self.due_count else title

    def _set_navigation_texts(self) -> None:
        self.page_stack.set_titles(self._navigation_text)

    def set_language(self, language: str) -> None:
        """Switch the UI language now; pages are rebuilt so every page shows the new texts without its own code."""
        install_language(resolve_language(language))
        self._language_dirty = True
        self._apply_language_change()

    def changeEvent(self, event: QEvent) -> None:
        if (event.type() == QEvent.Type.LanguageChange and hasattr(self, "page_stack") and not self._language_dirty
                and not self._closed):
            # Installing translators sends several events; rebuild once, after the last one.
            self._language_dirty = True
            QTimer.singleShot(0, self._apply_language_change)
        super().changeEvent(event)

    def _apply_language_change(self) -> None:
        if self._language_dirty and not self._closed:
            self._language_dirty = False
            self._retranslate()
            self._rebuild_pages()

    def _rebuild_pages(self) -> None:
        key = self.current_key()
        self.page_stack.drop_pages()
        if key:
            self.page_stack.show_current()

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.desk.settings, self)
        if dialog.exec():
            changed = dialog.apply()
            self.context.runner.write(self.desk.save_settings, owner=self)
            self.context.nav.sig_settings_changed.emit()
            if changed:
                self.set_language(self.desk.settings.language)

    # --- background work: opening the index, reindex, due items ---------------------------------------------
    def showEvent(self, event) -> None:
        super().showEvent(event)
        if not self._index_requested:
            # Loading the search stack and opening the index (~0.4 s at 50k), the due items and the article count
            # wait until the window has painted; a query typed meanwhile waits for the index in Deskbook.search.
            self._index_requested = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._closed:
            return
        self.index_status.open_index()
        if self.page_stack.pending_modules:
            QTimer.singleShot(0, self.page_stack.load_next_module)

    def _index_opened(self, state: str) -> None:
        # Next, in the background: what the first search or article needs beyond the index (the segmenter's
        # dictionary, the ranker, Markdown, Jinja2), then the due items (they load the curation service).
        desk = self.desk
        self.context.runner.run(lambda: warm_up(desk), self._warmed_up, self._warmed_up)
        self.meaning_jobs.start()  # the optional meaning model's pending vectors, if one is installed
        self.sig_index_opened.emit(state)

    def _warmed_up(self, *_result) -> None:
        self.refresh_due()

    def start_reindex(self) -> None:
        self.index_status.start_reindex()

    def refresh_due(self) -> None:
        if not self.index_status.painted or self._closed:
            return  # read after the first paint; not once the data may be closing
        # the count the 今日待办 page lists (today's items, not only those already due)
        self.context.runner.run(self.desk.agenda, self._due_loaded, lambda _e, _d: None)

    def _due_loaded(self, items: list) -> None:
        self.due_count = len(items)
        self._set_navigation_texts()  # 今日待办 shows the count
        if self.tray is not None:
            self.tray.set_count(self.due_count)

    # --- state ------------------------------------------------------------------------------------------------
    def _restore(self) -> None:
        geometry = self.qsettings.value(state_key("geometry"))
        if geometry is None or not self.restoreGeometry(geometry):
            self.resize(1280, 820)
        state = self.qsettings.value(state_key("state"))
        if state is not None:
            self.restoreState(state)
        last = self.qsettings.value(state_key("lastPage"), SearchPageKey)
        if self.show_page(str(last)) is None:
            self.show_page(SearchPageKey) or self.navigation.setCurrentRow(0)

    def save_state(self) -> None:
        self.qsettings.setValue(state_key("geometry"), self.saveGeometry())
        self.qsettings.setValue(state_key("state"), self.saveState())
        self.qsettings.setValue(state_key("lastPage"), self.current_key() or SearchPageKey)
        self.page_stack.save_pages()
        self.qsettings.sync()

    def closeEvent(self, event) -> None:
        self._closed = True  # the data may be closed next: no more background refreshes
        self.meaning_jobs.stop()
        self.due_timer.stop()
        self.page_stack.shutdown()
        self.save_state()
        self.index_status.close()
        QApplication.instance().removeEventFilter(self)
        if self.tray is not None and self.tray.icon is not None:
            self.tray.icon.hide()
        super().closeEvent(event)

    def quit(self) -> None:
        self.close()
        QApplication.instance().quit()
