"""What every screenshot walk-through starts with: the options, a styled app, and the demo KB in a scratch folder."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services import Deskbook
from app.ui.language import install_language
from app.ui.launch import create_application
from app.ui.style import apply_style


@dataclass
class DemoSession:
    app: QApplication
    desk: Deskbook
    out: Path
    scratch: Path


def start_demo_session(scratch_prefix: str) -> DemoSession:
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", default="docs/screenshots")
    parser.add_argument("--language", default="zh_CN")
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=scratch_prefix))
    app = create_application()
    apply_style(app)
    install_language(args.language)
    desk = Deskbook.open(scratch / "data", seed_demo=True)
    desk.prepare_index()
    if desk.needs_rebuild():
        desk.reindex()
    return DemoSession(app, desk, out, scratch)


def open_window(desk: Deskbook, scratch: Path, width: int = 1400, height: int = 860):
    """The real main window on ``desk``, its window state kept in the scratch folder, shown at the given size."""
    from PySide6.QtCore import QSettings

    from app.ui.main_window import MainWindow

    window = MainWindow(desk, settings=QSettings(str(scratch / "window.ini"), QSettings.Format.IniFormat))
    window.resize(width, height)
    window.show()
    return window


def saver(widget, out: Path):
    """``save(name)``: a grab of ``widget`` into ``out``, said on standard output."""
    def save(name: str) -> None:
        widget.grab().save(str(out / name))
        print("saved", out / name)

    return save


def run_steps(steps: list, first_ms: int, gap_ms: int, ready=lambda: True) -> None:
    """Take ``steps`` one by one from the event loop: the first after ``first_ms``, each next ``gap_ms`` after the
    previous (its results and paint arrive meanwhile), and only once ``ready()`` says the window has settled."""
    from PySide6.QtCore import QTimer

    def run(index: int) -> None:
        if index >= len(steps):
            return
        if not ready():
            QTimer.singleShot(100, lambda: run(index))
            return
        steps[index]()
        QTimer.singleShot(gap_ms, lambda: run(index + 1))

    QTimer.singleShot(first_ms, lambda: run(0))
