"""The update notice: a background look at the team's update location (app/updates.py), and a line in the status bar
when a newer installer is published there. Help → Check for updates asks at once; Help → About shows the result.

The check runs on the task runner, first a while after the window is up (never during start-up), then every few
hours. Nothing is downloaded or replaced: the link opens the installer's folder or address, and the user (or IT)
runs the installer, which keeps the data (packaging/deskbook.iss).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QLabel

from app import __version__
from app.ui.actions import ActionSpec, register_about_section, register_action
from app.updates import UpdateCheck, UpdateStatus, check_for_update

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

START_DELAY_MS = 15_000  # the window, the index and the warm-up come first
REPEAT_MS = 4 * 60 * 60 * 1000
STATUS_MS = 10_000

AVAILABLE = QT_TRANSLATE_NOOP("UpdateNotice", "Deskbook %1 is available")
LOCATION = QT_TRANSLATE_NOOP("UpdateNotice", "Update location: %1")
CHECKED = QT_TRANSLATE_NOOP("UpdateNotice", "Checked at %1: %2")
_MESSAGES = {
    UpdateStatus.UNSET: QT_TRANSLATE_NOOP("UpdateNotice", "No update location is set (File → Settings)."),
    UpdateStatus.CURRENT: QT_TRANSLATE_NOOP("UpdateNotice", "Deskbook %1 is the newest version published."),
    UpdateStatus.UNREACHABLE: QT_TRANSLATE_NOOP("UpdateNotice", "The update location cannot be read."),
    UpdateStatus.INVALID: QT_TRANSLATE_NOOP("UpdateNotice", "The update location's latest.json is not valid."),
    UpdateStatus.MISSING_INSTALLER: QT_TRANSLATE_NOOP(
        "UpdateNotice", "latest.json names an installer that is not in the update location."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("UpdateNotice", text)


class UpdateNotice(QObject):
    """Owns the status-bar label and the timers of one main window."""

    sig_checked = Signal(object)  # UpdateCheck, after every check

    def __init__(self, window: MainWindow, check: Callable[[str], UpdateCheck] = check_for_update,
                 start_delay_ms: int = START_DELAY_MS):
        super().__init__(window)
        self.window = window
        self.context = window.context
        self.check = check
        self.last: UpdateCheck | None = None
        self.last_at: datetime | None = None
        self._running = False
        self.label = QLabel(objectName="updateNotice")
        self.label.linkActivated.connect(lambda _link: self.open_release())
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.timer = QTimer(self, interval=REPEAT_MS)
        self.timer.timeout.connect(self.check_now)
        QTimer.singleShot(start_delay_ms, self._first_check)

    def _first_check(self) -> None:
        self.timer.start()
        self.check_now()

    def check_now(self, manual: bool = False) -> None:
        source = self.context.desk.settings.update_source
        if not source.strip():
            self._done(UpdateCheck(UpdateStatus.UNSET, __version__, source), manual)
            return
        if self._running:
            return
        self._running = True
        self.context.runner.run(lambda: self.check(source), lambda result: self._done(result, manual),
                                lambda error, details: self._failed(error, details))

    def _failed(self, error: BaseException, details: str) -> None:  # check_for_update does not raise; a bug might
        self._running = False
        log.error("update check failed: %s\n%s", error, details)

    def _done(self, result: UpdateCheck, manual: bool) -> None:
        self._running = False
        self.last, self.last_at = result, datetime.now()
        if result.newer and result.release is not None:
            text = _tr(AVAILABLE).replace("%1", result.release.version)
            self.label.setText(f'<a href="#release">{text}</a>')
            self.label.setToolTip("\n".join(filter(None, [result.release.notes, result.release.location])))
            self.label.show()
        else:
            self.label.hide()
            if result.detail:  # an automatic check stays quiet about an unreachable share (off the VPN, say)
                log.info("update check: %s (%s)", result.status, result.detail)
        if manual:
            self.window.statusBar().showMessage(self.describe(result), STATUS_MS)
        self.sig_checked.emit(result)

    @staticmethod
    def describe(result: UpdateCheck) -> str:
        if result.newer and result.release is not None:
            return _tr(AVAILABLE).replace("%1", result.release.version)
        return _tr(_MESSAGES[result.status]).replace("%1", result.current)

    def open_release(self) -> None:
        """Show the installer: its folder on a share, or its address in the browser."""
        release = self.last.release if self.last else None
        if release is None:
            return
        if "://" in release.location:
            url = QUrl(release.location)
        else:
            url = QUrl.fromLocalFile(str(Path(release.location).parent))
        QDesktopServices.openUrl(url)

    def about_text(self) -> str:
        source = self.context.desk.settings.update_source.strip()
        if not source:
            return _tr(_MESSAGES[UpdateStatus.UNSET])
        lines = [_tr(LOCATION).replace("%1", source)]
        if self.last is not None and self.last_at is not None:
            lines.append(_tr(CHECKED).replace("%1", self.last_at.strftime("%H:%M"))
                         .replace("%2", self.describe(self.last)))
        return "\n".join(lines)


def install_update_notice(window: MainWindow, **options) -> UpdateNotice:
    notice = UpdateNotice(window, **options)
    window.update_notice = notice
    return notice


def notice_for(window: MainWindow) -> UpdateNotice:
    """The window's notice (made now, with the usual first-check delay, for a window started without one)."""
    return getattr(window, "update_notice", None) or install_update_notice(window)


register_about_section(lambda window: notice_for(window).about_text())
register_action(ActionSpec("check_updates", QT_TRANSLATE_NOOP("Actions", "Check for updates"), "help",
                           lambda window: notice_for(window).check_now(manual=True), (), 800))
