"""Result rows rendered into images with the search's answer, so the GUI thread only draws them."""

from __future__ import annotations

import threading

import pytest
from PySide6.QtGui import QImage

import app.ui.result_delegate as result_delegate
from app.ui.result_delegate import RowPrerender, images_fit
from app.ui.result_row import RowStyle, render_row
from tests.gui.conftest import search


@pytest.fixture
def direct_paints(monkeypatch):
    """Counts the rows the delegate paints itself instead of drawing a rendered image."""
    painted: list[str] = []
    paint_row = result_delegate.paint_row

    def counting(painter, rect, row, selected, style):
        painted.append(row.summary.title)
        return paint_row(painter, rect, row, selected, style)

    monkeypatch.setattr(result_delegate, "paint_row", counting)
    return painted


def _list_pixels(page) -> QImage:
    return page.view.viewport().grab().toImage()


def _painted_directly(page) -> QImage:
    page.delegate.adopt(None)
    return _list_pixels(page)


@pytest.mark.parametrize("query", ["退款", "App 闪退"])  # many results (a scroll bar), and a few (none)
def test_the_visible_rows_are_drawn_from_images_that_match_painting_them(qtbot, desk_window, direct_paints, query):
    page, results = search(qtbot, desk_window, text=query)
    assert results.results
    qtbot.waitExposed(page.view)

    drawn = _list_pixels(page)
    if images_fit(page.view.viewport().devicePixelRatioF()):
        assert direct_paints == []  # every visible row, the selected first one included, came from an image
    else:  # a fractional scale (test_result_rows_scaled.py runs this module at 150 %): every row is painted
        assert len(direct_paints) > 0
    painted_before = len(direct_paints)
    assert drawn == _painted_directly(page)
    assert len(direct_paints) > painted_before


def test_after_a_resize_the_rows_are_painted_at_the_new_width(qtbot, desk_window, direct_paints):
    page, _results = search(qtbot, desk_window, text="退款")
    page.splitter.setSizes([page.splitter.sizes()[0] + 60, page.splitter.sizes()[1] - 60])
    qtbot.wait(10)

    drawn = _list_pixels(page)
    assert direct_paints  # the images were rendered for the old width, so they are not used
    assert drawn == _painted_directly(page)


def test_a_row_selected_later_is_painted_with_its_selection(qtbot, desk_window, direct_paints):
    page, _results = search(qtbot, desk_window, text="退款")
    page.view.setCurrentIndex(page.model.index(1, 0))

    drawn = _list_pixels(page)
    selected_title = page.model.row_at(1).summary.title
    assert selected_title in direct_paints
    assert drawn == _painted_directly(page)


def test_a_worker_thread_renders_the_same_row_as_the_gui_thread(qtbot, desk_window):
    page, results = search(qtbot, desk_window, text="退款")
    font_key = page.view.font().toString()
    row = results.results[0]
    on_gui_thread = render_row(row, True, 400, 1.0, font_key)
    on_worker: list[QImage] = []
    worker = threading.Thread(target=lambda: on_worker.append(render_row(row, True, 400, 1.0, font_key)))
    worker.start()
    worker.join()

    assert on_worker[0] == on_gui_thread
    assert on_gui_thread.height() == RowStyle.for_font(font_key).height


def test_only_the_rows_that_fit_are_rendered_and_the_first_one_selected(qtbot, desk_window):
    page, results = search(qtbot, desk_window, text="退款")
    style = RowStyle.for_font(page.view.font().toString())
    prerender = RowPrerender(page.view.font().toString(), 500, 14, style.height * 3, 1.0, select_first=True)

    rendered = prerender(results.results * 4)  # long enough to need a scroll bar

    assert len(rendered) == 3 + result_delegate.SPARE_ROWS
    assert [item.selected for item in rendered] == [True] + [False] * (len(rendered) - 1)
    assert {item.width for item in rendered} == {500 - 14}
    assert prerender(results.results[:1])[0].width == 500  # one row: no scroll bar


def test_images_are_used_only_where_rows_land_on_whole_device_pixels():
    assert images_fit(1.0) and images_fit(2.0) and images_fit(3)
    assert not images_fit(1.25) and not images_fit(1.5)
