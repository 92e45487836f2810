"""Platforms without global hotkeys for ordinary programs: Wayland sessions and macOS (for now).

Wayland gives no program the keys typed into another one, nor lets it type into another one; that is its security
design, and the desktop's own shortcut settings are the way in (see :func:`app.ui.hotkey.platform_support`). macOS
would need the Carbon hotkey API and the Accessibility permission for the paste keystroke, which this build does
not include. Either way the palette stays reachable from the tray menu and the main window, and nothing crashes.
"""

from __future__ import annotations

from app.ui.hotkey.base import Hotkey, HotkeyProblem, PressedCallback, ProblemKind


class UnsupportedHotkeys:
    def __init__(self, name: str):
        self.name = name

    def register(self, hotkey: Hotkey, on_pressed: PressedCallback) -> None:
        raise HotkeyProblem(ProblemKind.UNSUPPORTED, self.name)

    def unregister(self) -> None:
        pass

    def focused_window(self) -> int | None:
        return None

    def window_exists(self, window: int) -> bool:
        return False

    def activate(self, window: int, confirm: bool = True) -> bool:
        return False

    def send_paste(self) -> None:
        raise HotkeyProblem(ProblemKind.UNSUPPORTED, self.name)

    def close(self) -> None:
        pass
