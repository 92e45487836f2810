"""The global search field: IME-aware, and it hands list keys (↑ ↓ Enter) to whatever shows the results."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QInputMethodEvent, QKeyEvent
from PySide6.QtWidgets import QLineEdit

NAVIGATION_KEYS = {Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Return,
                   Qt.Key.Key_Enter}


class SearchField(QLineEdit):
    """Emits ``sig_query`` only with committed text: nothing fires while an input method is composing.

    Chinese input methods show pinyin as pre-edit text; searching for "tui" while the agent is composing 退 would
    flash wrong results and, worse, Enter would open one. So the query, Enter and arrows wait for the commit.
    """

    sig_query = Signal(str)
    sig_navigate = Signal(int)  # a key from NAVIGATION_KEYS, for the result list
    sig_escape = Signal()

    def __init__(self, parent=None):
        super().__init__(parent)
        self.setObjectName("globalSearch")
        self.setClearButtonEnabled(True)
        self._preedit = ""
        self.textChanged.connect(self._text_changed)

    @property
    def composing(self) -> bool:
        return bool(self._preedit)

    def inputMethodEvent(self, event: QInputMethodEvent) -> None:
        self._preedit = event.preeditString()
        super().inputMethodEvent(event)
        if not self._preedit and event.commitString():
            # Qt emits textChanged for the commit before we cleared the flag on some platforms; make sure the
            # committed text is searched exactly once.
            self._emit_query()

    def _text_changed(self, _text: str) -> None:
        if not self.composing:
            self._emit_query()

    def _emit_query(self) -> None:
        text = self.text()
        if text != getattr(self, "_last_emitted", None):
            self._last_emitted = text
            self.sig_query.emit(text)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key = Qt.Key(event.key())
        if self.composing:
            super().keyPressEvent(event)
            return
        if key in NAVIGATION_KEYS:
            self.sig_navigate.emit(int(key))
            return
        if key == Qt.Key.Key_Escape:
            if self.text():
                self.clear()
            else:
                self.sig_escape.emit()
            return
        super().keyPressEvent(event)
