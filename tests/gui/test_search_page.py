"""Search as you type: results, keyboard navigation, IME safety, stale answers, filters."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QInputMethodEvent

from app.search.query import SearchFilters
from app.services import SearchResults
from app.ui.result_model import ArticleIdRole, ResultListModel, browse_row
from app.ui.search_session import SearchSession, SerialLane
from tests.gui.conftest import search


def test_ascii_typed_with_the_keyboard_finds_results(qtbot, desk_window):
    page, results = search(qtbot, desk_window, keys="App")
    assert page is desk_window.page("search")
    assert page.model.rowCount() > 0
    titles = [page.model.row_at(i).summary.title for i in range(page.model.rowCount())]
    assert any("App" in t for t in titles)
    assert "results" in page.count_label.text()


def test_pinyin_typed_with_the_keyboard_finds_chinese_titles(qtbot, desk_window):
    page, _results = search(qtbot, desk_window, keys="tuikuan")
    titles = [page.model.row_at(i).summary.title for i in range(page.model.rowCount())]
    assert any("退款" in t for t in titles)


def test_chinese_query_highlights_the_matched_words(qtbot, desk_window):
    page, results = search(qtbot, desk_window, text="退款")
    assert page.model.rowCount() == len(results.results) > 0
    first = page.model.row_at(0)
    assert first.title_spans or first.fragment_spans
    assert page.view.currentIndex().row() == 0  # the first result is ready for Enter


def test_arrow_and_enter_open_a_result(qtbot, desk_window, shared_desk):
    page, _results = search(qtbot, desk_window, text="退款")
    assert page.model.rowCount() >= 2
    qtbot.keyClick(desk_window.search_field, Qt.Key.Key_Down)
    assert page.view.currentIndex().row() == 1
    chosen = page.model.index(1, 0).data(ArticleIdRole)
    views_before = shared_desk.get_article(chosen).views
    qtbot.keyClick(desk_window.search_field, Qt.Key.Key_Return)
    assert page.reader.article.id == chosen
    assert shared_desk.get_article(chosen).views == views_before + 1  # opening counts; arrowing through does not


def test_no_search_while_an_input_method_is_composing(qtbot, desk_window):
    field = desk_window.search_field
    emitted = []
    field.sig_query.connect(emitted.append)
    composing = QInputMethodEvent("tuik", [])
    field.inputMethodEvent(composing)
    assert field.composing
    qtbot.keyClick(field, Qt.Key.Key_Return)  # Enter belongs to the input method while composing
    assert emitted == []
    committed = QInputMethodEvent("", [])
    committed.setCommitString("退款")
    field.inputMethodEvent(committed)
    assert not field.composing
    assert emitted == ["退款"]


class DeferredRunner:
    """Holds tasks until the test releases them, to deliver answers in any order."""

    def __init__(self):
        self.jobs = []

    def run(self, fn, on_done=None, on_error=None, on_progress=None):
        self.jobs.append((fn, on_done))

    def release(self, index=0):
        fn, on_done = self.jobs.pop(index)
        on_done(fn())


def test_an_older_answer_never_overwrites_a_newer_query(qtbot, shared_desk):
    runner = DeferredRunner()
    session = SearchSession(shared_desk, SerialLane(runner), debounce_ms=0)
    shown = []
    session.sig_results.connect(lambda results, request, _rendered: shown.append(results.query))
    session.set_text("退款")
    session.set_text("物流")  # typed while the first query is still running
    runner.release()  # the 退款 answer arrives late: dropped
    assert shown == []
    runner.release()  # then the 物流 query runs and is shown
    assert shown == ["物流"]
    assert session.shown_generation == session.generation


def test_rows_are_prepared_with_the_answer_only_while_it_is_still_wanted(qtbot, shared_desk):
    runner = DeferredRunner()
    session = SearchSession(shared_desk, SerialLane(runner), debounce_ms=0)
    prepared_for: list[str] = []
    session.prepare_rows = lambda request: (lambda rows: prepared_for.append(request.text) or len(rows))
    shown = []
    session.sig_results.connect(lambda results, request, prepared: shown.append((request.text, prepared)))
    session.set_text("退款")
    session.set_text("物流")  # typed while the 退款 query runs: its rows would never be shown, so are not prepared
    runner.release()
    runner.release()
    assert prepared_for == ["物流"]
    assert len(shown) == 1 and shown[0][0] == "物流" and shown[0][1] > 0  # what was prepared arrives with it


def test_a_late_answer_for_an_old_generation_is_ignored(qtbot, shared_desk):
    session = SearchSession(shared_desk, SerialLane(DeferredRunner()), debounce_ms=0)
    shown = []
    session.sig_results.connect(lambda results, request, _rendered: shown.append(results.query))
    from app.ui.search_session import SearchRequest

    old = SearchRequest("退", SearchFilters(), 1)
    session.generation = 5
    session._deliver(old, SearchResults("退", [], 0, 1.0))
    assert shown == []


def test_kind_filter_limits_results(qtbot, desk_window):
    page, _results = search(qtbot, desk_window, text="退款")
    with qtbot.waitSignal(page.session.sig_results, timeout=5000):
        page.kind_filter.setCurrentIndex(page.kind_filter.findData("script"))
    kinds = {page.model.row_at(i).summary.kind.value for i in range(page.model.rowCount())}
    assert kinds == {"script"}


def test_slash_focuses_the_search_field(qtbot, desk_window):
    page, _results = search(qtbot, desk_window, text="退款")
    page.view.setFocus()
    qtbot.keyClick(page.view, Qt.Key.Key_Slash)
    assert desk_window.search_field.hasFocus()


def test_result_model_passes_the_model_tester(qtmodeltester, shared_desk):
    model = ResultListModel()
    now = shared_desk.clock()
    model.set_rows([browse_row(s, now) for s in shared_desk.list_articles(limit=10)])
    qtmodeltester.check(model)
    assert model.rowCount() == 10


def test_cases_page_lists_only_cases_before_anything_is_typed(qtbot, desk_window):
    page = desk_window.show_page("cases")
    assert page.model.rowCount() > 0
    assert {page.model.row_at(i).summary.kind.value for i in range(page.model.rowCount())} == {"case"}


def test_escape_in_the_reading_pane_returns_to_the_search_field(qtbot, desk_window, shared_desk):
    page, _results = search(qtbot, desk_window, text="退款")
    desk_window.focus_search()  # activates the window: focus moves only inside an active window
    qtbot.waitActive(desk_window)
    qtbot.keyClick(desk_window.search_field, Qt.Key.Key_Return)
    focused = desk_window.focusWidget()
    assert focused is not desk_window.search_field
    qtbot.keyClick(focused, Qt.Key.Key_Escape)
    assert desk_window.search_field.hasFocus()


def test_the_reading_pane_previews_the_selection_only_once_no_search_is_running(qtbot, desk_window):
    page, _results = search(qtbot, desk_window, text="退款")
    page.view.setCurrentIndex(page.model.index(1, 0))
    wanted = page.model.index(1, 0).data(ArticleIdRole)
    page.lane._busy = True  # the next keystroke's search is running on the worker
    page._preview_current()
    assert page.reader.article is None or page.reader.article.id != wanted
    assert page._preview.isActive()  # tried again later
    page.lane._busy = False
    qtbot.waitUntil(lambda: page.reader.article is not None and page.reader.article.id == wanted, timeout=2000)


def test_opening_and_copying_a_result_pairs_it_with_the_query(qtbot, desk_window, shared_desk):
    """Learning from use: the search session ties the query to the article opened from its results."""
    page, _results = search(qtbot, desk_window, text="退款")
    chosen = page.model.index(0, 0).data(ArticleIdRole)
    before = shared_desk.db.execute("SELECT coalesce(sum(sessions), 0) FROM learnt_pairs WHERE query = '退款'"
                                    " AND article_id = ?", [chosen]).fetchone()[0]
    qtbot.keyClick(desk_window.search_field, Qt.Key.Key_Return)
    assert page.reader.article.id == chosen
    page.reader.sig_article_used.emit(chosen)  # the copy that follows: the same session, counted once
    after = shared_desk.db.execute("SELECT coalesce(sum(sessions), 0) FROM learnt_pairs WHERE query = '退款'"
                                   " AND article_id = ?", [chosen]).fetchone()[0]
    assert after == before + 1
    # An article opened from a link, not from these results, is no evidence for the query.
    other = next(a.id for a in shared_desk.list_articles() if a.id not in
                 {page.model.index(r, 0).data(ArticleIdRole) for r in range(page.model.rowCount())})
    page.open_article(other)
    assert shared_desk.db.execute("SELECT count(*) FROM learnt_pairs WHERE article_id = ?", [other]).fetchone()[0] == 0
