"""Windows: ``RegisterHotKey`` on a thread with its own message loop, ``SetForegroundWindow`` + ``SendInput``.

Plain ctypes over user32, no library: the calls are few and documented, and the libraries that offer global hotkeys
in Python (keyboard, pynput) install a low-level keyboard hook that sees every key typed in every program, which a
support desk's antivirus rightly distrusts; ``RegisterHotKey`` claims one combination and is told when another
program owns it. The listening thread registers the hotkey itself (``WM_HOTKEY`` goes to the registering thread's
queue) and waits in ``GetMessageW``; stopping posts ``WM_QUIT`` to it. ``user32`` and the last-error reader are
parameters, so the tests run this module on any platform with a recording fake.
"""

from __future__ import annotations

import ctypes
import logging
import threading
from collections.abc import Callable
from ctypes import wintypes
from typing import Any

from app.ui.hotkey.base import Hotkey, HotkeyProblem, PressedCallback, ProblemKind

log = logging.getLogger(__name__)

WM_HOTKEY = 0x0312
WM_QUIT = 0x0012
MOD_ALT, MOD_CONTROL, MOD_SHIFT, MOD_WIN, MOD_NOREPEAT = 0x0001, 0x0002, 0x0004, 0x0008, 0x4000
ERROR_HOTKEY_ALREADY_REGISTERED = 1409
INPUT_KEYBOARD = 1
KEYEVENTF_KEYUP = 0x0002
VK_CONTROL, VK_V = 0x11, 0x56
SW_RESTORE = 9
HOTKEY_ID = 0xD35C  # any id in 0x0000–0xBFFF is the application's own
FOCUS_TIMEOUT_S = 0.4

_MODIFIERS = {"ctrl": MOD_CONTROL, "alt": MOD_ALT, "shift": MOD_SHIFT, "meta": MOD_WIN}
_NAMED_VK = {"space": 0x20, "pageup": 0x21, "pagedown": 0x22, "end": 0x23, "home": 0x24, "insert": 0x2D,
             "pause": 0x13, ";": 0xBA, "=": 0xBB, ",": 0xBC, "-": 0xBD, ".": 0xBE, "/": 0xBF, "`": 0xC0, "[": 0xDB,
             "\\": 0xDC, "]": 0xDD, "'": 0xDE}


def virtual_key(key: str) -> int:
    if len(key) == 1 and key.isascii() and key.isalnum():
        return ord(key.upper())  # VK_0…VK_9 and VK_A…VK_Z are the ASCII codes
    if key.startswith("f") and key[1:].isdigit():
        return 0x70 + int(key[1:]) - 1  # VK_F1 = 0x70
    if key in _NAMED_VK:
        return _NAMED_VK[key]
    raise HotkeyProblem(ProblemKind.INVALID, f"按键 {key!r} 没有对应的 Windows 虚拟键")


def modifier_flags(hotkey: Hotkey) -> int:
    return sum(_MODIFIERS[name] for name in hotkey.modifiers) | MOD_NOREPEAT


# Fixed-width types (Windows' WORD, DWORD, LONG), so the layout is Windows' on every platform the tests run on.
class KEYBDINPUT(ctypes.Structure):
    _fields_ = [("wVk", ctypes.c_uint16), ("wScan", ctypes.c_uint16), ("dwFlags", ctypes.c_uint32),
                ("time", ctypes.c_uint32), ("dwExtraInfo", ctypes.c_size_t)]


class MOUSEINPUT(ctypes.Structure):  # the largest member of INPUT's union: it sets the structure's size
    _fields_ = [("dx", ctypes.c_int32), ("dy", ctypes.c_int32), ("mouseData", ctypes.c_uint32),
                ("dwFlags", ctypes.c_uint32), ("time", ctypes.c_uint32), ("dwExtraInfo", ctypes.c_size_t)]


class _InputUnion(ctypes.Union):
    _fields_ = [("ki", KEYBDINPUT), ("mi", MOUSEINPUT)]


class INPUT(ctypes.Structure):
    _anonymous_ = ("u",)
    _fields_ = [("type", ctypes.c_uint32), ("u", _InputUnion)]


def _key_input(vk: int, up: bool) -> INPUT:
    item = INPUT(type=INPUT_KEYBOARD)
    item.ki = KEYBDINPUT(wVk=vk, wScan=0, dwFlags=KEYEVENTF_KEYUP if up else 0, time=0, dwExtraInfo=0)
    return item


