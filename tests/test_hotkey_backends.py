"""The global hotkey without a display: parsing, platform detection, and the Windows backend's user32 calls."""

from __future__ import annotations

import ctypes
import threading
from ctypes import wintypes

import pytest

from app.ui.hotkey import HotkeyProblem, ProblemKind, create_backend, platform_name
from app.ui.hotkey import windows as win
from app.ui.hotkey.base import Hotkey


@pytest.mark.parametrize("text, modifiers, key, back", [
    ("Ctrl+Alt+K", {"ctrl", "alt"}, "k", "Ctrl+Alt+K"),
    ("alt+ctrl+k", {"ctrl", "alt"}, "k", "Ctrl+Alt+K"),
    ("Meta+Shift+F5", {"meta", "shift"}, "f5", "Shift+Meta+F5"),
    ("Ctrl+Space", {"ctrl"}, "space", "Ctrl+Space"),
    ("Ctrl+;", {"ctrl"}, ";", "Ctrl+;"),
])
def test_hotkeys_parse_from_the_settings_text_and_back(text, modifiers, key, back):
    hotkey = Hotkey.parse(text)
    assert hotkey.modifiers == frozenset(modifiers) and hotkey.key == key
    assert hotkey.text == back
    assert Hotkey.parse(hotkey.text) == hotkey


@pytest.mark.parametrize("text", ["", "K", "Shift+K", "Ctrl+Alt+", "Ctrl+Hyper+K", "Ctrl+Ä", "Ctrl+K, Ctrl+L", 5, None])
def test_what_cannot_be_a_global_hotkey_is_refused_as_invalid(text):
    with pytest.raises(HotkeyProblem) as caught:
        Hotkey.parse(text)
    assert caught.value.kind is ProblemKind.INVALID


@pytest.mark.parametrize("platform, environ, qt, expected", [
    ("win32", {}, "windows", "windows"),
    ("darwin", {}, "cocoa", "macos"),
    ("linux", {"DISPLAY": ":0"}, "xcb", "x11"),
    ("linux", {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "XDG_SESSION_TYPE": "wayland"}, "xcb", "wayland"),
    ("linux", {"WAYLAND_DISPLAY": "wayland-0"}, "wayland", "wayland"),
    ("linux", {"DISPLAY": ":0"}, "offscreen", "headless"),
    ("linux", {}, "", "headless"),
])
def test_the_platform_is_told_apart(platform, environ, qt, expected):
    assert platform_name(platform, environ, qt) == expected


@pytest.mark.parametrize("name", ["wayland", "macos", "headless"])
def test_unsupported_platforms_say_so_and_never_crash(name):
    backend = create_backend(name)
    with pytest.raises(HotkeyProblem) as caught:
        backend.register(Hotkey.parse("Ctrl+Alt+K"), lambda target: None)
    assert caught.value.kind is ProblemKind.UNSUPPORTED
    assert backend.focused_window() is None and backend.activate(1) is False and backend.window_exists(1) is False
    backend.unregister()
    backend.close()


class FakeUser32:
    """Records every user32 call; ``GetMessageW`` hands out queued messages and blocks until one is posted."""

    def __init__(self, foreground: int = 0x501, register_ok: bool = True):
        self.calls: list[tuple] = []
        self.foreground = foreground
        self.register_ok = register_ok
        self.windows = {0x501, 0x777}
        self.iconic: set[int] = set()
        self.refuse_focus = False
        self.sent_inputs: list[tuple[int, int]] = []
        self._queue: list[tuple[int, int]] = []
        self._posted = threading.Condition()

    def _record(self, *call) -> None:
        self.calls.append(call)

    def GetCurrentThreadId(self):
        return 4242

    def RegisterHotKey(self, hwnd, ident, modifiers, vk):
        self._record("RegisterHotKey", hwnd, ident, modifiers, vk)
        return 1 if self.register_ok else 0

    def UnregisterHotKey(self, hwnd, ident):
        self._record("UnregisterHotKey", hwnd, ident)
        return 1

    def post(self, message: int, wparam: int) -> None:
        with self._posted:
            self._queue.append((message, wparam))
            self._posted.notify()

    def GetMessageW(self, pointer, hwnd, low, high):
        with self._posted:
            self._posted.wait_for(lambda: self._queue, timeout=5)
            message, wparam = self._queue.pop(0)
        pointer.contents.message, pointer.contents.wParam = message, wparam
        return 0 if message == win.WM_QUIT else 1

    def PostThreadMessageW(self, thread_id, message, wparam, lparam):
        self._record("PostThreadMessageW", thread_id, message)
        self.post(message, wparam)
        return 1

    def GetForegroundWindow(self):
        return self.foreground

    def SetForegroundWindow(self, hwnd):
        self._record("SetForegroundWindow", hwnd)
        if not self.refuse_focus:
            self.foreground = hwnd
        return 0 if self.refuse_focus else 1

    def IsWindow(self, hwnd):
        return hwnd in self.windows

    def IsWindowVisible(self, hwnd):
        return hwnd in self.windows

    def IsIconic(self, hwnd):
        return hwnd in self.iconic

    def ShowWindow(self, hwnd, command):
        self._record("ShowWindow", hwnd, command)
        self.iconic.discard(hwnd)
        return 1

    def SendInput(self, count, inputs, size):
        self._record("SendInput", count, size)
        array = ctypes.cast(inputs, ctypes.POINTER(win.INPUT))
        for i in range(count):
            assert array[i].type == win.INPUT_KEYBOARD
            self.sent_inputs.append((array[i].ki.wVk, array[i].ki.dwFlags))
        return count


