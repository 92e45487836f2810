"""File → Remove the demo knowledge base…: a new team takes the demo out once it has its own articles.

The same operation as ``deskbook demo --remove``: what the user made or edited stays. It asks first (the removal
cannot be undone: the demo can be seeded again into an empty directory only) and runs as a write of the runner.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QMessageBox

from app.ui.actions import ActionSpec, register_action
from app.ui.errors import show_error


def tr(text: str) -> str:  # texts are marked with QT_TRANSLATE_NOOP("Demo", …) so lupdate finds their context
    return QCoreApplication.translate("Demo", text)


def remove_demo(window) -> None:
    context = window.context
    parent = window.as_widget()
    if not context.desk.has_demo():
        QMessageBox.information(parent, tr(QT_TRANSLATE_NOOP("Demo", "Remove the demo knowledge base")),
                                tr(QT_TRANSLATE_NOOP("Demo", "There is no demo data in this data directory.")))
        return
    answer = QMessageBox.question(
        parent, tr(QT_TRANSLATE_NOOP("Demo", "Remove the demo knowledge base")),
        tr(QT_TRANSLATE_NOOP("Demo", "Remove the demo articles you have not edited, and the demo's requests, searches and usage figures?\n\n"
           "Articles you wrote or edited stay. This cannot be undone.")),
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel, QMessageBox.StandardButton.Cancel)
    if answer != QMessageBox.StandardButton.Yes:
        return

    def done(counts: dict[str, int]) -> None:
        message = (tr(QT_TRANSLATE_NOOP("Demo", "Demo removed: %1 articles and %2 requests; %3 edited articles kept."))
                   .replace("%1", str(counts["articles"])).replace("%2", str(counts["requests"]))
                   .replace("%3", str(counts["kept"])))
        context.nav.sig_data_changed.emit()
        context.nav.sig_status.emit(message)

    context.runner.write(context.desk.remove_demo, done, lambda error, details: show_error(parent, error, details))


register_action(ActionSpec("remove_demo", QT_TRANSLATE_NOOP("Actions", "Remove the demo knowledge base…"), "file",
                           remove_demo, (), 60))
