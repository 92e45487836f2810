"""Analytics count what a person did once, in the window: a search once per query settled on (not per keystroke,
refresh or return to the page), and a view once per reading of an article in the reading pane (not per repaint)."""

from __future__ import annotations

from app.ui import reader as reader_module
from tests.gui.conftest import search


def _searches(desk, query: str) -> int:
    return desk.db.execute("SELECT count(*) FROM search_log WHERE query = ?", [query]).fetchone()[0]


def _settle(qtbot, page) -> None:
    """Typing has paused: the settle timer fires (shortened from 1.5 s for the test)."""
    page.session._settle.setInterval(10)
    if page.session._settle.isActive():
        page.session._settle.start()
    qtbot.wait(50)


def test_a_search_is_counted_once_however_often_its_list_runs(qtbot, window, demo_desk):
    page, _results = search(qtbot, window, keys="tuikuan")  # the prefixes t, tu, tui … are not searches
    _settle(qtbot, page)
    assert _searches(demo_desk, "tuikuan") == 1 and _searches(demo_desk, "tuik") == 0
    with qtbot.waitSignal(page.session.sig_results):
        window.context.nav.sig_data_changed.emit()  # a save elsewhere re-runs the list
    _settle(qtbot, page)
    window.show_page("cases")  # another page shows the same query …
    _settle(qtbot, window.current_page())
    window.show_page("search")  # … and back
    _settle(qtbot, page)
    page.kind_filter.setCurrentIndex(1)  # a filter narrows the same search
    _settle(qtbot, page)
    assert _searches(demo_desk, "tuikuan") == 1

    window.search_field.clear()  # a new question: the same words are a new search
    search(qtbot, window, text="tuikuan")
    _settle(qtbot, page)
    assert _searches(demo_desk, "tuikuan") == 2


def test_a_result_opened_before_typing_paused_counts_the_search(qtbot, window, demo_desk):
    before = _searches(demo_desk, "发票")  # the demo's history has some
    page, results = search(qtbot, window, text="发票")
    assert results.results
    page.open_index(page.model.index(0, 0))  # Enter at once, before the 1.5 s pause
    qtbot.wait(20)
    assert _searches(demo_desk, "发票") == before + 1
    _settle(qtbot, page)
    assert _searches(demo_desk, "发票") == before + 1


def test_reading_a_preview_counts_one_view(qtbot, window, demo_desk, monkeypatch):
    monkeypatch.setattr(reader_module, "READ_MS", 30)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow, timeout=2000)
    page, results = search(qtbot, window, text="退款")
    pane = page.reader
    pane._reading.setInterval(30)
    first, second = results.results[0].summary.id, results.results[1].summary.id
    views, second_views = demo_desk.get_article(first).views, demo_desk.get_article(second).views
    pane.open_article(first, record=False)  # previewed while arrowing through the results
    assert demo_desk.get_article(first).views == views  # not yet: glanced at, not read
    pane.open_article(second, record=False)  # moved on within the moment
    qtbot.waitUntil(lambda: demo_desk.get_article(second).views == second_views + 1, timeout=2000)
    assert demo_desk.get_article(first).views == views
    for _ in range(3):  # the same article shown again: a refresh, a repaint, the list re-run
        pane.open_article(second, record=False)
        pane.open_article(second)
    qtbot.wait(100)
    assert demo_desk.get_article(second).views == second_views + 1
    pane.open_article(first)  # opened on purpose: a view at once, and a new reading
    assert demo_desk.get_article(first).views == views + 1
