"""Taking a role on this desk: an owner's or trainer's role asks for the owners' PIN (the first owner sets it).

Every place that offers a role change (Tools ▸ Role, the review queue's button) comes here, so the PIN is always
asked and the navigation and menus always follow the new role.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QInputDialog, QLineEdit, QMessageBox, QWidget

from app.curation.roles import PROTECTED, RoleRefused
from app.curation.workflow import Role
from app.ui.context import AppContext
from app.ui.errors import show_error

SWITCH_ROLE = QT_TRANSLATE_NOOP("RoleSwitch", "Switch role")


def tr(text: str) -> str:
    return QCoreApplication.translate("RoleSwitch", text)


def ask_pin(parent: QWidget | None, first: bool) -> str | None:
    """The PIN typed (None when cancelled). The first owner chooses it; later everyone types it."""
    prompt = (tr(QT_TRANSLATE_NOOP("RoleSwitch", "No owner PIN is set yet. Choose one (at least 4 characters); "
                                   "switching to KB owner or trainer will ask for it from now on."))
              if first else tr(QT_TRANSLATE_NOOP("RoleSwitch", "The KB owners' PIN:")))
    pin, ok = QInputDialog.getText(parent, tr(SWITCH_ROLE), prompt, QLineEdit.EchoMode.Password)
    return pin if ok else None


def switch_role(context: AppContext, parent: QWidget | None, role: str, on_done: Callable[[], None]) -> None:
    """Take ``role`` off the GUI thread (hashing the PIN takes a moment); ``on_done`` runs once it is taken."""
    pin = None
    if Role.parse(role) in PROTECTED:
        pin = ask_pin(parent, first=not context.desk.settings.owner_pin)
        if pin is None:
            return

    def failed(error: BaseException, details: str) -> None:
        if isinstance(error, RoleRefused):
            QMessageBox.warning(parent, tr(SWITCH_ROLE), str(error))
        else:
            show_error(parent, error, details)

    curation = context.desk.curation
    context.runner.write(lambda: curation.set_role(role, pin), lambda _none: on_done(), failed)
