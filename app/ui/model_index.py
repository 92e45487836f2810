"""The invisible root of a list or table model: the parent of every row, and the default ``parent`` in Qt's
``rowCount`` / ``columnCount`` signatures (one shared value instead of a new index per call)."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex

ROOT = QModelIndex()
