"""The editor's workflow buttons (submit for review, publish, return to draft, …). Which ones show follows the local
role and the article's status: they guide, they do not secure (the core decides what a role may do)."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Signal
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from app.curation.workflow import Action, Role, may
from app.model import Kind, Status
from app.services import SavedEdit

# Translated in the editor's context, where these texts were before the editor was split.
ACTION_TEXTS = {
    Action.SUBMIT: QT_TRANSLATE_NOOP("ArticleEditor", "Submit for review"),
    Action.PUBLISH: QT_TRANSLATE_NOOP("ArticleEditor", "Publish"),
    Action.RETURN: QT_TRANSLATE_NOOP("ArticleEditor", "Return to draft"),
    Action.UNPUBLISH: QT_TRANSLATE_NOOP("ArticleEditor", "Unpublish"),
    Action.ARCHIVE: QT_TRANSLATE_NOOP("ArticleEditor", "Archive"),
    Action.REOPEN: QT_TRANSLATE_NOOP("ArticleEditor", "Reopen"),
    Action.VERIFY: QT_TRANSLATE_NOOP("ArticleEditor", "Verify"),
}
NEW_ARTICLE_ACTIONS = (Action.SUBMIT, Action.PUBLISH)  # an article not saved yet can only start its workflow


def save_text(suggests: bool) -> str:
    """The save button: an agent editing a published article sends a suggestion, and the button says so."""
    return (QCoreApplication.translate("ArticleEditor", "Suggest this edit") if suggests
            else QCoreApplication.translate("ArticleEditor", "Save"))


def save_tooltip(suggests: bool) -> str:
    if not suggests:
        return ""
    return QCoreApplication.translate(
        "ArticleEditor", "This article is published: your edit goes to the KB owners as a suggestion, and colleagues "
        "read the published text until an owner publishes it.")


def suggestion_notice(outcome: SavedEdit) -> str:
    if outcome.proposal_id is not None:
        return QCoreApplication.translate(
            "ArticleEditor", "Your edit was sent to the team's KB owners as a proposal. Colleagues read the published "
            "text until an owner accepts it.")
    return QCoreApplication.translate(
        "ArticleEditor", "Your edit is saved as a suggestion in the review queue (Suggested edits). Colleagues read "
        "the published text until a KB owner publishes it.")


def role_name(role: str) -> str:
    names = {"agent": QCoreApplication.translate("ArticleEditor", "Agent"),
             "owner": QCoreApplication.translate("ArticleEditor", "KB owner"),
             "trainer": QCoreApplication.translate("ArticleEditor", "Trainer")}
    return names.get(role, role)


class WorkflowButtons(QWidget):
    sig_action = Signal(object)  # the Action clicked

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.buttons: dict[Action, QPushButton] = {}
        self._row = QHBoxLayout(self)
        self._row.setContentsMargins(0, 0, 0, 0)

    def show_for(self, role: Role, status: Status, kind: Kind, *, saved: bool) -> None:
        """The buttons of the actions ``role`` may take on an article in ``status`` (``saved``: it exists)."""
        while self._row.count():
            item = self._row.takeAt(0)
            if item is not None and item.widget() is not None:
                item.widget().deleteLater()
        self.buttons = {}
        for action, text in ACTION_TEXTS.items():
            if not may(role, action, status, kind) or (not saved and action not in NEW_ARTICLE_ACTIONS):
                continue
            button = QPushButton(QCoreApplication.translate("ArticleEditor", text), objectName=f"workflow_{action.value}")
            button.clicked.connect(lambda _checked=False, a=action: self.sig_action.emit(a))
            self._row.addWidget(button)
            self.buttons[action] = button
