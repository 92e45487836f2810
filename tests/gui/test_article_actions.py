"""The strip above the reading pane: edit, history and verify the open article."""

from __future__ import annotations

from datetime import timedelta

from app.model import Status
from tests.gui.conftest import search


def _open_first(qtbot, window, query: str):
    page, _results = search(qtbot, window, query)
    page.open_index(page.view.model().index(0, 0), focus=True)
    return page


def test_strip_follows_the_open_article_and_verifies_it(qtbot, window, demo_desk, clock):
    demo_desk.settings.role = "owner"
    page = window.page("search")
    assert not page.article_actions.isVisibleTo(page)  # nothing open yet
    page = _open_first(qtbot, window, "退款")
    article = page.reader.article
    assert page.article_actions.article.id == article.id
    assert page.article_actions.isVisibleTo(page)
    clock.now += timedelta(days=200)  # every published article is due by then
    page.reader.open_article(article.id)
    assert page.article_actions.state.text() == "Due for review"
    assert article.id in {item.subject_id for item in demo_desk.due()}
    page.article_actions.verify_button.click()
    assert demo_desk.get_article(article.id).last_verified_at == clock.now
    assert article.id not in {item.subject_id for item in demo_desk.due()}
    assert page.article_actions.state.text() == ""


def test_edit_and_history_buttons_ask_the_navigator(qtbot, window, demo_desk):
    page = _open_first(qtbot, window, "退款")
    article_id = page.reader.article.id
    nav = window.context.nav
    with qtbot.waitSignal(nav.sig_article_history, timeout=2000) as history:
        page.article_actions.history_button.click()
    assert history.args == [article_id]
    with qtbot.waitSignal(nav.sig_edit_article, timeout=2000) as edit:
        page.article_actions.edit_button.click()
    assert edit.args == [article_id]
    from PySide6.QtWidgets import QApplication

    from app.ui.editor import ArticleEditor

    editors = [w for w in QApplication.topLevelWidgets() if isinstance(w, ArticleEditor) and w.isVisible()]
    assert [e.article.id for e in editors] == [article_id]
    for editor in editors:
        editor.close()


def test_verify_is_not_offered_for_a_draft(qtbot, window, demo_desk):
    demo_desk.settings.role = "owner"
    draft = next(s for s in demo_desk.list_articles() if s.status is Status.DRAFT)
    page = window.page("search")
    page.reader.open_article(draft.id)
    assert page.article_actions.isVisibleTo(page) and not page.article_actions.verify_button.isVisibleTo(page)


def test_today_page_snoozes_and_dismisses_the_selected_item(qtbot, window, demo_desk, clock):
    page = window.show_page("today")
    before = page.model.items()
    assert len(before) >= 2
    page.view.setCurrentIndex(page.model.index(0, 0))
    page.snooze_button.click()
    after_snooze = page.model.items()
    assert before[0].key not in {i.key for i in after_snooze} and len(after_snooze) == len(before) - 1
    page.view.setCurrentIndex(page.model.index(0, 0))
    dismissed = page.model.items()[0]
    page.dismiss_button.click()
    assert dismissed.key not in {i.key for i in page.model.items()}
    clock.now += timedelta(hours=25)  # the snooze ends; the dismissed item stays hidden
    page.refresh()
    keys = {i.key for i in page.model.items()}
    assert before[0].key in keys and dismissed.key not in keys
