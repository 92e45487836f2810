"""What every screenshot walk-through starts with: the options, a styled app, and the demo KB in a scratch folder."""

from __future__ import annotations

import argparse
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import QApplication

from app.services import Deskbook
from app.ui.launch import create_application
from app.ui.language import install_language
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
