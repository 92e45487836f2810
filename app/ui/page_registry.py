"""The pages of the left navigation. Each capability adds its page here; the main window only wires them.

A page is a QWidget built lazily (on first visit) by ``factory(context)``; ``title`` is English source text
translated in the "Pages" context (the zh_CN translation gives 搜索, 案例, 话术 …).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import QWidget

from app.ui.context import AppContext


@dataclass(frozen=True)
class PageSpec:
    key: str
    title: str  # source text; shown through QCoreApplication.translate("Pages", title)
    order: int
    factory: Callable[[AppContext], QWidget]
    roles: tuple[str, ...] = ("agent", "owner", "trainer")  # whose navigation shows it (roles guide, not secure)


_PAGES: dict[str, PageSpec] = {}


def register_page(spec: PageSpec) -> None:
    _PAGES[spec.key] = spec


def pages() -> list[PageSpec]:
    return sorted(_PAGES.values(), key=lambda p: p.order)


# Marks the titles for lupdate even though they are registered elsewhere.
PAGE_TITLES = [
    QT_TRANSLATE_NOOP("Pages", "Search"),
    QT_TRANSLATE_NOOP("Pages", "Cases"),
    QT_TRANSLATE_NOOP("Pages", "Scripts"),
    QT_TRANSLATE_NOOP("Pages", "Handbook"),
    QT_TRANSLATE_NOOP("Pages", "Today"),
    QT_TRANSLATE_NOOP("Pages", "Requests"),
    QT_TRANSLATE_NOOP("Pages", "Review queue"),
    QT_TRANSLATE_NOOP("Pages", "Analytics"),
    QT_TRANSLATE_NOOP("Pages", "Onboarding pack"),
    QT_TRANSLATE_NOOP("Pages", "Service figures"),
]
