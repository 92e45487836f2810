"""The main window's left navigation and its stack of pages (from the page registry, for the local role).

Each page is built on first visit. Page modules left for after the first paint (``defer_pages``) are imported one
per event-loop turn; a page asked for before that loads them all at once.
"""

from __future__ import annotations

import importlib
import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QSettings, QTimer, Signal, qVersion
from PySide6.QtWidgets import QListWidget, QListWidgetItem, QStackedWidget, QWidget

from app.ui.context import AppContext
from app.ui.page_registry import PageSpec, pages

log = logging.getLogger(__name__)


def state_key(name: str) -> str:
    """QSettings keys carry the Qt version: a saved state from another Qt may not restore cleanly."""
    return f"mainWindow/{name}_qt{qVersion()}"


def import_page_modules(names: list[str]) -> None:
    for name in names:
        try:
            importlib.import_module(name)
        except Exception:  # one broken capability must not keep the desk from opening
            log.exception("page module %s failed to load", name)


class PageStack(QObject):
    sig_page_shown = Signal(QWidget)  # a page became the current one
    sig_set_query = Signal(str)  # a page asks for this text in the global search field ("did you mean")
    sig_pages_added = Signal()  # the deferred page modules are imported: the navigation grew

    def __init__(self, context: AppContext, settings: QSettings, pending_modules: list[str],
                 parent: QObject | None = None):
        super().__init__(parent)
        self.context, self.settings = context, settings
        self.pending_modules = pending_modules
        self.role = ""
        self.specs: list[PageSpec] = []
        self.pages: dict[str, QWidget] = {}
        self.closed = False
        self.navigation = QListWidget(objectName="navigation")
        self.navigation.setFixedWidth(176)
        self.navigation.currentRowChanged.connect(self._row_changed)
        self.stack = QStackedWidget()

    def build(self, role: str) -> None:
        """The navigation rows of the pages ``role`` sees (their texts are set by :meth:`set_titles`)."""
        self.role = role
        self.specs = [spec for spec in pages() if role in spec.roles]
        self.navigation.blockSignals(True)
        self.navigation.clear()
        for spec in self.specs:
            self.navigation.addItem(QListWidgetItem(spec.key))
        self.navigation.blockSignals(False)

    def set_titles(self, title: Callable[[PageSpec], str]) -> None:
        for row, spec in enumerate(self.specs):
            self.navigation.item(row).setText(title(spec))

    def page(self, key: str) -> QWidget | None:
        """The page widget for ``key``, built on first use."""
        if key in self.pages:
            return self.pages[key]
        row = self.row_of(key, load_pending=True)
        if row < 0:
            return None
        widget = self.specs[row].factory(self.context)
        if hasattr(widget, "sig_set_query"):
            widget.sig_set_query.connect(self.sig_set_query)
        if hasattr(widget, "restore_state"):
            widget.restore_state(self.settings, state_key(f"pages/{key}"))
        self.pages[key] = widget
        self.stack.addWidget(widget)
        return widget

    def show_page(self, key: str) -> QWidget | None:
        row = self.row_of(key, load_pending=True)
        if row < 0:
            return None
        self.navigation.setCurrentRow(row)  # builds and shows it through _row_changed
        return self.pages.get(key)

    def row_of(self, key: str | None, load_pending: bool = False) -> int:
        """The navigation row of page ``key``, or -1; ``load_pending``: import the deferred page modules first when
        the page is not there yet (it may be one of theirs)."""
        row = next((i for i, s in enumerate(self.specs) if s.key == key), -1)
        if row < 0 and load_pending and self.pending_modules:
            self.load_pending_modules()
            row = next((i for i, s in enumerate(self.specs) if s.key == key), -1)
        return row

    def current_key(self) -> str | None:
        row = self.navigation.currentRow()
        return self.specs[row].key if 0 <= row < len(self.specs) else None

    def current_page(self) -> QWidget | None:
        key = self.current_key()
        return self.pages.get(key) if key else None

    def _row_changed(self, row: int) -> None:
        if not 0 <= row < len(self.specs):
            return
        widget = self.page(self.specs[row].key)
        if widget is None:
            return
        self.stack.setCurrentWidget(widget)
        self.sig_page_shown.emit(widget)

    def show_current(self) -> None:
        """Build and show the page of the selected row again (after :meth:`drop_pages`)."""
        self._row_changed(self.navigation.currentRow())

    # --- deferred page modules ----------------------------------------------------------------------------
    def load_next_module(self) -> None:
        """One deferred page module per event-loop turn, so a keystroke meanwhile waits for one import at most."""
        if not self.pending_modules or self.closed:
            return
        import_page_modules([self.pending_modules.pop(0)])
        QTimer.singleShot(0, self.load_next_module if self.pending_modules else self._modules_added)

    def load_pending_modules(self) -> None:
        pending, self.pending_modules = self.pending_modules, []
        import_page_modules(pending)
        self._modules_added()

    def _modules_added(self) -> None:
        if self.closed:
            return
        key = self.current_key()
        self.build(self.role)
        row = self.row_of(key)
        if row >= 0:
            self.navigation.blockSignals(True)  # the same page stays shown: nothing to build or switch
            self.navigation.setCurrentRow(row)
            self.navigation.blockSignals(False)
        self.sig_pages_added.emit()

    # --- state ---------------------------------------------------------------------------------------------
    def save_pages(self) -> None:
        for key, widget in self.pages.items():
            if hasattr(widget, "save_state"):
                widget.save_state(self.settings, state_key(f"pages/{key}"))

    def drop_pages(self) -> None:
        """Forget every built page (each is built again on its next visit, e.g. in a new language)."""
        self.save_pages()
        for widget in self.pages.values():
            self.stack.removeWidget(widget)
            widget.deleteLater()
        self.pages.clear()

    def shutdown(self) -> None:
        self.closed = True
        for widget in self.pages.values():
            if hasattr(widget, "shutdown"):
                widget.shutdown()
