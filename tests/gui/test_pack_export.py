"""A long export from the 入职培训包 page: a progress bar follows it article by article, the page stays usable (the
event loop keeps turning, on a real thread pool), and the booklet is written."""

from __future__ import annotations

import time
from itertools import pairwise

from PySide6.QtCore import QThreadPool, QTimer

from app.services import Deskbook
from app.ui import export_dialogs
from app.ui.context import AppContext
from app.ui.pack_page import PackPage
from app.ui.tasks import TaskRunner
from tests.pdf_text import pdf_text


def test_the_pack_export_shows_its_progress_and_completes(qtbot, tmp_path, clock, monkeypatch):
    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    runner = TaskRunner(QThreadPool())
    page = PackPage(AppContext(desk, runner))
    qtbot.addWidget(page)
    page.show()
    page.kind.setCurrentIndex(page.kind.findData("script"))
    added = page.add_matching()
    assert added > 10
    out = tmp_path / "培训包.pdf"
    monkeypatch.setattr(export_dialogs, "choose_save_path", lambda *_a: out)
    steps: list[tuple[int, int]] = []
    page.progress.valueChanged.connect(lambda value: steps.append((value, page.progress.maximum())))
    ticks: list[float] = []
    timer = QTimer(interval=25)
    timer.timeout.connect(lambda: ticks.append(time.perf_counter()))
    timer.start()
    try:
        assert page.export()
        assert page.progress.isVisible() and not page.export_button.isEnabled()  # busy at once, before any page
        qtbot.waitUntil(lambda: not page.progress.isVisible(), timeout=60_000)
    finally:
        timer.stop()
        runner.wait_for_done(60_000)
    assert out.is_file() and page.export_button.isEnabled()
    assert "【客户姓名】" in pdf_text(out, poppler=True)
    total = added + 1  # each article laid out, then the file written
    assert steps[-1] == (total, total) and [v for v, _m in steps] == sorted(v for v, _m in steps)
    assert len({v for v, _m in steps}) > added // 2  # it moved article by article, not all at the end
    assert max(b - a for a, b in pairwise(ticks)) < 1.0  # the window stayed responsive
    desk.close()
