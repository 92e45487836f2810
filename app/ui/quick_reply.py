"""From any window to a filled reply and back: the global hotkey, the quick palette and the paste into the ticket.

The hotkey (a platform backend from :mod:`app.ui.hotkey`, listening on its own thread) reports a press with the
window that had the focus; the palette opens by the mouse pointer. When the agent finishes a reply, it goes on the
clipboard, the palette hides, and a short-lived thread gives the focus back to that window and sends Ctrl+V (the GUI
thread stays free to hand the clipboard to the pasting program). The agent's own clipboard, saved when the palette
opened, is put back a moment later, as Espanso does, unless something else was copied meanwhile. If that window is
gone or will not take the focus, the reply stays on the clipboard and the tray (and status bar) say so. A finished
reply counts as a copy of its script.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import QMimeData, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QKeySequenceEdit

from app.settings import Settings
from app.ui.context import AppContext
from app.ui.hotkey import Hotkey, HotkeyBackend, HotkeyProblem, ProblemKind, create_backend, platform_name
from app.ui.quick_palette import QuickPalette

if TYPE_CHECKING:
    from app.ui.main_window import MainWindow

log = logging.getLogger(__name__)

_QUEUED = Qt.ConnectionType.QueuedConnection
FOCUS_RETRIES_MS = (0, 10, 20, 40, 80, 160)


def snapshot_clipboard() -> QMimeData | None:
    """A copy of everything on the clipboard now (every format), or None when it is empty."""
    source = QGuiApplication.clipboard().mimeData()
    if source is None or not source.formats():
        return None
    copy = QMimeData()
    for name in source.formats():
        copy.setData(name, source.data(name))
    return copy


class QuickReply(QObject):
    sig_pasted = Signal(bool)  # True: pasted into the window; False: left on the clipboard
    _sig_pressed = Signal(object)  # from the backend's thread: the focused window (int) or None
    _sig_paste_outcome = Signal(bool)  # from the paste thread

    def __init__(self, context: AppContext, settings: Settings, *, backend: HotkeyBackend | None = None,
                 notify: Callable[[str], None] | None = None, show_main: Callable[[], None] | None = None,
                 parent: QObject | None = None):
        super().__init__(parent)
        self.context, self.settings = context, settings
        self.platform = platform_name(qt_platform=QGuiApplication.platformName())
        self.backend = backend or create_backend(self.platform)
        self.notify = notify or (lambda text: context.nav.sig_status.emit(text))
        self.show_main = show_main or (lambda: None)
        self.problem: HotkeyProblem | None = None
        self.target: int | None = None
        self._reply = ""
        self._saved: QMimeData | None = None
        self.palette = QuickPalette(context)
        self.palette.sig_finished.connect(self._finished)
        self.palette.sig_open_article.connect(self._open_in_main_window)
        self._sig_pressed.connect(self._pressed, type=_QUEUED)
        self._sig_paste_outcome.connect(self._paste_done, type=_QUEUED)
        self._restore_timer = QTimer(self, singleShot=True)
        self._restore_timer.timeout.connect(self._restore_clipboard)
        self._focus_attempt = 0

    # --- the hotkey ------------------------------------------------------------------------------------------
    def apply_settings(self) -> HotkeyProblem | None:
        """(Re-)register the hotkey the settings name; the problem, if any, is also told to the agent."""
        self.palette.abbreviations = self.settings.abbreviations
        self.backend.unregister()
        self.problem = None
        if not self.settings.hotkey_enabled:
            return None
        try:
            self.backend.register(Hotkey.parse(self.settings.hotkey), self._sig_pressed.emit)
            log.info("quick reply: hotkey %s registered (%s)", self.settings.hotkey, self.backend.name)
        except HotkeyProblem as problem:
            self.problem = problem
            log.info("global hotkey not registered: %s", problem)
            if problem.kind is not ProblemKind.UNSUPPORTED:
                self.notify(problem_text(problem, self.settings.hotkey))
        return self.problem

    def close(self) -> None:
        self._restore_timer.stop()
        self.palette.hide()
        self.backend.close()

    def _pressed(self, target: object) -> None:
        focus = QApplication.focusWidget()
        if isinstance(focus, QKeySequenceEdit):  # the grab took the keys from the settings' hotkey field: give them
            focus.setKeySequence(QKeySequence(self.settings.hotkey))
            return
        if self.palette.isVisible():
            self.palette.cancel()  # the hotkey again: close it, as it opened
            return
        self.open_palette(target if isinstance(target, int) else None)

    def open_palette(self, target: int | None = None, *, from_menu: bool = False) -> None:
        """Show the palette; a reply chosen in it goes back into ``target`` (a window handle of the platform)."""
        if self._restore_timer.isActive():  # the last reply's clipboard is not back yet: put it back first
            self._restore_timer.stop()
            self._restore_clipboard()
        if from_menu:
            target = self._safe(self.backend.focused_window, None)
        self.target = None if target is None or target in _own_windows() else target
        self.palette.open_at()
        self._focus_attempt = 0
        self._ensure_focus()
        if self.settings.restore_clipboard:
            QTimer.singleShot(0, self._save_clipboard)  # after the palette is on screen: reading it may wait

    def _ensure_focus(self) -> None:
        """Without a window manager nobody hands the focus to a newly shown window (and some managers refuse it to
        a program in the background): once the palette is on screen the backend gives it the focus, as a pager
        would (X11), or as the hotkey's owner may (Windows)."""
        if not self.palette.isVisible() or self.palette.isActiveWindow():
            return
        handle = self.palette.windowHandle()
        if handle is not None and handle.isExposed():
            self._safe(lambda: self.backend.activate(int(self.palette.winId()), False), False)
        if self._focus_attempt < len(FOCUS_RETRIES_MS) - 1:
            self._focus_attempt += 1
            QTimer.singleShot(FOCUS_RETRIES_MS[self._focus_attempt], self._ensure_focus)

    def _save_clipboard(self) -> None:
        self._saved = snapshot_clipboard()

    # --- the reply -------------------------------------------------------------------------------------------
    def _finished(self, article_id: str, text: str) -> None:
        desk = self.context.desk
        self.context.runner.write(lambda: desk.record_copy(article_id), None,
                                  lambda error, _details: log.warning("copy not counted: %s", error))
        self._reply = text
        QGuiApplication.clipboard().setText(text)
        self.palette.hide()
        if self.target is None or not self.settings.paste_into_window:
            self._paste_done(False, tried=False)  # opened from the menu, or pasting is switched off
            return
        target = self.target
        # One loop turn first: Qt sends the hide and the clipboard ownership to the display server on its way back
        # to the event loop, and both must be there before the other program sees the paste keystroke.
        QTimer.singleShot(0, lambda: threading.Thread(target=self._paste_into, args=(target,), name="paste-back",
                                                      daemon=True).start())

    def _paste_into(self, target: int) -> None:
        pasted = False
        try:
            if self.backend.window_exists(target) and self.backend.activate(target):
                self.backend.send_paste()
                pasted = True
        except HotkeyProblem as problem:
            log.warning("paste back failed: %s", problem)
        except Exception:  # a failing paste must still leave the reply on the clipboard and say so
            log.exception("paste back failed")
        self._sig_paste_outcome.emit(pasted)

    def _paste_done(self, pasted: bool, tried: bool = True) -> None:
        """``tried``: a paste into the remembered window was attempted (and ``pasted`` says whether it worked)."""
        log.info("quick reply: %s", "pasted" if pasted else "left on the clipboard")
        if pasted and self.settings.restore_clipboard:
            self._restore_timer.start(max(100, int(self.settings.restore_clipboard_ms)))
        elif not pasted:
            self._saved, self._reply = None, ""  # the reply stays on the clipboard: the agent pastes it by hand
            if tried:
                self.notify(self.tr("The reply is on the clipboard: the window it was for is gone or did not take "
                                    "the focus. Paste it with Ctrl+V."))
            else:
                self.notify(self.tr("The reply is on the clipboard."))
        else:
            self._saved, self._reply = None, ""  # pasted, and the agent wants the reply left on the clipboard
        self.sig_pasted.emit(pasted)

    def _restore_clipboard(self) -> None:
        clipboard = QGuiApplication.clipboard()
        if clipboard.text() == self._reply:  # the agent copied nothing else meanwhile
            if self._saved is not None:
                clipboard.setMimeData(self._saved)
            else:
                clipboard.clear()
            log.info("quick reply: clipboard restored")
        self._saved, self._reply = None, ""

    def _open_in_main_window(self, article_id: str) -> None:
        self.show_main()
        self.context.nav.sig_open_article.emit(article_id)

    @staticmethod
    def _safe(call: Callable, fallback):
        try:
            return call()
        except Exception as error:  # a display that went away must not take the app with it
            log.warning("hotkey backend call failed: %s", error)
            return fallback


