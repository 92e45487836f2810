"""The main window: wiring only. Pages come from the page registry, commands from the action registry.

Layout: a top bar with the global search field (Ctrl+K or /), the left navigation built from ``pages()``, the
pages in a stack (each built on first visit), a status bar. Pages may implement, by duck typing:
``set_query(text)`` and ``navigate(key) -> bool`` (they then receive the global search field),
``open_article(id, focus=False)``, ``save_state(settings, prefix)`` / ``restore_state(settings, prefix)``,
``shutdown()`` (stop timers before the data closes).
"""

from __future__ import annotations

import gc
import importlib
import logging
import sys

from PySide6.QtCore import QCoreApplication, QEvent, QSettings, Qt, QTimer, Signal, qVersion
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication, QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QMainWindow, QProgressBar, QStackedWidget,
    QVBoxLayout, QWidget,
)

from app.services import Deskbook
from app.ui import actions as action_registry
from app.ui.context import AppContext
from app.ui.language import install_language, resolve_language
from app.ui.meaning_jobs import MeaningJobs
from app.ui.page_modules import PAGE_MODULES
from app.ui.page_registry import PageSpec, pages
from app.ui.search_field import SearchField
from app.ui.tasks import CancelToken, TaskRunner
from app.ui.tray import DueTray, app_icon

log = logging.getLogger(__name__)

DUE_REFRESH_MS = 60_000
SearchPageKey = "search"
TodayPageKey = "today"


def state_key(name: str) -> str:
    """QSettings keys carry the Qt version: a saved state from another Qt may not restore cleanly."""
    return f"mainWindow/{name}_qt{qVersion()}"


def import_page_modules(names: list[str] | None = None) -> None:
    for name in PAGE_MODULES if names is None else names:
        try:
            importlib.import_module(name)
        except Exception:  # one broken capability must not keep the desk from opening
            log.exception("page module %s failed to load", name)