def test_windows_registers_the_hotkey_on_its_own_thread_and_reports_the_foreground_window():
    user32 = FakeUser32(foreground=0x501)
    backend = win.WindowsHotkeys(user32, last_error=lambda: 0, sleep=lambda s: None)
    pressed: list = []
    arrived = threading.Event()
    backend.register(Hotkey.parse("Ctrl+Alt+K"), lambda target: (pressed.append(target), arrived.set()))
    assert user32.calls[0] == ("RegisterHotKey", None, win.HOTKEY_ID,
                               win.MOD_CONTROL | win.MOD_ALT | win.MOD_NOREPEAT, ord("K"))
    user32.post(0x0100, 0)  # some other message: ignored
    user32.post(win.WM_HOTKEY, win.HOTKEY_ID)
    assert arrived.wait(5)
    assert pressed == [0x501]
    backend.unregister()
    assert ("PostThreadMessageW", 4242, win.WM_QUIT) in user32.calls
    assert user32.calls[-1] == ("UnregisterHotKey", None, win.HOTKEY_ID)  # released on the registering thread


def test_windows_says_when_another_program_owns_the_hotkey():
    user32 = FakeUser32(register_ok=False)
    backend = win.WindowsHotkeys(user32, last_error=lambda: win.ERROR_HOTKEY_ALREADY_REGISTERED)
    with pytest.raises(HotkeyProblem) as caught:
        backend.register(Hotkey.parse("Ctrl+Shift+F9"), lambda target: None)
    assert caught.value.kind is ProblemKind.TAKEN
    assert user32.calls == [("RegisterHotKey", None, win.HOTKEY_ID,
                             win.MOD_CONTROL | win.MOD_SHIFT | win.MOD_NOREPEAT, 0x78)]
    other = win.WindowsHotkeys(FakeUser32(register_ok=False), last_error=lambda: 5)
    with pytest.raises(HotkeyProblem) as caught:
        other.register(Hotkey.parse("Ctrl+Alt+K"), lambda target: None)
    assert caught.value.kind is ProblemKind.FAILED and "5" in caught.value.detail


def test_windows_gives_the_focus_back_and_sends_ctrl_v():
    user32 = FakeUser32(foreground=0x999)
    user32.iconic.add(0x501)
    backend = win.WindowsHotkeys(user32, sleep=lambda s: None)
    assert backend.window_exists(0x501) and not backend.window_exists(0x123)
    assert backend.activate(0x501) is True
    assert ("ShowWindow", 0x501, win.SW_RESTORE) in user32.calls  # a minimised ticket window comes back first
    assert ("SetForegroundWindow", 0x501) in user32.calls
    backend.send_paste()
    assert user32.sent_inputs == [(win.VK_CONTROL, 0), (win.VK_V, 0), (win.VK_V, win.KEYEVENTF_KEYUP),
                                  (win.VK_CONTROL, win.KEYEVENTF_KEYUP)]
    assert ("SendInput", 4, ctypes.sizeof(win.INPUT)) in user32.calls


def test_windows_reports_a_window_that_is_gone_or_refuses_the_focus():
    user32 = FakeUser32(foreground=0x999)
    backend = win.WindowsHotkeys(user32, sleep=lambda s: None)
    assert backend.activate(0x123) is False  # closed: not even asked
    assert not any(call[0] == "SetForegroundWindow" for call in user32.calls)
    user32.refuse_focus = True
    assert backend.activate(0x501) is False


def test_the_input_structure_has_the_size_windows_expects():
    # SendInput refuses a cbSize that is not sizeof(INPUT): 40 bytes on 64-bit Windows, 28 on 32-bit.
    expected = 40 if ctypes.sizeof(ctypes.c_void_p) == 8 else 28
    assert ctypes.sizeof(win.INPUT) == expected
    assert ctypes.sizeof(wintypes.MSG) > 0
