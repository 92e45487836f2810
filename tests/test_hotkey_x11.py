"""The X11 backend for real: a private Xvfb, a ticket window in another process, Deskbook itself, keys by XTest.

Skipped only where there is no Xvfb binary (or no python-xlib, i.e. not Linux).
"""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

pytest.importorskip("Xlib")

from app.model import Article, Kind, Status
from app.services import Deskbook
from app.ui.hotkey import HotkeyProblem, ProblemKind
from app.ui.hotkey.base import Hotkey
from app.ui.hotkey.x11 import X11Hotkeys
from tests.x11_harness import Keyboard, XvfbServer, start_deskbook, start_ticket_app, xvfb_available

pytestmark = pytest.mark.skipif(not xvfb_available(), reason="Xvfb is not installed")

REPLY = "{{ 客户姓名 }}您好，订单{{ 订单号 }}的退款已原路退回，请留意银行入账。"


@pytest.fixture(scope="module")
def xserver():
    server = XvfbServer()
    yield server
    server.stop()


@pytest.fixture
def keyboard(xserver):
    keys = Keyboard(xserver.display)
    yield keys
    keys.close()


def test_the_grab_is_exclusive_works_with_the_lock_keys_and_is_released(xserver, keyboard):
    first, second = X11Hotkeys(xserver.display), X11Hotkeys(xserver.display)
    pressed = threading.Semaphore(0)
    try:
        first.register(Hotkey.parse("Ctrl+Alt+J"), lambda target: pressed.release())
        with pytest.raises(HotkeyProblem) as caught:
            second.register(Hotkey.parse("Ctrl+Alt+J"), lambda target: None)
        assert caught.value.kind is ProblemKind.TAKEN
        keyboard.chord("Control_L", "Alt_L", "j")
        assert pressed.acquire(timeout=5)
        for lock in ("Caps_Lock", "Num_Lock"):  # switch the lock on: the hotkey still works
            keyboard.chord(lock)
            try:
                keyboard.chord("Control_L", "Alt_L", "j")
                assert pressed.acquire(timeout=5), lock
            finally:
                keyboard.chord(lock)  # off again, for the next test on this server
        keyboard.chord("Control_L", "j")  # not the combination
        assert not pressed.acquire(timeout=0.3)
        first.unregister()
        second.register(Hotkey.parse("Ctrl+Alt+J"), lambda target: pressed.release())  # free again
    finally:
        first.close()
        second.close()


def _data_dir(root: Path) -> Path:
    desk = Deskbook(root)
    desk.prepare_index()
    desk.reindex()
    desk.create_article(Article(kind=Kind.SCRIPT, title="退款到账回复 refundok", status=Status.PUBLISHED,
                                fields={"reply": REPLY}))
    desk.settings.language = "zh_CN"
    desk.settings.restore_clipboard_ms = 300
    desk.save_settings()
    desk.close()
    return root


def test_from_the_ticket_window_to_a_filled_reply_pasted_back(xserver, keyboard, tmp_path):
    data_dir = _data_dir(tmp_path / "data")
    ticket, ticket_window = start_ticket_app(xserver.display)
    deskbook = start_deskbook(xserver.display, data_dir)
    try:
        deskbook.wait_for(lambda line: "hotkey Ctrl+Alt+K registered (x11)" in line, timeout=60)
        ticket.send(setclip="客户的原话：我的钱呢")  # the agent's own clipboard, owned by the ticket app
        ticket.wait_for(lambda m: m.get("ok") == "setclip")
        keyboard.focus(ticket_window)  # the agent is typing in the ticket
        keyboard.wait_until(lambda: keyboard.focused() == ticket_window, 5, "ticket focused")

        keyboard.chord("Control_L", "Alt_L", "k")
        deskbook.wait_for(lambda line: "quick palette: ready" in line, timeout=10)
        keyboard.wait_until(lambda: keyboard.focused() not in (0, ticket_window), 5, "palette focused")
        keyboard.type("refundok")
        keyboard.chord("Return")  # at once: Enter waits for the answer to the last letter
        deskbook.wait_for(lambda line: "quick palette: form with 2 fields" in line, timeout=10)
        keyboard.type("Wang")
        keyboard.chord("Tab")
        keyboard.type("A1001")
        keyboard.chord("Return")

        pasted = ticket.wait_for(lambda m: m.get("text"), timeout=10)["text"]
        assert pasted == "Wang您好，订单A1001的退款已原路退回，请留意银行入账。"
        assert keyboard.focused() == ticket_window
        deskbook.wait_for(lambda line: "clipboard restored" in line, timeout=10)
        ticket.send(getclip=1)
        assert ticket.wait_for(lambda m: "clip" in m)["clip"] == "客户的原话：我的钱呢"
    finally:
        deskbook.stop()
        ticket.stop()
    time.sleep(0.2)
    desk = Deskbook(data_dir)
    try:
        script = next(a for a in desk.list_articles() if a.title == "退款到账回复 refundok")
        assert desk.get_article(script.id).copies == 1  # counted as a copy
    finally:
        desk.close()


