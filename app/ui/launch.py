"""Starting the GUI: QApplication, language, style, data directory, demo seeding on first start, main window.

The window appears before the search stack is loaded and the index opened: the main window opens it off the GUI
thread once it has painted (a query typed meanwhile waits for it); a missing or outdated index is then rebuilt in
the background (progress in the status bar) while search answers from the slower SQLite scan.
"""

from __future__ import annotations

import logging
import sys

from PySide6.QtWidgets import QApplication, QMessageBox

from app.paths import resolve_data_dir
from app.services import Deskbook

log = logging.getLogger(__name__)


def create_application() -> QApplication:
    # Searches run in Python on a worker thread; a shorter GIL switch interval (default 5 ms) lets the GUI thread
    # in sooner, so typing and painting do not wait behind a long query.
    sys.setswitchinterval(0.001)
    app = QApplication.instance() or QApplication(sys.argv)
    app.setApplicationName("Deskbook")
    app.setOrganizationName("Deskbook")
    app.setApplicationDisplayName("Deskbook")
    app.setDesktopFileName("deskbook")  # Wayland ties the window to the menu entry (deskbook install-desktop-entry)
    return app


def launch_gui(data_dir: str | None, smoke_test: bool = False, seed_demo: bool = True) -> int:
    from app.ui.language import install_language, resolve_language
    from app.ui.style import apply_style

    app = create_application()
    apply_style(app)
    from app.ui.data_guard import claim_data_dir, install_data_guard

    root = resolve_data_dir(data_dir)
    lock, code = claim_data_dir(root)  # one window per data directory; a second start brings the first forward
    if lock is None:
        return code
    try:
        desk = Deskbook.open(root, seed_demo=seed_demo)
    except Exception as error:  # the user must see why the app cannot start, not a traceback in a terminal
        lock.release()
        QMessageBox.critical(None, "Deskbook", f"无法打开数据目录：\n{error}")
        return 1
    install_language(resolve_language(desk.settings.language))
    from app.ui.main_window import MainWindow
    from app.ui.update_notice import install_update_notice  # before the window: it adds Help → Check for updates

    # The window opens the index (and rebuilds it if needed) in the background after its first paint, and imports
    # the pages other than the search page then.
    window = MainWindow(desk, defer_pages=True)
    window.show()
    guard = install_data_guard(window, root, lock)  # instance server, change watcher, daily backup
    install_update_notice(window)  # looks for a newer installer in the background, a while after start-up
    if smoke_test:
        from app.ui.smoke import quit_when_ready

        quit_when_ready(app, window)
    from app.ui.quick_reply import install_quick_reply

    quick_reply = install_quick_reply(window)  # the global hotkey and its palette
    code = app.exec()
    quick_reply.close()
    # Writes asked for before the window closed (a save, a view count) and background searches use the database:
    # let them finish first.
    window.context.runner.wait_for_done(10_000)
    guard.close()
    desk.close()
    return code
