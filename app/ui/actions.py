"""The action registry: every menu command and shortcut, declared here or by a capability's own module.

The main window builds its menus from :func:`actions` (grouped by ``menu``, sorted by ``order``) and then calls each
menu hook, so a capability adds commands with ``register_action(ActionSpec(...))`` without editing the window.
Texts are English source strings translated in the "Actions" context.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Protocol

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMenuBar, QMessageBox, QWidget

from app import __version__


class MainWindow(Protocol):
    """What a command may ask of the window it runs in (the main window implements it; no import of it here)."""

    def open_settings(self) -> None: ...

    def quit(self) -> None: ...

    def focus_search(self) -> None: ...

    def start_reindex(self) -> None: ...

    def as_widget(self) -> QWidget: ...

# (key, title) in menu-bar order; a spec naming another menu gets a menu of its own after these.
MENUS = [
    ("file", QT_TRANSLATE_NOOP("Actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")),
    ("go", QT_TRANSLATE_NOOP("Actions", "&Go")),
    ("tools", QT_TRANSLATE_NOOP("Actions", "&Tools")),
    ("help", QT_TRANSLATE_NOOP("Actions", "&Help")),
]


@dataclass(frozen=True)
class ActionSpec:
    key: str
    text: str  # English source text, translated in the "Actions" context (mark it with QT_TRANSLATE_NOOP)
    menu: str
    trigger: Callable[[MainWindow], None]
    shortcuts: tuple[str, ...] = ()
    order: int = 100
    roles: tuple[str, ...] = ("agent", "owner", "trainer")


MenuHook = Callable[[MainWindow, QMenuBar], None]

_ACTIONS: dict[str, ActionSpec] = {}
_MENU_HOOKS: list[MenuHook] = []


def register_action(spec: ActionSpec) -> None:
    _ACTIONS[spec.key] = spec


def actions() -> list[ActionSpec]:
    return sorted(_ACTIONS.values(), key=lambda a: (a.menu, a.order, a.key))


def register_menu_hook(hook: MenuHook) -> None:
    """For what a spec cannot say (a submenu, a checkable group): called after the menus are built."""
    _MENU_HOOKS.append(hook)


def menu_hooks() -> list[MenuHook]:
    return list(_MENU_HOOKS)


def translate(text: str) -> str:
    return QCoreApplication.translate("Actions", text)


ABOUT_TEXT = QT_TRANSLATE_NOOP(
    "Actions", "Deskbook %1\nA knowledge base and reply scripts for support teams. Works offline."
)
SHORTCUT_HELP = [
    ("Ctrl+K, /", QT_TRANSLATE_NOOP("Actions", "Search")),
    ("↑ ↓, Enter", QT_TRANSLATE_NOOP("Actions", "Move through results, open one")),
    ("Ctrl+Enter", QT_TRANSLATE_NOOP("Actions", "Copy the filled reply script")),
    ("Alt+1…9, F2", QT_TRANSLATE_NOOP("Actions", "Switch the script variant")),
    ("Ctrl+1…9", QT_TRANSLATE_NOOP("Actions", "Go to a page")),
    ("Esc", QT_TRANSLATE_NOOP("Actions", "Clear the search field")),
]


AboutSection = Callable[[MainWindow], str]
_ABOUT_SECTIONS: list[AboutSection] = []


def register_about_section(section: AboutSection) -> None:
    """More text for Help → About, after the version (e.g. the update location and its last check)."""
    _ABOUT_SECTIONS.append(section)


def _about(window: MainWindow) -> None:
    sections = [translate(ABOUT_TEXT).replace("%1", __version__), *(section(window) for section in _ABOUT_SECTIONS)]
    QMessageBox.about(
        window.as_widget(), translate("About Deskbook"),
        "\n\n".join(text for text in sections if text),
    )


def _shortcuts(window: MainWindow) -> None:
    QMessageBox.information(window.as_widget(), translate("Keyboard shortcuts"),
                            "\n".join(f"{keys}    {translate(what)}" for keys, what in SHORTCUT_HELP))


def _quick_reply(window: MainWindow) -> None:
    quick = getattr(window, "quick_reply", None)  # set by app.ui.quick_reply.install_quick_reply
    if quick is not None:
        quick.open_palette(from_menu=True)


for _spec in [
    ActionSpec("settings", QT_TRANSLATE_NOOP("Actions", "Settings…"), "file", lambda w: w.open_settings(),
               ("Ctrl+,",), 80),
    ActionSpec("quit", QT_TRANSLATE_NOOP("Actions", "Quit"), "file", lambda w: w.quit(), ("Ctrl+Q",), 999),
    ActionSpec("search", QT_TRANSLATE_NOOP("Actions", "Search"), "edit", lambda w: w.focus_search(), ("Ctrl+K",), 10),
    ActionSpec("quick_reply", QT_TRANSLATE_NOOP("Actions", "Quick reply palette…"), "edit", _quick_reply, (), 20),
    ActionSpec("reindex", QT_TRANSLATE_NOOP("Actions", "Rebuild search index"), "tools", lambda w: w.start_reindex(),
               (), 900),
    ActionSpec("shortcuts", QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"), "help", _shortcuts, ("F1",), 10),
    ActionSpec("about", QT_TRANSLATE_NOOP("Actions", "About Deskbook"), "help", _about, (), 900),
]:
    register_action(_spec)
