"""The error dialog: a short message for the user, the details one click away and copyable for a report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_error(parent: QWidget | None, error: BaseException, details: str = "") -> None:
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(box.tr("Deskbook"))
    box.setTextFormat(Qt.TextFormat.PlainText)  # messages quote titles and file names: never markup
    box.setText(str(error) or error.__class__.__name__)
    if details:
        box.setDetailedText(details)  # the details pane is selectable, so it can be copied into a report
    box.exec()
