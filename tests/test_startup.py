"""Start-up: opening the desk loads no search stack, no curation; the index opens on first need, once."""

from __future__ import annotations

import subprocess
import sys
import threading

from app.services import Deskbook
from tests.helpers import indexed_data_dir, make_article

# What the first window must not wait for: Whoosh and the segmenter (opened in the background after the first
# paint), the curation service, YAML, numpy (sqlite-utils imports it whenever it is installed).
NOT_AT_START = ["whoosh", "app.search.analysis", "app.search.index", "app.search.engine", "app.curation.service",
                "yaml", "numpy", "pandas"]

START = """
import os, sys
from pathlib import Path
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtCore import QSettings
from app.services import Deskbook
from app.ui.data_guard import claim_data_dir, install_data_guard
from app.ui.launch import create_application
from app.ui.main_window import MainWindow
app = create_application()
root = Path(sys.argv[1])
lock, _code = claim_data_dir(root)
desk = Deskbook.open(root)
window = MainWindow(desk, settings=QSettings(str(root / "w.ini"), QSettings.Format.IniFormat), tray=False)
window.show()
guard = install_data_guard(window, root, lock)  # as launch_gui does, before its event loop runs
print(" ".join(name for name in sys.argv[2:] if name in sys.modules), flush=True)
os._exit(0)
"""


def test_the_first_window_is_built_without_the_search_stack_curation_yaml_or_numpy(tmp_path):
    done = subprocess.run([sys.executable, "-c", START, str(tmp_path / "data"), *NOT_AT_START],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


def test_a_search_on_a_desk_nobody_prepared_opens_the_index_once(tmp_path, clock):
    desk = Deskbook(indexed_data_dir(tmp_path / "data", clock, "退款到账时间说明"), clock=clock)
    try:
        assert not desk.needs_rebuild()  # not opened yet: nothing known, no rebuild asked for
        results = desk.search("退款")
        assert not results.indexing  # the index answered, not the slow scan
        assert [r.summary.title for r in results.results] == ["退款到账时间说明"]
        assert desk.ensure_index().value == "ready"
        opened = desk.index.whoosh()
        assert desk.ensure_index().value == "ready"
        assert desk.index.whoosh() is opened  # not opened a second time
    finally:
        desk.close()


def test_a_search_waits_for_the_opening_under_way_instead_of_scanning(tmp_path, clock):
    desk = Deskbook(indexed_data_dir(tmp_path / "data", clock, "发票重开流程"), clock=clock)
    entered = threading.Event()
    ensure = desk.lifecycle.ensure
    desk.lifecycle.ensure = lambda: (entered.set(), ensure())[1]  # type: ignore[method-assign]
    try:
        with desk.lifecycle._open_lock:  # as the background opening does while it opens the index and catches up
            answer: list = []
            worker = threading.Thread(target=lambda: answer.append(desk.search("发票")))
            worker.start()
            assert entered.wait(10)  # the query has started while the index is still closed
            desk.prepare_index()
        worker.join(10)
        assert not answer[0].indexing
        assert [r.summary.title for r in answer[0].results] == ["发票重开流程"]
    finally:
        desk.close()


def test_a_change_saved_before_the_index_is_opened_is_indexed_by_the_opening(tmp_path, clock):
    desk = Deskbook(indexed_data_dir(tmp_path / "data", clock), clock=clock)
    try:
        desk.create_article(make_article("会员积分清零规则"))  # saved while the index is still closed
        assert desk.ensure_index().value == "ready"
        assert [r.summary.title for r in desk.search("积分").results] == ["会员积分清零规则"]
    finally:
        desk.close()


def test_the_deskbook_command_starts_the_gui_without_importing_the_subcommands():
    from app.cli import gui_options

    assert vars(gui_options([])) == {"data_dir": None, "verbose": False, "smoke_test": False, "no_demo": False}
    assert vars(gui_options(["--data-dir", "/tmp/kb", "-v"])) == {"data_dir": "/tmp/kb", "verbose": True,
                                                                   "smoke_test": False, "no_demo": False}
    assert gui_options(["--smoke-test"]).smoke_test
    for argv in (["search", "退款"], ["--data-dir", "/tmp/kb", "reindex"], ["--version"], ["-h"], ["--data-dir"],
                 ["--nonsense"]):
        assert gui_options(argv) is None, argv  # the full parser runs the command or explains the mistake
    check = ("import sys, app.cli; print(' '.join(m for m in ('app.cli.articles', 'app.cli.curation', 'whoosh')"
             " if m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", check], capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == []


def test_no_demo_starts_the_window_on_an_empty_knowledge_base(tmp_path, monkeypatch):
    import app.ui.launch as launch
    from app.cli import main
    from app.services import Deskbook

    opened: list[bool] = []
    real_open = Deskbook.open

    def open_and_stop(root, *, seed_demo=False, **kwargs):
        desk = real_open(root, seed_demo=seed_demo, **kwargs)
        opened.append(desk.is_empty())
        desk.close()
        raise RuntimeError("stop before the window")  # launch_gui shows it and returns 1

    monkeypatch.setattr(launch.Deskbook, "open", staticmethod(open_and_stop))
    monkeypatch.setattr(launch.QMessageBox, "critical", lambda *a, **k: None)
    assert main(["--no-demo", "--data-dir", str(tmp_path / "empty")]) == 1
    assert main(["--data-dir", str(tmp_path / "seeded")]) == 1
    assert opened == [True, False]
