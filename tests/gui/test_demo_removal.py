"""File → Remove the demo knowledge base…: asks first, removes the demo, keeps what the user wrote, says so."""

from __future__ import annotations

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMessageBox

from app.model import Article, Kind, Status


def _menu_action(window) -> QAction:
    return window.findChild(QAction, "action:remove_demo")


def test_cancel_keeps_the_demo(window, monkeypatch):
    before = window.desk.count_articles()
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    _menu_action(window).trigger()
    assert window.desk.has_demo()
    assert window.desk.count_articles() == before


def test_removal_keeps_the_users_article_and_reports_it(window, monkeypatch):
    desk = window.desk
    mine = desk.create_article(Article(title="我们自己的退款规则", body="七天内原路退回", kind=Kind.CASE,
                                       status=Status.PUBLISHED), author="王敏")
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question",
                        lambda _p, _t, text, *a, **k: asked.append(text) or QMessageBox.StandardButton.Yes)
    messages: list[str] = []
    window.context.nav.sig_status.connect(messages.append)
    _menu_action(window).trigger()
    assert asked, "the removal must ask first"
    assert not desk.has_demo()
    assert desk.count_articles() == 1 and desk.get_article(mine.id).title == "我们自己的退款规则"
    assert messages and messages[-1].startswith("Demo removed:") and "0 edited articles kept" in messages[-1]
    results = desk.search("退款")
    assert [hit.summary.id for hit in results.results] == [mine.id]


def test_without_a_demo_it_says_so_and_asks_nothing(window, monkeypatch):
    window.desk.remove_demo()
    informed: list[str] = []
    monkeypatch.setattr(QMessageBox, "information", lambda _p, _t, text, *a, **k: informed.append(text))
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: (_ for _ in ()).throw(AssertionError("asked")))
    _menu_action(window).trigger()
    assert informed and "no demo" in informed[0]
