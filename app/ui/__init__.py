"""The PySide6 desktop application. It talks to the core only through :mod:`app.services`."""

from app.ui.pyside_guard import guard as _guard_pyside

_guard_pyside()  # PySide6 6.12.0 on Python 3.11 loses a reference to None per void call; see pyside_guard
