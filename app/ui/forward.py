"""Naming a part's attribute on the widget that holds the part.

Big windows are built from parts (the editor's form, the request's plan and progress boxes); callers, other windows
and tests keep addressing the fields by the names they had on the window before it was split.
"""

from __future__ import annotations

from typing import Any


class Forward:
    """``title_edit = Forward("form")`` reads ``self.form.title_edit``; read-only."""

    def __init__(self, part: str):
        self.part = part
        self.name = ""

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: object | None, owner: type | None = None) -> Any:
        if instance is None:
            return self
        return getattr(getattr(instance, self.part), self.name)
