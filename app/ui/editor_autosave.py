"""The editor's safety net: the form is autosaved to an unsaved-buffer table every few seconds, and offered back
when the article is opened again after a crash. Buffers are written through the runner's writes (off the GUI
thread, in order with the saves)."""

from __future__ import annotations

import logging
import weakref
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QTimer
from PySide6.QtWidgets import QMessageBox, QWidget

from app.ui.context import AppContext
from app.ui.editor_form import normalised_state

log = logging.getLogger(__name__)

AUTOSAVE_MS = 3000
NEW_PREFIX = "new:"


class EditorBuffer(QObject):
    """The unsaved buffer of one editor, under ``key`` (``article:<id>``, or ``new:<uuid>`` until first saved).

    ``snapshot()`` returns the form's state when it has unsaved changes worth keeping, else None.
    """

    def __init__(self, context: AppContext, key: str, snapshot: Callable[[], dict[str, Any] | None],  # a method
                 parent: QWidget):
        super().__init__(parent)
        # Weakly: the editor owns this buffer, and a cycle would keep a closed editor's wrapper alive.
        self.context, self.key, self._snapshot = context, key, weakref.WeakMethod(snapshot)
        self._failed_once = False
        self.autosave_timer = QTimer(self, interval=AUTOSAVE_MS)
        self.autosave_timer.timeout.connect(self.autosave)

    def start(self) -> None:
        self.autosave_timer.start()

    def stop(self) -> None:
        self.autosave_timer.stop()

    def autosave(self) -> None:
        snapshot = self._snapshot()
        state = snapshot() if snapshot is not None else None
        if state is None:
            return
        desk, key = self.context.desk, self.key
        self.context.runner.write(lambda: desk.curation.buffers.save(key, state, desk.clock()),
                                  on_error=self._autosave_failed)

    def _autosave_failed(self, error: BaseException, _details: str) -> None:
        # Said once in the status bar, not a dialog every few seconds: the text is still on screen.
        if not self._failed_once:
            self._failed_once = True
            self.context.nav.sig_status.emit(
                QCoreApplication.translate("ArticleEditor", "Autosave failed: %1").replace("%1", str(error)))

    def discard(self, key: str | None = None) -> None:
        buffers, key = self.context.desk.curation.buffers, key or self.key
        self.context.runner.write(lambda: buffers.discard(key), on_error=lambda *_: None)

    def offer(self, parent: QWidget, is_new: bool, saved_state: dict[str, Any]) -> dict[str, Any] | None:
        """An unsaved buffer the user wants back (asked here), or None; a refused or stale buffer is discarded.

        A new article has no id yet: the newest unsaved new article is offered."""
        buffers = self.context.desk.curation.buffers
        key = self.key
        if is_new:
            unsaved = buffers.keys()  # the repository's keys, newest first
            newest = next((k for k in unsaved if k.startswith(NEW_PREFIX)), None)
            if newest is None:
                return None
            key = newest
        found = buffers.load(key)
        if found is None:
            return None
        data, saved_at = found
        if normalised_state(data) == normalised_state(saved_state) or not _ask_restore(parent, saved_at):
            self.discard(key)
            return None
        self.key = key
        return data


def _ask_restore(parent: QWidget, saved_at) -> bool:
    when = saved_at.astimezone().strftime("%Y-%m-%d %H:%M")
    answer = QMessageBox.question(
        parent, QCoreApplication.translate("ArticleEditor", "Unsaved changes found"),
        QCoreApplication.translate("ArticleEditor", "This article has changes from %1 that were never saved (the app "
                                   "may have closed unexpectedly). Restore them?").replace("%1", when),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes,
    )
    return answer == QMessageBox.StandardButton.Yes