def _own_windows() -> set[int]:
    return {int(w.internalWinId()) for w in QApplication.topLevelWidgets() if w.internalWinId()}


def problem_text(problem: HotkeyProblem, hotkey: str) -> str:
    """What the agent reads when the hotkey could not be registered."""
    from PySide6.QtCore import QCoreApplication

    if problem.kind is ProblemKind.TAKEN:
        text = QCoreApplication.translate(
            "QuickReply",
            "The hotkey %1 is already used by another program. Choose another one in Settings.")
    elif problem.kind is ProblemKind.INVALID:
        text = QCoreApplication.translate(
            "QuickReply",
            "“%1” cannot be a global hotkey: use Ctrl, Alt or Meta with a letter, digit or F-key.")
    elif problem.kind is ProblemKind.UNSUPPORTED:
        text = QCoreApplication.translate(
            "QuickReply",
            "This system does not allow global hotkeys; open the quick reply from the tray menu.")
    else:
        text = QCoreApplication.translate("QuickReply", "The global hotkey is not available: %2")
    return text.replace("%1", hotkey).replace("%2", problem.detail)


def install_quick_reply(window: MainWindow) -> QuickReply:
    """Wire the quick reply into the running main window: hotkey, tray entry, settings changes, Edit menu."""
    context = window.context

    def notify(text: str) -> None:
        context.nav.sig_status.emit(text)
        if window.tray is not None:
            window.tray.notify(text)

    quick = QuickReply(context, window.desk.settings, notify=notify, show_main=window.bring_to_front, parent=window)
    if window.tray is not None:
        window.tray.sig_quick_reply.connect(lambda: quick.open_palette(from_menu=True))
    context.nav.sig_settings_changed.connect(quick.apply_settings)
    window.quick_reply = quick  # for the Go menu's entry (app.ui.actions)
    quick.apply_settings()
    return quick