class TinyWindowManager(threading.Thread):
    """Just enough of an EWMH window manager to take the other path of the backend: it announces itself, maps the
    windows it is asked to, and gives the focus on a ``_NET_ACTIVE_WINDOW`` request, recording each one."""

    def __init__(self, display_name: str):
        super().__init__(daemon=True)
        from Xlib import X, Xatom
        from Xlib.display import Display

        self.X, self.display = X, Display(display_name)
        self.root = self.display.screen().root
        self.active_atom = self.display.intern_atom("_NET_ACTIVE_WINDOW")
        self.requests: list[int] = []
        self.root.change_attributes(event_mask=X.SubstructureRedirectMask)
        check = self.root.create_window(0, 0, 1, 1, 0, X.CopyFromParent)
        self.root.change_property(self.display.intern_atom("_NET_SUPPORTING_WM_CHECK"), Xatom.WINDOW, 32, [check.id])
        self.display.sync()
        self.running = True

    def run(self) -> None:
        from Xlib import Xatom

        while self.running:
            if not self.display.pending_events():
                time.sleep(0.002)
                continue
            event = self.display.next_event()
            if event.type == self.X.MapRequest:
                event.window.map()
            elif event.type == self.X.ClientMessage and event.client_type == self.active_atom:
                self.requests.append(event.window.id)
                event.window.set_input_focus(self.X.RevertToParent, self.X.CurrentTime)
                self.root.change_property(self.active_atom, Xatom.WINDOW, 32, [event.window.id])
            self.display.sync()


def test_under_a_window_manager_focus_goes_through_net_active_window():
    server = XvfbServer()  # a server of its own: the other tests run without a window manager
    manager = TinyWindowManager(server.display)
    manager.start()
    keyboard = Keyboard(server.display)
    backend = X11Hotkeys(server.display)
    try:
        root = keyboard.display.screen().root
        ticket, other = (root.create_window(10, 10, 200, 100, 0, 24) for _ in range(2))
        for window in (ticket, other):
            window.map()
        keyboard.display.sync()
        keyboard.wait_until(lambda: backend.window_exists(ticket.id) and backend.window_exists(other.id), 5, "mapped")
        assert backend.activate(ticket.id) is True
        assert manager.requests == [ticket.id]  # asked the manager, not XSetInputFocus behind its back
        assert backend.focused_window() == ticket.id
        pressed = threading.Semaphore(0)
        seen: list = []
        backend.register(Hotkey.parse("Ctrl+Alt+K"), lambda target: (seen.append(target), pressed.release()))
        keyboard.chord("Control_L", "Alt_L", "k")
        assert pressed.acquire(timeout=5) and seen == [ticket.id]  # the active window at the press
        assert backend.activate(other.id) is True and backend.focused_window() == other.id
        other.destroy()
        keyboard.display.sync()
        assert backend.window_exists(other.id) is False
    finally:
        backend.close()
        manager.running = False
        manager.join(2)
        keyboard.close()
        server.stop()
