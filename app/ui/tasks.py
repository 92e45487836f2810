"""Running core work off the GUI thread.

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on a QThreadPool and delivers the result (or the exception)
to the callbacks on the GUI thread. Tests pass :class:`SynchronousRunner`, which runs everything at once, so no
test sleeps or polls. Long work takes a :class:`CancelToken` and reports progress through ``on_progress``.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)


class CancelToken:
    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    def __call__(self) -> bool:
        return self._event.is_set()


class _Signals(QObject):
    sig_done = Signal(object)
    sig_error = Signal(object, str)
    sig_progress = Signal(int, int)


class _Job(QRunnable):
    def __init__(self, fn: Callable[..., Any], signals: _Signals, with_progress: bool):
        super().__init__()
        self.fn, self.signals, self.with_progress = fn, signals, with_progress

    @Slot()
    def run(self) -> None:
        try:
            if self.with_progress:
                result = self.fn(lambda done, total: self.signals.sig_progress.emit(done, total))
            else:
                result = self.fn()
        except BaseException as error:  # a worker must never die silently
            log.exception("background task failed")
            self.signals.sig_error.emit(error, traceback.format_exc())
            return
        self.signals.sig_done.emit(result)


def _default_error(error: BaseException, details: str) -> None:
    from PySide6.QtWidgets import QApplication

    from app.ui.errors import show_error

    show_error(QApplication.activeWindow(), error, details)


class TaskRunner:
    def __init__(self, pool: QThreadPool | None = None):
        self.pool = pool or QThreadPool.globalInstance()
        # Workers live as long as the app: a new thread starts with cold font caches (Qt keeps them per thread), so
        # the first result rows it renders after a pause would cost it again.
        self.pool.setExpiryTimeout(-1)
        self._alive: set[_Signals] = set()

    def run(
        self,
        fn: Callable[..., Any],
        on_done: Callable[[Any], None] | None = None,
        on_error: Callable[[BaseException, str], None] | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Run ``fn()`` (or ``fn(progress)`` when ``on_progress`` is given) in the pool."""
        signals = _Signals()
        self._alive.add(signals)  # keep the QObject alive until a result arrives

        def finish(_=None, *__):
            self._alive.discard(signals)

        if on_done is not None:
            signals.sig_done.connect(on_done)
        signals.sig_error.connect(on_error or _default_error)
        if on_progress is not None:
            signals.sig_progress.connect(on_progress)
        signals.sig_done.connect(finish)
        signals.sig_error.connect(finish)
        self.pool.start(_Job(fn, signals, on_progress is not None))


class SynchronousRunner(TaskRunner):
    """Runs tasks immediately on the calling thread (for tests)."""

    def __init__(self) -> None:
        self.pool = None
        self._alive = set()

    def run(self, fn, on_done=None, on_error=None, on_progress=None) -> None:
        try:
            result = fn(on_progress) if on_progress is not None else fn()
        except BaseException as error:
            details = traceback.format_exc()
            if on_error is None:
                raise
            on_error(error, details)
            return
        if on_done is not None:
            on_done(result)
