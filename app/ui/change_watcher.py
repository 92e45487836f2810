"""Noticing writes made by another process (the ``deskbook`` command beside the window).

SQLite's ``PRAGMA data_version`` changes on this connection only when *another* connection commits, so the
window's own saves never trigger a refresh. Every couple of seconds the watcher asks; on a change it brings the
search index up to date (``Deskbook.sync_index``, off the GUI thread) and tells the pages to refresh.
It also notices when the index was found damaged while in use and asks (once) for a background rebuild.
"""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject, QTimer, Signal

from app.services import Deskbook
from app.ui.context import Navigator
from app.ui.tasks import TaskRunner

log = logging.getLogger(__name__)

POLL_INTERVAL_MS = 2000


class ChangeWatcher(QObject):
    sig_external_change = Signal()
    sig_index_needs_rebuild = Signal()  # the index turned out damaged while in use; connect to a rebuild

    def __init__(
        self,
        desk: Deskbook,
        nav: Navigator,
        runner: TaskRunner | None = None,
        interval_ms: int = POLL_INTERVAL_MS,
        parent: QObject | None = None,
    ):
        super().__init__(parent)
        self.desk, self.nav, self.runner = desk, nav, runner
        self._seen = self._version()
        self._busy = False
        # Start-up rebuilds are launched by the window; only a later transition to "needs rebuild" is reported.
        self._rebuild_asked = desk.needs_rebuild()
        self.timer = QTimer(self)
        self.timer.setInterval(interval_ms)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()

    def stop(self) -> None:
        self.timer.stop()

    def _version(self) -> int | None:
        try:
            return self.desk.data_version()
        except Exception as error:  # a transient "database is locked" must not kill the timer
            log.warning("cannot read the data version: %s", error)
            return None

    def check(self) -> bool:
        """Look once; True when another process changed the data (the refresh is then under way)."""
        if self._busy:
            return False
        self._check_index()
        version = self._version()
        if version is None or version == self._seen:
            return False
        self._seen = version
        if self.runner is None:
            self._sync()
            self._after_sync()
        else:
            self._busy = True
            # A write: catching up prunes the journal, in turn with the window's own saves.
            self.runner.write(self._sync, on_done=lambda _: self._after_sync(), on_error=self._on_error)
        return True

    def _check_index(self) -> None:
        if not self.desk.needs_rebuild():
            self._rebuild_asked = False
        elif not self._rebuild_asked and not self.desk.rebuilding:
            self._rebuild_asked = True
            self.sig_index_needs_rebuild.emit()

    def _sync(self) -> int:
        return self.desk.sync_index()

    def _after_sync(self) -> None:
        self._busy = False
        self.sig_external_change.emit()
        self.nav.sig_data_changed.emit()

    def _on_error(self, error: BaseException, details: str) -> None:
        # The index is derived: a failed catch-up is retried at the next change or start, the data is safe.
        self._busy = False
        log.warning("catching up with external changes failed: %s\n%s", error, details)
        self.nav.sig_data_changed.emit()
