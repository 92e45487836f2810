"""What every platform's global-hotkey backend offers, and the hotkey itself as plain data.

A backend listens for one key combination system-wide (on a thread of its own, never the GUI thread), remembers
which window had the focus when it was pressed, gives the focus to a window and sends the paste keystroke. It knows
nothing of Qt: the GUI side (:mod:`app.ui.hotkey.service`) turns a press into a signal on the GUI thread.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol

DEFAULT_HOTKEY = "Ctrl+Alt+K"

MODIFIER_NAMES = {"ctrl": "ctrl", "control": "ctrl", "alt": "alt", "shift": "shift", "meta": "meta", "super": "meta",
                  "win": "meta"}
MODIFIER_ORDER = ("ctrl", "alt", "shift", "meta")
# Keys besides letters, digits and F1…F24 that a hotkey may use (Qt's portable names, lower-cased).
NAMED_KEYS = ("space", "insert", "home", "end", "pageup", "pagedown", "pause", "`", "-", "=", "[", "]", ";", "'",
              ",", ".", "/", "\\")


class ProblemKind(StrEnum):
    INVALID = "invalid"  # not a key combination a global hotkey can be (no modifier, unknown key)
    TAKEN = "taken"  # another program already owns it
    UNSUPPORTED = "unsupported"  # the platform gives no global hotkeys (Wayland, macOS)
    FAILED = "failed"  # anything else (no X display, a system call failed)


class HotkeyProblem(Exception):
    """Why a hotkey could not be registered; ``kind`` lets the GUI word it in the user's language."""

    def __init__(self, kind: ProblemKind, detail: str = ""):
        super().__init__(f"{kind.value}: {detail}" if detail else kind.value)
        self.kind = kind
        self.detail = detail


@dataclass(frozen=True)
class Hotkey:
    """A key combination: modifiers from ``MODIFIER_ORDER`` and one key, lower-case (``k``, ``f5``, ``space``)."""

    modifiers: frozenset[str]
    key: str

    @classmethod
    def parse(cls, text: object) -> Hotkey:
        """``Ctrl+Alt+K`` (Qt's portable text, as the settings store it). Raises :class:`HotkeyProblem`."""
        if not isinstance(text, str) or not text.strip():
            raise HotkeyProblem(ProblemKind.INVALID, "没有设置快捷键")
        parts = [part.strip().lower() for part in text.strip().split("+")]
        if text.strip().endswith("++"):  # Ctrl++ : the key is "+"
            parts = parts[:-2] + ["+"]
        *mods, key = parts
        modifiers = set()
        for name in mods:
            if name not in MODIFIER_NAMES:
                raise HotkeyProblem(ProblemKind.INVALID, f"未知的修饰键 {name!r}")
            modifiers.add(MODIFIER_NAMES[name])
        if not modifiers or modifiers == {"shift"}:
            # Without Ctrl, Alt or Meta the combination is ordinary typing in every other program.
            raise HotkeyProblem(ProblemKind.INVALID, "需要 Ctrl、Alt 或 Meta")
        if not _known_key(key):
            raise HotkeyProblem(ProblemKind.INVALID, f"未知的按键 {key!r}")
        return cls(frozenset(modifiers), key)

    @property
    def text(self) -> str:
        """Back to the portable text, in Qt's modifier order."""
        names = {"ctrl": "Ctrl", "alt": "Alt", "shift": "Shift", "meta": "Meta"}
        key = self.key.upper() if len(self.key) == 1 or _function_key(self.key) else self.key.title()
        return "+".join([names[m] for m in MODIFIER_ORDER if m in self.modifiers] + [key])


def _function_key(key: str) -> bool:
    return key.startswith("f") and key[1:].isdigit() and 1 <= int(key[1:]) <= 24


def _known_key(key: str) -> bool:
    return (len(key) == 1 and key.isascii() and key.isalnum()) or _function_key(key) or key in NAMED_KEYS


# Called on the backend's own thread with the window that had the focus when the hotkey was pressed (None when
# the platform could not tell).
PressedCallback = Callable[["int | None"], None]


class HotkeyBackend(Protocol):
    """One platform's global hotkey and paste-back. Window handles are the platform's (X11 window id, HWND)."""

    name: str

    def register(self, hotkey: Hotkey, on_pressed: PressedCallback) -> None:
        """Start listening for ``hotkey`` (replacing any earlier one). Raises :class:`HotkeyProblem`."""

    def unregister(self) -> None:
        """Stop listening; the key combination is free for other programs again."""

    def focused_window(self) -> int | None:
        """The window that has the keyboard focus now."""

    def window_exists(self, window: int) -> bool:
        """Whether ``window`` is still open."""

    def activate(self, window: int, confirm: bool = True) -> bool:
        """Give the keyboard focus to ``window`` (raising it); with ``confirm``, wait (briefly) until it has it and
        say whether it does, else only whether the request was made."""

    def send_paste(self) -> None:
        """Press and release Ctrl+V as if typed, into whatever window has the focus."""

    def close(self) -> None:
        """Unregister and release the platform's resources."""
