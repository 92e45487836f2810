"""Writes from the window run off the GUI thread (``TaskRunner.write``), one at a time and in order.

The real thread pool here, not the synchronous runner of the other GUI tests: what is tested is that the event loop
keeps turning while a write waits.
"""

from __future__ import annotations

import threading
import time
from itertools import pairwise

from PySide6.QtCore import QThreadPool, QTimer
from PySide6.QtWidgets import QMessageBox, QPushButton

from app.services import Deskbook
from app.ui.context import AppContext
from app.ui.editor import ArticleEditor
from app.ui.tasks import TaskRunner

NEW_WORD = "lockwaitzq"  # a word no demo article has


def _ticking(interval_ms: int = 10) -> tuple[QTimer, list[float]]:
    ticks: list[float] = []
    timer = QTimer(interval=interval_ms)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    return timer, ticks


def _longest_gap(ticks: list[float]) -> float:
    return max(b - a for a, b in pairwise(ticks))


def test_the_window_keeps_turning_while_a_save_waits_for_the_index_lock(qtbot, tmp_path, clock, monkeypatch):
    # A failing assertion must not leave the "unsaved changes" question waiting for a click.
    monkeypatch.setattr(QMessageBox, "question", staticmethod(lambda *a, **k: QMessageBox.StandardButton.Discard))
    desk = Deskbook.open(tmp_path / "data", seed_demo=True, clock=clock)
    desk.prepare_index()
    desk.reindex()
    desk.settings.role = "owner"  # an owner's save writes the published article (and waits for the index)
    runner = TaskRunner(QThreadPool())
    case = desk.get_article("demo-case-001")
    editor = ArticleEditor(AppContext(desk, runner), case.id, ask_restore=False)  # closed below, before the desk
    try:
        editor.show()
        editor.body_edit.setPlainText(case.body + f"\n\n{NEW_WORD}")
        # Another writer holds Whoosh's lock, as `deskbook import` beside the window would: the save's index
        # update waits for it (up to 30 s), after the article itself is committed.
        other_writer = desk.index.whoosh().writer()
        timer, ticks = _ticking()
        try:
            assert editor.save() is True
            assert not editor.save_action.isEnabled() and editor.save() is False  # no second save meanwhile
            qtbot.wait(800)
            assert editor.state_label.text() == "Saving…" and editor.windowTitle().startswith("●")
            waiting = list(ticks)
            # The GUI thread ran its timer all along (100 % would be 80 ticks; a loaded CI machine gets fewer).
            assert len(waiting) >= 20 and _longest_gap(waiting) < 0.3
        finally:
            with qtbot.waitSignal(editor.sig_saved, timeout=20_000):
                other_writer.cancel()  # the lock is free: the save completes
            timer.stop()
        assert editor.save_action.isEnabled() and not editor.is_dirty()
        assert editor.state_label.text() == "Saved" and editor.article.version == case.version + 1
        assert desk.get_article(case.id).body.endswith(NEW_WORD)
        assert [r.summary.id for r in desk.search(NEW_WORD, log_query=False).results] == [case.id]
    finally:
        editor.close()
        runner.wait_for_done(20_000)
        desk.close()


def test_writes_run_one_at_a_time_in_the_order_asked_and_free_their_buttons(qtbot):
    runner = TaskRunner(QThreadPool())
    button = QPushButton("save")
    qtbot.addWidget(button)
    release, order, running = threading.Event(), [], []

    def write(name: str, wait: bool = False):
        def fn() -> str:
            running.append(name)
            assert len(running) == 1, "two writes at once"
            if wait:
                release.wait(10)
            order.append(name)
            running.remove(name)
            return name
        return fn

    done: list[str] = []
    runner.write(write("first", wait=True), done.append, busy=(button,))
    runner.write(write("second"), done.append, busy=(button,))
    runner.write(write("third"), done.append)
    qtbot.wait(100)
    assert order == [] and not button.isEnabled()  # the first waits; the others wait their turn
    release.set()
    qtbot.waitUntil(lambda: done == ["first", "second", "third"], timeout=5000)
    assert order == done and button.isEnabled()  # back once the last write naming it is done
    assert runner.wait_for_done(5000)


def test_a_failed_write_reaches_its_handler_and_a_closed_owner_gets_no_callback(qtbot):
    runner = TaskRunner(QThreadPool())
    failures: list[str] = []
    runner.write(lambda: 1 / 0, on_error=lambda error, details: failures.append(type(error).__name__))
    qtbot.waitUntil(lambda: failures == ["ZeroDivisionError"], timeout=5000)

    owner = QPushButton()
    release, called = threading.Event(), []
    runner.write(lambda: release.wait(10), called.append, owner=owner)
    owner.deleteLater()
    qtbot.wait(50)  # the owner is gone before the write ends
    release.set()
    assert runner.wait_for_done(5000)
    qtbot.wait(50)
    assert called == []
