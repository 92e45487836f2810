"""The main window opens offscreen on a demo knowledge base and answers a search through the real thread pool."""

from __future__ import annotations


def test_main_window_opens_and_searches(qtbot, clock, qsettings):
    from app.services import Deskbook
    from app.ui.main_window import MainWindow

    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    desk.prepare_index()
    desk.reindex()
    try:
        window = MainWindow(desk, settings=qsettings, tray=False)  # the default TaskRunner: a QThreadPool
        qtbot.addWidget(window)
        window.show()
        assert window.isVisible()
        page = window.page("search")
        with qtbot.waitSignal(page.session.sig_results, timeout=10000):
            window.search_field.setText("退款")
        assert page.model.rowCount() > 0
        window.close()
    finally:
        window.context.runner.pool.waitForDone(5000)
        desk.close()
