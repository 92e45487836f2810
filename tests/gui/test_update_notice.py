"""The update notice in the window: a newer installer in the team folder shows in the status bar; the check runs on
a worker thread and not before the window is up; Help → Check for updates and About tell the result."""

from __future__ import annotations

import json
import re
import threading

from PySide6.QtGui import QAction, QDesktopServices

from app import __version__
from app.ui.settings_dialog import SettingsDialog
from app.ui.tasks import TaskRunner
from app.ui.update_notice import install_update_notice
from app.updates import FEED_NAME, check_for_update


def publish(folder, version: str):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"Deskbook-{version}-setup.exe").write_bytes(b"MZ")
    (folder / FEED_NAME).write_text(json.dumps({"version": version, "file": f"Deskbook-{version}-setup.exe",
                                                "notes": "更快的搜索"}), "utf-8")
    return folder


def test_a_newer_installer_shows_in_the_status_bar_and_opens_its_folder(qtbot, window, tmp_path, monkeypatch):
    share = publish(tmp_path / "share", "99.0.0")
    window.desk.settings.update_source = str(share)
    with qtbot.waitSignal(install_update_notice(window, start_delay_ms=0).sig_checked, timeout=5000) as checked:
        pass
    notice = window.update_notice
    assert checked.args[0].newer
    assert notice.label.isVisible() and "99.0.0" in notice.label.text()
    assert "更快的搜索" in notice.label.toolTip()
    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url) or True)
    notice.label.linkActivated.emit("#release")
    assert [url.toLocalFile() for url in opened] == [str(share)]
    assert str(share) in notice.about_text() and "99.0.0" in notice.about_text()


def test_help_check_for_updates_says_when_nothing_is_newer(qtbot, window, tmp_path):
    notice = install_update_notice(window, start_delay_ms=60_000)
    action = menu_action(window, "action:check_updates")
    action.trigger()  # no location set yet
    assert "No update location" in window.statusBar().currentMessage()
    window.desk.settings.update_source = str(publish(tmp_path / "share", __version__))
    with qtbot.waitSignal(notice.sig_checked, timeout=5000):
        action.trigger()
    assert not notice.label.isVisible()
    assert f"Deskbook {__version__} is the newest version published" in window.statusBar().currentMessage()


def test_the_check_waits_for_start_up_and_runs_off_the_gui_thread(qtbot, window, tmp_path):
    window.desk.settings.update_source = str(publish(tmp_path / "share", "99.0.0"))
    window.context.runner = TaskRunner()
    threads = []

    def check(source):
        threads.append(threading.current_thread())
        return check_for_update(source)

    notice = install_update_notice(window, check=check, start_delay_ms=300)
    qtbot.wait(50)
    assert threads == []  # not during start-up
    with qtbot.waitSignal(notice.sig_checked, timeout=5000):
        pass
    assert threads and threads[0] is not threading.main_thread()
    assert notice.label.isVisible()
    window.context.runner.pool.waitForDone(5000)


def test_the_update_location_is_a_setting(qtbot, demo_desk):
    dialog = SettingsDialog(demo_desk.settings)
    qtbot.addWidget(dialog)
    dialog.update_source.setText("  https://intranet.example/deskbook/  ")
    dialog.apply()
    assert demo_desk.settings.update_source == "https://intranet.example/deskbook/"


def test_the_notice_speaks_chinese_in_the_chinese_ui(qtbot, window):
    from app.ui.language import install_language
    from app.ui.update_notice import UpdateNotice
    from app.updates import Release, UpdateCheck, UpdateStatus

    install_language("zh_CN")
    release = Release("99.0", "Deskbook-99.0-setup.exe", "/share/Deskbook-99.0-setup.exe")
    for status in UpdateStatus:
        text = UpdateNotice.describe(UpdateCheck(status, "0.1.0", "/share", release if status == "newer" else None))
        assert not re.search("[A-Za-z]", re.sub(r"Deskbook|latest\.json", "", text)), text
    window.set_language("zh_CN")
    assert menu_action(window, "action:check_updates").text() == "检查更新"


def menu_action(window, name: str) -> QAction:
    """The action as the menu bar shows it now (menus are rebuilt on a language change)."""
    return next(action for top in window.menuBar().actions() for action in top.menu().actions()
                if action.objectName() == name)
