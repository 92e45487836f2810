"""Linux/X11: ``XGrabKey`` on the root window, the focus from the X server, ``XTest`` for the paste keystroke.

Library: python-xlib (pure Python, the X protocol itself, with the XTEST extension and keysym tables), so nothing
needs compiling and the same code runs wherever an X server or XWayland runs. The grab listens on a connection and
a thread of its own (``select`` on the connection's socket and on a pipe that stops it), so the GUI thread never
waits for X. Focus and paste requests use a second connection, one caller at a time.

The grab is made for every combination of CapsLock, NumLock and ScrollLock, so the hotkey works whatever lock keys
are on. Without a window manager (a bare Xvfb) nobody moves the focus when a window is shown, so :meth:`activate`
sets it itself (``XSetInputFocus``); with an EWMH window manager it asks the manager (``_NET_ACTIVE_WINDOW``, as a
pager would, which focus-stealing prevention lets through).
"""

from __future__ import annotations

import contextlib
import logging
import os
import select
import threading
import time

from Xlib import XK, X
from Xlib import error as xerror
from Xlib.display import Display
from Xlib.ext import xtest
from Xlib.protocol import event as xevent

from app.ui.hotkey.base import Hotkey, HotkeyProblem, PressedCallback, ProblemKind

log = logging.getLogger(__name__)

FOCUS_TIMEOUT_S = 0.4
_KEYSYM_NAMES = {"space": "space", "insert": "Insert", "home": "Home", "end": "End", "pageup": "Prior",
                 "pagedown": "Next", "pause": "Pause", "`": "grave", "-": "minus", "=": "equal", "[": "bracketleft",
                 "]": "bracketright", ";": "semicolon", "'": "apostrophe", ",": "comma", ".": "period",
                 "/": "slash", "\\": "backslash"}


def keysym_for(key: str) -> int:
    name = _KEYSYM_NAMES.get(key) or (key.upper() if key.startswith("f") and key[1:].isdigit() else key)
    keysym = XK.string_to_keysym(name)
    if not keysym:
        raise HotkeyProblem(ProblemKind.INVALID, f"按键 {key!r} 在 X11 中没有对应的键")
    return keysym


def modifier_masks(display: Display) -> dict[str, int]:
    """The mask of each logical modifier on this server's keymap (Alt is usually Mod1, NumLock Mod2)."""
    wanted = {"alt": ("Alt_L", "Alt_R"), "meta": ("Super_L", "Super_R"), "numlock": ("Num_Lock",),
              "scrolllock": ("Scroll_Lock",)}
    keycodes = {name: {display.keysym_to_keycode(XK.string_to_keysym(s)) for s in syms} - {0}
                for name, syms in wanted.items()}
    masks = {"shift": X.ShiftMask, "ctrl": X.ControlMask, "capslock": X.LockMask}
    for index, codes in enumerate(display.get_modifier_mapping()):
        for name, wanted_codes in keycodes.items():
            if name not in masks and wanted_codes & set(codes) and index >= 3:
                masks[name] = 1 << index
    masks.setdefault("alt", X.Mod1Mask)
    masks.setdefault("meta", X.Mod4Mask)
    return masks


def _lock_combinations(masks: dict[str, int]) -> list[int]:
    locks = [masks[name] for name in ("capslock", "numlock", "scrolllock") if name in masks]
    combos = {0}
    for lock in locks:
        combos |= {combo | lock for combo in combos}
    return sorted(combos)


def _has_wm(display: Display) -> bool:
    root = display.screen().root
    prop = root.get_full_property(display.intern_atom("_NET_SUPPORTING_WM_CHECK"), X.AnyPropertyType)
    return bool(prop and prop.value and prop.value[0])


def focused_window(display: Display) -> int | None:
    """The active top-level window under a window manager, else the window holding the input focus."""
    if _has_wm(display):
        prop = display.screen().root.get_full_property(display.intern_atom("_NET_ACTIVE_WINDOW"), X.AnyPropertyType)
        if prop and prop.value and prop.value[0]:
            return int(prop.value[0])
    focus = display.get_input_focus().focus
    return None if isinstance(focus, int) else int(focus.id)  # None, PointerRoot: nobody in particular


