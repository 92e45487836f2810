"""A guard against a reference-count bug in PySide6 6.12.0 on Python < 3.12.

There, every call of a Qt method that returns nothing (``painter.setPen``, ``label.setText`` …) drops one reference
to ``None`` without having taken it. On Python 3.12+ ``None`` is immortal and nothing happens; on 3.11 the count
reaches zero after some tens of thousands of calls and the interpreter aborts ("Fatal Python error: none_dealloc")
— in practice after a few minutes of typing, since painting a result list makes hundreds of such calls.

:func:`guard` measures whether the running PySide6 has the bug and, only then, gives ``None`` (and, as a
precaution, ``True``/``False``) a reference count so large it cannot be exhausted — what Python 3.12 does for them.
The proper fix is a PySide6 without the bug (or Python ≥ 3.12); this keeps the app alive meanwhile.
"""

from __future__ import annotations

import ctypes
import sys

_RESERVE = 1 << 40  # references: at a million lost per second, three years
_applied = False


def leaks_none() -> bool:
    from PySide6.QtCore import QObject

    probe = QObject()
    before = sys.getrefcount(None)
    for _ in range(16):
        probe.setObjectName("probe")  # a void method
    return sys.getrefcount(None) < before


def guard() -> bool:
    """Apply the workaround when needed; True when it was applied (now or earlier)."""
    global _applied
    if _applied:
        return True
    if sys.version_info >= (3, 12) or not leaks_none():
        return False
    for obj in (None, True, False):
        # ob_refcnt is the first field of every CPython object: add a reserve the leak cannot use up.
        ctypes.c_ssize_t.from_address(id(obj)).value += _RESERVE
    _applied = True
    return True
