"""What the running window does to keep the data safe, wired in one place for ``launch.py``.

- :func:`claim_data_dir` takes the one-window-per-data-directory lock before anything is opened; a second start
  asks the first window to come to the front and exits with a clear message.
- :func:`install_data_guard` then starts, for the window's lifetime: the local server that answers such requests,
  the watcher that notices writes by the ``deskbook`` command, and the daily backup (on a worker thread).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMainWindow, QMessageBox

from app.instance import InstanceLock, gui_lock
from app.services import classify_storage_error
from app.ui.change_watcher import ChangeWatcher
from app.ui.single_instance import (
    InstanceServer,
    ask_running_instance_to_activate,
    bring_to_front,
    report_already_running,
)

log = logging.getLogger(__name__)


def _tr(text: str) -> str:
    return QCoreApplication.translate("DataGuard", text)


def claim_data_dir(data_dir: Path) -> tuple[InstanceLock | None, int]:
    """(the held lock, 0) for the first window; (None, exit code) when this start must end here."""
    lock = gui_lock(data_dir)
    try:
        acquired = lock.acquire()
    except OSError as error:  # cannot even create the lock file: a read-only or full folder
        report_unopenable(data_dir, classify_storage_error(error, data_dir) or error)
        return None, 1
    if acquired:
        return lock, 0
    _install_language_early(data_dir)
    answered = ask_running_instance_to_activate(data_dir)
    report_already_running(data_dir, answered)
    return None, 0 if answered else 1


def report_unopenable(data_dir: Path, error: object) -> None:
    """The data directory cannot be opened: say so in the user's language before the window exists."""
    _install_language_early(data_dir)
    QMessageBox.critical(None, "Deskbook", _tr("Cannot open the data directory:") + f"\n{error}")


def _install_language_early(data_dir: Path) -> None:
    """These messages come before the data is opened: read the language from the settings file directly."""
    from app.paths import DataPaths
    from app.settings import Settings
    from app.ui.language import install_language, resolve_language

    try:
        install_language(resolve_language(Settings.load(DataPaths(Path(data_dir)).settings_file).language))
    except Exception as error:  # a message in English is better than none
        log.warning("language not installed: %s", error)


@dataclass
class DataGuard:
    lock: InstanceLock
    server: InstanceServer
    watcher: ChangeWatcher

    def close(self) -> None:
        self.watcher.stop()
        self.server.close()
        self.lock.release()


def install_data_guard(window: QMainWindow, data_dir: Path, lock: InstanceLock) -> DataGuard:
    """Start the single-instance server, the change watcher and the daily backup for ``window``."""
    context = window.context
    desk = context.desk
    server = InstanceServer(data_dir, window)
    server.sig_activate.connect(lambda: _front(window))
    server.listen()
    watcher = ChangeWatcher(desk, context.nav, context.runner, parent=window)
    if hasattr(window, "start_reindex"):
        watcher.sig_index_needs_rebuild.connect(window.start_reindex)
    watcher.start()
    context.runner.run(
        desk.auto_backup,
        on_done=lambda made: made and log.info("daily backup written to %s", made),
        on_error=lambda error, details: _backup_failed(context, error, details),
    )
    guard = DataGuard(lock, server, watcher)
    window.data_guard = guard  # lives as long as the window
    return guard


def _front(window: QMainWindow) -> None:
    (getattr(window, "bring_to_front", None) or (lambda: bring_to_front(window)))()


def _backup_failed(context, error: BaseException, details: str) -> None:
    # Not a dialog at start-up: the data itself is fine; say it where the user looks and keep the details in the log.
    log.warning("daily backup failed: %s\n%s", error, details)
    context.nav.sig_status.emit(_tr("The daily backup failed: %1").replace("%1", str(error)))
