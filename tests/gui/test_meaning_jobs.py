"""The window embeds pending articles in the background once a meaning model is installed, and after changes."""

from __future__ import annotations

from PySide6.QtCore import QSettings

from app.services import Deskbook
from app.ui.tasks import SynchronousRunner
from tests.helpers import make_article
from tests.tiny_model import write_model


def test_the_window_embeds_articles_and_search_finds_the_meaning(qtbot, tmp_path):
    from app.ui.main_window import MainWindow

    desk = Deskbook(tmp_path / "data")
    for title in ("退款多久到账", "修改收货地址", "发票怎么开"):
        desk.create_article(make_article(title, "正文"))
    desk.meaning.install(write_model(tmp_path / "model"))
    assert desk.meaning.status().embedded == 0
    window = MainWindow(desk, runner=SynchronousRunner(), settings=QSettings(str(tmp_path / "w.ini"),
                                                                             QSettings.Format.IniFormat), tray=False)
    qtbot.addWidget(window)
    window.show()
    qtbot.waitUntil(lambda: desk.meaning.status().embedded == 3, timeout=5000)
    assert desk.search("钱什么时候回来", log_query=False).results[0].summary.title == "退款多久到账"
    desk.create_article(make_article("账户被冻结", "正文"))
    window.context.nav.sig_data_changed.emit()
    window.meaning_jobs._timer.timeout.emit()  # the debounce, without waiting for it
    assert desk.meaning.status().embedded == 4
    window.close()
    desk.close()


def test_without_a_model_the_window_does_nothing_extra(qtbot, tmp_path):
    from app.ui.main_window import MainWindow

    desk = Deskbook(tmp_path / "data")
    desk.create_article(make_article("退款多久到账", "正文"))
    window = MainWindow(desk, runner=SynchronousRunner(), settings=QSettings(str(tmp_path / "w.ini"),
                                                                             QSettings.Format.IniFormat), tray=False)
    qtbot.addWidget(window)
    window.show()
    window.meaning_jobs.start()
    assert not (tmp_path / "data" / "vectors").exists()
    window.close()
    desk.close()
