"""The global hotkey and paste-back, one small interface (:class:`base.HotkeyBackend`) per platform.

:func:`platform_name` tells which applies here without loading anything; :func:`create_backend` builds it.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping

from app.ui.hotkey.base import DEFAULT_HOTKEY, Hotkey, HotkeyBackend, HotkeyProblem, ProblemKind

__all__ = ["DEFAULT_HOTKEY", "Hotkey", "HotkeyBackend", "HotkeyProblem", "ProblemKind", "create_backend",
           "platform_name"]


def platform_name(platform: str | None = None, environ: Mapping[str, str] | None = None,
                  qt_platform: str = "") -> str:
    """``windows``, ``x11``, ``wayland``, ``macos``, ``headless`` (no display at all) or ``other``.

    A Wayland session counts as Wayland even with XWayland: an X client there only sees keys while one of its own
    windows has the focus, so a grab on the X root window is not global. ``qt_platform`` is Qt's platform plugin
    (``xcb``, ``wayland``, ``offscreen`` …) when a QGuiApplication exists.
    """
    platform = platform or sys.platform
    environ = os.environ if environ is None else environ
    if platform.startswith("win"):
        return "windows"
    if platform == "darwin":
        return "macos"
    if qt_platform in ("offscreen", "minimal", "vnc"):
        return "headless"
    if environ.get("XDG_SESSION_TYPE") == "wayland" or environ.get("WAYLAND_DISPLAY") or qt_platform == "wayland":
        return "wayland"
    if environ.get("DISPLAY"):
        return "x11"
    return "headless" if platform.startswith("linux") else "other"


def create_backend(name: str) -> HotkeyBackend:
    """The backend for ``platform_name()``'s answer; one that cannot work here reports why when registering."""
    if name == "x11":
        try:
            from app.ui.hotkey.x11 import X11Hotkeys
        except ImportError:  # python-xlib missing from a hand-made install
            from app.ui.hotkey.unsupported import UnsupportedHotkeys

            return UnsupportedHotkeys("x11-no-xlib")
        return X11Hotkeys()
    if name == "windows":
        from app.ui.hotkey.windows import WindowsHotkeys

        return WindowsHotkeys()
    from app.ui.hotkey.unsupported import UnsupportedHotkeys

    return UnsupportedHotkeys(name)
