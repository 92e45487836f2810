"""An agent's edit of a published article in the editor becomes a 修改建议; a KB owner publishes or declines it in the
review queue's tab, after switching role with the owners' PIN from the queue's own button."""

from __future__ import annotations

from app.curation.workflow import Role
from app.ui.curation_actions import controller


def _agent_suggests(window, demo_desk, article_id: str, new_body: str):
    window.context.nav.sig_edit_article.emit(article_id)
    editor = controller(window).editors[article_id]
    assert editor.save_action.text() == "Suggest this edit"  # the button says what a save will do
    editor.body_edit.setPlainText(new_body)
    editor.note_edit.setText("规则已更新")
    editor.save_action.trigger()
    return editor


def test_an_agents_edit_in_the_editor_waits_for_an_owner(qtbot, window, demo_desk):
    assert demo_desk.curation.role is Role.AGENT  # the default role
    case = demo_desk.get_article("demo-case-001")
    new_body = case.body + "\n\n补充：周末也可以办理。"
    editor = _agent_suggests(window, demo_desk, case.id, new_body)

    published = demo_desk.get_article(case.id)
    assert (published.body, published.version) == (case.body, case.version)  # colleagues still read the old text
    [waiting] = demo_desk.curation.suggestions.waiting()
    assert waiting.article_id == case.id and waiting.snapshot["body"] == new_body and waiting.note == "规则已更新"
    assert not editor.is_dirty() and editor.suggestion_label.isVisibleTo(editor)
    assert "Suggested edits" in editor.suggestion_label.text() and editor.state_label.text() == "Suggestion sent"
    editor.close()

    page = window.show_page("review")
    panel = page.edit_suggestions
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Suggested edits (1)"
    assert panel.table.rowCount() == 1 and not panel.accept_button.isEnabled()  # an agent only sees it
    assert panel.role_hint.isVisibleTo(panel)

    page.role_button.click()  # the queue's own button: the PIN (answered by the fixture), then the owner's menus
    assert demo_desk.curation.role is Role.OWNER
    assert "analytics" in [s.key for s in window.specs]
    page = window.show_page("review")
    panel = page.edit_suggestions
    assert panel.accept_button.isEnabled() and "周末也可以办理" in panel.preview.toPlainText()
    panel.accept_button.click()
    accepted = demo_desk.get_article(case.id)
    assert accepted.body == new_body and accepted.version == case.version + 1
    assert demo_desk.versions(case.id)[0].note == "采纳修改建议" or "修改建议" in demo_desk.versions(case.id)[0].note
    assert panel.table.rowCount() == 0 and page.tabs.tabText(page.tabs.indexOf(panel)) == "Suggested edits"


def test_an_owner_declines_with_a_reason_and_the_article_stays(qtbot, window, demo_desk):
    case = demo_desk.get_article("demo-case-002")
    _agent_suggests(window, demo_desk, case.id, "随便改改").close()
    controller(window).set_role("owner")
    panel = window.show_page("review").edit_suggestions
    panel.decline_button.click()  # no reason yet: nothing decided
    assert len(demo_desk.curation.suggestions.waiting()) == 1
    panel.note.setText("内容不准确")
    panel.decline_button.click()
    assert demo_desk.curation.suggestions.waiting() == []
    [mine] = demo_desk.curation.suggestions.mine("")
    assert (mine.state, mine.decision_note) == ("declined", "内容不准确")
    assert demo_desk.get_article(case.id).body == case.body


def test_back_as_an_agent_the_declined_suggestion_shows_the_owners_reason(qtbot, window, demo_desk):
    case = demo_desk.get_article("demo-case-002")
    _agent_suggests(window, demo_desk, case.id, "随便改改").close()
    controller(window).set_role("owner")
    panel = window.show_page("review").edit_suggestions
    panel.note.setText("内容不准确")
    panel.decline_button.click()
    controller(window).set_role("agent")
    page = window.show_page("review")
    panel = page.edit_suggestions
    assert panel.table.rowCount() == 1  # the agent's own suggestion, decided, still listed for them
    assert [panel.table.item(0, c).text() for c in (0, 1)] == [case.title, "Declined"]
    assert panel.table.horizontalHeaderItem(1).text() == "State"
    panel.table.selectRow(0)
    assert "Declined" in panel.about.text() and "内容不准确" in panel.about.text()
    assert not panel.accept_button.isEnabled()
    assert page.tabs.tabText(page.tabs.indexOf(panel)) == "Suggested edits"  # nothing waits any more


def test_an_owners_save_publishes_at_once(qtbot, window, demo_desk):
    controller(window).set_role("owner")
    case = demo_desk.get_article("demo-case-003")
    window.context.nav.sig_edit_article.emit(case.id)
    editor = controller(window).editors[case.id]
    assert editor.save_action.text() == "Save"
    editor.body_edit.setPlainText("负责人直接修改")
    editor.save_action.trigger()
    assert demo_desk.get_article(case.id).body == "负责人直接修改"
    assert demo_desk.curation.suggestions.waiting() == [] and not editor.suggestion_label.isVisibleTo(editor)
    editor.close()
