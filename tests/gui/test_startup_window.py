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