class MainWindow(QMainWindow):
    # The index state found when the window opened the index after its first paint ("ready", "missing", …), or
    # "failed" when opening it raised.
    sig_index_opened = Signal(str)
    sig_pages_loaded = Signal()  # the page modules left for after the first paint are imported (defer_pages)

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
        self.pages: dict[str, QWidget] = {}
        self.specs: list[PageSpec] = []
        self.due_count = 0
        self._reindex_token: CancelToken | None = None
        self._language_dirty = False
        self._closed = False
        self._counting = False
        self._index_requested = False
        self._index_failed = False
        self._painted = False  # background reads wait for the first paint (they would slow the window's start)
        first, rest = (PAGE_MODULES[:1], PAGE_MODULES[1:]) if defer_pages else (PAGE_MODULES, [])
        import_page_modules(first)
        self._pending_modules = [name for name in rest if name not in sys.modules]

        self.setWindowIcon(app_icon())
        self.search_field = SearchField()
        self.search_field.sig_query.connect(self._query_changed)
        self.search_field.sig_navigate.connect(self._navigate)
        self.brand = QLabel(objectName="brand")
        top = QWidget(objectName="topBar")
        top_layout = QHBoxLayout(top)
        top_layout.setContentsMargins(14, 8, 14, 8)
        top_layout.addWidget(self.brand)
        top_layout.addWidget(self.search_field, 1)

        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(176)
        self.navigation.currentRowChanged.connect(self._nav_changed)
        self.stack = QStackedWidget()
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

        self.index_label = QLabel()
        self.progress = QProgressBar(maximumWidth=180, textVisible=False)
        self.progress.hide()
        self.statusBar().addPermanentWidget(self.progress)
        self.statusBar().addPermanentWidget(self.index_label)

        nav = self.context.nav
        nav.sig_open_article.connect(self.open_article)
        nav.sig_open_request.connect(self.open_request)  # 工单 page (app.ui.requests_page)
        nav.sig_show_page.connect(self.show_page)
        nav.sig_status.connect(lambda text: self.statusBar().showMessage(text, 6000))
        nav.sig_data_changed.connect(self.refresh_due)

        self.tray = DueTray(self) if tray else None
        if self.tray is not None:
            self.tray.sig_show_window.connect(self.bring_to_front)
            self.tray.sig_show_today.connect(lambda: (self.bring_to_front(), self.show_page(TodayPageKey)))
            self.tray.sig_quit.connect(self.quit)
        self.due_timer = QTimer(self, interval=DUE_REFRESH_MS)
        self.due_timer.timeout.connect(self.refresh_due)
        self.due_timer.start()

        self._build_navigation()
        self._retranslate()
        self._restore()
        self.search_field.setFocus()  # the agent starts typing the customer's words at once
        # "/" anywhere that is not a text field: text fields take the key as text before a shortcut sees it. (Not an
        # application event filter: one calls into Python for every event, and while a search runs on the worker
        # each call waits for the interpreter, which made typing stutter.)
        QShortcut(QKeySequence("/"), self, self.focus_search, context=Qt.ShortcutContext.WindowShortcut)

    # --- pages and navigation -------------------------------------------------------------------------------
    def _build_navigation(self) -> None:
        role = self.desk.settings.role
        self.specs = [spec for spec in pages() if role in spec.roles]
        self.navigation.blockSignals(True)
        self.navigation.clear()
        for spec in self.specs:
            self.navigation.addItem(QListWidgetItem(spec.key))
        self.navigation.blockSignals(False)

    def page(self, key: str) -> QWidget | None:
        """The page widget for ``key``, built on first use."""
        if key in self.pages:
            return self.pages[key]
        row = self._page_row(key, load_pending=True)
        if row < 0:
            return None
        widget = self.specs[row].factory(self.context)
        if hasattr(widget, "sig_set_query"):
            widget.sig_set_query.connect(self.search_field.setText)
        if hasattr(widget, "restore_state"):
            widget.restore_state(self.qsettings, state_key(f"pages/{key}"))
        self.pages[key] = widget
        self.stack.addWidget(widget)
        return widget

    def show_page(self, key: str) -> QWidget | None:
        row = self._page_row(key, load_pending=True)
        if row < 0:
            return None
        self.navigation.setCurrentRow(row)  # builds and shows it through _nav_changed
        return self.pages.get(key)

    def _page_row(self, key: str | None, load_pending: bool = False) -> int:
        """The navigation row of page ``key``, or -1; ``load_pending``: import the deferred page modules first when
        the page is not there yet (it may be one of theirs)."""
        row = next((i for i, s in enumerate(self.specs) if s.key == key), -1)
        if row < 0 and load_pending and self._pending_modules:
            self._load_pending_pages()
            row = next((i for i, s in enumerate(self.specs) if s.key == key), -1)
        return row

    def _load_next_page_module(self) -> None:
        """One deferred page module per event-loop turn, so a keystroke meanwhile waits for one import at most."""
        if not self._pending_modules or self._closed:
            return
        import_page_modules([self._pending_modules.pop(0)])
        QTimer.singleShot(0, self._load_next_page_module if self._pending_modules else self._pages_added)

    def _load_pending_pages(self) -> None:
        pending, self._pending_modules = self._pending_modules, []
        import_page_modules(pending)
        self._pages_added()

    def _pages_added(self) -> None:
        if self._closed:
            return
        key = self.current_key()
        self._build_navigation()
        row = self._page_row(key)
        if row >= 0:
            self.navigation.blockSignals(True)  # the same page stays shown: nothing to build or switch
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self._set_navigation_texts()
        self._build_menus()
        self.sig_pages_loaded.emit()

    def current_key(self) -> str | None:
        row = self.navigation.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else None

    def current_page(self) -> QWidget | None:
        key = self.current_key()
        return self.pages.get(key) if key else None

    def _nav_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        widget = self.page(self.specs[row].key)
        if widget is None:
            return
        self.stack.setCurrentWidget(widget)
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
        bar = self.menuBar()
        bar.clear()
        role = self.desk.settings.role
        menus = {key: bar.addMenu(action_registry.translate(title)) for key, title in action_registry.MENUS}
        for spec in action_registry.actions():
            if role not in spec.roles:
                continue
            menu = menus.get(spec.menu)
            if menu is None:
                menu = menus[spec.menu] = bar.addMenu(action_registry.translate(spec.menu))
            action = QAction(action_registry.translate(spec.text), self)
            action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
            action.setObjectName(f"action:{spec.key}")
            action.triggered.connect(lambda _checked=False, s=spec: s.trigger(self))
            menu.addAction(action)
        for number, spec in enumerate(self.specs, start=1):
            action = QAction(self._page_title(spec), self)
            if number <= 9:
                action.setShortcut(QKeySequence(f"Ctrl+{number}"))
            action.triggered.connect(lambda _checked=False, key=spec.key: self.show_page(key))
            menus["go"].addAction(action)
        for hook in action_registry.menu_hooks():
            try:
                hook(self, bar)
            except Exception:
                log.exception("menu hook failed")

    @staticmethod
    def _page_title(spec: PageSpec) -> str:
        return QCoreApplication.translate("Pages", spec.title)

    def _retranslate(self) -> None:
        self.setWindowTitle(self.tr("Deskbook — support knowledge base"))
        self.brand.setText(self.tr("Deskbook"))
        self.search_field.setPlaceholderText(self.tr("Search cases, scripts and the handbook…   Ctrl+K"))
        self._set_navigation_texts()
        self._build_menus()
        if self.tray is not None:
            self.tray.retranslate()
        self._update_index_label()

    def _set_navigation_texts(self) -> None:
        for row, spec in enumerate(self.specs):
            title = self._page_title(spec)
            if spec.key == TodayPageKey and self.due_count:
                title = f"{title}  ({self.due_count})"
            self.navigation.item(row).setText(title)

    def set_language(self, language: str) -> None:
        """Switch the UI language now; pages are rebuilt so every page shows the new texts without its own code."""
        install_language(resolve_language(language))
        self._language_dirty = True
        self._apply_language_change()

    def changeEvent(self, event: QEvent) -> None:  # noqa: N802 - Qt's name
        if (event.type() == QEvent.Type.LanguageChange and hasattr(self, "specs") and not self._language_dirty
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
        self._save_pages()
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()
        if key:
            self._nav_changed(self.navigation.currentRow())

    def open_settings(self) -> None:
        from app.ui.settings_dialog import SettingsDialog

        dialog = SettingsDialog(self.desk.settings, self)
        if dialog.exec():
            changed = dialog.apply()
            self.desk.save_settings()
            self.context.nav.sig_settings_changed.emit()
            if changed:
                self.set_language(self.desk.settings.language)

    # --- background work: opening the index, reindex, due items ---------------------------------------------
    def showEvent(self, event) -> None:  # noqa: N802 - Qt's name
        super().showEvent(event)
        if not self._index_requested:
            # Loading the search stack and opening the index (~0.4 s at 50k), the due items and the article count
            # wait until the window has painted; a query typed meanwhile waits for the index in Deskbook.search.
            self._index_requested = True
            QTimer.singleShot(0, self._after_first_paint)

    def _after_first_paint(self) -> None:
        if self._closed:
            return
        self._painted = True
        self._update_index_label()
        self.context.runner.run(self.desk.ensure_index, self._index_opened, self._index_open_failed)
        if self._pending_modules:
            QTimer.singleShot(0, self._load_next_page_module)

    def _after_index_opened(self) -> None:
        # Next, in the background: what the first search or article needs beyond the index (the segmenter's
        # dictionary, the ranker, Markdown, Jinja2), then the due items (they load the curation service).
        self.context.runner.run(lambda: _warm_up(self.desk), lambda _r: self.refresh_due(),
                                lambda _e, _d: self.refresh_due())
        self.meaning_jobs.start()  # the optional meaning model's pending vectors, if one is installed

    def _index_opened(self, state) -> None:
        if self._closed:
            return
        if state != "ready":  # IndexState is a StrEnum; comparing its value keeps the search stack unimported here
            log.info("index %s: rebuilding in the background", state)
            self.start_reindex()
        self._after_index_opened()
        self.sig_index_opened.emit(str(state))

    def _index_open_failed(self, error: BaseException, details: str) -> None:
        # Searching still works (the scan answers); say so where the agent looks and keep the details in the log.
        log.error("opening the search index failed: %s\n%s", error, details)
        self._index_failed = True  # the article count must not cover this message
        if not self._closed:
            self.index_label.setText(self.tr("Index unavailable: searching without it"))
            self._after_index_opened()
            self.sig_index_opened.emit("failed")

    def start_reindex(self) -> None:
        if self._reindex_token is not None:
            return
        self._reindex_token = token = CancelToken()
        self.progress.setRange(0, 0)
        self.progress.show()
        self._update_index_label()
        self.context.runner.run(
            lambda progress: self.desk.reindex(progress, token), self._reindex_done, self._reindex_failed,
            self._reindex_progress,
        )

    def _reindex_progress(self, done: int, total: int) -> None:
        self.progress.setRange(0, max(total, 1))
        self.progress.setValue(done)
        self.index_label.setText(self.tr("Indexing… %1 / %2").replace("%1", str(done)).replace("%2", str(total)))

    def _reindex_done(self, _finished: bool) -> None:
        self._reindex_token = None
        self._index_failed = False
        self.progress.hide()
        self._update_index_label()
        self.statusBar().showMessage(self.tr("Search index ready."), 5000)
        self.context.nav.sig_data_changed.emit()

    def _reindex_failed(self, error: BaseException, details: str) -> None:
        self._reindex_token = None
        self.progress.hide()
        self.index_label.setText(self.tr("Index unavailable: searching without it"))
        log.error("reindex failed: %s\n%s", error, details)

    def _update_index_label(self) -> None:
        if self._reindex_token is not None:
            self.index_label.setText(self.tr("Indexing…"))
            return
        if not self._painted:
            return  # counted after the first paint
        # count(*) reads the whole table (0.1 s at 50k): not on the GUI thread, and never twice at once
        if not self._counting:
            self._counting = True
            self.context.runner.run(self.desk.count_articles, self._show_count, lambda _e, _d: None)

    def _show_count(self, count: int) -> None:
        self._counting = False
        if self._reindex_token is None and not self._closed and not self._index_failed:
            self.index_label.setText(self.tr("%1 articles").replace("%1", str(count)))

    def refresh_due(self) -> None:
        if not self._painted or self._closed:
            return  # read after the first paint; not once the data may be closing
        self.context.runner.run(self.desk.due, self._due_loaded, lambda _e, _d: None)

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

    def _save_pages(self) -> None:
        for key, widget in self.pages.items():
            if hasattr(widget, "save_state"):
                widget.save_state(self.qsettings, state_key(f"pages/{key}"))

    def save_state(self) -> None:
        self.qsettings.setValue(state_key("geometry"), self.saveGeometry())
        self.qsettings.setValue(state_key("state"), self.saveState())
        self.qsettings.setValue(state_key("lastPage"), self.current_key() or SearchPageKey)
        self._save_pages()
        self.qsettings.sync()

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt's name
        self._closed = True  # the data may be closed next: no more background refreshes
        self.meaning_jobs.stop()
        self.due_timer.stop()
        for widget in self.pages.values():
            if hasattr(widget, "shutdown"):
                widget.shutdown()
        self.save_state()
        if self._reindex_token is not None:
            self._reindex_token.cancel()
        QApplication.instance().removeEventFilter(self)
        if self.tray is not None and self.tray.icon is not None:
            self.tray.icon.hide()
        super().closeEvent(event)

    def quit(self) -> None:
        self.close()
        QApplication.instance().quit()


def _warm_up(desk: Deskbook) -> None:
    desk.warm_up_search()
    from app.rendering import render_markdown

    # Markdown's modules and regular expressions load here, not when the first article opens on the GUI thread
    # (a 60–80 ms hitch in the typing benchmark).
    render_markdown("**预热**\n\n- 列表\n\n| 表 | 头 |\n|---|---|\n| 1 | 2 |\n\n```\ncode\n```")
    import app.templates.placeholders  # noqa: F401

    # What start-up loaded (Qt wrappers, the index readers, the modules) lives as long as the app: moved out of the
    # collector's sight, a full collection no longer walks it while the agent types (a 36 ms GUI stall before).
    # Once per process: a later window (tests open many) is garbage collected as usual.
    global _START_UP_FROZEN
    if not _START_UP_FROZEN:
        _START_UP_FROZEN = True
        gc.freeze()


_START_UP_FROZEN = False
