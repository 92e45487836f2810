"""The window paints first, then opens the search index in the background (rebuilding a missing one)."""

from __future__ import annotations

from app.services import Deskbook
from app.ui.tasks import SynchronousRunner
from tests.gui.conftest import search


def test_the_window_opens_the_index_after_it_is_shown_and_rebuilds_a_missing_one(qtbot, clock, qsettings):
    from app.ui.main_window import MainWindow

    desk = Deskbook.open(None, seed_demo=True, clock=clock)  # nobody prepared the index (as launch_gui now)
    try:
        window = MainWindow(desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
        qtbot.addWidget(window)
        opened: list[str] = []
        window.sig_index_opened.connect(opened.append)
        assert opened == [] and not desk.needs_rebuild()  # building the window opened nothing
        with qtbot.waitSignal(window.sig_index_opened, timeout=5000):
            window.show()
        assert opened == ["missing"]  # the RAM index of a new desk: rebuilt at once (synchronously here)
        assert desk.index_state().value == "ready"
        assert "articles" in window.index_label.text()  # the count is read after the first paint too
        _page, results = search(qtbot, window, "退款")
        assert results.results and not results.indexing
    finally:
        desk.close()


def test_a_failed_index_opening_is_shown_and_search_still_answers(qtbot, clock, qsettings, monkeypatch):
    from app.ui.main_window import MainWindow

    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    try:
        def broken():
            raise OSError("disk unreadable")

        monkeypatch.setattr(desk, "ensure_index", broken)
        window = MainWindow(desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.sig_index_opened, timeout=5000) as blocker:
            window.show()
        assert blocker.args == ["failed"]
        assert window.index_label.text() == "Index unavailable: searching without it"
        monkeypatch.undo()
        _page, results = search(qtbot, window, "退款")
        assert results.results  # the search opens what it can or scans
    finally:
        desk.close()


def _deferred_setup(monkeypatch):
    import sys

    from app.ui import main_window, page_registry

    module = "tests.gui.deferred_page_module"
    monkeypatch.setattr(main_window, "PAGE_MODULES", ["app.ui.search_page", module])
    monkeypatch.delitem(sys.modules, module, raising=False)
    # The registry is global: the test page must not stay in the navigation of later tests' windows.
    monkeypatch.setattr(page_registry, "_PAGES", dict(page_registry._PAGES))


def test_deferred_page_modules_load_after_the_first_paint(qtbot, shared_desk, qsettings, monkeypatch):
    from app.ui.main_window import MainWindow

    _deferred_setup(monkeypatch)
    window = MainWindow(shared_desk, runner=SynchronousRunner(), settings=qsettings, tray=False, defer_pages=True)
    qtbot.addWidget(window)
    keys = [s.key for s in window.specs]
    assert "search" in keys and "deferred-test" not in keys  # not imported while the window was built
    assert window.current_key() == "search"
    with qtbot.waitSignal(window.sig_pages_loaded, timeout=5000):
        window.show()
    assert [s.key for s in window.specs][-1] == "deferred-test"
    assert window.navigation.count() == len(window.specs)
    assert window.navigation.item(len(window.specs) - 1).text() == "Deferred test"
    assert window.current_key() == "search" and window.current_page() is window.pages["search"]
    from PySide6.QtGui import QAction

    assert "Deferred test" in [a.text() for a in window.findChildren(QAction)]  # its Go-menu entry


def test_a_deferred_page_asked_for_at_once_is_loaded_then(qtbot, shared_desk, qsettings, monkeypatch):
    from app.ui.main_window import MainWindow

    _deferred_setup(monkeypatch)
    qsettings.setValue(f"mainWindow/lastPage_qt{__import__('PySide6.QtCore').QtCore.qVersion()}", "deferred-test")
    window = MainWindow(shared_desk, runner=SynchronousRunner(), settings=qsettings, tray=False, defer_pages=True)
    qtbot.addWidget(window)
    assert window.current_key() == "deferred-test"  # the last page of the previous session, restored
    assert window.current_page().text() == "deferred"
