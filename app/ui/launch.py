"""Starting the GUI: QApplication, data directory, demo seeding on first start, main window."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import resolve_data_dir
from app.services import Deskbook


def launch_gui(data_dir: str | None) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Deskbook")
    app.setOrganizationName("Deskbook")
    try:
        desk = Deskbook.open(resolve_data_dir(data_dir), seed_demo=True)
    except Exception as error:  # the user must see why the app cannot start, not a traceback in a terminal
        QMessageBox.critical(None, "Deskbook", f"Cannot open the data directory:\n{error}")
        return 1
    from app.ui.main_window import MainWindow

    if desk.prepare_index().value != "ready":
        desk.reindex()
    window = MainWindow(desk)
    window.show()
    code = app.exec()
    desk.close()
    return code
