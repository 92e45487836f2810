"""One window per data directory; the window notices writes made by the ``deskbook`` command beside it."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from app.instance import AlreadyRunning, InstanceLock, gui_lock, is_gui_running
from app.services import Deskbook
from tests.helpers import make_article, write_jsonl
from tests.safety_helpers import REPO, assert_index_matches_database, run_cli

HOLD_LOCK = """
import sys, time
from pathlib import Path
from app.instance import gui_lock
lock = gui_lock(Path(sys.argv[1]))
assert lock.acquire()
print("held", flush=True)
time.sleep(60)
"""


def test_the_lock_is_exclusive_and_released(tmp_path):
    first, second = gui_lock(tmp_path), gui_lock(tmp_path)
    assert first.acquire()
    assert not second.acquire()  # a second holder, even in the same process, is refused
    assert is_gui_running(tmp_path)
    with pytest.raises(AlreadyRunning) as caught:
        with InstanceLock(first.path):
            pass
    assert str(tmp_path) in str(caught.value) and str(os.getpid()) in str(caught.value)
    first.release()
    assert not is_gui_running(tmp_path)
    assert second.acquire()
    second.release()


def test_a_killed_window_leaves_no_lock_behind(tmp_path):
    holder = subprocess.Popen([sys.executable, "-c", HOLD_LOCK, str(tmp_path)], cwd=REPO, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        assert is_gui_running(tmp_path)
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
    finally:
        if holder.poll() is None:
            holder.kill()
        holder.stdout.close()
    assert gui_lock(tmp_path).path.exists()  # the file stays, with the dead process's id in it …
    assert not is_gui_running(tmp_path)  # … but the lock went with the process


def test_a_second_window_brings_the_first_to_the_front_and_exits(tmp_path, qtbot):
    from app.ui.single_instance import InstanceServer

    data = tmp_path / "data"
    lock = gui_lock(data)
    assert lock.acquire()
    server = InstanceServer(data)
    assert server.listen()
    try:
        env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
        with qtbot.waitSignal(server.sig_activate, timeout=30_000):
            second = subprocess.Popen(
                [sys.executable, "-m", "app", "--data-dir", str(data)],
                cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            )
        out, err = second.communicate(timeout=30)
    finally:
        server.close()
        lock.release()
    assert second.returncode == 0, err
    assert "already running" in err and "brought to the front" in err and str(data) in err
    assert not (data / "deskbook.sqlite3").exists()  # the second start opened nothing


def test_when_the_first_window_does_not_answer_a_dialog_says_it_is_running(tmp_path, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    from app.ui.launch import launch_gui

    data = tmp_path / "data"
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", staticmethod(lambda parent, title, text, *a, **k: shown.append(text)))
    with gui_lock(data):  # held, but no window listening (hung, or an older version)
        assert launch_gui(str(data)) == 1
    assert len(shown) == 1 and "already running" in shown[0] and str(data) in shown[0]


# --- the window notices writes from the command line ---------------------------------------------------------
@pytest.fixture
def gui_desk(tmp_path, clock):
    desk = Deskbook.open(tmp_path / "data", clock=clock)
    desk.prepare_index()
    desk.reindex()
    desk.create_article(make_article("退款多久到账", "一般 3 个工作日"))
    yield desk
    desk.close()


def _watcher(desk):
    from app.ui.change_watcher import ChangeWatcher
    from app.ui.context import Navigator
    from app.ui.tasks import SynchronousRunner

    nav = Navigator()
    return ChangeWatcher(desk, nav, SynchronousRunner()), nav


def test_watcher_refreshes_after_a_command_line_import(gui_desk, tmp_path, qtbot):
    watcher, nav = _watcher(gui_desk)
    assert watcher.timer.interval() == 2000
    watcher.start()
    assert watcher.timer.isActive()
    assert not watcher.check()  # nothing changed yet

    source = write_jsonl(tmp_path / "new.jsonl", [{"id": "c1", "title": "发票怎么开"}, {"id": "c2", "title": "物流查询"}])
    result = run_cli("import", str(source), data_dir=gui_desk.paths.root)  # another process, while "the GUI" runs
    assert result.returncode == 0, result.stderr

    with qtbot.waitSignal(nav.sig_data_changed, timeout=5000):
        assert watcher.check()
    assert gui_desk.articles.get_by_external_id("c1") is not None
    assert_index_matches_database(gui_desk)  # the window's index caught up with the CLI's writes
    assert not watcher.check()  # and only once
    watcher.stop()


def test_watcher_ignores_the_windows_own_saves(gui_desk, qtbot):
    watcher, nav = _watcher(gui_desk)
    with qtbot.assertNotEmitted(nav.sig_data_changed):
        gui_desk.create_article(make_article("自己保存的", "不需要刷新"))
        assert not watcher.check()


def test_watcher_asks_once_for_a_rebuild_when_the_index_turns_out_damaged(gui_desk, qtbot):
    watcher, nav = _watcher(gui_desk)
    gui_desk.index.mark_corrupt()
    with qtbot.waitSignal(watcher.sig_index_needs_rebuild, timeout=1000):
        watcher.check()
    with qtbot.assertNotEmitted(watcher.sig_index_needs_rebuild):
        watcher.check()


def test_the_window_starts_its_guard_backup_server_and_watcher(gui_desk, qtbot):
    from app.backup import auto_backups
    from app.ui.context import AppContext
    from app.ui.data_guard import install_data_guard
    from app.ui.main_window import MainWindow
    from app.ui.single_instance import server_name
    from app.ui.tasks import SynchronousRunner

    root = gui_desk.paths.root
    lock = gui_lock(root)
    assert lock.acquire()
    window = MainWindow(AppContext(gui_desk, SynchronousRunner()))
    qtbot.addWidget(window)
    guard = install_data_guard(window, root, lock)
    try:
        assert len(auto_backups(gui_desk.paths)) == 1  # the daily backup ran at start
        assert guard.watcher.timer.isActive()
        assert guard.server.name == server_name(root)
        with qtbot.waitSignal(guard.server.sig_activate, timeout=1000, raising=False) as blocker:
            guard.server.sig_activate.emit()
        assert blocker.signal_triggered
    finally:
        guard.close()
    assert not lock.held
