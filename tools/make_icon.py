"""Render resources/icons/deskbook.svg into packaging/deskbook.ico (the Windows executable's and installer's icon).

Run after changing the SVG: ``.venv/bin/python tools/make_icon.py``. Qt renders the SVG (ImageMagick's renderer
draws a dark outline around it); Pillow writes the .ico with the sizes Windows asks for.
"""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SVG = ROOT / "resources" / "icons" / "deskbook.svg"
ICO = ROOT / "packaging" / "deskbook.ico"
SIZES = [16, 24, 32, 48, 64, 128, 256]


def main() -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PIL import Image
    from PySide6.QtCore import QBuffer, QIODevice, Qt
    from PySide6.QtGui import QGuiApplication, QImage, QPainter
    from PySide6.QtSvg import QSvgRenderer

    _app = QGuiApplication(sys.argv[:1])
    renderer = QSvgRenderer(str(SVG))
    image = QImage(256, 256, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter)
    painter.end()
    buffer = QBuffer()
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    Image.open(io.BytesIO(bytes(buffer.data()))).save(ICO, sizes=[(size, size) for size in SIZES])
    print(f"wrote {ICO}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
