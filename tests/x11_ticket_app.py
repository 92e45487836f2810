"""A stand-in for the ticket page in the X11 hotkey test: one text field in its own process.

Prints JSON lines on stdout: ``{"window": id}`` once shown, ``{"text": …}`` whenever the field changes, and answers
JSON commands on stdin: ``{"setclip": text}`` puts text on the clipboard, ``{"getclip": 1}`` prints
``{"clip": text}`` (read through the X server, so it reflects whoever owns the clipboard now).
"""

from __future__ import annotations

import json
import sys
import time

from PySide6.QtCore import QSocketNotifier, QTimer
from PySide6.QtWidgets import QApplication, QPlainTextEdit


def say(**message: object) -> None:
    message["at"] = time.monotonic()  # CLOCK_MONOTONIC: comparable with the benchmark process's clock
    print(json.dumps(message, ensure_ascii=False), flush=True)


def main() -> int:
    app = QApplication(sys.argv)
    field = QPlainTextEdit()
    field.setWindowTitle("ticket")
    field.setGeometry(40, 40, 640, 360)
    field.textChanged.connect(lambda: say(text=field.toPlainText()))
    field.show()
    notifier = QSocketNotifier(sys.stdin.fileno(), QSocketNotifier.Type.Read)

    def command() -> None:
        line = sys.stdin.readline()
        if not line:
            app.quit()
            return
        request = json.loads(line)
        if "setclip" in request:
            QApplication.clipboard().setText(request["setclip"])
            say(ok="setclip")
        elif "getclip" in request:
            say(clip=QApplication.clipboard().text())
        elif "clear" in request:
            field.clear()
            say(ok="clear")
        elif "settext" in request:
            field.setPlainText(str(request["settext"]))
            field.moveCursor(field.textCursor().MoveOperation.End)
            say(ok="settext")

    notifier.activated.connect(command)
    QTimer.singleShot(0, lambda: say(window=int(field.winId())))
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