def _load_user32() -> tuple[Any, Any, Callable[[], int]]:  # pragma: no cover - Windows only
    user32 = ctypes.WinDLL("user32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    user32.RegisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int, wintypes.UINT, wintypes.UINT]
    user32.RegisterHotKey.restype = wintypes.BOOL
    user32.UnregisterHotKey.argtypes = [wintypes.HWND, ctypes.c_int]
    user32.GetMessageW.argtypes = [ctypes.POINTER(wintypes.MSG), wintypes.HWND, wintypes.UINT, wintypes.UINT]
    user32.GetMessageW.restype = wintypes.BOOL
    user32.PostThreadMessageW.argtypes = [wintypes.DWORD, wintypes.UINT, wintypes.WPARAM, wintypes.LPARAM]
    user32.GetForegroundWindow.restype = wintypes.HWND
    user32.SetForegroundWindow.argtypes = [wintypes.HWND]
    user32.IsWindow.argtypes = [wintypes.HWND]
    user32.IsWindowVisible.argtypes = [wintypes.HWND]
    user32.IsIconic.argtypes = [wintypes.HWND]
    user32.ShowWindow.argtypes = [wintypes.HWND, ctypes.c_int]
    user32.SendInput.argtypes = [wintypes.UINT, ctypes.POINTER(INPUT), ctypes.c_int]
    user32.SendInput.restype = wintypes.UINT
    kernel32.GetCurrentThreadId.restype = wintypes.DWORD
    user32.GetCurrentThreadId = kernel32.GetCurrentThreadId
    return user32, kernel32, ctypes.get_last_error  # type: ignore[attr-defined]


class WindowsHotkeys:
    name = "windows"

    def __init__(self, user32: Any = None, last_error: Callable[[], int] | None = None,
                 sleep: Callable[[float], None] | None = None):
        if user32 is None:  # pragma: no cover - Windows only
            user32, _kernel32, last_error = _load_user32()
        self.user32 = user32
        self.last_error = last_error or (lambda: 0)
        import time

        self._sleep = sleep or time.sleep
        self._thread: threading.Thread | None = None
        self._thread_id = 0

    # --- the hotkey ------------------------------------------------------------------------------------------
    def register(self, hotkey: Hotkey, on_pressed: PressedCallback) -> None:
        self.unregister()
        flags, vk = modifier_flags(hotkey), virtual_key(hotkey.key)
        ready = threading.Event()
        outcome: dict[str, Any] = {}

        def listen() -> None:
            outcome["thread_id"] = self.user32.GetCurrentThreadId()
            if not self.user32.RegisterHotKey(None, HOTKEY_ID, flags, vk):
                outcome["error"] = self.last_error()
                ready.set()
                return
            ready.set()
            try:
                self._message_loop(on_pressed)
            finally:
                self.user32.UnregisterHotKey(None, HOTKEY_ID)

        thread = threading.Thread(target=listen, name="windows-hotkey", daemon=True)
        thread.start()
        ready.wait(5.0)
        if "error" in outcome or "thread_id" not in outcome:
            thread.join(1.0)
            code = outcome.get("error", 0)
            if code == ERROR_HOTKEY_ALREADY_REGISTERED:
                raise HotkeyProblem(ProblemKind.TAKEN, hotkey.text)
            raise HotkeyProblem(ProblemKind.FAILED, f"Windows 拒绝注册这个快捷键（错误码 {code}）")
        self._thread, self._thread_id = thread, outcome["thread_id"]

    def _message_loop(self, on_pressed: PressedCallback) -> None:
        message = wintypes.MSG()
        pointer = ctypes.pointer(message)
        while self.user32.GetMessageW(pointer, None, 0, 0) > 0:  # 0 is WM_QUIT, -1 an error
            if message.message == WM_HOTKEY and message.wParam == HOTKEY_ID:
                target = self.user32.GetForegroundWindow()
                try:
                    on_pressed(int(target) if target else None)
                except Exception:  # the listener must outlive a failing receiver
                    log.exception("hotkey receiver failed")

    def unregister(self) -> None:
        thread, self._thread = self._thread, None
        if thread is None:
            return
        self.user32.PostThreadMessageW(self._thread_id, WM_QUIT, 0, 0)
        thread.join(2.0)

    # --- focus and paste -------------------------------------------------------------------------------------
    def focused_window(self) -> int | None:
        window = self.user32.GetForegroundWindow()
        return int(window) if window else None

    def window_exists(self, window: int) -> bool:
        return bool(self.user32.IsWindow(window)) and bool(self.user32.IsWindowVisible(window))

    def activate(self, window: int, confirm: bool = True) -> bool:
        if not self.user32.IsWindow(window):
            return False
        if self.user32.IsIconic(window):
            self.user32.ShowWindow(window, SW_RESTORE)
        # Allowed: the hotkey made this process the one that received the last input, which Windows requires.
        self.user32.SetForegroundWindow(window)
        if not confirm:
            return True
        waited = 0.0
        while self.user32.GetForegroundWindow() != window:
            if waited >= FOCUS_TIMEOUT_S:
                return False
            self._sleep(0.01)
            waited += 0.01
        return True

    def send_paste(self) -> None:
        inputs = (INPUT * 4)(_key_input(VK_CONTROL, False), _key_input(VK_V, False), _key_input(VK_V, True),
                             _key_input(VK_CONTROL, True))
        sent = self.user32.SendInput(4, inputs, ctypes.sizeof(INPUT))
        if sent != 4:
            raise HotkeyProblem(ProblemKind.FAILED, f"模拟按键只发出了 4 个中的 {sent} 个（错误码 {self.last_error()}）")

    def close(self) -> None:
        self.unregister()
