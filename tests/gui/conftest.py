"""GUI fixtures: a main window on the demo knowledge base, with tasks run synchronously and private QSettings."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from app.services import Deskbook
from app.ui.tasks import SynchronousRunner


@pytest.fixture
def demo_desk(clock):
    desk = Deskbook.open(None, seed_demo=True, clock=clock)
    desk.prepare_index()
    desk.reindex()
    yield desk
    desk.close()


@pytest.fixture
def qsettings(tmp_path):
    return QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)


@pytest.fixture
def window(qtbot, demo_desk, qsettings):
    from app.ui.language import install_language
    from app.ui.main_window import MainWindow

    install_language("en")
    window = MainWindow(demo_desk, runner=SynchronousRunner(), settings=qsettings, tray=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    yield window
    install_language("en")


def search(qtbot, window, text: str | None = None, keys: str | None = None):
    """Type into the global search field and wait for the (debounced) answer; returns the search page."""
    page = window.page("search") if window.current_key() != "search" else window.current_page()
    with qtbot.waitSignal(page.session.sig_results, timeout=5000) as blocker:
        if keys is not None:
            qtbot.keyClicks(window.search_field, keys)
        else:
            window.search_field.setText(text)
    return window.current_page(), blocker.args[0]


@pytest.fixture(scope="module")
def shared_desk():
    """One demo knowledge base per module, for tests that only read (building the index takes a second or two)."""
    from tests.conftest import FakeClock

    desk = Deskbook.open(None, seed_demo=True, clock=FakeClock())
    desk.prepare_index()
    desk.reindex()
    yield desk
    desk.close()


@pytest.fixture(scope="module")
def _shared_window(qapp, shared_desk, tmp_path_factory):
    from app.ui.language import install_language
    from app.ui.main_window import MainWindow

    install_language("en")
    settings = QSettings(str(tmp_path_factory.mktemp("qs") / "window.ini"), QSettings.Format.IniFormat)
    window = MainWindow(shared_desk, runner=SynchronousRunner(), settings=settings, tray=False)
    window.show()
    yield window
    window.close()
    window.deleteLater()


@pytest.fixture
def desk_window(qtbot, _shared_window):
    """The module's window, back on an empty search page; the same knowledge base as ``shared_desk``."""
    from app.ui.language import install_language

    window = _shared_window
    install_language("en")
    window.show_page("search")
    page = window.current_page()
    for combo in (page.kind_filter, page.tag_filter, page.group_filter):
        combo.setCurrentIndex(0)
    if window.search_field.text():
        with qtbot.waitSignal(page.session.sig_results, timeout=5000):
            window.search_field.clear()
    page.reader.script_panel.values.clear()
    qtbot.waitExposed(window)
    yield window
    install_language("en")


TEST_PIN = "2468"


@pytest.fixture(autouse=True)
def answer_pin_dialogs(monkeypatch):
    """Role switches ask for the owners' PIN in a modal dialog: GUI tests answer it with TEST_PIN (the first switch
    sets it). tests/gui/test_role_switch.py checks the dialog itself."""
    from app.ui import role_switch

    asked: list[bool] = []
    monkeypatch.setattr(role_switch, "ask_pin", lambda parent, first: (asked.append(first), TEST_PIN)[1])
    return asked
