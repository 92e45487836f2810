"""The main window opens offscreen on a demo knowledge base and answers a search."""

from __future__ import annotations


def test_main_window_opens_and_searches(qtbot, clock):
    from app.services import Deskbook
    from app.ui.main_window import MainWindow

    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    desk.prepare_index()
    desk.reindex()
    window = MainWindow(desk)
    qtbot.addWidget(window)
    window.show()
    assert window.isVisible()
    window.search_field.setText("退款")
    assert window.results.count() > 0
    desk.close()
