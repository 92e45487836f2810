"""A page module for tests/gui/test_startup_window.py: registers a page when imported."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from app.ui.page_registry import PageSpec, register_page

register_page(PageSpec("deferred-test", "Deferred test", 95, lambda context: QLabel("deferred")))
