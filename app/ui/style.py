"""The look: a CJK font stack, the application style sheet and the colours painted by hand (badges, highlights)."""

from __future__ import annotations

import contextlib

from PySide6.QtGui import QColor, QFont, QFontDatabase
from PySide6.QtWidgets import QApplication

from app.paths import RESOURCES_DIR

STYLE_SHEET = RESOURCES_DIR / "style" / "deskbook.qss"

# The first family installed wins; Latin text falls through to the system sans.
CJK_FAMILIES = ["Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", "Source Han Sans SC", "WenQuanYi Micro Hei"]
CSS_FONT_STACK = ", ".join(f"'{f}'" for f in CJK_FAMILIES) + ", sans-serif"

PALETTE = {
    "accent": "#1d4ed8",
    "text": "#1f2933",
    "muted": "#66788a",
    "line": "#e4e7eb",
    "selected": "#e8f0fe",
    "highlight_bg": "#fff1b8",
    "missing_bg": "#fde68a",
    "missing_fg": "#92400e",
}

# Kind badges: (foreground, background)
KIND_COLOURS = {
    "case": ("#1d4ed8", "#dbeafe"),
    "script": ("#047857", "#d1fae5"),
    "handbook": ("#6d28d9", "#ede9fe"),
}
STALE_COLOURS = ("#b45309", "#fef3c7")


def colour(name: str) -> QColor:
    return QColor(PALETTE[name])


def ui_font(point_size: float = 10.5) -> QFont:
    font = QFont()
    available = set(QFontDatabase.families())
    font.setFamilies([f for f in CJK_FAMILIES if f in available] or CJK_FAMILIES)
    font.setPointSizeF(point_size)
    return font


def apply_style(app: QApplication) -> None:
    app.setStyle("Fusion")  # the same look on every platform; the native Windows style ignores parts of the QSS
    app.setFont(ui_font())
    with contextlib.suppress(OSError):  # a missing style sheet must not stop the app
        app.setStyleSheet(STYLE_SHEET.read_text("utf-8"))
