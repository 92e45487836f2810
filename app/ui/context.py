"""What every page and dialog gets instead of global state: the services, the task runner, navigation hooks."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field

from PySide6.QtCore import QObject, Signal

from app.services import Deskbook
from app.ui.tasks import TaskRunner


class Navigator(QObject):
    """Requests to move around the app; the main window connects these to its pages."""

    sig_open_article = Signal(str)  # article id
    sig_edit_article = Signal(str)  # article id ("" for a new article)
    sig_article_history = Signal(str)  # article id: show its versions and diffs
    sig_verify_article = Signal(str)  # article id: mark as checked and true today
    sig_open_request = Signal(str)  # request id
    # A new need record from a handbook entry: its id, the questions ticked, the customer's answers by question
    sig_new_request = Signal(str, list, dict)
    sig_show_page = Signal(str)  # page key
    sig_status = Signal(str)  # a short message for the status bar
    sig_data_changed = Signal()  # something was saved; lists should refresh
    sig_settings_changed = Signal()  # the settings dialog was accepted (and the settings saved)


@dataclass
class AppContext:
    desk: Deskbook
    runner: TaskRunner
    nav: Navigator = field(default_factory=Navigator)
    # The window's pages show one search field's query: they count a search as one (app/search/counting.py).
    search_count_session: str = field(default_factory=lambda: uuid.uuid4().hex)
