"""A second window on the same data directory asks the first to come to the front, then exits.

The file lock (:mod:`app.instance`) decides who owns the data directory; this module only lets the two processes
talk. The owner listens on a local socket whose name is derived from the data directory (and the user, so two
people on one machine never meet); the newcomer connects, sends ``activate`` and waits briefly for ``ok``.
"""

from __future__ import annotations

import getpass
import hashlib
import logging
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket
from PySide6.QtWidgets import QMessageBox, QWidget

log = logging.getLogger(__name__)

ACTIVATE = b"activate\n"
ACKNOWLEDGED = b"ok\n"


def server_name(data_dir: Path) -> str:
    """A short name that is the same for every process opening ``data_dir`` as this user."""
    key = f"{getpass.getuser()}\0{Path(data_dir).resolve()}".encode("utf-8", "surrogatepass")
    return "deskbook-" + hashlib.sha1(key).hexdigest()[:16]


class InstanceServer(QObject):
    """Held by the running window: answers ``activate`` by emitting :attr:`sig_activate`."""

    sig_activate = Signal()

    def __init__(self, data_dir: Path, parent: QObject | None = None):
        super().__init__(parent)
        self.name = server_name(data_dir)
        self._server = QLocalServer(self)
        self._server.newConnection.connect(self._on_connection)

    def listen(self) -> bool:
        # Only the lock holder gets here, so a socket file left by a crashed owner is stale and safe to remove.
        QLocalServer.removeServer(self.name)
        if not self._server.listen(self.name):
            log.warning("cannot listen on %s: %s", self.name, self._server.errorString())
            return False
        return True

    def close(self) -> None:
        self._server.close()

    def _on_connection(self) -> None:
        while self._server.hasPendingConnections():
            socket = self._server.nextPendingConnection()
            # The socket stays a child of the server (deleted with it): a deleteLater racing the Python wrapper's
            # own deletion crashed the process. A handful of sockets per session is nothing.
            socket.readyRead.connect(lambda s=socket: self._on_ready_read(s))

    def _on_ready_read(self, socket: QLocalSocket) -> None:
        if bytes(socket.readAll().data()).startswith(ACTIVATE.strip()):
            socket.write(ACKNOWLEDGED)
            socket.flush()
            self.sig_activate.emit()


def ask_running_instance_to_activate(data_dir: Path, timeout_ms: int = 2000) -> bool:
    """True when the window that owns ``data_dir`` answered and is coming to the front."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(data_dir))
    if not socket.waitForConnected(timeout_ms):
        return False
    socket.write(ACTIVATE)
    socket.flush()
    answered = socket.waitForReadyRead(timeout_ms) and bytes(socket.readAll().data()).startswith(ACKNOWLEDGED.strip())
    socket.disconnectFromServer()
    return answered


def bring_to_front(window: QWidget) -> None:
    if window.isMinimized():
        window.showNormal()
    window.show()
    window.raise_()
    window.activateWindow()


def already_running_message(data_dir: Path, answered: bool) -> str:
    """What the second start tells the user (printed, and shown in a dialog when the first did not answer)."""
    from PySide6.QtCore import QCoreApplication

    if answered:
        text = QCoreApplication.translate(
            "SingleInstance", "Deskbook is already running with the data folder {0}; its window was brought to the front."
        )
    else:
        text = QCoreApplication.translate(
            "SingleInstance",
            "Deskbook is already running with the data folder {0}.\n"
            "Switch to its window (it did not answer), or close it before starting another one.",
        )
    return text.format(data_dir)


def report_already_running(data_dir: Path, answered: bool, parent: QWidget | None = None) -> None:
    """Tell the user on stderr; when the first window did not come forward, also in a dialog they cannot miss."""
    import sys

    message = already_running_message(data_dir, answered)
    print(f"deskbook: {message}", file=sys.stderr)
    if not answered:
        QMessageBox.information(parent, "Deskbook", message)
