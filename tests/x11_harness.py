"""A private X server with a ticket window and a running Deskbook, driven by XTest like a person at the keyboard.

Used by the X11 hotkey test and ``bench hotkey``. Xvfb picks a free display number itself (``-displayfd``), so runs in
parallel never meet. There is no window manager: focus moves only where someone sets it (as the user's click would).
"""

from __future__ import annotations

import json
import os
import queue
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

from Xlib import XK, X
from Xlib.display import Display
from Xlib.error import BadAccess, CatchError
from Xlib.ext import xtest

ROOT = Path(__file__).resolve().parents[1]


def xvfb_available() -> bool:
    return shutil.which("Xvfb") is not None


class XvfbServer:
    def __init__(self) -> None:
        read, write = os.pipe()
        self.process = subprocess.Popen(
            # -noreset: the server would otherwise reset when its last client leaves, under the next one to connect
            ["Xvfb", "-displayfd", str(write), "-screen", "0", "1280x820x24", "-nolisten", "tcp", "-noreset"],
            pass_fds=(write,), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
        os.close(write)
        with os.fdopen(read) as pipe:
            number = pipe.readline().strip()
        if not number:
            self.process.kill()
            raise RuntimeError("Xvfb did not start")
        self.display = f":{number}"

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(5)


class LineProcess:
    """A child process whose stdout (JSON lines) or stderr (log lines) we wait on."""

    def __init__(self, args: list[str], env: dict[str, str], json_lines: bool):
        self.process = subprocess.Popen(args, env=env, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                        stderr=subprocess.PIPE, text=True, encoding="utf-8", cwd=ROOT)
        self.lines: queue.Queue[Any] = queue.Queue()
        self.seen: list[Any] = []
        stream = self.process.stdout if json_lines else self.process.stderr
        other = self.process.stderr if json_lines else self.process.stdout
        threading.Thread(target=self._read, args=(stream, json_lines), daemon=True).start()
        threading.Thread(target=self._drain, args=(other,), daemon=True).start()

    def _read(self, stream, json_lines: bool) -> None:
        for line in stream:
            parsed = json.loads(line) if json_lines and line.startswith("{") else line.rstrip("\n")
            self.seen.append(parsed)  # everything, for the message of a failing wait
            self.lines.put(parsed)

    def _drain(self, stream) -> None:
        for line in stream:
            self.seen.append(line.rstrip("\n"))

    def wait_for(self, matches, timeout: float = 10.0) -> Any:
        deadline = time.monotonic() + timeout
        while True:
            remaining = deadline - time.monotonic()
            if remaining <= 0:
                raise TimeoutError(f"not seen in {timeout} s; last lines: {self.seen[-20:]}")
            try:
                line = self.lines.get(timeout=remaining)
            except queue.Empty:
                continue
            if matches(line):
                return line

    def send(self, **command: object) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command, ensure_ascii=False) + "\n")
        self.process.stdin.flush()

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def qt_env(display: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("WAYLAND_DISPLAY", "XDG_SESSION_TYPE")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", LANG="zh_CN.UTF-8", PYTHONUNBUFFERED="1")
    return env


def start_ticket_app(display: str) -> tuple[LineProcess, int]:
    app = LineProcess([sys.executable, str(ROOT / "tests" / "x11_ticket_app.py")], qt_env(display), json_lines=True)
    window = app.wait_for(lambda m: "window" in m)["window"]
    return app, int(window)


def start_deskbook(display: str, data_dir: Path) -> LineProcess:
    args = [sys.executable, "-m", "app", "-v", "--data-dir", str(data_dir)]
    return LineProcess(args, qt_env(display), json_lines=False)


class Keyboard:
    """XTest on its own connection: keys, text, focus."""

    def __init__(self, display: str):
        self.display = Display(display)

    def keycode(self, name: str) -> int:
        code = self.display.keysym_to_keycode(XK.string_to_keysym(name))
        assert code, name
        return code

    def chord(self, *names: str) -> None:
        codes = [self.keycode(n) for n in names]
        for code in codes:
            xtest.fake_input(self.display, X.KeyPress, code)
        for code in reversed(codes):
            xtest.fake_input(self.display, X.KeyRelease, code)
        self.display.sync()

    def type(self, text: str) -> None:
        """ASCII letters and digits, as typed (an input method would be needed for Chinese)."""
        for char in text:
            self.chord("Shift_L", char) if char.isupper() else self.chord(char)

    def focus(self, window: int) -> None:
        self.display.create_resource_object("window", window).set_input_focus(X.RevertToParent, X.CurrentTime)
        self.display.sync()

    def focused(self) -> int:
        focus = self.display.get_input_focus().focus
        return 0 if isinstance(focus, int) else int(focus.id)

    def hotkey_taken(self, *names: str) -> bool:
        """Whether another client holds a grab on this combination (it answers BadAccess to ours)."""
        *mods, key = names
        masks = {"Control_L": X.ControlMask, "Alt_L": X.Mod1Mask, "Shift_L": X.ShiftMask}
        modifiers = sum(masks[m] for m in mods)
        root = self.display.screen().root
        refused = CatchError(BadAccess)
        root.grab_key(self.keycode(key), modifiers, False, X.GrabModeAsync, X.GrabModeAsync, onerror=refused)
        self.display.sync()
        if refused.get_error() is None:
            root.ungrab_key(self.keycode(key), modifiers)
            self.display.sync()
            return False
        return True

    def wait_until(self, condition, timeout: float = 10.0, what: str = "") -> None:
        deadline = time.monotonic() + timeout
        while not condition():
            if time.monotonic() > deadline:
                raise TimeoutError(what)
            time.sleep(0.005)

    def close(self) -> None:
        self.display.close()
