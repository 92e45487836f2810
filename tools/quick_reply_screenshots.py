"""Screenshots of the quick reply palette over another program's window (the real app, keys pressed by XTest).

    .venv/bin/python -m tools.quick_reply_screenshots [--out docs/screenshots]

Starts its own Xvfb, Deskbook on a fresh demo knowledge base (in Chinese) and a stand-in ticket window, presses
Ctrl+Alt+K over the ticket, searches, fills a script, and saves the whole screen before and after Enter. Chinese text
is typed with xdotool (it maps each character to a spare key for a moment, and now and then drops one: the tool
then says so, run it again); needs Xvfb, xdotool and ImageMagick.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from app.services import Deskbook
from tests.x11_harness import Keyboard, XvfbServer, start_deskbook, start_ticket_app


def type_chinese(display: str, text: str) -> None:
    environment = {**os.environ, "DISPLAY": display, "LANG": "C.UTF-8"}
    subprocess.run(["xdotool", "type", "--delay", "120", text], check=True, env=environment)


def screenshot(display: str, path: Path) -> None:
    subprocess.run(["import", "-display", display, "-window", "root", str(path)], check=True)
    print("saved", path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=Path("docs/screenshots"))
    args = parser.parse_args(argv)
    scratch = Path(tempfile.mkdtemp(prefix="deskbook-quick-shots-"))
    desk = Deskbook.open(scratch / "data", seed_demo=True)
    desk.prepare_index()
    desk.reindex()
    desk.settings.language = "zh_CN"
    desk.settings.abbreviations = True
    desk.save_settings()
    desk.close()
    server = XvfbServer()
    deskbook = start_deskbook(server.display, scratch / "data")  # mapped first: the ticket window goes on top
    keyboard = Keyboard(server.display)
    ticket = None
    try:
        deskbook.wait_for(lambda line: "hotkey Ctrl+Alt+K registered" in line, timeout=60)
        time.sleep(1.0)  # the main window's first paint and index
        ticket, window = start_ticket_app(server.display)
        ticket.send(settext="【工单 #20931】客户 王女士：\n"
                            "我 11 月 18 日申请的退款，到现在还没到账，订单号 A20931。\n\n回复：\n")
        ticket.wait_for(lambda m: m.get("ok") == "settext")
        keyboard.focus(window)
        keyboard.display.screen().root.warp_pointer(330, 250)
        keyboard.display.sync()
        keyboard.chord("Control_L", "Alt_L", "k")
        deskbook.wait_for(lambda line: "quick palette: ready" in line, timeout=10)
        keyboard.type("tuikuan")  # pinyin finds 退款 (and XTest never drops a letter)
        time.sleep(1.0)
        screenshot(server.display, args.out / "quick-reply-search.png")
        keyboard.chord("Return")
        deskbook.wait_for(lambda line: "quick palette: form with" in line, timeout=10)
        for value in ("王女士", "A20931", "128.00", "11月20日"):
            type_chinese(server.display, value)
            keyboard.chord("Tab")
        time.sleep(0.5)
        screenshot(server.display, args.out / "quick-reply.png")
        keyboard.chord("Return")  # one value still missing: the first Enter points at it
        time.sleep(0.3)
        keyboard.chord("Return")
        text = ticket.wait_for(lambda m: "您好" in m.get("text", ""), timeout=10)["text"]
        if "王女士您好，已为您查询：订单A20931的退款128.00元已于11月20日" not in text:
            raise RuntimeError(f"xdotool dropped a character, run again: {text!r}")
        time.sleep(0.5)
        screenshot(server.display, args.out / "quick-reply-pasted.png")
    finally:
        deskbook.stop()
        if ticket is not None:
            ticket.stop()
        keyboard.close()
        server.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