class _GrabListener(threading.Thread):
    """Owns the grab connection: waits for the hotkey and reports each press with the focused window."""

    def __init__(self, display: Display, keycode: int, modifiers: int, ignored: int, on_pressed: PressedCallback):
        super().__init__(name="x11-hotkey", daemon=True)
        self.display, self.keycode, self.modifiers, self.ignored = display, keycode, modifiers, ignored
        self.on_pressed = on_pressed
        self._wake_read, self._wake_write = os.pipe()

    def run(self) -> None:
        held = False  # a key held down repeats as release+press pairs: only the first press counts
        try:
            while True:
                readable, _w, _x = select.select([self.display.fileno(), self._wake_read], [], [])
                if self._wake_read in readable:
                    return
                for _ in range(self.display.pending_events()):
                    event = self.display.next_event()
                    if event.type == X.KeyRelease and event.detail == self.keycode:
                        held = self._still_down()
                    elif (event.type == X.KeyPress and event.detail == self.keycode
                          and event.state & ~self.ignored & 0xFF == self.modifiers and not held):
                        held = True
                        self._report()
        except (OSError, xerror.ConnectionClosedError) as problem:
            log.warning("X11 hotkey listener stopped: %s", problem)

    def _still_down(self) -> bool:
        """Whether the key is down now, i.e. the release just seen was the key repeating, not let go."""
        keymap = self.display.query_keymap()
        return bool(keymap[self.keycode // 8] & (1 << (self.keycode % 8)))

    def _report(self) -> None:
        try:
            target = focused_window(self.display)
        except xerror.XError:
            target = None
        try:
            self.on_pressed(target)
        except Exception:  # the listener must outlive a failing receiver
            log.exception("hotkey receiver failed")

    def stop(self) -> None:
        os.write(self._wake_write, b"x")
        self.join(2.0)
        os.close(self._wake_read)
        os.close(self._wake_write)


class X11Hotkeys:
    name = "x11"

    def __init__(self, display_name: str | None = None):
        self.display_name = display_name
        self._listener: _GrabListener | None = None
        self._grabbed: tuple[int, list[int]] = (0, [])
        self._actions: Display | None = None
        self._lock = threading.Lock()  # the actions connection: one caller at a time (GUI thread, paste thread)

    def _open(self) -> Display:
        try:
            return Display(self.display_name)
        except (xerror.DisplayError, xerror.ConnectionClosedError, OSError) as problem:
            log.warning("cannot open the X display: %s", problem)  # Xlib's words, for the log; the user's in Chinese
            raise HotkeyProblem(ProblemKind.FAILED, "无法连接 X11 显示服务") from None

    # --- the hotkey ------------------------------------------------------------------------------------------
    def register(self, hotkey: Hotkey, on_pressed: PressedCallback) -> None:
        self.unregister()
        display = self._open()
        keycode = display.keysym_to_keycode(keysym_for(hotkey.key))
        if not keycode:
            display.close()
            raise HotkeyProblem(ProblemKind.INVALID, f"当前键盘布局中没有按键 {hotkey.key!r}")
        masks = modifier_masks(display)
        modifiers = sum(masks[name] for name in hotkey.modifiers)
        combos = _lock_combinations(masks)
        root = display.screen().root
        refused = xerror.CatchError(xerror.BadAccess)
        for locks in combos:
            root.grab_key(keycode, modifiers | locks, False, X.GrabModeAsync, X.GrabModeAsync, onerror=refused)
        display.sync()
        if refused.get_error() is not None:
            for locks in combos:
                root.ungrab_key(keycode, modifiers | locks)
            display.close()
            raise HotkeyProblem(ProblemKind.TAKEN, hotkey.text)
        ignored = masks["capslock"] | masks.get("numlock", 0) | masks.get("scrolllock", 0)
        self._grabbed = (keycode, [modifiers | locks for locks in combos])
        self._listener = _GrabListener(display, keycode, modifiers, ignored, on_pressed)
        self._listener.start()

    def unregister(self) -> None:
        listener, self._listener = self._listener, None
        if listener is None:
            return
        listener.stop()
        keycode, combos = self._grabbed
        try:
            root = listener.display.screen().root
            for mods in combos:
                root.ungrab_key(keycode, mods)
            listener.display.close()  # flushes the ungrabs
        except (xerror.XError, xerror.ConnectionClosedError, OSError) as problem:
            log.info("X11 hotkey release: %s", problem)

    # --- focus and paste -------------------------------------------------------------------------------------
    def _display(self) -> Display:
        if self._actions is None:
            self._actions = self._open()
        return self._actions

    def focused_window(self) -> int | None:
        with self._lock:
            return focused_window(self._display())

    def window_exists(self, window: int) -> bool:
        with self._lock:
            try:
                attributes = self._display().create_resource_object("window", window).get_attributes()
            except xerror.BadWindow:
                return False
            return attributes.map_state == X.IsViewable

    def activate(self, window: int, confirm: bool = True) -> bool:
        with self._lock:
            display = self._display()
            target = display.create_resource_object("window", window)
            failed = xerror.CatchError(xerror.BadWindow, xerror.BadMatch)
            if _has_wm(display):
                root = display.screen().root
                message = xevent.ClientMessage(window=target, client_type=display.intern_atom("_NET_ACTIVE_WINDOW"),
                                               data=(32, [2, X.CurrentTime, 0, 0, 0]))
                mask = X.SubstructureRedirectMask | X.SubstructureNotifyMask
                root.send_event(message, event_mask=mask, onerror=failed)
            else:
                target.configure(stack_mode=X.Above, onerror=failed)
                target.set_input_focus(X.RevertToParent, X.CurrentTime, onerror=failed)
            display.sync()
            if failed.get_error() is not None:
                return False
            if not confirm:
                return True
            deadline = time.monotonic() + FOCUS_TIMEOUT_S
            while True:
                if self._has_focus(display, window):
                    return True
                if time.monotonic() > deadline:
                    return False
                time.sleep(0.005)

    @staticmethod
    def _has_focus(display: Display, window: int) -> bool:
        if _has_wm(display):  # the manager says which top-level window is active (it may focus a frame or child)
            prop = display.screen().root.get_full_property(display.intern_atom("_NET_ACTIVE_WINDOW"),
                                                           X.AnyPropertyType)
            if prop and prop.value and int(prop.value[0]) == window:
                return True
        focus = display.get_input_focus().focus
        while not isinstance(focus, int):  # the focus may sit on a child of the top-level window
            if focus.id == window:
                return True
            tree = focus.query_tree()
            if tree.parent in (0, X.NONE) or tree.parent.id == tree.root.id:
                return False
            focus = tree.parent
        return False

    def send_paste(self) -> None:
        with self._lock:
            display = self._display()
            if not display.has_extension("XTEST"):
                raise HotkeyProblem(ProblemKind.FAILED, "X11 显示服务缺少 XTEST 扩展，无法模拟粘贴")
            control = display.keysym_to_keycode(XK.XK_Control_L)
            v_key = display.keysym_to_keycode(XK.XK_v)
            if not control or not v_key:
                raise HotkeyProblem(ProblemKind.FAILED, "当前键盘布局中没有 Ctrl 或 V 键")
            for kind, code in ((X.KeyPress, control), (X.KeyPress, v_key), (X.KeyRelease, v_key),
                               (X.KeyRelease, control)):
                xtest.fake_input(display, kind, code)
            display.sync()

    def close(self) -> None:
        self.unregister()
        with self._lock:
            if self._actions is not None:
                with contextlib.suppress(xerror.XError, xerror.ConnectionClosedError, OSError):
                    self._actions.close()
                self._actions = None
