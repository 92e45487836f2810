"""The main window's menu bar, built from the action registry (:mod:`app.ui.actions`) and the pages of the role."""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QMenuBar

from app.ui import actions as action_registry
from app.ui.page_registry import PageSpec

log = logging.getLogger(__name__)


def page_title(spec: PageSpec) -> str:
    return QCoreApplication.translate("Pages", spec.title)


def build_menu_bar(window: action_registry.MainWindow, bar: QMenuBar, role: str, page_specs: list[PageSpec],
                   show_page: Callable[[str], object]) -> None:
    """Fill ``bar`` anew: the registered commands the role may use, a Go menu with Ctrl+1…9, then the menu hooks."""
    bar.clear()
    menus: dict[str, QMenu] = {key: bar.addMenu(action_registry.translate(title))
                               for key, title in action_registry.MENUS}
    for spec in action_registry.actions():
        if role not in spec.roles:
            continue
        menu = menus.get(spec.menu)
        if menu is None:
            menu = menus[spec.menu] = bar.addMenu(action_registry.translate(spec.menu))
        action = QAction(action_registry.translate(spec.text), window.as_widget())
        action.setShortcuts([QKeySequence(s) for s in spec.shortcuts])
        action.setObjectName(f"action:{spec.key}")
        action.triggered.connect(lambda _checked=False, s=spec: s.trigger(window))
        menu.addAction(action)
    for number, page in enumerate(page_specs, start=1):
        action = QAction(page_title(page), window.as_widget())
        if number <= 9:
            action.setShortcut(QKeySequence(f"Ctrl+{number}"))
        action.triggered.connect(lambda _checked=False, key=page.key: show_page(key))
        menus["go"].addAction(action)
    for hook in action_registry.menu_hooks():
        try:
            hook(window, bar)
        except Exception:
            log.exception("menu hook failed")
