"""Running core work off the GUI thread.

``TaskRunner.run(fn, on_done, on_error)`` runs ``fn`` on a QThreadPool and delivers the result (or the exception)
to the callbacks on the GUI thread. Tests pass :class:`SynchronousRunner`, which runs everything at once, so no
test sleeps or polls. Long work takes a :class:`CancelToken` and reports progress through ``on_progress``.

``TaskRunner.write(fn, on_done, on_error)`` is how the GUI changes data (Anki's CollectionOp is the model): the write
runs on a worker of its own, so a save that waits for the search index's lock (up to 30 s while the command line
writes) never freezes the window. Writes run one at a time, in the order asked: the desk has one SQLite connection,
and a second transaction begun on another thread would nest inside the first and commit or roll back with it; and a
later write (an autosave, a status change) must not overtake an earlier one. The widgets passed as ``busy`` are
disabled until the write is done, so a save cannot be submitted twice; ``owner``: a widget closed meanwhile gets no
callback.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable, Iterable
from typing import Any

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QWidget

log = logging.getLogger(__name__)

OnDone = Callable[[Any], None]
OnError = Callable[[BaseException, str], None]
Busy = QWidget | QAction


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


class _BusyWidgets:
    """Disables widgets while writes that name them run; each comes back when the last of its writes is done."""

    def __init__(self) -> None:
        self._counts: dict[Busy, int] = {}

    def hold(self, widgets: Iterable[Busy]) -> list[Busy]:
        held = list(widgets)
        for widget in held:
            self._counts[widget] = self._counts.get(widget, 0) + 1
            widget.setEnabled(False)
        return held

    def release(self, widgets: list[Busy]) -> None:
        for widget in widgets:
            left = self._counts.get(widget, 1) - 1
            if left > 0:
                self._counts[widget] = left
                continue
            self._counts.pop(widget, None)
            if shiboken6.isValid(widget):
                widget.setEnabled(True)


def _write_callbacks(busy: _BusyWidgets, held: list[Busy], owner: QObject | None, on_done: OnDone | None,
                     on_error: OnError | None) -> tuple[OnDone, OnError]:
    """The callbacks of one write: the busy widgets come back first, so a callback can disable them again."""

    def owner_gone() -> bool:
        return owner is not None and not shiboken6.isValid(owner)

    def done(result: Any) -> None:
        busy.release(held)
        if on_done is not None and not owner_gone():
            on_done(result)

    def failed(error: BaseException, details: str) -> None:
        busy.release(held)
        log.warning("a write from the window failed: %s\n%s", error, details)
        (on_error if on_error is not None and not owner_gone() else _default_error)(error, details)

    return done, failed


class TaskRunner:
    def __init__(self, pool: QThreadPool | None = None):
        self.pool = pool or QThreadPool.globalInstance()
        # Workers live as long as the app: a new thread starts with cold font caches (Qt keeps them per thread), so
        # the first result rows it renders after a pause would cost it again.
        self.pool.setExpiryTimeout(-1)
        self.write_pool = QThreadPool()
        self.write_pool.setMaxThreadCount(1)  # one write at a time, first come first served
        self._alive: set[_Signals] = set()
        self._busy = _BusyWidgets()

    def run(
        self,
        fn: Callable[..., Any],
        on_done: OnDone | None = None,
        on_error: OnError | None = None,
        on_progress: Callable[[int, int], None] | None = None,
    ) -> None:
        """Run ``fn()`` (or ``fn(progress)`` when ``on_progress`` is given) in the pool."""
        self._start(self.pool, fn, on_done, on_error, on_progress)

    def write(self, fn: Callable[..., Any], on_done: OnDone | None = None, on_error: OnError | None = None, *,
              busy: Iterable[Busy] = (), owner: QObject | None = None,
              on_progress: Callable[[int, int], None] | None = None) -> None:
        """Run the write ``fn()`` (``fn(progress)`` with ``on_progress``) after the writes asked before it;
        ``on_error`` defaults to the error dialog."""
        held = self._busy.hold(busy)
        done, failed = _write_callbacks(self._busy, held, owner, on_done, on_error)
        self._start(self.write_pool, fn, done, failed, on_progress)

    def wait_for_done(self, msecs: int) -> bool:
        """Let the running work and every write asked for finish (at exit: nothing asked for is lost)."""
        return self.write_pool.waitForDone(msecs) and self.pool.waitForDone(msecs)

    def _start(self, pool: QThreadPool, fn: Callable[..., Any], on_done: OnDone | None, on_error: OnError | None,
               on_progress: Callable[[int, int], None] | None) -> None:
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
        pool.start(_Job(fn, signals, on_progress is not None))


class SynchronousRunner(TaskRunner):
    """Runs tasks immediately on the calling thread (for tests)."""

    def __init__(self) -> None:
        self.pool = None  # type: ignore[assignment]
        self._alive = set()
        self._busy = _BusyWidgets()

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

    def write(self, fn, on_done=None, on_error=None, *, busy=(), owner=None, on_progress=None) -> None:
        """Without ``on_error`` a failure is raised to the caller, as :meth:`run` does (a test sees it, no dialog
        waits for a click)."""
        held = self._busy.hold(busy)
        done, failed = _write_callbacks(self._busy, held, owner, on_done, on_error)
        try:
            result = fn(on_progress) if on_progress is not None else fn()
        except BaseException as error:
            if on_error is None:
                self._busy.release(held)
                raise
            failed(error, traceback.format_exc())
            return
        done(result)

    def wait_for_done(self, msecs: int) -> bool:
        return True
