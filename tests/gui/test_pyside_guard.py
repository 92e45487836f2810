"""The guard keeps None alive however many void Qt calls are made (PySide6 6.12.0 on Python 3.11 leaks one each)."""

from __future__ import annotations

import sys

from PySide6.QtGui import QColor, QPainter, QPixmap

import app.ui  # noqa: F401  (applies the guard)
from app.ui import pyside_guard


def test_many_void_calls_cannot_exhaust_none(qapp):
    pixmap = QPixmap(8, 8)
    painter = QPainter(pixmap)
    colour = QColor("#123456")
    for _ in range(200_000):  # far more than None's ordinary reference count
        painter.setPen(colour)
    painter.end()
    if pyside_guard.leaks_none():
        assert pyside_guard.guard() is True
        assert sys.getrefcount(None) > 1 << 39
    assert sys.getrefcount(None) > 100_000  # still far from zero: the interpreter lives on
