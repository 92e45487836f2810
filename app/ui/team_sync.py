"""Keeping the desk in sync with the team library: a pull at start-up and every N minutes, a publish shortly after
a KB owner saves, and the state in words in the status bar (团队库：已同步 3 分钟前 / 离线 / 有 2 个冲突 …).

Everything runs through the background runner; a failed background sync shows in the status bar, not in a dialog
(being offline is normal). Installed on the main window by a menu hook, like the curation commands.
"""

from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer, Signal
from PySide6.QtWidgets import QMenuBar, QMessageBox, QPushButton

from app.ui.actions import ActionSpec, register_action, register_menu_hook

log = logging.getLogger(__name__)

PUBLISH_DELAY_MS = 3_000  # after a KB owner's save: several quick saves go out as one commit
CLOCK_TICK_MS = 60_000  # "synced 3 min ago" stays true
OWNER_ROLES = ("owner", "trainer")


def tr(text: str) -> str:
    return QCoreApplication.translate("TeamSync", text)


def ago(moment: datetime, now: datetime) -> str:
    seconds = max(0, int((now - moment).total_seconds()))
    if seconds < 60:
        return tr(QT_TRANSLATE_NOOP("TeamSync", "just now"))
    if seconds < 3600:
        return tr(QT_TRANSLATE_NOOP("TeamSync", "%1 min ago")).replace("%1", str(seconds // 60))
    if seconds < 86400:
        return tr(QT_TRANSLATE_NOOP("TeamSync", "%1 h ago")).replace("%1", str(seconds // 3600))
    return tr(QT_TRANSLATE_NOOP("TeamSync", "%1 d ago")).replace("%1", str(seconds // 86400))


_PROBLEMS = {
    "offline": QT_TRANSLATE_NOOP("TeamSync", "Team library: offline"),
    "auth": QT_TRANSLATE_NOOP("TeamSync", "Team library: sign-in failed"),
    "rejected": QT_TRANSLATE_NOOP("TeamSync", "Team library: push refused"),
    "moved": QT_TRANSLATE_NOOP("TeamSync", "Team library: busy, will retry"),
    "damaged": QT_TRANSLATE_NOOP("TeamSync", "Team library: local copy repaired"),
    "certificate": QT_TRANSLATE_NOOP("TeamSync", "Team library: certificate not trusted"),
}


def status_words(status, now: datetime, syncing: bool = False, *, owner: bool = True) -> str:
    """The status bar's words for a :class:`~app.team.status.TeamStatus` (proposals count on an owner's desk)."""
    if not status.connected:
        return ""
    if syncing:
        head = tr(QT_TRANSLATE_NOOP("TeamSync", "Team library: syncing…"))
    elif status.conflicts:
        head = tr(QT_TRANSLATE_NOOP("TeamSync", "Team library: %1 conflict(s)")).replace("%1",
                                                                                       str(status.conflicts))
    elif status.problem is not None:
        head = tr(_PROBLEMS.get(status.problem.value, _PROBLEMS["offline"]))
    elif status.synced_at is not None:
        head = tr(QT_TRANSLATE_NOOP("TeamSync", "Team library: synced %1")).replace("%1", ago(status.synced_at, now))
    else:
        head = tr(QT_TRANSLATE_NOOP("TeamSync", "Team library: not synced yet"))
    extras = []
    if status.pending and owner:
        extras.append(tr(QT_TRANSLATE_NOOP("TeamSync", "%1 to publish")).replace("%1", str(status.pending)))
    elif status.pending:  # an agent's edits reach the team as proposals, not by a publish
        extras.append(tr(QT_TRANSLATE_NOOP("TeamSync", "%1 local change(s)")).replace("%1", str(status.pending)))
    if status.proposals_to_decide and owner:
        extras.append(tr(QT_TRANSLATE_NOOP("TeamSync", "%1 proposal(s) to decide"))
                      .replace("%1", str(status.proposals_to_decide)))
    if not extras:
        return head
    joined = tr(QT_TRANSLATE_NOOP("TeamSync", ", ")).join(extras)
    return tr(QT_TRANSLATE_NOOP("TeamSync", "%1, %2")).replace("%1", head).replace("%2", joined)


class TeamSyncController(QObject):
    sig_status = Signal(object)  # the latest TeamStatus
    sig_synced = Signal(object)  # a finished sync's report

    def __init__(self, window):
        super().__init__(window)
        self.window, self.context, self.desk = window, window.context, window.context.desk
        self.status = None
        self.syncing = False
        self._again = False
        self._announcing = False
        self.label = QPushButton(objectName="teamStatus", flat=True)
        self.label.setStyleSheet("QPushButton#teamStatus { border: none; background: transparent; padding: 0 8px; }"
                                 "QPushButton#teamStatus:hover { text-decoration: underline; }")
        self.label.setToolTip(tr(QT_TRANSLATE_NOOP("TeamSync", "Open the team library page")))
        self.label.clicked.connect(lambda: self.window.show_page("team"))
        self.label.hide()
        window.statusBar().addPermanentWidget(self.label)
        self.pull_timer = QTimer(self)
        self.pull_timer.timeout.connect(self.sync)
        self.clock_timer = QTimer(self, interval=CLOCK_TICK_MS)
        self.clock_timer.timeout.connect(self._show_status)
        self.clock_timer.start()
        self.publish_timer = QTimer(self, singleShot=True, interval=PUBLISH_DELAY_MS)
        self.publish_timer.timeout.connect(self.sync)
        self.context.nav.sig_data_changed.connect(self._data_changed)
        self.configure()
        QTimer.singleShot(0, self.sync)  # pull on start-up (this runs once the window has painted)

    @property
    def connected(self) -> bool:
        return bool(self.desk.settings.team_url)

    def configure(self) -> None:
        """Follow the settings: the pull interval, and whether there is a library at all."""
        minutes = max(1, int(self.desk.settings.team_pull_minutes or 5))
        self.pull_timer.setInterval(minutes * 60_000)
        if self.connected:
            self.pull_timer.start()
        else:
            self.pull_timer.stop()
            self.label.hide()

    def sync(self) -> None:
        """Pull now (and publish what waits, on a KB owner's desk), in the background."""
        if not self.connected or self._closing():
            return
        if self.syncing:
            self._again = True
            return
        self.syncing = True
        self._show_status()
        self.context.runner.run(self.desk.team.sync, self._synced, self._failed)

    def _synced(self, report) -> None:
        self.syncing = False
        if getattr(report, "articles_changed", 0) or any(p.articles_changed for p in getattr(report, "pulls", [])):
            self._announcing = True  # pages refresh; our own handler ignores it (not a local save)
            try:
                self.context.nav.sig_data_changed.emit()
            finally:
                self._announcing = False
        self.sig_synced.emit(report)
        self._after()

    def _failed(self, error: BaseException, _details: str) -> None:
        self.syncing = False
        log.info("team sync failed: %s", error)
        self._after()

    def _after(self) -> None:
        if self._again:
            self._again = False
            QTimer.singleShot(0, self.sync)
        self.refresh_status()

    def refresh_status(self) -> None:
        if not self.connected or self._closing():
            self.configure()
            return
        self.context.runner.run(self.desk.team.status, self._status_read, lambda _e, _d: None)

    def _status_read(self, status) -> None:
        self.status = status
        self._show_status()
        self.sig_status.emit(status)
        if status.pending and not self.syncing and self.desk.settings.role in OWNER_ROLES:
            self.publish_timer.start()  # a KB owner's save reaches the team a moment later

    def _show_status(self) -> None:
        if self.status is None or not self.connected:
            self.label.setVisible(self.connected and self.syncing)
            if self.syncing:
                self.label.setText(tr(QT_TRANSLATE_NOOP("TeamSync", "Team library: syncing…")))
            return
        self.label.setText(status_words(self.status, self.desk.clock(), self.syncing,
                                        owner=self.desk.settings.role in OWNER_ROLES))
        self.label.setVisible(True)

    def _data_changed(self) -> None:
        """Something was saved: the count of changes to publish may have moved (an owner's desk then publishes
        them once the status says so; the sync's own writes find nothing pending, so this never loops)."""
        if self._announcing or not self.connected or self.syncing:
            return
        self.refresh_status()

    def _closing(self) -> bool:
        return bool(getattr(self.window, "_closed", False))


def controller(window) -> TeamSyncController:
    existing = getattr(window, "_team_sync", None)
    if existing is None:
        existing = window._team_sync = TeamSyncController(window)
    return existing


def propose_current(window) -> None:
    """Send the article on screen to the KB owners as a proposal (an agent's case write-up or suggested edit)."""
    from app.ui.curation_actions import controller as curation

    article_id = curation(window).current_article_id()
    if not article_id:
        window.statusBar().showMessage(tr(QT_TRANSLATE_NOOP("TeamSync", "Open an article first.")), 4000)
        return
    if not controller(window).connected:
        QMessageBox.information(window, tr(QT_TRANSLATE_NOOP("TeamSync", "Team library")),
                                tr(QT_TRANSLATE_NOOP("TeamSync", "Connect to a team library first (Team library page).")))
        window.show_page("team")
        return
    from app.ui.team_dialogs import ProposeDialog

    ProposeDialog(window.context, article_id, window).open()


def _menu_hook(window, _bar: QMenuBar) -> None:
    controller(window)


for _spec in [
    ActionSpec("team_sync", QT_TRANSLATE_NOOP("Actions", "Sync team library now"), "tools",
               lambda w: controller(w).sync(), ("F5",), 60),
    ActionSpec("team_propose", QT_TRANSLATE_NOOP("Actions", "Propose to the team library…"), "edit",
               propose_current, (), 60),
]:
    register_action(_spec)
register_menu_hook(_menu_hook)
